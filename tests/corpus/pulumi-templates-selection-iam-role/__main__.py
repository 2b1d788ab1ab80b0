"""The Pulumi registry's ``aws.backup.Selection`` "IAM Role" example, as a Python template.

Source: justinvp/templates-aws, aws.backup.Selection.iam-role-python/__main__.py (generated from the
pulumi-aws docs; the same example is in pulumi/docs content/docs/reference/pkg/aws/backup/selection.md).
https://github.com/justinvp/templates-aws/blob/master/aws.backup.Selection.iam-role-python/__main__.py

Ported: the template passes only `iam_role_arn`; pulumi_aws 7 requires `plan_id`, so a vault and a plan with
one rule are added and the selection gets `plan_id=plan.id`. The role, its one attachment
(AWSBackupServiceRolePolicyForBackup) and the selection's (absent) resources, tags and conditions are as in
the source.
"""

import pulumi_aws as aws

example_role = aws.iam.Role(
    "exampleRole",
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
example_role_policy_attachment = aws.iam.RolePolicyAttachment(
    "exampleRolePolicyAttachment",
    policy_arn="arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
    role=example_role.name,
)
vault = aws.backup.Vault("exampleVault")
plan = aws.backup.Plan(
    "examplePlan",
    rules=[{"rule_name": "daily", "target_vault_name": vault.name, "schedule": "cron(0 12 * * ? *)"}],
)
example_selection = aws.backup.Selection("exampleSelection", iam_role_arn=example_role.arn, plan_id=plan.id)
