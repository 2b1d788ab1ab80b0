"""Table tests for what a provider tells (``providers.py``) and for the known-only and non-S3 readings of
``s3_target`` (``targets.py``)."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest
from backup_guardrails.props import UNKNOWN
from backup_guardrails.providers import (
    account_conflicts,
    provider_account,
    region_partition,
    same_account,
)
from backup_guardrails.selections import view_selection
from backup_guardrails.targets import Level, S3OptIn, Sources, s3_target

SEL = "aws:backup/selection:Selection"
RTS = "aws:backup/restoreTestingSelection:RestoreTestingSelection"
UNK = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
ROLE_ARN = "arn:aws:iam::123456789012:role/backup"


@pytest.mark.parametrize(
    ("region", "partition"),
    [
        ("us-east-1", "aws"),
        ("eu-central-2", "aws"),
        ("cn-north-1", "aws-cn"),
        ("cn-northwest-1", "aws-cn"),
        ("us-gov-west-1", "aws-us-gov"),
        ("us-iso-east-1", "aws-iso"),
        ("us-isob-east-1", "aws-iso-b"),
        ("", None),
        (UNKNOWN, None),
        (7, None),
    ],
)
def test_region_partition(region: Any, partition: str | None) -> None:
    assert region_partition(region) == partition


def _on(urn: str | None, **props: Any) -> SimpleNamespace:
    """A resource registered with provider ``urn`` whose inputs are ``props`` (None: no provider)."""
    return SimpleNamespace(provider=None if urn is None else SimpleNamespace(urn=urn, props=props))


@pytest.mark.parametrize(
    ("case", "first", "second", "same"),
    [
        ("same provider", _on("p", region="us-east-1"), _on("p", region="us-east-1"), True),
        ("both without provider", _on(None), _on(None), True),
        ("only the region differs", _on("a", region="us-east-1"), _on("b", region="eu-west-1"), True),
        ("the version differs too", _on("a", version="7.51.1"), _on("b", version="7.50.0"), True),
        ("another profile", _on("a", profile="prod"), _on("b", profile="dev"), False),
        (
            "same pinned account, other settings",
            _on("a", allowedAccountIds=["111111111111"], profile="x"),
            _on("b", allowedAccountIds=["111111111111"]),
            True,
        ),
        (
            "other pinned accounts, otherwise equal",
            _on("a", allowedAccountIds=["111111111111"]),
            _on("b", allowedAccountIds=["222222222222"]),
            False,
        ),
        (
            "pinned by the assumed role, as the JSON string bridged providers keep",
            _on("a", assumeRole=json.dumps({"roleArn": "arn:aws:iam::111111111111:role/deploy"})),
            _on("b", allowedAccountIds=json.dumps(["111111111111"]), region="eu-west-1"),
            True,
        ),
        ("an unknown setting proves nothing", _on("a", profile=UNKNOWN), _on("b", profile=UNKNOWN), False),
        ("one without provider", _on(None), _on("b"), False),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_same_account(case: str, first: Any, second: Any, same: bool) -> None:
    assert same_account(first, second) is same
    assert same_account(second, first) is same


@pytest.mark.parametrize(
    ("props", "account"),
    [
        ({"allowedAccountIds": ["111111111111"]}, "111111111111"),
        ({"allowedAccountIds": ["111111111111", "222222222222"]}, None),
        ({"assumeRoles": [{"roleArn": "arn:aws:iam::1:role/x"}, {"roleArn": ROLE_ARN}]}, "123456789012"),
        ({"assumeRole": {"roleArn": "not an arn"}}, None),
        ({"assumeRole": "{not json"}, None),
        ({}, None),
    ],
)
def test_provider_account(props: dict[str, Any], account: str | None) -> None:
    assert provider_account(props) == account


def test_account_conflicts_only_with_a_pinned_other_account() -> None:
    assert account_conflicts(_on("a", allowedAccountIds=["210987654321"]), ROLE_ARN)
    assert not account_conflicts(_on("a", allowedAccountIds=["123456789012"]), ROLE_ARN)
    assert not account_conflicts(_on("a"), ROLE_ARN)
    assert not account_conflicts(_on("a", allowedAccountIds=["210987654321"]), None)


NON_S3 = Sources((), non_s3_only=True)

TARGETS: list[tuple[str, str, dict[str, Any], Sources, bool, Level]] = [
    ("unknown list from tables only", SEL, {"resources": UNK}, NON_S3, False, Level.NONE),
    ("unknown entry from tables only", SEL, {"resources": [UNK]}, NON_S3, False, Level.NONE),
    (
        "a literal bucket beside them",
        SEL,
        {"resources": [UNK, "arn:aws:s3:::b"]},
        NON_S3,
        False,
        Level.DEFINITE,
    ),
    ("unknown list, no dependency", SEL, {"resources": UNK}, Sources(), False, Level.POSSIBLE),
    ("unknown list from a bucket", SEL, {"resources": UNK}, Sources(("b",)), False, Level.DEFINITE),
    ("known only: unknown list", SEL, {"resources": UNK}, Sources(), True, Level.NONE),
    ("known only: unknown entry", SEL, {"resources": [UNK]}, Sources(), True, Level.NONE),
    (
        "known only: bucket beside it",
        SEL,
        {"resources": [UNK, "arn:aws:s3:::b"]},
        Sources(),
        True,
        Level.DEFINITE,
    ),
    ("known only: unknown tags", SEL, {"selectionTags": UNK}, Sources(), True, Level.NONE),
    (
        "known only: unknown tags, known conditions",
        SEL,
        {"selectionTags": UNK, "conditions": [{"stringEquals": [{"key": "k", "value": "v"}]}]},
        Sources(),
        True,
        Level.POSSIBLE,
    ),
    ("known only: no resources, tags or conditions", SEL, {}, Sources(), True, Level.POSSIBLE),
    ("known only: unknown restore type", RTS, {"protectedResourceType": UNK}, Sources(), True, Level.NONE),
    ("restore type unknown", RTS, {"protectedResourceType": UNK}, Sources(), False, Level.POSSIBLE),
]


@pytest.mark.parametrize(
    ("case", "kind", "props", "sources", "known_only", "level"), TARGETS, ids=[t[0] for t in TARGETS]
)
def test_s3_target_readings(
    case: str, kind: str, props: dict[str, Any], sources: Sources, known_only: bool, level: Level
) -> None:
    selection = view_selection("urn:x", kind, "sel", {"iamRoleArn": ROLE_ARN, **props})
    assert s3_target(selection, sources, S3OptIn(), "aws", known_only=known_only).level is level
