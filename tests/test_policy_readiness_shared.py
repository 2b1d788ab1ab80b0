"""The S3 readiness resolution is computed once per analysis and shared by the five readiness policies,
although the SDK hands each stack policy its own freshly deserialized resources; it is recomputed when
the stack changes, and only the last one is kept. Runs the real pulumi-policy servicer in-process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from backup_guardrails import POLICIES, readiness, s3_readiness
from pulumi.runtime.proto import analyzer_pb2
from pulumi_policy import EnforcementLevel
from pulumi_policy.policy import _PolicyAnalyzerServicer

from tests.support.stacks import build_resources

GOLDEN = Path(__file__).parent / "golden"


def _request(case: str, stack: str) -> analyzer_pb2.AnalyzeStackRequest:
    resources = json.loads((GOLDEN / f"{case}.json").read_text())["resources"]
    return analyzer_pb2.AnalyzeStackRequest(resources=build_resources(resources, stack))


def test_one_resolution_per_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []
    original = s3_readiness._resolve

    def counting(data: Any) -> Any:
        calls.append(data)
        return original(data)

    monkeypatch.setattr(s3_readiness, "_resolve", counting)
    servicer = _PolicyAnalyzerServicer("pack", "0.1.0", POLICIES, EnforcementLevel.MANDATORY)
    first = servicer.AnalyzeStack(_request("versioning-missing-blocks", "one"), None)
    assert len(calls) == 1
    assert [d.policyName for d in first.diagnostics] == ["aws-backup-selection-missing-s3-bucket-versioning"]
    servicer.AnalyzeStack(_request("versioning-missing-blocks", "one"), None)
    assert len(calls) == 1, "an equal stack reuses the resolution"
    fixed = servicer.AnalyzeStack(_request("versioning-enabled-passes", "one"), None)
    assert len(calls) == 2, "a changed stack is resolved again"
    assert list(fixed.diagnostics) == []
    assert len(readiness._LAST) == 1
