"""The main rule's use of IAM for roles outside the stack (``verifyExternalRoles``).

Before any selection is judged, :func:`prefetch` gathers every external role the rule will judge (known
ARN, not trusted, not already proven by this stack) and asks IAM about all of them at once, within the
budget. :func:`judge` then turns the answer for one selection's role into its verdict.

What IAM reports is what the role carries now. After the apply it also carries what this stack attaches
to it by name, counted as the rule counts them (:func:`stack_evidence`: only attachments in the
selection's account, only policy ARNs of the selection's partition). When an exclusive owner in this
stack (a ``RolePolicyAttachmentsExclusive`` of the role's name, in that account) owns the role's set, the
apply replaces the set: IAM's current list proves nothing then, is never combined with it, and is not
asked for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Final

from pulumi_policy import PolicyResource

from . import iam_messages
from .arns import S3Policy
from .config import GuardrailConfig
from .iam_verification import LOG, Attached, NoSuchRole, Outcome, Unverified, settings_for, verify_roles
from .providers import provider_urn
from .role_lookup import ExternalRole
from .role_policies import Evidence, evidence_for_name, evidence_from_arns
from .selections import SelectionView
from .stack_index import StackIndex
from .targets import Target

_OUTCOMES: Final = ("iam-outcomes",)

Scope = Callable[[PolicyResource], tuple[Target, str, Sequence[ExternalRole]] | None]
"""For one selection: its S3 target, its partition and the external roles it uses, or ``None`` when it is
out of scope."""


def stack_evidence(
    index: StackIndex, resource: PolicyResource, role: ExternalRole, partition: str
) -> Evidence:
    """What this stack proves about an outside role for the selection ``resource``: its attachments by the
    role's name in the selection's account (never another account's), policy ARNs of ``partition`` only.
    The main rule's verdict without IAM and the IAM lookup both read this one value."""
    key = ("external-evidence", id(resource), role.name, role.arn, partition)
    return index.remember(
        key, lambda: evidence_for_name(index, role.name, partition, selection=resource, role_arn=role.arn)
    )


def asks_iam(evidence: Evidence, needs: Sequence[S3Policy]) -> bool:
    """Whether IAM's answer can change the verdict: the stack does not prove ``needs`` by itself, and no
    exclusive owner in the stack replaces what the role carries now."""
    return not evidence.owners and any(policy not in evidence.granted for policy in needs)


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
            target, partition, roles = scoped
            for role in roles:
                if (
                    role.arn
                    and not config.trusts(role.arn)
                    and asks_iam(stack_evidence(index, resource, role, partition), target.needs)
                ):
                    wanted.setdefault((provider_urn(resource), role.arn), resource)
        except Exception:
            continue
    settings = {key: settings_for(resource.provider) for key, resource in wanted.items()}
    answers = verify_roles(((settings[key], key[1]) for key in wanted), config.verify_timeout_seconds)
    index.memo[_OUTCOMES] = {key: answers[(settings[key], key[1])] for key in wanted}


def judge(
    index: StackIndex,
    resource: PolicyResource,
    selection: SelectionView,
    target: Target,
    role: ExternalRole,
    evidence: Evidence,
    partition: str,
    policy_name: str,
) -> tuple[bool, str | None]:
    """``(decided, message)``: IAM's verdict (``message`` ``None`` = passes), or ``(False, note)`` when the
    rule must fall back to its verdict without IAM (``note`` is appended to it, or ``None``).

    ``evidence`` is :func:`stack_evidence` for this selection and role."""
    if evidence.owners:
        return False, iam_messages.owned_note(evidence)
    missing = [policy for policy in target.needs if policy not in evidence.granted]
    outcomes: dict[tuple[str | None, str], Outcome] = index.memo.get(_OUTCOMES, {})
    outcome = outcomes.get((provider_urn(resource), role.arn or ""))
    if isinstance(outcome, Unverified):
        return False, iam_messages.unverified_note(outcome)
    if isinstance(outcome, NoSuchRole):
        return True, iam_messages.role_does_not_exist(selection, target, outcome, partition)
    if isinstance(outcome, Attached):
        reported = evidence_from_arns(outcome.policy_arns, partition)
        lacking = [policy for policy in missing if policy not in reported.granted]
        if not lacking:
            LOG.debug("%s passes: IAM reports %s carries the S3 policies", resource.urn, outcome.role_arn)
            return True, None
        return True, iam_messages.role_lacks_policies(
            selection,
            target.reason,
            outcome,
            role.name,
            lacking,
            _with_reported(evidence, reported),
            partition,
            policy_name,
        )
    return False, None


def _with_reported(evidence: Evidence, reported: Evidence) -> Evidence:
    """The stack's evidence, with what IAM reported that the messages name (other partitions' S3 policies,
    customer-managed policies)."""
    return replace(
        evidence,
        foreign=(*evidence.foreign, *(entry for entry in reported.foreign if entry not in evidence.foreign)),
        customer=(
            *evidence.customer,
            *(label for label in reported.customer if label not in evidence.customer),
        ),
    )


_PROCESS_CACHE: Final[dict[tuple[object, str], Outcome]] = {}
_PROCESS_LOCK: Final = threading.Lock()


def proven_at_registration(
    provider: object | None,
    role_arn: str,
    evidence: Evidence,
    missing: Sequence[S3Policy],
    partition: str,
    budget: float,
) -> tuple[bool, str | None]:
    """For the resource-level companion: ``(True, None)`` when IAM reports every ``missing`` policy (those
    the run's own attachments, ``evidence``, do not give) attached to ``role_arn``; else ``(False, note)``,
    ``note`` naming what IAM reported or why it was not asked, to append; or ``None``.

    Answers are kept for the life of the analyzer process (one ``pulumi preview`` or ``up``), like the
    companion's record of attachments.
    """
    if evidence.owners:
        return False, iam_messages.owned_note(evidence)
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
    if isinstance(outcome, NoSuchRole):
        return False, iam_messages.no_such_role_note(outcome)
    if isinstance(outcome, Attached):
        granted = evidence_from_arns(outcome.policy_arns, partition).granted
        if all(policy in granted for policy in missing):
            LOG.debug("%s carries the S3 policies, as IAM reports", role_arn)
            return True, None
        return False, iam_messages.reported_note(outcome)
    return False, None
