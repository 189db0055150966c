"""The collector paused for bulk work: restored afterwards, and what was made meanwhile
is still collected when it becomes a garbage cycle (behaviour, not timing)."""

from __future__ import annotations

import gc
import weakref

from agenda_kit._gc import paused_gc


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_the_collector_is_paused_and_restored() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # nothing is left frozen


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_cycles_made_during_the_pause_are_still_collected() -> None:
    with paused_gc():
        a, b = Node(), Node()
        a.other, b.other = b, a
        watch = weakref.ref(a)
    del a, b
    assert watch() is not None  # a cycle: reference counting alone does not free it
    gc.collect()
    assert watch() is None
