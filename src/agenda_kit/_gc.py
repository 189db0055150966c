"""Bulk object creation without the cyclic garbage collector.

Loading and checking a large agenda creates hundreds of thousands of objects and no
garbage cycles; the collector would scan the growing heap again and again (it took two
thirds of the load time of 100,000 sessions). It is paused for such work and restored
afterwards, as mypy and other batch tools do.

When it is restored, the objects made meanwhile are moved to the oldest generation
(``gc.freeze()`` then ``gc.unfreeze()``: two list splices, and the count that triggers
the next collection starts again from zero). Otherwise the first allocation after the
pause would trigger a collection that traverses every one of them (a quarter of a
second for 100,000 sessions), and a second one when they reach the middle
generation. Garbage cycles among them are still found, by the next full collection.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
