"""A few corpus programs end to end: the real Pulumi CLI previews them with the pack, deploys them, and
previews the deployed stack again.

The programs are the corpus's own ``__main__.py`` files, in a project directory made here (a Pulumi.yaml
and the pinned virtualenv, as tools/pulumi_session.py does for the examples), with the region of their
``expected.json`` as ``aws:region``. The verdicts are held against the same expectations as the in-process
corpus run (tests/support/corpus_verdicts.py): the first preview of the new stack, then ``pulumi up``
without the pack (a team without guardrails deploys it), then the re-preview of the deployed state.

A program that reads another stack (``pulumi.StackReference``) gets that stack deployed first, in the same
project, from a program that exports the outputs its ``expected.json`` lists.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.corpus_cli import project_dir, reported
from tests.support.corpus_verdicts import load, mismatches
from tools.pulumi_session import CliUnavailableError, PulumiSession

pytestmark = pytest.mark.e2e

PROGRAMS = [
    "tf-registry-selection-by-resource",
    "tf-registry-selection-by-tag",
    "cloudposse-backup-complete",
    "nhs-notify-backup-source",
    "redhat-cop-backup-select-s3",
    "cds-snc-url-shortener-backup",
    "sushemsu-db-backup-rds",
    "lgallard-simple-plan",
    "nationalarchives-web-media-efs",
    "chojayr-aws-backup-cf",
    "aws-cdk-readme-add-selection",
]


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulumiSession]:
    try:
        yield PulumiSession(tmp_path_factory.mktemp("pulumi-corpus"))
    except CliUnavailableError as reason:
        pytest.skip(f"no Pulumi CLI and no Go toolchain to build one: {reason}")


@pytest.mark.parametrize("program", PROGRAMS)
def test_corpus_program_through_the_cli(session: PulumiSession, program: str) -> None:
    expected = load(program)
    for stack, outputs in expected.get("stack_references", {}).items():
        exports = "".join(f"pulumi.export({key!r}, {value!r})\n" for key, value in outputs.items())
        source = project_dir(program, session.scratch, "import pulumi\n\n" + exports, f"{program}-{stack}")
        other = session.project(source, stack=stack, name=f"corpus-{program}-{stack}")
        assert other.up(policy=False).returncode == 0
    project = session.project(project_dir(program, session.scratch), name=f"corpus-{program}")
    project.run("config", "set", "aws:region", expected.get("region", "us-east-1"), check=True)

    first = project.preview()
    assert "can't run policy" not in first.output, str(first)
    wrong = mismatches(expected, "first_preview", reported(first))
    assert not wrong, "\n".join(wrong) + f"\n\n{first}"
    blocked = any(v["first_preview"]["verdict"] == "blocked" for v in expected["selections"].values())
    assert first.returncode == (1 if blocked else 0), str(first)

    deployed = project.up(policy=False)
    assert deployed.returncode == 0, str(deployed)

    again = project.preview()
    assert "can't run policy" not in again.output, str(again)
    wrong = mismatches(expected, "re_preview", reported(again))
    assert not wrong, "\n".join(wrong) + f"\n\n{again}"
