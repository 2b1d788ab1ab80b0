"""Real Python programs, run under preview mocks with a capturing monitor, judged by the real pack.

Each program's RegisterResource requests (parent, dependencies, propertyDependencies and the inputs in the
analyzer's wire encoding, unknowns included) become the resources of one preview: Analyze for each in
order, then AnalyzeStack, over gRPC against the pack started as the CLI starts it. The examples under
examples/ are run unchanged.
"""

from __future__ import annotations

import runpy
from collections.abc import Iterator
from pathlib import Path

import pytest
from pulumi.runtime.proto import analyzer_pb2

from tests.component_support import UNKNOWN, Registration, run
from tests.support.analyzer import PackProcess, to_struct

REPO = Path(__file__).resolve().parents[1]
MAIN = "aws-backup-selection-missing-s3-role-policies"
RESOURCE = "aws-backup-selection-disallow-default-role-for-s3"

# program -> the exact (policy, selection) verdicts, and a fragment each message must contain
PROGRAMS = {
    # The bucket's ARN is unknown in a preview: the companion leaves that to the main rule, which speaks
    # once (README: one cause, one violation).
    "examples/s3-default-role/__main__.py": [
        (
            MAIN,
            "app-data-backup",
            "with the console default role arn:aws:iam::123456789012:role/service-role/"
            "AWSBackupDefaultServiceRole",
        ),
    ],
    "examples/s3-missing-restore-policy/__main__.py": [
        (MAIN, "app-data-backup", 'its IAM role "backup-role" '),
    ],
    "examples/s3-with-component/__main__.py": [],
    "examples/adopt-default-role/__main__.py": [],
    "tests/programs/tag-only-selection/__main__.py": [
        (MAIN, "tagged", "it selects by tags or conditions only"),
    ],
    "tests/programs/component_tag_only_selection.py": [],
}


@pytest.fixture(scope="module")
def pack() -> Iterator[PackProcess]:
    with PackProcess() as running:
        yield running


def _analyzer_resources(registrations: list[Registration]) -> list[analyzer_pb2.AnalyzerResource]:
    resources = []
    for registration in registrations:
        message = analyzer_pb2.AnalyzerResource(
            type=registration.type,
            name=registration.name,
            urn=registration.urn,
            properties=to_struct(registration.inputs),
            parent=registration.parent,
        )
        message.dependencies.extend(registration.dependencies)
        for prop, urns in registration.property_dependencies.items():
            if urns:  # the engine drops empty lists
                message.propertyDependencies[prop].urns.extend(urns)
        resources.append(message)
    return resources


@pytest.mark.parametrize("program", list(PROGRAMS))
def test_program_verdicts(pack: PackProcess, program: str) -> None:
    captured = run(lambda: runpy.run_path(str(REPO / program)) and None)
    resources = _analyzer_resources(captured.registrations)
    assert any("election" in resource.type for resource in resources)
    pack.configure({})
    diagnostics = pack.run(resources)
    names = {resource.urn: resource.name for resource in resources}
    verdicts = [(d.policyName, names.get(d.urn, d.urn)) for d in diagnostics]
    assert verdicts == [(policy, selection) for policy, selection, _ in PROGRAMS[program]]
    for diagnostic, (_, _, fragment) in zip(diagnostics, PROGRAMS[program], strict=True):
        assert fragment in diagnostic.message
        assert "can't run policy" not in diagnostic.message
        assert diagnostic.enforcementLevel == analyzer_pb2.MANDATORY


def test_component_role_reaches_the_pack_through_property_dependencies() -> None:
    captured = run(lambda: runpy.run_path(str(REPO / "examples/s3-with-component/__main__.py")) and None)
    (selection,) = [r for r in captured.registrations if r.type == "aws:backup/selection:Selection"]
    assert selection.inputs["iamRoleArn"] == UNKNOWN  # preview: only the dependency links it to the role
    linked = {urn.rsplit("::", 1)[-1] for urn in selection.property_dependencies["iamRoleArn"]}
    assert {"backup-role", "backup-s3-backup", "backup-s3-restore"} <= linked
