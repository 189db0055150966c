"""An agenda as an iCalendar feed: one VEVENT per session.

The calendar head (properties and the VTIMEZONE) is built with icalendar, which
knows how to describe a zone's rules; the VEVENTs are streamed as text, because
building icalendar's object tree for every event is about 20 times slower and takes
about 1 GB per 100,000 events.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ..model import Agenda, Room
from ..timeline import Slot, Timeline, build_timeline, part_key
from .text import escape_text, fold

__all__ = ["PRODID", "UID_DOMAIN", "dtstamp", "iter_ical", "to_ical", "uid", "write_ical"]

PRODID = "-//agenda-kit//agenda-kit//EN"
UID_DOMAIN = "agenda-kit"

_LABELS = {
    "en": {"speakers": "Speakers", "floor": "floor {floor}", "part": "Part"},
    "ko": {"speakers": "담당", "floor": "{floor}층", "part": "순서"},
}


def uid(agenda: Agenda, slot: Slot) -> str:
    """A stable UID from the event id and the session id."""
    return f"{agenda.event.id}-{slot.id}@{UID_DOMAIN}"


def dtstamp() -> datetime:
    """One DTSTAMP per export: ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def to_ical(agenda: Agenda, *, stamp: datetime | None = None) -> bytes:
    """The agenda as an RFC 5545 calendar (UTF-8, CRLF, folded at 75 octets)."""
    return b"".join(iter_ical(agenda, stamp=stamp))


def write_ical(agenda: Agenda, path: str | Path, *, stamp: datetime | None = None) -> int:
    """Write the calendar to ``path`` atomically; an existing file survives any failure.

    Returns the number of bytes written.
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    written = 0
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as out:
            for chunk in iter_ical(agenda, stamp=stamp):
                written += out.write(chunk)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return written


def iter_ical(
    agenda: Agenda, *, stamp: datetime | None = None, timeline: Timeline | None = None
) -> Iterator[bytes]:
    """The calendar in chunks: the head, one chunk per event, the end."""
    timeline = timeline or build_timeline(agenda)
    slots = [s for s in timeline.slots if s.start is not None and s.end is not None]
    stamp_text = (stamp or dtstamp()).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    yield _head(agenda, timeline, slots)
    writer = _EventWriter(agenda, timeline, stamp_text)
    for slot in slots:
        yield writer.event(slot)
    yield b"END:VCALENDAR\r\n"


def _head(agenda: Agenda, timeline: Timeline, slots: list[Slot]) -> bytes:
    from icalendar import Calendar, Timezone, vText

    event = agenda.event
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # Given a plain str, icalendar writes NAME and X- properties unescaped (CR/LF
    # there would inject lines); vText escapes them.
    cal.add("name", vText(event.title))
    cal.add("x-wr-calname", vText(event.title))
    cal.add("x-wr-timezone", vText(event.timezone))
    if event.description:
        cal.add("description", vText(event.description))
        cal.add("x-wr-caldesc", vText(event.description))
    if event.url:
        cal.add("url", event.url)
    first, last = _date_range(timeline, slots)
    tz = Timezone.from_tzid(event.timezone, first_date=first, last_date=last)
    # icalendar adds a COMMENT on the range it covers, which libical flags.
    tz.pop("COMMENT", None)
    cal.add_component(tz)
    head: bytes = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    return head[: -len(end)]


def _date_range(timeline: Timeline, slots: list[Slot]) -> tuple[date, date]:
    clock = timeline.clock
    if slots:
        lo = min(s.start for s in slots if s.start is not None)
        hi = max(s.end for s in slots if s.end is not None)
        first, last = clock.local(lo).date(), clock.local(hi).date()
    else:
        first = last = timeline.agenda.event.date
    return first - timedelta(days=1), last + timedelta(days=1)


_MISSING = object()
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# A clock change repeats at most this much local time (Lord Howe: 30 min, others: 1 h).
_MAX_REPEAT = 3 * 3600


class _EventWriter:
    """Formats VEVENTs as bytes; caches what repeats across events.

    Rooms, speakers, parts and instants repeat (a session's end is the next one's
    start), so their folded lines are built once. Local times are computed with plain
    arithmetic from a per-day UTC offset; a day on which the zone changes its clocks
    takes the careful path through ``ZoneClock``.
    """

    def __init__(self, agenda: Agenda, timeline: Timeline, stamp: str) -> None:
        self.agenda = agenda
        self.clock = timeline.clock
        self.labels = _LABELS.get((agenda.event.lang or "en").split("-")[0], _LABELS["en"])
        self.tzid = agenda.event.timezone
        self.uid_prefix = f"UID:{escape_text(agenda.event.id)}-"
        self.uid_suffix = f"@{UID_DOMAIN}"
        self.stamp = f"DTSTAMP:{stamp}\r\n".encode()
        self._when: dict[int, str] = {}
        self._offsets: dict[int, object] = {}
        self._dates: dict[int, str] = {}
        self._rooms: dict[str | None, str] = {}
        self._locations: dict[tuple[str | None, str | None], bytes] = {}
        self._descriptions: dict[tuple[str | None, tuple[str, ...]], bytes] = {}
        self._categories: dict[tuple[str, int], bytes] = {}

    def _offset(self, bucket: int) -> object:
        """The UTC offset (seconds) through the UTC day ``bucket``, or None when the zone
        changes its clocks in or just after it (instants there need the careful path)."""
        tz = self.clock.tz
        start = bucket * 86400
        first = datetime.fromtimestamp(start, tz).utcoffset()
        last = datetime.fromtimestamp(start + 86400 + _MAX_REPEAT, tz).utcoffset()
        if first is None or first != last:
            return None
        return int(first.total_seconds())

    def when(self, instant: int) -> str:
        """``;TZID=zone:YYYYMMDDTHHMMSS``, or ``:YYYYMMDDTHHMMSSZ`` where only UTC is clear."""
        text = self._when.get(instant)
        if text is not None:
            return text
        bucket = instant // 86400
        offset = self._offsets.get(bucket, _MISSING)
        if offset is _MISSING:
            offset = self._offsets[bucket] = self._offset(bucket)
        if isinstance(offset, int):
            day, seconds = divmod(instant + offset, 86400)
            day_text = self._dates.get(day)
            if day_text is None:
                day_text = self._dates[day] = date.fromordinal(day + _EPOCH_ORDINAL).strftime(
                    "%Y%m%d"
                )
            hours, rest = divmod(seconds, 3600)
            text = f";TZID={self.tzid}:{day_text}T{hours:02d}{rest // 60:02d}{rest % 60:02d}"
        elif self.clock.is_plain(instant):
            text = f";TZID={self.tzid}:{self.clock.local(instant):%Y%m%dT%H%M%S}"
        else:
            # A time in the repeated hour of a fall-back night: readers disagree on which
            # occurrence a local time means, so only UTC says this instant to all of them.
            text = f":{datetime.fromtimestamp(instant, UTC):%Y%m%dT%H%M%SZ}"
        self._when[instant] = text
        return text

    def room_text(self, room_id: str | None) -> str:
        cached = self._rooms.get(room_id)
        if cached is not None:
            return cached
        venue = self.agenda.venue
        parts: list[str] = []
        room: Room | None = venue.rooms.get(room_id) if venue and room_id else None
        if room is not None:
            label = room.name
            if room.floor is not None:
                label += f" ({self.labels['floor'].format(floor=room.floor)})"
            parts.append(label)
        elif room_id:
            parts.append(room_id)
        if venue is not None:
            parts.append(venue.name)
            if venue.address:
                parts.append(venue.address)
        text = ", ".join(parts)
        self._rooms[room_id] = text
        return text

    def location(self, slot: Slot) -> bytes:
        destination = slot.session.to if slot.session.kind == "transfer" else None
        key = (slot.room, destination)
        line = self._locations.get(key)
        if line is None:
            here = self.room_text(slot.room)
            if destination and destination != slot.room:
                there = self.room_text(destination)
                here = f"{here.split(', ')[0]} → {there}" if here else there
            line = self._locations[key] = fold(f"LOCATION:{escape_text(here)}") if here else b""
        return line

    def description(self, slot: Slot) -> bytes:
        session = slot.session
        key = (session.description, tuple(session.speakers))
        line = self._descriptions.get(key)
        if line is None:
            lines: list[str] = []
            if session.description:
                lines.append(session.description)
            if session.speakers:
                names = []
                for ref in session.speakers:
                    speaker = self.agenda.speakers.get(ref)
                    if speaker is None:
                        names.append(ref)
                    elif speaker.affiliation:
                        names.append(f"{speaker.name} ({speaker.affiliation})")
                    else:
                        names.append(speaker.name)
                lines.append(f"{self.labels['speakers']}: {', '.join(names)}")
            text = "\n\n".join(lines)
            line = self._descriptions[key] = (
                fold(f"DESCRIPTION:{escape_text(text)}") if text else b""
            )
        return line

    def categories(self, slot: Slot) -> bytes:
        key = (slot.session.kind, slot.part)
        line = self._categories.get(key)
        if line is None:
            part = self.agenda.parts[slot.part]
            title = part.title or part_key(self.agenda, slot.part)
            line = fold(f"CATEGORIES:{escape_text(slot.session.kind)},{escape_text(title)}")
            if slot.session.kind in ("break", "transfer"):
                line += b"TRANSP:TRANSPARENT\r\n"
            self._categories[key] = line
        return line

    def event(self, slot: Slot) -> bytes:
        assert slot.start is not None and slot.end is not None
        return b"".join(
            (
                b"BEGIN:VEVENT\r\n",
                fold(f"{self.uid_prefix}{escape_text(slot.id)}{self.uid_suffix}"),
                self.stamp,
                fold(f"DTSTART{self.when(slot.start)}"),
                fold(f"DTEND{self.when(slot.end)}"),
                fold(f"SUMMARY:{escape_text(slot.session.title)}"),
                self.location(slot),
                self.description(slot),
                self.categories(slot),
                b"END:VEVENT\r\n",
            )
        )
