"""What a resource's AWS provider tells: its partition (from ``region``) and whether two providers provably
work in the same account.

A ``PolicyResource`` (and a resource under ``Analyze``) carries its provider's inputs in ``provider.props``.
Bridged providers keep object-valued settings such as ``assumeRole`` as JSON strings in their inputs, so
both forms are read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from .arns import parse_role_arn, partition_of
from .constants import REGION_PARTITIONS
from .props import UNKNOWN, plain
from .selections import SelectionView

_ACCOUNT_NEUTRAL: Final = frozenset({"region", "version"})
"""Provider inputs that do not change the account: providers that differ only in these share one."""


def provider_urn(resource: object) -> str | None:
    """The URN of the provider a resource (or a resource being analyzed) is registered with."""
    provider = getattr(resource, "provider", None)
    return getattr(provider, "urn", None) if provider is not None else None


def provider_inputs(resource: object) -> dict[str, Any] | None:
    """The provider's inputs as plain values, or None when there is no provider or they are unreadable."""
    provider = getattr(resource, "provider", None)
    if provider is None:
        return None
    props = plain(getattr(provider, "props", None))
    return props if isinstance(props, dict) else None


def region_partition(region: object) -> str | None:
    """The partition of an AWS region name (FACTS.md), or None when it is not a known string."""
    if not isinstance(region, str) or not region:
        return None
    for prefix, partition in REGION_PARTITIONS:
        if region.startswith(prefix):
            return partition
    return "aws"


def provider_partition(resource: object) -> str | None:
    """The partition of the resource's provider region, when the provider sets a known one."""
    inputs = provider_inputs(resource)
    return region_partition(inputs.get("region")) if inputs else None


def selection_partition(resource: object, selection: SelectionView, default: str) -> str:
    """The selection's partition: its provider's region, else its own known ARNs, else ``default``."""
    from_provider = provider_partition(resource)
    if from_provider:
        return from_provider
    candidates = [selection.role]
    if isinstance(selection.resources, list):
        candidates += selection.resources
    for value in candidates:
        if isinstance(value, str):
            found = partition_of(value)
            if found:
                return found
    return default


def _decoded(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def provider_account(inputs: Mapping[str, Any] | None) -> str | None:
    """The one account a provider can work in, when its inputs pin it: a single ``allowedAccountIds``
    entry, or the account of the (last) role it assumes."""
    if not inputs:
        return None
    allowed = _decoded(inputs.get("allowedAccountIds"))
    if isinstance(allowed, list) and len(allowed) == 1 and isinstance(allowed[0], str):
        return allowed[0]
    assumed = _decoded(inputs.get("assumeRoles", inputs.get("assumeRole")))
    if isinstance(assumed, Mapping):
        assumed = [assumed]
    if isinstance(assumed, list) and assumed and isinstance(assumed[-1], Mapping):
        arn = assumed[-1].get("roleArn")
        parsed = parse_role_arn(arn) if isinstance(arn, str) else None
        if parsed:
            return parsed.account
    return None


def same_account(first: object, second: object) -> bool:
    """Whether two resources' providers provably work in one account: the same provider, the same pinned
    account, or inputs that differ only in ``region`` (and ``version``)."""
    if provider_urn(first) == provider_urn(second):
        return True
    first_inputs, second_inputs = provider_inputs(first), provider_inputs(second)
    first_account, second_account = provider_account(first_inputs), provider_account(second_inputs)
    if first_account and second_account:
        return first_account == second_account
    if first_inputs is None or second_inputs is None:
        return False
    first_neutral, second_neutral = _neutral(first_inputs), _neutral(second_inputs)
    return first_neutral is not None and first_neutral == second_neutral


def _neutral(inputs: Mapping[str, Any]) -> dict[str, Any] | None:
    """The inputs that may decide the account; None when one of them is unknown (nothing provable)."""
    stripped = {key: value for key, value in inputs.items() if key not in _ACCOUNT_NEUTRAL}
    return None if _has_unknown(stripped) else stripped


def _has_unknown(value: Any) -> bool:
    if value is UNKNOWN:
        return True
    if isinstance(value, Mapping):
        return any(_has_unknown(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_unknown(item) for item in value)
    return False


def account_conflicts(resource: object, role_arn: object) -> bool:
    """Whether the resource's provider is pinned to an account other than the one in ``role_arn``."""
    parsed = parse_role_arn(role_arn) if isinstance(role_arn, str) else None
    account = provider_account(provider_inputs(resource))
    return parsed is not None and account is not None and account != parsed.account
