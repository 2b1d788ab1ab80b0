"""The text ``verifyExternalRoles`` adds: each verdict names what IAM reported, the account, and the fix.

Worded like every other message of the pack (messages.py): true both in a preview and after
``up --skip-preview``, schema names with the Python names beside them, type tokens beside classes.
"""

from __future__ import annotations

from collections.abc import Sequence

from .arns import S3Policy, parse_role_arn
from .constants import DEFAULT_ROLE_NAME
from .iam_verification import PERMISSIONS, Attached, NoSuchRole, Unverified
from .messages import COMPONENT, arn_list, attachment, consequence, evidence_notes, selection_label
from .role_policies import Evidence
from .selections import SelectionView
from .targets import Target


def _account(role_arn: str) -> str:
    parsed = parse_role_arn(role_arn)
    return f"account {parsed.account}" if parsed else "the role's account"


def _attached(outcome: Attached) -> str:
    return ", ".join(outcome.policy_arns) if outcome.policy_arns else "no managed policy"


def role_lacks_policies(
    selection: SelectionView,
    reason: str,
    outcome: Attached,
    role_name: str,
    missing: Sequence[S3Policy],
    evidence: Evidence,
    partition: str,
    policy_name: str,
) -> str:
    """IAM found the role, and neither it nor this stack's attachments (``evidence``) give ``missing``."""
    arns = arn_list(missing, partition)
    added = [policy for policy in S3Policy if policy in evidence.granted]
    also = f", and this stack attaches {arn_list(added, partition)} to it" if added else ""
    adopt = (
        f' ({COMPONENT} in adopt mode, existing_role_name / existingRoleName "{DEFAULT_ROLE_NAME}", does '
        "exactly that)"
        if role_name == DEFAULT_ROLE_NAME
        else ""
    )
    return (
        f"{selection_label(selection)} targets S3 ({reason}) with IAM role {outcome.role_arn}, which is not "
        f"managed in this stack. IAM in {_account(outcome.role_arn)} reports that it carries "
        f"{_attached(outcome)}{also}, so it lacks {arns}: {consequence(selection, partition, missing)}."
        f"{evidence_notes(evidence, partition, policy_name)} "
        f"Fix: attach {arns} to {role_name} where the role is "
        f"managed (aws iam attach-role-policy --role-name {role_name} --policy-arn <arn>, or "
        f"{attachment()} in that stack), or in this stack with {attachment(role_name)}, one per policy, and "
        f"make the selection's {selection.role_path} ({selection.role_path_python}) depend on those "
        f"attachments{adopt}."
    )


def role_does_not_exist(selection: SelectionView, target: Target, outcome: NoSuchRole, partition: str) -> str:
    """IAM says there is no such role: AWS Backup cannot assume it at all."""
    needs = arn_list(target.needs, partition)
    return (
        f"{selection_label(selection)} targets S3 ({target.reason}) with IAM role {outcome.role_arn}, which "
        f"does not exist: IAM in {_account(outcome.role_arn)} reports {outcome.detail}. AWS Backup cannot "
        "assume a role that does not exist, so no backup job of this selection can run. Fix: set the "
        f"selection's {selection.role_path} ({selection.role_path_python}) to the ARN of an existing role "
        f"that carries {needs}, or create the role, e.g. with {COMPONENT}."
    )


def unverified_note(outcome: Unverified) -> str:
    """Appended to the verdict without IAM when the lookup failed: the error and the permissions needed."""
    return (
        f" (verifyExternalRoles could not ask IAM about {outcome.role_arn}: {outcome.cause}. The "
        f"deployment's credentials need {' and '.join(PERMISSIONS)} on that role.)"
    )


def owned_note(evidence: Evidence) -> str:
    """Appended when an exclusive owner in this stack makes IAM's current list irrelevant."""
    return (
        f" (verifyExternalRoles did not ask IAM: {' and '.join(evidence.owners)} owns the role's managed "
        "policies exclusively and replaces them at the next apply, so what is attached now proves nothing.)"
    )


def reported_note(outcome: Attached) -> str:
    """Appended to the companion's verdict: what IAM reports the role carries now."""
    return (
        f" (verifyExternalRoles: IAM in {_account(outcome.role_arn)} reports that {outcome.role_arn} carries "
        f"{_attached(outcome)}.)"
    )


def no_such_role_note(outcome: NoSuchRole) -> str:
    """Appended to the companion's verdict: IAM has no such role."""
    return (
        f" (verifyExternalRoles: IAM in {_account(outcome.role_arn)} reports {outcome.detail}: the role does "
        "not exist, so AWS Backup cannot assume it.)"
    )
