"""A CloudFormation template for AWS Backup: a plan into the Default vault and a tag selection whose role is
a parameter, given the console's AWSBackupDefaultServiceRole in the sample parameters.

Source: chojayr/aws-backup-cf, aws-backup.yaml (commit 89911bfb3e0be131894cca15e7733069eea1cafe) with
README.md's sample parameters (BackupPlanName daily-backup-sample, BackupSelectionName daily-backup,
BackupPolicy BackupTwiceDaily, BackupDefaultRole arn:aws:iam::<account>:role/service-role/
AWSBackupDefaultServiceRole, DeleteAfterDays 30, Team appteam:test, Email team-email@domain.com).
https://github.com/chojayr/aws-backup-cf

Ported: the `AWS::Backup::BackupPlan` and `AWS::Backup::BackupSelection` resources become `aws.backup.Plan`
and `aws.backup.Selection` (pulumi_aws, not aws-native: the pinned environment has no aws-native SDK);
the parameters become plain values, `<account>` the stack's account 123456789012, and the `!If` chain the
schedule it picks for BackupTwiceDaily. The selection's role ARN and its one tag condition (Backup =
daily-backup, no resources) are as in the source.
"""

import pulumi
import pulumi_aws as aws

backup_plan_name = "daily-backup-sample"
backup_selection_name = "daily-backup"
backup_default_role = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
team, email = "appteam:test", "team-email@domain.com"

storage_backup_plan = aws.backup.Plan(
    "StorageBackupPlan",
    name=backup_plan_name,
    rules=[
        {
            "rule_name": "BackupTwiceDaily",
            "target_vault_name": "Default",
            "schedule": "cron(0 0/12 * * ? *)",
            "lifecycle": {"delete_after": 30},
            "recovery_point_tags": {"Team": team, "Email": email},
        }
    ],
    tags={"Team": team, "Email": email},
)
aws.backup.Selection(
    "StorageBackupSelectionByTags",
    name=backup_selection_name,
    iam_role_arn=backup_default_role,
    plan_id=storage_backup_plan.id,
    selection_tags=[{"type": "STRINGEQUALS", "key": "Backup", "value": backup_selection_name}],
    opts=pulumi.ResourceOptions(depends_on=[storage_backup_plan]),
)
