"""Red Hat CoP's `cloud.aws_ops` Ansible roles: select every S3 bucket for a backup plan, with the role's
default IAM role, the console's AWSBackupDefaultServiceRole.

Source: redhat-cop/cloud.aws_ops, roles/backup_select_resources/ (tasks/main.yaml and defaults/main.yaml at
commit 4c181ac511913877aedbc07629a624c63d0d8007, vars/main.yaml at ce1c5c305dca6dab9abaea850c784f526ae3360c,
README.md's example playbook at 4c181ac: plan_name daily-backup, selection_name s3_buckets,
selection_resources ["{{ all_s3_buckets }}"]).
https://github.com/redhat-cop/cloud.aws_ops/tree/main/roles/backup_select_resources

Ported: the existing plan the role requires (made by the collection's plan role) becomes an
`aws.backup.Plan` (one daily rule into a vault);
`community.aws.iam_role_info` on `backup_role_name` (default AWSBackupDefaultServiceRole) becomes
`aws.iam.get_role`; `amazon.aws.backup_selection` becomes `aws.backup.Selection` with `resources` =
["arn:aws:s3:::*"] (vars: all_s3_buckets) and no tags, conditions or exclusions (the defaults are empty).
"""

import pulumi_aws as aws

backup_role_name = "AWSBackupDefaultServiceRole"
all_s3_buckets = "arn:aws:s3:::*"

vault = aws.backup.Vault("daily-backup", name="daily-backup")
plan = aws.backup.Plan(
    "daily-backup",
    name="daily-backup",
    rules=[{"rule_name": "daily", "target_vault_name": vault.name, "schedule": "cron(0 5 ? * * *)"}],
)
role_info = aws.iam.get_role(name=backup_role_name)
aws.backup.Selection(
    "s3_buckets",
    name="s3_buckets",
    plan_id=plan.id,
    iam_role_arn=role_info.arn,
    resources=[all_s3_buckets],
)
