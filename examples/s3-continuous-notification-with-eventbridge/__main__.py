"""Fixed: the notification sets eventbridge=True, so continuous backup keeps its events."""

import pulumi_aws as aws
from backup_roles import BackupServiceRole

role = BackupServiceRole("backup")
bucket = aws.s3.Bucket("app-data")
aws.s3.BucketVersioning(
    "app-data-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"}
)
topic = aws.sns.Topic("uploads")
aws.s3.BucketNotification(
    "app-data-events",
    bucket=bucket.id,
    eventbridge=True,  # keeps the events continuous backup needs
    topics=[{"topic_arn": topic.arn, "events": ["s3:ObjectCreated:*"]}],
)
vault = aws.backup.Vault("vault")
plan = aws.backup.Plan(
    "continuous",
    rules=[{"rule_name": "pitr", "target_vault_name": vault.name, "enable_continuous_backup": True}],
)
aws.backup.Selection("app-data-backup", plan_id=plan.id, iam_role_arn=role.arn, resources=[bucket.arn])
