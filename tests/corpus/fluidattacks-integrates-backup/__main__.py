"""Fluid Attacks' Integrates: twelve DynamoDB tables, named by literal ARN, backed up with a role that has the
general backup and restore policies.

Source: jeanbaptistemora/fluidattacks-universe2 (a mirror of fluidattacks/universe),
integrates/infra/src/backup.tf, commit 11f821e7a9d79e8b54f99eb0dbd4e7c0a4d5f718.
https://github.com/jeanbaptistemora/fluidattacks-universe2/blob/11f821e7a9d79e8b54f99eb0dbd4e7c0a4d5f718/integrates/infra/src/backup.tf

Ported: `data.aws_iam_policy_document.backup` becomes the JSON it renders; everything else (role, two
attachments, vault with its literal KMS key, four rules, the selection's twelve literal table ARNs in
account 205810638802) is as in the source.
"""

import json

import pulumi_aws as aws

db_tables = [
    "fi_async_processing",
    "fi_authz",
    "fi_events",
    "FI_findings",
    "fi_portfolios",
    "FI_project_access",
    "fi_project_comments",
    "FI_projects",
    "FI_users",
    "FI_vulnerabilities",
    "integrates",
    "integrates_vms",
]
tags = {
    "Management:Area": "cost",
    "Management:Product": "integrates",
    "Management:Type": "product",
}

backup = aws.iam.Role(
    "backup",
    name="integrates-backup",
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
    tags={"Name": "integrates-backup", **tags},
)
aws.iam.RolePolicyAttachment(
    "backup",
    role=backup.name,
    policy_arn="arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
)
aws.iam.RolePolicyAttachment(
    "backup_restore",
    role=backup.name,
    policy_arn="arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
)
main_vault = aws.backup.Vault(
    "main",
    name="integrates-dynamodb-backup-vault",
    kms_key_arn="arn:aws:kms:us-east-1:205810638802:key/d33073aa-19f8-4390-afa1-abcda2be27d7",
    tags={"Name": "integrates-dynamodb-backup-vault", **tags},
)
main_plan = aws.backup.Plan(
    "main",
    name="integrates-dynamodb-backup-plan",
    tags={"Name": "integrates-dynamodb-backup-plan", **tags},
    rules=[
        {
            "rule_name": f"integrates-dynamodb-backup-{period}-rule",
            "target_vault_name": main_vault.name,
            "schedule": schedule,
            "lifecycle": {"delete_after": days},
        }
        for period, schedule, days in [
            ("daily", "cron(0 5 * * ? *)", 7),
            ("weekly", "cron(30 5 ? * SUN *)", 84),
            ("monthly", "cron(0 6 ? * 1#1 *)", 1095),
            ("yearly", "cron(30 6 ? JAN 1#1 *)", 5475),
        ]
    ],
)
aws.backup.Selection(
    "main",
    iam_role_arn=backup.arn,
    name="integrates_dynamodb_backup_selection",
    plan_id=main_plan.id,
    resources=[f"arn:aws:dynamodb:us-east-1:205810638802:table/{table}" for table in db_tables],
)
