"""Resolving an agenda's sessions to real instants: the timeline the rules work on.

Each session becomes a ``Slot`` with integer UTC seconds. Times that are left out are
derived here: a session starts when the previous one ends, a session with only a start
ends when the next one starts, and ``minutes`` give the other end. What cannot be
derived is recorded as a problem for the checker to report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from .model import Agenda, Part, ScheduledSession, Session
from .timespan import ZoneClock, parse_clock, parse_range

__all__ = [
    "DEFAULT_TRACK",
    "Problem",
    "Slot",
    "Timeline",
    "build_timeline",
    "scheduled_sessions",
]

DEFAULT_TRACK = "main"
DAY = 1440  # minutes

Path = tuple[str | int, ...]


@dataclass(slots=True)
class Slot:
    """One session with its resolved instants (UTC seconds, half-open)."""

    order: int  # position in the document, over all parts
    part: int
    index: int
    session: Session
    id: str
    explicit_id: bool
    track: str
    day: int  # proleptic ordinal of the part's date
    room: str | None
    start: int | None = None
    end: int | None = None

    @property
    def path(self) -> Path:
        return ("parts", self.part, "sessions", self.index)

    @property
    def time_path(self) -> Path:
        """The field that gives the session's start, for locations."""
        s = self.session
        field_name = "time" if s.time else "start" if s.start else "end" if s.end else None
        if field_name is None:
            return self.path
        return (*self.path, field_name)

    @property
    def end_path(self) -> Path:
        s = self.session
        field_name = (
            "time" if s.time else "end" if s.end else "minutes" if s.minutes is not None else None
        )
        return (*self.path, field_name) if field_name else self.time_path


@dataclass(slots=True)
class Problem:
    """Something the timeline could not resolve, reported by the checker."""

    rule: str
    path: Path
    message: str
    hint: str = ""


@dataclass(slots=True)
class Timeline:
    agenda: Agenda
    clock: ZoneClock
    slots: list[Slot] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    window: tuple[int, int] | None = None  # minutes after midnight; end may pass 1440
    _groups: dict[tuple[str, int], list[Slot]] | None = None

    def groups(self) -> dict[tuple[str, int], list[Slot]]:
        """Resolved slots by (track, day), each sorted by instant.

        The sort key does not involve the order in the file, so findings do not change
        when sessions with explicit times are reordered.
        """
        if self._groups is None:
            by_group: dict[tuple[str, int], list[Slot]] = {}
            for slot in self.slots:
                if slot.start is not None and slot.end is not None:
                    by_group.setdefault((slot.track, slot.day), []).append(slot)
            for slots in by_group.values():
                slots.sort(key=_instant_key)
            self._groups = by_group
        return self._groups

    def window_on(self, day: int) -> tuple[int, int] | None:
        if self.window is None:
            return None
        return self.clock.to_utc(day, self.window[0]), self.clock.to_utc(day, self.window[1])

    def part_span(self, part: int) -> tuple[int, int] | None:
        p = self.agenda.parts[part]
        if p.span is None:
            return None
        day = (p.date or self.agenda.event.date).toordinal()
        a, b = _range(p.span)
        return self.clock.to_utc(day, a), self.clock.to_utc(day, b)


def _instant_key(slot: Slot) -> tuple[int, int, str, int]:
    return slot.start or 0, slot.end or 0, slot.id, slot.order


def _range(text: str) -> tuple[int, int]:
    a, b = parse_range(text)
    if b <= a:  # 23:30-00:30 ends on the next day
        b += DAY
    return a, b


def part_key(agenda: Agenda, index: int) -> str:
    """The id of a part, or the id derived for it (``part-2`` for the second part)."""
    part = agenda.parts[index]
    return part.id or f"part-{index + 1}"


def build_timeline(agenda: Agenda) -> Timeline:
    """Resolve every session of ``agenda`` to UTC instants, in document order."""
    event = agenda.event
    clock = ZoneClock(event.timezone)
    timeline = Timeline(agenda, clock, window=_range(event.window) if event.window else None)
    last_end: dict[tuple[str, int], int] = {}
    order = 0
    for p_index, part in enumerate(agenda.parts):
        day = (part.date or event.date).toordinal()
        track = part.track or DEFAULT_TRACK
        order = _resolve_part(timeline, p_index, part, day, track, last_end, order)
    return timeline


def _resolve_part(
    timeline: Timeline,
    p_index: int,
    part: Part,
    day: int,
    track: str,
    last_end: dict[tuple[str, int], int],
    order: int,
) -> int:
    clock = timeline.clock
    to_utc = clock.to_utc
    span = timeline.part_span(p_index)
    window = timeline.window_on(day)
    prev_end: int | None
    if span is not None:
        prev_end = span[0]
    elif (track, day) in last_end:
        prev_end = last_end[(track, day)]
    elif window is not None:
        prev_end = window[0]
    else:
        prev_end = None
    base_day = day  # the local date explicit clock times are read on
    next_midnight = to_utc(base_day, DAY)
    pending: Slot | None = None
    pkey = part_key(timeline.agenda, p_index)
    slots = timeline.slots
    problems = timeline.problems
    for index, session in enumerate(part.sessions):
        slot = Slot(
            order,
            p_index,
            index,
            session,
            session.id or f"{pkey}-{index + 1}",
            session.id is not None,
            track,
            day,
            session.room or part.room,
        )
        order += 1
        start: int | None = None
        end: int | None = None
        minutes = session.minutes
        if session.time is not None:
            a, b = _range(session.time)
            start, end = to_utc(base_day, a), to_utc(base_day, b)
            if session.start is not None or session.end is not None:
                problems.append(
                    Problem(
                        "conflicting-time",
                        (*slot.path, "start" if session.start else "end"),
                        f"`{slot.id}` gives `time: {session.time}` and also "
                        f"`{'start' if session.start else 'end'}`; `time` is used",
                    )
                )
        else:
            if session.start is not None:
                a = parse_clock(session.start)
                start = to_utc(base_day, a)
                if session.end is not None:
                    b = parse_clock(session.end)
                    end = to_utc(base_day, b + DAY if b <= a else b)
            elif session.end is not None:
                end = to_utc(base_day, parse_clock(session.end))
                if minutes is not None:
                    start = end - minutes * 60
        if start is None:
            start = prev_end
        if end is None and start is not None and minutes is not None:
            end = start + minutes * 60
        if pending is not None:
            if start is not None:
                pending.end = start
            else:
                problems.append(_unresolved(pending, "end"))
            pending = None
        if start is None:
            problems.append(_unresolved(slot, "start"))
        elif end is None:
            pending = slot
        slot.start, slot.end = start, end
        slots.append(slot)
        prev_end = end
        if end is not None and end >= next_midnight:
            base_day = clock.day_of(end)
            next_midnight = to_utc(base_day, DAY)
    if pending is not None:
        close = span[1] if span is not None else window[1] if window is not None else None
        if close is not None and pending.start is not None and close > pending.start:
            pending.end = close
        else:
            problems.append(_unresolved(pending, "end"))
    if prev_end is not None:
        last_end[(track, day)] = prev_end
    elif pending is not None and pending.end is not None:
        last_end[(track, day)] = pending.end
    return order


def _unresolved(slot: Slot, which: str) -> Problem:
    if which == "start":
        message = (
            f"`{slot.id}` has no start: it has no `time` or `start`, and nothing before it "
            "in its part says when it begins"
        )
        hint = "Give it a `time` or `start`, or give its part a `span`."
    else:
        message = (
            f"`{slot.id}` has no end: it has no `time`, `end` or `minutes`, and nothing "
            "after it says when it ends"
        )
        hint = "Give it `minutes`, an `end`, or a `time` range."
    return Problem("unresolved-time", slot.path, message, hint)


def scheduled_sessions(agenda: Agenda) -> list[ScheduledSession]:
    """The sessions whose times could be resolved, in document order, with real times."""
    timeline = build_timeline(agenda)
    zone = agenda.event.timezone
    out = []
    for slot in timeline.slots:
        if slot.start is None or slot.end is None:
            continue
        part = agenda.parts[slot.part]
        out.append(
            ScheduledSession(
                id=slot.id,
                title=slot.session.title,
                kind=slot.session.kind,
                part=part.id or part_key(agenda, slot.part),
                track=slot.track,
                room=slot.room,
                speakers=list(slot.session.speakers),
                timezone=zone,
                start=datetime.fromtimestamp(slot.start, UTC),
                end=datetime.fromtimestamp(slot.end, UTC),
            )
        )
    return out
