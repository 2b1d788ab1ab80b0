"""CDS-SNC's URL shortener: a DynamoDB table from another stack, backed up with a role whose policies are
configured exclusively with `managed_policy_arns`.

Source: cds-snc/url-shortener, terragrunt/aws/backup_plan/role.tf (commit
655f5359a7d199c702125962336671775a89055e), selection.tf (937fc664066edbde488b90bc40ec67f9f95da36c), plan.tf
and vault.tf. https://github.com/cds-snc/url-shortener/tree/main/terragrunt/aws/backup_plan

Ported: `var.region` is ca-central-1 (the project's region) and `var.url_shortener_table_arn` (a Terragrunt
dependency output of the dynamodb component) becomes the literal ARN the other stack outputs; the plan and
vault keep one daily rule. The role's `managed_policy_arns` (Backup, Restores, S3Backup, S3Restore) and the
selection (`resources` = [table ARN] plus `selection_tag` backup_plan=default) are as in the source.
"""

import json

import pulumi_aws as aws

region = "ca-central-1"
url_shortener_table_arn = "arn:aws:dynamodb:ca-central-1:123456789012:table/url_shortener"

role_backup = aws.iam.Role(
    "role_backup",
    name=f"aws-backup-service-role-{region}",
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": ["sts:AssumeRole"],
                    "Principal": {"Service": ["backup.amazonaws.com"]},
                }
            ],
        }
    ),
    managed_policy_arns=[
        "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
        "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
        "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
        "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
    ],
)
vault = aws.backup.Vault("backup_vault", name="backup_vault")
backup_plan_default = aws.backup.Plan(
    "backup_plan_default",
    name="backup_plan_default",
    rules=[
        {
            "rule_name": "backup_rule_default",
            "target_vault_name": vault.name,
            "schedule": "cron(0 6 * * ? *)",
            "lifecycle": {"delete_after": 30},
        }
    ],
)
aws.backup.Selection(
    "selection_default",
    iam_role_arn=role_backup.arn,
    name="backup_selection_default",
    plan_id=backup_plan_default.id,
    resources=[url_shortener_table_arn],
    selection_tags=[{"type": "STRINGEQUALS", "key": "backup_plan", "value": "default"}],
)
