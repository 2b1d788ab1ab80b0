"""Fix the console default role in place: adopt mode attaches only the two S3 policies it lacks."""

import pulumi
import pulumi_aws as aws
from backup_roles import BackupServiceRole

default_role = BackupServiceRole(
    "default-role-s3", args={"existing_role_name": "AWSBackupDefaultServiceRole"}
)

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
    iam_role_arn=default_role.arn,  # waits for the S3 attachments
    resources=[bucket.arn],
)

pulumi.export("role_arn", default_role.arn)
