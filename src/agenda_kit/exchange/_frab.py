"""The frab/pentabarf/pretalx schedule, shared by the XML and JSON readers and writers.

Readers turn their syntax into ``RawEvent`` records; ``to_items`` decides the time zone
and each session's instants, tolerating what real exports do: no zone name, ``<date>``
values in UTC, ``<date>`` marked UTC but holding local time, no ``<date>`` at all, days
that run past midnight. Writers get a ``Schedule`` that satisfies the c3voc schemas.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..diagnostics import Location
from ..model import KINDS, Agenda
from ._build import EventInfo
from ._common import (
    RANGE_TEXT,
    Item,
    Options,
    Person,
    Report,
    clean_notes,
    clean_text,
    derive_kind,
    in_range,
    limit_error,
)
from ._zones import canonical, guess_zone, offset_text

__all__ = [
    "GENERATOR",
    "NAMESPACE",
    "Conference",
    "RawEvent",
    "Schedule",
    "guid_of",
    "schedule",
    "to_items",
]

GENERATOR = "agenda-kit"
# Session guids are uuid5 in this namespace of the session's calendar UID.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/agenda-kit/agenda-kit")


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


def _choose_zone(conf: Conference, events: list[RawEvent], options: Options, report: Report) -> str:
    named = conf.time_zone_name.strip()
    if options.timezone:
        if named and named != options.timezone:
            report.add(
                "assumed",
                f"the schedule names the zone {named!r}; --timezone {options.timezone} is used",
            )
        return options.timezone
    if named:
        from ..timespan import is_zone

        if is_zone(named):
            return named
        report.add("unmapped", f"the time zone {named!r} is not an IANA zone name")
    samples: list[tuple[datetime, int]] = []
    for event in events:
        when = _instant(event.date) if event.date else None
        if when is not None and when.tzinfo is not None and in_range(when):
            offset = when.utcoffset()
            samples.append((when, int(offset.total_seconds()) if offset else 0))
    if not samples:
        report.add(
            "assumed",
            "the schedule gives no time zone and no UTC offsets: its times are read as UTC; "
            "pass --timezone with the event's zone",
        )
        return "UTC"
    offsets = sorted({offset for _, offset in samples})
    if offsets == [0]:
        report.add(
            "assumed",
            "the schedule names no time zone and all its dates are in UTC: the agenda is in "
            "UTC; pass --timezone with the event's zone",
        )
        return "UTC"
    zone = guess_zone(samples) or "UTC"
    report.add(
        "assumed",
        f"the schedule names no time zone: {zone} guessed from its UTC offsets "
        f"({', '.join(offset_text(o) for o in offsets)}); pass --timezone to choose",
    )
    return zone


def to_items(
    conf: Conference, events: list[RawEvent], name: str, options: Options, report: Report
) -> tuple[list[Item], str, EventInfo]:
    """Sessions, the agenda's zone, and what the schedule says about the event."""
    if len(events) > options.limits.sessions:
        where = events[options.limits.sessions].where
        raise limit_error(
            f"the schedule has more than {options.limits.sessions} events",
            "sessions",
            name,
            where.line,
            where.column,
        )
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
            report.add(
                "assumed",
                "line breaks and control characters in titles became spaces",
                event.where,
                key="title-space",
            )
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
    event: RawEvent, conf: Conference, tz: ZoneInfo, zone: str, report: Report
) -> datetime | None:
    clock = _clock(event.start) if event.start else None
    if event.start and clock is None:
        report.add("unmapped", f"`start` {event.start!r} is not a time of day", event.where)
    when = _instant(event.date) if event.date else None
    if event.date and when is None:
        report.add("unmapped", f"`date` {event.date!r} is not a date and time", event.where)
    if when is not None and not in_range(when):
        report.add("skipped", f"an event: {RANGE_TEXT}", event.where, key="range")
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
                report.add(
                    "assumed",
                    f"`date` values are given in UTC: converted to {zone} "
                    "(they agree with `start`)",
                    event.where,
                    key="utc-dates",
                )
            return local
        if when.utcoffset() == timedelta(0) and (when.hour, when.minute) == (
            clock.hour,
            clock.minute,
        ):
            report.add(
                "assumed",
                f"`date` values marked UTC hold local times (they equal `start`): read in {zone}",
                event.where,
                key="utc-local",
            )
            return when.replace(tzinfo=tz)
        report.add(
            "assumed",
            f"`date` and `start` disagree ({event.date} against {event.start}): `date` is used",
            event.where,
            key="date-start",
        )
        return local
    if clock is None:
        report.add(
            "skipped", "an event with neither a `date` nor a `start` was skipped", event.where
        )
        return None
    try:
        day = date.fromisoformat(event.day_date.strip())
        if not in_range(day):
            report.add("skipped", f"an event: {RANGE_TEXT}", event.where, key="range")
            return None
    except ValueError:
        report.add(
            "skipped", "an event without a `date` on a day without a date was skipped", event.where
        )
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
    report.add(
        "assumed",
        f"events have no `date`: dated by their day and `start`, in {zone}",
        event.where,
        key="no-date",
    )
    return local_start.replace(tzinfo=tz)


def _end(event: RawEvent, start: datetime, report: Report) -> datetime | None:
    if event.duration.strip():
        length = _duration(event.duration)
        if length is not None:
            return start + length
        report.add(
            "unmapped", f"`duration` {event.duration!r} is not a duration (HH:MM)", event.where
        )
    if event.end:
        end = _instant(event.end)
        if end is not None:
            return end if end.tzinfo is not None else end.replace(tzinfo=start.tzinfo)
    report.add(
        "assumed",
        "an event without a `duration` ends when the next one in its room starts",
        event.where,
        key="no-duration",
    )
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
)


def _kind(event: RawEvent, seen: dict[str, str], report: Report) -> str:
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
            "assumed",
            f"event type {kind_type!r} has no matching kind: read as `{kind}`",
            event.where,
        )
    return kind


# --- Writing -------------------------------------------------------------------------


@dataclass(slots=True)
class Event:
    guid: str
    id: int
    start: datetime  # aware, in the agenda's zone
    end: datetime
    room: str
    title: str
    type: str
    slug: str
    track: str
    language: str | None
    description: str
    url: str | None
    persons: list[tuple[str, str]]  # (name, guid)


@dataclass(slots=True)
class Day:
    index: int
    date: date
    start: datetime
    end: datetime
    rooms: dict[str, list[Event]]


@dataclass(slots=True)
class Schedule:
    version: str
    acronym: str
    title: str
    zone: str
    base_url: str | None
    timeslot: str
    rooms: list[tuple[str, str]]  # (name, guid)
    days: list[Day]

    @property
    def start(self) -> date:
        return self.days[0].date if self.days else date.today()

    @property
    def end(self) -> date:
        return self.days[-1].date if self.days else self.start


_UUID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")


def guid_of(uid: str) -> str:
    """The frab guid of a calendar UID: the UID itself when it is a UUID, else uuid5."""
    if _UUID.match(uid):
        return uid.lower()
    return str(uuid.uuid5(NAMESPACE, uid))


def http_url(text: str | None) -> str | None:
    return text if text and re.match(r"^https?://\S+$", text) else None


def acronym_of(ident: str) -> str:
    text = re.sub(r"[^a-z0-9_]", "_", ident.lower())
    return text.ljust(4, "_")


def _ascii_slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def schedule(agenda: Agenda, report: Report) -> Schedule:
    """The agenda as a frab schedule: days by local date, rooms in venue order."""
    from ..ical.feed import uid as calendar_uid
    from ..timeline import build_timeline, part_key

    timeline = build_timeline(agenda)
    event = agenda.event
    tz = ZoneInfo(event.timezone)
    venue = agenda.venue
    acronym = acronym_of(event.id)
    fallback_room = venue.name if venue is not None else event.title
    room_names = {rid: room.name for rid, room in (venue.rooms.items() if venue else [])}
    taken_ids: set[int] = set()
    taken_guids: set[str] = set()
    events: list[Event] = []
    for slot in timeline.slots:
        if slot.start is None or slot.end is None:
            report.add(
                "skipped",
                f"`{slot.id}` has no resolved time: left out (run `agenda-kit check`)",
                key="unresolved",
            )
            continue
        if slot.end < slot.start:
            report.add(
                "skipped",
                f"`{slot.id}` ends before it starts (times in a clock change's gap?): left out",
            )
            continue
        session = slot.session
        uid = session.uid or calendar_uid(agenda, slot)
        guid = guid_of(uid)
        if guid in taken_guids:
            # Two sessions with one UID (an error the checker reports): frab needs
            # every guid once, so the later ones get guids of their own.
            n = 2
            while (guid := str(uuid.uuid5(NAMESPACE, f"{uid}#{n}"))) in taken_guids:
                n += 1
            report.add(
                "assumed",
                "sessions that share an id or UID got guids of their own",
                key="guid-duplicate",
            )
        taken_guids.add(guid)
        number = _number(guid, taken_ids)
        if slot.room is None:
            report.add(
                "assumed",
                f"sessions without a room are listed in the room {fallback_room!r}",
                key="no-room",
            )
        room = room_names.get(slot.room, slot.room) if slot.room else fallback_room
        if session.kind == "transfer" and session.to:
            report.add(
                "unmapped",
                "frab has no room changes: a transfer is an event in the room it starts in",
                key="transfer",
            )
        part = agenda.parts[slot.part]
        speakers = []
        for ref in session.speakers:
            speaker = agenda.speakers.get(ref)
            name = speaker.name if speaker is not None else ref
            key = f"acct:{speaker.email}" if speaker is not None and speaker.email else None
            person_guid = (
                str(uuid.uuid5(uuid.NAMESPACE_URL, key))
                if key
                else str(uuid.uuid5(NAMESPACE, f"{event.id}/speakers/{ref}"))
            )
            speakers.append((name, person_guid))
        tail = _ascii_slug(slot.id)
        events.append(
            Event(
                guid=guid,
                id=number,
                start=datetime.fromtimestamp(slot.start, tz),
                end=datetime.fromtimestamp(slot.end, tz),
                room=room,
                title=session.title,
                type=session.kind,
                slug=f"{acronym}-{number:04d}" + (f"-{tail}" if tail else ""),
                track=part.title or part_key(agenda, slot.part),
                language=session.language or event.lang,
                description=session.description or "",
                url=session.url,
                persons=speakers,
            )
        )
    order = list(room_names.values())
    for e in events:
        if e.room not in order:
            order.append(e.room)
    days = _days(events, order)
    rooms = [
        (name, str(uuid.uuid5(NAMESPACE, f"{event.id}/rooms/{name}")))
        for name in order
        if any(name in d.rooms for d in days)
    ]
    return Schedule(
        version=_version(events),
        acronym=acronym,
        title=event.title,
        zone=event.timezone,
        base_url=http_url(event.url),
        timeslot=_timeslot(events),
        rooms=rooms,
        days=days,
    )


def _number(guid: str, taken: set[int]) -> int:
    """A positive integer id from the guid: stable when other sessions change."""
    number = int(uuid.UUID(guid).hex[:7], 16) % 9_999_999 + 1
    while number in taken:
        number = number % 9_999_999 + 1
    taken.add(number)
    return number


def _days(events: list[Event], room_order: list[str]) -> list[Day]:
    by_date: dict[date, list[Event]] = {}
    for e in sorted(events, key=lambda e: (e.start, e.end)):
        by_date.setdefault(e.start.date(), []).append(e)
    days = []
    for index, (day, day_events) in enumerate(sorted(by_date.items()), 1):
        rooms: dict[str, list[Event]] = {}
        for name in room_order:
            in_room = [e for e in day_events if e.room == name]
            if in_room:
                rooms[name] = in_room
        days.append(
            Day(
                index=index,
                date=day,
                start=min(e.start for e in day_events),
                end=max(e.end for e in day_events),
                rooms=rooms,
            )
        )
    return days


def _timeslot(events: list[Event]) -> str:
    step = 0
    for e in events:
        step = math.gcd(step, e.start.hour * 60 + e.start.minute)
        step = math.gcd(step, int((e.end - e.start).total_seconds()) // 60)
    step = step or 5
    step = min(step, 60)
    return f"{step // 60:02d}:{step % 60:02d}"


def _version(events: list[Event]) -> str:
    data = [
        (e.guid, e.start.astimezone(UTC).isoformat(), e.end.astimezone(UTC).isoformat(), e.title)
        for e in events
    ]
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:12]


def duration_text(event: Event) -> str:
    minutes = int((event.end - event.start).total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def zone_for_json(zone: str) -> str | None:
    """The zone as the c3voc JSON schema's pattern admits it (a link resolved), or None."""
    pattern = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")
    for name in (zone, canonical(zone)):
        if pattern.search(name):
            return name
    return None
