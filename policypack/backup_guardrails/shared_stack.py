"""One stack per AnalyzeStack call, shared by every stack policy of the pack.

pulumi-policy 1.21's ``AnalyzeStack`` (``pulumi_policy/policy.py``) rebuilds the whole stack for each
stack policy: ``MessageToDict``, ``deserialize_properties``, the unknown-checking proxies, the provider of
every resource, parents and dependencies. The pack has six stack policies, so a 10,000-resource preview
paid for six rebuilds where one is enough (bench/README.md: the SDK's part was nine times the one-policy
floor).

:class:`SharedStackServicer` overrides ``AnalyzeStack`` alone. It builds the ``PolicyResource`` list
once, as the SDK's loop does (with the SDK's own helpers; one provider object per distinct provider
reference), then hands the SDK's own ``AnalyzeStack`` a request without resources: the SDK still runs
every policy as it always does (their enforcement levels and config, ``report_violation``, the "can't
run policy" and not-applicable handling), and each policy reads the one built list through
:func:`stack_resources`. The responses are identical to the SDK's own (tests/test_shared_stack.py
compares them on every golden stack and a synthetic benchmark stack).

It is installed only for the pulumi-policy version it was checked against (:data:`VERIFIED_SDK`, the
version policypack/requirements.txt pins; a test keeps the two equal). With any other version the SDK's
own servicer serves the pack, unchanged: every verdict the same, only slower.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Final, TypeVar, cast

import pulumi_policy.policy as sdk
from google.protobuf import json_format
from pulumi.runtime.proto import analyzer_pb2
from pulumi_policy import PolicyResource, StackValidationArgs
from pulumi_policy.deserialize import deserialize_properties
from pulumi_policy.proxy import unknown_checking_proxy
from pulumi_policy.version import VERSION as SDK_VERSION

VERIFIED_SDK: Final = "1.21.0"
"""The pulumi-policy version whose ``AnalyzeStack`` this module's build was checked against."""

T = TypeVar("T")

_CURRENT = threading.local()
"""The AnalyzeStack call running on this thread (gRPC serves calls on a pool): ``resources``, the stack
built for it, and ``memo``, what its policies share; both dropped when the call returns."""


def stack_resources(args: StackValidationArgs) -> list[PolicyResource]:
    """The stack's resources: the list built once for this call, or the SDK's own when there is none."""
    built: list[PolicyResource] | None = getattr(_CURRENT, "resources", None)
    return list(args.resources) if built is None else built


def once_per_stack(resources: list[PolicyResource], key: str, compute: Callable[[], T]) -> T:
    """``compute()``, shared by every policy of this AnalyzeStack call when ``resources`` is the call's one
    built stack (:func:`stack_resources`); computed afresh otherwise (the SDK's own servicer)."""
    if resources is not getattr(_CURRENT, "resources", None):
        return compute()
    memo: dict[str, Any] = _CURRENT.memo
    if key not in memo:
        memo[key] = compute()
    return cast(T, memo[key])


class SharedStackServicer(sdk._PolicyAnalyzerServicer):
    """The SDK's analyzer servicer, building the stack once per ``AnalyzeStack`` call."""

    def AnalyzeStack(self, request: Any, context: Any) -> Any:  # noqa: N802 - the gRPC method name
        _CURRENT.resources, _CURRENT.memo = self.build_stack(request), {}
        try:
            # The verified SDK's AnalyzeStack reads nothing of the request but its resources.
            return super().AnalyzeStack(analyzer_pb2.AnalyzeStackRequest(), context)
        finally:
            _CURRENT.resources, _CURRENT.memo = None, None

    def build_stack(self, request: Any) -> list[PolicyResource]:
        """The SDK's per-policy build (pulumi-policy 1.21 ``AnalyzeStack``), done once.

        One difference: the SDK deserializes a resource's provider afresh for every resource (a quarter of
        its build); here resources whose provider reference is the same (URN, name, type and properties)
        share one ``PolicyProviderResource``, as equal as the SDK's copies.
        """
        providers: dict[bytes, Any] = {}
        built: list[tuple[PolicyResource, Any]] = []
        for r in request.resources:
            props = unknown_checking_proxy(deserialize_properties(json_format.MessageToDict(r.properties)))
            opts = self._get_resource_options(r)
            provider = None
            if r.HasField("provider"):
                key = r.provider.SerializeToString(deterministic=True)
                provider = providers.get(key)
                if provider is None:
                    provider = providers[key] = self._get_provider_resource(r)
            built.append((PolicyResource(r.type, props, r.urn, r.name, opts, provider, None, [], {}), r))
        by_urn = {resource.urn: resource for resource, _ in built}
        for resource, r in built:
            if r.parent and r.parent in by_urn:
                resource.parent = by_urn[r.parent]
            resource.dependencies.extend(by_urn[d] for d in r.dependencies if d in by_urn)
            for key, urns in r.propertyDependencies.items():
                resource.property_dependencies[key] = [by_urn[d] for d in urns.urns if d in by_urn]
        return [resource for resource, _ in built]


def sdk_verified() -> bool:
    """Whether the installed pulumi-policy is the version :class:`SharedStackServicer` was checked against."""
    return bool(SDK_VERSION == VERIFIED_SDK)


@contextmanager
def shared_stack_servicer() -> Iterator[None]:
    """Within the block, ``PolicyPack`` serves through :class:`SharedStackServicer` (verified SDK only)."""
    if not sdk_verified():
        yield
        return
    stock = sdk._PolicyAnalyzerServicer
    sdk._PolicyAnalyzerServicer = SharedStackServicer  # type: ignore[misc]
    try:
        yield
    finally:
        sdk._PolicyAnalyzerServicer = stock  # type: ignore[misc]
