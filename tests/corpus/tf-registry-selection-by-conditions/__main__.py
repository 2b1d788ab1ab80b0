"""Terraform registry docs for ``aws_backup_selection``: the IAM role example plus "Selecting Backups By
Conditions" (`resources = ["*"]` narrowed by four tag conditions).

Source: hashicorp/terraform-provider-aws, website/docs/r/backup_selection.html.markdown, commit
0413c661ec1b94f3033c98f3fbd1e8c1b2725589 (examples "IAM Role" and "Selecting Backups By Conditions").
https://github.com/hashicorp/terraform-provider-aws/blob/main/website/docs/r/backup_selection.html.markdown

Ported: `aws_backup_plan.example` is referenced but not defined in the docs; it is defined here with a vault
and one daily rule; `data.aws_iam_policy_document.assume_role` becomes its JSON. The role, its one
attachment (AWSBackupServiceRolePolicyForBackup) and the selection (`resources` = ["*"], conditions
string_equals Component=rds, string_like Application=app*, string_not_equals Backup=false,
string_not_like Environment=test*) are as in the source.
"""

import json

import pulumi_aws as aws

example_role = aws.iam.Role(
    "example",
    name="example",
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
    resources=["*"],
    conditions=[
        {
            "string_equals": [{"key": "aws:ResourceTag/Component", "value": "rds"}],
            "string_likes": [{"key": "aws:ResourceTag/Application", "value": "app*"}],
            "string_not_equals": [{"key": "aws:ResourceTag/Backup", "value": "false"}],
            "string_not_likes": [{"key": "aws:ResourceTag/Environment", "value": "test*"}],
        }
    ],
)
