"""A tag-based selection (every opted-in resource type whose tags match, S3 included) with a role
that only has the general backup policies: S3 buckets tagged backup=daily would fail to back up."""

import json

import pulumi
import pulumi_aws as aws

role = aws.iam.Role(
    "general-role",
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
aws.iam.RolePolicyAttachment(
    "general-role-backup",
    role=role.name,
    policy_arn="arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
)
vault = aws.backup.Vault("vault")
plan = aws.backup.Plan(
    "daily",
    name="daily",
    rules=[{"rule_name": "daily", "target_vault_name": vault.name, "schedule": "cron(0 5 * * ? *)"}],
)
aws.backup.Selection(
    "tagged",
    name="tagged",
    plan_id=plan.id,
    iam_role_arn=role.arn,
    selection_tags=[{"type": "STRINGEQUALS", "key": "backup", "value": "daily"}],
)
pulumi.export("role", role.name)
