"""The Terraform AWS Cloud Control provider's second `awscc_backup_backup_selection` example: an RDS
instance and an S3 bucket, both created in the program, with the account's existing role
AWSServiceRoleForBackup.

Source: hashicorp/terraform-provider-awscc, examples/resources/awscc_backup_backup_selection/second_example.tf
(commit 0a05dfb8b22854e00913a05b43efe9fa20de231f), with the vault, plan and role data source of
first_example.tf in the same directory.
https://github.com/hashicorp/terraform-provider-awscc/blob/main/examples/resources/awscc_backup_backup_selection/second_example.tf

Ported: the example references `awscc_rds_db_instance.example` and `awscc_s3_bucket.example` without
defining them; they become an `aws.rds.Instance` and an `aws.s3.Bucket` with the smallest valid arguments.
The Cloud Control vault, plan and selection become `aws.backup.Vault` / `Plan` / `Selection`, and the data
source `awscc_iam_role` (id AWSServiceRoleForBackup) becomes `aws.iam.get_role`. The selection's role and
`resources` (the instance's ARN and the bucket's ARN) are as in the source.
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
)
database = aws.rds.Instance(
    "example",
    allocated_storage=20,
    engine="mysql",
    instance_class="db.t3.micro",
    username="admin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)
bucket = aws.s3.Bucket("example")
exmaple = aws.iam.get_role(name="AWSServiceRoleForBackup")
aws.backup.Selection(
    "example2",
    plan_id=plan.id,
    iam_role_arn=exmaple.arn,
    name="resource_assignment",
    resources=[database.arn, bucket.arn],
)
