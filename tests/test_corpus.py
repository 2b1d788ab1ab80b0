"""The corpus: real public programs that create AWS Backup selections, judged by the real pack.

Each ``tests/corpus/<program>/`` holds a faithful Pulumi Python port (``__main__.py``, its docstring cites the
source) and ``expected.json``: the region it deploys to, and per selection the verdict on the first preview
of a new stack and on the re-preview of the deployed state, each derived from AWS facts (shared FACTS.md),
never from the pack's output.

A case runs the program under mocks as the engine would (tests/support/corpus_run.py), sends ``Analyze``
with each resource's inputs in registration order, then ``AnalyzeStack`` with the outputs, to the pack
started as the CLI starts it. A selection ``passes`` when no policy reports it; it is ``blocked`` when at
least one mandatory violation names it, including every policy its expectation lists. Every selection of
the program must have an expectation, and nothing else may be reported.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pulumi.runtime.proto import analyzer_pb2

from tests.support.analyzer import PackProcess
from tests.support.corpus_provider import Environment
from tests.support.corpus_run import analyzer_resources, capture

CORPUS = Path(__file__).parent / "corpus"
PROGRAMS = sorted(path.parent.name for path in CORPUS.glob("*/expected.json"))
MODES = {"first_preview": True, "re_preview": False}
SELECTION_TYPES = {
    "aws:backup/selection:Selection",
    "aws:backup/restoreTestingSelection:RestoreTestingSelection",
    "aws-native:backup:BackupSelection",
}
POLICIES = {
    "aws-backup-selection-missing-s3-role-policies",
    "aws-backup-selection-disallow-default-role-for-s3",
}


@pytest.fixture(scope="module")
def pack() -> Iterator[PackProcess]:
    with PackProcess() as running:
        yield running


def load_expected(program: str) -> dict[str, Any]:
    expected = json.loads((CORPUS / program / "expected.json").read_text())
    for selection, modes in expected["selections"].items():
        assert set(modes) == set(MODES), f"{program}/{selection}: give exactly {sorted(MODES)}"
        for mode, verdict in modes.items():
            assert verdict["verdict"] in ("blocked", "passes"), f"{program}/{selection}/{mode}"
            assert verdict.get("reason"), f"{program}/{selection}/{mode}: every verdict states its AWS reason"
            assert set(verdict.get("by", [])) <= POLICIES, f"{program}/{selection}/{mode}: unknown policy"
    return expected


def judge(pack: PackProcess, program: str, preview: bool) -> tuple[dict[str, list[Any]], list[str]]:
    """selection name -> its diagnostics, and the names of every selection the program registered."""
    expected = load_expected(program)
    run = capture(
        CORPUS / program / "__main__.py",
        preview=preview,
        env=Environment(
            region=expected.get("region", "us-east-1"), stack_outputs=expected.get("stack_references", {})
        ),
        project=program,
    )
    pack.configure(expected.get("config", {}))
    diagnostics = []
    for resource in analyzer_resources(run, outputs=False):
        diagnostics += pack.analyze(resource)
    diagnostics += pack.analyze_stack(analyzer_resources(run, outputs=True))
    names = {resource.urn: resource.name for resource in run.resources}
    selections = [resource.name for resource in run.resources if resource.type in SELECTION_TYPES]
    by_selection: dict[str, list[Any]] = {}
    for diagnostic in diagnostics:
        by_selection.setdefault(names.get(diagnostic.urn, diagnostic.urn or "<stack>"), []).append(diagnostic)
    return by_selection, selections


def describe(diagnostics: list[Any]) -> str:
    return "\n".join(f"  [{d.policyName}] {d.message}" for d in diagnostics) or "  (none)"


@pytest.mark.parametrize(
    ("program", "mode"),
    [(p, m) for p in PROGRAMS for m in MODES],
    ids=[f"{p}-{m}" for p in PROGRAMS for m in MODES],
)
def test_corpus_verdicts(pack: PackProcess, program: str, mode: str) -> None:
    expected = load_expected(program)["selections"]
    by_selection, selections = judge(pack, program, MODES[mode])
    assert sorted(selections) == sorted(expected), "every selection of the program has an expectation"
    stray = {name: found for name, found in by_selection.items() if name not in expected}
    assert not stray, "reported outside the selections:\n" + "\n".join(
        f"{name}:\n{describe(found)}" for name, found in stray.items()
    )
    wrong = []
    for selection, modes in expected.items():
        want = modes[mode]
        found = by_selection.get(selection, [])
        assert all("can't run policy" not in d.message for d in found), describe(found)
        if want["verdict"] == "passes":
            if found:
                wrong.append(f"{selection}: expected to pass ({want['reason']}), got\n{describe(found)}")
            continue
        policies = {d.policyName for d in found if d.enforcementLevel == analyzer_pb2.MANDATORY}
        missing = set(want.get("by", [])) - policies
        if not policies or missing:
            wrong.append(
                f"{selection}: expected blocked by {sorted(want.get('by', [])) or 'any policy'} "
                f"({want['reason']}), got\n{describe(found)}"
            )
        for fragment in want.get("fragments", []):
            if not any(fragment in d.message for d in found):
                wrong.append(f"{selection}: no message contains {fragment!r}:\n{describe(found)}")
    assert not wrong, "\n".join(wrong)


def test_corpus_is_large_and_every_program_cites_its_source() -> None:
    assert len(PROGRAMS) >= 15
    for program in PROGRAMS:
        source = (CORPUS / program / "__main__.py").read_text()
        assert source.startswith('"""'), f"{program}: the docstring cites the source"
        assert "Source:" in source.split('"""')[1] and "Ported:" in source.split('"""')[1], program
