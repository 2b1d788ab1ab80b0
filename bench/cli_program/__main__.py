"""The program ``bench/cli.py`` previews through the real CLI (``scripts/pulumi``); a correct backup setup.

Config ``bench:shape``:

- ``mixed`` (default): about ``bench:selections`` x 10 resources, shaped like a real backup program. Per ten
  selections: two ``BackupServiceRole`` components and two hand-written roles (a role and four
  ``RolePolicyAttachment`` s, as the README tells), one role with ``managedPolicyArns``; a KMS key, a vault
  and five plans; fourteen buckets, each with versioning enabled, SSE-KMS with the key and a public access
  block; five DynamoDB tables. Selections target, in turn: one bucket's ARN, two buckets and a table, a tag
  (``backup: daily``, which the buckets carry), a table only (no S3), every bucket ARN pattern
  ``arn:aws:s3:::bench-*`` , and ``"*"`` minus S3. Every selection's role carries both S3 policies, so the
  pack passes the whole program (``bench/cli.py`` checks it).
- ``roles``: ``bench:selections`` ``BackupServiceRole(name)`` and nothing else (the component measured
  through the CLI).
"""

import os

import backup_roles
import pulumi
import pulumi_aws as aws
from backup_roles import BackupServiceRole

config = pulumi.Config("bench")
shape = config.get("shape") or "mixed"
count = config.get_int("selections") or 100

POLICIES = (
    ("backup", "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"),
    ("restores", "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores"),
    ("s3-backup", "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup"),
    ("s3-restore", "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore"),
)
TRUST = (
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"backup.amazonaws.com"},'
    '"Action":"sts:AssumeRole"}]}'
)
TAGS = {"backup": "daily"}


def hand_written_role(name: str) -> pulumi.Output[str]:
    role = aws.iam.Role(name, assume_role_policy=TRUST)
    attachments = [
        aws.iam.RolePolicyAttachment(f"{name}-{key}", role=role.name, policy_arn=arn) for key, arn in POLICIES
    ]
    return pulumi.Output.all(role.arn, *(a.id for a in attachments)).apply(lambda values: values[0])


def managed_role(name: str) -> pulumi.Output[str]:
    return aws.iam.Role(name, assume_role_policy=TRUST, managed_policy_arns=[arn for _, arn in POLICIES]).arn


def bucket(name: str, key: aws.kms.Key) -> aws.s3.Bucket:
    created = aws.s3.Bucket(name, bucket_prefix="bench-", tags=TAGS)
    aws.s3.BucketVersioning(name, bucket=created.id, versioning_configuration={"status": "Enabled"})
    aws.s3.BucketServerSideEncryptionConfiguration(
        name,
        bucket=created.id,
        rules=[
            {
                "apply_server_side_encryption_by_default": {
                    "sse_algorithm": "aws:kms",
                    "kms_master_key_id": key.arn,
                }
            }
        ],
    )
    aws.s3.BucketPublicAccessBlock(
        name,
        bucket=created.id,
        block_public_acls=True,
        block_public_policy=True,
        ignore_public_acls=True,
        restrict_public_buckets=True,
    )
    return created


def backup_group(group: int) -> None:
    """Ten selections and everything they use."""
    g = f"g{group}"
    roles = [
        BackupServiceRole(f"{g}-component-a").arn,
        hand_written_role(f"{g}-hand-a"),
        BackupServiceRole(f"{g}-component-b").arn,
        hand_written_role(f"{g}-hand-b"),
        managed_role(f"{g}-managed"),
    ]
    key = aws.kms.Key(f"{g}-key", description="backups", enable_key_rotation=True)
    vault = aws.backup.Vault(f"{g}-vault", kms_key_arn=key.arn)
    plans = [
        aws.backup.Plan(
            f"{g}-plan-{p}",
            rules=[
                {
                    "rule_name": "daily",
                    "target_vault_name": vault.name,
                    "schedule": f"cron(0 {p} * * ? *)",
                    "lifecycle": {"delete_after": 35},
                }
            ],
        )
        for p in range(5)
    ]
    buckets = [bucket(f"{g}-bucket-{b}", key) for b in range(14)]
    tables = [
        aws.dynamodb.Table(
            f"{g}-table-{t}",
            billing_mode="PAY_PER_REQUEST",
            hash_key="id",
            attributes=[{"name": "id", "type": "S"}],
        )
        for t in range(5)
    ]
    for s in range(10):
        kind = s % 6
        targets: dict = {}
        if kind == 0:
            targets["resources"] = [buckets[s].arn]
        elif kind == 1:
            targets["resources"] = [buckets[s].arn, buckets[s + 1].arn, tables[s % 5].arn]
        elif kind == 2:
            targets["selection_tags"] = [{"type": "STRINGEQUALS", "key": "backup", "value": "daily"}]
        elif kind == 3:
            targets["resources"] = [tables[s % 5].arn]
        elif kind == 4:
            targets["resources"] = ["arn:aws:s3:::bench-*"]
        else:
            targets["resources"] = ["*"]
            targets["not_resources"] = ["arn:*:s3:::*"]
        aws.backup.Selection(
            f"{g}-selection-{s}",
            plan_id=plans[s % 5].id,
            iam_role_arn=roles[s % 5],
            **targets,
        )


if shape == "roles":
    for i in range(count):
        BackupServiceRole(f"role-{i}")
    # bench/component_cli.py checks which implementation of the component the program used.
    pulumi.export("backup_roles_module", os.path.dirname(backup_roles.__file__))
else:
    for group in range(count // 10):
        backup_group(group)
