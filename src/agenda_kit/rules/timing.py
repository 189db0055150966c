"""AK2xx: sessions against each other, the event window, their parts and the calendar."""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import islice
from operator import attrgetter, eq
from typing import Any

from ..findings import (
    DURATION_BOUNDS,
    DURATION_MISMATCH,
    GAP,
    NON_POSITIVE_DURATION,
    OUTSIDE_PARENT,
    OUTSIDE_PART_SPAN,
    OUTSIDE_WINDOW,
    OVERLAP,
    WEEKDAY_MISMATCH,
    WINDOW_NOT_FILLED,
    Duration,
)
from ..findings.time import SHORT_CHANGEOVER
from ..timeline import Slot, Timeline
from .base import Finding
from .naming import labels
from .pairs import overlapping

__all__ = [
    "WEEKDAYS",
    "children",
    "duration_bounds",
    "durations",
    "part_spans",
    "positive_durations",
    "tiling",
    "weekday",
    "window",
]


_NO_CHANGEOVER = ("break", "transfer")
_START, _END, _PART = attrgetter("start"), attrgetter("end"), attrgetter("part")


def _excused(timeline: Timeline, slot: Slot, opens: int, closes: int, allowed: int) -> bool:
    """Whether free time ``[opens, closes)`` before ``slot`` is covered by its part's
    declared breaks, leaving no piece longer than the changeover ``allowed`` (seconds)."""
    at = opens
    for a, b in sorted(timeline.breaks_on(slot.part, slot.day)):
        if b <= at or a >= closes:
            continue
        if a - at > allowed:
            return False
        at = max(at, b)
    return closes - at <= allowed


def _tiled(timeline: Timeline, slots: list[Slot]) -> bool:
    """Whether each of ``slots`` (sorted by instant) starts as the one before ends, in
    parts that expect no changeover: nothing for the sweep to report. Checked in C, as
    most tracks of an agenda are (no Python step per session)."""
    if not all(map(eq, map(_END, slots), map(_START, islice(slots, 1, None)))):
        return False
    flows = timeline.flows
    return all(
        flows[p].changeover == 0 or (flows[p].changeover > 0 and not flows[p].required)
        for p in set(map(_PART, slots))
    )


def _sweep(timeline: Timeline, slots: list[Slot]) -> Iterator[Finding]:
    """`gap`, `short-changeover` and `overlap` over sessions sorted by instant: free
    time after the latest end so far, and every pair that overlaps."""
    if _tiled(timeline, slots):
        return
    clock = timeline.clock
    agenda = timeline.agenda
    flows = timeline.flows
    for other, slot in overlapping(slots):
        assert other.end is not None and slot.start is not None
        yield OVERLAP.on(
            slot.time_path,
            related=(other.path,),
            sessions=(slot.id, other.id),
            overlap=Duration(other.end - slot.start),
            a=other.id,
            a_end=clock.clock(other.end),
            b=slot.id,
            b_start=clock.clock(slot.start),
            **labels(agenda, (("a", other), ("b", slot))),
        )
    latest = slots[0]
    for slot in slots[1:]:
        assert slot.start is not None and slot.end is not None and latest.end is not None
        flow = flows[slot.part]
        allowed = flow.changeover * 60
        free = slot.start - latest.end
        if free > allowed and flow.contiguous:
            if not _excused(timeline, slot, latest.end, slot.start, allowed):
                yield GAP.on(
                    slot.time_path,
                    related=(latest.path,),
                    sessions=(slot.id, latest.id),
                    gap=Duration(free),
                    a=latest.id,
                    a_end=clock.clock(latest.end),
                    b=slot.id,
                    b_start=clock.clock(slot.start),
                )
        elif (
            0 <= free < allowed
            and flow.required
            and slot.session.kind not in _NO_CHANGEOVER
            and latest.session.kind not in _NO_CHANGEOVER
        ):
            more: dict[str, Any] = (
                {"have": Duration(free), "a_end": clock.clock(latest.end)} if free else {}
            )
            yield SHORT_CHANGEOVER.on(
                slot.time_path,
                "" if free else "none",
                related=(latest.path,),
                sessions=(slot.id, latest.id),
                need=Duration(allowed),
                a=latest.id,
                b=slot.id,
                b_start=clock.clock(slot.start),
                **more,
                **labels(agenda, (("a", latest), ("b", slot))),
            )
        if slot.end > latest.end:
            latest = slot


def tiling(timeline: Timeline) -> Iterator[Finding]:
    """`gap` and `overlap`: a sweep over each track and day."""
    for slots in timeline.groups().values():
        yield from _sweep(timeline, slots)


def children(timeline: Timeline) -> Iterator[Finding]:
    """Sessions inside a session tile their parent (or declare breaks) and stay inside it."""
    clock = timeline.clock
    for slots in timeline.children().values():
        parent = slots[0].parent
        assert parent is not None
        if parent.start is None or parent.end is None:
            continue
        for slot in slots:
            assert slot.start is not None and slot.end is not None
            if slot.start < parent.start:
                yield OUTSIDE_PARENT.on(
                    slot.time_path,
                    "start",
                    related=(parent.path,),
                    sessions=(slot.id, parent.id),
                    id=slot.id,
                    parent=parent.id,
                    delta=Duration(parent.start - slot.start),
                    opens=clock.clock(parent.start),
                )
            elif slot.end > parent.end:
                yield OUTSIDE_PARENT.on(
                    slot.end_path,
                    "end",
                    related=(parent.path,),
                    sessions=(slot.id, parent.id),
                    id=slot.id,
                    parent=parent.id,
                    delta=Duration(slot.end - parent.end),
                    closes=clock.clock(parent.end),
                )
        first = slots[0]
        assert first.start is not None
        contiguous = timeline.flows[parent.part].contiguous
        if first.start > parent.start and contiguous:
            yield GAP.on(
                first.time_path,
                "parent-start",
                related=(parent.path,),
                sessions=(first.id, parent.id),
                gap=Duration(first.start - parent.start),
                parent=parent.id,
                p_start=clock.clock(parent.start),
                b=first.id,
                b_start=clock.clock(first.start),
            )
        yield from _sweep(timeline, slots)
        last = max(slots, key=lambda s: (s.end, -s.order))
        assert last.end is not None
        if last.end < parent.end and contiguous:
            yield GAP.on(
                last.end_path,
                "parent-end",
                related=(parent.path,),
                sessions=(last.id, parent.id),
                gap=Duration(parent.end - last.end),
                parent=parent.id,
                p_end=clock.clock(parent.end),
                a=last.id,
                a_end=clock.clock(last.end),
            )


def window(timeline: Timeline) -> Iterator[Finding]:
    """`outside-window` per session and `window-not-filled` per track and day, against
    the track's own window if it has one, else the event's."""
    clock = timeline.clock
    flows = timeline.flows
    for (track, day), slots in timeline.groups().items():
        parts = sorted({slot.part for slot in slots})
        own = next((p for p in parts if flows[p].window is not None), None)
        bounds = timeline.part_window(own if own is not None else parts[0], day)
        if bounds is None:
            continue
        opens, closes = bounds
        for slot in slots:
            assert slot.start is not None and slot.end is not None
            if slot.start < opens:
                yield OUTSIDE_WINDOW.on(
                    slot.time_path,
                    "start",
                    sessions=(slot.id,),
                    id=slot.id,
                    delta=Duration(opens - slot.start),
                    opens=clock.clock(opens),
                )
            elif slot.end > closes:
                yield OUTSIDE_WINDOW.on(
                    slot.end_path,
                    "end",
                    sessions=(slot.id,),
                    id=slot.id,
                    delta=Duration(slot.end - closes),
                    closes=clock.clock(closes),
                )
        if not all(flows[p].fills_window for p in parts):
            continue  # a side track: it need not fill its window
        first = slots[0]
        last = max(slots, key=lambda s: (s.end, -s.order))
        assert first.start is not None and last.end is not None
        if first.start > opens:
            yield WINDOW_NOT_FILLED.on(
                first.time_path,
                "start",
                sessions=(first.id,),
                track=track,
                start=clock.clock(first.start),
                delta=Duration(first.start - opens),
                opens=clock.clock(opens),
            )
        if last.end < closes:
            yield WINDOW_NOT_FILLED.on(
                last.end_path,
                "end",
                sessions=(last.id,),
                track=track,
                end=clock.clock(last.end),
                delta=Duration(closes - last.end),
                closes=clock.clock(closes),
            )


def durations(timeline: Timeline) -> Iterator[Finding]:
    """`duration-mismatch`: declared minutes against the clock (real elapsed time)."""
    clock = timeline.clock
    differ = [  # the few whose length is not their minutes, found without a call each
        slot
        for slot in timeline.slots
        if slot.session.minutes is not None
        and slot.start is not None
        and slot.end is not None
        and slot.end - slot.start != slot.session.minutes * 60
    ]
    for slot in differ:
        s = slot.session
        if s.minutes is None or slot.start is None or slot.end is None:
            continue
        if s.time is None and (s.start is None or s.end is None):
            continue  # one end was derived from the minutes: nothing to compare
        if slot.crossed:
            continue  # its end is a typo, reported as crosses-midnight
        actual = slot.end - slot.start
        if actual != s.minutes * 60:
            yield DURATION_MISMATCH.on(
                (*slot.path, "minutes"),
                sessions=(slot.id,),
                id=slot.id,
                declared=Duration(s.minutes * 60),
                actual=Duration(actual),
                actual_minutes=actual // 60,
                start=clock.clock(slot.start),
                end=clock.clock(slot.end),
            )


def positive_durations(timeline: Timeline) -> Iterator[Finding]:
    """`non-positive-duration`: a session must take some time."""
    empty = [
        slot
        for slot in timeline.slots
        if (slot.session.minutes is not None and slot.session.minutes <= 0)
        or (slot.start is not None and slot.end is not None and slot.end <= slot.start)
    ]
    for slot in empty:
        s = slot.session
        if slot.skipped or slot.crossed:
            continue  # its length is an effect of the time reported already
        if s.minutes is not None and s.minutes <= 0:
            yield NON_POSITIVE_DURATION.on(
                (*slot.path, "minutes"), sessions=(slot.id,), id=slot.id, minutes=s.minutes
            )
        elif slot.start is not None and slot.end is not None and slot.end <= slot.start:
            yield NON_POSITIVE_DURATION.on(
                slot.end_path,
                sessions=(slot.id,),
                id=slot.id,
                minutes=(slot.end - slot.start) // 60,
            )


DEFAULT_BOUNDS: dict[str, dict[str, int]] = {
    "talk": {"max": 180},
    "keynote": {"max": 180},
    "transfer": {"min": 1, "max": 60},
}


def duration_bounds(timeline: Timeline, options: dict[str, Any] | None = None) -> Iterator[Finding]:
    """`duration-bounds`: a session's length against the bounds set for its kind."""
    bounds = {**DEFAULT_BOUNDS, **(options or {})}
    # Seconds each kind may take (no bound: a second at least, forever at most); the
    # sessions outside them found without a Python call per session.
    spans = {
        kind: (
            limits["min"] * 60 if limits.get("min") is not None else 1,
            limits["max"] * 60 if limits.get("max") is not None else math.inf,
        )
        for kind, limits in bounds.items()
        if limits
    }
    outside = [
        slot
        for slot in timeline.slots
        if (span := spans.get(slot.session.kind)) is not None
        and slot.start is not None
        and slot.end is not None
        and not span[0] <= slot.end - slot.start <= span[1]
    ]
    for slot in outside:
        kind = slot.session.kind
        limits = bounds.get(kind)
        if not limits or slot.start is None or slot.end is None or slot.end <= slot.start:
            continue
        actual = slot.end - slot.start
        low, high = limits.get("min"), limits.get("max")
        if low is not None and actual < low * 60:
            variant, bound = "short", low
        elif high is not None and actual > high * 60:
            variant, bound = "long", high
        else:
            continue
        yield DURATION_BOUNDS.on(
            slot.end_path,
            variant,
            sessions=(slot.id,),
            id=slot.id,
            actual=Duration(actual),
            bound=Duration(bound * 60),
            kind=kind,
        )


def part_spans(timeline: Timeline) -> Iterator[Finding]:
    """`outside-part-span`: sessions against the declared span of their part."""
    if all(part.span is None for part in timeline.agenda.parts):
        return
    spans: dict[int, tuple[int, int] | None] = {}
    clock = timeline.clock
    for slot in timeline.slots:
        if slot.parent is not None:
            continue  # children are held to their parent
        if slot.part not in spans:
            spans[slot.part] = timeline.part_span(slot.part)
        span = spans[slot.part]
        if span is None or slot.start is None or slot.end is None:
            continue
        opens, closes = span
        part_span = timeline.agenda.parts[slot.part].span
        related = (("parts", slot.part, "span"),)
        if slot.start < opens:
            yield OUTSIDE_PART_SPAN.on(
                slot.time_path,
                "start",
                related=related,
                sessions=(slot.id,),
                id=slot.id,
                delta=Duration(opens - slot.start),
                span=part_span,
            )
        elif slot.end > closes:
            yield OUTSIDE_PART_SPAN.on(
                slot.end_path,
                "end",
                related=related,
                sessions=(slot.id,),
                id=slot.id,
                delta=Duration(slot.end - closes),
                span=part_span,
                closes=clock.clock(closes),
            )


_DAYS_EN = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DAYS_KO = "월화수목금토일"
WEEKDAYS: dict[str, int] = {}
for _n, _name in enumerate(_DAYS_EN):
    WEEKDAYS[_name] = _n
    WEEKDAYS[_name[:3]] = _n
    WEEKDAYS[_DAYS_KO[_n]] = _n
    WEEKDAYS[_DAYS_KO[_n] + "요일"] = _n
WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})


def weekday(timeline: Timeline) -> Iterator[Finding]:
    """`weekday-mismatch`: `event.weekday` against `event.date`."""
    event = timeline.agenda.event
    if event.weekday is None:
        return
    written = event.weekday.strip().strip("().").lower()
    actual = event.date.weekday()
    params: dict[str, Any] = {
        "date": event.date.isoformat(),
        "actual": f"{_DAYS_EN[actual].capitalize()} ({_DAYS_KO[actual]})",
        "actual_ko": _DAYS_KO[actual],
        "actual_short": _DAYS_EN[actual][:3],
        "written": event.weekday,
    }
    number = WEEKDAYS.get(written)
    if number is None:
        yield WEEKDAY_MISMATCH.on(("event", "weekday"), "unknown", **params)
    elif number != actual:
        params["written"] = f"{_DAYS_EN[number].capitalize()} ({_DAYS_KO[number]})"
        params["written_ko"] = _DAYS_KO[number]
        params["suggest"] = _same_form(event.weekday.strip(), actual)
        yield WEEKDAY_MISMATCH.on(("event", "weekday"), **params)


def _same_form(written: str, day: int) -> str:
    """Weekday ``day`` written the way ``written`` is: `Wed` -> `Tue`, `wednesday` ->
    `tuesday`, `WED` -> `TUE`, `수` -> `화`, `수요일` -> `화요일`."""
    bare = written.strip("().")
    if any("\uac00" <= c <= "\ud7a3" for c in bare):
        return _DAYS_KO[day] + ("요일" if bare.endswith("요일") else "")
    name = _DAYS_EN[day]
    short = len(bare) <= 4  # wed, weds, thur, thurs
    text = name[:3] if short else name
    if bare.isupper():
        return text.upper()
    return text.capitalize() if bare[:1].isupper() else text
