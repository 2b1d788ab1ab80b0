"""An EKS infrastructure repository's `aws-backup-plan` module, with its example: an RDS instance by ARN and
everything tagged terraform/env=canary, continuous backups, a role with the S3 policies.

Source: AaronForce1/terraform-aws-infrastructure-eks, aws-backup-plan/backup-plan.tf and
aws-backup-plan/examples/main.tf (commit a6a944038dede9657b43bb714b69ecf57cbb1010), aws-backup-plan/local.tf
(873c960a8df6315543ee31866a126b049463ade8), aws-backup-plan/kms.tf.
https://github.com/AaronForce1/terraform-aws-infrastructure-eks/tree/main/aws-backup-plan

Ported: the example's variables become plain values (region ap-southeast-1, vault
backup-vault-metazen-canary, vault lock disabled, the two plans of `backup_plan`); `count` over the two
policy lists becomes one attachment per ARN; `data.aws_iam_policy_document` becomes its JSON; the KMS key
is reduced to its description. The role's four attachments (Backup, Restores, S3Backup, S3Restore) and
both selections (`resources` = the literal RDS ARN; `selection_tags` terraform/env=canary with no
resources) are as in the source. The second plan's `backup_resource_name` / `exclude_resource_name` are
unset in the example, so that selection has no `resources` and no `not_resources`.
"""

import json

import pulumi_aws as aws

backup_policy_arn = [
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
]
s3_backup_policy_arn = [
    "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
    "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
]
backup_plan = [
    {
        "backup_plan_name": "rds-backup-plan",
        "rule_name": "rds",
        "backup_schedule": "cron(0 19 * * ? *)",
        "continuous_backup": True,
        "backup_retention_days": 14,
        "backup_resource_name": ["arn:aws:rds:ap-southeast-1:886728326230:db:postgres-hexsafe-canary"],
        "selection_tag_name": "rds-slection-tag",
        "selection_tags": [],
    },
    {
        "backup_plan_name": "canary-backup-plan",
        "rule_name": "s3",
        "backup_schedule": "cron(0 19 * * ? *)",
        "continuous_backup": True,
        "backup_retention_days": 14,
        "selection_tag_name": "canary",
        "selection_tags": [{"type": "STRINGEQUALS", "key": "terraform/env", "value": "canary"}],
    },
]

kms_key = aws.kms.Key("kms-key", description="backup-plan-kms")
vault = aws.backup.Vault("backup-vault", name="backup-vault-metazen-canary", kms_key_arn=kms_key.arn)
plans = {
    backup["backup_plan_name"]: aws.backup.Plan(
        f"backup-plan-{backup['backup_plan_name']}",
        name=backup["backup_plan_name"],
        rules=[
            {
                "rule_name": backup["rule_name"],
                "target_vault_name": vault.name,
                "schedule": backup["backup_schedule"],
                "enable_continuous_backup": backup["continuous_backup"],
                "lifecycle": {"delete_after": backup["backup_retention_days"]},
            }
        ],
    )
    for backup in backup_plan
}
role = aws.iam.Role(
    "backup-iam-role",
    name="backup-iam-role",
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
for index, arn in enumerate(backup_policy_arn):
    aws.iam.RolePolicyAttachment(f"backup-role-policy-attachment-{index}", policy_arn=arn, role=role.name)
for index, arn in enumerate(s3_backup_policy_arn):
    aws.iam.RolePolicyAttachment(f"s3-backup-role-policy-attachment-{index}", policy_arn=arn, role=role.name)
for backup in backup_plan:
    aws.backup.Selection(
        f"backup-selection-tag-{backup['backup_plan_name']}",
        iam_role_arn=role.arn,
        name=backup["selection_tag_name"],
        plan_id=plans[backup["backup_plan_name"]].id,
        resources=backup.get("backup_resource_name"),
        not_resources=backup.get("exclude_resource_name"),
        selection_tags=backup["selection_tags"],
    )
