"""Reading frab/pentabarf/pretalx schedules, shared by the XML and JSON readers.

Readers turn their syntax into ``RawEvent`` records; ``to_items`` decides the time zone
and each session's instants, tolerating what real exports do: no zone name, ``<date>``
values in UTC, ``<date>`` marked UTC but holding local time, no ``<date>`` at all, days
that run past midnight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..diagnostics import Location
from ..findings import (
    IMPORT_ASSUMED_STRUCTURE,
    IMPORT_ASSUMED_TIME,
    IMPORT_ASSUMED_ZONE,
    IMPORT_SKIPPED,
    IMPORT_VALUE_DROPPED,
)
from ..model import KINDS
from ._build import EventInfo
from ._common import (
    Item,
    Notes,
    Options,
    Person,
    clean_notes,
    clean_text,
    derive_kind,
    in_range,
    limit_error,
    quoted,
)
from ._zones import guess_zone, offset_text

__all__ = ["GENERATOR", "Conference", "RawEvent", "to_items"]

#: The generator name agenda-kit writes into schedules (and recognises on reading).
GENERATOR = "agenda-kit"


@dataclass(slots=True)
class Conference:
    title: str = ""
    acronym: str = ""
    time_zone_name: str = ""
    base_url: str = ""
    venue: str = ""
    city: str = ""
    day_change: str = ""
    generator: str = ""
    rooms: list[str] = field(default_factory=list)


@dataclass(slots=True)
class RawEvent:
    where: Location
    id: str = ""
    guid: str = ""
    title: str = ""
    subtitle: str = ""
    date: str = ""
    start: str = ""
    duration: str = ""
    end: str = ""
    room: str = ""
    type: str = ""
    language: str = ""
    abstract: str = ""
    description: str = ""
    url: str = ""
    track: str = ""
    persons: list[tuple[str, str]] = field(default_factory=list)  # (source id, name)
    day_date: str = ""
    day_start: str = ""


_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d\d)(?::(\d\d))?\s*$")
_DURATION = re.compile(r"^\s*\d{1,3}(?::\d\d){1,3}\s*$")


def _clock(text: str) -> time | None:
    match = _CLOCK.match(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return time(int(match[1]), int(match[2]))


def _duration(text: str) -> timedelta | None:
    """``HH:MM``, ``HH:MM:SS`` or ``D:HH:MM:SS`` (pentabarf) as a timedelta."""
    if not _DURATION.match(text):
        return None
    numbers = [int(n) for n in text.strip().split(":")]
    if len(numbers) == 2:
        numbers = [0, *numbers, 0]
    elif len(numbers) == 3:
        numbers = [0, *numbers]
    days, hours, minutes, seconds = numbers
    return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def _instant(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _choose_zone(conf: Conference, events: list[RawEvent], options: Options, report: Notes) -> str:
    named = conf.time_zone_name.strip()
    if options.timezone:
        if named and named != options.timezone:
            report.add(IMPORT_ASSUMED_ZONE, "override", named=named, zone=options.timezone)
        return options.timezone
    if named:
        from ..timespan import is_zone

        if is_zone(named):
            return named
        report.add(IMPORT_VALUE_DROPPED, "zone", zone=named)
    samples: list[tuple[datetime, int]] = []
    for event in events:
        when = _instant(event.date) if event.date else None
        if when is not None and when.tzinfo is not None and in_range(when):
            offset = when.utcoffset()
            samples.append((when, int(offset.total_seconds()) if offset else 0))
    if not samples:
        report.add(IMPORT_ASSUMED_ZONE, "utc")
        return "UTC"
    offsets = sorted({offset for _, offset in samples})
    if offsets == [0]:
        report.add(IMPORT_ASSUMED_ZONE, "schedule-utc")
        return "UTC"
    zone = guess_zone(samples) or "UTC"
    shown = ", ".join(offset_text(o) for o in offsets)
    report.add(IMPORT_ASSUMED_ZONE, "guessed", zone=zone, offsets=shown)
    return zone


def to_items(
    conf: Conference, events: list[RawEvent], name: str, options: Options, report: Notes
) -> tuple[list[Item], str, EventInfo]:
    """Sessions, the agenda's zone, and what the schedule says about the event."""
    if len(events) > options.limits.sessions:
        where = events[options.limits.sessions].where
        raise limit_error("sessions", options.limits.sessions, name, where.line, where.column)
    zone = _choose_zone(conf, events, options, report)
    tz = ZoneInfo(zone)
    items: list[Item] = []
    types: dict[str, str] = {}
    own = conf.generator == GENERATOR
    for event in events:
        start = _start(event, conf, tz, zone, report)
        if start is None:
            continue
        end = _end(event, start, report)
        kind = _kind(event, types, report)
        persons = [_person(key, person_name) for key, person_name in event.persons]
        persons = [p for p in persons if p.name]
        parts = []
        for text in (event.subtitle, event.abstract, event.description):
            cleaned = clean_notes(text)
            if cleaned and cleaned not in parts:
                parts.append(cleaned)
        title = clean_text(event.title)
        if title != event.title.strip():
            report.add(IMPORT_ASSUMED_STRUCTURE, "text", event.where, key="text")
        items.append(
            Item(
                title=title,
                start=start,
                end=end,
                where=event.where,
                ident=event.id or None,
                uid=event.guid or None,
                room=clean_text(event.room) or None,
                speakers=persons,
                kind=kind,
                description="\n\n".join(parts) or None,
                url=clean_text(event.url) or None,
                language=clean_text(event.language) or None,
                part=clean_text(event.track) or None if own else None,
            )
        )
    info = EventInfo(
        title=clean_text(conf.title) or clean_text(conf.acronym) or _stem(name),
        id=clean_text(conf.acronym) or None,
        url=clean_text(conf.base_url) or None,
        venue=clean_text(conf.venue) or None,
        address=clean_text(conf.city) or None,
        rooms=[clean_text(r) for r in conf.rooms if clean_text(r)],
        free_rooms=not own,  # agenda-kit's own schedule keeps what the agenda said
    )
    return items, zone, info


def _person(key: str, text: str) -> Person:
    """pretalx writes ``Name [Affiliation]``."""
    text = clean_text(text)
    match = re.match(r"^(.+?)\s*\[([^\[\]]+)\]$", text)
    if match:
        return Person(match[1], key=key or None, affiliation=match[2])
    return Person(text, key=key or None)


def _stem(name: str) -> str:
    from pathlib import Path

    return Path(name).stem or "Imported agenda"


def _start(
    event: RawEvent, conf: Conference, tz: ZoneInfo, zone: str, report: Notes
) -> datetime | None:
    clock = _clock(event.start) if event.start else None
    if event.start and clock is None:
        report.add(IMPORT_VALUE_DROPPED, "frab-start", event.where, value=quoted(event.start))
    when = _instant(event.date) if event.date else None
    if event.date and when is None:
        report.add(IMPORT_VALUE_DROPPED, "frab-date", event.where, value=quoted(event.date))
    if when is not None and not in_range(when):
        report.add(IMPORT_SKIPPED, "range", event.where, key="range")
        return None
    if when is not None and when.tzinfo is None:
        if len(event.date.strip()) == 10 and clock is not None:  # a date without a time
            when = datetime.combine(when.date(), clock)
        return when.replace(tzinfo=tz)
    if when is not None:
        local = when.astimezone(tz)
        if clock is None or (local.hour, local.minute) == (clock.hour, clock.minute):
            offset = when.utcoffset()
            if offset == timedelta(0) and local.utcoffset() != timedelta(0):
                report.add(IMPORT_ASSUMED_ZONE, "date-utc", event.where, key="utc", zone=zone)
            return local
        if when.utcoffset() == timedelta(0) and (when.hour, when.minute) == (
            clock.hour,
            clock.minute,
        ):
            report.add(IMPORT_ASSUMED_ZONE, "utc-local", event.where, key="utc-local", zone=zone)
            return when.replace(tzinfo=tz)
        report.add(
            IMPORT_ASSUMED_TIME,
            "date-start",
            event.where,
            key="date-start",
            want=event.date,
            got=event.start,
        )
        return local
    if clock is None:
        report.add(IMPORT_SKIPPED, "no-when", event.where)
        return None
    try:
        day = date.fromisoformat(event.day_date.strip())
        if not in_range(day):
            report.add(IMPORT_SKIPPED, "range", event.where, key="range")
            return None
    except ValueError:
        report.add(IMPORT_SKIPPED, "no-day-date", event.where)
        return None
    local_start = datetime.combine(day, clock)
    day_opens = _instant(event.day_start) if event.day_start else None
    change = (
        day_opens.time()
        if day_opens is not None and len(event.day_start.strip()) > 10
        else _clock(conf.day_change) or time(0)
    )
    if clock < change:  # after midnight, still on the schedule's day
        local_start += timedelta(days=1)
    report.add(IMPORT_ASSUMED_TIME, "no-date", event.where, key="no-date", zone=zone)
    return local_start.replace(tzinfo=tz)


def _end(event: RawEvent, start: datetime, report: Notes) -> datetime | None:
    if event.duration.strip():
        length = _duration(event.duration)
        if length is not None:  # elapsed time: added to the instant, not the wall clock
            return (start.astimezone(UTC) + length).astimezone(start.tzinfo)
        report.add(IMPORT_VALUE_DROPPED, "bad-duration", event.where, value=quoted(event.duration))
    if event.end:
        end = _instant(event.end)
        if end is not None:
            return end if end.tzinfo is not None else end.replace(tzinfo=start.tzinfo)
    report.add(IMPORT_ASSUMED_TIME, "no-duration", event.where, key="no-duration")
    return None


_TYPE_KINDS: tuple[tuple[str, str], ...] = (
    ("keynote", "keynote"),
    ("ceremony", "ceremony"),
    ("break", "break"),
    ("pause", "break"),
    ("lunch", "break"),
    ("coffee", "break"),
    ("panel", "discussion"),
    ("podium", "discussion"),
    ("discussion", "discussion"),
    ("meeting", "discussion"),
    ("lecture", "talk"),
    ("talk", "talk"),
    ("lightning", "talk"),
    ("presentation", "talk"),
    ("workshop", "talk"),
    ("tutorial", "talk"),
    ("devroom", "talk"),  # FOSDEM: a talk in a developer room
    ("maintrack", "talk"),
    # Not talks: a stand, an info desk, a reception or a poster session occupies its
    # room for hours and holds other sessions; the length bounds of a talk do not fit.
    ("bof", "discussion"),
    ("birds-of-a-feather", "discussion"),
    ("birds of a feather", "discussion"),
    ("jam", "discussion"),
    ("standtrack", "other"),
    ("stand", "other"),
    ("infodesk", "other"),
    ("reception", "other"),
    ("poster", "other"),
    ("performance", "other"),
    ("concert", "other"),
    ("party", "other"),
    ("other", "other"),
)


def _kind(event: RawEvent, seen: dict[str, str], report: Notes) -> str:
    kind_type = clean_text(event.type)
    lowered = kind_type.lower()
    if lowered in KINDS:
        return lowered
    for word, kind in _TYPE_KINDS:
        if word in lowered:
            return kind
    kind = derive_kind(event.title) or "talk"
    if kind_type and kind_type not in seen:
        seen[kind_type] = kind
        report.add(
            IMPORT_ASSUMED_STRUCTURE,
            "frab-kind",
            event.where,
            value=quoted(kind_type),
            component=kind,
        )
    return kind
