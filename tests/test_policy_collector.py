"""The stack rule pauses CPython's cyclic collector, which is only sound if the rule leaves no cycles.

Everything the rule builds must be freed by reference counting when it returns; a reference cycle would
otherwise wait for the next collector pass (and, with many previews in one pack process, pile up).
"""

from __future__ import annotations

import gc
from typing import Any

import pytest
from backup_guardrails import selection_role_policies
from backup_guardrails.collector import collector_paused
from pulumi.runtime.proto import analyzer_pb2
from pulumi_policy import EnforcementLevel, StackValidationArgs, StackValidationPolicy
from pulumi_policy.policy import _PolicyAnalyzerServicer

from bench.synthetic import PROJECT, STACK, synthetic_stack
from tests.support.stacks import build_resources


def stack_args(size: int) -> StackValidationArgs:
    """The arguments pulumi-policy hands a stack policy for a synthetic stack, built by the SDK itself."""
    captured: list[StackValidationArgs] = []
    policy = StackValidationPolicy(
        name="capture",
        description="Keeps its arguments.",
        validate=lambda args, _report: captured.append(args),
        enforcement_level=EnforcementLevel.MANDATORY,
    )
    servicer = _PolicyAnalyzerServicer("capture", "0.0.1", [policy], EnforcementLevel.MANDATORY)
    resources = build_resources(synthetic_stack(size).entries, STACK, PROJECT)
    servicer.AnalyzeStack(analyzer_pb2.AnalyzeStackRequest(resources=resources), None)
    (args,) = captured
    return args


@pytest.fixture(autouse=True)
def collector_enabled_afterwards():
    yield
    gc.enable()


def test_the_stack_rule_leaves_no_reference_cycles():
    args = stack_args(2000)
    violations: list[Any] = []
    gc.collect()
    gc.disable()
    selection_role_policies.validate(args, lambda message, urn=None: violations.append((message, urn)))
    assert not gc.isenabled()  # left as the rule found it
    assert gc.collect() == 0  # nothing the rule built is waiting for the collector
    assert len(violations) == len(synthetic_stack(2000).bad)


def test_the_collector_is_paused_during_the_rule_and_enabled_after():
    seen: list[bool] = []
    with collector_paused():
        seen.append(gc.isenabled())
    assert seen == [False]
    assert gc.isenabled()


def test_the_collector_is_enabled_after_the_rule_fails():
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()
