"""The text of every violation. Each names the selection, the role, what is missing, and the fix."""

from __future__ import annotations

from collections.abc import Sequence

from .arns import S3Policy
from .constants import DEFAULT_ROLE_NAME, managed_policy_arn
from .role_policies import Evidence
from .selections import SelectionView

FAILURE = (
    'S3 backup jobs that use this role fail with "AWS Backup does not have permission to describe resource '
    'arn:{partition}:s3:::<bucket>"'
)
ATTACHMENT_TOKEN = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"


def attachment(role: str | None = None) -> str:
    """How to name a RolePolicyAttachment for every language: the Python class and the type token."""
    argument = f', role "{role}"' if role else ""
    return f"aws.iam.RolePolicyAttachment ({ATTACHMENT_TOKEN}{argument})"


COMPONENT = "backup_roles.BackupServiceRole (backup-roles:index:BackupServiceRole)"
COMPONENT_FIX = f"or build the role with {COMPONENT}, which attaches both"


def selection_label(selection: SelectionView) -> str:
    """``Backup selection "<logical name>"`` plus the ``name`` property when it differs."""
    label = f'Backup selection "{selection.logical_name}"'
    if selection.restore_testing:
        label = f'Restore testing selection "{selection.logical_name}"'
    if isinstance(selection.name, str) and selection.name != selection.logical_name:
        label += f' (name "{selection.name}")'
    return label


def arn_list(policies: Sequence[S3Policy], partition: str) -> str:
    """``A`` / ``A and B``, as full ARNs in ``partition``, in a stable order."""
    ordered = [policy for policy in S3Policy if policy in policies]
    return " and ".join(managed_policy_arn(partition, policy.value) for policy in ordered)


def consequence(selection: SelectionView, partition: str, missing: Sequence[S3Policy]) -> str:
    # Worded to be true both in a preview and after `up --skip-preview`, when the selection may exist.
    if selection.restore_testing:
        return "S3 restore tests that use this role fail, because AWS Backup cannot restore the S3 data"
    if S3Policy.BACKUP not in missing:
        return "S3 backups run, but every restore of the S3 data with this role fails"
    return FAILURE.format(partition=partition)


def evidence_notes(evidence: Evidence | None, partition: str, policy_name: str) -> str:
    if evidence is None:
        return ""
    notes = ""
    if evidence.misplaced:
        attached = " and ".join(evidence.misplaced)
        verb = "is" if len(evidence.misplaced) == 1 else "are"
        notes += (
            f" Note: {attached} {verb} attached, but no such AWS managed policy exists: the S3 policies live "
            "at the root path (arn:<partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3...), not "
            "under service-role/."
        )
    for policy, other in evidence.foreign:
        notes += (
            f" Note: {policy.value} is attached with partition {other} in its ARN, but the role is in "
            f"partition {partition}, where no such policy exists."
        )
    for detached in evidence.detached:
        notes += (
            f" Note: {detached.policy.value} is attached by {detached.attachment}, but {detached.owner} "
            "owns the role's managed policies exclusively and does not list it, so it is detached at the "
            "next apply."
        )
    if evidence.elsewhere:
        notes += (
            f" Note: {' and '.join(evidence.elsewhere)} name the role, but through a provider that is not "
            "provably in the selection's account (not the same provider, no same pinned account, or other "
            "settings than the region differ), so they may attach to another account's role of that name; "
            "register them with the selection's provider, or pin both providers to the one account "
            "(allowedAccountIds)."
        )
    if evidence.read_as_configured:
        notes += (
            " Note: aws-backup-selection-disallow-default-role-for-s3 did not see the role's inputs in this "
            "run (is it disabled?), so its known managedPolicyArns is read as configured (the stricter "
            "reading)."
        )
    if evidence.disagreeing:
        notes += (
            f" Note: {' and '.join(evidence.owners)} each own the role's managed policies exclusively and "
            "disagree about the S3 policies; only what all of them list stays attached."
        )
    if evidence.unknown:
        notes += (
            f" {evidence.unknown} attached policy ARN(s) are unknown during preview and prove nothing;"
            " pass the ARNs as literal strings."
        )
    if evidence.customer:
        notes += (
            f" Note: the role also carries {' and '.join(evidence.customer)}, whose "
            "permissions this policy cannot read; if they grant what the S3 policies grant, add the role's "
            f'ARN to trustedRoleArns, or the selection to exemptSelections, in the config of "{policy_name}".'
        )
    return notes


def _fix(
    selection: SelectionView,
    arns: str,
    evidence: Evidence,
    component: str | None,
    missing: Sequence[S3Policy],
) -> str:
    if evidence.owners:
        lacking = evidence.owners_lacking(missing) or list(evidence.owners)
        return (
            f"Fix: add {arns} to {' and '.join(lacking)}; attachments outside an exclusive set are "
            "detached. Or stop managing the role's policies exclusively and attach them with "
            f"{attachment()}."
        )
    if component is not None:
        if S3Policy.BACKUP in missing:
            return (
                f'Fix: the role is built by BackupServiceRole "{component}" without S3 (include_s3=False / '
                'includeS3: false, or resource_types / resourceTypes without "S3"); drop include_s3=False, '
                'or add "S3" to resource_types.'
            )
        return (
            f'Fix: the role is built by BackupServiceRole "{component}" with include_restores=False / '
            "includeRestores: false, which leaves out the S3 restore policy; drop it."
        )
    return (
        f"Fix: attach {arns} to the role with {attachment()}, one per policy, and make the selection's "
        f"{selection.role_path} ({selection.role_path_python}) depend on those attachments, {COMPONENT_FIX}."
    )


def stack_role_missing(
    selection: SelectionView,
    reason: str,
    role_label: str,
    missing: Sequence[S3Policy],
    evidence: Evidence,
    partition: str,
    policy_name: str = "aws-backup-selection-missing-s3-role-policies",
    component: str | None = None,
) -> str:
    """The role is managed in this stack but lacks S3 policies."""
    arns = arn_list(missing, partition)
    return (
        f"{selection_label(selection)} targets S3 ({reason}), but its IAM role {role_label} does not carry "
        f"{arns}, so {consequence(selection, partition, missing)}."
        f"{evidence_notes(evidence, partition, policy_name)} "
        f"{_fix(selection, arns, evidence, component, missing)}"
    )


def default_role_missing(
    selection: SelectionView,
    reason: str,
    role_arn: str,
    missing: Sequence[S3Policy],
    evidence: Evidence | None,
    partition: str,
    policy_name: str = "aws-backup-selection-missing-s3-role-policies",
) -> str:
    """The selection uses the console-created default role."""
    arns = arn_list(missing, partition)
    if evidence is not None and evidence.owners:
        return (
            f"{selection_label(selection)} targets S3 ({reason}) with the console default role {role_arn}, "
            f"which does not keep {arns}, so {consequence(selection, partition, missing)}."
            f"{evidence_notes(evidence, partition, policy_name)} "
            f"{_fix(selection, arns, evidence, None, missing)}"
        )
    return (
        f"{selection_label(selection)} targets S3 ({reason}) with the console default role {role_arn}. "
        f"{DEFAULT_ROLE_NAME} carries only AWSBackupServiceRolePolicyForBackup and "
        f"AWSBackupServiceRolePolicyForRestores, which grant no S3 action, so "
        f"{consequence(selection, partition, missing)}."
        f"{evidence_notes(evidence, partition, policy_name)} Fix: "
        f"attach {arns} to {DEFAULT_ROLE_NAME} with {attachment(DEFAULT_ROLE_NAME)} and make the "
        f"selection's {selection.role_path} ({selection.role_path_python}) depend on those attachments "
        f'({COMPONENT} in adopt mode, existing_role_name / existingRoleName "{DEFAULT_ROLE_NAME}", does '
        "exactly that), or use a dedicated role built with BackupServiceRole."
    )


def external_role_missing(
    selection: SelectionView,
    reason: str,
    role: str,
    role_name: str,
    missing: Sequence[S3Policy],
    evidence: Evidence | None,
    partition: str,
    policy_name: str,
) -> str:
    """The role is not managed in this stack, so its policies cannot be proven."""
    arns = arn_list(missing, partition)
    notes = evidence_notes(evidence, partition, policy_name)
    if evidence is not None and evidence.owners:
        fix = _fix(selection, arns, evidence, None, missing)
    else:
        fix = (
            f"Fix: attach {arns} in this stack with {attachment(role_name)} and make the "
            f"selection's {selection.role_path} ({selection.role_path_python}) depend on those attachments, "
            f"{COMPONENT_FIX}; or, once you have verified the role, add its ARN to the trustedRoleArns "
            f'config of policy "{policy_name}".'
        )
    return (
        f"{selection_label(selection)} targets S3 ({reason}) with IAM role {role}, which is not managed in "
        f"this stack, so this policy cannot prove that it carries {arns}; without them, "
        f"{consequence(selection, partition, missing)}.{notes} {fix}"
    )


def role_not_found(
    selection: SelectionView, reason: str, problem: str, needs: Sequence[S3Policy], partition: str
) -> str:
    """The role cannot be identified at all."""
    arns = arn_list(needs, partition)
    return (
        f"{selection_label(selection)} targets S3 ({reason}), but {problem}, so this policy cannot find "
        f"the IAM role and prove that it carries {arns}. Fix: set {selection.role_path} "
        f"({selection.role_path_python}) from the role's "
        f"arn output (role.arn, or BackupServiceRole(...).arn) so the dependency is visible, and attach "
        f"{arns} to that role."
    )


def config_error(policy_name: str, problem: str) -> str:
    """The policy's configuration is unusable; the policy fails closed."""
    return (
        f'Invalid configuration for policy "{policy_name}": {problem}. The policy blocks every deployment '
        "until the configuration is fixed (--policy-pack-config)."
    )


def internal_error(subject: str, error: BaseException) -> str:
    """An unexpected error: the policy fails closed instead of passing silently."""
    return (
        f"This policy could not evaluate {subject} ({type(error).__name__}: {error}), so it fails closed. "
        "Please report this at https://github.com/backup-guardrails/backup-guardrails/issues."
    )


REGISTER_FIRST = (
    " (This check runs as each resource is registered, so the attachments must be registered before the "
    "selection: pass them in the selection's depends_on, or use BackupServiceRole(...).arn, which waits "
    "for them.)"
)
