"""The AWS CDK's own example of `addSelection()`: a DynamoDB table, an RDS instance, an Aurora cluster, an
Aurora Serverless cluster and every resource tagged stage=prod, with the role the construct creates.

Source: aws/aws-cdk, packages/aws-cdk-lib/aws-backup/README.md (commit
03c186d59045a718097a2098f9855f6efcc11c1f), "Backup plan and selection", with the construct's behaviour from
packages/aws-cdk-lib/aws-backup/lib/selection.ts (commit 02bb4861db674e5911d6801fbe9906c278f46bc5): without
`role`, a new role trusting backup.amazonaws.com gets `service-role/AWSBackupServiceRolePolicyForBackup`
(and nothing else, `allowRestores` being false).
https://github.com/aws/aws-cdk/blob/main/packages/aws-cdk-lib/aws-backup/README.md

Ported: `BackupPlan.dailyWeeklyMonthly5YearRetention` becomes a vault and a plan with its three rules
(daily 35 days, weekly 90 days, monthly to cold storage after 90 days and kept 5 years); the CDK role's
managed policies, which CloudFormation holds in the role's `ManagedPolicyArns`, become the role's
`managed_policy_arns`; `Table.fromTableName` becomes the table's ARN in the stack's partition, region and
account; the instance and the two clusters become `aws.rds.Instance` / `aws.rds.Cluster` with the engines
of the example (their VPC left out); `fromConstruct` of the empty `MyCoolConstruct` adds nothing. The
selection's resources (the four ARNs) and its tag condition (stage = prod) are as in the source.
"""

import json

import pulumi_aws as aws

partition = aws.get_partition().partition
region = aws.get_region().region
account = aws.get_caller_identity().account_id

vault = aws.backup.Vault("PlanVault")
plan = aws.backup.Plan(
    "Plan",
    rules=[
        {
            "rule_name": "Daily",
            "target_vault_name": vault.name,
            "schedule": "cron(0 5 * * ? *)",
            "lifecycle": {"delete_after": 35},
        },
        {
            "rule_name": "Weekly",
            "target_vault_name": vault.name,
            "schedule": "cron(0 5 ? * SAT *)",
            "lifecycle": {"delete_after": 90},
        },
        {
            "rule_name": "Monthly5Year",
            "target_vault_name": vault.name,
            "schedule": "cron(0 5 1 * ? *)",
            "lifecycle": {"cold_storage_after": 90, "delete_after": 1825},
        },
    ],
)

my_table_arn = f"arn:{partition}:dynamodb:{region}:{account}:table/myTableName"
my_database_instance = aws.rds.Instance(
    "DatabaseInstance",
    engine="mysql",
    engine_version="8.0.26",
    instance_class="db.t3.small",
    allocated_storage=100,
    username="admin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)
my_database_cluster = aws.rds.Cluster(
    "DatabaseCluster",
    engine="aurora-mysql",
    engine_version="5.7.mysql_aurora.2.08.1",
    master_username="clusteradmin",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)
my_serverless_cluster = aws.rds.Cluster(
    "ServerlessCluster",
    engine="aurora-postgresql",
    engine_mode="serverless",
    db_cluster_parameter_group_name="default.aurora-postgresql10",
    master_username="postgres",
    manage_master_user_password=True,
    skip_final_snapshot=True,
)

role = aws.iam.Role(
    "SelectionRole",
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Action": "sts:AssumeRole",
                    "Effect": "Allow",
                    "Principal": {"Service": "backup.amazonaws.com"},
                }
            ],
        }
    ),
    managed_policy_arns=[f"arn:{partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"],
)
aws.backup.Selection(
    "Selection",
    name="Selection",
    plan_id=plan.id,
    iam_role_arn=role.arn,
    resources=[my_table_arn, my_database_instance.arn, my_database_cluster.arn, my_serverless_cluster.arn],
    selection_tags=[{"type": "STRINGEQUALS", "key": "stage", "value": "prod"}],
)
