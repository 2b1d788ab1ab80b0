"""cloudposse/terraform-aws-backup, its `examples/complete` (EFS file system backed up daily).

Source: cloudposse/terraform-aws-backup, main.tf (commit 006b6301e252a43b43ba6d47dea729fc52734e80) and
examples/complete/main.tf (commit 134a65faea1ba4648e8780183a9362059d1c9f17), with the fixture values of
examples/complete/fixtures.us-east-2.tfvars (namespace "eg", stage "test", name "backup", region us-east-2).
https://github.com/cloudposse/terraform-aws-backup

Ported: the label module's id `eg-test-backup` and the backup role label `eg-test-backup-backup` are written
out; the VPC, subnets and `cloudposse/efs/aws` modules are reduced to the `aws_efs_file_system` whose ARN the
example passes as `backup_resources` (`module.efs.arn`); the `backup_disabled` instance (enabled = false)
creates nothing and is left out. The vault lock configuration and lifecycle are kept; the role (one
attachment: AWSBackupServiceRolePolicyForBackup) and the selection (resources = [EFS ARN], not_resources
default []) are as in the source.
"""

import json

import pulumi_aws as aws

label_id = "eg-test-backup"
role_label_id = "eg-test-backup-backup"
tags = {"Namespace": "eg", "Stage": "test", "Name": label_id}

efs = aws.efs.FileSystem("efs", encrypted=True, tags=tags)

vault = aws.backup.Vault("default", name=label_id, tags=tags)
aws.backup.VaultLockConfiguration(
    "default", backup_vault_name=vault.name, max_retention_days=365, min_retention_days=30
)
plan = aws.backup.Plan(
    "default",
    name=label_id,
    rules=[
        {
            "rule_name": label_id,
            "target_vault_name": vault.name,
            "schedule": "cron(0 12 * * ? *)",
            "start_window": 60,
            "completion_window": 120,
            "recovery_point_tags": tags,
            "enable_continuous_backup": False,
            "lifecycle": {"cold_storage_after": 30, "delete_after": 180},
        }
    ],
    tags=tags,
)
role = aws.iam.Role(
    "default",
    name=role_label_id,
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": "sts:AssumeRole",
                    "Principal": {"Service": "backup.amazonaws.com"},
                }
            ],
        }
    ),
    tags={**tags, "Name": role_label_id},
)
aws.iam.RolePolicyAttachment(
    "default",
    policy_arn="arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
    role=role.name,
)
aws.backup.Selection(
    "default",
    name=label_id,
    iam_role_arn=role.arn,
    plan_id=plan.id,
    resources=[efs.arn],
    not_resources=[],
)
