"""The National Archives' website: the media EFS file system backed up with a role whose managed policies are
configured exclusively (`managed_policy_arns`) and hold only the general backup policy.

Source: nationalarchives/ds-infrastructure-web, components/terraform/media-efs/efs.tf (commit
76c9e2b538292e27a8623b007ce05fcb1993b60e) and efs-backup-roles.tf (7d0e386eb9e2f8420c3261aed79e86230e82d585).
https://github.com/nationalarchives/ds-infrastructure-web/tree/main/components/terraform/media-efs

Ported: the module's variables become plain values (region eu-west-2, schedule "cron(0 2 * * ? *)", windows
60/180, cold storage after 30 and deletion after 120 days, the vault's KMS key a literal ARN of the
account); `templates/efs_backup_assume_role.json` becomes the usual trust policy for backup.amazonaws.com;
the mount targets are left out. The role (`managed_policy_arns` = [AWSBackupServiceRolePolicyForBackup])
and the selection (`resources` = [the file system's ARN]) are as in the source.
"""

import json

import pulumi_aws as aws

tags = {"Product": "web", "Environment": "live"}

media_efs = aws.efs.FileSystem(
    "media_efs", creation_token="web-media-efs", encrypted=True, tags={**tags, "Name": "web-media-efs"}
)
web_media_efs_backup = aws.iam.Role(
    "web_media_efs_backup",
    name="web-media-efs-backup-role",
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
    managed_policy_arns=["arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"],
)
vault = aws.backup.Vault(
    "media_efs_backup",
    name="web-media-efs-backup-vault",
    kms_key_arn="arn:aws:kms:eu-west-2:123456789012:key/0f4c5a4e-2d1b-4c1a-9d3e-5b6f7a8b9c0d",
    tags=tags,
)
plan = aws.backup.Plan(
    "media_efs_backup",
    name="web-media-efs-backup-plan",
    rules=[
        {
            "rule_name": "web-media-efs-backup-rule",
            "target_vault_name": vault.name,
            "schedule": "cron(0 2 * * ? *)",
            "start_window": 60,
            "completion_window": 180,
            "lifecycle": {"cold_storage_after": 30, "delete_after": 120},
        }
    ],
    tags=tags,
)
aws.backup.Selection(
    "media_efs_backup",
    name="web-media-efs-backup",
    plan_id=plan.id,
    iam_role_arn=web_media_efs_backup.arn,
    resources=[media_efs.arn],
)
