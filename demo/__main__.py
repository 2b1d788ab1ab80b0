"""The demo program (root Pulumi.yaml): a small, realistic S3 backup setup built with BackupServiceRole.

Two versioned buckets backed up daily and kept for 35 days, with a weekly restore test of the S3
recovery points. Run it with the guardrails: `pulumi preview --policy-pack policypack`.
"""

import pulumi
import pulumi_aws as aws
from backup_roles import BackupServiceRole

role = BackupServiceRole("backup", args={"description": "AWS Backup service role for the demo buckets"})

buckets = []
for name in ("invoices", "media"):
    bucket = aws.s3.Bucket(name, tags={"backup": "daily"})
    aws.s3.BucketVersioning(
        f"{name}-versioning",  # AWS Backup only protects versioned buckets
        bucket=bucket.id,
        versioning_configuration={"status": "Enabled"},
    )
    buckets.append(bucket)

vault = aws.backup.Vault("vault")
plan = aws.backup.Plan(
    "daily",
    name="daily-s3",
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
    "buckets",
    name="demo-buckets",
    plan_id=plan.id,
    iam_role_arn=role.arn,
    resources=[bucket.arn for bucket in buckets],
)

restore_plan = aws.backup.RestoreTestingPlan(
    "weekly",
    name="weekly_s3_restore",
    schedule_expression="cron(0 6 ? * SUN *)",
    recovery_point_selection={
        "algorithm": "LATEST_WITHIN_WINDOW",
        "include_vaults": ["*"],
        "recovery_point_types": ["SNAPSHOT"],
    },
)
aws.backup.RestoreTestingSelection(
    "s3-restore-test",
    name="s3_restore_test",
    restore_testing_plan_name=restore_plan.name,
    protected_resource_type="S3",
    iam_role_arn=role.arn,
    protected_resource_arns=["*"],
)

pulumi.export("role_arn", role.arn)
pulumi.export("policy_arns", role.policy_arns)
pulumi.export("buckets", [bucket.bucket for bucket in buckets])
