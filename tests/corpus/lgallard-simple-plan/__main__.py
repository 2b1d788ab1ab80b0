"""lgallard/terraform-aws-backup, its `examples/simple_plan`: one DynamoDB table by literal ARN, with the
role the module builds (general and S3 policies in the provider's partition, plus a tag policy).

Source: lgallard/terraform-aws-backup, examples/simple_plan/main.tf (commit
50a75702a78ddd7ed2c92c2f7afe73ee916a4258) and the module's iam.tf (commit
0342cd5a9caa1cf6415be27bde70dd280d2a94a5). https://github.com/lgallard/terraform-aws-backup

Ported: the module's `for_each` over its four managed policy ARNs becomes one attachment per ARN, each
built with the partition of `aws.get_partition()` as the module does; `data.aws_iam_policy_document`
becomes its JSON. The role name is the module's default for vault "vault-1" (`aws-backup-vault-1`). The
vault, the one rule and the selection (`resources` = the literal DynamoDB ARN) are the example's.
"""

import json

import pulumi_aws as aws

partition = aws.get_partition().partition
tags = {"Owner": "backup team", "Environment": "production", "Terraform": "true"}
backup_managed_policy_arns = [
    f"arn:{partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
    f"arn:{partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
    f"arn:{partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
    f"arn:{partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
]

vault = aws.backup.Vault("ab_vault", name="vault-1", tags=tags)
plan = aws.backup.Plan(
    "ab_plan",
    name="simple-plan-list",
    rules=[
        {
            "rule_name": "rule-1",
            "target_vault_name": vault.name,
            "schedule": "cron(0 12 * * ? *)",
            "start_window": 120,
            "completion_window": 360,
            "lifecycle": {"cold_storage_after": 0, "delete_after": 90},
            "recovery_point_tags": {"Environment": "production"},
        }
    ],
    tags=tags,
)
ab_role = aws.iam.Role(
    "ab_role",
    name="aws-backup-vault-1",
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Action": ["sts:AssumeRole"],
                    "Effect": "Allow",
                    "Principal": {"Service": ["backup.amazonaws.com"]},
                }
            ],
        }
    ),
    tags=tags,
)
for arn in backup_managed_policy_arns:
    aws.iam.RolePolicyAttachment(
        f"ab_managed_policies-{arn.rsplit('/', 1)[-1]}", policy_arn=arn, role=ab_role.name
    )
ab_tag_policy = aws.iam.Policy(
    "ab_tag_policy",
    description="AWS Backup Tag policy",
    policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Resource": ["*"],
                    "Action": [
                        "backup:ListTags",
                        "backup:TagResource",
                        "backup:UntagResource",
                        "tag:GetResources",
                    ],
                }
            ],
        }
    ),
    tags=tags,
)
aws.iam.RolePolicyAttachment("ab_tag_policy_attach", policy_arn=ab_tag_policy.arn, role=ab_role.name)
aws.backup.Selection(
    "ab_selection",
    iam_role_arn=ab_role.arn,
    name="selection-1",
    plan_id=plan.id,
    resources=["arn:aws:dynamodb:us-east-1:123456789101:table/mydynamodb-table"],
)
