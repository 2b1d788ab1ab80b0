"""One pass over the stack: roles, attachments, selections and the resource tree, indexed.

Works on ``pulumi_policy.PolicyResource`` objects. Resources are keyed by identity, not URN, so a
broken graph (duplicate URNs, dangling dependencies, parent loops) cannot confuse the joins.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pulumi_policy import PolicyResource

from .arns import parse_role_arn, role_name_of
from .constants import (
    ATTACHMENT_TYPES,
    BUCKET_TYPES,
    NATIVE_ROLE,
    POLICY_ATTACHMENT,
    REGION_SETTINGS,
    ROLE_POLICY,
    ROLE_POLICY_ATTACHMENT,
    ROLE_POLICY_ATTACHMENTS_EXCLUSIVE,
    ROLE_TYPES,
    SELECTION_TYPES,
)
from .props import MISSING, pluck
from .run_record import RECORD, stack_of
from .shared_stack import once_per_stack

T = TypeVar("T")


@dataclass(frozen=True)
class RoleInfo:
    """An IAM role managed in this stack."""

    resource: PolicyResource
    name: str | None
    arn: str | None
    managed_policy_arns: tuple[Any, ...]
    """Values of the CONFIGURED ``managedPolicyArns`` (strings, UNKNOWN or malformed items); empty when the
    program does not configure it."""
    exclusive: bool = False
    """Whether ``managedPolicyArns`` is configured, so it owns the role's whole set of managed policies."""
    inputs_seen: bool = True
    """Whether the resource-level check recorded the role's inputs in this run (see run_record)."""


@dataclass(frozen=True)
class AttachmentInfo:
    """One attachment of managed policies to roles."""

    resource: PolicyResource
    role_resources: tuple[PolicyResource, ...]
    """Roles it is linked to by property dependency."""
    role_names: tuple[str, ...]
    """Role names it targets by known value (ARNs reduced to their names)."""
    policy_arns: tuple[Any, ...]
    """Values of its policy ARN(s) (strings, UNKNOWN or malformed items)."""
    exclusive: bool = False
    """A ``RolePolicyAttachmentsExclusive``: it owns the whole set of its role's managed policies."""


# type -> (role property, policy property, whether the role property is a list, whether policies are)
_ATTACHMENT_SHAPES = {
    ROLE_POLICY_ATTACHMENT: ("role", "policyArn", False, False),
    POLICY_ATTACHMENT: ("roles", "policyArn", True, False),
}
_EXCLUSIVE_SHAPE = ("roleName", "policyArns", False, True)


@dataclass
class StackIndex:
    """Everything the selection rule joins, built once per analysis."""

    selections: list[PolicyResource] = field(default_factory=list)
    region_settings: list[PolicyResource] = field(default_factory=list)
    roles: dict[int, RoleInfo] = field(default_factory=dict)
    roles_by_name: dict[str, list[RoleInfo]] = field(default_factory=lambda: defaultdict(list))
    roles_by_arn: dict[str, list[RoleInfo]] = field(default_factory=lambda: defaultdict(list))
    attachments: dict[int, AttachmentInfo] = field(default_factory=dict)
    attachments_by_role: dict[int, list[AttachmentInfo]] = field(default_factory=lambda: defaultdict(list))
    attachments_by_name: dict[str, list[AttachmentInfo]] = field(default_factory=lambda: defaultdict(list))
    inline_by_role: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Labels of the ``RolePolicy`` resources linked to a role by property dependency."""
    inline_by_name: dict[str, list[PolicyResource]] = field(default_factory=lambda: defaultdict(list))
    """``RolePolicy`` resources by the role name they give."""
    children: dict[int, list[PolicyResource]] = field(default_factory=lambda: defaultdict(list))
    duplicate_urns: set[str] = field(default_factory=set)
    """URNs more than one resource claims (never from the engine): a dependency on one is ambiguous."""
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    """Joins that many selections share (a component's roles, a role's evidence), computed once."""

    def remember(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """``compute()``, computed once per ``key`` and analysis (see :attr:`memo`)."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    @classmethod
    def build(cls, resources: Iterable[PolicyResource]) -> StackIndex:
        index = cls()
        seen: set[str] = set()
        for resource in resources:
            if resource.urn in seen:
                index.duplicate_urns.add(resource.urn)
            seen.add(resource.urn)
            if resource.parent is not None:
                index.children[id(resource.parent)].append(resource)
            kind = resource.resource_type
            if kind in SELECTION_TYPES:
                index.selections.append(resource)
            elif kind in ROLE_TYPES:
                index._add_role(resource)
            elif kind in ATTACHMENT_TYPES:
                index._add_attachment(resource)
            elif kind == REGION_SETTINGS:
                index.region_settings.append(resource)
            elif kind == ROLE_POLICY:
                index._add_inline_policy(resource)
        return index

    def _add_inline_policy(self, resource: PolicyResource) -> None:
        label = inline_label(resource)
        for dep in resource.property_dependencies.get("role", ()):
            if dep.resource_type in ROLE_TYPES:
                self.inline_by_role[id(dep)].append(label)
        role = pluck(resource.props, "role")
        if isinstance(role, str) and role:
            self.inline_by_name[role_name_of(role)].append(resource)

    def _add_role(self, resource: PolicyResource) -> None:
        props = resource.props
        name = pluck(props, "roleName" if resource.resource_type == NATIVE_ROLE else "name")
        arn = pluck(props, "arn")
        managed, exclusive, seen = _configured_managed_policies(resource)
        info = RoleInfo(
            resource=resource,
            name=name if isinstance(name, str) and name else None,
            arn=arn if isinstance(arn, str) and arn else None,
            managed_policy_arns=_items(managed),
            exclusive=exclusive,
            inputs_seen=seen,
        )
        self.roles[id(resource)] = info
        if info.name:
            self.roles_by_name[info.name].append(info)
        if info.arn:
            self.roles_by_arn[info.arn].append(info)
            parsed = parse_role_arn(info.arn)
            if parsed and not info.name:
                self.roles_by_name[parsed.name].append(info)

    def _add_attachment(self, resource: PolicyResource) -> None:
        role_key, policy_key, role_is_list, policies_are_list = _ATTACHMENT_SHAPES.get(
            resource.resource_type, _EXCLUSIVE_SHAPE
        )
        role_value = pluck(resource.props, role_key)
        role_values = _items(role_value) if role_is_list else (role_value,)
        policy_value = pluck(resource.props, policy_key)
        policies = _items(policy_value) if policies_are_list else (policy_value,)
        linked = tuple(
            dep for dep in resource.property_dependencies.get(role_key, ()) if dep.resource_type in ROLE_TYPES
        )
        names = tuple(role_name_of(value) for value in role_values if isinstance(value, str) and value)
        info = AttachmentInfo(
            resource, linked, names, policies, resource.resource_type == ROLE_POLICY_ATTACHMENTS_EXCLUSIVE
        )
        self.attachments[id(resource)] = info
        for role in linked:
            self.attachments_by_role[id(role)].append(info)
        for name in set(names):
            self.attachments_by_name[name].append(info)

    def descendants(self, root: PolicyResource) -> Iterator[PolicyResource]:
        """Every resource below ``root`` in the parent tree (each once, loops cut)."""
        seen = {id(root)}
        stack = list(self.children.get(id(root), ()))
        while stack:
            resource = stack.pop()
            if id(resource) in seen:
                continue
            seen.add(id(resource))
            yield resource
            stack.extend(self.children.get(id(resource), ()))


def inline_label(resource: PolicyResource) -> str:
    """How users name an inline role policy resource."""
    return f'the inline aws.iam.RolePolicy "{resource.name}" ({ROLE_POLICY})'


def _configured_managed_policies(resource: PolicyResource) -> tuple[Any, bool, bool]:
    """(value, configured, inputs seen) of a role's ``managedPolicyArns``.

    ``AnalyzeStack`` gets OUTPUTS, where an unconfigured ``managedPolicyArns`` is the provider's report
    of what is attached now (unknown in a preview of a new role). Only the inputs, recorded by the
    resource-level check, tell configured from reported. A reported value proves nothing: an attachment
    deleted in this same update still shows in it. A role that check did not see while it saw others of
    the stack was read, not registered (``Role.get``; the engine analyzes registrations only): it
    configures nothing. Without any record of the stack (that check disabled), a known list is read as
    configured: the stricter reading, since a configured set detaches the rest.
    """
    recorded = RECORD.role(resource.urn)
    if recorded is not None:
        return recorded.value, recorded.configured, True
    if RECORD.seen(stack_of(resource.urn)):
        return MISSING, False, True
    managed = pluck(resource.props, "managedPolicyArns")
    if not isinstance(managed, list):
        return MISSING, False, False
    return managed, True, False


def _items(value: Any) -> tuple[Any, ...]:
    """A list property as a tuple; UNKNOWN stays one unknown item; missing is empty; junk is one item."""
    if value is MISSING:
        return ()
    if isinstance(value, list):
        return tuple(value)
    return (value,)


def bucket_names(resources: Sequence[PolicyResource]) -> list[str]:
    """Logical names of the S3 buckets among ``resources`` (deduplicated, in order)."""
    names: list[str] = []
    for resource in resources:
        if resource.resource_type in BUCKET_TYPES and resource.name not in names:
            names.append(resource.name)
    return names


def stack_index(resources: list[PolicyResource]) -> StackIndex:
    """The stack's index, built once per AnalyzeStack call for every policy that reads it."""
    return once_per_stack(resources, "stack-index", lambda: StackIndex.build(resources))
