"""Every policy's documentation, as data: What it does / Why / Example / Fix / References.

The README tables are generated from this (``scripts/gen_policy_docs.py``), and a test fails when
they are out of date, so the docs cannot drift from the pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from . import default_role_resource, selection_role_policies


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
        name=selection_role_policies.NAME,
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
            "`trustedRoleArns`."
        ),
        references=(
            selection_role_policies.URL,
            "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSBackupServiceRolePolicyForS3Backup.html",
            "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSBackupServiceRolePolicyForS3Restore.html",
        ),
    ),
    PolicyDoc(
        name=default_role_resource.NAME,
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
            default_role_resource.URL,
            "https://www.pulumi.com/docs/using-pulumi/crossguard/core-concepts/",
        ),
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
        "### Configuration keys (both policies)",
        "",
        "| Key | Type | Default | Meaning |",
        "| --- | --- | --- | --- |",
    ]
    for key, spec in SCHEMA.properties.items():
        kind = spec["type"] + (f" of {spec['items']['type']}" if "items" in spec else "")
        if "enum" in spec:
            kind += " (" + " \\| ".join(f"`{value}`" for value in spec["enum"]) + ")"
        default = f"`{spec['default']!r}`".replace("'", '"')
        lines.append(f"| `{key}` | {kind} | {default} | {spec['description']} |")
    return "\n".join(lines) + "\n"


START_MARKER: Final = "<!-- policies:start (generated by scripts/gen_policy_docs.py; do not edit) -->"
END_MARKER: Final = "<!-- policies:end -->"


def replace_section(text: str, section: str) -> str:
    """``text`` with the generated section between the markers replaced by ``section``."""
    head, start, rest = text.partition(START_MARKER)
    _, end, tail = rest.partition(END_MARKER)
    if not start or not end:
        raise ValueError(f"the markers {START_MARKER!r} and {END_MARKER!r} are missing")
    return f"{head}{START_MARKER}\n{section}{END_MARKER}{tail}"
