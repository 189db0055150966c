"""Resolving an agenda's sessions to real instants: the timeline the rules work on.

Each session becomes a ``Slot`` with integer UTC seconds. Times that are left out are
derived here: a session starts when the previous one ends, a session with only a start
ends when the next one starts, and ``minutes`` give the other end. What cannot be
derived is recorded as a problem for the checker to report. Sessions inside a session
(``children``) are resolved the same way within their parent.

Each part also gets its ``Flow``: whether its sessions must follow one another, the
changeover between them, declared breaks and the window it fills, from the part and
its track. The checker and the scheduler read these, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from operator import attrgetter

from ._chain import Chain, unresolved
from ._slots import DAY, Problem, Slot
from ._slots import Path as Path
from .flow import DEFAULT_TRACK, Flow, flows, night_guard
from .model import Agenda, ScheduledSession
from .timespan import ZoneClock, clock_range, format_minutes

__all__ = [
    "DAY",
    "DEFAULT_TRACK",
    "Flow",
    "Problem",
    "Slot",
    "Timeline",
    "build_timeline",
    "clock_range",
    "part_key",
    "scheduled_sessions",
]


@dataclass(slots=True)
class Timeline:
    agenda: Agenda
    clock: ZoneClock
    slots: list[Slot] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    window: tuple[int, int] | None = None  # minutes after midnight; end may pass 1440
    _groups: dict[tuple[str, int], list[Slot]] | None = None
    _children: dict[int, list[Slot]] | None = None
    _resolved: list[Slot] | None = None
    _by_speaker: dict[str, list[Slot]] | None = None
    gaps: _Gaps | None = None  # None for a zone without clock changes
    flows: list[Flow] = field(default_factory=list)  # by part index

    def groups(self) -> dict[tuple[str, int], list[Slot]]:
        """Resolved top-level slots by (track, day), each sorted by instant.

        The sort key does not involve the order in the file, so findings do not change
        when sessions with explicit times are reordered.
        """
        if self._groups is None:
            by_group: dict[tuple[str, int], list[Slot]] = {}
            for slot in self.resolved():  # sorted already: each group comes out sorted
                if slot.parent is None:
                    key = (slot.track, slot.day)
                    group = by_group.get(key)
                    if group is None:
                        by_group[key] = [slot]
                    else:
                        group.append(slot)
            # Groups in the order of their first slot in the document, as before.
            first = {key: min(s.order for s in slots) for key, slots in by_group.items()}
            self._groups = dict(sorted(by_group.items(), key=lambda kv: first[kv[0]]))
        return self._groups

    def children(self) -> dict[int, list[Slot]]:
        """Resolved children by the ``order`` of their parent, each sorted by instant."""
        if self._children is None:
            by_parent: dict[int, list[Slot]] = {}
            for slot in self.slots:
                if slot.parent is not None and slot.start is not None and slot.end is not None:
                    by_parent.setdefault(slot.parent.order, []).append(slot)
            for slots in by_parent.values():
                slots.sort(key=_instant_key)
            self._children = by_parent
        return self._children

    def resolved(self) -> list[Slot]:
        """Every slot with both instants, sorted by instant (do not modify)."""
        if self._resolved is None:
            # ``self.slots`` is in document order: stable sorts on one key at a time,
            # the last key first, give the order of (start, end, id, order), and
            # compare plain ints and strings instead of building a tuple per slot.
            slots = [s for s in self.slots if s.start is not None and s.end is not None]
            slots.sort(key=_ID)
            slots.sort(key=_END)
            slots.sort(key=_START)
            self._resolved = slots
        return self._resolved

    def by_speaker(self) -> dict[str, list[Slot]]:
        """Each speaker's resolved sessions, sorted by instant (do not modify)."""
        if self._by_speaker is None:
            out: dict[str, list[Slot]] = {}
            get = out.get
            for slot in self.resolved():
                speakers = slot.session.speakers
                if not speakers:
                    continue
                for speaker in speakers if len(speakers) < 2 else dict.fromkeys(speakers):
                    mine = get(speaker)
                    if mine is None:
                        out[speaker] = [slot]
                    else:
                        mine.append(slot)
            self._by_speaker = out
        return self._by_speaker

    def window_on(self, day: int) -> tuple[int, int] | None:
        if self.window is None:
            return None
        return self.clock.to_utc(day, self.window[0]), self.clock.to_utc(day, self.window[1])

    def part_window(self, part: int, day: int) -> tuple[int, int] | None:
        """The window of a part on ``day`` (UTC): its own or its track's, else the event's."""
        own = self.flows[part].window if self.flows else None
        if own is None:
            return self.window_on(day)
        return self.clock.to_utc(day, own[0]), self.clock.to_utc(day, own[1])

    def breaks_on(self, part: int, day: int) -> list[tuple[int, int]]:
        """The declared breaks of a part on ``day``, as UTC ranges."""
        to_utc = self.clock.to_utc
        return [(to_utc(day, a), to_utc(day, b)) for a, b in self.flows[part].breaks]

    def part_span(self, part: int) -> tuple[int, int] | None:
        p = self.agenda.parts[part]
        if p.span is None:
            return None
        day = (p.date or self.agenda.event.date).toordinal()
        a, b = clock_range(p.span)
        return self.clock.to_utc(day, a), self.clock.to_utc(day, b)


# Resolved slots only: start and end are set.
_instant_key = attrgetter("start", "end", "id", "order")
_START, _END, _ID = attrgetter("start"), attrgetter("end"), attrgetter("id")


def part_key(agenda: Agenda, index: int) -> str:
    """The id of a part, or the id derived for it (``part-2`` for the second part)."""
    part = agenda.parts[index]
    return part.id or f"part-{index + 1}"


def build_timeline(agenda: Agenda) -> Timeline:
    """Resolve every session of ``agenda`` to UTC instants, in document order."""
    event = agenda.event
    clock = ZoneClock(event.timezone)
    timeline = Timeline(agenda, clock, window=clock_range(event.window) if event.window else None)
    timeline.flows = flows(agenda)
    if _has_changes(clock, event.date.year):
        timeline.gaps = _Gaps(timeline)
    last_end: dict[tuple[str, int], int] = {}
    carried: dict[tuple[str, int], Slot] = {}
    groups = [
        (part.track or DEFAULT_TRACK, (part.date or event.date).toordinal())
        for part in agenda.parts
    ]
    for p_index, part in enumerate(agenda.parts):
        track, day = groups[p_index]
        span = timeline.part_span(p_index)
        window = timeline.part_window(p_index, day)
        if span is not None:
            opens: int | None = span[0]
        elif (track, day) in carried:
            opens = None  # the previous part's last session waits for this part's start
        elif (track, day) in last_end:
            opens = last_end[(track, day)]
        else:
            opens = window[0] if window is not None else None
        # A last session with only a start ends where the part's span ends; without a
        # span, when the next part of its track and day starts, else with the window.
        later = (track, day) in groups[p_index + 1 :]
        close = span[1] if span is not None else None
        if close is None and not later and window is not None:
            close = window[1]
        chain = Chain(timeline, p_index, day, track, part.room)
        chain.guard = night_guard(agenda, p_index, timeline.flows[p_index])
        own = timeline.flows[p_index].window
        if own is not None and own[1] > DAY:
            chain.late = own[1] - DAY, own[0]
        first = len(timeline.slots)
        end, pending = chain.resolve(
            part.sessions,
            ("parts", p_index, "sessions"),
            part_key(agenda, p_index),
            opens,
            close,
            carried.pop((track, day), None),
            keep_pending=close is None and later,
        )
        if pending is not None:
            carried[(track, day)] = pending
        if end is not None:
            last_end[(track, day)] = end
        if timeline.window is not None and timeline.window[1] > DAY:
            _window_days(timeline, timeline.slots[first:], day)
    for pending in carried.values():
        timeline.problems.append(unresolved(pending, "end"))
    return timeline


def _window_days(timeline: Timeline, slots: list[Slot], day: int) -> None:
    """With a window that crosses midnight (22:00-02:00), a session after midnight
    belongs to the window of the day before: its tiling and window checks are that
    day's."""
    previous = timeline.window_on(day - 1)
    assert previous is not None
    for slot in slots:
        if slot.start is not None and previous[0] <= slot.start < previous[1]:
            slot.day = day - 1


def _has_changes(clock: ZoneClock, year: int) -> bool:
    """Whether the zone keeps summer time around ``year`` (most zones of agendas that
    do not, such as UTC or Asia/Seoul, skip the check below)."""
    offsets = {
        clock.local(clock.to_utc(date(y, m, 1).toordinal(), 720)).utcoffset()
        for y in (year - 1, year, year + 1)
        for m in (1, 4, 7, 10)
    }
    return len(offsets) > 1


class _Gaps:
    """Finds written wall-clock times that do not exist in the agenda's zone (the
    skipped hour of a spring-forward night) and records them as problems."""

    def __init__(self, timeline: Timeline) -> None:
        # The timeline's list and clock, not the timeline: it holds this object, and a
        # reference cycle would leave a checked agenda to the cyclic collector (a full
        # collection of 100,000 sessions' objects at some later allocation).
        self.problems = timeline.problems
        self.clock = timeline.clock
        self._seen: dict[tuple[int, int], tuple[int, int] | None] = {}

    def check(self, slot: Slot, field: str, day: int, start: int | None, end: int | None) -> None:
        for minute, is_end in ((start, False), (end, True)):
            if minute is None:
                continue
            jump = self.skipped(day, minute)
            if jump is None:
                continue
            opens, closes = jump
            if is_end and minute == opens:
                continue  # ends at the jump: that instant is well defined
            local_day = date.fromordinal(day + minute // DAY)
            slot.skipped = True
            self.problems.append(
                Problem(
                    "nonexistent-time",
                    (*slot.path, field),
                    "nonexistent-time",
                    {
                        "id": slot.id,
                        "time": format_minutes(minute % DAY),
                        "date": local_day.isoformat(),
                        "jump_from": format_minutes(opens % DAY),
                        "jump_to": format_minutes(closes % DAY),
                    },
                    slot.id,
                )
            )
            return  # one finding per session is enough

    def skipped(self, day: int, minute: int) -> tuple[int, int] | None:
        """The wall minutes ``(from, to)`` the clocks jump across, when ``minute`` of
        ``day`` lies in that jump; else None."""
        key = (day, minute)
        if key not in self._seen:  # sessions share their times: look each up once
            self._seen[key] = self._skipped(day, minute)
        return self._seen[key]

    def _skipped(self, day: int, minute: int) -> tuple[int, int] | None:
        clock = self.clock
        instant = clock.to_utc(day, minute)
        if clock.minute_of(instant, day) == minute:
            return None
        # Read with the offset before the jump, the time lands after it by the jump's
        # length; the jump happens at the last instant whose offset is the earlier one.
        before = clock.local(instant - 86400).utcoffset()
        after = clock.local(instant).utcoffset()
        if before is None or after is None or after <= before:
            return None
        low, high = instant - 86400, instant
        while high - low > 1:
            mid = (low + high) // 2
            if clock.local(mid).utcoffset() == before:
                low = mid
            else:
                high = mid
        jump = high
        shift = int((after - before).total_seconds()) // 60
        at = clock.minute_of(jump, day)  # wall minutes after the jump
        return at - shift, at


def scheduled_sessions(agenda: Agenda) -> list[ScheduledSession]:
    """The sessions whose times could be resolved, in document order, with real times."""
    timeline = build_timeline(agenda)
    zone = agenda.event.timezone
    out = []
    for slot in timeline.slots:
        if slot.start is None or slot.end is None:
            continue
        # Validated from plain values: the model makes the UTC instants pendulum
        # DateTimes in the event's zone (pendulum stays off the checker's path).
        out.append(
            ScheduledSession.model_validate(
                {
                    "id": slot.id,
                    "title": slot.session.title,
                    "kind": slot.session.kind,
                    "part": part_key(agenda, slot.part),
                    "track": slot.track,
                    "room": slot.room,
                    "speakers": list(slot.session.speakers),
                    "timezone": zone,
                    "start": datetime.fromtimestamp(slot.start, UTC),
                    "end": datetime.fromtimestamp(slot.end, UTC),
                }
            )
        )
    return out
