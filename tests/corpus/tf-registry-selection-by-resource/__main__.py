"""Terraform registry docs for ``aws_backup_selection``: the IAM role example plus "Selecting Backups By
Resource".

Source: hashicorp/terraform-provider-aws, website/docs/r/backup_selection.html.markdown (examples "IAM Role"
and "Selecting Backups By Resource"), as copied verbatim in gc-ss/rules-dev
examples/tf/aws_backup_selection/_aws_backup_selection.tf (blocks 0 and 2).
https://github.com/gc-ss/rules-dev/blob/master/examples/tf/aws_backup_selection/_aws_backup_selection.tf
The same example is in pulumi/docs content/docs/reference/pkg/aws/backup/selection.md.

Ported: the docs reference `aws_db_instance.example`, `aws_ebs_volume.example`, `aws_efs_file_system.example`
and `aws_backup_plan.example` without defining them; they are defined here with the smallest valid
arguments. The role, its one attachment (AWSBackupServiceRolePolicyForBackup) and the selection's resources
(the three ARNs of resources created in the same program) are as in the source.
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
db = aws.rds.Instance(
    "example",
    allocated_storage=10,
    engine="mysql",
    instance_class="db.t3.micro",
    username="foo",
    password="foobarbaz",
    skip_final_snapshot=True,
)
volume = aws.ebs.Volume("example", availability_zone="us-west-2a", size=40)
file_system = aws.efs.FileSystem("example")

aws.backup.Selection(
    "example",
    iam_role_arn=example_role.arn,
    name="tf_example_backup_selection",
    plan_id=plan.id,
    resources=[db.arn, volume.arn, file_system.arn],
)
