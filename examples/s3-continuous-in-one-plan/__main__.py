"""Fixed: one plan backs up the bucket continuously and daily, both into the one vault."""

import pulumi_aws as aws
from backup_roles import BackupServiceRole

role = BackupServiceRole("backup")
bucket = aws.s3.Bucket("app-data")
aws.s3.BucketVersioning(
    "app-data-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"}
)
vault = aws.backup.Vault("vault")
plan = aws.backup.Plan(
    "pitr",
    rules=[
        {"rule_name": "pitr", "target_vault_name": vault.name, "enable_continuous_backup": True},
        {"rule_name": "daily", "target_vault_name": vault.name, "schedule": "cron(0 5 * * ? *)"},
    ],
)
aws.backup.Selection("app-data", plan_id=plan.id, iam_role_arn=role.arn, resources=[bucket.arn])
