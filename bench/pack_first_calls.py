"""Where the pack's start work goes: this tree's policy pack against another commit's, call by call.

``python bench/pack_first_calls.py REV [--rounds 9] [--case NAME]`` starts each pack as the CLI does
(``tests/support/analyzer.PackProcess``: spawn, ``GetAnalyzerInfo``, ``Configure``; no bytecode, so the
pack's modules are compiled when imported), then runs one preview of the golden case ``tests/golden/NAME``
(``Analyze`` for each resource, then ``AnalyzeStack``), and reads the pack process's CPU time after each
step (all its threads, /proc). The other pack is ``policypack/`` as it was at git revision REV (extracted
under ``.cache/bench/first-calls``). Alternating, the order flipping every round; prints the medians in ms
and one JSON line. Not part of ``make bench``.

Issue 15 (item 4) used it to check that importing each rule on its policy's first call moves the cost of
the rules' modules from the start to the first calls, and adds nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.run import process_cpu
from tests.support.analyzer import PACK_DIR, REPO, PackProcess
from tests.support.stacks import build_analyzed, build_resources

STEPS = ("start", "analyze", "analyze_stack", "total")


def extract_pack(revision: str) -> Path:
    """``policypack/`` at ``revision``, as a pack directory."""
    target = REPO / ".cache" / "bench" / "first-calls" / revision
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", revision, "policypack"], cwd=REPO, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target / "policypack"


def once(pack_dir: Path, case: dict[str, Any]) -> dict[str, float]:
    """CPU seconds of one pack process: to its Configure answer, then its Analyze calls, then AnalyzeStack."""
    resources = build_resources(case["resources"], "first-calls")
    analyzed = build_analyzed(case["resources"], "first-calls")
    with PackProcess(pack_dir=pack_dir) as pack:
        assert pack.process is not None
        pid = pack.process.pid
        started = process_cpu(pid)
        for resource in analyzed:
            pack.analyze(resource)
        analyzed_cpu = process_cpu(pid)
        pack.analyze_stack(resources)
        total = process_cpu(pid)
    if started is None or analyzed_cpu is None or total is None:
        raise SystemExit("no /proc: this measurement needs Linux")
    return {
        "start": started,
        "analyze": analyzed_cpu - started,
        "analyze_stack": total - analyzed_cpu,
        "total": total,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="the git revision whose policypack/ is compared")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--case", default="default-role-literal-arn-blocks.json")
    args = parser.parse_args()
    case = json.loads((REPO / "tests" / "golden" / args.case).read_text())
    packs = {"this tree": PACK_DIR, args.revision: extract_pack(args.revision)}
    samples: dict[str, dict[str, list[float]]] = {name: {step: [] for step in STEPS} for name in packs}
    for round_ in range(args.rounds):
        for name in list(packs) if round_ % 2 == 0 else list(reversed(packs)):
            for step, seconds in once(packs[name], case).items():
                samples[name][step].append(seconds)
    medians = {
        name: {step: round(statistics.median(values) * 1000, 1) for step, values in steps.items()}
        for name, steps in samples.items()
    }
    print(f"| pack | {' | '.join(f'{step} (ms CPU)' for step in STEPS)} |")
    print(f"| --- |{' --- |' * len(STEPS)}")
    for name, steps in medians.items():
        print(f"| {name} | {' | '.join(str(steps[step]) for step in STEPS)} |")
    print(json.dumps({"case": args.case, "rounds": args.rounds, "median_ms_cpu": medians}))


if __name__ == "__main__":
    main()
