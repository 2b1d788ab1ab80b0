"""Hostile input in every property the S3 readiness policies read, through the real pack over gRPC.

A baseline stack passes every readiness rule: a versioned, KMS-encrypted bucket (key policy with the
account root statement) under continuous backup, with a notification that keeps EventBridge on, and
a tag-only selection of a second bucket. Each case puts one hostile value (the role rule's own list,
``tests/test_hostile_inputs.py``) into one property. Every call must answer within the deadline, with
no exception and no "can't run policy" line, advisory notes only from the advisory policy; where the
README decides the value (a status, a flag, a key policy), the verdict is exact.
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pulumi.runtime.proto import analyzer_pb2

from tests.support.analyzer import PackProcess
from tests.support.stacks import build_resources, urns_of
from tests.test_hostile_inputs import HOSTILE

DEADLINE = 60.0
U = "<unknown>"
VERSIONING = "aws-backup-selection-missing-s3-bucket-versioning"
EVENTBRIDGE = "aws-backup-selection-disallow-s3-notification-without-eventbridge"
KMS = "aws-backup-selection-missing-s3-kms-key-access"
ONE_PLAN = "aws-backup-selection-enforce-one-plan-one-vault-for-continuous-s3"
ADVISORY = "aws-backup-selection-unverified-s3-prerequisites"
READINESS = (VERSIONING, EVENTBRIDGE, KMS, ONE_PLAN, ADVISORY)
ROOT = {
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
    "Action": "kms:*",
    "Resource": "*",
}


def baseline() -> list[dict[str, Any]]:
    s3_backup = "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup"
    s3_restore = "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore"
    return [
        {
            "type": "aws:iam/role:Role",
            "name": "role",
            "properties": {"name": "backup-role", "arn": U, "managedPolicyArns": [s3_backup, s3_restore]},
        },
        {"type": "aws:backup/vault:Vault", "name": "vault", "properties": {"name": "vault-1"}},
        {
            "type": "aws:backup/plan:Plan",
            "name": "plan",
            "properties": {
                "id": U,
                "rules": [
                    {"ruleName": "pitr", "targetVaultName": U, "enableContinuousBackup": True},
                    {"ruleName": "daily", "targetVaultName": U, "schedule": "cron(0 5 * * ? *)"},
                ],
            },
            "propertyDependencies": {"rules": ["vault"]},
        },
        {
            "type": "aws:s3/bucket:Bucket",
            "name": "data",
            "properties": {"bucket": "data-1", "arn": U, "versioning": "<unknown:object>"},
        },
        {
            "type": "aws:s3/bucketVersioning:BucketVersioning",
            "name": "data-versioning",
            "properties": {"bucket": U, "versioningConfiguration": {"status": "Enabled"}},
            "propertyDependencies": {"bucket": ["data"]},
        },
        {
            "type": "aws:s3/bucketNotification:BucketNotification",
            "name": "data-events",
            "properties": {"bucket": U, "eventbridge": True},
            "propertyDependencies": {"bucket": ["data"]},
        },
        {
            "type": "aws:kms/key:Key",
            "name": "key",
            "properties": {"arn": U, "policy": json.dumps({"Statement": [ROOT]})},
        },
        {
            "type": "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "name": "data-encryption",
            "properties": {
                "bucket": U,
                "rules": [
                    {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms", "kmsMasterKeyId": U}}
                ],
            },
            "propertyDependencies": {"bucket": ["data"], "rules": ["key"]},
        },
        {
            "type": "aws:backup/selection:Selection",
            "name": "sel",
            "properties": {"name": "sel", "planId": U, "iamRoleArn": U, "resources": [U]},
            "propertyDependencies": {"planId": ["plan"], "iamRoleArn": ["role"], "resources": ["data"]},
        },
        {
            "type": "aws:s3/bucket:Bucket",
            "name": "tagged",
            "properties": {
                "bucket": "tagged-1",
                "arn": U,
                "tags": {"backup": "daily"},
                "versioning": {"enabled": True},
            },
        },
        {
            "type": "aws:backup/selection:Selection",
            "name": "by-tag",
            "properties": {
                "name": "by-tag",
                "planId": U,
                "iamRoleArn": U,
                "selectionTags": [{"type": "STRINGEQUALS", "key": "backup", "value": "daily"}],
            },
            "propertyDependencies": {"planId": ["plan"], "iamRoleArn": ["role"]},
        },
    ]


def _unknown(value_id: str) -> bool:
    return value_id.startswith("unknown-") or value_id == "secret-unknown"


def _status(value_id: str) -> dict[str, str]:
    """BucketVersioning status: only "Enabled" passes; unknown is a note."""
    return {"sel": "note" if _unknown(value_id) else VERSIONING}


def _eventbridge(value_id: str) -> dict[str, str]:
    if value_id == "true":
        return {}
    return {"sel": "note" if _unknown(value_id) else EVENTBRIDGE}


def _continuous(value_id: str) -> dict[str, str]:
    """With a notification that lacks eventbridge: only a continuous rule blocks; unknown is a note."""
    if value_id == "true":
        return {"sel": EVENTBRIDGE}
    return {"sel": "note"} if _unknown(value_id) else {}


def _key_policy(value_id: str) -> dict[str, str]:
    """No policy is AWS's default (fine), and so is an unknown one computed from no resource (the
    provider's output for a key the program gives none); anything else not a policy document is a note."""
    return {} if value_id == "null" or _unknown(value_id) else {"sel": "note"}


def _set(path: tuple[Any, ...]) -> Callable[[list[dict[str, Any]], Any], None]:
    def put(stack: list[dict[str, Any]], value: Any) -> None:
        (target,) = [entry for entry in stack if entry["name"] == path[0]]
        node = target["properties"]
        for key in path[1:-1]:
            node = node[key]
        node[path[-1]] = value

    return put


def _no_eventbridge(stack: list[dict[str, Any]]) -> None:
    _set(("data-events", "eventbridge"))(stack, False)


# slot -> (where the value goes, extra change to the baseline, expected verdicts or None for "any")
SLOTS: dict[
    str, tuple[Callable[..., None], Callable[..., None] | None, Callable[[str], dict[str, str]] | None]
] = {
    "BucketVersioning.status": (
        _set(("data-versioning", "versioningConfiguration", "status")),
        None,
        _status,
    ),
    "BucketNotification.eventbridge": (_set(("data-events", "eventbridge")), None, _eventbridge),
    "Plan.rules[0].enableContinuousBackup": (
        _set(("plan", "rules", 0, "enableContinuousBackup")),
        _no_eventbridge,
        _continuous,
    ),
    "Key.policy": (_set(("key", "policy")), None, _key_policy),
    "BucketVersioning.versioningConfiguration": (
        _set(("data-versioning", "versioningConfiguration")),
        None,
        None,
    ),
    "BucketVersioning.bucket": (_set(("data-versioning", "bucket")), None, None),
    "Bucket.bucket": (_set(("data", "bucket")), None, None),
    "Bucket.versioning": (_set(("data", "versioning")), None, None),
    "Bucket.arn": (_set(("data", "arn")), None, None),
    "Bucket.tags": (_set(("tagged", "tags")), None, None),
    "Bucket.serverSideEncryptionConfiguration": (
        _set(("data", "serverSideEncryptionConfiguration")),
        None,
        None,
    ),
    "BucketNotification.bucket": (_set(("data-events", "bucket")), None, None),
    "Plan.rules": (_set(("plan", "rules")), None, None),
    "Plan.rules[0]": (_set(("plan", "rules", 0)), None, None),
    "Plan.rules[0].targetVaultName": (_set(("plan", "rules", 0, "targetVaultName")), None, None),
    "Vault.name": (_set(("vault", "name")), None, None),
    "Encryption.rules": (_set(("data-encryption", "rules")), None, None),
    "Encryption.rules[0].applyServerSideEncryptionByDefault": (
        _set(("data-encryption", "rules", 0, "applyServerSideEncryptionByDefault")),
        None,
        None,
    ),
    "Key.arn": (_set(("key", "arn")), None, None),
    "Selection.resources": (_set(("sel", "resources")), None, None),
    "Selection.notResources": (_set(("sel", "notResources")), None, None),
    "Selection.planId": (_set(("sel", "planId")), None, None),
    "Selection.selectionTags": (_set(("by-tag", "selectionTags")), None, None),
    "Selection.selectionTags[0].key": (_set(("by-tag", "selectionTags", 0, "key")), None, None),
    "Selection.conditions": (_set(("by-tag", "conditions")), None, None),
}
CASES = [(slot, value_id) for slot in SLOTS for value_id in HOSTILE]


@pytest.fixture(scope="module")
def pack() -> Iterator[PackProcess]:
    with PackProcess() as running:
        yield running


def _readiness_verdicts(pack: PackProcess, case_id: str, stack: list[dict[str, Any]]) -> dict[str, str]:
    """Selection id -> the readiness policy that blocks it, or "note" for an advisory note only."""
    name = f"hostile-readiness-{abs(hash(case_id)) % 10**8}"
    messages = build_resources(stack, name)
    ids = {urn: key for key, urn in urns_of(stack, name).items()}
    pack.configure({})
    assert pack.stub is not None
    started = time.perf_counter()
    response = pack.stub.AnalyzeStack(analyzer_pb2.AnalyzeStackRequest(resources=messages), timeout=DEADLINE)
    assert time.perf_counter() - started < DEADLINE
    verdicts: dict[str, str] = {}
    for diagnostic in response.diagnostics:
        message = diagnostic.message
        assert "can't run policy" not in message, message
        assert "could not evaluate" not in message, f"internal error: {message[:2000]}"
        if diagnostic.policyName not in READINESS:
            continue
        advisory = diagnostic.enforcementLevel == analyzer_pb2.ADVISORY
        assert advisory == (diagnostic.policyName == ADVISORY), diagnostic.policyName
        key = ids[diagnostic.urn]
        if advisory:
            verdicts.setdefault(key, "note")
        else:
            verdicts[key] = diagnostic.policyName
    return verdicts


def test_baseline_passes_every_readiness_rule(pack: PackProcess) -> None:
    assert _readiness_verdicts(pack, "baseline", baseline()) == {}


@pytest.mark.parametrize(("slot", "value_id"), CASES, ids=[f"{slot}={value}" for slot, value in CASES])
def test_hostile_readiness_value(pack: PackProcess, slot: str, value_id: str) -> None:
    put, prepare, expect = SLOTS[slot]
    stack = baseline()
    if prepare is not None:
        prepare(stack)
    put(stack, copy.deepcopy(HOSTILE[value_id]))
    verdicts = _readiness_verdicts(pack, f"{slot}={value_id}", stack)
    if expect is not None:
        assert verdicts == expect(value_id)
