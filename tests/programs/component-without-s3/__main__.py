"""A team narrows BackupServiceRole to EBS, then reuses the role for an S3 bucket: the pack blocks it."""

import pulumi_aws as aws
from backup_roles import BackupServiceRole

role = BackupServiceRole("ebs-backup", {"resource_types": ["EBS"]})  # the general pair only, no S3 pair

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
)
