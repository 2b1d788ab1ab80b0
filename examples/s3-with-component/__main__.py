"""The right way: a BackupServiceRole with every policy S3 needs, used by an S3 backup selection."""

import pulumi
import pulumi_aws as aws
from backup_roles import BackupServiceRole

role = BackupServiceRole("backup")  # backup + restores + S3Backup + S3Restore

bucket = aws.s3.Bucket("app-data")
aws.s3.BucketVersioning(
    "app-data-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"}
)
vault = aws.backup.Vault("vault")
plan = aws.backup.Plan(
    "daily",
    name="daily",
    rules=[
        {
            "rule_name": "daily",
            "target_vault_name": vault.name,
            "schedule": "cron(0 5 * * ? *)",
            "lifecycle": {"delete_after": 35},
        }
    ],
)

aws.backup.Selection(
    "app-data-backup",
    name="app-data",
    plan_id=plan.id,
    iam_role_arn=role.arn,  # resolves only once every policy is attached
    resources=[bucket.arn],
)

pulumi.export("role_arn", role.arn)
pulumi.export("policy_arns", role.policy_arns)
