"""Corpus programs as Pulumi projects for the real CLI, and the violations the CLI printed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tools.pulumi_session import Result

from .corpus_verdicts import CORPUS

HEADER = re.compile(
    r"\[mandatory\].*?  (aws-backup-selection-[a-z0-9-]+)  \(\S+: ([^)]+)\)\n(.*?)(?=\n\s+- \[|\n\s*\n|\Z)",
    re.S,
)


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


__all__ = ["project_dir", "reported"]
