"""An IaC scanning demo: an Aurora Serverless cluster created in the program and backed up by ARN.

Source: mr-menno/iac-demo, main.tf (commit 1f764059fe3ea570e72e7c607fdb39856f4315a7).
https://github.com/mr-menno/iac-demo/blob/main/main.tf

Ported: the file references `aws_iam_role.example` and `aws_backup_plan.example` without defining them (it
was written from the Terraform registry example); they are defined as that example does: a role trusting
backup.amazonaws.com with one attachment, AWSBackupServiceRolePolicyForBackup, and a plan with one rule.
The PostgreSQL instance and its parameter group are left out (the selection does not reference them). The
cluster and the selection (`resources` = [the cluster's ARN]) are as in the source.
"""

import json

import pulumi_aws as aws

rds_cluster = aws.rds.Cluster(
    "rds-cluster",
    engine="aurora-postgresql",
    backup_retention_period=5,
    deletion_protection=True,
    engine_mode="serverless",
    iam_database_authentication_enabled=True,
    kms_key_id="arn:aws:kms:us-west-2:111122223333:key/example",
    storage_encrypted=True,
)
example_role = aws.iam.Role(
    "example",
    name="example",
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Action": ["sts:AssumeRole"],
                    "Effect": "allow",
                    "Principal": {"Service": ["backup.amazonaws.com"]},
                }
            ],
        }
    ),
)
aws.iam.RolePolicyAttachment(
    "example",
    policy_arn="arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
    role=example_role.name,
)
vault = aws.backup.Vault("example", name="example_backup_vault")
plan = aws.backup.Plan(
    "example",
    name="tf_example_backup_plan",
    rules=[
        {
            "rule_name": "tf_example_backup_rule",
            "target_vault_name": vault.name,
            "schedule": "cron(0 12 * * ? *)",
        }
    ],
)
aws.backup.Selection(
    "example",
    iam_role_arn=example_role.arn,
    name="tf_example_backup_selection",
    plan_id=plan.id,
    resources=[rds_cluster.arn],
)
