"""The failure from the field: an S3 backup selection that uses the console default role.

AWSBackupDefaultServiceRole carries only AWSBackupServiceRolePolicyForBackup and
AWSBackupServiceRolePolicyForRestores. This program deploys cleanly without guardrails, and then every
S3 backup job fails with "AWS Backup does not have permission to describe resource arn:aws:s3:::...".
The aws-backup-guardrails pack blocks it during preview.
"""

import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("app-data")
aws.s3.BucketVersioning(
    "app-data-versioning",  # AWS Backup requires versioning on S3 buckets
    bucket=bucket.id,
    versioning_configuration={"status": "Enabled"},
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

# The ARN as users paste it from the console. The account comes from the credentials, or from the stack's
# config (`pulumi config set accountId 123456789012`) for a preview without AWS credentials.
partition = aws.get_partition_output().partition
account = pulumi.Config().get("accountId") or aws.get_caller_identity_output().account_id
default_role_arn = pulumi.Output.concat(
    "arn:", partition, ":iam::", account, ":role/service-role/AWSBackupDefaultServiceRole"
)

aws.backup.Selection(
    "app-data-backup",
    name="app-data",
    plan_id=plan.id,
    iam_role_arn=default_role_arn,
    resources=[bucket.arn],
)

pulumi.export("bucket", bucket.bucket)
