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

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.corpus_verdicts import CORPUS, load, mismatches
from tools.pulumi_session import CliUnavailableError, PulumiSession, Result

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
HEADER = re.compile(
    r"\[mandatory\].*?  (aws-backup-selection-[a-z0-9-]+)  \(\S+: ([^)]+)\)\n(.*?)(?=\n\s+- \[|\n\s*\n|\Z)",
    re.S,
)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulumiSession]:
    try:
        yield PulumiSession(tmp_path_factory.mktemp("pulumi-corpus"))
    except CliUnavailableError as reason:
        pytest.skip(f"no Pulumi CLI and no Go toolchain to build one: {reason}")


def reported(result: Result) -> dict[str, list[tuple[str, str]]]:
    """selection name -> [(policy, message)] of every violation the CLI printed."""
    found: dict[str, list[tuple[str, str]]] = {}
    for policy, name, message in HEADER.findall(result.output):
        found.setdefault(name, []).append((policy, " ".join(message.split())))
    return found


def project_dir(program: str, scratch: Path, source: str | None = None, directory: str | None = None) -> Path:
    """The corpus program (or ``source``) as a Pulumi project named after the program: its __main__.py, a
    Pulumi.yaml and the pinned requirements."""
    target = scratch / "sources" / (directory or program)
    target.mkdir(parents=True)
    if source is None:
        shutil.copy(CORPUS / program / "__main__.py", target / "__main__.py")
    else:
        (target / "__main__.py").write_text(source)
    (target / "requirements.txt").write_text("pulumi==3.272.0\npulumi-aws==7.51.1\n")
    (target / "Pulumi.yaml").write_text(
        f"name: {program}\nruntime:\n  name: python\n  options:\n    toolchain: pip\n    virtualenv: venv\n"
    )
    return target


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
