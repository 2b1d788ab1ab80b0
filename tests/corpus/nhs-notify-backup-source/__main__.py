"""NHS Notify's `aws-backup-source` module: S3 and DynamoDB plans by tag, and an S3 restore test.

Source: NHSDigital/nhs-notify-shared-modules, infrastructure/modules/aws-backup-source/ (commit
35bc1ca8a25352c6bdbe4b1a66bbe5bb3318f9d2: backup_plan_s3.tf, backup_plan_dynamodb.tf,
backup_selection_s3.tf, backup_selection_dynamodb.tf, backup_restore_testing_plan.tf, variables.tf;
backup_restore_testing_selection_comms_backup_restore_selection_s3.tf at 667264350a7b; iam_role_backup.tf at
22d50571fcfa03967a925ca82ac94e358fcfcc6c).
https://github.com/NHSDigital/nhs-notify-shared-modules/tree/main/infrastructure/modules/aws-backup-source

Ported: module variables become plain values: project "nhs-notify", environment "dev" (so
`resource_name_prefix` / `csi` is "nhs-notify-dev"), both `backup_plan_config_s3.enable` and
`backup_plan_config_dynamodb.enable` true (the caller's switch; the defaults are false), every other
variable at its default (selection tags "BackupLocal" and "BackupDynamoDB", the default rules, no copy
vault). The restore testing plan is `awscc_backup_restore_testing_plan` in the source; here it is
`aws.backup.RestoreTestingPlan` with the same settings. The vault's KMS key and alias, the SNS topic, the
reports and frameworks are left out except the key the restore test names. The role's five attachments
(Backup, Restores, S3Restore, S3Backup, a customer policy for backup:TagResource), the selections' tags and
the restore test's protected resource type and conditions are as in the source (the restore test names
its plan by the literal name, as the source does; `depends_on` stands for Terraform's ordering).
"""

import json

import pulumi
import pulumi_aws as aws

csi = "nhs-notify-dev"
csi_underscore = csi.replace("-", "_")
environment_name = "dev"
s3_rules = [
    {"name": "daily_kept_5_weeks", "schedule": "cron(0 0 * * ? *)", "lifecycle": {"delete_after": 35}},
    {"name": "weekly_kept_3_months", "schedule": "cron(0 1 ? * SUN *)", "lifecycle": {"delete_after": 90}},
    {
        "name": "monthly_kept_7_years",
        "schedule": "cron(0 2 1  * ? *)",
        "lifecycle": {"cold_storage_after": 30, "delete_after": 2555},
    },
    {
        "name": "point_in_time_recovery",
        "schedule": "cron(0 5 * * ? *)",
        "enable_continuous_backup": True,
        "lifecycle": {"delete_after": 35},
    },
]
dynamodb_rules = [
    {
        "name": "dynamodb_daily_kept_5_weeks",
        "schedule": "cron(0 0 * * ? *)",
        "lifecycle": {"delete_after": 35},
    },
    {
        "name": "dynamodb_weekly_kept_3_months",
        "schedule": "cron(0 1 ? * SUN *)",
        "lifecycle": {"delete_after": 90},
    },
    {
        "name": "dynamodb_monthly_kept_7_years",
        "schedule": "cron(0 2 1  * ? *)",
        "lifecycle": {"cold_storage_after": 30, "delete_after": 2555},
    },
]

backup_key = aws.kms.Key("backup_key", description=f"{csi}-backup-key")
backup_key_alias = aws.kms.Alias(
    "backup_key", name=f"alias/{csi}-backup-key", target_key_id=backup_key.key_id
)
vault = aws.backup.Vault("main", name=f"{csi}-vault", kms_key_arn=backup_key.arn)

backup = aws.iam.Role(
    "backup",
    name=csi,
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": ["backup.amazonaws.com"]},
                    "Action": ["sts:AssumeRole"],
                }
            ],
        }
    ),
)
for attachment, policy in [
    ("backup", "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"),
    ("restore", "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores"),
    ("s3_restore", "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore"),
    ("s3_backup", "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup"),
]:
    aws.iam.RolePolicyAttachment(attachment, policy_arn=policy, role=backup.name)
backup_additional = aws.iam.Policy(
    "backup_additional",
    name=f"{csi}-backup_additional",
    description="Amplify ",
    policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": ["backup:TagResource"], "Resource": ["*"]}],
        }
    ),
)
aws.iam.RolePolicyAttachment("backup_additional", role=backup.name, policy_arn=backup_additional.arn)


def rules(config: list[dict]) -> list[dict]:
    return [
        {
            "recovery_point_tags": {"backup_rule_name": rule["name"]},
            "rule_name": rule["name"],
            "target_vault_name": vault.name,
            "schedule": rule["schedule"],
            "enable_continuous_backup": rule.get("enable_continuous_backup"),
            "lifecycle": rule["lifecycle"],
        }
        for rule in config
    ]


s3_plan = aws.backup.Plan("s3", name=f"{csi}-plan", rules=rules(s3_rules))
dynamodb_plan = aws.backup.Plan("dynamodb", name=f"{csi}-dynamodb-plan", rules=rules(dynamodb_rules))

aws.backup.Selection(
    "s3",
    iam_role_arn=backup.arn,
    name=f"{csi}-s3-selection",
    plan_id=s3_plan.id,
    selection_tags=[
        {"key": "Envrionment", "type": "STRINGEQUALS", "value": environment_name},
        {"key": "BackupLocal", "type": "STRINGEQUALS", "value": "True"},
    ],
)
aws.backup.Selection(
    "dynamodb",
    iam_role_arn=backup.arn,
    name=f"{csi}-dynamodb-selection",
    plan_id=dynamodb_plan.id,
    selection_tags=[
        {"key": "Envrionment", "type": "STRINGEQUALS", "value": environment_name},
        {"key": "BackupDynamoDB", "type": "STRINGEQUALS", "value": "True"},
    ],
)

restore_testing_plan = aws.backup.RestoreTestingPlan(
    "main",
    name=f"{csi_underscore}_restore_testing_plan",
    schedule_expression="cron(0 1 ? * SUN *)",
    start_window_hours=1,
    recovery_point_selection={
        "algorithm": "LATEST_WITHIN_WINDOW",
        "include_vaults": [vault.arn],
        "recovery_point_types": ["SNAPSHOT"],
        "selection_window_days": 7,
    },
)
aws.backup.RestoreTestingSelection(
    "backup_restore_testing_selection_s3",
    name=f"{csi_underscore}_s3_backup_restore",
    restore_testing_plan_name=f"{csi_underscore}_restore_testing_plan",
    opts=pulumi.ResourceOptions(depends_on=[restore_testing_plan]),
    protected_resource_type="S3",
    iam_role_arn=backup.arn,
    protected_resource_conditions={
        "string_equals": [{"key": "aws:ResourceTag/BackupLocal", "value": "True"}]
    },
    restore_metadata_overrides={"EncryptionType": "SSE_KMS", "KmsKey": backup_key_alias.arn},
)
