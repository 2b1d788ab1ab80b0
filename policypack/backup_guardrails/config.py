"""Policy configuration: the JSON schema the CLI validates, and the typed, frozen view the rules use.

The CLI applies the schema's defaults and validates types and enums before the program runs; the
Python side receives whatever it was given (or nothing, when the policy was not configured). What
the schema cannot check (the shape of an ARN pattern) is checked here, and a bad value raises
:class:`ConfigError` naming the key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final

from pulumi_policy import PolicyConfigSchema

from .arns import glob_matches
from .constants import PARTITIONS


class TargetMode(Enum):
    """Which selections count as S3 targets."""

    POSSIBLE = "possible"
    """Every selection that may back up S3 (fail closed): S3 ARNs, ``*`` and wildcards that can match
    S3, tag- or condition-only selections, and resources that are unknown during preview."""
    DEFINITE = "definite"
    """Only selections that certainly back up S3: S3 bucket ARNs (or ARN patterns that match nothing
    else), resources computed from an S3 bucket in the stack, and restore tests of type S3."""


class ConfigError(ValueError):
    """A configuration value the schema could not reject; the message names the key."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"{key}: {problem}")
        self.key = key
        self.problem = problem


_S3_TARGETS_KEY: Final = "s3Targets"
_TRUSTED_KEY: Final = "trustedRoleArns"
_EXEMPT_KEY: Final = "exemptSelections"
_PARTITION_KEY: Final = "defaultPartition"

_PROPERTIES: Final[dict[str, dict[str, Any]]] = {
    _S3_TARGETS_KEY: {
        "type": "string",
        "enum": [mode.value for mode in TargetMode],
        "default": TargetMode.POSSIBLE.value,
        "description": (
            "Which selections count as S3 targets. 'possible' (default, fail closed): every selection "
            "that may back up S3, including '*', tag-only selections and resources unknown during "
            "preview. 'definite': only selections that certainly target S3."
        ),
    },
    _TRUSTED_KEY: {
        "type": "array",
        "items": {"type": "string", "minLength": 1},
        "default": [],
        "description": (
            "IAM role ARN patterns ('*' matches any run of characters) of roles you have verified to "
            "carry both S3 policies, e.g. roles managed in another stack. Matching roles pass."
        ),
    },
    _EXEMPT_KEY: {
        "type": "array",
        "items": {"type": "string", "minLength": 1},
        "default": [],
        "description": (
            "Selections this policy ignores, by pattern ('*' wildcards) over the logical name, the "
            "selection's `name` property, or the full URN."
        ),
    },
    _PARTITION_KEY: {
        "type": "string",
        "enum": list(PARTITIONS),
        "default": "aws",
        "description": (
            "The partition of a selection whose provider sets no region and that has no known ARN of "
            "its own: only policy ARNs of this partition count, and missing ones are spelled in it."
        ),
    },
}

SCHEMA: Final = PolicyConfigSchema(properties=_PROPERTIES)
"""The config schema shared by the pack's policies."""

# IAM names are ASCII (without re.ASCII, \w and \d accept any Unicode letter or digit); \Z, unlike $,
# refuses a trailing newline.
_ROLE_PATTERN = re.compile(r"^arn:[a-z0-9*-]+:iam::(\d{12}|\*):role/[\w+=,.@/*-]+\Z", re.ASCII)
_PROBE_ROLE = "arn:aws:iam::123456789012:role/probe"


@dataclass(frozen=True)
class GuardrailConfig:
    """The typed configuration of one policy."""

    s3_targets: TargetMode = TargetMode.POSSIBLE
    trusted_role_arns: tuple[str, ...] = ()
    exempt_selections: tuple[str, ...] = ()
    default_partition: str = "aws"

    def trusts(self, role_arn: str) -> bool:
        """Whether ``role_arn`` matches a trusted pattern."""
        return any(glob_matches(pattern, role_arn) for pattern in self.trusted_role_arns)

    def exempts(self, *names: str) -> bool:
        """Whether any of ``names`` (logical name, name property, URN) matches an exemption."""
        return any(glob_matches(pattern, name) for pattern in self.exempt_selections for name in names)


def parse_config(raw: Mapping[str, Any] | None) -> GuardrailConfig:
    """Turn the configuration the SDK hands a policy into a :class:`GuardrailConfig`.

    Absent keys take the schema's defaults (the SDK passes nothing for an unconfigured policy).
    Raises :class:`ConfigError` naming the key for any value the policy cannot use.
    """
    raw = raw or {}
    unknown = sorted(set(raw) - set(_PROPERTIES))
    if unknown:
        raise ConfigError(unknown[0], f"unknown key; the keys are {', '.join(sorted(_PROPERTIES))}")
    return GuardrailConfig(
        s3_targets=_enum(raw, _S3_TARGETS_KEY, TargetMode),
        trusted_role_arns=_role_patterns(raw),
        exempt_selections=_strings(raw, _EXEMPT_KEY),
        default_partition=_choice(raw, _PARTITION_KEY, PARTITIONS),
    )


def _enum(raw: Mapping[str, Any], key: str, enum: type[TargetMode]) -> TargetMode:
    value = raw.get(key, _PROPERTIES[key]["default"])
    for member in enum:
        if value == member.value:
            return member
    allowed = ", ".join(repr(member.value) for member in enum)
    raise ConfigError(key, f"expected one of {allowed}, got {value!r}")


def _choice(raw: Mapping[str, Any], key: str, choices: tuple[str, ...]) -> str:
    value = raw.get(key, _PROPERTIES[key]["default"])
    if value not in choices:
        raise ConfigError(key, f"expected one of {', '.join(map(repr, choices))}, got {value!r}")
    return str(value)


def _strings(raw: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key, _PROPERTIES[key]["default"])
    if not isinstance(value, list | tuple):
        raise ConfigError(key, f"expected a list of strings, got {type(value).__name__}")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item:
            raise ConfigError(f"{key}[{index}]", f"expected a non-empty string, got {item!r}")
    return tuple(value)


def _role_patterns(raw: Mapping[str, Any]) -> tuple[str, ...]:
    patterns = _strings(raw, _TRUSTED_KEY)
    for index, pattern in enumerate(patterns):
        if pattern != "*" and not _ROLE_PATTERN.match(pattern):
            raise ConfigError(
                f"{_TRUSTED_KEY}[{index}]",
                f"{pattern!r} is not an IAM role ARN pattern; expected "
                "arn:<partition>:iam::<12-digit account or *>:role/<path and name>, "
                f"with '*' wildcards (e.g. {_PROBE_ROLE.replace('probe', 'backup-*')})",
            )
    return patterns
