"""Terraform registry docs for ``aws_backup_selection``: the IAM role example plus "Selecting Backups By Not
Resource" (only `not_resources`: an RDS instance, an EBS volume and an EFS file system of the program).

Source: hashicorp/terraform-provider-aws, website/docs/r/backup_selection.html.markdown, commit
0413c661ec1b94f3033c98f3fbd1e8c1b2725589 (examples "IAM Role" and "Selecting Backups By Not Resource").
https://github.com/hashicorp/terraform-provider-aws/blob/main/website/docs/r/backup_selection.html.markdown

Ported: the docs reference `aws_db_instance.example`, `aws_ebs_volume.example`, `aws_efs_file_system.example`
and `aws_backup_plan.example` without defining them; they are defined here with the smallest valid
arguments; `data.aws_iam_policy_document.assume_role` becomes its JSON. The role, its one attachment
(AWSBackupServiceRolePolicyForBackup) and the selection (no `resources`, no tags, `not_resources` = the
three ARNs) are as in the source.
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
db = aws.rds.Instance(
    "example",
    allocated_storage=10,
    engine="mysql",
    instance_class="db.t3.micro",
    username="foo",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)
volume = aws.ebs.Volume("example", availability_zone="us-east-1a", size=40)
file_system = aws.efs.FileSystem("example")
aws.backup.Selection(
    "example",
    iam_role_arn=example_role.arn,
    name="tf_example_backup_selection",
    plan_id=plan.id,
    not_resources=[db.arn, volume.arn, file_system.arn],
)
