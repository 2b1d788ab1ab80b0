"""Terraform registry docs for ``aws_backup_selection``: the IAM role example plus "Selecting Backups By Tag".

Source: hashicorp/terraform-provider-aws, website/docs/r/backup_selection.html.markdown (examples "IAM Role"
and "Selecting Backups By Tag"), as copied verbatim in gc-ss/rules-dev
examples/tf/aws_backup_selection/_aws_backup_selection.tf (blocks 0 and 1).
https://github.com/gc-ss/rules-dev/blob/master/examples/tf/aws_backup_selection/_aws_backup_selection.tf

Ported: `aws_backup_plan.example` is referenced but not defined in the docs; it is defined here with a vault
and one daily rule. The role, its one attachment (AWSBackupServiceRolePolicyForBackup) and the selection
(`selection_tag` STRINGEQUALS foo=bar, no `resources`) are as in the source.
"""

import pulumi_aws as aws

example_role = aws.iam.Role(
    "example",
    name="example",
    assume_role_policy="""{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Action": ["sts:AssumeRole"],
      "Effect": "allow",
      "Principal": {
        "Service": ["backup.amazonaws.com"]
      }
    }
  ]
}
""",
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
    selection_tags=[{"type": "STRINGEQUALS", "key": "foo", "value": "bar"}],
)
