"""A three-stack demo (core, db, eks): the db stack backs up its MySQL instance with the role and plan the
core stack created, read through remote state.

Source: sushemsu/terraform-demo, db/backup.tf, db/mariadb.tf, core/iam.tf (commit
57b965d2d262adc79ea81fcf24cf7b77eeec4c89). https://github.com/sushemsu/terraform-demo

Ported: `data.terraform_remote_state.core` becomes `pulumi.StackReference("core")` (its outputs
iam_role_backups_arn and general_backup_plan_id); the instance's variables get the values a user passes
(20 GB, MySQL 8.0, db.t3.micro) and its password a fixed secret instead of `random_password`; the subnet
group and security group (from the other stacks) and the replica (count 0 by default) are left out. The
selection (role and plan from the other stack, `resources` = [the instance's ARN]) is as in the source.
The core stack's role `backups` carries only AWSBackupServiceRolePolicyForBackup (core/iam.tf).
"""

import pulumi
import pulumi_aws as aws

core = pulumi.StackReference("core")

default = aws.rds.Instance(
    "default",
    allocated_storage=20,
    engine="mysql",
    engine_version="8.0",
    instance_class="db.t3.micro",
    db_name="demo",
    username="demo",
    password=pulumi.Output.secret("not-a-real-password"),
    skip_final_snapshot=True,
    max_allocated_storage=100,
    allow_major_version_upgrade=False,
    auto_minor_version_upgrade=True,
    backup_retention_period=1,
)
aws.backup.Selection(
    "dbbackup",
    name="db_backup",
    iam_role_arn=core.get_output("iam_role_backups_arn"),
    plan_id=core.get_output("general_backup_plan_id"),
    resources=[default.arn],
)
