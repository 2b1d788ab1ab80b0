"""Fixed: the key has no policy argument, so AWS gives it the default key policy, which delegates to IAM;
the backup role's S3 policies then let it use the key through S3."""

import pulumi_aws as aws
from backup_roles import BackupServiceRole

role = BackupServiceRole("backup")
key = aws.kms.Key("data")
bucket = aws.s3.Bucket("app-data")
aws.s3.BucketVersioning(
    "app-data-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"}
)
aws.s3.BucketServerSideEncryptionConfiguration(
    "app-data-encryption",
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
vault = aws.backup.Vault("vault")
plan = aws.backup.Plan(
    "daily",
    rules=[{"rule_name": "daily", "target_vault_name": vault.name, "schedule": "cron(0 5 * * ? *)"}],
)
aws.backup.Selection("app-data-backup", plan_id=plan.id, iam_role_arn=role.arn, resources=[bucket.arn])
