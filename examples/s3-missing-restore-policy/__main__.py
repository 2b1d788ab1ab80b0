"""A hand-built backup role with the general policies and S3Backup, but not S3Restore.

Backups would run, but restoring an S3 recovery point (and every S3 restore test) would fail. The
aws-backup-guardrails pack names the one missing policy.
"""

import json

import pulumi
import pulumi_aws as aws

partition = aws.get_partition_output().partition

role = aws.iam.Role(
    "backup-role",
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "backup.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    ),
)
attachments = [
    aws.iam.RolePolicyAttachment(
        f"backup-role-{suffix}",
        role=role.name,
        policy_arn=pulumi.Output.concat("arn:", partition, ":iam::aws:policy/", policy),
    )
    for suffix, policy in [
        ("backup", "service-role/AWSBackupServiceRolePolicyForBackup"),
        ("restores", "service-role/AWSBackupServiceRolePolicyForRestores"),
        ("s3-backup", "AWSBackupServiceRolePolicyForS3Backup"),
        # missing: AWSBackupServiceRolePolicyForS3Restore
    ]
]

bucket = aws.s3.Bucket("app-data")
aws.s3.BucketVersioning(
    "app-data-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"}
)
vault = aws.backup.Vault("vault")
plan = aws.backup.Plan(
    "daily",
    name="daily",
    rules=[{"rule_name": "daily", "target_vault_name": vault.name, "schedule": "cron(0 5 * * ? *)"}],
)

aws.backup.Selection(
    "app-data-backup",
    name="app-data",
    plan_id=plan.id,
    iam_role_arn=role.arn,
    resources=[bucket.arn],
    opts=pulumi.ResourceOptions(depends_on=attachments),
)
