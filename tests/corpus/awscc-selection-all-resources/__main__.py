"""The Terraform AWS Cloud Control provider's first `awscc_backup_backup_selection` example: every resource
(`resources = ["*"]`) with the account's existing role AWSServiceRoleForBackup.

Source: hashicorp/terraform-provider-awscc, examples/resources/awscc_backup_backup_selection/first_example.tf
(commit 0a05dfb8b22854e00913a05b43efe9fa20de231f).
https://github.com/hashicorp/terraform-provider-awscc/blob/main/examples/resources/awscc_backup_backup_selection/first_example.tf

Ported: the Cloud Control resources become their pulumi_aws equivalents (`aws.backup.Vault`,
`aws.backup.Plan` with the same rule and Windows VSS setting, `aws.backup.Selection`); the data source
`awscc_iam_role` with id AWSServiceRoleForBackup becomes `aws.iam.get_role(name=...)`. The selection's role
(a role outside the program) and `resources` = ["*"] are as in the source.
"""

import pulumi_aws as aws

vault = aws.backup.Vault("example", name="example_backup_vault")
plan = aws.backup.Plan(
    "example",
    name="example-backup-plan",
    rules=[
        {
            "rule_name": "exmaple-backup-rule",
            "target_vault_name": vault.name,
            "lifecycle": {"delete_after": 14},
        }
    ],
    advanced_backup_settings=[{"backup_options": {"WindowsVSS": "disabled"}, "resource_type": "EC2"}],
)
exmaple = aws.iam.get_role(name="AWSServiceRoleForBackup")
aws.backup.Selection(
    "example3",
    plan_id=plan.id,
    iam_role_arn=exmaple.arn,
    name="all_resources_assignment",
    resources=["*"],
)
