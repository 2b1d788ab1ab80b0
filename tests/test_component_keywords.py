"""BackupServiceRole takes its arguments as keywords too, like pulumi_aws resources; an args dict or keywords,
never both. From other languages an argument mistake names the schema property, with no Python traceback
(the component package's plugin, backup_roles.host)."""

import json

import pulumi
import pytest
from backup_roles import BackupServiceRole
from backup_roles.host import BackupRolesProvider
from pulumi.provider.experimental.component import ComponentProvider

from tests.component_support import run


def registrations(program) -> list[tuple[str, str, dict]]:
    return [(r.type, r.name, r.inputs) for r in run(program).registrations]


def test_keywords_register_what_the_same_args_dict_registers():
    args = {"include_s3": False, "role_name_prefix": "backup-", "tags": {"team": "platform"}}
    with_dict = registrations(lambda: BackupServiceRole("r", args) and None)
    tags = {"team": "platform"}
    with_keywords = registrations(
        lambda: BackupServiceRole("r", include_s3=False, role_name_prefix="backup-", tags=tags) and None
    )
    assert with_keywords == with_dict
    assert [name for _, name, _ in with_keywords] == ["r", "r-role", "r-backup", "r-restores"]


def test_keywords_and_options_together():
    def program():
        BackupServiceRole("r", resource_types=["S3"], opts=pulumi.ResourceOptions(protect=True))

    assert [r.name for r in run(program).registrations] == ["r", "r-role", "r-s3-backup", "r-s3-restore"]


def test_an_args_dict_and_keywords_together_are_refused():
    raised: list[BaseException] = []

    def program():
        with pytest.raises(TypeError) as caught:
            BackupServiceRole("r", {"include_s3": False}, resource_types=["S3"], include_restores=False)
        raised.append(caught.value)

    result = run(program)
    assert str(raised[0]) == (
        "BackupServiceRole 'r': give the arguments either as a BackupServiceRoleArgs dict or as keyword "
        "arguments, not both (got args and the keywords include_restores, resource_types)"
    )
    assert result.registrations == []


def test_an_unknown_keyword_is_named():
    raised: list[BaseException] = []

    def program():
        with pytest.raises(TypeError) as caught:
            BackupServiceRole("r", include_s4=False)  # type: ignore[call-arg]
        raised.append(caught.value)

    run(program)
    assert str(raised[0]).startswith(
        "BackupServiceRole 'r': unknown argument 'include_s4'; accepted arguments: include_s3, "
    )


def test_the_schema_is_still_inferred_from_the_args_dict_alone():
    served = json.loads(BackupRolesProvider().schema)
    inferred = json.loads(ComponentProvider([BackupServiceRole], "backup-roles", None, "0.0.0").schema)
    resource = served["resources"]["backup-roles:index:BackupServiceRole"]
    assert resource == inferred["resources"]["backup-roles:index:BackupServiceRole"]
    assert "kwargs" not in resource["inputProperties"]
    assert "resourceTypes" in resource["inputProperties"]


@pytest.mark.parametrize(
    ("reason", "path", "translated"),
    [
        (
            "resource_types: unknown AWS Backup resource type 'Nope'; accepted values: S3",
            "resourceTypes",
            "resourceTypes: unknown AWS Backup resource type 'Nope'; accepted values: S3",
        ),
        (
            "resource_types[1] must be a str, got int",
            "resourceTypes[1]",
            "resourceTypes[1] must be a str, got int",
        ),
        (
            "role_name and role_name_prefix are mutually exclusive; give at most one",
            "roleName",
            "roleName and roleNamePrefix are mutually exclusive; give at most one",
        ),
        (
            "existing_role_name (adopt mode) cannot be combined with path and tags",
            "existingRoleName",
            "existingRoleName (adopt mode) cannot be combined with path and tags",
        ),
        ("include_s3 must be a bool (True or False), got str", "includeS3", None),
    ],
    ids=["value", "element", "conflict", "adopt-conflict", "type"],
)
def test_argument_errors_are_told_in_schema_property_names(reason, path, translated):
    got_path, got_reason = BackupRolesProvider().in_schema_terms(reason)
    assert got_path == path
    if translated is not None:
        assert got_reason == translated
    assert "_" not in got_path
