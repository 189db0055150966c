"""What an imported conference schedule's times say about its structure.

Conference tools export sessions, not the agenda's shape: when a conference day ends
(31C3's run 11:30–02:15), which sessions happen inside another one (the talks of a
poster session), the changeover a room keeps between talks, and the breaks every room
shares. These are read off the instants here, with plain integers (UTC seconds and
local minutes), so that ``_build`` can lay the agenda out by them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

__all__ = ["common_changeover", "day_change", "nesting", "shared_breaks"]

DAY = 1440
NOON = 720
# A changeover is the few minutes a room keeps between talks; longer is a pause.
MAX_CHANGEOVER = 20
# A free stretch shared by every room is a break when it lasts this long.
MIN_BREAK = 30


def day_change(spans: Sequence[tuple[int, int]]) -> int:
    """The local minute of the day at which the conference's days change.

    ``spans`` are the sessions as local (start minute of the day, length in minutes).
    A day changes in the small hours, where the fewest sessions run: at midnight when
    that is such a time, else at the first full hour of the longest such stretch
    before noon (02:15–11:30 at 31C3 gives 03:00), so that a talk at 00:15 belongs to
    the conference day before.
    """
    if not spans:
        return 0
    delta = [0] * (DAY + 1)
    for start, length in spans:
        length = max(1, min(length, DAY))
        end = start + length
        delta[start] += 1
        if end <= DAY:
            delta[end] -= 1
        else:
            delta[DAY] -= 1
            delta[0] += 1
            delta[end - DAY] -= 1
    running, count = 0, []
    for minute in range(NOON):
        running += delta[minute]
        count.append(running)
    fewest = min(count)
    if count[0] == fewest:
        return 0
    best_start, best_length = 0, 0
    minute = 0
    while minute < NOON:
        if count[minute] != fewest:
            minute += 1
            continue
        start = minute
        while minute < NOON and count[minute] == fewest:
            minute += 1
        if minute - start > best_length:
            best_start, best_length = start, minute - start
    hour = -(-best_start // 60) * 60
    return hour if hour < best_start + best_length else best_start


def nesting(spans: Sequence[tuple[int, int | None, str | None]]) -> dict[int, int]:
    """Which session lies inside which: index of a child -> index of its parent.

    ``spans`` are (start, end, room) in UTC seconds. A session is inside another when
    both are in the same room and it lies wholly within a strictly longer one (the
    lightning talks of a reception); the parent is the shortest such session (the first
    of equal ones). Sessions
    without an end or a room, and sessions of equal length, are never nested.
    """
    by_room: dict[str, list[int]] = {}
    for index, (_, end, room) in enumerate(spans):
        if room is not None and end is not None:
            by_room.setdefault(room, []).append(index)
    parents: dict[int, int] = {}
    for indexes in by_room.values():
        if len(indexes) < 2:
            continue
        # Longest first: a parent is considered before anything inside it.
        ordered = sorted(indexes, key=lambda i: (spans[i][0], -_length(spans[i])))
        open_: list[int] = []
        for index in ordered:
            start, end = spans[index][0], spans[index][1]
            assert end is not None
            while open_ and _end(spans[open_[-1]]) <= start:
                open_.pop()
            holders = [
                p for p in open_ if end <= _end(spans[p]) and _length(spans[p]) > end - start
            ]
            if holders:
                # The shortest holder; of equal ones, the first in the source.
                parents[index] = min(holders, key=lambda p: (_length(spans[p]), p))
            open_.append(index)
    return parents


def _end(span: tuple[int, int | None, str | None]) -> int:
    assert span[1] is not None
    return span[1]


def _length(span: tuple[int, int | None, str | None]) -> int:
    return _end(span) - span[0]


def common_changeover(gaps: Sequence[int]) -> int | None:
    """The changeover a room keeps: the most common free time (in minutes) between
    consecutive sessions, when it is at most ``MAX_CHANGEOVER`` and at least half of the
    gaps that short are that long; None when the room shows no such habit."""
    short = [gap for gap in gaps if 0 < gap <= MAX_CHANGEOVER]
    if len(short) < 2:
        return None
    value, times = Counter(short).most_common(1)[0]
    return value if times * 2 >= len(short) else None


def shared_breaks(rooms: Sequence[Sequence[tuple[int, int]]]) -> list[tuple[int, int]]:
    """The free stretches every room shares during one day: (start, end) in local
    minutes, each at least ``MIN_BREAK`` long, between the day's first start and last
    end (lunch and dinner). ``rooms`` are each room's sessions as (start, end) local
    minutes; fewer than two rooms share nothing."""
    rooms = [room for room in rooms if room]
    if len(rooms) < 2:
        return []
    busy = sorted(span for room in rooms for span in room)
    breaks: list[tuple[int, int]] = []
    reach = busy[0][1]
    for start, end in busy[1:]:
        if start - reach >= MIN_BREAK:
            breaks.append((reach, start))
        reach = max(reach, end)
    return breaks
