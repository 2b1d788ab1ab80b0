"""The floor of the stack benchmark: a pack whose one stack policy does nothing.

pulumi-policy still receives the AnalyzeStack request and wraps every resource (properties, provider,
parent, dependencies, property dependencies) before it calls the policy, exactly as for our pack; that
work is the floor our own evaluation is measured against. After each call the policy appends to the file
named by BENCH_FLOOR_TIMINGS how many full garbage-collection passes the process has made so far
(bench/collector.py).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from collector import Collector
from pulumi_policy import EnforcementLevel, PolicyPack, StackValidationPolicy

TIMINGS = os.environ.get("BENCH_FLOOR_TIMINGS")
COLLECTOR = Collector()


def _nothing(args, report_violation):
    if TIMINGS:
        with open(TIMINGS, "a") as timings:
            timings.write(f"{COLLECTOR.full_passes}\n")


PolicyPack(
    name="bench-noop",
    enforcement_level=EnforcementLevel.MANDATORY,
    policies=[StackValidationPolicy(name="bench-noop", description="Does nothing.", validate=_nothing)],
)
