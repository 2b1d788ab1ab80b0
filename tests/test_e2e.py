"""End-to-end: the real Pulumi CLI runs the examples with the policy pack, as our users do.

The CLI comes from scripts/ensure-pulumi.sh (a `pulumi` on PATH, else built from the Go module proxy and
cached). The `aws` provider is the stand-in in tools/bin unless the real plugin is installed. Each test
works in its own scratch PULUMI_HOME and file backend. Where neither a Pulumi CLI nor Go exists, every
test here is skipped with that reason; a failed build is an error, never a skip.

The exact `Policies:` block of every preview is kept in tests/e2e_expected/<example>.txt
(``UPDATE_GOLDEN=1`` rewrites them; review the diff).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.pulumi_session import CliUnavailableError, Project, PulumiSession, Result

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[1]
EXPECTED = Path(__file__).parent / "e2e_expected"
MAIN = "aws-backup-selection-missing-s3-role-policies"
RESOURCE = "aws-backup-selection-disallow-default-role-for-s3"
BAD = ["s3-default-role", "s3-missing-restore-policy"]
GOOD = ["s3-with-component", "adopt-default-role", "yaml-consumer"]
SELECTION = "aws:backup/selection:Selection"


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulumiSession]:
    try:
        yield PulumiSession(tmp_path_factory.mktemp("pulumi"))
    except CliUnavailableError as reason:
        pytest.skip(f"no Pulumi CLI and no Go toolchain to build one: {reason}")


def policies_block(result: Result, session: PulumiSession) -> str:
    """The `Policies:` section of the CLI output, with the scratch path of the pack made stable."""
    match = re.search(r"^Policies:\n(.*?)(?=^\S|\Z)", result.output, re.S | re.M)
    assert match, f"no Policies: section in\n{result}"
    return match.group(0).replace(str(session.pack_dir), "<policypack>").rstrip() + "\n"


def verdicts(result: Result) -> list[tuple[str, str]]:
    """(policy, resource name) for every violation the CLI printed."""
    return re.findall(r"\[mandatory\].*?  (aws-backup-selection-[a-z0-9-]+)  \(\S+: ([^)]+)\)", result.output)


def check_expected(name: str, block: str) -> None:
    path = EXPECTED / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(block)
    assert block == path.read_text()


def types_of(project: Project) -> list[str]:
    return [resource["type"] for resource in project.resources()]


@pytest.mark.parametrize("example", BAD + GOOD)
def test_preview_with_the_pack(session: PulumiSession, example: str) -> None:
    project = session.project(example, name=f"preview-{example}")
    result = project.preview()
    assert "can't run policy" not in result.output
    assert result.returncode == (1 if example in BAD else 0), str(result)
    check_expected(example, policies_block(result, session))


@pytest.mark.parametrize("example", BAD)
def test_up_is_refused_before_any_resource_exists(session: PulumiSession, example: str) -> None:
    project = session.project(example, name=f"up-{example}")
    result = project.up()
    assert result.returncode != 0, str(result)
    assert verdicts(result), str(result)
    assert [t for t in types_of(project) if not t.startswith("pulumi:")] == []


@pytest.mark.parametrize("example", GOOD)
def test_up_succeeds_and_the_state_passes_analysis(session: PulumiSession, example: str) -> None:
    project = session.project(example, name=f"up-{example}")
    result = project.up()
    assert result.returncode == 0, str(result)
    types = types_of(project)
    assert "aws:iam/rolePolicyAttachment:RolePolicyAttachment" in types
    if example != "yaml-consumer":
        assert SELECTION in types
    state = project.directory / "state.json"
    analysis = project.analyze_state(state)
    assert analysis.returncode == 0, str(analysis)
    assert verdicts(analysis) == []
    # A re-preview of the deployed stack through the real engine: each role's managedPolicyArns output is
    # now the provider's report ([] from the stand-in), which configures nothing; the inputs Analyze
    # records tell so, and the attachments still count (README rule 4).
    again = project.preview()
    assert again.returncode == 0, str(again)
    assert verdicts(again) == []


def test_skip_preview_refuses_the_default_role_before_the_selection_exists(session: PulumiSession) -> None:
    project = session.project("s3-default-role", name="skip-preview-bad")
    result = project.up(skip_preview=True)
    assert result.returncode != 0, str(result)
    assert (RESOURCE, "app-data-backup") in verdicts(result)
    assert SELECTION not in types_of(project)


def test_skip_preview_with_adopt_mode_succeeds(session: PulumiSession) -> None:
    project = session.project("adopt-default-role", name="skip-preview-adopt")
    result = project.up(skip_preview=True)
    assert result.returncode == 0, str(result)
    assert SELECTION in types_of(project)


def test_exempting_the_selection_lets_the_preview_pass(session: PulumiSession) -> None:
    project = session.project("s3-default-role", name="config-exempt")
    exempt = {"exemptSelections": ["app-data-*"]}
    result = project.preview(config={MAIN: exempt, RESOURCE: exempt})
    assert result.returncode == 0, str(result)
    assert verdicts(result) == []


def test_trusting_the_role_lets_the_preview_pass(session: PulumiSession) -> None:
    project = session.project("s3-default-role", name="config-trust")
    trust = {"trustedRoleArns": ["arn:aws:iam::*:role/service-role/AWSBackupDefaultServiceRole"]}
    result = project.preview(config={MAIN: trust, RESOURCE: trust})
    assert result.returncode == 0, str(result)


def test_definite_mode_lets_a_tag_only_selection_pass(session: PulumiSession) -> None:
    project = session.project(REPO / "tests" / "programs" / "tag-only-selection", name="config-definite")
    assert project.preview().returncode == 1
    result = project.preview(config={MAIN: {"s3Targets": "definite"}})
    assert result.returncode == 0, str(result)


@pytest.mark.parametrize(
    ("config", "key"),
    [
        ({MAIN: {"s3Targets": "sometimes"}}, "s3Targets"),
        ({MAIN: {"trustedRoleArns": "arn:aws:iam::123456789012:role/x"}}, "trustedRoleArns"),
        ({RESOURCE: {"defaultPartition": "aws-iso"}}, "defaultPartition"),
    ],
    ids=["enum", "type", "partition-enum"],
)
def test_invalid_config_is_rejected_by_the_cli_naming_the_key(
    session: PulumiSession, config: dict[str, dict[str, object]], key: str
) -> None:
    project = session.project("s3-with-component", name=f"config-invalid-{key}")
    result = project.preview(config=config)
    assert result.returncode != 0, str(result)
    assert key in result.output
    assert "Previewing update" not in result.output or "error" in result.output.lower()


def test_malformed_trusted_pattern_blocks_with_a_message_naming_the_key(session: PulumiSession) -> None:
    project = session.project("s3-with-component", name="config-malformed")
    result = project.preview(config={MAIN: {"trustedRoleArns": ["shared-backup"]}})
    assert result.returncode == 1, str(result)
    assert "trustedRoleArns[0]: 'shared-backup' is not an IAM role ARN pattern" in result.output


@pytest.mark.parametrize("example", BAD)
def test_policy_analyze_of_exported_state_reports_the_same_verdicts(
    session: PulumiSession, example: str
) -> None:
    project = session.project(example, name=f"analyze-{example}")
    preview = project.preview()
    deployed = project.up(policy=False)  # a team without guardrails deploys the broken program
    assert deployed.returncode == 0, str(deployed)
    state = project.directory / "exported.json"
    state.write_text(json.dumps(project.export()))
    analysis = project.analyze_state(state)
    assert analysis.returncode != 0, str(analysis)
    # The same selections are blocked, each once. Which policy speaks may differ: in the preview the
    # bucket's ARN is unknown, so the companion leaves it to the stack rule; the exported state's inputs
    # are known, so the companion blocks and the stack rule does not repeat it (README: one cause, one
    # violation).
    blocked = [name for _, name in verdicts(analysis)]
    assert sorted(set(blocked)) == sorted({name for _, name in verdicts(preview)})
    assert len(blocked) == len(set(blocked)), str(analysis)


def test_get_schema_matches_the_in_process_schema(session: PulumiSession) -> None:
    from backup_roles import BackupServiceRole, __version__
    from pulumi.provider.experimental.component import ComponentProvider

    result = session.run("package", "get-schema", str(session.component_dir))
    assert result.returncode == 0, str(result)
    # stdout holds the schema; the plugin's dependency installation reports on stderr after it
    cli_schema, _ = json.JSONDecoder().raw_decode(result.output[result.output.index("{") :])
    expected = json.loads(
        ComponentProvider([BackupServiceRole], name="backup-roles", version=__version__).schema
    )
    assert canonical(cli_schema) == canonical(expected)
    assert cli_schema["version"] == __version__
    assert "backup-roles:index:BackupServiceRole" in cli_schema["resources"]


def canonical(schema: object, key: str = "") -> object:
    """A schema as the CLI re-marshals it (Go's PackageSpec): empty collections are omitted, and a type
    reference (``items`` / ``additionalProperties``) has no description of its own."""
    if isinstance(schema, dict):
        return {
            k: canonical(v, k)
            for k, v in schema.items()
            if v not in ({}, []) and not (k == "description" and key in ("items", "additionalProperties"))
        }
    if isinstance(schema, list):
        return [canonical(item) for item in schema]
    return schema


def test_make_demo_runs_and_ends_with_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    from tools.demo import main

    try:
        code = main()
    except CliUnavailableError as reason:  # pragma: no cover - only where no CLI can be had
        pytest.skip(str(reason))
    out = capsys.readouterr().out
    assert code == 0, out
    assert "aws-backup-selection-missing-s3-role-policies" in out
    assert "The pack blocked the console default role and passed BackupServiceRole." in out
    summary = out.split("Summary", 1)[1]
    assert re.search(r"s3-default-role\s+blocked\s+blocked", summary)
    assert re.search(r"s3-with-component\s+passed\s+passed", summary)
