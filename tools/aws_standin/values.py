"""Conversions between the wire's ``PropertyValue`` and plain Python values.

The engine talks to this provider with ``acceptOutputs`` and ``acceptResources`` off (as it does with the real
bridged provider), so values arrive as plain JSON-like data, secrets wrapped, and unknowns as the sentinel
strings of ``sdk/go/common/resource/plugin/rpc.go``. Inputs are passed through as the ``PropertyValue`` they
arrived as (secrets stay secret); only the values the stand-in computes are built from plain Python here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pulumi.provider.experimental.property_value import PropertyValue

UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
"""The engine's unknown sentinel for a string, and the one a provider sends back for any unknown output."""

UNKNOWN_SENTINELS = frozenset(
    {
        UNKNOWN,
        "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",  # bool
        "3eeb2bf0-c639-47a8-9e75-3b44932eb421",  # number
        "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",  # array
        "030794c1-ac77-496b-92df-f27374a8bd58",  # asset
        "e48ece36-62e2-4504-bad9-02848725956a",  # archive
        "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",  # object
    }
)

INTERNAL_KEYS = frozenset({"__defaults", "__meta"})
"""Bridge bookkeeping keys: kept in Check's inputs, never reported as outputs or diffed."""


class Unknown:
    """The plain-Python stand-in for a value the engine does not know yet (see :data:`UNKNOWN_VALUE`)."""

    _instance: Unknown | None = None

    def __new__(cls) -> Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "<unknown>"


UNKNOWN_VALUE = Unknown()


def is_unknown(value: PropertyValue | None) -> bool:
    """Whether a wire value is one of the engine's unknown sentinels."""
    return value is not None and isinstance(value.value, str) and value.value in UNKNOWN_SENTINELS


def is_missing(value: PropertyValue | None) -> bool:
    """Whether a property is absent for the purposes of required checks and defaults (absent or null)."""
    return value is None or value.value is None


def contains_unknown(value: PropertyValue | None) -> bool:
    """Whether a wire value is, or holds anywhere inside it, an unknown."""
    if value is None:
        return False
    if is_unknown(value):
        return True
    inner = value.value
    if isinstance(inner, Mapping):
        return any(contains_unknown(v) for v in inner.values())
    if isinstance(inner, Sequence) and not isinstance(inner, str):
        return any(contains_unknown(v) for v in inner)
    return False


def to_plain(value: PropertyValue | None) -> Any:
    """The plain Python value of a wire value: secrets unwrapped, unknowns as :data:`UNKNOWN_VALUE`,
    numbers that are whole as ``int``."""
    if value is None:
        return None
    if is_unknown(value):
        return UNKNOWN_VALUE
    inner = value.value
    if isinstance(inner, Mapping):
        return {k: to_plain(v) for k, v in inner.items()}
    if isinstance(inner, Sequence) and not isinstance(inner, str):
        return [to_plain(v) for v in inner]
    if isinstance(inner, float) and inner.is_integer():
        return int(inner)
    return inner


def plain_map(props: Mapping[str, PropertyValue]) -> dict[str, Any]:
    """:func:`to_plain` over a property map, dropping the bridge's internal keys."""
    return {k: to_plain(v) for k, v in props.items() if k not in INTERNAL_KEYS}


def from_plain(value: Any) -> PropertyValue:
    """A wire value from plain Python (:data:`UNKNOWN_VALUE` becomes the unknown sentinel)."""
    if isinstance(value, PropertyValue):
        return value
    if value is None:
        return PropertyValue.null()
    if isinstance(value, Unknown):
        return PropertyValue(UNKNOWN)
    if isinstance(value, bool | str):
        return PropertyValue(value)
    if isinstance(value, int | float):
        return PropertyValue(float(value))
    if isinstance(value, Mapping):
        return PropertyValue({str(k): from_plain(v) for k, v in value.items()})
    if isinstance(value, Sequence):
        return PropertyValue([from_plain(v) for v in value])
    raise TypeError(f"cannot send a {type(value).__name__} to the engine")


def same_value(old: PropertyValue | None, new: PropertyValue | None) -> bool:
    """Whether two wire values are equal for diffing: secrecy and dependencies are ignored, an unknown
    is never equal to anything, and ``1`` equals ``1.0``."""
    if contains_unknown(new):
        return False
    return to_plain(old) == to_plain(new)
