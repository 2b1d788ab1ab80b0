"""Read resource properties without ever touching an unknown through pulumi_policy's proxy.

pulumi_policy wraps every property bag in a proxy that raises ``UnknownValueError`` on ANY read of an
unknown value; the SDK then turns the whole policy into one advisory "can't run policy ... during
preview" line, so a mandatory guardrail silently stops guarding. Everything in this pack reads
properties through :func:`plain`, which unwraps the proxy into plain Python values where unknowns are
the :data:`UNKNOWN` marker. Secrets arrive already unwrapped to their values (the stack analysis sees
outputs, and the pack never prints a property value that is not an ARN or a name).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from pulumi_policy.proxy import (
    UNKNOWN_ARCHIVE_VALUE,
    UNKNOWN_ARRAY_VALUE,
    UNKNOWN_ASSET_VALUE,
    UNKNOWN_BOOLEAN_VALUE,
    UNKNOWN_NUMBER_VALUE,
    UNKNOWN_OBJECT_VALUE,
    UNKNOWN_STRING_VALUE,
    _DictProxy,
    _ListProxy,
)

# The secret signature, for values that reach us still wrapped (a proxy never unwraps nested ones
# that the engine sent inside an unknown-free object; see deserialize.py in pulumi_policy).
_SIG_KEY: Final = "4dabf18193072939515e22adb298388d"
_SECRET_SIG: Final = "1b47061264138c4ac30d75fd1eb44270"

_UNKNOWN_SENTINELS: Final = frozenset(
    {
        UNKNOWN_BOOLEAN_VALUE,
        UNKNOWN_NUMBER_VALUE,
        UNKNOWN_STRING_VALUE,
        UNKNOWN_ARRAY_VALUE,
        UNKNOWN_ASSET_VALUE,
        UNKNOWN_ARCHIVE_VALUE,
        UNKNOWN_OBJECT_VALUE,
    }
)


class _Unknown:
    """A value the engine does not know yet (during preview)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"


class _Missing:
    """A property that is absent (or null)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


UNKNOWN: Final = _Unknown()
MISSING: Final = _Missing()


_SCALARS: Final = frozenset({int, float, bool, type(None)})
"""Types that are their own plain form (checked by exact type first: most leaves are these or str)."""


def _unwrapped(value: Any) -> Any:
    """``value`` with its outer wrappers removed, its contents untouched.

    A proxy becomes its target, an unknown marker becomes :data:`UNKNOWN`, a secret in wire form becomes
    its (unwrapped) value.
    """
    while True:
        kind = type(value)
        if kind is str:
            return UNKNOWN if value in _UNKNOWN_SENTINELS else value
        if kind in _SCALARS:
            return value
        if kind is _DictProxy or kind is _ListProxy or _is_proxy_subclass(kind):
            value = value["__target"]
            kind = type(value)
            if kind is str:
                return UNKNOWN if value in _UNKNOWN_SENTINELS else value
        if not _is_mapping(value) or value.get(_SIG_KEY) != _SECRET_SIG:
            return value
        value = value.get("value")


def _is_mapping(value: Any) -> bool:
    """``isinstance(value, Mapping)``, skipping the ABC machinery for plain dicts and lists."""
    kind = type(value)
    return kind is dict or (kind is not list and isinstance(value, Mapping))


def _is_proxy_subclass(kind: type) -> bool:
    return kind is not dict and kind is not list and issubclass(kind, _DictProxy | _ListProxy)


def plain(value: Any) -> Any:
    """Return ``value`` as plain dicts, lists and scalars, with unknowns replaced by :data:`UNKNOWN`.

    Accepts pulumi_policy's proxies (reading their targets directly, which never raises) as well as
    plain values, and unwraps secrets that are still in their wire form.
    """
    value = _unwrapped(value)
    kind = type(value)
    if kind is str or kind in _SCALARS:
        return value
    if _is_mapping(value):
        return {key: plain(item) for key, item in value.items()}
    if kind is list or isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def pluck(value: Any, *path: str) -> Any:
    """``get(plain(value), *path)``, copying only what ``path`` leads to.

    The stack rule reads a few properties of thousands of resources; copying each whole property bag out
    of its proxy first was a third of its time (bench/README.md).
    """
    current = _unwrapped(value)
    for key in path:
        if current is UNKNOWN:
            return UNKNOWN
        if not _is_mapping(current):
            return MISSING
        current = _unwrapped(current.get(key, MISSING))
        if current is None:
            return MISSING
    return plain(current)


def get(bag: Any, *path: str) -> Any:
    """Follow ``path`` through plain mappings.

    Returns :data:`UNKNOWN` when a step is unknown, :data:`MISSING` when a step is absent or null,
    and the value otherwise. A step through something that is not a mapping counts as missing.
    """
    current = bag
    for key in path:
        if current is UNKNOWN:
            return UNKNOWN
        if not _is_mapping(current):
            return MISSING
        current = current.get(key, MISSING)
        if current is None:
            return MISSING
    return current


def describe_type(value: Any) -> str:
    """A short, user-facing name for the JSON type of ``value``."""
    if value is UNKNOWN:
        return "unknown"
    if value is MISSING:
        return "missing"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
