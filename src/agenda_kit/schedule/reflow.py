"""Reflow: every session's start and end again from the lengths, in order.

Each track and day is one chain, in document order. The chain starts where its first
part starts (its `span`, else the written first time, else the window); a `fixed`
session and the span start of a part that does not simply follow the one before are
anchors that keep their time. Between sessions, the free time the author wrote is
kept when the checker accepts it (a changeover, a declared break, a free room) and
set to the declared changeover when it does not (a gap, an overlap). The same
settings the checker reads (``Timeline.flows``) decide all of it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic, Location, Severity, format_path
from ..findings import Duration
from ..findings.schedule import (
    REFLOW_ANCHOR,
    REFLOW_CHANGE,
    REFLOW_NO_LENGTH,
    REFLOW_UNWRITABLE,
)
from ..model import Agenda
from ..rules.timing import _excused
from ..timeline import DAY, DEFAULT_TRACK, Slot, Timeline, build_timeline, part_key
from ..timespan import format_minutes, parse_clock, parse_range
from ._edit import Edit, apply_edits, set_in

__all__ = [
    "Change",
    "Placement",
    "Reflow",
    "apply_to_text",
    "chains",
    "length_of",
    "place",
    "reflow",
]

Path = tuple[str | int, ...]

_NO_CHANGEOVER = ("break", "transfer")  # as the checker's short-changeover rule
_RANGE = re.compile(
    r"^(\s*)(\d{1,2}:\d\d)(\s*[\-~\u2013\u2014\u301c\uff5e]\s*)(\d{1,2}:\d\d)(\s*)$"
)


@dataclass(frozen=True, slots=True)
class Change:
    """One field that reflow writes differently: ``path`` in the document (the field),
    the session id (or part key) it belongs to, the value written and the new one."""

    path: Path
    id: str
    old: str | int | None
    new: str | int
    after: Path | None = None  # for a field that was not written: the key it follows

    @property
    def field(self) -> str:
        return str(self.path[-1])


@dataclass(slots=True)
class Reflow:
    """What reflow made: the new agenda, the changed fields, and what it could not do."""

    agenda: Agenda
    changes: list[Change] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    def change_diagnostics(self, lang: str = "en") -> list[Diagnostic]:
        """Each change as an AK803 finding (at the field, in the original file)."""
        out = []
        source = self.agenda.source
        for change in self.changes:
            where = _locate(source, change.after or change.path)
            variant = "added" if change.old is None else ""
            params: dict[str, Any] = {
                "id": change.id,
                "field": change.field,
                "new": str(change.new),
            }
            if change.old is not None:
                params["old"] = str(change.old)
            out.append(REFLOW_CHANGE.at(where, variant, lang=lang, **params))
        return sorted(out, key=lambda d: (d.location.line, d.location.column))


def reflow(agenda: Agenda, *, minutes: Mapping[str, int] | None = None, lang: str = "en") -> Reflow:
    """The agenda with every time computed again from the lengths.

    ``minutes`` gives new lengths by session id (a fit plan's ``minutes``). Returns the
    new agenda (a copy; the source text it came from stays attached), the fields that
    change, and AK801/AK802 findings for what could not be placed.
    """
    timeline = build_timeline(agenda)
    found: list[Diagnostic] = []
    placement = place(timeline, minutes or {}, found, lang)
    targets = placement.times
    changes = _changes(timeline, targets, placement.spans, minutes or {})
    new = _copy_with(agenda, changes)
    # A session without any written time starts where the one before it ends: where
    # reflow needs free time before one, it writes a `start`.
    for _ in range(len(timeline.slots) + 1):
        added = _missing_starts(timeline, build_timeline(new), targets)
        if not added:
            break
        changes += added
        new = _copy_with(agenda, changes)
    found += _unwritable(timeline, build_timeline(new), targets, lang)
    return Reflow(new, changes, found)


def _unwritable(
    old: Timeline, new: Timeline, targets: dict[int, tuple[int, int]], lang: str
) -> list[Diagnostic]:
    """Sessions the written agenda would not place where reflow did: a clock time that
    the format reads on the part's own day although reflow went past midnight."""
    clock = old.clock
    for before, after in zip(old.slots, new.slots, strict=True):
        target = targets.get(before.order)
        if target is not None and after.start != target[0]:
            where = _locate(old.agenda.source, before.path)
            when = clock.local(target[0]).strftime("%Y-%m-%d %H:%M")
            return [REFLOW_UNWRITABLE.at(where, lang=lang, id=before.id, start=when)]
    return []


def apply_to_text(text: str, format: str, changes: list[Change]) -> str:
    """``text`` (the file the agenda was read from) with the changes written in place."""
    edits = [Edit(c.path, c.new, c.after) for c in changes]
    return apply_edits(text, format, edits)


# --- placing ------------------------------------------------------------------------


def chains(timeline: Timeline) -> dict[tuple[str, int], list[int]]:
    """The parts of each track and day, by when they start (their span, else their
    first resolved session); a part that gives no start stays after the one before it
    in the document, as the timeline derives it."""
    agenda = timeline.agenda
    firsts: dict[int, int] = {}
    for slot in timeline.slots:
        if slot.parent is None and slot.start is not None and slot.part not in firsts:
            firsts[slot.part] = slot.start
    out: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for index, part in enumerate(agenda.parts):
        day = (part.date or agenda.event.date).toordinal()
        group = out.setdefault((part.track or DEFAULT_TRACK, day), [])
        span = timeline.part_span(index)
        key = span[0] if span is not None else firsts.get(index)
        if key is None:
            key = group[-1][0] if group else 0
        group.append((key, index))
    return {k: [i for _, i in sorted(v)] for k, v in out.items()}


def length_of(slot: Slot, minutes: Mapping[str, int]) -> int | None:
    """A session's length in seconds: the plan's, else its `minutes`, else its time."""
    if slot.explicit_id and slot.id in minutes:
        return minutes[slot.id] * 60
    if slot.session.minutes is not None:
        return slot.session.minutes * 60
    if slot.start is not None and slot.end is not None:
        return slot.end - slot.start
    return None


def _written_start(slot: Slot) -> bool:
    s = slot.session
    return s.time is not None or s.start is not None or s.end is not None


def free_before(timeline: Timeline, prev: Slot, slot: Slot) -> int:
    """Seconds of free time reflow leaves between ``prev`` and ``slot``: what was
    written when the checker accepts it, else the declared changeover."""
    flow = timeline.flows[slot.part]
    allowed = flow.changeover * 60
    exempt = slot.session.kind in _NO_CHANGEOVER or prev.session.kind in _NO_CHANGEOVER
    need = allowed if flow.required and not exempt else 0
    written = 0
    if prev.end is not None and slot.start is not None:
        written = slot.start - prev.end
    if need <= written <= allowed:
        return written
    return allowed if written > allowed else need


def _keeps_start(timeline: Timeline, prev: Slot, slot: Slot) -> bool:
    """Whether ``slot`` keeps its written start unless pushed: a free room, or free
    time a declared break covers."""
    if not _written_start(slot) or slot.start is None:
        return False
    flow = timeline.flows[slot.part]
    if not flow.contiguous:
        return True
    if prev.end is None or slot.start - prev.end <= flow.changeover * 60:
        return False
    return _excused(timeline, slot, prev.end, slot.start, flow.changeover * 60)


@dataclass(slots=True)
class Placement:
    """Where reflow puts things: (start, end) by slot order, spans by part index, and
    the slots that kept their time as anchors (fixed sessions, anchored span starts)."""

    times: dict[int, tuple[int, int]] = field(default_factory=dict)
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    anchors: set[int] = field(default_factory=set)


def place(
    timeline: Timeline, minutes: Mapping[str, int], found: list[Diagnostic], lang: str
) -> Placement:
    """Place every top-level session of ``timeline`` (see the module)."""
    placer = _Placer(timeline, minutes, found, lang)
    for (_, day), parts in chains(timeline).items():
        placer.chain(parts, day)
    return placer.out


class _Placer:
    def __init__(
        self,
        timeline: Timeline,
        minutes: Mapping[str, int],
        found: list[Diagnostic],
        lang: str,
    ) -> None:
        self.timeline = timeline
        self.minutes = minutes
        self.found = found
        self.lang = lang
        self.out = Placement()
        self.by_part: dict[int, list[Slot]] = {}
        for slot in timeline.slots:
            if slot.parent is None:
                self.by_part.setdefault(slot.part, []).append(slot)

    def chain(self, parts: list[int], day: int) -> None:
        timeline = self.timeline
        times = self.out.times
        prev: Slot | None = None
        cur_end: int | None = None
        prev_part_end: int | None = None
        for p in parts:
            span = timeline.part_span(p)
            slots = self.by_part.get(p, [])
            chained = span is not None and prev_part_end is not None and span[0] == prev_part_end
            part_anchor = span[0] if span is not None and not chained else None
            for slot in slots:
                length = length_of(slot, self.minutes)
                if length is None:
                    where = _locate(timeline.agenda.source, slot.path)
                    self.found.append(REFLOW_NO_LENGTH.at(where, lang=self.lang, id=slot.id))
                    prev, cur_end = None, None
                    continue
                anchor, what = None, ""
                if slot is slots[0] and part_anchor is not None:
                    anchor, what = part_anchor, "span"
                if slot.session.fixed and slot.start is not None:
                    anchor, what = slot.start, "fixed"
                if anchor is not None:
                    self.out.anchors.add(slot.order)
                if cur_end is None or prev is None:
                    start = self._opening(slot, anchor, p, day)
                    if start is None:
                        continue  # the timeline reports it (unresolved-time)
                else:
                    start = self._next(prev, slot, cur_end, anchor, what, p)
                times[slot.order] = (start, start + length)
                prev, cur_end = slot, start + length
            if span is not None and slots and all(s.order in times for s in slots):
                first, last = times[slots[0].order], times[slots[-1].order]
                new_start = part_anchor if part_anchor is not None else first[0]
                tight = slots[-1].end == span[1]
                new_end = last[1] if tight or last[1] > span[1] else span[1]
                self.out.spans[p] = (new_start, new_end)
            if span is not None:
                prev_part_end = span[1]
            elif slots and slots[-1].end is not None:
                prev_part_end = slots[-1].end

    def _opening(self, slot: Slot, anchor: int | None, part: int, day: int) -> int | None:
        """Where a chain starts: its anchor, else the written time, else the window."""
        if anchor is not None:
            return anchor
        if slot.start is not None:
            return slot.start
        opens = self.timeline.part_window(part, day)
        return opens[0] if opens is not None else None

    def _next(
        self, prev: Slot, slot: Slot, cur_end: int, anchor: int | None, what: str, part: int
    ) -> int:
        timeline = self.timeline
        natural = cur_end + free_before(timeline, prev, slot)
        if anchor is None:
            if _keeps_start(timeline, prev, slot):
                assert slot.start is not None
                return max(slot.start, natural)
            return natural
        if natural > anchor:
            span = what == "span"
            clock = timeline.clock
            self.found.append(
                REFLOW_ANCHOR.at(
                    _locate(
                        timeline.agenda.source, ("parts", part, "span") if span else slot.time_path
                    ),
                    what,
                    lang=self.lang,
                    id=part_key(timeline.agenda, part) if span else slot.id,
                    end=clock.clock(natural),
                    start=clock.clock(anchor),
                    over=Duration(natural - anchor),
                )
            )
        return anchor


def _locate(source: Any, path: Path) -> Location:
    if source is not None:
        loc: Location = source.locate(path)
        return loc
    return Location("<agenda>", 0, 0, format_path(path))  # built in code: no line


# --- writing ------------------------------------------------------------------------


def _day(timeline: Timeline, part: int) -> int:
    agenda = timeline.agenda
    return (agenda.parts[part].date or agenda.event.date).toordinal()


def _same_range(text: str, a: int, b: int) -> bool:
    """Whether the written range already says ``a``–``b`` (minutes of the day, ``b``
    possibly past midnight): an end written ``00:00`` and one written ``24:00`` are the
    same midnight, so reflow leaves either as it is."""
    start, end = parse_range(text)
    return start == a % DAY and end % DAY == b % DAY


def _clock_like(old: str, minute: int, *, end: bool = False) -> str:
    """``HH:MM`` of ``minute`` in the form ``old`` was written (``9:00`` stays unpadded;
    an end at midnight is 24:00)."""
    text = "24:00" if end and minute == DAY else format_minutes(minute % DAY)
    if len(old.strip().split(":")[0]) == 1 and text.startswith("0"):
        text = text[1:]
    return text


def range_text(old: str, a: int, b: int) -> str:
    """A clock range in the form ``old`` was written: its separator and spacing."""
    match = _RANGE.match(old)
    if match is None:
        return f"{_clock_like('00', a)}-{_clock_like('00', b, end=True)}"
    lead, x, sep, y, trail = match.groups()
    return f"{lead}{_clock_like(x, a)}{sep}{_clock_like(y, b, end=True)}{trail}"


def _changes(
    timeline: Timeline,
    targets: dict[int, tuple[int, int]],
    spans: dict[int, tuple[int, int]],
    minutes: Mapping[str, int],
) -> list[Change]:
    clock = timeline.clock
    out: list[Change] = []
    shift: dict[int, int] = {}  # by slot order: how far a parent moved
    for slot in timeline.slots:
        if slot.parent is not None:
            delta = shift.get(slot.parent.order)
            if not delta or slot.start is None or slot.end is None:
                continue
            shift[slot.order] = delta
            target = (slot.start + delta, slot.end + delta)
        else:
            found = targets.get(slot.order)
            if found is None or slot.start is None:
                continue
            target = found
            shift[slot.order] = target[0] - slot.start
        day = _day(timeline, slot.part)
        a, b = clock.minute_of(target[0], day), clock.minute_of(target[1], day)
        out += _session_changes(slot, a, b, minutes)
    for p, (start, end) in sorted(spans.items()):
        old = timeline.agenda.parts[p].span
        assert old is not None
        day = _day(timeline, p)
        a, b = clock.minute_of(start, day), clock.minute_of(end, day)
        if not _same_range(old, a, b):
            key = part_key(timeline.agenda, p)
            out.append(Change(("parts", p, "span"), key, old, range_text(old, a, b)))
    return out


def _session_changes(slot: Slot, a: int, b: int, minutes: Mapping[str, int]) -> list[Change]:
    s = slot.session
    out: list[Change] = []
    path = slot.path
    end_minute = b if b == DAY else b % DAY
    if s.time is not None:
        if not _same_range(s.time, a, b):
            out.append(Change((*path, "time"), slot.id, s.time, range_text(s.time, a, b)))
    else:
        if s.start is not None and parse_clock(s.start) != a % DAY:
            out.append(Change((*path, "start"), slot.id, s.start, _clock_like(s.start, a)))
        if s.end is not None and parse_clock(s.end) % DAY != end_minute % DAY:
            out.append(Change((*path, "end"), slot.id, s.end, _clock_like(s.end, b, end=True)))
    new_minutes = minutes.get(slot.id) if slot.explicit_id else None
    if new_minutes is not None and s.minutes is not None and new_minutes != s.minutes:
        out.append(Change((*path, "minutes"), slot.id, s.minutes, minutes[slot.id]))
    return out


def _missing_starts(
    old: Timeline, new: Timeline, targets: dict[int, tuple[int, int]]
) -> list[Change]:
    """A `start` for each session without a written time that the new agenda does not
    place where reflow did (the first of a run of them is enough)."""
    out: list[Change] = []
    clock = old.clock
    previous_wrong = False
    for before, after in zip(old.slots, new.slots, strict=True):
        target = targets.get(before.order)
        if target is None or after.start == target[0]:
            previous_wrong = False
            continue
        s = after.session
        if previous_wrong or s.time is not None or s.start is not None or s.end is not None:
            previous_wrong = True
            continue
        day = _day(old, before.part)
        text = _clock_like("00", clock.minute_of(target[0], day))
        neighbour = "minutes" if s.minutes is not None else "title"
        out.append(
            Change((*before.path, "start"), before.id, None, text, (*before.path, neighbour))
        )
        previous_wrong = True
    return out


def _copy_with(agenda: Agenda, changes: list[Change]) -> Agenda:
    new = agenda.model_copy(deep=True)
    for change in changes:
        set_in(new, change.path, change.new)
    new._source = agenda._source
    return new
