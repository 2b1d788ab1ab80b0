"""The corpus: real public programs that create AWS Backup selections, judged by the real pack.

Each ``tests/corpus/<program>/`` holds a faithful Pulumi Python port (``__main__.py``; its docstring cites the
source and says what the port changed) and ``expected.json`` (tests/support/corpus_verdicts.py): per
selection, the verdict on the first preview of a new stack and on the re-preview of the deployed state, each
derived from AWS facts (shared FACTS.md), never from the pack's output. The re-preview runs twice: on the
state after a refresh and on the state as ``pulumi up`` left it (a role's reported ``managedPolicyArns``
differs; the verdict must not).

A case runs the program under mocks as the engine would (tests/support/corpus_run.py): ``Analyze`` with each
resource's inputs in registration order, then ``AnalyzeStack`` with the outputs, parents and dependencies,
to the pack started as the CLI starts it (tests/support/analyzer.py). Every selection the program creates
must have an expectation, and nothing else may be reported. ``CORPUS_PACK_DIR`` runs another pack.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pulumi.runtime.proto import analyzer_pb2

from tests.support.analyzer import PACK_DIR, PackProcess
from tests.support.corpus_provider import UNKNOWN, Environment
from tests.support.corpus_run import Capture, Resource, analyzer_resources, attached_policies, capture
from tests.support.corpus_verdicts import CORPUS, MODES, load, mismatches, programs

PROGRAMS = programs()
SELECTION_TYPES = {
    "aws:backup/selection:Selection",
    "aws:backup/restoreTestingSelection:RestoreTestingSelection",
    "aws-native:backup:BackupSelection",
}


@pytest.fixture(scope="module")
def pack() -> Iterator[PackProcess]:
    """The repository's pack, or the one in ``CORPUS_PACK_DIR`` (to compare another version of the pack,
    e.g. ``git archive main policypack | tar -x -C /tmp/main``)."""
    with PackProcess(Path(os.environ.get("CORPUS_PACK_DIR") or PACK_DIR)) as running:
        yield running


# test mode -> the expectation it is held against (the deployed state with or without a refresh must
# get the same verdict: what AWS has attached does not depend on what the state file last read)
CASES = {"first_preview": "first_preview", "re_preview": "re_preview", "re_preview_no_refresh": "re_preview"}


def run_program(program: str, mode: str) -> Capture:
    expected = load(program)
    env = Environment(
        region=expected.get("region", "us-east-1"), stack_outputs=expected.get("stack_references", {})
    )
    return capture(
        CORPUS / program / "__main__.py",
        preview=mode == "first_preview",
        env=env,
        project=program,
        refreshed=mode != "re_preview_no_refresh",
    )


@pytest.mark.parametrize(
    ("program", "mode"),
    [(p, m) for p in PROGRAMS for m in CASES],
    ids=[f"{p}-{m}" for p in PROGRAMS for m in CASES],
)
def test_corpus_verdicts(pack: PackProcess, program: str, mode: str) -> None:
    expected = load(program)
    run = run_program(program, mode)
    pack.configure({})
    diagnostics = [d for r in analyzer_resources(run, outputs=False) for d in pack.analyze(r)]
    diagnostics += pack.analyze_stack(analyzer_resources(run, outputs=True))

    assert all("can't run policy" not in d.message for d in diagnostics), "the SDK's advisory line"
    assert all(d.enforcementLevel == analyzer_pb2.MANDATORY for d in diagnostics)
    names = {resource.urn: resource.name for resource in run.resources}
    selections = sorted(resource.name for resource in run.resources if resource.type in SELECTION_TYPES)
    assert selections == sorted(expected["selections"]), "every selection of the program has an expectation"
    reported: dict[str, list[tuple[str, str]]] = {}
    for diagnostic in diagnostics:
        name = names.get(diagnostic.urn, diagnostic.urn or "<stack>")
        reported.setdefault(name, []).append((diagnostic.policyName, diagnostic.message))
    wrong = mismatches(expected, CASES[mode], reported)
    assert not wrong, f"{program} ({mode}):\n" + "\n".join(wrong)


def test_corpus_is_large_and_every_program_cites_its_source() -> None:
    assert len(PROGRAMS) >= 15
    for program in PROGRAMS:
        docstring = (CORPUS / program / "__main__.py").read_text().split('"""')[1]
        assert "Source:" in docstring and "https://github.com/" in docstring, program
        assert "Ported:" in docstring, f"{program}: say what the port changed"


# --- the harness itself: what the engine would hand the pack -------------------------------------------


def test_first_preview_leaves_computed_outputs_unknown_and_autonames_known() -> None:
    run = run_program("tf-registry-selection-by-resource", "first_preview")
    role = next(r for r in run.resources if r.type == "aws:iam/role:Role")
    volume = next(r for r in run.resources if r.type == "aws:ebs/volume:Volume")
    database = next(r for r in run.resources if r.type == "aws:rds/instance:Instance")
    selection = next(r for r in run.resources if r.type == "aws:backup/selection:Selection")
    assert role.outputs["arn"] == UNKNOWN and role.outputs["managedPolicyArns"] == UNKNOWN
    assert volume.outputs["arn"] == UNKNOWN and volume.outputs["size"] == 40
    assert database.outputs["identifier"].startswith("example-")  # autonamed: known in a preview
    assert selection.inputs["resources"] == [UNKNOWN] * 3
    assert selection.inputs["iamRoleArn"] == UNKNOWN
    linked = {urn.rsplit("::", 1)[-1] for urn in selection.property_dependencies["resources"]}
    assert linked == {"example"} and len(selection.property_dependencies["resources"]) == 3
    assert database.inputs["identifier"] == database.outputs["identifier"]  # Check fills it for Analyze too
    stack, provider = run.resources[0], run.resources[1]
    assert stack.type == "pulumi:pulumi:Stack" and selection.parent == stack.urn  # as the engine parents
    assert provider.urn.endswith("::pulumi:providers:aws::default_7_51_1")
    assert provider.inputs == {"region": "us-east-1", "version": "7.51.1"}
    assert selection.provider.startswith(provider.urn + "::")
    assert all("pulumi:pulumi:Stack$" not in r.urn for r in run.resources)


def test_re_preview_knows_every_arn_in_the_stacks_partition_and_region() -> None:
    run = run_program("cloudposse-backup-complete", "re_preview")
    selection = next(r for r in run.resources if r.type == "aws:backup/selection:Selection")
    (efs_arn,) = selection.inputs["resources"]
    assert efs_arn.startswith("arn:aws:elasticfilesystem:us-east-2:123456789012:file-system/fs-0")
    assert selection.inputs["iamRoleArn"] == "arn:aws:iam::123456789012:role/eg-test-backup-backup"


def test_re_preview_reports_the_policies_attached_to_a_role_that_does_not_configure_them() -> None:
    run = run_program("nhs-notify-backup-source", "re_preview")
    role = next(r for r in run.resources if r.type == "aws:iam/role:Role")
    assert "managedPolicyArns" not in role.inputs
    assert (
        "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup" in role.outputs["managedPolicyArns"]
    )
    assert len(role.outputs["managedPolicyArns"]) == 5  # four AWS policies and the customer policy


def test_re_preview_keeps_a_configured_managed_policy_set() -> None:
    run = run_program("cds-snc-url-shortener-backup", "re_preview")
    role = next(r for r in run.resources if r.type == "aws:iam/role:Role")
    assert role.outputs["managedPolicyArns"] == role.inputs["managedPolicyArns"]


def test_an_exclusive_attachment_set_owns_the_roles_policies() -> None:
    def resource(type_: str, outputs: dict[str, Any]) -> Resource:
        return Resource("urn", type_, "n", "", True, "", {}, outputs, [], {})

    attached = attached_policies(
        [
            resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {"role": "r", "policyArn": "a"}),
            resource("aws:iam/policyAttachment:PolicyAttachment", {"roles": ["r", "q"], "policyArn": "b"}),
            resource(
                "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
                {"roleName": "q", "policyArns": ["c"]},
            ),
        ]
    )
    assert attached == {"r": ["a", "b"], "q": ["c"]}


def test_a_stack_reference_reads_the_other_stacks_outputs_in_a_preview() -> None:
    run = run_program("sushemsu-db-backup-rds", "first_preview")
    selection = next(r for r in run.resources if r.type == "aws:backup/selection:Selection")
    assert selection.inputs["iamRoleArn"] == "arn:aws:iam::123456789012:role/backups"
    assert selection.inputs["resources"] == [UNKNOWN]


def test_the_corpus_readme_lists_every_program_with_its_expected_verdicts() -> None:
    rows = {}
    for line in (CORPUS / "README.md").read_text().splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 5 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = (cells[3], cells[4])
    assert sorted(rows) == PROGRAMS
    for program in PROGRAMS:
        selections = load(program)["selections"].values()
        for column, mode in zip(rows[program], MODES, strict=True):
            verdict = "blocked" if any(s[mode]["verdict"] == "blocked" for s in selections) else "passes"
            assert column == verdict, f"{program} {mode}: the README says {column}, expected.json {verdict}"


def test_re_preview_without_refresh_reports_what_the_provider_read_at_creation() -> None:
    run = run_program("nhs-notify-backup-source", "re_preview_no_refresh")
    role = next(r for r in run.resources if r.type == "aws:iam/role:Role")
    assert role.outputs["managedPolicyArns"] == []
    key = next(r for r in run.resources if r.type == "aws:kms/key:Key")
    alias = next(r for r in run.resources if r.type == "aws:kms/alias:Alias")
    assert alias.inputs["targetKeyId"] == key.outputs["keyId"]  # computed outputs have values after up
    assert alias.property_dependencies["targetKeyId"] == [key.urn]
