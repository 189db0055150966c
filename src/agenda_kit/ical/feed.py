"""An agenda as an iCalendar feed: one VEVENT per session, per part, or per day.

This module puts a feed together; its pieces live along their jobs: the calendar
head and VTIMEZONE (``head``), session VEVENTs (``events``), part and day entries
(``entries``), the structure as ``X-AGENDA-KIT-*`` properties (``structure``) and the
words around the agenda's text (``labels``). The names invitations use are re-exported
here, where they have always been.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from .._files import write_atomic
from .._gc import paused_gc
from ..model import Agenda
from ..timeline import Slot, Timeline, build_timeline
from .entries import Entry, day_entries, part_entries
from .events import UID_DOMAIN, EventWriter, day_uid, part_uid, summary_of, uid
from .head import (
    PRODID,
    calendar_head,
    date_range,
    dtstamp,
    event_title,
    feed_name,
    stamp_text,
    text_line,
)
from .options import FeedOptions
from .text import fold, text_value

__all__ = [
    "PRODID",
    "UID_DOMAIN",
    "Entry",
    "EventWriter",
    "calendar_head",
    "day_entries",
    "day_uid",
    "dtstamp",
    "event_title",
    "iter_ical",
    "part_entries",
    "part_uid",
    "resolved_slots",
    "stamp_text",
    "summary_of",
    "text_line",
    "to_ical",
    "uid",
    "write_ical",
]


def to_ical(
    agenda: Agenda, *, stamp: datetime | None = None, options: FeedOptions | None = None
) -> bytes:
    """The agenda as an RFC 5545 calendar (UTF-8, CRLF, folded at 75 octets)."""
    with paused_gc():
        return b"".join(iter_ical(agenda, stamp=stamp, options=options))


def write_ical(
    agenda: Agenda,
    path: str | Path,
    *,
    stamp: datetime | None = None,
    options: FeedOptions | None = None,
) -> int:
    """Write the calendar to ``path`` atomically; an existing file survives any failure.

    Returns the number of bytes written.
    """
    with paused_gc():
        return write_atomic(path, iter_ical(agenda, stamp=stamp, options=options))


def resolved_slots(timeline: Timeline, speakers: Iterable[str] = ()) -> list[Slot]:
    """The slots with a start and an end; only those of ``speakers`` when given."""
    wanted = set(speakers)
    return [
        s
        for s in timeline.slots
        if s.start is not None
        and s.end is not None
        and (not wanted or not wanted.isdisjoint(s.session.speakers))
    ]


def iter_ical(
    agenda: Agenda,
    *,
    stamp: datetime | None = None,
    timeline: Timeline | None = None,
    options: FeedOptions | None = None,
) -> Iterator[bytes]:
    """The calendar in chunks: the head, one chunk per event, the end."""
    options = options or FeedOptions()
    timeline = timeline or build_timeline(agenda)
    slots = resolved_slots(timeline, options.speakers)
    # A session feed holds only sessions: RELATED-TO may name a session in it, never
    # a part entry, which only a feed per part has.
    present = {uid(agenda, s) for s in slots} if options.per == "session" else set()
    writer = EventWriter(
        agenda, timeline, reminders=options.reminders, lang=options.lang, present=present
    )
    first, last = date_range(timeline, slots)
    yield calendar_head(
        agenda,
        first,
        last,
        name=feed_name(agenda, options.speakers),
        refresh=options.refresh,
        structure=True,
    )
    stamp_line = f"DTSTAMP:{stamp_text(stamp or dtstamp())}\r\n".encode()
    if options.per == "session":
        for slot in slots:
            yield writer.event(slot, stamp_line)
    else:
        entries = (
            part_entries(writer, timeline, slots)
            if options.per == "part"
            else day_entries(writer, timeline, slots)
        )
        for entry in entries:
            yield b"".join(
                (
                    b"BEGIN:VEVENT\r\n",
                    fold(f"UID:{text_value(entry.uid)}"),
                    stamp_line,
                    writer.entry_body(entry),
                    writer.alarms(entry.summary) if entry.start is not None else b"",
                    b"END:VEVENT\r\n",
                )
            )
    yield b"END:VCALENDAR\r\n"
