"""``make bench``: what the policy pack and the component cost, against the floor they cannot go below.

1. Stack evaluation. Synthetic stacks (``bench/synthetic.py``) of 1,000, 10,000 and 50,000 resources go,
   as one serialized ``AnalyzeStackRequest`` each, over gRPC to two pack processes started as the CLI
   starts them: ours (``bench/timed_pack``: policypack/ served by its own ``serve()``, with a stopwatch
   around the stack policy) and ``bench/noop_pack``, whose one stack policy does nothing (the floor: what
   pulumi-policy spends receiving and wrapping the stack). Same bytes, ours and the floor alternating,
   every size in the same rounds. Our own evaluation is ours minus the floor, paired per round; the
   stopwatch measures the same thing inside each call, as a cross-check that machine noise cannot fake.
   Each pack's first answer per stack is checked (ours blocks exactly the bad selections, the floor
   nothing) and not timed.
2. Cold start. From process spawn to the first ``GetAnalyzerInfo`` answer: policypack/ against
   ``bench/empty_pack`` (one trivial policy), alternating, after one untimed start of each; with the
   pack's modules compiled at start (no bytecode: CI, or PYTHONDONTWRITEBYTECODE=1) and with all bytecode
   cached.
3. The component. ``bench/component_program.py`` in a fresh process per run: 200 ``BackupServiceRole``s
   under preview mocks against the same resources inside a minimal ``ComponentResource`` (the floor of
   any component) and written by hand, rotating.
4. The real CLI's preview. ``bench/cli_program`` (about 1,000 resources, 100 selections) previewed through
   ``scripts/pulumi`` with the aws stand-in (``bench/cli.py``): with our pack, with a no-op Python pack of
   the same shape (``bench/cli_noop_pack``, the floor of any Python pack) and with no pack, in rounds
   whose order rotates.

Every figure is the median of several runs, with the min-max spread. Time is measured twice: wall clock,
and the CPU time of the process doing the work (all its threads, from /proc). The ratios are read on CPU
time where /proc exists: this machine's other tenants make wall-clock samples of the same work differ by
tens of percent. The line before the last is ``all figures: {...}`` (every median and ratio); the last
line printed is one JSON object with exactly the five target figures. ``--tiny`` runs everything once on
tiny inputs (the smoke test); ``--only`` runs some sections.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "policypack"))

import backup_guardrails  # noqa: E402
import grpc  # noqa: E402
from backup_guardrails.shared_stack import sdk_verified  # noqa: E402
from google.protobuf import empty_pb2  # noqa: E402
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc  # noqa: E402
from pulumi_policy import StackValidationPolicy  # noqa: E402

from bench.cli import NOOP_PACK as CLI_NOOP_PACK  # noqa: E402
from bench.cli import OUR_PACK, CliBench  # noqa: E402
from bench.synthetic import PROJECT, STACK, synthetic_stack  # noqa: E402
from tests.support.analyzer import PACK_DIR, PackProcess  # noqa: E402
from tests.support.stacks import build_resources, urns_of  # noqa: E402
from tools.pulumi_session import CliUnavailableError, ensure_cli  # noqa: E402

NOOP_PACK = BENCH / "noop_pack"
TIMED_PACK = BENCH / "timed_pack"
EMPTY_PACK = BENCH / "empty_pack"
MAIN_POLICY = "aws-backup-selection-missing-s3-role-policies"

TARGETS = {
    "stack_eval_ratio_10k": 1.3,
    "own_eval_scaling_50k_over_10k": 5.5,
    "cold_start_ratio": 1.2,
    "component_over_minimal": 1.10,
    "cli_preview_pack_over_noop_1k": 1.05,
}


@dataclass(frozen=True)
class Mode:
    sizes: tuple[int, int, int]
    """Small, mid and large stacks: the ratio target is read at mid, the scaling target at large / mid."""
    stack_runs: tuple[int, int, int]
    cold_runs: int
    component_runs: int
    component_count: int
    component_warmup: int
    cli_selections: int
    """Selections of the CLI program; it has about ten resources per selection."""
    cli_rounds: int


# Run counts fit `make bench` into 15 minutes on 2 cores: one 50k call of ours is ~5 s (one stack build per
# call, shared by the pack's six stack policies), the stack section ~2 minutes; the CLI previews are ~30 s
# each, 3 per round: five rounds, because a ratio this close to 1 moves ~5 % between three-round runs.
FULL = Mode((1_000, 10_000, 50_000), (9, 15, 7), 11, 9, 200, 20, 100, 5)
TINY = Mode((30, 60, 300), (1, 1, 1), 1, 1, 5, 1, 10, 1)


class BenchError(RuntimeError):
    """The thing measured did not do what it should; the figures would be meaningless."""


# --- measurement helpers -----------------------------------------------------------------------------


@dataclass
class Samples:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def spread(values: Sequence[float]) -> str:
    return f"{min(values):.3f}-{max(values):.3f}" if values else "-"


def process_cpu(pid: int) -> float | None:
    """CPU seconds used so far by every thread of ``pid`` (Linux), or None."""
    total = 0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as stat:
                total += int(stat.read().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return total / 1e9


def label(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)


def log(message: str = "") -> None:
    print(message, flush=True)


# --- 1. stack evaluation -----------------------------------------------------------------------------


class RunningPack:
    """A pack process with a raw AnalyzeStack call: the request is serialized once, outside the timing."""

    def __init__(self, name: str, process: PackProcess) -> None:
        self.name = name
        self.process = process
        assert process.channel is not None and process.process is not None
        self.pid = process.process.pid
        self._call = process.channel.unary_unary(
            "/pulumirpc.Analyzer/AnalyzeStack",
            request_serializer=None,
            response_deserializer=analyzer_pb2.AnalyzeResponse.FromString,
        )

    def analyze_stack(self, payload: bytes) -> tuple[float, float | None, analyzer_pb2.AnalyzeResponse]:
        cpu_before = process_cpu(self.pid)
        start = time.perf_counter()
        response = self._call(payload, timeout=900)
        wall = time.perf_counter() - start
        cpu_after = process_cpu(self.pid)
        cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
        return wall, cpu, response


def _check_ours(response: analyzer_pb2.AnalyzeResponse, expected: set[str], error_output: str) -> None:
    blocked = set()
    for diagnostic in response.diagnostics:
        if "can't run policy" in diagnostic.message or "could not evaluate" in diagnostic.message:
            raise BenchError(f"the pack failed on the synthetic stack: {diagnostic.message}\n{error_output}")
        if diagnostic.policyName == MAIN_POLICY:
            blocked.add(diagnostic.urn)
        elif diagnostic.enforcementLevel == analyzer_pb2.MANDATORY:  # the S3 readiness rules (issue 11)
            raise BenchError(
                f"false block on the synthetic stack: {diagnostic.policyName}: {diagnostic.message}"
            )
    if blocked != expected:
        raise BenchError(
            f"the pack blocked {len(blocked)} selections, expected {len(expected)}: "
            f"unexpected {sorted(blocked - expected)[:3]}, missed {sorted(expected - blocked)[:3]}"
        )


@dataclass
class StackResult:
    size: int
    selections: int
    bad: int
    payload: bytes = field(repr=False)
    expected: set[str] = field(repr=False)
    runs: int
    ours: Samples = field(default_factory=Samples)
    floor: Samples = field(default_factory=Samples)
    own: Samples = field(default_factory=Samples)
    """Ours minus the floor, paired per round (two processes, so machine noise lands on the difference)."""
    stopwatch: Samples = field(default_factory=Samples)
    """Our rule's own time inside the same AnalyzeStack calls (bench/timed_pack): ours minus the floor
    measured within one call."""
    sdk: Samples = field(default_factory=Samples)
    """Ours minus the stopwatch: the SDK's part of our call, which must match the no-op floor."""
    collector: Samples = field(default_factory=Samples)
    """The part of ``stopwatch`` that CPython's garbage collector took (young and full passes)."""
    own_eval: Samples = field(default_factory=Samples)
    """``stopwatch`` minus the full collector passes inside it, which are the floor's (bench/collector.py),
    plus our share of full passes if our pack makes more per call than the floor: our own evaluation."""
    full_inside: list[int] = field(default_factory=list)
    """Full collector passes inside our rule, per call."""
    full_ours: list[int] = field(default_factory=list)
    """Full collector passes per AnalyzeStack call, our pack's process ..."""
    full_floor: list[int] = field(default_factory=list)
    """... and the no-op pack's."""
    full_pass_seconds: list[float] = field(default_factory=list)
    """How long one full pass inside our rule took, per call that had any."""


def prepare_stack(size: int, runs: int) -> StackResult:
    stack = synthetic_stack(size)
    messages = build_resources(stack.entries, STACK, PROJECT)
    urns = urns_of(stack.entries, STACK, PROJECT)
    payload = analyzer_pb2.AnalyzeStackRequest(resources=messages).SerializeToString()
    return StackResult(size, stack.selections, len(stack.bad), payload, {urns[k] for k in stack.bad}, runs)


class Stopwatch:
    """Reads the line a bench pack appends after each AnalyzeStack call (one per call)."""

    def __init__(self, path: Path, passes_field: int) -> None:
        self.path = path
        self.passes_field = passes_field
        """Which field of the line is the process's count of full collector passes so far."""
        self.offset = 0
        self.full_passes = 0
        path.touch()

    def read(self) -> tuple[list[str], int]:
        """The fields of the last call's line, and the full collector passes since the line before."""
        with open(self.path) as timings:
            timings.seek(self.offset)
            lines = timings.read().splitlines()
            self.offset = timings.tell()
        if len(lines) != 1:
            raise BenchError(f"expected one line per call in {self.path.name}, got {lines}")
        fields = lines[0].split()
        total = int(fields[self.passes_field])
        passes, self.full_passes = total - self.full_passes, total
        return fields, passes


def _in_round(round_: int, runs: int, rounds: int) -> bool:
    """Whether a stack measured ``runs`` times over ``rounds`` rounds is measured in ``round_`` (evenly)."""
    return round_ * runs // rounds != (round_ + 1) * runs // rounds


def stack_section(mode: Mode) -> list[StackResult]:
    """Every size in every round (the large one in every few), ours and the floor alternating.

    Interleaving the sizes spreads any drift of the machine's speed over all of them alike, so the
    scaling figure compares like with like.
    """
    started = time.perf_counter()
    results = [prepare_stack(size, runs) for size, runs in zip(mode.sizes, mode.stack_runs, strict=True)]
    log(f"  stacks generated and serialized in {time.perf_counter() - started:.0f} s")
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["BENCH_TIMINGS"] = str(Path(scratch) / "timings")
        os.environ["BENCH_FLOOR_TIMINGS"] = str(Path(scratch) / "floor-timings")
        stopwatch = Stopwatch(Path(os.environ["BENCH_TIMINGS"]), passes_field=5)
        floor_watch = Stopwatch(Path(os.environ["BENCH_FLOOR_TIMINGS"]), passes_field=0)
        with PackProcess(TIMED_PACK) as ours_process, PackProcess(NOOP_PACK) as floor_process:
            ours, floor = RunningPack("ours", ours_process), RunningPack("floor", floor_process)
            # Untimed first call of each, per stack: checks the answers, warms both processes alike.
            for result in results:
                _, _, response = ours.analyze_stack(result.payload)
                stopwatch.read()
                _check_ours(response, result.expected, ours.process.error_output)
                _, _, response = floor.analyze_stack(result.payload)
                floor_watch.read()
                if response.diagnostics:
                    raise BenchError(f"the no-op pack reported {response.diagnostics[0].message}")
            rounds = max(mode.stack_runs)
            for round_ in range(rounds):
                for result in results:
                    if _in_round(round_, result.runs, rounds):
                        _measure_round(result, ours, floor, stopwatch, floor_watch)
    for result in results:
        _charge_extra_full_passes(result)
    for result in results:
        log(
            f"  {label(result.size):>5} resources ({result.selections} selections, {result.bad} bad, "
            f"{len(result.payload) / 1e6:.1f} MB, {result.runs} runs): ours "
            f"{median(result.ours.wall):.3f} s, floor {median(result.floor.wall):.3f} s"
        )
    log(f"  stack evaluation took {time.perf_counter() - started:.0f} s")
    return results


def _measure_round(
    result: StackResult, ours: RunningPack, floor: RunningPack, stopwatch: Stopwatch, floor_watch: Stopwatch
) -> None:
    order = (ours, floor) if len(result.ours.wall) % 2 == 0 else (floor, ours)
    timings = {}
    for pack in order:
        wall, cpu, _ = pack.analyze_stack(result.payload)
        timings[pack.name] = (wall, cpu)
        if pack is floor:
            result.full_floor.append(floor_watch.read()[1])
            continue
        fields, passes = stopwatch.read()
        own_cpu, own_wall, young, full_seconds = map(float, fields[:4])
        full_inside = int(fields[4])
        result.stopwatch.cpu.append(own_cpu)
        result.stopwatch.wall.append(own_wall)
        result.collector.cpu.append(young + full_seconds)
        result.collector.wall.append(young + full_seconds)
        result.own_eval.cpu.append(own_cpu - full_seconds)
        result.own_eval.wall.append(own_wall - full_seconds)
        result.full_inside.append(full_inside)
        result.full_ours.append(passes)
        if full_inside:
            result.full_pass_seconds.append(full_seconds / full_inside)
        if cpu is not None:
            result.sdk.cpu.append(cpu - own_cpu)
        result.sdk.wall.append(wall - own_wall)
    (ours_wall, ours_cpu), (floor_wall, floor_cpu) = timings["ours"], timings["floor"]
    result.ours.wall.append(ours_wall)
    result.floor.wall.append(floor_wall)
    result.own.wall.append(ours_wall - floor_wall)
    if ours_cpu is not None and floor_cpu is not None:
        result.ours.cpu.append(ours_cpu)
        result.floor.cpu.append(floor_cpu)
        result.own.cpu.append(ours_cpu - floor_cpu)


STACK_POLICIES = sum(isinstance(policy, StackValidationPolicy) for policy in backup_guardrails.POLICIES)
"""Our pack's stack policies, all enabled by the schema defaults."""
BUILDS_PER_CALL = 1 if sdk_verified() else STACK_POLICIES
"""How often our process builds the whole stack (``MessageToDict``, ``deserialize_properties``, the proxies)
per AnalyzeStack call: once, shared by every stack policy (policypack/backup_guardrails/shared_stack.py),
unless pulumi-policy is not the version that was verified for it; then once per stack policy, as the SDK
does. The floor's one policy: once."""


def _charge_extra_full_passes(result: StackResult) -> None:
    """Add to our own evaluation the full passes our pack makes per call beyond the floor's, if any.

    A full pass is floor work when both packs make as many per call; only an excess is caused by our rules.
    When our process builds the stack more than once per call (an unverified SDK), it does that floor
    work several times, so it also makes more full passes outside our rules, and the excess can no longer
    be told from the SDK's: nothing is charged then (the passes inside our rules are still taken out).
    """
    extra = _mean(result.full_ours) - _mean(result.full_floor)
    if BUILDS_PER_CALL > 1 or extra <= 0 or not result.full_pass_seconds:
        return
    charge = extra * median(result.full_pass_seconds)
    result.own_eval.cpu[:] = [value + charge for value in result.own_eval.cpu]
    result.own_eval.wall[:] = [value + charge for value in result.own_eval.wall]


def _mean(values: Sequence[int]) -> float:
    return sum(values) / len(values) if values else 0.0


# --- 2. cold start -----------------------------------------------------------------------------------


def cold_start_once(pack_dir: Path, env: dict[str, str]) -> tuple[float, float | None]:
    """Seconds from spawn to the first GetAnalyzerInfo answer, and the CPU the process used until then."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-u", "-m", "pulumi.policy", "127.0.0.1:1", str(pack_dir)],
            cwd=pack_dir,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=env,
        )
        try:
            assert process.stdout is not None
            port = process.stdout.readline().decode().strip()
            if not port.isdigit():
                process.kill()
                process.wait()
                stderr.seek(0)
                raise BenchError(
                    f"{pack_dir.name} printed {port!r}: {stderr.read().decode(errors='replace')}"
                )
            with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
                info = analyzer_pb2_grpc.AnalyzerStub(channel).GetAnalyzerInfo(empty_pb2.Empty(), timeout=60)
            wall = time.perf_counter() - start
            cpu = process_cpu(process.pid)
        finally:
            process.kill()
            process.wait()
    if not info.policies:
        raise BenchError(f"{pack_dir.name} answered GetAnalyzerInfo without policies")
    return wall, cpu


def cold_start_envs() -> dict[str, dict[str, str]]:
    """The two ways a pack starts.

    ``first``: the pack's own modules have no bytecode yet (a fresh checkout in CI, or any machine with
    PYTHONDONTWRITEBYTECODE=1, like this one), so they are compiled at every start; site-packages use the
    bytecode pip wrote at install time. ``cached``: every module's bytecode is cached (the second and later
    previews on a workstation), in a bench-only cache (.cache/bench-pycache) so nothing is written into the
    source tree.
    """
    first = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cached["PYTHONPYCACHEPREFIX"] = str(REPO / ".cache" / "bench-pycache")
    return {"first": first, "cached": cached}


def cold_start_section(mode: Mode) -> dict[str, dict[str, Samples]]:
    """Per start scenario: our pack and the empty pack, alternating, after one untimed start of each."""
    packs = {"ours": PACK_DIR, "empty": EMPTY_PACK}
    results: dict[str, dict[str, Samples]] = {}
    if any(PACK_DIR.glob("**/__pycache__")):
        log("  note: policypack/ holds __pycache__: its modules are not compiled at start in `first` either")
    for scenario, env in cold_start_envs().items():
        samples = results[scenario] = {name: Samples() for name in packs}
        for pack_dir in packs.values():  # file cache; the bytecode cache of the `cached` scenario
            cold_start_once(pack_dir, env)
        for round_ in range(mode.cold_runs):
            order = list(packs) if round_ % 2 == 0 else list(reversed(packs))
            for name in order:
                wall, cpu = cold_start_once(packs[name], env)
                samples[name].wall.append(wall)
                if cpu is not None:
                    samples[name].cpu.append(cpu)
    return results


# --- 3. the component --------------------------------------------------------------------------------

COMPONENT_VARIANTS = ("component", "minimal-component", "hand")


def component_once(variant: str, count: int, warmup: int) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, str(BENCH / "component_program.py"), variant, str(count), "--warmup", str(warmup)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise BenchError(f"component_program.py {variant} failed:\n{completed.stderr[-3000:]}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    roles = result["registrations"].get("aws:iam/role:Role", 0)
    attachments = result["registrations"].get("aws:iam/rolePolicyAttachment:RolePolicyAttachment", 0)
    if roles != count or attachments != 4 * count:
        raise BenchError(f"{variant} registered {result['registrations']}, expected {count} roles")
    return result


def component_section(mode: Mode) -> dict[str, Samples]:
    samples = {variant: Samples() for variant in COMPONENT_VARIANTS}
    for round_ in range(mode.component_runs):
        shift = round_ % len(COMPONENT_VARIANTS)
        for variant in COMPONENT_VARIANTS[shift:] + COMPONENT_VARIANTS[:shift]:
            result = component_once(variant, mode.component_count, mode.component_warmup)
            samples[variant].wall.append(result["seconds"])
            samples[variant].cpu.append(result["cpu_seconds"])
    return samples


# --- report ------------------------------------------------------------------------------------------


def _ratio(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator``; None when it means nothing (a floor at or below zero, tiny stacks)."""
    return round(numerator / denominator, 3) if denominator > 0 else None


@dataclass
class Report:
    """The table rows and the JSON figures. Ratios are read on CPU time when every sample has it."""

    cpu_basis: bool = True
    rows: list[str] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    """Every sample, written to .cache/bench/last-run.json."""

    def add(self, key: str, title: str, samples: Samples) -> None:
        self.cpu_basis &= len(samples.cpu) == len(samples.wall)
        cpu = (f"{median(samples.cpu):.3f}", spread(samples.cpu)) if samples.cpu else ("-", "-")
        self.rows.append(
            f"| {title} | {cpu[0]} | {cpu[1]} | {median(samples.wall):.3f} | {spread(samples.wall)} "
            f"| {len(samples.wall)} |"
        )
        if samples.cpu:
            self.figures[f"{key}_cpu_s"] = round(median(samples.cpu), 4)
        self.figures[f"{key}_wall_s"] = round(median(samples.wall), 4)

    def ratio(self, name: str, numerator: Samples, denominator: Samples) -> None:
        wall = _ratio(median(numerator.wall), median(denominator.wall))
        cpu = _ratio(median(numerator.cpu), median(denominator.cpu)) if numerator.cpu else None
        self.figures[name] = cpu if self.cpu_basis else wall
        self.figures[f"{name}_cpu"] = cpu
        self.figures[f"{name}_wall"] = wall


def report_stack(report: Report, mode: Mode) -> None:
    results = {r.size: r for r in stack_section(mode)}
    for result in results.values():
        tag, key = label(result.size), f"stack_{label(result.size)}"
        passes = (
            f"full collector passes per call: {_mean(result.full_ours):.1f} ours, "
            f"{_mean(result.full_floor):.1f} floor, {_mean(result.full_inside):.2f} inside our rule"
        )
        report.add(f"{key}_ours", f"AnalyzeStack {tag}: ours", result.ours)
        report.add(f"{key}_floor", f"AnalyzeStack {tag}: no-op floor", result.floor)
        report.add(f"{key}_sdk", f"AnalyzeStack {tag}: the stack build and the SDK's part", result.sdk)
        report.add(f"{key}_stopwatch", f"AnalyzeStack {tag}: our rule, stopwatch", result.stopwatch)
        report.add(
            f"{key}_collector",
            f"AnalyzeStack {tag}: ... of which garbage collector ({passes})",
            result.collector,
        )
        report.add(
            f"{key}_own",
            f"AnalyzeStack {tag}: own evaluation (stopwatch - floor's full passes)",
            result.own_eval,
        )
        report.figures[f"{key}_full_passes_per_call_ours"] = round(_mean(result.full_ours), 2)
        report.figures[f"{key}_full_passes_per_call_floor"] = round(_mean(result.full_floor), 2)
        report.add(f"{key}_own_paired", f"AnalyzeStack {tag}: own = ours - floor, paired calls", result.own)
    report.figures["stack_policies_ours"] = STACK_POLICIES
    report.figures["stack_builds_per_call_ours"] = BUILDS_PER_CALL
    _, mid, large = mode.sizes
    report.ratio("stack_eval_ratio_10k", results[mid].ours, results[mid].floor)
    report.ratio("own_eval_scaling_50k_over_10k", results[large].own_eval, results[mid].own_eval)
    report.ratio("own_eval_scaling_50k_over_10k_stopwatch", results[large].stopwatch, results[mid].stopwatch)
    report.ratio("own_eval_scaling_50k_over_10k_paired", results[large].own, results[mid].own)
    report.ratio("sdk_part_over_floor_10k", results[mid].sdk, results[mid].floor)
    report.ratio("sdk_part_over_floor_50k", results[large].sdk, results[large].floor)
    report.raw["stack"] = {
        label(r.size): {
            "selections": r.selections,
            "bad": r.bad,
            "ours": r.ours.__dict__,
            "floor": r.floor.__dict__,
            "own_stopwatch": r.stopwatch.__dict__,
            "own_eval": r.own_eval.__dict__,
            "collector": r.collector.cpu,
            "full_passes_inside": r.full_inside,
            "full_passes_ours": r.full_ours,
            "full_passes_floor": r.full_floor,
        }
        for r in results.values()
    }


def report_cold(report: Report, mode: Mode) -> None:
    results = cold_start_section(mode)
    first, cached = results["first"], results["cached"]
    report.add("cold_start_ours", "cold start, pack modules compiled: ours", first["ours"])
    report.add("cold_start_empty", "cold start, pack modules compiled: empty pack", first["empty"])
    report.add("cold_start_cached_ours", "cold start, all bytecode cached: ours", cached["ours"])
    report.add("cold_start_cached_empty", "cold start, all bytecode cached: empty pack", cached["empty"])
    report.ratio("cold_start_ratio", first["ours"], first["empty"])
    report.ratio("cold_start_cached_ratio", cached["ours"], cached["empty"])
    report.raw["cold_start"] = {
        scenario: {name: samples.__dict__ for name, samples in packs.items()}
        for scenario, packs in results.items()
    }


def report_component(report: Report, mode: Mode) -> None:
    samples = component_section(mode)
    n = mode.component_count
    report.add("component", f"{n} x BackupServiceRole(name)", samples["component"])
    report.add(
        "minimal_component",
        f"{n} x the hand-written resources in a minimal component",
        samples["minimal-component"],
    )
    report.add("hand_written", f"{n} x hand-written Role + 4 RolePolicyAttachments", samples["hand"])
    report.raw["component"] = {variant: found.__dict__ for variant, found in samples.items()}
    report.ratio("component_over_minimal", samples["component"], samples["minimal-component"])
    report.ratio("component_over_hand", samples["component"], samples["hand"])
    report.ratio("minimal_component_over_hand", samples["minimal-component"], samples["hand"])


# --- 4. the real CLI's preview -----------------------------------------------------------------------

CLI_WAYS = ("ours", "noop", "none")


def cli_section(mode: Mode) -> dict[str, Samples]:
    """``scripts/pulumi preview`` of bench/cli_program with our pack, the no-op pack and none.

    One untimed preview with our pack first (the file cache, the packs' and the program's first imports),
    then ``cli_rounds`` rounds of the three, the order rotating every round.
    """
    started = time.perf_counter()
    packs = {"ours": OUR_PACK, "noop": CLI_NOOP_PACK, "none": None}
    bench = CliBench()
    selections = mode.cli_selections
    # bench/cli_program: 101 resources per ten selections, and the stack itself.
    project = bench.project("mixed", "mixed", selections, resources=selections // 10 * 101 + 1)
    samples = {way: Samples() for way in CLI_WAYS}
    if mode is not TINY:
        bench.preview(project, OUR_PACK)
    for round_ in range(mode.cli_rounds):
        shift = round_ % len(CLI_WAYS)
        for way in CLI_WAYS[shift:] + CLI_WAYS[:shift]:
            found = bench.preview(project, packs[way])
            samples[way].wall.append(found.wall)
            samples[way].cpu.append(found.cpu)
            log(f"  round {round_ + 1}, {way}: {found.wall:.1f} s wall, {found.cpu:.1f} s CPU")
    took = time.perf_counter() - started
    log(f"  {project.resources} resources, {selections} selections; the previews took {took:.0f} s")
    return samples


def report_cli(report: Report, mode: Mode) -> None:
    try:
        ensure_cli()
    except CliUnavailableError as reason:
        # Without a CLI there is nothing to time; the figure is reported as missing, with the reason.
        log(f"  no Pulumi CLI and no Go toolchain to build one: {reason}")
        report.figures["cli_preview_pack_over_noop_1k"] = None
        report.figures["cli_unavailable"] = str(reason)
        return
    samples = cli_section(mode)
    n = mode.cli_selections // 10 * 101 + 1
    report.add("cli_preview_ours", f"pulumi preview, {n} resources: our pack", samples["ours"])
    report.add("cli_preview_noop", f"pulumi preview, {n} resources: no-op Python pack", samples["noop"])
    report.add("cli_preview_none", f"pulumi preview, {n} resources: no pack", samples["none"])
    report.ratio("cli_preview_pack_over_noop_1k", samples["ours"], samples["noop"])
    report.ratio("cli_preview_noop_over_none_1k", samples["noop"], samples["none"])
    for basis in ("cpu", "wall"):
        ours, noop, none = (median(getattr(samples[way], basis)) for way in CLI_WAYS)
        report.figures[f"cli_preview_pack_overhead_{basis}_s"] = round(ours - none, 3)
        report.figures[f"cli_preview_noop_overhead_{basis}_s"] = round(noop - none, 3)
        rounds = zip(getattr(samples["ours"], basis), getattr(samples["noop"], basis), strict=True)
        paired = [ours_one / noop_one for ours_one, noop_one in rounds]
        report.figures[f"cli_preview_pack_over_noop_paired_{basis}"] = round(median(paired), 3)
    report.raw["cli"] = {way: found.__dict__ for way, found in samples.items()}


SECTIONS: dict[str, tuple[str, Callable[[Report, Mode], None]]] = {
    "stack": ("Stack evaluation", report_stack),
    "cold": ("Cold start (spawn to first GetAnalyzerInfo answer)", report_cold),
    "component": ("Component (BackupServiceRole under preview mocks)", report_component),
    "cli": ("The real CLI's preview (scripts/pulumi, aws stand-in)", report_cli),
}


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description="Benchmarks of the policy pack and the component.")
    parser.add_argument(
        "--tiny", action="store_true", help="one run of everything on tiny inputs (the smoke test)"
    )
    parser.add_argument("--only", choices=tuple(SECTIONS), action="append", help="run only these sections")
    args = parser.parse_args(argv)
    mode = TINY if args.tiny else FULL
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    report = Report()
    for key, (title, section) in SECTIONS.items():
        if not args.only or key in args.only:
            log(f"{title}...")
            section(report, mode)

    basis = "cpu" if report.cpu_basis else "wall"
    log()
    log("| figure | CPU median (s) | CPU min-max (s) | wall median (s) | wall min-max (s) | runs |")
    log("| --- | --- | --- | --- | --- | --- |")
    for row in report.rows:
        log(row)
    log()
    figures = report.figures
    verdicts = {}
    for key, target in TARGETS.items():
        value = figures.get(key)
        if args.tiny or value is None:
            continue
        verdicts[key] = value <= target
        log(
            f"{key} = {value} on {basis} time (wall: {figures[key + '_wall']}), target <= {target}: "
            f"{'holds' if verdicts[key] else 'MISSED'}"
        )
    ordered: dict[str, Any] = {key: figures.pop(key) for key in TARGETS if key in figures}
    ordered.update(figures)
    ordered.update(
        basis=basis,
        targets_met=verdicts,
        mode="tiny" if args.tiny else "full",
        sizes=list(mode.sizes),
        load_average_before=round(load_before, 2),
        load_average_after=round(os.getloadavg()[0], 2),
        bench_seconds=round(time.perf_counter() - started, 1),
    )
    if not args.tiny:
        raw = REPO / ".cache" / "bench" / "last-run.json"
        raw.parent.mkdir(parents=True, exist_ok=True)
        raw.write_text(json.dumps({"figures": ordered, "samples": report.raw}, indent=1) + "\n")
        log(f"every sample: {raw.relative_to(REPO)}")
    log(f"all figures: {json.dumps(ordered)}")
    # The last line: exactly the five target figures (None for a section not run, or a CLI not available).
    print(json.dumps({key: ordered.get(key) for key in TARGETS}), flush=True)
    return ordered


if __name__ == "__main__":
    main()
