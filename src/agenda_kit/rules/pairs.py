"""Every pair of sessions that overlap, found in one sweep over sessions sorted by
start: for overlaps within a track, room conflicts and speaker conflicts.

Reporting every pair is what lets one run show every conflict; it is also quadratic
in the number of sessions at one time. A session is paired with at most
``MAX_PAIRS`` of the sessions running when it starts, and the sweep remembers at most
``MAX_ACTIVE`` of them (those that end last), so that an agenda with thousands of
sessions at one time costs linear time and output, not a hang.

Most lists have no overlap at all (a tiled track, a speaker's day): with sessions
sorted by start, two of them overlap only if some session ends after the next one
starts, which is checked first, in C. The sweep keeps the earliest and the latest end
of the sessions it remembers, so that a session that starts when none of them has
ended, or after all of them have, costs two comparisons.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from operator import attrgetter, le

from ..timeline import Slot

__all__ = ["MAX_ACTIVE", "MAX_PAIRS", "disjoint", "overlapping"]

MAX_PAIRS = 10
MAX_ACTIVE = 200


def _end(slot: Slot) -> int:
    assert slot.end is not None
    return slot.end


_START, _END = attrgetter("start"), attrgetter("end")


def disjoint(slots: list[Slot]) -> bool:
    """Whether no two of the resolved ``slots`` (sorted by start) overlap: each ends by
    the time the next one starts. (If one ends after a later one starts, it ends after
    the next one starts too.)"""
    return all(map(le, map(_END, slots), map(_START, islice(slots, 1, None))))


def overlapping(
    slots: list[Slot], keep: Callable[[Slot, Slot], bool] | None = None
) -> Iterator[tuple[Slot, Slot]]:
    """``(earlier, later)`` for each pair of resolved ``slots`` (sorted by start) that
    overlap and that ``keep`` accepts, in the order of the later one."""
    if disjoint(slots):
        return
    active: list[Slot] = []  # those still running, in the order they started
    first = last = 0  # the earliest and the latest end in ``active``
    for slot in slots:
        start, end = slot.start, slot.end
        assert start is not None and end is not None
        if active:
            if last <= start:
                active = []
            elif first <= start:
                active = [a for a in active if _end(a) > start]
                first = min(map(_end, active))
        if not active:
            active.append(slot)
            first = last = end
            continue
        found = 0
        for other in active:
            if keep is None or keep(other, slot):
                yield other, slot
                found += 1
                if found == MAX_PAIRS:
                    break
        active.append(slot)
        first = min(first, end)
        last = max(last, end)
        if len(active) > MAX_ACTIVE:
            # Keep those that end last: they overlap the most of what comes next.
            kept = set(map(id, sorted(active, key=_end)[-MAX_ACTIVE:]))
            active = [a for a in active if id(a) in kept]
            first = min(map(_end, active))
