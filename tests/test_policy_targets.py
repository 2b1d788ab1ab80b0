"""Table tests for `s3_target`: when does a selection back up S3, and how sure are we."""

from __future__ import annotations

from typing import Any

import pytest
from backup_guardrails.arns import S3Policy
from backup_guardrails.props import MISSING, UNKNOWN
from backup_guardrails.selections import view_selection
from backup_guardrails.targets import Level, S3OptIn, s3_target

SEL = "aws:backup/selection:Selection"
RTS = "aws:backup/restoreTestingSelection:RestoreTestingSelection"
UNK = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
EVERYTHING = (
    "it names no resources, tags or conditions, which AWS Backup treats as every opted-in resource, "
    "S3 included"
)
TAG = [{"type": "STRINGEQUALS", "key": "backup", "value": "daily"}]

CASES: list[tuple[str, dict[str, Any], tuple[str, ...], S3OptIn, Level, str]] = [
    (
        "s3 bucket arn",
        {"resources": ["arn:aws:s3:::b"]},
        (),
        S3OptIn(),
        Level.DEFINITE,
        "resources include arn:aws:s3:::b",
    ),
    (
        "star",
        {"resources": ["*"]},
        (),
        S3OptIn(),
        Level.POSSIBLE,
        'resources include "*", which selects every opted-in resource type, S3 included',
    ),
    (
        "star with S3 opted in",
        {"resources": ["*"]},
        (),
        S3OptIn(opted_in=True),
        Level.DEFINITE,
        'resources include "*", which selects every opted-in resource type, S3 included',
    ),
    (
        "S3 opted out keeps an explicit bucket",
        {"resources": ["arn:aws:s3:::b"]},
        (),
        S3OptIn(opted_out=True),
        Level.DEFINITE,
        "resources include arn:aws:s3:::b",
    ),
    ("S3 opted out clears star", {"resources": ["*"]}, (), S3OptIn(opted_out=True), Level.NONE, ""),
    (
        "S3 opted out clears wildcards",
        {"resources": ["arn:aws:s3:::logs-*"]},
        (),
        S3OptIn(opted_out=True),
        Level.NONE,
        "",
    ),
    ("S3 opted out clears tags", {"selectionTags": TAG}, (), S3OptIn(opted_out=True), Level.NONE, ""),
    (
        "tags only",
        {"selectionTags": TAG},
        (),
        S3OptIn(),
        Level.POSSIBLE,
        "it selects by tags or conditions only, which covers every opted-in resource type, S3 included",
    ),
    (
        "empty conditions select everything",
        {"resources": [], "conditions": [{"stringEquals": []}]},
        (),
        S3OptIn(),
        Level.POSSIBLE,
        EVERYTHING,
    ),
    (
        "unknown tags",
        {"selectionTags": UNK},
        (),
        S3OptIn(),
        Level.POSSIBLE,
        "it selects by tags or conditions only, which covers every opted-in resource type, S3 included",
    ),
    (
        "nothing selects every opted-in resource",
        {},
        (),
        S3OptIn(),
        Level.POSSIBLE,
        EVERYTHING,
    ),
    (
        "unknown resources",
        {"resources": UNK},
        (),
        S3OptIn(),
        Level.POSSIBLE,
        "resources are unknown during preview",
    ),
    (
        "unknown resources from bucket",
        {"resources": UNK},
        ("data",),
        S3OptIn(),
        Level.DEFINITE,
        'resources are unknown during preview and computed from S3 bucket "data"',
    ),
    (
        "one unknown entry",
        {"resources": ["arn:aws:ec2:*:*:volume/*", UNK]},
        (),
        S3OptIn(),
        Level.POSSIBLE,
        "resources[1] is unknown during preview",
    ),
    (
        "resources a string",
        {"resources": "arn:aws:s3:::b"},
        (),
        S3OptIn(),
        Level.POSSIBLE,
        "resources is a string, not a list of ARNs",
    ),
    (
        "entry a number",
        {"resources": [7]},
        (),
        S3OptIn(),
        Level.POSSIBLE,
        "resources[0] is a number, not an ARN",
    ),
    ("exclude all s3", {"resources": ["*"], "notResources": ["arn:*:s3:::*"]}, (), S3OptIn(), Level.NONE, ""),
    (
        "exclude the bucket",
        {"resources": ["arn:aws:s3:::b"], "notResources": ["arn:aws:s3:::b"]},
        (),
        S3OptIn(),
        Level.NONE,
        "",
    ),
    (
        "exclude another bucket",
        {"resources": ["arn:aws:s3:::b"], "notResources": ["arn:aws:s3:::c"]},
        (),
        S3OptIn(),
        Level.DEFINITE,
        "resources include arn:aws:s3:::b",
    ),
    (
        "unknown notResources do not exclude",
        {"resources": ["arn:aws:s3:::b"], "notResources": UNK},
        (),
        S3OptIn(),
        Level.DEFINITE,
        "resources include arn:aws:s3:::b",
    ),
    ("dynamodb only", {"resources": ["arn:aws:dynamodb:*:*:table/*"]}, (), S3OptIn(), Level.NONE, ""),
    (
        "strongest entry wins",
        {"resources": ["arn:aws:*", "arn:aws:s3:::b"]},
        (),
        S3OptIn(),
        Level.DEFINITE,
        "resources include arn:aws:s3:::b",
    ),
]


@pytest.mark.parametrize(
    ("case", "props", "buckets", "opt_in", "level", "reason"), CASES, ids=[row[0] for row in CASES]
)
def test_selection_targets(
    case: str, props: dict[str, Any], buckets: tuple[str, ...], opt_in: S3OptIn, level: Level, reason: str
) -> None:
    view = view_selection("urn:x", SEL, "sel", {"iamRoleArn": UNK, **props})
    target = s3_target(view, buckets, opt_in, "aws")
    assert (target.level, target.reason) == (level, reason)
    if level is not Level.NONE:
        assert target.needs == (S3Policy.BACKUP, S3Policy.RESTORE)


@pytest.mark.parametrize(
    ("resource_type", "level"),
    [("S3", Level.DEFINITE), (UNK, Level.POSSIBLE), ("EBS", Level.NONE), (3, Level.POSSIBLE)],
)
def test_restore_testing_needs_only_the_restore_policy(resource_type: object, level: Level) -> None:
    view = view_selection("urn:x", RTS, "rt", {"protectedResourceType": resource_type, "iamRoleArn": UNK})
    target = s3_target(view, (), S3OptIn(), None)
    assert target.level is level
    if level is not Level.NONE:
        assert target.needs == (S3Policy.RESTORE,)


def test_native_selection_reads_nested_fields() -> None:
    view = view_selection(
        "urn:x",
        "aws-native:backup:BackupSelection",
        "n",
        {"backupSelection": {"selectionName": "s", "iamRoleArn": UNK, "resources": ["arn:aws:s3:::b"]}},
    )
    assert view.role is UNKNOWN and view.name == "s" and view.role_property == "backupSelection"
    assert view.not_resources is MISSING
    assert s3_target(view, (), S3OptIn(), None).level is Level.DEFINITE
