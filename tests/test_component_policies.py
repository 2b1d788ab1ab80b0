"""The pure decisions of the component: which policies, in which partition, and the trust policy."""

import json

import pytest
from backup_roles import RESOURCE_TYPES, policy_arns, trust_policy_json
from backup_roles.constants import BACKUP, RESTORES, S3_BACKUP, S3_RESTORE
from backup_roles.policies import policies_to_attach, required_policies
from backup_roles.trust import trust_policy_document

GENERAL_BACKUP = "arn:{p}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
GENERAL_RESTORES = "arn:{p}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores"
S3_BACKUP_ARN = "arn:{p}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup"
S3_RESTORE_ARN = "arn:{p}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore"
ALL_FOUR = (GENERAL_BACKUP, GENERAL_RESTORES, S3_BACKUP_ARN, S3_RESTORE_ARN)

# (case, resource types, restores, expected ARN templates in order)
POLICY_CASES = [
    ("every-type-with-restores", RESOURCE_TYPES, True, ALL_FOUR),
    ("every-type-backup-only", RESOURCE_TYPES, False, (GENERAL_BACKUP, S3_BACKUP_ARN)),
    ("s3-only", ["S3"], True, (S3_BACKUP_ARN, S3_RESTORE_ARN)),
    ("s3-only-backup-only", ["S3"], False, (S3_BACKUP_ARN,)),
    ("ebs-only", ["EBS"], True, (GENERAL_BACKUP, GENERAL_RESTORES)),
    ("ebs-only-backup-only", ["EBS"], False, (GENERAL_BACKUP,)),
    ("s3-and-rds-any-order", ["S3", "RDS"], True, ALL_FOUR),
    ("everything-but-s3", [t for t in RESOURCE_TYPES if t != "S3"], True, (GENERAL_BACKUP, GENERAL_RESTORES)),
    ("duplicates-count-once", ["EFS", "EFS", "S3", "S3"], False, (GENERAL_BACKUP, S3_BACKUP_ARN)),
    ("names-with-spaces", ["SAP HANA on Amazon EC2", "Storage Gateway"], False, (GENERAL_BACKUP,)),
]


@pytest.mark.parametrize("partition", ["aws", "aws-cn", "aws-us-gov"])
@pytest.mark.parametrize(
    ("types", "restores", "expected"), [c[1:] for c in POLICY_CASES], ids=[c[0] for c in POLICY_CASES]
)
def test_policy_arns(types, restores, expected, partition):
    assert policy_arns(types, restores, partition) == tuple(t.format(p=partition) for t in expected)


def test_policy_arns_writes_the_partition_into_every_arn():
    assert policy_arns(["S3", "DynamoDB"], True, "aws-us-gov") == (
        "arn:aws-us-gov:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
        "arn:aws-us-gov:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
        "arn:aws-us-gov:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
        "arn:aws-us-gov:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
    )


@pytest.mark.parametrize(
    ("types", "partition", "error", "message"),
    [
        (
            ["S3", "EBS", "s4"],
            "aws",
            ValueError,
            "resource_types: unknown AWS Backup resource type 's4'; accepted values: "
            + ", ".join(RESOURCE_TYPES),
        ),
        (
            [],
            "aws",
            ValueError,
            "resource_types must name at least one resource type; accepted values: "
            + ", ".join(RESOURCE_TYPES),
        ),
        (
            ["S3"],
            "aws-eu",
            ValueError,
            "partition: unknown AWS partition 'aws-eu'; accepted values: aws, aws-cn, aws-us-gov",
        ),
    ],
    ids=["unknown-type", "no-type", "unknown-partition"],
)
def test_policy_arns_rejects(types, partition, error, message):
    with pytest.raises(error) as caught:
        policy_arns(types, True, partition)
    assert str(caught.value) == message


# (case, existing role name, required, expected to attach)
ADOPT_CASES = [
    (
        "created-role-gets-everything",
        None,
        (BACKUP, RESTORES, S3_BACKUP, S3_RESTORE),
        (BACKUP, RESTORES, S3_BACKUP, S3_RESTORE),
    ),
    (
        "console-role-gets-only-s3",
        "AWSBackupDefaultServiceRole",
        (BACKUP, RESTORES, S3_BACKUP, S3_RESTORE),
        (S3_BACKUP, S3_RESTORE),
    ),
    ("console-role-backup-only", "AWSBackupDefaultServiceRole", (BACKUP, S3_BACKUP), (S3_BACKUP,)),
    ("console-role-without-s3-needs-nothing", "AWSBackupDefaultServiceRole", (BACKUP, RESTORES), ()),
    (
        "other-existing-role-gets-everything",
        "my-backup-role",
        (BACKUP, RESTORES, S3_BACKUP, S3_RESTORE),
        (BACKUP, RESTORES, S3_BACKUP, S3_RESTORE),
    ),
    ("name-match-is-exact", "awsbackupdefaultservicerole", (BACKUP, S3_BACKUP), (BACKUP, S3_BACKUP)),
]


@pytest.mark.parametrize(
    ("existing", "required", "expected"), [c[1:] for c in ADOPT_CASES], ids=[c[0] for c in ADOPT_CASES]
)
def test_policies_to_attach(existing, required, expected):
    assert policies_to_attach(required, existing) == expected


def test_required_policies_order_is_fixed():
    assert required_policies(["S3", "Aurora"], True) == (BACKUP, RESTORES, S3_BACKUP, S3_RESTORE)


def test_trust_policy_exact_json():
    assert trust_policy_json() == (
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"backup.amazonaws.com"},'
        '"Action":"sts:AssumeRole"}]}'
    )


def test_trust_policy_with_source_account_condition():
    assert (
        json.loads(trust_policy_json("123456789012"))
        == trust_policy_document("123456789012")
        == {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "backup.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                    "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}},
                }
            ],
        }
    )
