"""The main rule's use of IAM for roles outside the stack (``verifyExternalRoles``).

Before any selection is judged, :func:`prefetch` gathers every external role the rule will judge (known
ARN, not trusted, not already proven by this stack) and asks IAM about all of them at once, within the
budget. :func:`judge` then turns the answer for one selection's role into its verdict.

What IAM reports is what the role carries now; after the apply it also carries what this stack attaches
to it by name, so the two are combined. A ``RolePolicyAttachmentsExclusive`` in this stack for the role
replaces its whole set on apply, so IAM's current set proves nothing then and is not asked for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Final

from pulumi_policy import PolicyResource

from . import iam_messages
from .arns import S3Policy
from .config import GuardrailConfig
from .constants import ROLE_POLICY_ATTACHMENTS_EXCLUSIVE
from .iam_verification import LOG, Attached, NoSuchRole, Outcome, Unverified, settings_for, verify_roles
from .role_lookup import ExternalRole
from .role_policies import evidence_for_name, evidence_from_arns
from .selections import SelectionView
from .stack_index import StackIndex
from .targets import Target, provider_urn

_OUTCOMES: Final = ("iam-outcomes",)

Scope = Callable[[PolicyResource], tuple[Target, Sequence[ExternalRole]] | None]
"""For one selection: its S3 target and the external roles it uses, or ``None`` when out of scope."""


def prefetch(index: StackIndex, config: GuardrailConfig, scope: Scope) -> None:
    """Ask IAM about every external role the rule will judge; the outcomes stay in the index's memo.

    Never raises: a selection it cannot scope is left to the rule (which reports it, failing closed), and
    a role without an outcome is judged as without verification."""
    wanted: dict[tuple[str | None, str], PolicyResource] = {}
    for resource in index.selections:
        try:
            scoped = scope(resource)
            if scoped is None:
                continue
            target, roles = scoped
            for role in roles:
                if role.arn and not config.trusts(role.arn) and _asks_iam(index, target.needs, role):
                    wanted.setdefault((provider_urn(resource), role.arn), resource)
        except Exception:
            continue
    settings = {key: settings_for(resource.provider) for key, resource in wanted.items()}
    answers = verify_roles(((settings[key], key[1]) for key in wanted), config.verify_timeout_seconds)
    index.memo[_OUTCOMES] = {key: answers[(settings[key], key[1])] for key in wanted}


def _asks_iam(index: StackIndex, needs: Sequence[S3Policy], role: ExternalRole) -> bool:
    if any(
        attachment.resource.resource_type == ROLE_POLICY_ATTACHMENTS_EXCLUSIVE
        for attachment in index.attachments_by_name.get(role.name, ())
    ):
        return False
    granted = evidence_for_name(index, role.name).granted
    return any(policy not in granted for policy in needs)


def judge(
    index: StackIndex,
    resource: PolicyResource,
    selection: SelectionView,
    target: Target,
    role: ExternalRole,
    missing: Sequence[S3Policy],
    partition: str,
) -> tuple[bool, str | None]:
    """``(decided, message)``: IAM's verdict (``message`` ``None`` = passes), or ``(False, note)`` when the
    rule must fall back to its verdict without IAM (``note`` is appended to it, or ``None``)."""
    outcomes: dict[tuple[str | None, str], Outcome] = index.memo.get(_OUTCOMES, {})
    outcome = outcomes.get((provider_urn(resource), role.arn or ""))
    if isinstance(outcome, Unverified):
        return False, iam_messages.unverified_note(outcome)
    if isinstance(outcome, NoSuchRole):
        return True, iam_messages.role_does_not_exist(selection, target.reason, outcome, partition)
    if isinstance(outcome, Attached):
        granted = evidence_from_arns(outcome.policy_arns).granted
        lacking = [policy for policy in missing if policy not in granted]
        if not lacking:
            LOG.debug("%s passes: IAM reports %s carries the S3 policies", resource.urn, outcome.role_arn)
            return True, None
        return True, iam_messages.role_lacks_policies(
            selection, target.reason, outcome, role.name, lacking, partition
        )
    return False, None


_PROCESS_CACHE: Final[dict[tuple[object, str], Outcome]] = {}
_PROCESS_LOCK: Final = threading.Lock()


def proven_at_registration(
    provider: object | None, role_arn: str, missing: Sequence[S3Policy], budget: float
) -> tuple[bool, str | None]:
    """For the resource-level companion: ``(True, None)`` when IAM reports every ``missing`` policy
    attached to ``role_arn``; else ``(False, note)``, ``note`` naming an IAM error to append, or ``None``.

    Answers are kept for the life of the analyzer process (one ``pulumi preview`` or ``up``), like the
    companion's record of attachments.
    """
    settings = settings_for(provider)
    key = (settings, role_arn)
    with _PROCESS_LOCK:
        outcome = _PROCESS_CACHE.get(key)
    if outcome is None:
        outcome = verify_roles([key], budget)[key]
        with _PROCESS_LOCK:
            _PROCESS_CACHE[key] = outcome
    if isinstance(outcome, Unverified):
        return False, iam_messages.unverified_note(outcome)
    if isinstance(outcome, Attached):
        granted = evidence_from_arns(outcome.policy_arns).granted
        if all(policy in granted for policy in missing):
            LOG.debug("%s carries the S3 policies, as IAM reports", role_arn)
            return True, None
    return False, None
