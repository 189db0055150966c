"""The calendar head of a feed or an invitation: ``BEGIN:VCALENDAR`` up to the
VTIMEZONE of the event's zone, and the DTSTAMP every event of one export shares.

The head is written as text; its VTIMEZONE comes from icalendar, which knows how to
describe a zone's rules.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from ..model import Agenda
from ..timeline import Slot, Timeline
from ..timespan import FIRST_DATE, LAST_DATE, MAX_INSTANT
from .options import colors, format_duration
from .structure import event_lines
from .text import fold, text_value, uri_value

__all__ = [
    "PRODID",
    "calendar_head",
    "date_range",
    "dtstamp",
    "event_title",
    "feed_name",
    "stamp_text",
    "text_line",
    "vtimezone",
]

PRODID = "-//agenda-kit//agenda-kit//EN"


def text_line(name: str, value: str | None) -> bytes:
    """``NAME:value``, folded; nothing when the value is empty once spaces and tabs
    around it are left out (libical drops a property without a value, and says so)."""
    text = text_value(value or "")
    return fold(f"{name}:{text}") if text else b""


def event_title(agenda: Agenda) -> str:
    """The event's title, or its id when the title is blank."""
    title = agenda.event.title
    return title.strip(" \t") if title.strip() else agenda.event.id


def feed_name(agenda: Agenda, speakers: Iterable[str]) -> str:
    """The calendar's name: the event's title, and the speakers' names for a personal feed."""
    names = [
        agenda.speakers[s].name if s in agenda.speakers else s for s in dict.fromkeys(speakers)
    ]
    title = event_title(agenda)
    return f"{title} – {', '.join(names)}" if names else title


def dtstamp() -> datetime:
    """One DTSTAMP per export: ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    # isdecimal, not isdigit: "²" is a digit int() refuses; an epoch past year 9999 is
    # not a time a calendar can carry, so it is ignored like a malformed one.
    if epoch and epoch.strip().isdecimal() and len(epoch.strip()) <= 12:
        seconds = int(epoch)
        if seconds <= MAX_INSTANT:
            return datetime.fromtimestamp(seconds, UTC)
    return datetime.now(UTC).replace(microsecond=0)


def stamp_text(stamp: datetime) -> str:
    """``YYYYMMDDTHHMMSSZ`` of an aware datetime."""
    return stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_head(
    agenda: Agenda,
    first: date,
    last: date,
    *,
    method: str | None = None,
    name: str | None = None,
    refresh: int | None = None,
    structure: bool = False,
) -> bytes:
    """``BEGIN:VCALENDAR`` up to the VTIMEZONE (included) of the event's zone.

    With a ``name`` the calendar is one people keep (a feed, a download): it gets its
    name, description, URL and colour, in RFC 7986 properties and the ``X-WR-`` ones
    older clients read. An iTIP message (``method`` REQUEST or CANCEL) gets none of
    them: Outlook offers to open a file with a calendar name as a calendar of its own.
    With ``structure`` it says which event it is (``X-AGENDA-KIT-EVENT``).
    """
    event = agenda.event
    lines = [
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
        fold(f"PRODID:{PRODID}"),
        b"CALSCALE:GREGORIAN\r\n",
    ]
    if method is not None:
        lines.append(f"METHOD:{method}\r\n".encode())
    if name is not None:
        title = text_value(name) or text_value(event.id)
        lines += (fold(f"NAME:{title}"), fold(f"X-WR-CALNAME:{title}"))
        lines.append(fold(f"X-WR-TIMEZONE:{text_value(event.timezone)}"))
        lines += (
            text_line("DESCRIPTION", event.description),
            text_line("X-WR-CALDESC", event.description),
        )
        if event.url:
            lines.append(fold(f"URL:{uri_value(event.url)}"))
        if event.color:
            known = colors(event.color)
            if known is not None:  # a name CSS3 does not know is left out
                lines += (
                    fold(f"COLOR:{known[0]}"),
                    fold(f"X-APPLE-CALENDAR-COLOR:{known[1]}"),
                )
        if refresh is not None:
            duration = format_duration(refresh)
            lines += (
                fold(f"REFRESH-INTERVAL;VALUE=DURATION:{duration}"),
                fold(f"X-PUBLISHED-TTL:{duration}"),
            )
    if structure:
        lines.append(event_lines(agenda))
    lines.append(vtimezone(event.timezone, first, last))
    return b"".join(lines)


@lru_cache(maxsize=32)
def vtimezone(tzid: str, first: date, last: date) -> bytes:
    """The VTIMEZONE of ``tzid`` with the transitions from ``first`` to ``last``.

    The range is kept within a year of the dates an agenda may name: the zone
    database means nothing far outside them, and year 1 or 9999 overflow.
    """
    from icalendar import Timezone

    low, high = FIRST_DATE - timedelta(days=366), LAST_DATE + timedelta(days=366)
    first, last = min(max(first, low), high), min(max(last, low), high)
    tz = Timezone.from_tzid(tzid, first_date=first, last_date=last)
    # icalendar adds a COMMENT on the range it covers, which libical flags.
    tz.pop("COMMENT", None)
    data: bytes = tz.to_ical()
    return data


def date_range(timeline: Timeline, slots: list[Slot]) -> tuple[date, date]:
    """The local dates the VTIMEZONE must cover for ``slots``, with a day's margin."""
    clock = timeline.clock
    if slots:
        lo = min(s.start for s in slots if s.start is not None)
        hi = max(s.end for s in slots if s.end is not None)
        first, last = clock.local(lo).date(), clock.local(hi).date()
    else:
        first = last = timeline.agenda.event.date
    # ZoneClock keeps local dates days inside the years 1 to 9999: a day's margin fits.
    return first - timedelta(days=1), last + timedelta(days=1)
