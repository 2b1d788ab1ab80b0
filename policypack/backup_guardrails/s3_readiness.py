"""One resolution per analysis, shared by the S3 readiness policies: for every selection the buckets
of the stack it backs up and the plan rules it runs under; for every bucket its versioning, EventBridge
and KMS facts (computed on first use)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pulumi_policy import PolicyResource

from . import bucket_state
from .buckets import Bucket, BucketIndex, Coverage, bucket_of, covered
from .constants import REGION_SETTINGS
from .plans import Rule, plan_rules, plans_of
from .props import get
from .readiness import Extract, RoleId, SelectionNode, Stack, extract, selection_roles
from .shared_stack import once_per_stack
from .targets import S3OptIn

T = TypeVar("T")


@dataclass
class Backed:
    """One selection with what it backs up and how."""

    selection: SelectionNode
    coverage: list[Coverage]
    rules: list[Rule]
    rules_complete: bool
    """False when some plan's rules could not be read (unknown or malformed)."""


@dataclass
class Resolution:
    stack: Stack
    backed: list[Backed]
    resources: list[PolicyResource]
    """The stack's resources, for the role rule's lookup (see :meth:`roles_of`)."""
    memo: dict[tuple[str, object], Any] = field(default_factory=dict)
    """Per resolution: each selection's roles, each bucket's facts."""

    def roles_of(self, backed: Backed) -> tuple[RoleId, ...] | None:
        """The roles the selection may use (``None``: unknown), looked up once per selection."""
        key = ("roles", id(backed.selection))
        if key not in self.memo:
            self.memo[key] = selection_roles(self.resources, backed.selection)
        return self.memo[key]  # type: ignore[no-any-return]

    def fact(self, kind: str, bucket: Bucket, compute: Callable[[Stack, Bucket], T]) -> T:
        key = (kind, bucket.node.urn)
        if key not in self.memo:
            self.memo[key] = compute(self.stack, bucket)
        return self.memo[key]  # type: ignore[no-any-return]

    def versioning(self, bucket: Bucket) -> bucket_state.State:
        return self.fact("versioning", bucket, bucket_state.versioning)

    def eventbridge(self, bucket: Bucket) -> bucket_state.State:
        return self.fact("eventbridge", bucket, bucket_state.eventbridge)

    def kms_keys(self, bucket: Bucket) -> list[bucket_state.KeyUse]:
        return self.fact("kms", bucket, bucket_state.kms_keys)


def resolve(resources: list[PolicyResource]) -> Resolution:
    """The resolution for this analysis (computed by the first readiness policy that asks)."""
    return once_per_stack(resources, "s3-readiness", lambda: _resolve(extract(resources), resources))


def _resolve(data: Extract, resources: list[PolicyResource]) -> Resolution:
    stack = Stack(data)
    buckets = BucketIndex([bucket_of(node) for node in stack.buckets()])
    opt_in: dict[str | None, S3OptIn] = {}
    backed = []
    for selection in data.selections:
        if selection.provider not in opt_in:
            opt_in[selection.provider] = S3OptIn.from_preferences(
                [
                    get(node.get("resourceTypeOptInPreference"), "S3")
                    for node in stack.by_type.get(REGION_SETTINGS, ())
                    if node.provider == selection.provider
                ]
            )
        coverage = covered(selection, buckets, opt_in[selection.provider])
        rules: list[Rule] = []
        complete = True
        if coverage:
            for plan in plans_of(stack, selection):
                found, ok = plan_rules(stack, plan)
                rules += found
                complete = complete and ok
        backed.append(Backed(selection, coverage, rules, complete))
    return Resolution(stack, backed, resources)
