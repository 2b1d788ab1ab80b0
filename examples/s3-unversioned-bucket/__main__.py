"""Bad: the role is right, but the bucket has no versioning, so every S3 backup job of it fails."""

import pulumi_aws as aws
from backup_roles import BackupServiceRole

role = BackupServiceRole("backup")
bucket = aws.s3.Bucket("app-data")  # no aws.s3.BucketVersioning
vault = aws.backup.Vault("vault")
plan = aws.backup.Plan(
    "daily",
    rules=[{"rule_name": "daily", "target_vault_name": vault.name, "schedule": "cron(0 5 * * ? *)"}],
)
aws.backup.Selection("app-data-backup", plan_id=plan.id, iam_role_arn=role.arn, resources=[bucket.arn])
