"""Fixed: the same backup, with versioning Enabled on the bucket."""

import pulumi_aws as aws
from backup_roles import BackupServiceRole

role = BackupServiceRole("backup")
bucket = aws.s3.Bucket("app-data")
aws.s3.BucketVersioning(
    "app-data-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"}
)
vault = aws.backup.Vault("vault")
plan = aws.backup.Plan(
    "daily",
    rules=[{"rule_name": "daily", "target_vault_name": vault.name, "schedule": "cron(0 5 * * ? *)"}],
)
aws.backup.Selection("app-data-backup", plan_id=plan.id, iam_role_arn=role.arn, resources=[bucket.arn])
