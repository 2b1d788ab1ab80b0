"""The corpus harness against the real engine: do the mocks hand the pack what ``pulumi preview`` does?

A recording policy pack (tests/support/recorder_pack) runs with the real CLI and the aws stand-in on corpus
programs, for the first preview of a new stack and for the preview of the deployed stack (after ``pulumi
up``, no refresh). The requests it recorded are compared with what tests/support/corpus_run.py builds for
the same program:

- the same resources reach ``Analyze`` and ``AnalyzeStack`` (the stack, the default provider, every resource
  of the program), with the same parents, dependencies, property dependencies and provider;
- whatever the engine sends as unknown, the harness sends as unknown too (the harness is stricter: it also
  marks optional outputs the provider leaves absent);
- the values the program sets reach ``Analyze`` unchanged in both (values computed from other resources'
  outputs differ: both sides make up their ids and ARNs).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import json_format

from tests.support.corpus_cli import project_dir
from tests.support.corpus_provider import AUTONAMED, UNKNOWN, Environment
from tests.support.corpus_run import analyzer_resources, capture
from tests.support.corpus_verdicts import CORPUS, load
from tools.pulumi_session import CliUnavailableError, PulumiSession, overlay_venv

pytestmark = pytest.mark.e2e

RECORDER = Path(__file__).parent / "support" / "recorder_pack"
PROGRAMS = ["tf-registry-selection-by-resource", "nhs-notify-backup-source"]
ADDED_BY_CHECK = {"tagsAll", "__defaults"}
"""Keys the stand-in's Check adds to the inputs (tag merging); the pack reads neither."""


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulumiSession]:
    try:
        session = PulumiSession(tmp_path_factory.mktemp("pulumi-fidelity"))
    except CliUnavailableError as reason:
        pytest.skip(f"no Pulumi CLI and no Go toolchain to build one: {reason}")
    shutil.copytree(RECORDER, session.scratch / "recorder", ignore=shutil.ignore_patterns("venv"))
    overlay_venv(session.scratch / "recorder" / "venv")
    yield session


def key(urn: str) -> str:
    """A URN without its stack and project (the stack resource by its type alone)."""
    _, _, qualified_type, name = urn.split("::")
    return qualified_type if qualified_type == "pulumi:pulumi:Stack" else f"{qualified_type}::{name}"


def structure(request: dict[str, Any]) -> dict[str, Any]:
    provider = request.get("provider", {})
    return {
        "parent": key(request["parent"]) if request.get("parent") else None,
        "dependencies": sorted(map(key, request.get("dependencies", []))),
        "propertyDependencies": {
            prop: sorted(map(key, deps.get("urns", [])))
            for prop, deps in request.get("propertyDependencies", {}).items()
        },
        "provider": (key(provider["urn"]), provider.get("properties")) if provider else None,
    }


def recorded(session: PulumiSession, program: str, deployed: bool) -> tuple[list[dict], list[dict]]:
    """(Analyze requests, AnalyzeStack resources) the engine sent for the program's preview."""
    expected = load(program)
    project = session.project(
        project_dir(program, session.scratch, directory=f"{program}-{deployed}"),
        name=f"fidelity-{program}-{'deployed' if deployed else 'new'}",
    )
    project.run("config", "set", "aws:region", expected.get("region", "us-east-1"), check=True)
    if deployed:
        assert project.up(policy=False).returncode == 0
    out = session.scratch / f"{project.stack}.jsonl"
    session.env["RECORDER_OUT"] = str(out)
    result = project.run("preview", "--policy-pack", str(session.scratch / "recorder"))
    assert result.returncode == 0, str(result)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    (stack,) = [line["request"]["resources"] for line in lines if line["kind"] == "stack"]
    return [line["request"] for line in lines if line["kind"] == "analyze"], stack


def harness(program: str, deployed: bool) -> tuple[list[dict], list[dict]]:
    expected = load(program)
    env = Environment(expected.get("region", "us-east-1"), stack_outputs=expected.get("stack_references", {}))
    run = capture(
        CORPUS / program / "__main__.py", preview=not deployed, env=env, project=program, refreshed=False
    )
    analyze = [json_format.MessageToDict(m) for m in analyzer_resources(run, outputs=False)]
    stack = [json_format.MessageToDict(m) for m in analyzer_resources(run, outputs=True)]
    return analyze, stack


@pytest.mark.parametrize("deployed", [False, True], ids=["first-preview", "re-preview"])
@pytest.mark.parametrize("program", PROGRAMS)
def test_the_harness_sends_what_the_engine_sends(
    session: PulumiSession, program: str, deployed: bool
) -> None:
    cli_analyze, cli_stack = recorded(session, program, deployed)
    our_analyze, our_stack = harness(program, deployed)
    wrong: list[str] = []
    our_stack_by = {key(r["urn"]): r for r in our_stack}
    for kind, cli, ours in (("Analyze", cli_analyze, our_analyze), ("AnalyzeStack", cli_stack, our_stack)):
        cli_by, our_by = {key(r["urn"]): r for r in cli}, {key(r["urn"]): r for r in ours}
        assert sorted(cli_by) == sorted(our_by), f"{kind}: the same resources"
        for name, theirs in cli_by.items():
            mine = our_by[name]
            if kind == "AnalyzeStack" and structure(theirs) != structure(mine):
                wrong.append(f"{kind} {name}: engine {structure(theirs)}\n    harness {structure(mine)}")
            if kind == "Analyze" and structure(theirs)["provider"] != structure(mine)["provider"]:
                wrong.append(
                    f"{kind} {name}: provider {structure(theirs)['provider']} / {structure(mine)['provider']}"
                )
            their_props, my_props = theirs.get("properties", {}), mine.get("properties", {})
            computed = (
                set(our_stack_by[name].get("propertyDependencies", {})) if name in our_stack_by else set()
            )
            for prop, value in their_props.items():
                if value == UNKNOWN and my_props.get(prop) != UNKNOWN:
                    wrong.append(f"{kind} {name}.{prop}: unknown to the engine, {my_props.get(prop)!r} here")
                elif (
                    kind == "Analyze"
                    and prop not in ADDED_BY_CHECK | set(AUTONAMED) | computed
                    and value != my_props.get(prop)
                ):
                    wrong.append(f"{kind} {name}.{prop}: engine {value!r}, harness {my_props.get(prop)!r}")
    assert not wrong, "\n".join(wrong)
