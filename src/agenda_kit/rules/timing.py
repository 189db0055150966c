"""AK2xx: sessions against each other, the event window, their parts and the calendar."""

from __future__ import annotations

from collections.abc import Iterator

from ..timeline import Timeline
from .base import Finding, minutes_text

__all__ = ["WEEKDAYS", "durations", "part_spans", "tiling", "weekday", "window"]


def tiling(timeline: Timeline) -> Iterator[Finding]:
    """`gap` and `overlap`: a sweep over each track and day."""
    clock = timeline.clock
    for slots in timeline.groups().values():
        latest = slots[0]
        for slot in slots[1:]:
            assert slot.start is not None and slot.end is not None and latest.end is not None
            if slot.start > latest.end:
                yield Finding(
                    "gap",
                    slot.time_path,
                    f"{minutes_text(slot.start - latest.end)} between `{latest.id}` "
                    f"(ends {clock.clock(latest.end)}) and `{slot.id}` "
                    f"(starts {clock.clock(slot.start)})",
                    f"start `{slot.id}` at {clock.clock(latest.end)}, or declare a break "
                    f"from {clock.clock(latest.end)} to {clock.clock(slot.start)}",
                    related=(latest.path,),
                )
            elif slot.start < latest.end:
                yield Finding(
                    "overlap",
                    slot.time_path,
                    f"`{slot.id}` starts at {clock.clock(slot.start)}, "
                    f"{minutes_text(latest.end - slot.start)} before `{latest.id}` ends "
                    f"at {clock.clock(latest.end)}",
                    f"start `{slot.id}` at {clock.clock(latest.end)}, shorten `{latest.id}`, "
                    "or move one of them to another track",
                    related=(latest.path,),
                )
            if slot.end > latest.end:
                latest = slot


def window(timeline: Timeline) -> Iterator[Finding]:
    """`outside-window` per session and `window-not-filled` per track and day."""
    if timeline.window is None:
        return
    clock = timeline.clock
    for (track, day), slots in timeline.groups().items():
        bounds = timeline.window_on(day)
        assert bounds is not None
        opens, closes = bounds
        for slot in slots:
            assert slot.start is not None and slot.end is not None
            if slot.start < opens:
                yield Finding(
                    "outside-window",
                    slot.time_path,
                    f"`{slot.id}` starts {minutes_text(opens - slot.start)} before the window "
                    f"opens at {clock.clock(opens)}",
                    f"start `{slot.id}` at {clock.clock(opens)} or later, or widen `event.window`",
                )
            elif slot.end > closes:
                yield Finding(
                    "outside-window",
                    slot.end_path,
                    f"`{slot.id}` ends {minutes_text(slot.end - closes)} after the window "
                    f"closes at {clock.clock(closes)}",
                    f"end `{slot.id}` by {clock.clock(closes)}, or widen `event.window`",
                )
        first = slots[0]
        last = max(slots, key=lambda s: (s.end, -s.order))
        assert first.start is not None and last.end is not None
        if first.start > opens:
            yield Finding(
                "window-not-filled",
                first.time_path,
                f"track `{track}` starts at {clock.clock(first.start)}, "
                f"{minutes_text(first.start - opens)} after the window opens at "
                f"{clock.clock(opens)}",
                f"start the first session at {clock.clock(opens)}, or narrow `event.window`",
            )
        if last.end < closes:
            yield Finding(
                "window-not-filled",
                last.end_path,
                f"track `{track}` ends at {clock.clock(last.end)}, "
                f"{minutes_text(closes - last.end)} before the window closes at "
                f"{clock.clock(closes)}",
                f"end the last session at {clock.clock(closes)}, or narrow `event.window`",
            )


def durations(timeline: Timeline) -> Iterator[Finding]:
    """`duration-mismatch`: declared minutes against the clock (real elapsed time)."""
    for slot in timeline.slots:
        s = slot.session
        if s.minutes is None or slot.start is None or slot.end is None:
            continue
        explicit_both = s.time is not None or (s.start is not None and s.end is not None)
        if not explicit_both:
            continue
        actual = slot.end - slot.start
        if actual != s.minutes * 60:
            yield Finding(
                "duration-mismatch",
                (*slot.path, "minutes"),
                f"`{slot.id}` declares {s.minutes} minutes but runs "
                f"{minutes_text(actual)} ({timeline.clock.clock(slot.start)}–"
                f"{timeline.clock.clock(slot.end)})",
                f"set `minutes: {actual // 60}` or correct the times",
            )


def part_spans(timeline: Timeline) -> Iterator[Finding]:
    """`outside-part-span`: sessions against the declared span of their part."""
    spans: dict[int, tuple[int, int] | None] = {}
    clock = timeline.clock
    for slot in timeline.slots:
        if slot.part not in spans:
            spans[slot.part] = timeline.part_span(slot.part)
        span = spans[slot.part]
        if span is None or slot.start is None or slot.end is None:
            continue
        opens, closes = span
        part_span = timeline.agenda.parts[slot.part].span
        if slot.start < opens:
            yield Finding(
                "outside-part-span",
                slot.time_path,
                f"`{slot.id}` starts {minutes_text(opens - slot.start)} before its part's "
                f"span {part_span} opens",
                "move the session into the part's span, or correct the part's `span`",
                related=(("parts", slot.part, "span"),),
            )
        elif slot.end > closes:
            yield Finding(
                "outside-part-span",
                slot.end_path,
                f"`{slot.id}` ends {minutes_text(slot.end - closes)} after its part's span "
                f"{part_span} closes at {clock.clock(closes)}",
                "move the session into the part's span, or correct the part's `span`",
                related=(("parts", slot.part, "span"),),
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
    expected = f"{_DAYS_EN[actual].capitalize()} ({_DAYS_KO[actual]})"
    number = WEEKDAYS.get(written)
    if number is None:
        yield Finding(
            "weekday-mismatch",
            ("event", "weekday"),
            f"`{event.weekday}` is not a weekday name; {event.date.isoformat()} is a {expected}",
            f"write `weekday: {_DAYS_KO[actual]}` or `weekday: {_DAYS_EN[actual][:3]}`",
        )
    elif number != actual:
        yield Finding(
            "weekday-mismatch",
            ("event", "weekday"),
            f"{event.date.isoformat()} is a {expected}, not a "
            f"{_DAYS_EN[number].capitalize()} ({_DAYS_KO[number]})",
            f"write `weekday: {_DAYS_KO[actual]}`, or correct `event.date`",
        )
