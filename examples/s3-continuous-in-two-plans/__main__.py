"""Bad: two plans back up the same bucket continuously. AWS Backup allows continuous backup of a bucket in
one plan only."""

import pulumi_aws as aws
from backup_roles import BackupServiceRole

role = BackupServiceRole("backup")
bucket = aws.s3.Bucket("app-data")
aws.s3.BucketVersioning(
    "app-data-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"}
)
vault = aws.backup.Vault("vault")
for team in ("platform", "app"):
    plan = aws.backup.Plan(
        f"{team}-pitr",
        rules=[{"rule_name": "pitr", "target_vault_name": vault.name, "enable_continuous_backup": True}],
    )
    aws.backup.Selection(f"{team}-app-data", plan_id=plan.id, iam_role_arn=role.arn, resources=[bucket.arn])
