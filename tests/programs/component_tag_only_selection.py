"""The same tag-based selection with a BackupServiceRole: S3 is covered, so it passes."""

import pulumi_aws as aws
from backup_roles import BackupServiceRole

role = BackupServiceRole("tagged-backups", args={"role_name_prefix": "backup-"})
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
