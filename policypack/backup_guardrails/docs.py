"""Every policy's documentation, as data: What it does / Why / Example / Fix / References.

The README tables are generated from this (``scripts/gen_policy_docs.py``), and a test fails when
they are out of date, so the docs cannot drift from the pack.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final

from .constants import S3_BACKUP_GUIDE
from .declarations import (
    BUCKET_VERSIONING,
    CONTINUOUS_EVENTBRIDGE,
    CONTINUOUS_ONE_PLAN,
    DEFAULT_ROLE_RESOURCE,
    ENCRYPTION_GUIDE,
    KMS_KEY_ACCESS,
    S3_PREREQUISITES_ADVISORY,
    SELECTION_ROLE_POLICIES,
)


@dataclass(frozen=True)
class PolicyDoc:
    name: str
    kind: str
    what: str
    why: str
    example: str
    fix: str
    references: tuple[str, ...]


DOCS: Final[tuple[PolicyDoc, ...]] = (
    PolicyDoc(
        name=SELECTION_ROLE_POLICIES.name,
        kind="stack",
        what=(
            "For every `aws.backup.Selection`, `aws-native:backup:BackupSelection` and S3 "
            "`aws.backup.RestoreTestingSelection` that targets S3, proves that its IAM role carries "
            "`AWSBackupServiceRolePolicyForS3Backup` and `AWSBackupServiceRolePolicyForS3Restore` (restore "
            "tests: the restore policy). It follows the selection's property dependencies to the role "
            "(directly, through attachments, or through a component such as `BackupServiceRole`), and "
            "collects the role's policies from `managedPolicyArns`, `RolePolicyAttachment`, "
            "`RolePolicyAttachmentsExclusive` and `PolicyAttachment`, so it decides during preview when "
            "every ARN is still unknown. It judges what the role holds after the apply: a configured "
            "`managedPolicyArns` or a `RolePolicyAttachmentsExclusive` owns the role's set and detaches "
            "the rest, attachments by role name count only within the selection's account, and only "
            "policy ARNs of the partition of the provider's region count. Unknown `resources` computed "
            "only from non-S3 resources (tables, volumes, databases, ...) are not S3. A selection it "
            "cannot prove safe is a violation (fail closed)."
        ),
        why=(
            "The console default role `AWSBackupDefaultServiceRole` and most hand-built roles carry only "
            "the general backup and restore policies, which grant no `s3:` action. The plan deploys "
            "cleanly, then every S3 backup job fails with *AWS Backup does not have permission to "
            "describe resource arn:aws:s3:::<bucket>*, and nobody notices until a restore is needed."
        ),
        example=(
            "```python\n"
            'aws.backup.Selection("s3", plan_id=plan.id, resources=[bucket.arn],\n'
            '    iam_role_arn="arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole")\n'
            "```"
        ),
        fix=(
            "Attach both root-path policies to the role with `aws.iam.RolePolicyAttachment` and make the "
            "selection's `iam_role_arn` depend on the attachments, or build the role with "
            "`BackupServiceRole` (its `arn` waits for the attachments). For the console default role use "
            "`BackupServiceRole` adopt mode. A role managed elsewhere can be trusted with "
            "`trustedRoleArns`, or checked against IAM itself with `verifyExternalRoles`."
        ),
        references=(
            S3_BACKUP_GUIDE,
            "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSBackupServiceRolePolicyForS3Backup.html",
            "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSBackupServiceRolePolicyForS3Restore.html",
        ),
    ),
    PolicyDoc(
        name=DEFAULT_ROLE_RESOURCE.name,
        kind="resource",
        what=(
            "Blocks a selection at registration when its own inputs prove the failure: its role ARN is "
            "known, it is the console default role `AWSBackupDefaultServiceRole`, and its known inputs "
            "target S3, unless attachments registered earlier in the same run (same account) gave that "
            "role both S3 policies. Unknowns, which exist only in a preview, are left to the main rule; "
            "when this policy blocks (mandatory), the main rule does not repeat it. It also records each "
            "role's inputs, so the main rule can tell a configured `managedPolicyArns` from the "
            "provider's report."
        ),
        why=(
            "`pulumi up --skip-preview` runs stack policies only after every resource exists, so the main "
            "rule would fail that update only after the broken selection was created. A resource policy "
            "runs before each resource is created."
        ),
        example=(
            "```python\n"
            'aws.backup.Selection("s3", plan_id=plan.id, resources=["arn:aws:s3:::logs"],\n'
            '    iam_role_arn="arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole")\n'
            "```"
        ),
        fix=(
            "Attach the S3 policies to the default role (`BackupServiceRole` adopt mode) and pass the "
            "component's `arn`, or the attachments in `depends_on`, to the selection so they are "
            "registered first; or use a dedicated `BackupServiceRole`."
        ),
        references=(
            S3_BACKUP_GUIDE,
            "https://www.pulumi.com/docs/using-pulumi/crossguard/core-concepts/",
        ),
    ),
    # --- S3 backup readiness (issue 11) ---
    PolicyDoc(
        name=BUCKET_VERSIONING.name,
        kind="stack",
        what=(
            "For every selection, finds the S3 buckets of the stack it backs up (a property dependency of "
            "`resources`, a known ARN or `*` pattern of the same provider, or matching known tags) and "
            "requires each to have versioning `Enabled`: by an `aws.s3.BucketVersioning` (or its "
            "`BucketVersioningV2` alias) linked to the bucket, the deprecated inline `versioning` of "
            "`aws.s3.Bucket`, or aws-native `versioningConfiguration`. `Suspended`, `Disabled` or none "
            "blocks; a status unknown during preview is an advisory note."
        ),
        why=(
            "*You must enable S3 Versioning on your S3 bucket to use AWS Backup for Amazon S3.* The plan and "
            "selection deploy cleanly, then every backup job of the bucket fails."
        ),
        example=(
            "```python\n"
            'bucket = aws.s3.Bucket("logs")\n'
            'aws.backup.Selection("s3", plan_id=plan.id, iam_role_arn=role.arn, resources=[bucket.arn])\n'
            "```"
        ),
        fix=(
            '`aws.s3.BucketVersioning("logs-versioning", bucket=bucket.id, versioning_configuration='
            '{"status": "Enabled"})`; aws-native: `versioning_configuration={"status": "Enabled"}`.'
        ),
        references=(S3_BACKUP_GUIDE,),
    ),
    PolicyDoc(
        name=CONTINUOUS_EVENTBRIDGE.name,
        kind="stack",
        what=(
            "For a selection whose plan has a rule with `enableContinuousBackup: true`, blocks when a bucket "
            "it backs up has an `aws.s3.BucketNotification` without `eventbridge: true` (aws-native: a "
            "`notificationConfiguration` without `eventBridgeConfiguration.eventBridgeEnabled`)."
        ),
        why=(
            "S3 PutBucketNotification replaces the bucket's whole notification configuration, so the "
            "notification turns off the EventBridge events AWS Backup turned on, and continuous backup goes "
            "to STOPPED (*turning off events being sent to EventBridge*)."
        ),
        example=(
            "```python\n"
            'aws.s3.BucketNotification("logs-events", bucket=bucket.id, topics=[...])  # no eventbridge\n'
            "```"
        ),
        fix="Set `eventbridge=True` on the bucket's `aws.s3.BucketNotification`.",
        references=(S3_BACKUP_GUIDE,),
    ),
    PolicyDoc(
        name=KMS_KEY_ACCESS.name,
        kind="stack",
        what=(
            "For a bucket a selection backs up whose default encryption (`aws.s3."
            "BucketServerSideEncryptionConfiguration`, inline, or aws-native `bucketEncryption`) is SSE-KMS "
            "under a customer-managed key of the stack (`aws.kms.Key`, through an `aws.kms.Alias` too), "
            "blocks when the key's known policy (or its `aws.kms.KeyPolicy`) neither delegates to IAM (an "
            "Allow statement for the account root covering `kms:Decrypt` and `kms:GenerateDataKey`) nor "
            "allows the selection's role those actions. No `policy` means AWS's default policy: fine (so "
            "does an unknown policy computed from no resource: the provider's output for a key without "
            "one). A policy unknown during preview that depends on resources (it usually embeds "
            "`role.arn`) is an advisory note."
        ),
        why=(
            "*Your IAM role must have access to the KMS key ... Otherwise the job is successful but the "
            "objects are not backed up or restored.* The S3 managed policies grant the KMS actions only "
            "where the key policy lets IAM decide."
        ),
        example=(
            '```python\nkey = aws.kms.Key("data", policy=json.dumps({"Statement": [admins_only]}))\n```'
        ),
        fix=(
            "Keep the `Enable IAM User Permissions` statement (principal `arn:aws:iam::<account>:root`, "
            "`kms:*`), or omit `policy`, or allow the backup role `kms:Decrypt`, `kms:DescribeKey` and "
            "`kms:GenerateDataKey`."
        ),
        references=(ENCRYPTION_GUIDE, S3_BACKUP_GUIDE),
    ),
    PolicyDoc(
        name=CONTINUOUS_ONE_PLAN.name,
        kind="stack",
        what=(
            "Blocks a bucket backed up continuously (`enableContinuousBackup: true`) by rules of more than "
            "one plan, and a bucket whose continuous and periodic rules target different vaults (known "
            "`targetVaultName`s, or the one vault each plan's rules depend on)."
        ),
        why=(
            "*Continuous backups for an S3 bucket should only be configured in one backup plan* and "
            "*continuous and periodic backups of S3 buckets must both reside in the same backup vault*."
        ),
        example=(
            "```python\n"
            'rules=[{"rule_name": "pitr", "target_vault_name": hot.name, "enable_continuous_backup": True},\n'
            '       {"rule_name": "daily", "target_vault_name": cold.name, "schedule": daily}]\n'
            "```"
        ),
        fix="Continuous backup of a bucket in one plan only, and one `target_vault_name` for its rules.",
        references=(S3_BACKUP_GUIDE,),
    ),
    PolicyDoc(
        name=S3_PREREQUISITES_ADVISORY.name,
        kind="stack",
        what=(
            "Advisory notes for the four rules above where the stack leaves the answer unknown during "
            "preview: a versioning status, an `eventbridge` flag or `enableContinuousBackup` computed from "
            "another output, an unknown key policy, unknown vaults, a `BucketVersioning` / "
            "`BucketNotification` whose bucket is unknown."
        ),
        why=(
            "A mandatory block on an unknown would stop correct first previews; silence would hide a "
            "possible failure. A note keeps the doubt visible."
        ),
        example=(
            '```python\naws.kms.Key("data", policy=role.arn.apply(lambda arn: key_policy_naming(arn)))\n```'
        ),
        fix="Verify the named setting, or make it a literal so the mandatory rules decide.",
        references=(S3_BACKUP_GUIDE,),
    ),
)


def render_markdown() -> str:
    """The policies section of the READMEs: a summary table, each policy's doc, and the config keys."""
    from .config import SCHEMA
    from .pack import POLICIES

    by_name = {policy.name: policy for policy in POLICIES}
    lines = [
        "| Policy | Type | Enforcement | Checks |",
        "| --- | --- | --- | --- |",
    ]
    for doc in DOCS:
        policy = by_name[doc.name]
        level = policy.enforcement_level.value if policy.enforcement_level else "pack default"
        lines.append(f"| [`{doc.name}`](#{doc.name}) | {doc.kind} | {level} | {policy.description} |")
    for doc in DOCS:
        lines += [
            "",
            f"### `{doc.name}`",
            "",
            f"**What it does.** {doc.what}",
            "",
            f"**Why.** {doc.why}",
            "",
            "**Example (blocked).**",
            "",
            doc.example,
            "",
            f"**Fix.** {doc.fix}",
            "",
            "**References.** " + ", ".join(f"<{ref}>" for ref in doc.references),
        ]
    lines += [
        "",
        "### Configuration keys (the two role policies)",
        "",
        "| Key | Type | Default | Meaning |",
        "| --- | --- | --- | --- |",
    ]
    for key, spec in SCHEMA.properties.items():
        kind = spec["type"] + (f" of {spec['items']['type']}" if "items" in spec else "")
        if "enum" in spec:
            kind += " (" + " \\| ".join(f"`{value}`" for value in spec["enum"]) + ")"
        default = f"`{json.dumps(spec['default'])}`"
        lines.append(f"| `{key}` | {kind} | {default} | {spec['description']} |")
    lines += _readiness_keys()
    return "\n".join(lines) + "\n"


def _readiness_keys() -> list[str]:
    """The config table of the S3 readiness policies (each has its own copy of this schema)."""
    from .readiness_config import SCHEMA as READINESS

    lines = [
        "",
        "### Configuration keys (each S3 readiness policy)",
        "",
        "| Key | Type | Default | Meaning |",
        "| --- | --- | --- | --- |",
    ]
    for key, spec in READINESS.properties.items():
        kind = spec["type"] + f" of {spec['items']['type']}"
        lines.append(f"| `{key}` | {kind} | `[]` | {spec['description']} |")
    return lines


START_MARKER: Final = "<!-- policies:start (generated by scripts/gen_policy_docs.py; do not edit) -->"
END_MARKER: Final = "<!-- policies:end -->"


def replace_section(text: str, section: str) -> str:
    """``text`` with the generated section between the markers replaced by ``section``."""
    head, start, rest = text.partition(START_MARKER)
    _, end, tail = rest.partition(END_MARKER)
    if not start or not end:
        raise ValueError(f"the markers {START_MARKER!r} and {END_MARKER!r} are missing")
    return f"{head}{START_MARKER}\n{section}{END_MARKER}{tail}"
