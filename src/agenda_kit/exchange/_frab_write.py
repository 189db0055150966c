"""Writing frab schedules (XML and JSON): an agenda as a ``Schedule`` that satisfies
the c3voc schemas (days by local date, rooms in venue order, stable guids)."""

from __future__ import annotations

import hashlib
import json
import math
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from ..findings import EXPORT_NOT_CARRIED
from ..model import Agenda
from ._common import Notes
from ._frab_read import GENERATOR
from ._zones import canonical

__all__ = [
    "GENERATOR",
    "NAMESPACE",
    "Schedule",
    "duration_text",
    "guid_of",
    "http_url",
    "schedule",
    "zone_for_json",
]

# Session guids are uuid5 in this namespace of the session's calendar UID.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/agenda-kit/agenda-kit")


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


def schedule(agenda: Agenda, report: Notes) -> Schedule:
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
            report.add(EXPORT_NOT_CARRIED, "unresolved", key="unresolved", id=slot.id)
            continue
        if slot.end < slot.start:
            report.add(EXPORT_NOT_CARRIED, "negative", id=slot.id)
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
            report.add(EXPORT_NOT_CARRIED, "guid", key="guid")
        taken_guids.add(guid)
        number = _number(guid, taken_ids)
        if slot.room is None:
            report.add(EXPORT_NOT_CARRIED, "no-room", room=fallback_room)
        room = room_names.get(slot.room, slot.room) if slot.room else fallback_room
        if session.kind == "transfer" and session.to:
            report.add(EXPORT_NOT_CARRIED, "transfer", key="transfer")
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
        step = math.gcd(step, _minutes(e))
    step = step or 5
    step = min(step, 60)
    return f"{step // 60:02d}:{step % 60:02d}"


def _version(events: list[Event]) -> str:
    data = [
        (e.guid, e.start.astimezone(UTC).isoformat(), e.end.astimezone(UTC).isoformat(), e.title)
        for e in events
    ]
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:12]


def _minutes(event: Event) -> int:
    """The elapsed minutes of ``event``: between instants, since Python subtracts two
    times of one zone by the wall clock (a night when the clocks go back has an hour
    more than its clock shows)."""
    return int(event.end.timestamp() - event.start.timestamp()) // 60


def duration_text(event: Event) -> str:
    minutes = _minutes(event)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def zone_for_json(zone: str) -> str | None:
    """The zone as the c3voc JSON schema's pattern admits it (a link resolved), or None."""
    pattern = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")
    for name in (zone, canonical(zone)):
        if pattern.search(name):
            return name
    return None
