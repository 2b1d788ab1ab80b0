"""Configuration of the S3 readiness policies: the selections and buckets each one ignores.

Each readiness policy has its own copy of this schema, so a team can exempt a bucket from one rule
(say, versioning) and keep the others; the enforcement level is set per policy by the CLI as usual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from pulumi_policy import PolicyConfigSchema

from .arns import glob_matches
from .config import ConfigError

_EXEMPT_SELECTIONS: Final = "exemptSelections"
_EXEMPT_BUCKETS: Final = "exemptBuckets"

_PROPERTIES: Final[dict[str, dict[str, Any]]] = {
    _EXEMPT_SELECTIONS: {
        "type": "array",
        "items": {"type": "string"},
        "default": [],
        "description": (
            "Selections this policy ignores, by pattern ('*' wildcards) over the logical name, the "
            "selection's `name` property, or the full URN."
        ),
    },
    _EXEMPT_BUCKETS: {
        "type": "array",
        "items": {"type": "string"},
        "default": [],
        "description": (
            "S3 buckets this policy ignores, by pattern ('*' wildcards) over the bucket resource's logical "
            "name, its bucket name, or its full URN."
        ),
    },
}

SCHEMA: Final = PolicyConfigSchema(properties=_PROPERTIES)
"""The config schema of each readiness policy."""


@dataclass(frozen=True)
class ReadinessConfig:
    exempt_selections: tuple[str, ...] = ()
    exempt_buckets: tuple[str, ...] = ()

    def exempts_selection(self, names: tuple[str, ...]) -> bool:
        return any(glob_matches(p, n) for p in self.exempt_selections for n in names)

    def exempts_bucket(self, names: tuple[str, ...]) -> bool:
        return any(glob_matches(p, n) for p in self.exempt_buckets for n in names)


def parse_readiness_config(raw: Mapping[str, Any] | None) -> ReadinessConfig:
    """The typed configuration; raises :class:`ConfigError` naming the key for a value it cannot use."""
    raw = raw or {}
    unknown = sorted(set(raw) - set(_PROPERTIES))
    if unknown:
        raise ConfigError(unknown[0], f"unknown key; the keys are {', '.join(sorted(_PROPERTIES))}")
    return ReadinessConfig(_patterns(raw, _EXEMPT_SELECTIONS), _patterns(raw, _EXEMPT_BUCKETS))


def _patterns(raw: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list | tuple):
        raise ConfigError(key, f"expected a list of strings, got {type(value).__name__}")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item:
            raise ConfigError(f"{key}[{index}]", f"expected a non-empty string, got {item!r}")
    return tuple(value)
