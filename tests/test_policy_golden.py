"""Golden cases: each tests/golden/*.json holds a small stack and the exact diagnostics the pack gives.

Every case runs through the real pack over gRPC, started and configured as the CLI does, as one
preview would: Analyze for each resource in order, then AnalyzeStack. The expected list is exact:
policy, resource, enforcement level and full message, in order. ``UPDATE_GOLDEN=1`` rewrites the
expectations from the actual output (review the diff before committing it).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pulumi.runtime.proto import analyzer_pb2

from tests.support.analyzer import PackProcess
from tests.support.stacks import build_analyzed, build_resources, urns_of

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.json"))


@pytest.fixture(scope="module")
def pack() -> Iterator[PackProcess]:
    with PackProcess() as running:
        yield running


def _verdicts(
    diagnostics: list[analyzer_pb2.AnalyzeDiagnostic], names_by_urn: dict[str, str]
) -> list[dict[str, Any]]:
    verdicts = []
    for diagnostic in diagnostics:
        assert "can't run policy" not in diagnostic.message, diagnostic.message
        description, _, message = diagnostic.message.partition("\n")
        assert description == diagnostic.description
        verdicts.append(
            {
                "policy": diagnostic.policyName,
                "resource": names_by_urn.get(diagnostic.urn, diagnostic.urn or None),
                "level": analyzer_pb2.EnforcementLevel.Name(diagnostic.enforcementLevel).lower(),
                "message": message,
            }
        )
    return verdicts


@pytest.mark.parametrize("path", CASES, ids=[case.stem for case in CASES])
def test_golden_case(pack: PackProcess, path: Path) -> None:
    case = json.loads(path.read_text())
    assert case.get("description"), f"{path.name} must say what it proves"
    stack = path.stem
    resources = build_resources(case["resources"], stack)
    urns = urns_of(case["resources"], stack)
    names_by_urn = {urn: key for key, urn in urns.items()}
    pack.configure(case.get("config", {}))
    analyzed = build_analyzed(case["resources"], stack)
    actual = _verdicts(pack.run(resources, analyzed), names_by_urn)
    if os.environ.get("UPDATE_GOLDEN"):
        case["expected"] = actual
        path.write_text(json.dumps(case, indent=2, ensure_ascii=False) + "\n")
    assert actual == case["expected"]


def test_golden_cases_exist() -> None:
    assert len(CASES) >= 30
