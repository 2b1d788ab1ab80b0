"""CPython's cyclic garbage collector as both bench packs see it (imported by timed_pack and noop_pack).

A full pass (generation 2) walks every object in the process: at 50,000 resources, the ~2 million
objects pulumi-policy built for the stack, about half a second each time. CPython starts one whenever
enough objects have survived since the last, so the SDK's own allocations make them due, and whichever
code happens to allocate next pays: sometimes the SDK, sometimes a policy. The no-op pack pays them too.
So each pack appends, after every stack policy call, how many full passes the process has made so far;
the bench compares the per-call counts of the two packs and, for our pack, how much of our rule's time
went to full passes (young passes, generations 0 and 1, scan only recent objects and stay in our time).
"""

from __future__ import annotations

import gc
import time


class Collector:
    """Counts full passes, and times every pass that runs while ``inside`` is set."""

    def __init__(self) -> None:
        self.full_passes = 0
        self.inside = False
        self.young_seconds = 0.0
        self.full_seconds = 0.0
        self.full_inside = 0
        self._started = 0.0
        gc.callbacks.append(self._on_pass)

    def start(self) -> None:
        self.inside, self.young_seconds, self.full_seconds, self.full_inside = True, 0.0, 0.0, 0

    def stop(self) -> None:
        self.inside = False

    def _on_pass(self, phase: str, info: dict[str, int]) -> None:
        full = info["generation"] == 2
        if phase == "start":
            self._started = time.thread_time()
            return
        self.full_passes += full
        if self.inside:
            seconds = time.thread_time() - self._started
            if full:
                self.full_seconds += seconds
                self.full_inside += 1
            else:
                self.young_seconds += seconds
