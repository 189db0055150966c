"""VEVENTs that are not one session: a part as one event (``--per part``), or an
all-day overview of a day (``--per day``), with the programme in the description."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..timeline import Slot, Timeline, part_key
from .events import EventWriter, day_uid, part_uid
from .head import event_title

__all__ = ["Entry", "day_entries", "part_entries"]


@dataclass(frozen=True, slots=True)
class Entry:
    """A VEVENT that is not one session: a part, or an all-day overview of a day.

    Timed entries have ``start`` and ``end`` (UTC seconds); all-day entries have
    ``dates`` (first day, day after the last) instead.
    """

    uid: str
    summary: str
    location: str
    description: str
    part: int | None = None
    start: int | None = None
    end: int | None = None
    dates: tuple[date, date] | None = None
    transparent: bool = False


def part_entries(writer: EventWriter, timeline: Timeline, slots: list[Slot]) -> list[Entry]:
    """One entry per part that has any of ``slots``: from the part's span (or its
    sessions' extent), with the part's whole programme in the description."""
    agenda = timeline.agenda
    by_part: dict[int, list[Slot]] = {}
    for slot in timeline.slots:
        if slot.start is not None and slot.end is not None:
            by_part.setdefault(slot.part, []).append(slot)
    wanted = {s.part for s in slots}
    entries = []
    for index in sorted(wanted):
        part = agenda.parts[index]
        members = by_part[index]
        span = timeline.part_span(index)
        start, end = span or (
            min(s.start for s in members if s.start is not None),
            max(s.end for s in members if s.end is not None),
        )
        rooms = {s.room for s in members}
        room = part.room or (next(iter(rooms)) if len(rooms) == 1 else None)
        title = event_title(agenda)
        heading = (part.title or "").strip()
        entries.append(
            Entry(
                uid=part_uid(agenda, index),
                summary=f"{title}: {heading}" if heading else title,
                location=writer.room_text(room),
                description=_join(
                    [part.description or "", writer.programme(members, rooms=len(rooms) > 1)]
                ),
                part=index,
                start=start,
                end=end,
            )
        )
    return entries


def day_entries(writer: EventWriter, timeline: Timeline, slots: list[Slot]) -> list[Entry]:
    """One all-day entry per local date on which any of ``slots`` starts, listing them."""
    agenda = timeline.agenda
    clock = timeline.clock
    by_day: dict[date, list[Slot]] = {}
    for slot in slots:
        assert slot.start is not None
        by_day.setdefault(clock.local(slot.start).date(), []).append(slot)
    total = len(by_day)
    entries = []
    for n, day in enumerate(sorted(by_day), start=1):
        members = sorted(by_day[day], key=lambda s: (s.start or 0, s.order))
        title = event_title(agenda)
        if total > 1:
            title += f" ({writer.labels.day(n, total)})"
        parts: dict[int, list[Slot]] = {}
        for slot in members:
            parts.setdefault(slot.part, []).append(slot)
        blocks = []
        for index, block in parts.items():
            part = agenda.parts[index]
            heading = part.title or part_key(agenda, index)
            rooms = {s.room for s in block}
            blocks.append(f"{heading}\n{writer.programme(block, rooms=len(rooms) > 1)}")
        entries.append(
            Entry(
                uid=day_uid(agenda, day),
                summary=title,
                location=writer.room_text(None),
                description="\n\n".join(blocks),
                dates=(day, day + timedelta(days=1)),
                transparent=True,
            )
        )
    return entries


def _join(texts: list[str]) -> str:
    return "\n\n".join(t for t in texts if t.strip(" \t")).strip(" \t")
