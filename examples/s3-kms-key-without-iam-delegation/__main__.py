"""Bad: the bucket's KMS key policy lets only an admin user use the key. It neither delegates to IAM nor
names the backup role, so AWS Backup reports each job as completed and backs up no object."""

import json

import pulumi_aws as aws
from backup_roles import BackupServiceRole

admins_only = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Admins",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:user/admin"},
            "Action": "kms:*",
            "Resource": "*",
        }
    ],
}
role = BackupServiceRole("backup")
key = aws.kms.Key("data", policy=json.dumps(admins_only))
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
