"""Which S3 managed policies a role provably carries after the apply.

Routes (FACTS.md): the role's own ``managedPolicyArns``; ``RolePolicyAttachment``,
``RolePolicyAttachmentsExclusive`` and ``PolicyAttachment`` linked to the role by property dependency
or by its known name or ARN (by name only within the same account: the same provider, or providers that
provably share an account).

Two routes are exclusive, as the provider applies them (pulumi-aws 7.51.1 docstrings): a CONFIGURED
``managedPolicyArns`` ("Pulumi will align the role's managed policy attachments with this set") and a
``RolePolicyAttachmentsExclusive`` ("removal of managed IAM policies which are not explicitly
configured"). When one owns the role's set, only what every owner lists stays attached; any other
attachment is detached on the next apply and proves nothing.

An attachment whose policy ARN is unknown proves nothing. An S3 policy spelled under ``service-role/``,
or in another partition than the role's, does not exist and proves nothing either; both are reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .arns import S3Policy, classify_policy_arn, partition_of
from .constants import NATIVE_ROLE
from .props import UNKNOWN, pluck
from .providers import account_conflicts, same_account
from .stack_index import AttachmentInfo, RoleInfo, StackIndex, inline_label

_CUSTOMER_POLICY = re.compile(r"^arn:aws[a-z0-9-]*:iam::\d{12}:policy/.+$")


@dataclass(frozen=True)
class Detached:
    """An S3 policy attached outside the owning set, which the owner will detach."""

    policy: S3Policy
    attachment: str
    owner: str


@dataclass(frozen=True)
class Evidence:
    """What the stack proves about one role."""

    granted: frozenset[S3Policy]
    misplaced: tuple[str, ...]
    """S3 policy ARNs attached under the non-existent ``service-role/`` path."""
    unknown: int
    """How many policy ARNs are unknown during preview."""
    partitions: tuple[str, ...]
    """Partitions seen in the policy ARNs, for spelling the missing ones."""
    foreign: tuple[tuple[S3Policy, str], ...] = ()
    """S3 policies attached with another partition than the role's: (policy, that partition)."""
    detached: tuple[Detached, ...] = ()
    owners: tuple[str, ...] = ()
    """The resources that own the role's set exclusively, as users name them."""
    disagreeing: bool = False
    """Two or more owners whose sets differ in the S3 policies."""
    customer: tuple[str, ...] = ()
    """The role's own policies (customer-managed ARNs, inline policies), named for users: their
    permissions cannot be read here."""
    owner_grants: tuple[tuple[str, frozenset[S3Policy]], ...] = ()
    """Each owner with the S3 policies it lists."""
    elsewhere: tuple[str, ...] = ()
    """Attachments naming the role that attach an S3 policy but did not count: their provider is not
    provably in the selection's account."""
    read_as_configured: bool = False
    """The role's managedPolicyArns was read as configured without its inputs (no Analyze record)."""

    def owners_lacking(self, policies: Sequence[S3Policy]) -> list[str]:
        """The owners that do not list every one of ``policies``."""
        return [label for label, has in self.owner_grants if not set(policies) <= has]


@dataclass(frozen=True)
class _Owner:
    label: str
    values: tuple[Any, ...]


def evidence_for_role(index: StackIndex, role: RoleInfo, partition: str | None = None) -> Evidence:
    """Evidence for a role managed in this stack (computed once per analysis and partition)."""
    key = ("evidence", id(role.resource), partition)
    return index.remember(key, lambda: _evidence_for_role(index, role, partition))


def _evidence_for_role(index: StackIndex, role: RoleInfo, partition: str | None) -> Evidence:
    by_name = [] if role.name is None else index.attachments_by_name.get(role.name, ())
    attachments = _unique(
        [
            *index.attachments_by_role.get(id(role.resource), ()),
            *(a for a in by_name if _same_account(a.resource, role.resource, role.arn)),
        ]
    )
    owners = [_Owner(_role_set_label(role), role.managed_policy_arns)] if role.exclusive else []
    evidence = _judge(owners, attachments, partition)
    if role.exclusive and not role.inputs_seen:
        evidence = replace(evidence, read_as_configured=True)
    skipped = [a for a in by_name if a not in attachments]
    evidence = with_elsewhere(evidence, [(_attachment_label(a), a.policy_arns) for a in skipped])
    inline = _inline_policies(index, role)
    return replace(evidence, customer=(*evidence.customer, *inline)) if inline else evidence


def _inline_policies(index: StackIndex, role: RoleInfo) -> list[str]:
    """Labels of the role's own inline policies: ``inlinePolicies`` entries and linked ``RolePolicy``."""
    labels = list(index.inline_by_role.get(id(role.resource), ()))
    if role.name is not None:
        labels += [
            inline_label(policy)
            for policy in index.inline_by_name.get(role.name, ())
            if _same_account(policy, role.resource, role.arn) and inline_label(policy) not in labels
        ]
    inline = pluck(role.resource.props, "inlinePolicies")
    for entry in inline if isinstance(inline, list) else ():
        # An entry without a name or a policy names nothing.
        name = entry.get("name") if isinstance(entry, Mapping) else None
        if isinstance(name, str) and name and entry.get("policy") not in (None, ""):
            labels.append(f'the inline policy "{name}" of its inlinePolicies (inline_policies)')
    return labels


def evidence_for_name(
    index: StackIndex,
    role_name: str,
    partition: str | None = None,
    *,
    selection: object = None,
    role_arn: str | None = None,
) -> Evidence:
    """Evidence for a role outside the stack, from the attachments that target it by name in the
    selection's account (``selection``: its PolicyResource; ``role_arn``: its known role ARN)."""
    named = index.attachments_by_name.get(role_name, ())
    attachments = [
        attachment
        for attachment in named
        if selection is None or _same_account(attachment.resource, selection, role_arn)
    ]
    skipped = [(_attachment_label(a), a.policy_arns) for a in named if a not in attachments]
    return with_elsewhere(_judge([], attachments, partition), skipped)


def with_elsewhere(evidence: Evidence, skipped: Sequence[tuple[str, Sequence[object]]]) -> Evidence:
    """Name the attachments of the role's name that did not count for another (or unproven) account,
    when they would have attached an S3 policy (``skipped``: their labels and policy ARN values)."""
    labels = tuple(label for label, values in skipped if _collect(list(values), None).granted)
    return replace(evidence, elsewhere=labels) if labels else evidence


def evidence_from_arns(values: Iterable[object], partition: str | None = None) -> Evidence:
    """Evidence from bare policy ARN values (additive attachments only)."""
    return _collect(list(values), partition)


def evidence_from_sets(
    owners: Sequence[tuple[str, Sequence[object]]],
    additive: Sequence[tuple[str, Sequence[object]]],
    partition: str | None,
) -> Evidence:
    """Evidence from (label, policy ARN values) of exclusive owners and additive attachments."""
    owned = [_Owner(label, tuple(values)) for label, values in owners]
    return _combine(owned, [(label, tuple(values)) for label, values in additive], partition)


def _same_account(attachment: object, other: object, role_arn: str | None) -> bool:
    return same_account(attachment, other) and not account_conflicts(attachment, role_arn)


def _judge(owners: list[_Owner], attachments: Sequence[AttachmentInfo], partition: str | None) -> Evidence:
    additive: list[tuple[str, tuple[Any, ...]]] = []
    for attachment in attachments:
        if attachment.exclusive:
            owners.append(_Owner(_attachment_label(attachment), attachment.policy_arns))
        else:
            additive.append((_attachment_label(attachment), attachment.policy_arns))
    return _combine(owners, additive, partition)


def _combine(
    owners: list[_Owner], additive: list[tuple[str, tuple[Any, ...]]], partition: str | None
) -> Evidence:
    every = [value for owner in owners for value in owner.values]
    every += [value for _, values in additive for value in values]
    overall = _collect(every, partition)
    if not owners:
        return overall
    per_owner = [_collect(list(owner.values), partition).granted for owner in owners]
    granted = frozenset.intersection(*per_owner)
    detached = tuple(
        Detached(policy, label, _owner_names(owners, policy, per_owner))
        for label, values in additive
        for policy in _collect(list(values), partition).granted
        if policy not in granted
    )
    return Evidence(
        granted=granted,
        misplaced=overall.misplaced,
        unknown=overall.unknown,
        partitions=overall.partitions,
        foreign=overall.foreign,
        detached=detached,
        owners=tuple(owner.label for owner in owners),
        disagreeing=len(set(per_owner)) > 1,
        customer=overall.customer,
        owner_grants=tuple((owner.label, has) for owner, has in zip(owners, per_owner, strict=True)),
    )


def _owner_names(owners: list[_Owner], policy: S3Policy, per_owner: list[frozenset[S3Policy]]) -> str:
    return " and ".join(
        owner.label for owner, has in zip(owners, per_owner, strict=True) if policy not in has
    )


def _role_set_label(role: RoleInfo) -> str:
    token = role.resource.resource_type
    python = "aws_native.iam.Role" if token == NATIVE_ROLE else "aws.iam.Role"
    return f'the managedPolicyArns (managed_policy_arns) of {python} "{role.resource.name}" ({token})'


def _attachment_label(attachment: AttachmentInfo) -> str:
    token = attachment.resource.resource_type
    python = "aws.iam." + token.rsplit(":", 1)[-1]
    return f'{python} "{attachment.resource.name}" ({token})'


def _unique(attachments: list[AttachmentInfo]) -> list[AttachmentInfo]:
    seen: set[int] = set()
    result = []
    for attachment in attachments:
        if id(attachment) not in seen:
            seen.add(id(attachment))
            result.append(attachment)
    return result


def _collect(values: list[object], partition: str | None) -> Evidence:
    granted: set[S3Policy] = set()
    misplaced: list[str] = []
    partitions: list[str] = []
    foreign: list[tuple[S3Policy, str]] = []
    customer: list[str] = []
    unknown = 0
    for value in values:
        if value is UNKNOWN:
            unknown += 1
            continue
        if not isinstance(value, str):
            continue
        found = partition_of(value)
        if found and found not in partitions:
            partitions.append(found)
        if _CUSTOMER_POLICY.match(value) and f"the customer-managed {value}" not in customer:
            customer.append(f"the customer-managed {value}")
        match = classify_policy_arn(value)
        if match is None:
            continue
        if match.misplaced:
            if value not in misplaced:
                misplaced.append(value)
        elif partition is not None and found != partition:
            if (match.policy, str(found)) not in foreign:
                foreign.append((match.policy, str(found)))
        else:
            granted.add(match.policy)
    return Evidence(
        frozenset(granted),
        tuple(misplaced),
        unknown,
        tuple(partitions),
        tuple(foreign),
        customer=tuple(customer),
    )


__all__ = [
    "Detached",
    "Evidence",
    "evidence_for_name",
    "evidence_for_role",
    "evidence_from_arns",
    "evidence_from_sets",
    "with_elsewhere",
]
