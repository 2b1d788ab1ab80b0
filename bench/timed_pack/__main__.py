"""Our pack with a stopwatch: policypack/ served exactly as its __main__.py serves it (the same modules,
the same ``serve()``), except that each stack policy's ``validate`` is timed.

After every call the stopwatch appends ``<thread CPU s> <wall s> <collector CPU s> <full collections>``
to the file named by BENCH_TIMINGS: the time our rule spent inside the AnalyzeStack call, measured in the
same call as the SDK's own work, and how much of it CPython's cyclic garbage collector took (its passes
run whenever allocations cross a threshold, and a full pass walks every object the SDK built for the
stack, so they are counted apart).
"""

import gc
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "policypack"))

import backup_guardrails
from pulumi_policy import StackValidationPolicy

TIMINGS = os.environ["BENCH_TIMINGS"]
_collector = {"inside": False, "started": 0.0, "seconds": 0.0, "full": 0}


def _on_collection(phase, info):
    if not _collector["inside"]:
        return
    if phase == "start":
        _collector["started"] = time.thread_time()
    else:
        _collector["seconds"] += time.thread_time() - _collector["started"]
        _collector["full"] += info["generation"] == 2


gc.callbacks.append(_on_collection)


def _timed(validate):
    def stopwatch(args, report_violation):
        _collector.update(inside=True, seconds=0.0, full=0)
        cpu, wall = time.thread_time(), time.perf_counter()
        try:
            return validate(args, report_violation)
        finally:
            cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
            _collector["inside"] = False
            with open(TIMINGS, "a") as timings:
                timings.write(f"{cpu} {wall} {_collector['seconds']} {_collector['full']}\n")

    return stopwatch


for policy in backup_guardrails.POLICIES:
    if isinstance(policy, StackValidationPolicy):
        policy.validate = _timed(policy.validate)

backup_guardrails.serve()
