"""CPython's cyclic garbage collector, paused while the stack rule runs.

pulumi-policy builds about forty objects per resource before the rule runs (two million at 50,000
resources), and they survive the call, so a full collector pass is always due soon. Whichever code
allocates next pays for that pass, about half a second at 50,000 resources. The rule builds its index,
tens of thousands of objects, which is usually what sets one off. No pass during the rule can free
anything: the SDK's objects are alive, and the rule's own objects hold no reference cycles (a test
checks this), so they are freed by reference counting when the rule returns. Pausing the collector for
the rule changes no result. It spares the process the passes that the rule's short-lived objects would
have caused, and it keeps those objects from ever reaching an older generation (bench/README.md).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector for the block, and re-enable it afterwards if it was enabled."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
