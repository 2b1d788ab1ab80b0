"""Every static mistake fails at construction with a message naming the argument and what it accepts.

Each case constructs BackupServiceRole under mocks and asserts the exact exception and that nothing at all
was registered (validation runs before the component registers itself).
"""

from collections.abc import Callable
from typing import Any

import pulumi
import pytest
from backup_roles import RESOURCE_TYPES, BackupServiceRole

from tests.component_support import run

TYPES = ", ".join(RESOURCE_TYPES)
ARGUMENTS = ", ".join(
    [
        "include_s3",
        "resource_types",
        "include_restores",
        "extra_policy_arns",
        "partition",
        "role_name",
        "role_name_prefix",
        "path",
        "description",
        "tags",
        "permissions_boundary",
        "max_session_duration",
        "source_account_id",
        "existing_role_name",
    ]
)
ARN_SHAPE = "arn:<partition>:iam::<'aws' or a 12-digit account id>:policy/<optional path/><name>"
NAME_CHARS = "letters, digits and +=,.@_-"


def output(value: Any) -> Callable[[], Any]:
    """An argument that is an Output; built lazily, inside the mocked program."""
    return lambda: pulumi.Output.from_input(value)


# (case, args, exception type, message after "BackupServiceRole 'r': ")
CASES: list[tuple[str, Any, type[Exception], str]] = [
    ("args-not-a-dict", ["S3"], TypeError, "args must be a dict (BackupServiceRoleArgs), got list"),
    (
        "unknown-argument",
        {"include_S3": False},
        TypeError,
        f"unknown argument 'include_S3'; accepted arguments: {ARGUMENTS}",
    ),
    (
        "camel-case-argument",
        {"includeS3": False},
        TypeError,
        f"unknown argument 'includeS3'; accepted arguments: {ARGUMENTS}",
    ),
    (
        "include-s3-not-bool",
        {"include_s3": "no"},
        TypeError,
        "include_s3 must be a bool (True or False), got str",
    ),
    (
        "include-restores-not-bool",
        {"include_restores": 1},
        TypeError,
        "include_restores must be a bool (True or False), got int",
    ),
    (
        "resource-types-a-str",
        {"resource_types": "S3"},
        TypeError,
        "resource_types must be a list of AWS Backup resource type names, got str 'S3'; write ['S3']",
    ),
    (
        "resource-types-an-output",
        {"resource_types": output(["S3"])},
        TypeError,
        "resource_types must be a list of AWS Backup resource type names, got Output",
    ),
    (
        "resource-type-not-str",
        {"resource_types": ["S3", 3]},
        TypeError,
        "resource_types[1] must be a str, got int",
    ),
    (
        "unknown-resource-type",
        {"resource_types": ["EBS", "Glacier"]},
        ValueError,
        f"resource_types: unknown AWS Backup resource type 'Glacier'; accepted values: {TYPES}",
    ),
    (
        "resource-type-wrong-case",
        {"resource_types": ["dynamodb"]},
        ValueError,
        "resource_types: unknown AWS Backup resource type 'dynamodb' (did you mean 'DynamoDB'?); accepted "
        f"values: {TYPES}",
    ),
    (
        "no-resource-type",
        {"resource_types": []},
        ValueError,
        f"resource_types must name at least one resource type; accepted values: {TYPES}",
    ),
    (
        "include-s3-false-but-listed",
        {"include_s3": False, "resource_types": ["S3", "EBS"]},
        ValueError,
        "include_s3=False contradicts resource_types, which lists 'S3'; give only one of them, or make "
        "them agree",
    ),
    (
        "include-s3-true-but-not-listed",
        {"include_s3": True, "resource_types": ["EBS"]},
        ValueError,
        "include_s3=True contradicts resource_types, which does not list 'S3'; give only one of them, or "
        "make them agree",
    ),
    (
        "unknown-partition",
        {"partition": "aws-iso"},
        ValueError,
        "partition: unknown AWS partition 'aws-iso'; accepted values: aws, aws-cn, aws-us-gov",
    ),
    (
        "partition-an-output",
        {"partition": output("aws")},
        TypeError,
        "partition must be a str (aws, aws-cn, aws-us-gov), got Output; leave it unset to use the "
        "partition of the AWS provider",
    ),
    (
        "extra-arns-a-str",
        {"extra_policy_arns": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
        TypeError,
        "extra_policy_arns must be a list of policy ARNs (a plain list; its items may be outputs), got str",
    ),
    (
        "extra-arn-not-str",
        {"extra_policy_arns": [42]},
        TypeError,
        "extra_policy_arns[0] must be a str or an Output[str], got int",
    ),
    (
        "extra-arn-not-a-policy",
        {"extra_policy_arns": ["arn:aws:iam::aws:role/ReadOnlyAccess"]},
        ValueError,
        "extra_policy_arns[0]: 'arn:aws:iam::aws:role/ReadOnlyAccess' is not an IAM managed policy ARN; "
        f"expected {ARN_SHAPE}",
    ),
    (
        "extra-arn-short-account",
        {"extra_policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::1234:policy/kms"]},
        ValueError,
        "extra_policy_arns[1]: 'arn:aws:iam::1234:policy/kms' is not an IAM managed policy ARN; expected "
        f"{ARN_SHAPE}",
    ),
    (
        "extra-arn-unknown-partition",
        {"extra_policy_arns": ["arn:aws-xx:iam::aws:policy/ReadOnlyAccess"]},
        ValueError,
        "extra_policy_arns[0]: 'arn:aws-xx:iam::aws:policy/ReadOnlyAccess' names unknown AWS partition "
        "'aws-xx'; "
        "accepted values: aws, aws-cn, aws-us-gov",
    ),
    (
        "extra-arn-other-partition",
        {"partition": "aws-cn", "extra_policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]},
        ValueError,
        "extra_policy_arns[0]: 'arn:aws:iam::aws:policy/ReadOnlyAccess' is in partition 'aws', but "
        "partition is 'aws-cn'",
    ),
    (
        "extra-arn-s3-policy-under-service-role",
        {"extra_policy_arns": ["arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForS3Backup"]},
        ValueError,
        "extra_policy_arns[0]: "
        "'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForS3Backup' does not "
        "exist: the S3 policies are at the root path: "
        "'arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup'",
    ),
    (
        "extra-arn-chosen-by-the-component",
        {"extra_policy_arns": ["arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore"]},
        ValueError,
        "extra_policy_arns[0]: 'arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore' is one of "
        "the AWS "
        "Backup policies this component chooses itself; select it with resource_types, include_s3 and "
        "include_restores instead",
    ),
    (
        "extra-arn-twice",
        {
            "extra_policy_arns": [
                "arn:aws:iam::aws:policy/ReadOnlyAccess",
                "arn:aws:iam::aws:policy/ReadOnlyAccess",
            ]
        },
        ValueError,
        "extra_policy_arns[1]: 'arn:aws:iam::aws:policy/ReadOnlyAccess' is listed twice",
    ),
    (
        "extra-arns-same-name",
        {
            "extra_policy_arns": [
                "arn:aws:iam::aws:policy/ReadOnlyAccess",
                "arn:aws:iam::123456789012:policy/ReadOnlyAccess",
            ]
        },
        ValueError,
        "extra_policy_arns[1]: 'arn:aws:iam::123456789012:policy/ReadOnlyAccess' has the same path and "
        "name as "
        "another extra policy ARN",
    ),
    (
        "name-and-prefix",
        {"role_name": "backup", "role_name_prefix": "backup-"},
        ValueError,
        "role_name and role_name_prefix are mutually exclusive; give at most one",
    ),
    (
        "role-name-with-space",
        {"role_name": "backup role"},
        ValueError,
        f"role_name: 'backup role' is not valid; accepted: 1 to 64 characters from {NAME_CHARS}",
    ),
    (
        "role-name-too-long",
        {"role_name": "r" * 65},
        ValueError,
        f"role_name: {'r' * 65!r} is not valid; accepted: 1 to 64 characters from {NAME_CHARS}",
    ),
    ("role-name-not-str", {"role_name": 12}, TypeError, "role_name must be a str or an Output[str], got int"),
    (
        "role-name-prefix-too-long",
        {"role_name_prefix": "p" * 39},
        ValueError,
        f"role_name_prefix: {'p' * 39!r} is not valid; accepted: 1 to 38 characters from {NAME_CHARS}",
    ),
    (
        "path-without-slashes",
        {"path": "service-role"},
        ValueError,
        "path: 'service-role' is not valid; accepted: '/' or '/segments/', printable ASCII, starting and "
        "ending with '/'",
    ),
    (
        "description-too-long",
        {"description": "d" * 1001},
        ValueError,
        f"description: {'d' * 1001!r} is not valid; accepted: at most 1000 characters, no control characters",
    ),
    ("tags-a-list", {"tags": ["team"]}, TypeError, "tags must be a dict or an Output[dict], got list"),
    (
        "tag-value-an-int",
        {"tags": {"team": 7}},
        TypeError,
        "tags['team'] must be a str or an Output[str], got int",
    ),
    (
        "permissions-boundary-a-name",
        {"permissions_boundary": "PowerUserAccess"},
        ValueError,
        f"permissions_boundary: 'PowerUserAccess' is not an IAM managed policy ARN; expected {ARN_SHAPE}",
    ),
    (
        "session-too-short",
        {"max_session_duration": 900},
        ValueError,
        "max_session_duration: 900 is out of range; accepted values: 3600 to 43200 seconds (1 to 12 hours)",
    ),
    (
        "session-too-long",
        {"max_session_duration": 43201},
        ValueError,
        "max_session_duration: 43201 is out of range; accepted values: 3600 to 43200 seconds (1 to 12 hours)",
    ),
    (
        "session-a-bool",
        {"max_session_duration": True},
        TypeError,
        "max_session_duration must be an int or an Output[int], got bool",
    ),
    (
        "session-a-fraction",
        {"max_session_duration": 3600.5},
        TypeError,
        "max_session_duration must be an int or an Output[int], got float",
    ),
    (
        "source-account-too-short",
        {"source_account_id": "12345"},
        ValueError,
        "source_account_id: '12345' is not valid; accepted: an AWS account id, exactly 12 digits",
    ),
    (
        "source-account-an-int",
        {"source_account_id": 123456789012},
        TypeError,
        "source_account_id must be a str or an Output[str], got int",
    ),
    (
        "adopt-with-role-options",
        {"existing_role_name": "AWSBackupDefaultServiceRole", "role_name": "backup", "tags": {"team": "ops"}},
        ValueError,
        "existing_role_name (adopt mode) cannot be combined with role_name, tags: adopt mode creates no "
        "role, so "
        "only resource_types, include_s3, include_restores, extra_policy_arns and partition apply",
    ),
    (
        "adopt-with-source-account",
        {"existing_role_name": "AWSBackupDefaultServiceRole", "source_account_id": "123456789012"},
        ValueError,
        "existing_role_name (adopt mode) cannot be combined with source_account_id: adopt mode creates no "
        "role, so "
        "only resource_types, include_s3, include_restores, extra_policy_arns and partition apply",
    ),
    (
        "adopt-bad-role-name",
        {"existing_role_name": "service-role/AWSBackupDefaultServiceRole"},
        ValueError,
        "existing_role_name: 'service-role/AWSBackupDefaultServiceRole' is not valid; accepted: 1 to 64 "
        "characters "
        f"from {NAME_CHARS}",
    ),
    (
        "adopt-role-name-an-output",
        {"existing_role_name": output("AWSBackupDefaultServiceRole")},
        TypeError,
        "existing_role_name must be a str, got Output",
    ),
]


@pytest.mark.parametrize(("args", "error", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_static_input_fails_at_construction(args, error, message):
    raised: list[BaseException] = []

    def program():
        resolved = {k: v() if callable(v) else v for k, v in args.items()} if isinstance(args, dict) else args
        with pytest.raises(error) as caught:
            BackupServiceRole("r", resolved)
        raised.append(caught.value)

    result = run(program)
    assert str(raised[0]) == f"BackupServiceRole 'r': {message}"
    assert result.registrations == []


def test_unset_arguments_may_be_none():
    result = run(
        lambda: BackupServiceRole("r", {"role_name": None, "include_s3": None, "tags": None}) and None
    )
    assert [r.name for r in result.registrations] == [
        "r",
        "r-role",
        "r-backup",
        "r-restores",
        "r-s3-backup",
        "r-s3-restore",
    ]


def test_outputs_are_not_checked_until_they_resolve():
    """An output's value is unknown at construction; it goes to AWS unchecked rather than being rejected."""

    def program():
        BackupServiceRole(
            "r",
            {
                "role_name": pulumi.Output.from_input("not a valid name"),
                "max_session_duration": pulumi.Output.from_input(60),
            },
        )

    role = run(program).by_name("r-role")
    assert role.inputs["name"] == "not a valid name"
    assert role.inputs["maxSessionDuration"] == 60
