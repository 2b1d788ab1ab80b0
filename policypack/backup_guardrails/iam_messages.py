"""The violations ``verifyExternalRoles`` adds: each names what IAM reported, the account, and the fix."""

from __future__ import annotations

from collections.abc import Sequence

from .arns import S3Policy, parse_role_arn
from .iam_verification import PERMISSIONS, Attached, NoSuchRole, Unverified
from .messages import _consequence, arn_list, selection_label
from .selections import SelectionView


def _account(role_arn: str) -> str:
    parsed = parse_role_arn(role_arn)
    return f"account {parsed.account}" if parsed else "the role's account"


def role_lacks_policies(
    selection: SelectionView,
    reason: str,
    outcome: Attached,
    role_name: str,
    missing: Sequence[S3Policy],
    partition: str,
) -> str:
    """IAM found the role, and it lacks S3 policies (and nothing in this stack attaches them)."""
    arns = arn_list(missing, partition)
    attached = ", ".join(outcome.policy_arns) if outcome.policy_arns else "no managed policy"
    return (
        f"{selection_label(selection)} targets S3 ({reason}) with IAM role {outcome.role_arn}, which is not "
        f"managed in this stack. IAM in {_account(outcome.role_arn)} reports that it carries {attached}, "
        f"so it lacks {arns}: {_consequence(selection, partition, missing)}. Fix: attach {arns} to "
        f"{role_name} where the role is managed (aws.iam.RolePolicyAttachment, or aws iam attach-role-policy "
        f"--role-name {role_name} --policy-arn <arn>), or in this stack with aws.iam.RolePolicyAttachment "
        f'(role="{role_name}") and make the selection\'s {selection.role_path} depend on those attachments.'
    )


def role_does_not_exist(selection: SelectionView, reason: str, outcome: NoSuchRole, partition: str) -> str:
    """IAM says there is no such role: AWS Backup cannot assume it at all."""
    needs = arn_list(list(S3Policy), partition)
    return (
        f"{selection_label(selection)} targets S3 ({reason}) with IAM role {outcome.role_arn}, which does "
        f"not exist: IAM in {_account(outcome.role_arn)} reports {outcome.detail}. AWS Backup cannot assume "
        f"it, so every backup job of this selection would fail. Fix: set the selection's "
        f"{selection.role_path} to an existing role that carries {needs}, or create it (e.g. with "
        "backup_roles.BackupServiceRole)."
    )


def unverified_note(outcome: Unverified) -> str:
    """Appended to the verdict without IAM when the lookup failed: the error and the permissions needed."""
    return (
        f" (verifyExternalRoles could not ask IAM about {outcome.role_arn}: {outcome.cause}. The "
        f"deployment's credentials need {' and '.join(PERMISSIONS)} on that role.)"
    )
