"""A platform team keeps IAM in its own stack; this program gets the backup role's ARN from config.

Nothing in this stack proves what the role carries: with `verifyExternalRoles` the pack asks IAM.
"""

import pulumi
import pulumi_aws as aws

role_arn = pulumi.Config().require("backupRoleArn")

bucket = aws.s3.Bucket("app-data")
aws.s3.BucketVersioning(
    "app-data-versioning",
    bucket=bucket.id,
    versioning_configuration={"status": "Enabled"},
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
    iam_role_arn=role_arn,
    resources=[bucket.arn],
)
