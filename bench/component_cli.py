"""The component through the real CLI: this tree's ``backup_roles`` against the one of another commit.

``python bench/component_cli.py REV [--roles 200] [--rounds 5]`` previews a program of ``--roles``
``BackupServiceRole(name)`` (``bench/cli_program``, shape ``roles``) through ``scripts/pulumi``, with no
policy pack, alternately with the component of this working tree and with ``component/backup_roles`` as it
was at git revision REV (extracted under ``.cache/bench/cli`` and put first on the program's ``PYTHONPATH``;
the preview's output names the module it used, and that is checked). One untimed preview of each first,
then ``--rounds`` rounds, the order flipping every round. Prints a table and one JSON line.

This is how issue 15 decided whether ``outputs.py`` (hand-built ``Output`` objects instead of
``Output.all``) and the per-monitor partition cache were worth keeping (bench/README.md).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.cli import REPO, CliBench, Preview


def extract_component(bench: CliBench, revision: str) -> Path:
    """``component/backup_roles`` at ``revision``, as an importable directory."""
    target = bench.scratch / f"component-{revision}"
    target.mkdir()
    archive = subprocess.run(
        ["git", "archive", revision, "component/backup_roles"], cwd=REPO, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target / "component"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="the git revision whose component/backup_roles is compared")
    parser.add_argument("--roles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    bench = CliBench()
    other = extract_component(bench, args.revision)
    project = bench.project("roles", "roles", args.roles, resources=6 * args.roles + 1)
    variants = {
        "this tree": ({}, str(REPO / "component" / "backup_roles")),
        args.revision: ({"PYTHONPATH": str(other)}, str(other / "backup_roles")),
    }
    samples: dict[str, list[Preview]] = {name: [] for name in variants}

    def once(name: str) -> Preview:
        env, module = variants[name]
        found = bench.preview(project, None, env=env)
        if module not in found.output:
            raise SystemExit(f"the {name} preview did not use {module}:\n{found.output[-2000:]}")
        return found

    for name in variants:
        once(name)
    for round_ in range(args.rounds):
        order = list(variants) if round_ % 2 == 0 else list(reversed(variants))
        for name in order:
            samples[name].append(once(name))
            print(f"  round {round_ + 1} {name}: {samples[name][-1].wall:.2f} s wall", flush=True)
    figures = {}
    print("| component | wall median (s) | wall min-max | CPU median (s) | CPU min-max | runs |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, found in samples.items():
        wall, cpu = [p.wall for p in found], [p.cpu for p in found]
        print(
            f"| {name} | {statistics.median(wall):.2f} | {min(wall):.2f}-{max(wall):.2f} "
            f"| {statistics.median(cpu):.2f} | {min(cpu):.2f}-{max(cpu):.2f} | {len(found)} |"
        )
        figures[name] = {"wall": wall, "cpu": cpu}
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
