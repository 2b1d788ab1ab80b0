"""Our pack with a stopwatch: policypack/ served exactly as its __main__.py serves it (the same modules,
the same ``serve()``), except that each stack policy's ``validate`` is timed.

After every call the stopwatch appends ``<thread CPU s> <wall s> <young passes s> <full passes s> <full
passes inside> <full passes so far>`` to the file named by BENCH_TIMINGS: the time our rule spent inside
the AnalyzeStack call, measured in the same call as the SDK's own work, the part of it CPython's garbage
collector took (young and full passes apart), and the process's count of full passes
(bench/collector.py).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "policypack"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import backup_guardrails
from collector import Collector
from pulumi_policy import StackValidationPolicy

TIMINGS = os.environ["BENCH_TIMINGS"]
COLLECTOR = Collector()


# The pack has several stack policies (the S3 readiness ones since issue 11); the SDK calls them in list
# order within one AnalyzeStack, after the pack's servicer has built the stack once for all of them
# (shared_stack.py: that build is the SDK's part, outside the stopwatch). Their times are summed, and the
# line is written after the last one.
STACK_POLICIES = [p for p in backup_guardrails.POLICIES if isinstance(p, StackValidationPolicy)]
_SUM = [0.0, 0.0, 0.0, 0.0, 0]


def _timed(validate, last):
    def stopwatch(args, report_violation):
        COLLECTOR.start()
        cpu, wall = time.thread_time(), time.perf_counter()
        try:
            return validate(args, report_violation)
        finally:
            cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
            COLLECTOR.stop()
            c = COLLECTOR
            for i, value in enumerate((cpu, wall, c.young_seconds, c.full_seconds, c.full_inside)):
                _SUM[i] += value
            if last:
                with open(TIMINGS, "a") as timings:
                    timings.write(" ".join(map(str, _SUM)) + f" {c.full_passes}\n")
                _SUM[:] = [0.0, 0.0, 0.0, 0.0, 0]

    return stopwatch


for policy in STACK_POLICIES:
    policy.validate = _timed(policy.validate, policy is STACK_POLICIES[-1])

backup_guardrails.serve()
