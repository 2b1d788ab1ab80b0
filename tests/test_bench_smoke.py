"""The benchmark cannot rot: ``bench/run.py --tiny`` runs every section end to end on tiny inputs.

No timing assertions (benchmarks are not tests). What is asserted is what makes the figures mean
something: the synthetic stacks have the requested size and every kind of selection, and the bench
script finishes with its one JSON line (it checks on its own that our pack blocks exactly the bad
selections and the no-op pack nothing, and fails otherwise).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bench.synthetic import (
    COMPONENT,
    NATIVE_SELECTION,
    RESTORE_TESTING_SELECTION,
    SELECTION,
    SELECTION_TYPES,
    synthetic_stack,
)

REPO = Path(__file__).resolve().parents[1]
RATIOS = (
    "stack_eval_ratio_10k",
    "own_eval_scaling_50k_over_10k",
    "cold_start_ratio",
    "component_over_minimal",
    "cli_preview_pack_over_noop_1k",
)


@pytest.mark.parametrize("size", [10, 57, 1000, 2345])
def test_synthetic_stack_has_the_requested_size(size: int) -> None:
    stack = synthetic_stack(size)
    assert len(stack.entries) == size
    assert len({entry["urn"] for entry in stack.entries}) == size


def test_synthetic_stack_is_shaped_like_a_real_program() -> None:
    stack = synthetic_stack(1000)
    types = Counter(entry["type"] for entry in stack.entries)
    assert {SELECTION, NATIVE_SELECTION, RESTORE_TESTING_SELECTION, COMPONENT} <= set(types)
    selections = sum(types[kind] for kind in SELECTION_TYPES)
    assert selections == stack.selections
    assert 0.08 <= len(stack.bad) / selections <= 0.12
    serialized = json.dumps(stack.entries)
    assert "<unknown>" in serialized and "<secret>" in serialized
    assert any(entry.get("parent") not in (None, "stack") for entry in stack.entries)


def test_bench_script_runs_on_tiny_stacks() -> None:
    completed = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--tiny"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-4000:]
    *_, details, last = completed.stdout.strip().splitlines()
    assert list(json.loads(last)) == list(RATIOS)  # exactly the five target figures, in this order
    assert details.startswith("all figures: ")
    result = json.loads(details.removeprefix("all figures: "))
    assert list(result)[: len(RATIOS)] == list(RATIOS)
    assert result["mode"] == "tiny"
    assert result["targets_met"] == {}
    for key in ("stack_300_ours", "cold_start_ours", "cold_start_empty", "component", "minimal_component"):
        assert result[f"{key}_wall_s"] > 0
    if "cli_unavailable" not in result:  # no Pulumi CLI and no Go to build one: the figure is None
        for key in ("cli_preview_ours", "cli_preview_noop", "cli_preview_none"):
            assert result[f"{key}_wall_s"] > 0
