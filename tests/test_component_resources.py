"""What BackupServiceRole registers: children, their exact inputs, parentage, names, outputs, dependencies.

Programs run under mocks (tests/component_support) that capture each RegisterResourceRequest as the engine
would receive it. Most run as a preview, where the role's ARN is unknown exactly as in `pulumi preview`.
"""

import json

import pulumi
import pulumi_aws as aws
import pytest
from backup_roles import COMPONENT_TYPE, BackupServiceRole
from backup_roles.constants import PACKAGE_NAME
from pulumi.provider.experimental.component import ComponentProvider

from tests.component_support import ACCOUNT_ID, UNKNOWN, Run, run, secret

ROLE = "aws:iam/role:Role"
ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
SELECTION = "aws:backup/selection:Selection"
TRUST = (
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"backup.amazonaws.com"},'
    '"Action":"sts:AssumeRole"}]}'
)


def arn(partition: str, path_and_name: str) -> str:
    return f"arn:{partition}:iam::aws:policy/{path_and_name}"


def general(partition: str = "aws") -> dict[str, str]:
    return {
        "backup": arn(partition, "service-role/AWSBackupServiceRolePolicyForBackup"),
        "restores": arn(partition, "service-role/AWSBackupServiceRolePolicyForRestores"),
    }


def s3(partition: str = "aws") -> dict[str, str]:
    return {
        "s3-backup": arn(partition, "AWSBackupServiceRolePolicyForS3Backup"),
        "s3-restore": arn(partition, "AWSBackupServiceRolePolicyForS3Restore"),
    }


def attachments(result: Run, component: str) -> dict[str, str]:
    """``{child name suffix: policy ARN}`` of the attachments under ``component``, in registration order."""
    parent = result.by_name(component)
    return {
        r.name.removeprefix(f"{component}-"): r.inputs["policyArn"]
        for r in result.children_of(parent)
        if r.type == ATTACHMENT
    }


def assert_created_role(
    result: Run, component: str, expected_policies: dict[str, str], trust: str = TRUST
) -> None:
    """The whole shape of one instance: the component, its role, one attachment per policy, nothing else."""
    comp = result.by_name(component)
    assert (comp.type, comp.custom, comp.inputs) == (COMPONENT_TYPE, False, {})
    assert comp.parent.endswith("::pulumi:pulumi:Stack::project-stack")

    role = result.by_name(f"{component}-role")
    assert (role.type, role.custom, role.parent) == (ROLE, True, comp.urn)
    assert role.inputs == {"assumeRolePolicy": trust}  # and so no managedPolicyArns

    assert attachments(result, component) == expected_policies
    for suffix in expected_policies:
        attachment = result.by_name(f"{component}-{suffix}")
        assert (attachment.custom, attachment.parent) == (True, comp.urn)
        assert attachment.inputs["role"] == f"{component}-role-abcdef0"  # the role's (auto)name
        assert attachment.property_dependencies["role"] == [role.urn]
    assert [r.name for r in result.children_of(comp)] == [f"{component}-role"] + [
        f"{component}-{suffix}" for suffix in expected_policies
    ]


def test_default_protects_every_type_s3_included():
    result = run(lambda: BackupServiceRole("backup") and None)
    assert_created_role(result, "backup", general() | s3())
    assert len(result.registrations) == 6


# (case, args, expected attachments: suffix -> ARN in the "aws" partition)
SHAPES = [
    ("s3-off", {"include_s3": False}, general()),
    ("s3-only", {"resource_types": ["S3"]}, s3()),
    (
        "restores-off",
        {"include_restores": False},
        {"backup": general()["backup"], "s3-backup": s3()["s3-backup"]},
    ),
    ("ebs-and-rds", {"resource_types": ["EBS", "RDS"]}, general()),
    (
        "s3-only-no-restores",
        {"resource_types": ["S3"], "include_restores": False},
        {"s3-backup": s3()["s3-backup"]},
    ),
    ("include-s3-agrees-with-types", {"include_s3": True, "resource_types": ["S3", "EFS"]}, general() | s3()),
]


@pytest.mark.parametrize(("args", "expected"), [c[1:] for c in SHAPES], ids=[c[0] for c in SHAPES])
def test_narrowed_roles(args, expected):
    result = run(lambda: BackupServiceRole("backup", args) and None)
    assert_created_role(result, "backup", expected)


@pytest.mark.parametrize("partition", ["aws", "aws-cn", "aws-us-gov"])
def test_partition_from_the_aws_provider(partition):
    result = run(lambda: BackupServiceRole("backup") and None, partition=partition)
    assert_created_role(result, "backup", general(partition) | s3(partition))
    assert [token for token, _ in result.invokes] == ["aws:index/getPartition:getPartition"]


@pytest.mark.parametrize("partition", ["aws", "aws-cn", "aws-us-gov"])
def test_explicit_partition_asks_no_provider(partition):
    # The mocked provider says "aws"; the explicit argument wins and no invoke is made.
    result = run(lambda: BackupServiceRole("backup", {"partition": partition}) and None, partition="aws")
    assert_created_role(result, "backup", general(partition) | s3(partition))
    assert result.invokes == []


def test_component_provider_reaches_children_and_the_partition_lookup():
    def program():
        gov = aws.Provider("gov", region="us-gov-west-1")
        BackupServiceRole("backup", opts=pulumi.ResourceOptions(providers=[gov]))

    result = run(program, partition="aws-us-gov")
    gov_urn = result.by_name("gov").urn
    assert [(token, provider.rsplit("::", 1)[0]) for token, provider in result.invokes] == [
        ("aws:index/getPartition:getPartition", gov_urn)
    ]
    children = result.children_of(result.by_name("backup"))
    assert len(children) == 5
    assert all(child.provider.rsplit("::", 1)[0] == gov_urn for child in children)
    assert attachments(result, "backup") == general("aws-us-gov") | s3("aws-us-gov")


def test_role_options_reach_the_role():
    args = {
        "role_name": "backup-service",
        "path": "/backup/",
        "description": "AWS Backup, S3 included",
        "tags": {"team": "storage"},
        "permissions_boundary": "arn:aws:iam::123456789012:policy/boundary",
        "max_session_duration": 7200,
    }
    role = run(lambda: BackupServiceRole("backup", args) and None).by_name("backup-role")
    assert role.inputs == {
        "assumeRolePolicy": TRUST,
        "name": "backup-service",
        "path": "/backup/",
        "description": "AWS Backup, S3 included",
        "tags": {"team": "storage"},
        "permissionsBoundary": "arn:aws:iam::123456789012:policy/boundary",
        "maxSessionDuration": 7200,
    }


def test_role_name_prefix():
    result = run(lambda: BackupServiceRole("backup", {"role_name_prefix": "backup-"}) and None)
    assert result.by_name("backup-role").inputs == {"assumeRolePolicy": TRUST, "namePrefix": "backup-"}
    assert result.by_name("backup-s3-backup").inputs["role"] == "backup-abcdef0"


def test_source_account_condition():
    result = run(lambda: BackupServiceRole("backup", {"source_account_id": ACCOUNT_ID}) and None)
    assert result.by_name("backup-role").inputs["assumeRolePolicy"] == (
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"backup.amazonaws.com"},'
        '"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}'
    )


def test_source_account_from_an_output():
    def program():
        BackupServiceRole("backup", {"source_account_id": pulumi.Output.from_input(ACCOUNT_ID)})

    policy = run(program).by_name("backup-role").inputs["assumeRolePolicy"]
    assert json.loads(policy)["Statement"][0]["Condition"] == {
        "StringEquals": {"aws:SourceAccount": ACCOUNT_ID}
    }


def test_secrets_stay_secret():
    def program():
        BackupServiceRole(
            "backup",
            {
                "tags": pulumi.Output.secret({"cost-center": "4711"}),
                "source_account_id": pulumi.Output.secret(ACCOUNT_ID),
                "description": pulumi.Output.secret("internal"),
            },
        )

    role = run(program).by_name("backup-role")
    assert role.inputs["tags"] == secret({"cost-center": "4711"})
    assert role.inputs["description"] == secret("internal")
    assert role.inputs["assumeRolePolicy"]["value"] == TRUST.replace(
        '"sts:AssumeRole"',
        '"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}',
    )
    assert role.inputs["assumeRolePolicy"] == secret(role.inputs["assumeRolePolicy"]["value"])


def test_extra_policies_get_their_own_attachments():
    def program():
        kms = aws.iam.Policy("kms", policy="{}")
        BackupServiceRole(
            "backup",
            {
                "resource_types": ["S3"],
                "extra_policy_arns": [
                    "arn:aws:iam::aws:policy/ReadOnlyAccess",
                    kms.arn,
                    "arn:aws:iam::123456789012:policy/team/kms-use",
                ],
            },
        )

    result = run(program, preview=False)
    assert attachments(result, "backup") == s3() | {
        "extra-ReadOnlyAccess": "arn:aws:iam::aws:policy/ReadOnlyAccess",
        "extra-1": f"arn:aws:iam::{ACCOUNT_ID}:policy/kms",  # an output: named by its position
        "extra-team-kms-use": "arn:aws:iam::123456789012:policy/team/kms-use",
    }
    assert result.by_name("backup-extra-1").property_dependencies["policyArn"] == [result.by_name("kms").urn]


def test_outputs_after_an_update():
    def program():
        role = BackupServiceRole("backup", {"partition": "aws-cn", "path": "/backup/"})
        return {"arn": role.arn, "name": role.name, "policy_arns": role.policy_arns}

    result = run(program, preview=False, partition="aws-cn")
    expected = {
        "arn": f"arn:aws-cn:iam::{ACCOUNT_ID}:role/backup/backup-role-abcdef0",
        "name": "backup-role-abcdef0",
        "policy_arns": list((general("aws-cn") | s3("aws-cn")).values()),
    }
    assert result.values == expected
    component = result.by_name("backup")
    assert result.registered_outputs[component.urn] == {
        "arn": expected["arn"],
        "name": expected["name"],
        "policyArns": expected["policy_arns"],
    }


def test_outputs_in_a_preview():
    def program():
        role = BackupServiceRole("backup")
        return {"arn": role.arn, "name": role.name, "policy_arns": role.policy_arns}

    result = run(program)
    assert "arn" not in result.values  # unknown until the role and every attachment exist
    assert result.values == {"name": "backup-role-abcdef0", "policy_arns": list((general() | s3()).values())}
    assert result.registered_outputs[result.by_name("backup").urn]["arn"] == UNKNOWN


def test_two_instances_never_collide():
    def program():
        BackupServiceRole("db")
        BackupServiceRole("buckets", {"resource_types": ["S3"]})

    result = run(program)
    assert_created_role(result, "db", general() | s3())
    assert_created_role(result, "buckets", s3())
    urns = [r.urn for r in result.registrations]
    assert len(urns) == len(set(urns)) == 10


def test_each_instance_asks_its_own_provider_for_the_partition():
    def program():
        for index in range(3):
            BackupServiceRole(f"role{index}")
        other = aws.Provider("gov", region="us-gov-west-1")
        BackupServiceRole("gov", opts=pulumi.ResourceOptions(providers=[other]))

    result = run(program)
    lookups = [invoke for invoke in result.invokes if invoke[0] == "aws:index/getPartition:getPartition"]
    # One lookup per instance, each through the provider that instance uses.
    providers = [provider.rsplit("::", 1)[0] for _, provider in lookups]
    assert len(providers) == 4
    assert providers[:3] == [providers[0]] * 3 and not providers[0].endswith("::gov")
    assert providers[3].endswith("::gov")
    assert_created_role(result, "role2", general() | s3())


def selection_program(args=None):
    def program():
        vault = aws.backup.Vault("vault")
        plan = aws.backup.Plan(
            "plan",
            rules=[{"rule_name": "daily", "target_vault_name": vault.name, "schedule": "cron(0 5 * * ? *)"}],
        )
        role = BackupServiceRole("backup", args)
        aws.backup.Selection(
            "buckets", plan_id=plan.id, iam_role_arn=role.arn, resources=["arn:aws:s3:::my-bucket"]
        )

    return program


def test_selection_depends_on_the_role_and_every_attachment():
    """The link the policy pack follows: the selection's iamRoleArn is unknown in a preview, but its property
    dependencies name the role and each attachment (the SDK expands the local component into its children)."""
    result = run(selection_program())
    selection = result.by_name("buckets")
    assert selection.inputs["iamRoleArn"] == UNKNOWN
    prefix = "urn:pulumi:stack::project::backup-roles:index:BackupServiceRole$"
    assert sorted(selection.property_dependencies["iamRoleArn"]) == sorted(
        [
            f"{prefix}aws:iam/role:Role::backup-role",
            f"{prefix}{ATTACHMENT}::backup-backup",
            f"{prefix}{ATTACHMENT}::backup-restores",
            f"{prefix}{ATTACHMENT}::backup-s3-backup",
            f"{prefix}{ATTACHMENT}::backup-s3-restore",
        ]
    )
    assert set(selection.property_dependencies["iamRoleArn"]) <= set(selection.dependencies)


def test_adopted_role_selection_depends_on_the_attachments():
    result = run(selection_program({"existing_role_name": "AWSBackupDefaultServiceRole"}))
    prefix = "urn:pulumi:stack::project::backup-roles:index:BackupServiceRole$"
    assert sorted(result.by_name("buckets").property_dependencies["iamRoleArn"]) == [
        f"{prefix}{ATTACHMENT}::backup-s3-backup",
        f"{prefix}{ATTACHMENT}::backup-s3-restore",
    ]


def test_adopt_console_default_role_attaches_only_s3():
    def program():
        role = BackupServiceRole("console", {"existing_role_name": "AWSBackupDefaultServiceRole"})
        return {"arn": role.arn, "name": role.name, "policy_arns": role.policy_arns}

    result = run(program, preview=False)
    assert result.of_type(ROLE) == []
    assert attachments(result, "console") == s3()
    for suffix in s3():
        attachment = result.by_name(f"console-{suffix}")
        assert attachment.inputs["role"] == "AWSBackupDefaultServiceRole"
        assert attachment.parent == result.by_name("console").urn
    assert result.values == {
        "arn": f"arn:aws:iam::{ACCOUNT_ID}:role/service-role/AWSBackupDefaultServiceRole",
        "name": "AWSBackupDefaultServiceRole",
        "policy_arns": list(s3().values()),
    }
    assert sorted(token for token, _ in result.invokes) == [
        "aws:iam/getRole:getRole",
        "aws:index/getPartition:getPartition",
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({"existing_role_name": "team-backup"}, general() | s3()),
        ({"existing_role_name": "team-backup", "resource_types": ["S3"]}, s3()),
        ({"existing_role_name": "AWSBackupDefaultServiceRole", "include_s3": False}, {}),
        (
            {
                "existing_role_name": "AWSBackupDefaultServiceRole",
                "include_restores": False,
                "extra_policy_arns": ["arn:aws-us-gov:iam::123456789012:policy/kms-use"],
                "partition": "aws-us-gov",
            },
            {
                "s3-backup": s3("aws-us-gov")["s3-backup"],
                "extra-kms-use": "arn:aws-us-gov:iam::123456789012:policy/kms-use",
            },
        ),
    ],
    ids=[
        "other-role-gets-everything",
        "other-role-narrowed-to-s3",
        "console-role-without-s3",
        "console-role-govcloud-extra",
    ],
)
def test_adopt_mode_attachments(args, expected):
    result = run(lambda: BackupServiceRole("adopted", args) and None)
    assert result.of_type(ROLE) == []
    assert attachments(result, "adopted") == expected
    assert all(r.inputs["role"] == args["existing_role_name"] for r in result.of_type(ATTACHMENT))


def test_adopt_mode_arn_stays_unknown_in_a_preview_until_the_attachments_exist():
    """The adopted role's ARN is known during a preview (a lookup), but `arn` must wait for the attachments:
    a selection given a known ARN would look ready before IAM has the S3 policies."""

    def program():
        role = BackupServiceRole("adopted", {"existing_role_name": "AWSBackupDefaultServiceRole"})
        return {"arn": role.arn, "policy_arns": role.policy_arns}

    result = run(program)
    assert "arn" not in result.values
    assert result.values == {"policy_arns": list(s3().values())}
    assert result.registered_outputs[result.by_name("adopted").urn]["arn"] == UNKNOWN


def test_adopt_mode_arn_uses_the_real_path():
    def program():
        return {"arn": BackupServiceRole("adopted", {"existing_role_name": "team-backup"}).arn}

    result = run(program, preview=False, existing_role_path="/teams/storage/")
    assert result.values == {"arn": f"arn:aws:iam::{ACCOUNT_ID}:role/teams/storage/team-backup"}


def test_other_languages_reach_the_same_resources_through_the_provider():
    """A YAML/TypeScript program sends camelCase inputs to the plugin, and numbers as floats; the provider
    maps them onto BackupServiceRoleArgs."""

    def program():
        provider = ComponentProvider([BackupServiceRole], name=PACKAGE_NAME, version="0.1.0")
        provider.construct(
            "from-yaml",
            COMPONENT_TYPE,
            {
                "includeS3": False,
                "roleName": "yaml-backup",
                "maxSessionDuration": 7200.0,
                "sourceAccountId": ACCOUNT_ID,
            },
            pulumi.ResourceOptions(),
        )

    result = run(program)
    role = result.by_name("from-yaml-role")
    assert role.inputs["name"] == "yaml-backup"
    assert role.inputs["maxSessionDuration"] == 7200
    assert "aws:SourceAccount" in role.inputs["assumeRolePolicy"]
    assert attachments(result, "from-yaml") == general()
