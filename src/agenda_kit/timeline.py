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

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from operator import attrgetter
from typing import Any

from .flow import DEFAULT_TRACK, Flow, flows, night_guard
from .model import Agenda, ScheduledSession, Session
from .timespan import ZoneClock, clock_range, format_minutes, parse_clock, parse_range

_SEPARATOR = re.compile("[\\-~\u2013\u2014\u301c\uff5e]")

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

DAY = 1440  # minutes

Path = tuple[str | int, ...]


@dataclass(slots=True, eq=False, init=False)
class Slot:
    """One session with its resolved instants (UTC seconds, half-open)."""

    order: int  # position in the document, over all parts and children
    part: int
    path: Path
    session: Session
    id: str
    explicit_id: bool
    track: str
    day: int  # proleptic ordinal of the part's date
    room: str | None
    parent: Slot | None
    start: int | None
    end: int | None
    # A written time falls in the skipped hour of a spring-forward night: its instant
    # is moved, so its length is not what was written (reported as nonexistent-time).
    skipped: bool
    # A range that crosses midnight outside a night window, read as its likely intended
    # time (reported as crosses-midnight) so that later sessions do not cascade.
    crossed: bool

    # Written out: one is made per session, and this is about a fifth faster than the
    # generated one (no defaults to pass for the two flags).
    def __init__(
        self,
        order: int,
        part: int,
        path: Path,
        session: Session,
        id: str,
        explicit_id: bool,
        track: str,
        day: int,
        room: str | None,
        parent: Slot | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> None:
        self.order = order
        self.part = part
        self.path = path
        self.session = session
        self.id = id
        self.explicit_id = explicit_id
        self.track = track
        self.day = day
        self.room = room
        self.parent = parent
        self.start = start
        self.end = end
        self.skipped = False
        self.crossed = False

    @property
    def time_path(self) -> Path:
        """The field that gives the session's start, for locations."""
        s = self.session
        field_name = "time" if s.time else "start" if s.start else "end" if s.end else None
        return (*self.path, field_name) if field_name else self.path

    @property
    def end_path(self) -> Path:
        s = self.session
        field_name = (
            "time" if s.time else "end" if s.end else "minutes" if s.minutes is not None else None
        )
        return (*self.path, field_name) if field_name else self.time_path

    def within(self, other: Slot) -> bool:
        """Whether this slot is ``other`` or lies inside it (as a child, at any depth)."""
        slot: Slot | None = self
        while slot is not None:
            if slot is other:
                return True
            slot = slot.parent
        return False


@dataclass(slots=True)
class Problem:
    """Something the timeline could not resolve, reported by the checker."""

    rule: str
    path: Path
    message: str
    params: dict[str, Any]
    session: str


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
        chain = _Chain(timeline, p_index, day, track, part.room)
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
        timeline.problems.append(_unresolved(pending, "end"))
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


class _Chain:
    """Resolves a list of consecutive sessions (a part, or the children of a session)."""

    def __init__(
        self, timeline: Timeline, part: int, day: int, track: str, room: str | None
    ) -> None:
        self.timeline = timeline
        self.part = part
        self.day = day
        self.track = track
        self.room = room
        self.guard = False  # crossing midnight is a typo here (see night_guard)
        # With a night window of the part's own (11:30-02:15), a time from midnight to
        # the window's end (00:15), before it opens, is after midnight: (end, opens).
        self.late: tuple[int, int] | None = None

    def _after_midnight(self, day: int, minute: int) -> int:
        late = self.late
        if late is not None and day == self.day and minute <= late[0] and minute < late[1]:
            return minute + DAY
        return minute

    def resolve(
        self,
        sessions: Sequence[Session],
        base: Path,
        prefix: str,
        opens: int | None,
        close: int | None,
        carry: Slot | None = None,
        *,
        keep_pending: bool = False,
        parent: Slot | None = None,
    ) -> tuple[int | None, Slot | None]:
        """Resolve ``sessions`` in order.

        ``carry`` is a session of an earlier part still waiting for its end. Returns the
        end of the last session, and the last session when it still waits for its end
        and ``keep_pending`` lets it wait for a later part.
        """
        timeline = self.timeline
        clock = timeline.clock
        to_utc = clock.to_utc
        problems = timeline.problems
        base_day = clock.day_of(opens) if opens is not None else self.day
        next_midnight = to_utc(base_day, DAY)
        prev_end = opens
        pending: Slot | None = carry
        last_end: int | None = None
        # Hoisted out of the loop: this runs once per session of the agenda.
        slots = timeline.slots
        add = slots.append
        order = len(slots)
        part, track, day = self.part, self.track, self.day
        default_room = parent.room if parent is not None else self.room
        gaps = self.timeline.gaps
        for index, session in enumerate(sessions):
            ident = session.id
            minutes = session.minutes
            if (
                minutes is not None
                and prev_end is not None
                and pending is None
                and session.time is None
                and session.start is None
                and session.end is None
                and not session.children
            ):
                # Most sessions: it starts when the one before ends and lasts its minutes.
                ends = prev_end + minutes * 60
                add(
                    Slot(
                        order,
                        part,
                        (*base, index),
                        session,
                        ident or f"{prefix}-{index + 1}",
                        ident is not None,
                        track,
                        day,
                        session.room or default_room,
                        parent,
                        prev_end,
                        ends,
                    )
                )
                order += 1
                prev_end = last_end = ends
                if ends >= next_midnight:
                    base_day = clock.day_of(ends)
                    next_midnight = to_utc(base_day, DAY)
                continue
            path = (*base, index)
            slot = Slot(
                order,
                part,
                path,
                session,
                ident or f"{prefix}-{index + 1}",
                ident is not None,
                track,
                day,
                session.room or default_room,
                parent,
            )
            add(slot)
            order += 1
            start: int | None = None
            end: int | None = None
            if session.time is not None:
                a, read = parse_range(session.time)
                if self.late is not None and (shifted := self._after_midnight(base_day, a)) != a:
                    a, read = shifted, read + DAY
                b = read if read >= a else self._crossing(slot, "time", a, read)
                start = to_utc(base_day, a)
                end = to_utc(base_day, b) if b is not None else None
                if gaps is not None:
                    gaps.check(slot, "time", base_day, a, b)
                if session.start is not None or session.end is not None:
                    other = "start" if session.start else "end"
                    params = {"id": slot.id, "time": session.time, "other": other}
                    problems.append(
                        Problem(
                            "conflicting-time", (*path, other), "conflicting-time", params, slot.id
                        )
                    )
            else:
                if session.start is not None:
                    a = self._after_midnight(base_day, parse_clock(session.start))
                    start = to_utc(base_day, a)
                    if gaps is not None:
                        gaps.check(slot, "start", base_day, a, None)
                    if session.end is not None:
                        read = parse_clock(session.end)
                        b = read if read >= a else self._crossing(slot, "end", a, read)
                        end = to_utc(base_day, b) if b is not None else None
                        if gaps is not None:
                            gaps.check(slot, "end", base_day, None, b)
                elif session.end is not None:
                    b = self._after_midnight(base_day, parse_clock(session.end))
                    end = to_utc(base_day, b)
                    if gaps is not None:
                        gaps.check(slot, "end", base_day, None, b)
                    if minutes is not None:
                        start = end - minutes * 60
            if start is None:
                start = prev_end
            if end is None and start is not None and minutes is not None:
                end = start + minutes * 60
            if pending is not None:
                if start is not None:
                    pending.end = start
                    last_end = start
                else:
                    problems.append(_unresolved(pending, "end"))
                pending = None
            if start is None:
                problems.append(_unresolved(slot, "start"))
            elif end is None:
                pending = slot
            slot.start, slot.end = start, end
            if session.children:
                child_prefix = slot.id
                child_close = end
                if end is None:
                    child_close = None
                children = (*path, "children")
                self.resolve(
                    session.children, children, child_prefix, start, child_close, parent=slot
                )
                order = len(slots)
            prev_end = end
            if end is not None:
                last_end = end
                if end >= next_midnight:
                    base_day = clock.day_of(end)
                    next_midnight = to_utc(base_day, DAY)
        if pending is not None:
            if close is not None and pending.start is not None and close > pending.start:
                pending.end = close
                last_end = close
            elif keep_pending:
                return last_end, pending
            else:
                problems.append(_unresolved(pending, "end"))
        return last_end, None

    def _crossing(self, slot: Slot, field_name: str, a: int, b: int) -> int | None:
        """The end of a range whose end is before its start. It ends the next day, except
        where a window or span says the part does not run past midnight: then it is a
        typo, reported here, and read as ending 12 hours later when that ends it after
        its start on the same day (`14:45~3:05` for 15:05); else its end is left open,
        for the next session's start to give, as if it had none."""
        if not self.guard:
            return b + DAY
        slot.crossed = True
        intended = b + DAY // 2 if b < DAY // 2 and a < b + DAY // 2 else None
        written = getattr(slot.session, field_name)
        params: dict[str, Any] = {
            "id": slot.id,
            "start": format_minutes(a),
            "end": format_minutes(b),
            "field": field_name,
        }
        variant = "crosses-midnight.unknown"
        if intended is not None:
            variant = "crosses-midnight"
            params["intended"] = format_minutes(intended)
            if field_name == "time":
                found = _SEPARATOR.search(written)
                separator = found.group() if found else "-"
                params["suggest"] = f"{format_minutes(a)}{separator}{format_minutes(intended)}"
            else:
                params["suggest"] = format_minutes(intended)
        self.timeline.problems.append(
            Problem("crosses-midnight", (*slot.path, field_name), variant, params, slot.id)
        )
        return intended


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
        self.timeline = timeline
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
            self.timeline.problems.append(
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


def _unresolved(slot: Slot, which: str) -> Problem:
    return Problem(
        "unresolved-time", slot.path, f"unresolved-time.{which}", {"id": slot.id}, slot.id
    )


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
