"""``pulumi preview`` through the real CLI (``scripts/pulumi``), timed as a user waits for it.

A :class:`CliBench` owns a scratch directory under ``.cache/bench/cli``: its own ``PULUMI_HOME`` and file
backend, and copies of ``bench/cli_program`` with a ``venv`` that sees the pinned ``.venv`` (what ``pip
install`` would give a user's program). Each preview runs ``scripts/pulumi preview`` as a user types it, so
what is timed is everything the user waits for: ``scripts/pulumi``'s setup, the CLI, the language host and
the program, the ``aws`` plugin (the stand-in here), and the policy pack when one is given.

Time is the wall clock around the command and the CPU time of every process it started (the command's
children's ``getrusage``; the CLI waits for its plugins and the language host for the program, so their
time is in it).
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))

from tools.pulumi_session import overlay_venv  # noqa: E402

SCRIPT = REPO / "scripts" / "pulumi"
PROGRAM = BENCH / "cli_program"
OUR_PACK = REPO / "policypack"
NOOP_PACK = BENCH / "cli_noop_pack"
SCRATCH = REPO / ".cache" / "bench" / "cli"


class CliBenchError(RuntimeError):
    """A preview did not do what it should; its time would mean nothing."""


@dataclass(frozen=True)
class Preview:
    wall: float
    cpu: float
    output: str


@dataclass(frozen=True)
class Project:
    directory: Path
    resources: int
    """How many resources its preview must report to create."""


class CliBench:
    def __init__(self, scratch: Path = SCRATCH) -> None:
        if scratch.exists():
            shutil.rmtree(scratch)
        (scratch / "home").mkdir(parents=True)
        (scratch / "state").mkdir()
        self.scratch = scratch
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("PULUMI_")},
            "PULUMI_HOME": str(scratch / "home"),
            "PULUMI_BACKEND_URL": f"file://{scratch / 'state'}",
        }
        if not (NOOP_PACK / "venv" / "bin" / "python").exists():
            overlay_venv(NOOP_PACK / "venv")

    def project(self, name: str, shape: str, selections: int, resources: int) -> Project:
        """A copy of bench/cli_program with its own stack, configured; ``resources`` is checked later."""
        directory = self.scratch / name
        ignore = shutil.ignore_patterns("venv", "__pycache__", "Pulumi.*.yaml")
        shutil.copytree(PROGRAM, directory, ignore=ignore)
        overlay_venv(directory / "venv")
        self.run(directory, "stack", "init", "bench")
        self.run(directory, "config", "set", "bench:shape", shape)
        self.run(directory, "config", "set", "bench:selections", str(selections))
        return Project(directory, resources)

    def run(self, directory: Path, *args: str, env: dict[str, str] | None = None) -> Preview:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        completed = subprocess.run(
            [str(SCRIPT), *args, "--non-interactive", "--color", "never"],
            cwd=directory,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        output = completed.stdout + completed.stderr
        if completed.returncode != 0:
            command = " ".join(args)
            raise CliBenchError(f"scripts/pulumi {command} exited {completed.returncode}:\n{output[-3000:]}")
        return Preview(wall, cpu, output)

    def preview(self, project: Project, pack: Path | None, env: dict[str, str] | None = None) -> Preview:
        """One ``preview`` (``--policy-pack pack`` when given), checked: every resource, the pack passed."""
        args = ["preview"] + (["--policy-pack", str(pack)] if pack is not None else [])
        found = self.run(project.directory, *args, env=env)
        if f"+ {project.resources} to create" not in found.output:
            created = re.findall(r"\+ \d+ to create", found.output)
            raise CliBenchError(f"expected {project.resources} resources to create, got {created}")
        if "can't run policy" in found.output:
            raise CliBenchError(f"the pack could not run:\n{found.output[-3000:]}")
        if pack is not None and not re.search(r"^    ✅ \S+@v[\d.]+ \(local: ", found.output, re.M):
            raise CliBenchError(f"{pack.name} did not pass the program:\n{found.output[-3000:]}")
        if pack is None and "Policies:" in found.output:
            raise CliBenchError("a policy pack ran in the preview without one")
        return found
