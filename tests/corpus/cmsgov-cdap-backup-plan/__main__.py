"""CMS CDAP's cross-region backup plan for an Aurora cluster: a vault per region, the cluster by literal
ARN, and a role that an organisation outside the stack manages (a literal ARN built from the account id).

Source: CMSgov/cdap, terraform/services/backup-plan/primary.tf (commit
231be0dd17119872502e942326025496eb165930), secondary.tf and README.md (primary us-east-1, secondary
us-west-2). https://github.com/CMSgov/cdap/tree/main/terraform/services/backup-plan

Ported: `var.env` is "test" and `var.vault_name` "cdap-backup-vault"; the secondary vault (aws.secondary
provider) is an `aws.backup.Vault` with an explicit us-west-2 `aws.Provider`; the KMS alias/key data sources
are read with `aws.kms.get_alias` / `get_key`; the KMS key policy, the KMSAdminRole and the vault policy
are left out (they grant no AWS Backup role anything). The four rules, the copy action, and the
selection (its role ARN `arn:aws:iam::<account>:role/delegatedadmin/developer/
cms-oit-aws-backup-service-role`, `resources` = the literal cluster ARN) are as in the source.
"""

import pulumi
import pulumi_aws as aws

env, vault_name = "test", "cdap-backup-vault"
current = aws.get_caller_identity()
secondary = aws.Provider("secondary", region="us-west-2")

primary_kms_alias = aws.kms.get_alias(name=f"alias/bcda-{env}")
primary_kms_key = aws.kms.get_key(key_id=primary_kms_alias.target_key_id)
primary_backup_vault = aws.backup.Vault(
    "primary_backup_vault", name=vault_name, kms_key_arn=primary_kms_key.arn
)
secondary_backup_vault = aws.backup.Vault(
    "secondary_backup_vault", name=vault_name, opts=pulumi.ResourceOptions(provider=secondary)
)


def rule(name: str, schedule: str, days: int, copy: bool = False) -> dict:
    return {
        "rule_name": name,
        "target_vault_name": primary_backup_vault.name,
        "schedule": schedule,
        "start_window": 60,
        "completion_window": 180,
        "lifecycle": {"delete_after": days},
        "copy_actions": [{"destination_vault_arn": secondary_backup_vault.arn}] if copy else None,
    }


aws_backup_plan = aws.backup.Plan(
    "aws_backup_plan",
    name="cdap_managed_backup_plan",
    rules=[
        rule("4Hourly_1", "cron(0 */4 * * ? *)", 1, copy=True),
        rule("Daily_7", "cron(0 4 * * ? *)", 7),
        rule("Weekly_35", "cron(0 0 ? * SAT *)", 35),
        rule("Monthly_90", "cron(0 0 1 * ? *)", 90),
    ],
    tags={"cms-cloud-service": "AWS Backup", "Backup_Schedule": "4hr1_d7_w35_m90"},
    opts=pulumi.ResourceOptions(depends_on=[secondary_backup_vault]),
)
aws.backup.Selection(
    "aws_backup_selection",
    iam_role_arn=(
        f"arn:aws:iam::{current.account_id}:role/delegatedadmin/developer/cms-oit-aws-backup-service-role"
    ),
    name="cdap_managed_backup_selection",
    plan_id=aws_backup_plan.id,
    resources=["arn:aws:rds:us-east-1:539247469933:cluster:dpc-test"],
)
