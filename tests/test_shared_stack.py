"""The pack's servicer builds the stack once per AnalyzeStack call, and answers exactly as the SDK's own.

``SharedStackServicer`` (policypack/backup_guardrails/shared_stack.py) replaces pulumi-policy's
per-policy rebuild of the stack by one build shared by every stack policy. These tests run both servicers
in-process, side by side, on every golden case (configured as the case says, Analyze for each resource
then AnalyzeStack, as a preview does) and on synthetic benchmark stacks, with every policy on and with
policies disabled or advisory, and require byte-identical responses. They also prove the pack serves
through it, that each stack is built and resolved once per call, and that with an unverified
pulumi-policy the SDK's own servicer is left in place.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from typing import Any

import pulumi_policy.policy as sdk
import pytest
from backup_guardrails import POLICIES, pack, s3_readiness, shared_stack
from backup_guardrails.run_record import RECORD
from backup_guardrails.shared_stack import SharedStackServicer, shared_stack_servicer
from backup_guardrails.stack_index import StackIndex
from pulumi.runtime.proto import analyzer_pb2
from pulumi_policy import EnforcementLevel

from bench.synthetic import PROJECT, STACK, synthetic_stack
from tests.support.analyzer import REPO, PackProcess
from tests.support.stacks import build_analyzed, build_resources

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.json"))
STOCK = sdk._PolicyAnalyzerServicer


class InProcess:
    """A servicer driven in-process exactly as :class:`PackProcess` drives the pack over gRPC."""

    def __init__(self, servicer_class: type) -> None:
        RECORD.__init__()  # type: ignore[misc]  # what Analyze recorded starts empty, as in a new pack process
        self.servicer = servicer_class("aws-backup-guardrails", "0.0.1", POLICIES, EnforcementLevel.MANDATORY)
        self.info = self.servicer.GetAnalyzerInfo(None, None)
        self.stub = self

    # The gRPC stub's calling convention, answered by the servicer itself.
    def Configure(self, request: Any, timeout: float) -> Any:  # noqa: N802
        return self.servicer.Configure(request, None)

    def Analyze(self, request: Any, timeout: float) -> Any:  # noqa: N802
        return self.servicer.Analyze(request, None)

    def AnalyzeStack(self, request: Any, timeout: float) -> Any:  # noqa: N802
        return self.servicer.AnalyzeStack(request, None)

    schema_defaults = PackProcess.schema_defaults
    configure = PackProcess.configure
    analyze = PackProcess.analyze
    analyze_stack = PackProcess.analyze_stack
    run = PackProcess.run


def _both(case: dict[str, Any], stack: str, enforcement: dict[str, int] | None = None) -> list[list[bytes]]:
    answers = []
    for servicer_class in (STOCK, SharedStackServicer):
        running = InProcess(servicer_class)
        running.configure(case.get("config", {}), enforcement)
        diagnostics = running.run(
            build_resources(case["resources"], stack), build_analyzed(case["resources"], stack)
        )
        answers.append([d.SerializeToString(deterministic=True) for d in diagnostics])
    return answers


@pytest.mark.parametrize("path", CASES, ids=[case.stem for case in CASES])
def test_golden_case_answers_as_the_sdk(path: Path) -> None:
    stock, shared = _both(json.loads(path.read_text()), path.stem)
    assert shared == stock


def test_enforcement_levels_and_disabled_policies_as_the_sdk() -> None:
    case = json.loads((GOLDEN / "versioning-missing-blocks.json").read_text())
    names = [policy.name for policy in POLICIES]
    for level in (analyzer_pb2.DISABLED, analyzer_pb2.ADVISORY, analyzer_pb2.MANDATORY):
        enforcement = {name: level for name in names[::2]}
        stock, shared = _both(case, "levels", enforcement)
        assert shared == stock
    stock, shared = _both(case, "levels", {name: analyzer_pb2.DISABLED for name in names})
    assert shared == stock == []


def test_synthetic_stack_answers_as_the_sdk() -> None:
    stack = synthetic_stack(2_000)
    request = analyzer_pb2.AnalyzeStackRequest(resources=build_resources(stack.entries, STACK, PROJECT))
    stock = InProcess(STOCK).servicer.AnalyzeStack(request, None)
    shared = InProcess(SharedStackServicer).servicer.AnalyzeStack(request, None)
    assert len(stock.diagnostics) >= len(stack.bad)
    assert shared.SerializeToString(deterministic=True) == stock.SerializeToString(deterministic=True)


def test_one_build_one_index_one_resolution_per_call(monkeypatch: pytest.MonkeyPatch) -> None:
    counts = {"build": 0, "index": 0, "resolve": 0}

    def counting(key: str, original: Any) -> Any:
        def counted(*args: Any) -> Any:
            counts[key] += 1
            return original(*args)

        return counted

    build = SharedStackServicer.build_stack
    monkeypatch.setattr(SharedStackServicer, "build_stack", counting("build", build))
    monkeypatch.setattr(StackIndex, "build", counting("index", StackIndex.build))
    monkeypatch.setattr(s3_readiness, "_resolve", counting("resolve", s3_readiness._resolve))
    case = json.loads((GOLDEN / "kms-key-policy-names-other-role-blocks.json").read_text())
    request = analyzer_pb2.AnalyzeStackRequest(resources=build_resources(case["resources"], "once"))
    servicer = InProcess(SharedStackServicer).servicer
    first = servicer.AnalyzeStack(request, None)
    assert counts == {"build": 1, "index": 1, "resolve": 1}
    assert [d.policyName for d in first.diagnostics] == ["aws-backup-selection-missing-s3-kms-key-access"]
    servicer.AnalyzeStack(request, None)
    assert counts == {"build": 2, "index": 2, "resolve": 2}, "nothing is reused from an earlier call"
    assert shared_stack._CURRENT.resources is None and shared_stack._CURRENT.memo is None


def test_the_sdk_servicer_resolves_per_policy_with_the_same_verdicts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the shared stack (an unverified SDK) every policy resolves its own: slower, same answers."""
    calls: list[Any] = []
    original = s3_readiness._resolve
    monkeypatch.setattr(s3_readiness, "_resolve", lambda *args: calls.append(args) or original(*args))
    case = json.loads((GOLDEN / "kms-key-policy-names-other-role-blocks.json").read_text())
    request = analyzer_pb2.AnalyzeStackRequest(resources=build_resources(case["resources"], "stock"))
    answer = InProcess(STOCK).servicer.AnalyzeStack(request, None)
    assert len(calls) == 5
    assert [d.policyName for d in answer.diagnostics] == ["aws-backup-selection-missing-s3-kms-key-access"]


def test_the_pack_serves_through_the_shared_stack_servicer(monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[type] = []
    monkeypatch.setattr(pack, "PolicyPack", lambda **kwargs: served.append(sdk._PolicyAnalyzerServicer))
    pack.serve()
    assert served == [SharedStackServicer]
    assert sdk._PolicyAnalyzerServicer is STOCK, "restored after serving"


def test_an_unverified_sdk_keeps_its_own_servicer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shared_stack, "SDK_VERSION", "1.22.0")
    with shared_stack_servicer():
        assert sdk._PolicyAnalyzerServicer is STOCK


def test_verified_sdk_is_the_pinned_one() -> None:
    """Bumping pulumi-policy means checking build_stack against its AnalyzeStack, then VERIFIED_SDK."""
    pins = (REPO / "policypack" / "requirements.txt").read_text().splitlines()
    assert f"pulumi-policy=={shared_stack.VERIFIED_SDK}" in pins
    assert metadata.version("pulumi-policy") == shared_stack.VERIFIED_SDK
