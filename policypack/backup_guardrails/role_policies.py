"""Which S3 managed policies a role provably carries.

Routes (FACTS.md): the role's own ``managedPolicyArns``; ``RolePolicyAttachment``,
``RolePolicyAttachmentsExclusive`` and ``PolicyAttachment`` linked to the role by property dependency
or by its known name or ARN. An attachment whose policy ARN is unknown proves nothing. An S3 policy
spelled under ``service-role/`` does not exist and proves nothing either; it is reported by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .arns import S3Policy, classify_policy_arn, partition_of
from .props import UNKNOWN
from .stack_index import AttachmentInfo, RoleInfo, StackIndex


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


def evidence_for_role(index: StackIndex, role: RoleInfo) -> Evidence:
    """Evidence for a role managed in this stack (computed once per analysis)."""
    key = ("evidence", id(role.resource))
    return index.remember(key, lambda: _evidence_for_role(index, role))


def _evidence_for_role(index: StackIndex, role: RoleInfo) -> Evidence:
    attachments = _unique(
        [
            *index.attachments_by_role.get(id(role.resource), ()),
            *([] if role.name is None else index.attachments_by_name.get(role.name, ())),
        ]
    )
    return _collect([*role.managed_policy_arns, *(arn for a in attachments for arn in a.policy_arns)])


def evidence_for_name(index: StackIndex, role_name: str) -> Evidence:
    """Evidence for a role outside the stack, from the attachments that target it by name."""
    attachments = index.attachments_by_name.get(role_name, ())
    return _collect([arn for attachment in attachments for arn in attachment.policy_arns])


def evidence_from_arns(values: Iterable[object]) -> Evidence:
    """Evidence from bare policy ARN values (the resource-level check's registry)."""
    return _collect(list(values))


def _unique(attachments: list[AttachmentInfo]) -> list[AttachmentInfo]:
    seen: set[int] = set()
    result = []
    for attachment in attachments:
        if id(attachment) not in seen:
            seen.add(id(attachment))
            result.append(attachment)
    return result


def _collect(values: list[object]) -> Evidence:
    granted: set[S3Policy] = set()
    misplaced: list[str] = []
    partitions: list[str] = []
    unknown = 0
    for value in values:
        if value is UNKNOWN:
            unknown += 1
            continue
        if not isinstance(value, str):
            continue
        partition = partition_of(value)
        if partition and partition not in partitions:
            partitions.append(partition)
        match = classify_policy_arn(value)
        if match is None:
            continue
        if match.misplaced:
            if value not in misplaced:
                misplaced.append(value)
        else:
            granted.add(match.policy)
    return Evidence(frozenset(granted), tuple(misplaced), unknown, tuple(partitions))
