"""A three-stack demo (core, db, eks): the eks stack backs up everything tagged as owned by its cluster,
with the role and plan the core stack created, read through remote state.

Source: sushemsu/terraform-demo, eks/backup.tf and core/iam.tf (commit
57b965d2d262adc79ea81fcf24cf7b77eeec4c89). https://github.com/sushemsu/terraform-demo

Ported: `data.terraform_remote_state.core` becomes `pulumi.StackReference("core")`; `var.cluster_name` gets
the value "demo-eks". The EKS cluster itself is left out (the selection does not reference it). The
selection (role and plan from the other stack, `selection_tag` kubernetes.io/cluster/demo-eks=owned, no
resources) is as in the source. The core stack's role `backups` carries only
AWSBackupServiceRolePolicyForBackup (core/iam.tf).
"""

import pulumi
import pulumi_aws as aws

cluster_name = "demo-eks"
core = pulumi.StackReference("core")

aws.backup.Selection(
    "dbbackup",
    name="db_backup",
    iam_role_arn=core.get_output("iam_role_backups_arn"),
    plan_id=core.get_output("general_backup_plan_id"),
    selection_tags=[
        {"type": "STRINGEQUALS", "key": f"kubernetes.io/cluster/{cluster_name}", "value": "owned"}
    ],
)
