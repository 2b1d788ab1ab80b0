"""The typed configuration: defaults, every key, and clear errors that name the key."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from backup_guardrails import SCHEMA, ConfigError, GuardrailConfig, TargetMode, parse_config

EXAMPLE = Path(__file__).resolve().parents[1] / "policypack" / "config.example.json"


def test_no_config_gives_the_schema_defaults() -> None:
    assert parse_config(None) == GuardrailConfig()
    defaults = {key: spec["default"] for key, spec in SCHEMA.properties.items()}
    assert parse_config(defaults) == GuardrailConfig()


def test_every_key_is_read() -> None:
    config = parse_config(
        {
            "s3Targets": "definite",
            "trustedRoleArns": ["arn:aws:iam::123456789012:role/platform/*"],
            "exemptSelections": ["legacy-*"],
            "defaultPartition": "aws-cn",
            "verifyExternalRoles": True,
            "verifyExternalRolesTimeoutSeconds": 2.5,
        }
    )
    assert config == GuardrailConfig(
        s3_targets=TargetMode.DEFINITE,
        trusted_role_arns=("arn:aws:iam::123456789012:role/platform/*",),
        exempt_selections=("legacy-*",),
        default_partition="aws-cn",
        verify_external_roles=True,
        verify_timeout_seconds=2.5,
    )
    assert config.trusts("arn:aws:iam::123456789012:role/platform/backup")
    assert not config.trusts("arn:aws:iam::123456789012:role/other")
    assert config.exempts("legacy-s3")


def test_config_is_frozen() -> None:
    with pytest.raises(AttributeError):
        GuardrailConfig().s3_targets = TargetMode.DEFINITE  # type: ignore[misc]


BAD = [
    (
        "unknown key",
        {"trustedRoles": []},
        "trustedRoles: unknown key; the keys are defaultPartition, "
        "exemptSelections, s3Targets, trustedRoleArns, verifyExternalRoles, "
        "verifyExternalRolesTimeoutSeconds",
    ),
    (
        "verify not a flag",
        {"verifyExternalRoles": "yes"},
        "verifyExternalRoles: expected true or false, got 'yes'",
    ),
    (
        "budget not a number",
        {"verifyExternalRolesTimeoutSeconds": "5"},
        "verifyExternalRolesTimeoutSeconds: expected a number of seconds, got '5'",
    ),
    (
        "budget out of range",
        {"verifyExternalRolesTimeoutSeconds": 0},
        "verifyExternalRolesTimeoutSeconds: expected between 0.5 and 120 seconds, got 0",
    ),
    ("bad enum", {"s3Targets": "maybe"}, "s3Targets: expected one of 'possible', 'definite', got 'maybe'"),
    ("not a list", {"exemptSelections": "x"}, "exemptSelections: expected a list of strings, got str"),
    ("empty item", {"exemptSelections": [""]}, "exemptSelections[0]: expected a non-empty string, got ''"),
    ("number item", {"trustedRoleArns": [3]}, "trustedRoleArns[0]: expected a non-empty string, got 3"),
    (
        "malformed role pattern",
        {"trustedRoleArns": ["arn:aws:iam::123456789012:role/ok", "arn:aws:s3:::bucket"]},
        "trustedRoleArns[1]: 'arn:aws:s3:::bucket' is not an IAM role ARN pattern; expected "
        "arn:<partition>:iam::<12-digit account or *>:role/<path and name>, with '*' wildcards "
        "(e.g. arn:aws:iam::123456789012:role/backup-*)",
    ),
    (
        "bad partition",
        {"defaultPartition": "aws-iso"},
        "defaultPartition: expected one of 'aws', 'aws-cn', 'aws-us-gov', got 'aws-iso'",
    ),
]


@pytest.mark.parametrize(("case", "raw", "message"), BAD, ids=[row[0] for row in BAD])
def test_bad_values_name_the_key(case: str, raw: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_config(raw)
    assert str(error.value) == message


def test_example_config_is_valid_for_every_policy() -> None:
    example = json.loads(EXAMPLE.read_text())
    from backup_guardrails import POLICIES

    assert set(example) == {policy.name for policy in POLICIES}
    for name, value in example.items():
        _parser(name)(value)


def test_ci_example_config_is_valid() -> None:
    ci = json.loads((EXAMPLE.parents[1] / "examples" / "ci" / "policy-pack-config.json").read_text())
    from backup_guardrails import POLICIES

    assert set(ci) == {policy.name for policy in POLICIES}
    for name, value in ci.items():
        _parser(name)(value)


def _parser(policy_name: str) -> Callable[[Any], object]:
    """The S3 readiness policies (issue 11) have their own schema (exemptSelections, exemptBuckets)."""
    from backup_guardrails import POLICIES
    from backup_guardrails.readiness_config import SCHEMA as READINESS_SCHEMA
    from backup_guardrails.readiness_config import parse_readiness_config

    (policy,) = [policy for policy in POLICIES if policy.name == policy_name]
    return parse_readiness_config if policy.config_schema is READINESS_SCHEMA else parse_config
