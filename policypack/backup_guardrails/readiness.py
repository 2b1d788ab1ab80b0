"""The shared S3 readiness resolution: which buckets of the stack each selection backs up, under which
plan rules, and what the stack says about each of those buckets.

The rules read plain data: the few properties they need (``pluck``, for the types below only),
extracted once per AnalyzeStack call and shared by every readiness policy of that call
(:func:`backup_guardrails.shared_stack.once_per_stack`); nothing outlives the call.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pulumi_policy import PolicyResource

from .constants import (
    BUCKET,
    BUCKET_ENCRYPTION_TYPES,
    BUCKET_NOTIFICATION,
    BUCKET_TYPES,
    BUCKET_V2,
    BUCKET_VERSIONING_TYPES,
    KMS_ALIAS,
    KMS_KEY,
    KMS_KEY_POLICY,
    NATIVE_BUCKET,
    NATIVE_KMS_KEY,
    NATIVE_PLAN,
    NATIVE_SELECTION,
    PLAN,
    REGION_SETTINGS,
    SELECTION,
    VAULT_TYPES,
)
from .props import pluck
from .providers import provider_urn, selection_partition
from .role_lookup import lookup_role
from .selections import SelectionView, view_selection
from .stack_index import stack_index

# type -> (properties read, properties whose dependencies are followed)
_READS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    BUCKET: (("bucket", "arn", "tags", "tagsAll", "versioning", "serverSideEncryptionConfiguration"), ()),
    BUCKET_V2: (
        ("bucket", "arn", "tags", "tagsAll", "versionings", "serverSideEncryptionConfigurations"),
        (),
    ),
    NATIVE_BUCKET: (
        (
            "bucketName",
            "arn",
            "tags",
            "versioningConfiguration",
            "bucketEncryption",
            "notificationConfiguration",
        ),
        ("bucketEncryption",),
    ),
    BUCKET_NOTIFICATION: (("bucket", "eventbridge"), ("bucket",)),
    KMS_KEY: (("arn", "keyId", "id", "policy"), ("policy",)),
    NATIVE_KMS_KEY: (("arn", "keyId", "keyPolicy"), ("keyPolicy",)),
    KMS_KEY_POLICY: (("keyId", "policy"), ("keyId",)),
    KMS_ALIAS: (("name", "arn", "targetKeyId", "targetKeyArn"), ("targetKeyId",)),
    PLAN: (("id", "name", "rules"), ("rules",)),
    NATIVE_PLAN: (("backupPlanId", "backupPlan"), ("backupPlan",)),
    REGION_SETTINGS: (("resourceTypeOptInPreference",), ()),
    **{kind: (("bucket", "versioningConfiguration"), ("bucket",)) for kind in BUCKET_VERSIONING_TYPES},
    **{kind: (("bucket", "rules"), ("bucket", "rules")) for kind in BUCKET_ENCRYPTION_TYPES},
    **{kind: (("name", "backupVaultName"), ()) for kind in VAULT_TYPES},
}
# Classic bucket encryption: the inline configuration's key comes from its own property dependencies.
_READS[BUCKET] = (_READS[BUCKET][0], ("serverSideEncryptionConfiguration",))
_READS[BUCKET_V2] = (_READS[BUCKET_V2][0], ("serverSideEncryptionConfigurations",))

T = TypeVar("T")

_PLAN_ID_PROPERTY = {SELECTION: "planId", NATIVE_SELECTION: "backupPlanId"}


@dataclass
class Node:
    """One resource as the readiness rules see it: the properties its type reads (``_READS``) as plain
    values, plucked on first read (most plans, keys and vaults of a stack are never asked about), and
    the dependencies of the properties it follows as URNs."""

    resource: PolicyResource
    provider: str | None
    _values: dict[str, Any] = field(default_factory=dict)

    @property
    def urn(self) -> str:
        return self.resource.urn

    @property
    def type(self) -> str:
        return self.resource.resource_type

    @property
    def name(self) -> str:
        return self.resource.name

    def get(self, key: str) -> Any:
        """The plain value of ``key``, one of the properties this type reads."""
        if key not in self._values:
            if key not in _READS[self.type][0]:
                raise KeyError(f"{self.type} reads no {key!r}")
            self._values[key] = pluck(self.resource.props, key)
        return self._values[key]

    def read(self, key: str) -> Any:
        """:meth:`get`, or ``None`` for a property this type does not read."""
        return self.get(key) if key in _READS[self.type][0] else None

    def dep_urns(self, key: str) -> tuple[str, ...]:
        if key not in _READS[self.type][1]:
            return ()
        return tuple(dep.urn for dep in self.resource.property_dependencies.get(key, ()))


@dataclass(frozen=True)
class RoleId:
    """One role a selection may use, as far as it is known (for KMS key policies)."""

    name: str | None
    arn: str | None
    label: str


@dataclass
class SelectionNode:
    """A backup selection: its uniform view, its plan id and the URNs its resources and plan come from."""

    resource: PolicyResource
    view: SelectionView
    provider: str | None
    partition: str
    """The role rule's partition: the provider's region, else the selection's known ARNs, else aws."""
    plan_id: Any
    plan_deps: tuple[str, ...]
    resource_deps: tuple[str, ...]


@dataclass
class Extract:
    """Everything the readiness rules read from one analysis, as plain data."""

    nodes: list[Node] = field(default_factory=list)
    selections: list[SelectionNode] = field(default_factory=list)


def extract(resources: Iterable[PolicyResource]) -> Extract:
    """Read what the readiness rules need (and nothing else) from the stack."""
    result = Extract()
    for resource in resources:
        kind = resource.resource_type
        if kind in _PLAN_ID_PROPERTY:
            view = view_selection(resource.urn, kind, resource.name, resource.props)
            plan_key = _PLAN_ID_PROPERTY[kind]
            deps = resource.property_dependencies
            result.selections.append(
                SelectionNode(
                    resource=resource,
                    view=view,
                    provider=provider_urn(resource),
                    partition=selection_partition(resource, view, "aws"),
                    plan_id=pluck(resource.props, plan_key),
                    plan_deps=tuple(dep.urn for dep in deps.get(plan_key, ())),
                    resource_deps=tuple(dep.urn for dep in deps.get(view.resources_property, ())),
                )
            )
            continue
        if kind in _READS:
            result.nodes.append(Node(resource, provider_urn(resource)))
    return result


def selection_roles(resources: list[PolicyResource], selection: SelectionNode) -> tuple[RoleId, ...] | None:
    """The roles of ``selection``, by the role rule's own lookup over the stack's index (``None`` when it
    cannot tell). Only the KMS rule needs them, for key policies that name roles."""
    lookup = lookup_role(stack_index(resources), selection.view, selection.resource)
    if lookup.problem is not None:
        return None
    roles = [RoleId(role.name, role.arn, f'"{role.resource.name}"') for role in lookup.stack_roles]
    roles += [RoleId(role.name, role.arn, role.arn or f'"{role.name}"') for role in lookup.external_roles]
    return tuple(roles) or None


@dataclass
class Stack:
    """The extract indexed by type and URN (built once per resolution)."""

    extract: Extract
    by_urn: dict[str, Node] = field(default_factory=dict)
    by_type: dict[str, list[Node]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    memo: dict[Any, Any] = field(default_factory=dict)
    """Lookups several rules share (the resources linked to buckets, by kind)."""

    def __post_init__(self) -> None:
        for position, node in enumerate(self.extract.nodes):
            self.order.setdefault(node.urn, position)
            self.by_urn.setdefault(node.urn, node)
            self.by_type.setdefault(node.type, []).append(node)

    def of_types(self, kinds: Iterable[str]) -> list[Node]:
        return [node for kind in kinds for node in self.by_type.get(kind, ())]

    def buckets(self) -> list[Node]:
        return [node for node in self.extract.nodes if node.type in BUCKET_TYPES]

    def resolve_deps(self, urns: Iterable[str], kinds: frozenset[str]) -> list[Node]:
        """The nodes of ``kinds`` among ``urns``, or among the descendants of a component in ``urns``."""
        wanted = set(urns)
        found: list[Node] = []
        for urn in wanted:
            node = self.by_urn.get(urn)
            if node is not None and node.type in kinds:
                found.append(node)
        if len(found) < len(wanted):
            for node in self.extract.nodes:
                if node.type in kinds and node not in found and _below(node, wanted):
                    found.append(node)
        return sorted(found, key=lambda node: node.urn)


def _below(node: Node, ancestors: set[str]) -> bool:
    """Whether a resource whose URN is in ``ancestors`` is a parent, grandparent, ... of ``node``."""
    seen: set[int] = set()
    current = node.resource.parent
    while current is not None and id(current) not in seen:
        if current.urn in ancestors:
            return True
        seen.add(id(current))
        current = current.parent
    return False
