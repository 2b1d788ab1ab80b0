"""The text of every violation. Each names the selection, the role, what is missing, and the fix."""

from __future__ import annotations

from collections.abc import Sequence

from .arns import S3Policy
from .constants import DEFAULT_ROLE_NAME, managed_policy_arn
from .role_policies import Evidence
from .selections import SelectionView

FAILURE = (
    'every S3 backup job would fail with "AWS Backup does not have permission to describe resource '
    'arn:{partition}:s3:::<bucket>"'
)
COMPONENT_FIX = "or build the role with backup_roles.BackupServiceRole, which attaches both"


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


def _consequence(selection: SelectionView, partition: str, missing: Sequence[S3Policy]) -> str:
    if selection.restore_testing:
        return "every S3 restore test would fail because AWS Backup cannot restore the S3 data"
    if S3Policy.BACKUP not in missing:
        return "backups would run, but every restore of the S3 data would fail"
    return FAILURE.format(partition=partition)


def _notes(evidence: Evidence | None) -> str:
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
    if evidence.unknown:
        notes += (
            f" {evidence.unknown} attached policy ARN(s) are unknown during preview and prove nothing;"
            " pass the ARNs as literal strings."
        )
    return notes


def stack_role_missing(
    selection: SelectionView,
    reason: str,
    role_label: str,
    missing: Sequence[S3Policy],
    evidence: Evidence,
    partition: str,
) -> str:
    """The role is managed in this stack but lacks S3 policies."""
    arns = arn_list(missing, partition)
    return (
        f"{selection_label(selection)} targets S3 ({reason}), but its IAM role {role_label} does not carry "
        f"{arns}, so {_consequence(selection, partition, missing)}.{_notes(evidence)} "
        f"Fix: attach {arns} to the role with aws.iam.RolePolicyAttachment (one per policy) and make the "
        f"selection's {selection.role_path} depend on those attachments, {COMPONENT_FIX}."
    )


def default_role_missing(
    selection: SelectionView,
    reason: str,
    role_arn: str,
    missing: Sequence[S3Policy],
    evidence: Evidence | None,
    partition: str,
) -> str:
    """The selection uses the console-created default role."""
    arns = arn_list(missing, partition)
    return (
        f"{selection_label(selection)} targets S3 ({reason}) with the console default role {role_arn}. "
        f"{DEFAULT_ROLE_NAME} carries only AWSBackupServiceRolePolicyForBackup and "
        f"AWSBackupServiceRolePolicyForRestores, which grant no S3 action, so "
        f"{_consequence(selection, partition, missing)}.{_notes(evidence)} Fix: attach {arns} to "
        f'{DEFAULT_ROLE_NAME} with aws.iam.RolePolicyAttachment (role="{DEFAULT_ROLE_NAME}") and make the '
        f"selection's {selection.role_path} depend on those attachments (BackupServiceRole in adopt mode, "
        f'existing_role_name="{DEFAULT_ROLE_NAME}", does exactly that), or use a dedicated role built '
        "with backup_roles.BackupServiceRole."
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
    return (
        f"{selection_label(selection)} targets S3 ({reason}) with IAM role {role}, which is not managed in "
        f"this stack, so this policy cannot prove that it carries {arns}; if it does not, "
        f"{_consequence(selection, partition, missing)}.{_notes(evidence)} Fix: attach {arns} in this "
        f'stack with aws.iam.RolePolicyAttachment (role="{role_name}") and make the selection\'s '
        f"{selection.role_path} depend on those attachments, {COMPONENT_FIX}; or, once you have verified "
        f'the role, add its ARN to the trustedRoleArns config of policy "{policy_name}".'
    )


def role_not_found(
    selection: SelectionView, reason: str, problem: str, needs: Sequence[S3Policy], partition: str
) -> str:
    """The role cannot be identified at all."""
    arns = arn_list(needs, partition)
    return (
        f"{selection_label(selection)} targets S3 ({reason}), but {problem}, so this policy cannot find "
        f"the IAM role and prove that it carries {arns}. Fix: set {selection.role_path} from the role's "
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
