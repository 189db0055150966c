"""The calendar objects ``publish`` keeps on a CalDAV server, and how they compare.

One object per session with a resolved time, by the session's UID: the feed's own
VEVENT (``EventWriter.event``, with the ``X-AGENDA-KIT-*`` structure), a SEQUENCE, and
a VCALENDAR that says which event published it (``X-AGENDA-KIT-EVENT``), so that only
this event's objects are ever changed or deleted.

Servers rewrite what they store (line folding, escaping, property order; Radicale
re-serializes every object), so an object is compared by its meaning: both sides are
parsed by icalendar and written again, and the unfolded lines of the VEVENT, DTSTAMP,
SEQUENCE, CREATED and LAST-MODIFIED left out, are compared as sorted lists. The
SEQUENCE of a changed object follows the invitation rule (``ical.state.next_sequence``).
Pure: nothing here talks to a server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal
from urllib.parse import quote

from .._paths import safe_name
from ..ical.feed import EventWriter, calendar_head, resolved_slots, uid
from ..ical.state import Record, next_sequence
from ..ical.structure import EVENT
from ..model import Agenda
from ..timeline import Timeline, build_timeline

__all__ = [
    "Change",
    "Local",
    "Remote",
    "changes",
    "describe",
    "local_objects",
    "object_name",
    "render",
]

_VOLATILE = ("DTSTAMP", "SEQUENCE", "CREATED", "LAST-MODIFIED")
_PLACEHOLDER = "19700101T000000Z"


@dataclass(frozen=True, slots=True)
class Facts:
    """What a VEVENT says that the comparison needs."""

    uid: str
    sequence: int
    dtstamp: str
    start: int | None
    end: int | None
    location: str
    status: str
    lines: tuple[str, ...]  # sorted, unfolded, without the volatile properties
    event: str | None  # the VCALENDAR's X-AGENDA-KIT-EVENT

    def record(self) -> Record:
        """As a record of what was sent, for the SEQUENCE rule."""
        return Record(
            recipient="",
            uid=self.uid,
            method="REQUEST",
            sequence=self.sequence,
            dtstamp=self.dtstamp,
            status=self.status,
            start=self.start,
            end=self.end,
            location=self.location,
            summary="",
        )

    @property
    def significant(self) -> tuple[int | None, int | None, str, str]:
        return self.start, self.end, self.location, self.status


@dataclass(frozen=True, slots=True)
class Local:
    """One session as the agenda has it now: its VEVENT (SEQUENCE and DTSTAMP left to
    ``render``), the calendar head, and its facts."""

    uid: str
    session: str
    head: bytes
    writer: EventWriter
    slot: Any
    facts: Facts


@dataclass(frozen=True, slots=True)
class Remote:
    """One object on the server: where it is, its ETag and what it says."""

    href: str
    etag: str | None
    facts: Facts


@dataclass(frozen=True, slots=True)
class Change:
    """What a run does to one object."""

    action: Literal["create", "update", "delete", "unchanged"]
    uid: str
    href: str | None  # None: a new object, named by ``object_name``
    etag: str | None
    local: Local | None
    sequence: int
    what: tuple[str, ...] = ()  # for an update: time, place, details
    previous: Facts | None = None  # what the server has


def _instant(value: Any) -> int | None:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return int(value.timestamp())
    return None


def _unfold(data: bytes) -> list[str]:
    out: list[str] = []
    for raw in data.decode("utf-8").replace("\r\n", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and out:
            out[-1] += raw[1:]
        elif raw:
            out.append(raw)
    return out


def describe(data: bytes) -> list[Facts]:
    """The facts of every VEVENT of a calendar object (raises ValueError, or any error
    of icalendar, on what cannot be read)."""
    from icalendar import Calendar, Event

    calendar = Calendar.from_ical(data)
    event = calendar.get(EVENT)
    out = []
    for vevent in calendar.walk("VEVENT"):
        if not isinstance(vevent, Event) or "UID" not in vevent:
            raise ValueError("a VEVENT without a UID")
        lines = [
            line
            for line in _unfold(vevent.to_ical())
            if line.split(":", 1)[0].split(";", 1)[0].upper() not in _VOLATILE
        ]
        stamp = vevent.decoded("DTSTAMP") if "DTSTAMP" in vevent else None
        sequence = int(vevent.get("SEQUENCE", 0))
        if not 0 <= sequence < 2**31:
            raise ValueError("SEQUENCE out of range")
        status = str(vevent.get("STATUS", "CONFIRMED")).upper()
        out.append(
            Facts(
                uid=str(vevent["UID"]),
                sequence=sequence,
                dtstamp=stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
                if isinstance(stamp, datetime) and stamp.tzinfo is not None
                else _PLACEHOLDER,
                start=_instant(vevent.decoded("DTSTART")) if "DTSTART" in vevent else None,
                end=_instant(vevent.end) if "DTSTART" in vevent else None,
                location=" ".join(str(vevent.get("LOCATION", "")).split()),
                status="CANCELLED" if status == "CANCELLED" else "CONFIRMED",
                lines=tuple(sorted(lines)),
                event=str(event) if event is not None else None,
            )
        )
    return out


def _days(timeline: Timeline, start: int, end: int) -> tuple[date, date]:
    clock = timeline.clock
    return clock.local(start).date() - timedelta(days=1), clock.local(end).date() + timedelta(
        days=1
    )


def local_objects(agenda: Agenda, timeline: Timeline | None = None) -> list[Local]:
    """One object per session with a resolved time, in the order of the agenda."""
    timeline = timeline or build_timeline(agenda)
    slots = resolved_slots(timeline)
    present = {uid(agenda, s) for s in slots}
    writer = EventWriter(agenda, timeline, present=present)
    out = []
    seen: set[str] = set()
    for slot in slots:
        assert slot.start is not None and slot.end is not None
        key = uid(agenda, slot)
        if key in seen:  # the checker reports a repeated uid; the first one is published
            continue
        seen.add(key)
        first, last = _days(timeline, slot.start, slot.end)
        head = calendar_head(agenda, first, last, structure=True)
        local = Local(key, slot.id, head, writer, slot, _NO_FACTS)
        (facts,) = describe(render(local, 0, _PLACEHOLDER))
        out.append(Local(key, slot.id, head, writer, slot, facts))
    return out


_NO_FACTS = Facts("", 0, _PLACEHOLDER, None, None, "", "", (), None)


def render(local: Local, sequence: int, stamp: str) -> bytes:
    """The object's bytes with this SEQUENCE and DTSTAMP."""
    lines = f"DTSTAMP:{stamp}\r\nSEQUENCE:{sequence}\r\n".encode()
    return local.head + local.writer.event(local.slot, lines) + b"END:VCALENDAR\r\n"


def object_name(uid_: str) -> str:
    """The name of a new object in the collection: the UID as a safe file name."""
    return quote(safe_name(uid_, 200), safe="@") + ".ics"


def _what(old: Facts, new: Facts) -> tuple[str, ...]:
    out = []
    if (old.start, old.end) != (new.start, new.end):
        out.append("time")
    if old.location != new.location:
        out.append("place")
    return tuple(out) or ("details",)


def changes(
    event: str, locals_: list[Local], remotes: list[Remote]
) -> tuple[list[Change], list[Remote]]:
    """What to do to the calendar, and the objects of others that hold a UID of ours
    (left alone). Only objects whose calendar says ``X-AGENDA-KIT-EVENT:event`` are
    updated or deleted."""
    ours: dict[str, Remote] = {}
    foreign: dict[str, Remote] = {}
    for remote in remotes:
        table = ours if remote.facts.event == event else foreign
        table.setdefault(remote.facts.uid, remote)
    wanted = {local.uid for local in locals_}
    out: list[Change] = []
    blocked: list[Remote] = []
    for local in locals_:
        old = ours.get(local.uid)
        if old is None:
            if local.uid in foreign:
                blocked.append(foreign[local.uid])
                continue
            out.append(Change("create", local.uid, None, None, local, 0))
        elif old.facts.lines == local.facts.lines and old.facts.event == event:
            out.append(
                Change("unchanged", local.uid, old.href, old.etag, local, old.facts.sequence)
            )
        else:
            sequence = next_sequence(old.facts.record(), local.facts.significant)
            what = _what(old.facts, local.facts)
            out.append(
                Change("update", local.uid, old.href, old.etag, local, sequence, what, old.facts)
            )
    for key, remote in sorted(ours.items()):
        if key not in wanted:
            sequence = remote.facts.sequence
            out.append(Change("delete", key, remote.href, remote.etag, None, sequence))
    return out, blocked
