"""A KMS-encrypted, versioned S3 bucket and a DynamoDB table backed up by one plan into a KMS-encrypted vault.

The selection's role is a BackupServiceRole for S3 and DynamoDB, so the pack passes it. The key is created
without a ``policy``, so AWS gives it the default key policy, which delegates to IAM: the role's S3 policies
can then use it through S3.
"""

import pulumi
import pulumi_aws as aws
from backup_roles import BackupServiceRole

key = aws.kms.Key("backups", description="Encrypts the app data and its backups", enable_key_rotation=True)
aws.kms.Alias("backups", name="alias/app-backups", target_key_id=key.key_id)

bucket = aws.s3.Bucket("app-data")
aws.s3.BucketVersioning("app-data", bucket=bucket.id, versioning_configuration={"status": "Enabled"})
aws.s3.BucketServerSideEncryptionConfiguration(
    "app-data",
    bucket=bucket.id,
    rules=[
        {
            "apply_server_side_encryption_by_default": {
                "sse_algorithm": "aws:kms",
                "kms_master_key_id": key.arn,
            }
        }
    ],
)
# Continuous S3 backups need EventBridge notifications on the bucket.
aws.s3.BucketNotification("app-data", bucket=bucket.id, eventbridge=True)

table = aws.dynamodb.Table(
    "orders",
    billing_mode="PAY_PER_REQUEST",
    hash_key="orderId",
    attributes=[{"name": "orderId", "type": "S"}],
    point_in_time_recovery={"enabled": True},
)

role = BackupServiceRole("backup", {"resource_types": ["S3", "DynamoDB"]})
vault = aws.backup.Vault("vault", kms_key_arn=key.arn)
plan = aws.backup.Plan(
    "daily",
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
    "app-data",
    plan_id=plan.id,
    iam_role_arn=role.arn,
    resources=[bucket.arn, table.arn],
)

pulumi.export("bucket_arn", bucket.arn)
pulumi.export("table_arn", table.arn)
pulumi.export("key_arn", key.arn)
