"""An agenda as an iCalendar feed: one VEVENT per session, per part, or per day.

The calendar head is written as text; its VTIMEZONE comes from icalendar, which knows
how to describe a zone's rules. The VEVENTs are streamed as text, because building
icalendar's object tree for every event is about 20 times slower and takes about 1 GB
per 100,000 events. The pieces of a VEVENT are also what invitations are made of
(``agenda_kit.ical.invite``), so a feed and an invitation describe a session alike.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from .._files import write_atomic
from .._gc import paused_gc
from ..model import Agenda, Room, Session
from ..timeline import Slot, Timeline, build_timeline, part_key
from ..timespan import FIRST_DATE, LAST_DATE, MAX_INSTANT, clamp_instant
from .options import FeedOptions, colors, format_duration
from .text import fold, text_value, uri_value

__all__ = [
    "PRODID",
    "UID_DOMAIN",
    "Entry",
    "calendar_head",
    "day_entries",
    "day_uid",
    "dtstamp",
    "iter_ical",
    "part_entries",
    "part_uid",
    "resolved_slots",
    "stamp_text",
    "to_ical",
    "uid",
    "write_ical",
]

PRODID = "-//agenda-kit//agenda-kit//EN"
UID_DOMAIN = "agenda-kit"

_LABELS = {
    "en": {
        "speakers": "Speakers",
        "floor": "floor {floor}",
        "part": "Part",
        "day": "day {n} of {total}",
    },
    "ko": {"speakers": "담당", "floor": "{floor}층", "part": "순서", "day": "{n}일차"},
}


def labels(agenda: Agenda) -> dict[str, str]:
    """The words the export puts around the agenda's own text, in its language."""
    return _LABELS.get((agenda.event.lang or "en").split("-")[0].lower(), _LABELS["en"])


def uid(agenda: Agenda, slot: Slot) -> str:
    """A session's UID: its explicit ``uid``, or one made of the event and session ids.

    A session without an ``id`` gets a derived one (``part-1-3``), which changes when
    sessions are inserted before it; published sessions should have explicit ids.
    """
    return slot.session.uid or f"{agenda.event.id}-{slot.id}@{UID_DOMAIN}"


def part_uid(agenda: Agenda, index: int) -> str:
    """The UID of a part as one event (``{event}-{part}~part@agenda-kit``).

    ``~`` is not allowed in ids, so no session UID can take this form.
    """
    return f"{agenda.event.id}-{part_key(agenda, index)}~part@{UID_DOMAIN}"


def day_uid(agenda: Agenda, day: date) -> str:
    """The UID of an all-day overview entry (``{event}-{YYYY-MM-DD}~day@agenda-kit``)."""
    return f"{agenda.event.id}-{day.isoformat()}~day@{UID_DOMAIN}"


def text_line(name: str, value: str | None) -> bytes:
    """``NAME:value``, folded; nothing when the value is empty once spaces and tabs
    around it are left out (libical drops a property without a value, and says so)."""
    text = text_value(value or "")
    return fold(f"{name}:{text}") if text else b""


def summary_of(session: Session) -> str:
    """A session's SUMMARY: its title, or its kind when the title is blank."""
    return session.title.strip(" \t") if session.title.strip() else session.kind


def event_title(agenda: Agenda) -> str:
    """The event's title, or its id when the title is blank."""
    title = agenda.event.title
    return title.strip(" \t") if title.strip() else agenda.event.id


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
    writer = EventWriter(agenda, timeline, reminders=options.reminders)
    first, last = date_range(timeline, slots)
    yield calendar_head(
        agenda, first, last, name=feed_name(agenda, options.speakers), refresh=options.refresh
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


def feed_name(agenda: Agenda, speakers: Iterable[str]) -> str:
    """The calendar's name: the event's title, and the speakers' names for a personal feed."""
    names = [
        agenda.speakers[s].name if s in agenda.speakers else s for s in dict.fromkeys(speakers)
    ]
    title = event_title(agenda)
    return f"{title} – {', '.join(names)}" if names else title


def calendar_head(
    agenda: Agenda,
    first: date,
    last: date,
    *,
    method: str | None = None,
    name: str | None = None,
    refresh: int | None = None,
) -> bytes:
    """``BEGIN:VCALENDAR`` up to the VTIMEZONE (included) of the event's zone.

    With a ``name`` the calendar is one people keep (a feed, a download): it gets its
    name, description, URL and colour, in RFC 7986 properties and the ``X-WR-`` ones
    older clients read. An iTIP message (``method`` REQUEST or CANCEL) gets none of
    them: Outlook offers to open a file with a calendar name as a calendar of its own.
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
            title += f" ({writer.labels['day'].format(n=n, total=total)})"
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


_MISSING = object()
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# A clock change repeats at most this much local time (Lord Howe: 30 min, others: 1 h).
_MAX_REPEAT = 3 * 3600


class EventWriter:
    """Formats VEVENT lines as bytes; caches what repeats across events.

    Rooms, speakers, parts and instants repeat (a session's end is the next one's
    start), so their folded lines are built once. Local times are computed with plain
    arithmetic from a per-day UTC offset; a day on which the zone changes its clocks
    takes the careful path through ``ZoneClock``.
    """

    def __init__(
        self, agenda: Agenda, timeline: Timeline, *, reminders: tuple[int, ...] = ()
    ) -> None:
        self.agenda = agenda
        self.clock = timeline.clock
        self.labels = labels(agenda)
        self.tzid = agenda.event.timezone
        self.uid_prefix = f"UID:{text_value(agenda.event.id)}-"
        self.uid_suffix = f"@{UID_DOMAIN}"
        self.reminders = tuple(dict.fromkeys(reminders))
        venue = agenda.venue
        geo = venue.geo if venue is not None else None
        self.geo = f"GEO:{geo.lat:.6f};{geo.lon:.6f}\r\n".encode() if geo is not None else b""
        self._when: dict[int, str] = {}
        self._offsets: dict[int, object] = {}
        self._dates: dict[int, str] = {}
        self._rooms: dict[str | None, str] = {}
        self._locations: dict[tuple[str | None, str | None], bytes] = {}
        self._descriptions: dict[tuple[str | None, tuple[str, ...]], bytes] = {}
        self._categories: dict[tuple[str, int], bytes] = {}
        self._related: dict[int, bytes] = {}

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
        key, instant = instant, clamp_instant(instant)  # only nonsense gets clamped
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
        self._when[key] = text
        return text

    def clock_label(self, instant: int) -> str:
        """``HH:MM`` local time for people; with the UTC offset where the wall time is
        ambiguous (the repeated hour of a fall-back night)."""
        local = self.clock.local(instant)
        if self.clock.is_plain(instant):
            return f"{local:%H:%M}"
        offset = f"{local:%z}"
        return f"{local:%H:%M} (UTC{offset[:3]}:{offset[3:]})"

    def room_label(self, room_id: str | None) -> str:
        """The room as people read it: its name and floor (or its id), without the venue."""
        venue = self.agenda.venue
        room: Room | None = venue.rooms.get(room_id) if venue and room_id else None
        if room is None:
            return room_id or ""
        label = room.name
        if room.floor is not None:
            label += f" ({self.labels['floor'].format(floor=room.floor)})"
        return label

    def room_text(self, room_id: str | None) -> str:
        """The room, the venue and its address: a LOCATION."""
        cached = self._rooms.get(room_id)
        if cached is not None:
            return cached
        venue = self.agenda.venue
        parts = [self.room_label(room_id)]
        if venue is not None:
            parts += [venue.name, venue.address or ""]
        text = ", ".join(p.strip(" \t") for p in parts if p.strip(" \t"))
        self._rooms[room_id] = text
        return text

    def location_text(self, slot: Slot) -> str:
        """Where a session is, as people read it (a transfer: from one room to another)."""
        destination = slot.session.to if slot.session.kind == "transfer" else None
        here = self.room_text(slot.room)
        if destination and destination != slot.room:
            there = self.room_text(destination)
            origin = self.room_label(slot.room)
            here = f"{origin} → {there}" if origin else there
        return here

    def location(self, slot: Slot) -> bytes:
        destination = slot.session.to if slot.session.kind == "transfer" else None
        key = (slot.room, destination)
        line = self._locations.get(key)
        if line is None:
            here = self.location_text(slot)
            line = self._locations[key] = text_line("LOCATION", here)
        return line

    def speaker_names(self, session: Session) -> str:
        speakers = self.agenda.speakers
        return ", ".join(speakers[r].label if r in speakers else r for r in session.speakers)

    def description_text(self, session: Session) -> str:
        lines: list[str] = []
        notes = (session.description or "").strip()
        if notes:
            lines.append(notes)
        if session.speakers:
            lines.append(f"{self.labels['speakers']}: {self.speaker_names(session)}")
        return "\n\n".join(lines).strip(" \t")

    def description(self, slot: Slot) -> bytes:
        session = slot.session
        key = (session.description, tuple(session.speakers))
        line = self._descriptions.get(key)
        if line is None:
            text = self.description_text(session)
            line = self._descriptions[key] = text_line("DESCRIPTION", text)
        return line

    def categories(self, slot: Slot) -> bytes:
        key = (slot.session.kind, slot.part)
        line = self._categories.get(key)
        if line is None:
            part = self.agenda.parts[slot.part]
            title = (part.title or "").strip() or part_key(self.agenda, slot.part)
            line = fold(f"CATEGORIES:{text_value(slot.session.kind)},{text_value(title)}")
            if slot.session.kind in ("break", "transfer"):
                line += b"TRANSP:TRANSPARENT\r\n"
            self._categories[key] = line
        return line

    def related(self, slot: Slot) -> bytes:
        """``RELATED-TO`` the enclosing session (for a session inside another) or part."""
        parent = slot.parent
        if parent is not None:
            return fold(f"RELATED-TO:{text_value(uid(self.agenda, parent))}")
        line = self._related.get(slot.part)
        if line is None:
            line = self._related[slot.part] = fold(
                f"RELATED-TO:{text_value(part_uid(self.agenda, slot.part))}"
            )
        return line

    def alarms(self, summary: str) -> bytes:
        """One ``VALARM`` per reminder (a DISPLAY alarm needs a DESCRIPTION)."""
        if not self.reminders:
            return b""
        text = text_line("DESCRIPTION", summary) or b"DESCRIPTION:Reminder\r\n"
        return b"".join(
            b"BEGIN:VALARM\r\nACTION:DISPLAY\r\n"
            + text
            + f"TRIGGER:-{format_duration(minutes)}\r\nEND:VALARM\r\n".encode()
            for minutes in self.reminders
        )

    def uid_line(self, slot: Slot) -> bytes:
        if slot.session.uid:
            return fold(f"UID:{text_value(slot.session.uid)}")
        # Ids are letters, digits, "_", "." and "-": nothing to escape.
        return fold(f"{self.uid_prefix}{slot.id}{self.uid_suffix}")

    def session_body(self, slot: Slot, summary: str | None = None) -> bytes:
        """The lines of a session's VEVENT from DTSTART to RELATED-TO."""
        assert slot.start is not None and slot.end is not None
        url = slot.session.url
        if summary is None:
            summary = summary_of(slot.session)
        return b"".join(
            (
                fold(f"DTSTART{self.when(slot.start)}"),
                fold(f"DTEND{self.when(slot.end)}"),
                fold(f"SUMMARY:{text_value(summary)}"),
                self.location(slot),
                self.geo,
                self.description(slot),
                self.categories(slot),
                fold(f"URL:{uri_value(url)}") if url else b"",
                self.related(slot),
            )
        )

    def entry_body(self, entry: Entry) -> bytes:
        """The lines of a part's or a day's VEVENT from DTSTART to TRANSP."""
        if entry.dates is not None:
            first, after = entry.dates
            times = (
                f"DTSTART;VALUE=DATE:{first:%Y%m%d}\r\nDTEND;VALUE=DATE:{after:%Y%m%d}\r\n"
            ).encode()
        else:
            assert entry.start is not None and entry.end is not None
            times = fold(f"DTSTART{self.when(entry.start)}") + fold(f"DTEND{self.when(entry.end)}")
        url = self.agenda.event.url
        return b"".join(
            (
                times,
                text_line("SUMMARY", entry.summary),
                text_line("LOCATION", entry.location),
                self.geo,
                text_line("DESCRIPTION", entry.description),
                fold(f"URL:{uri_value(url)}") if url else b"",
                b"TRANSP:TRANSPARENT\r\n" if entry.transparent else b"",
            )
        )

    def programme(self, slots: list[Slot], *, rooms: bool = False) -> str:
        """One line per session: ``15:00–15:03 Title (speakers)``, with the room when
        ``rooms``."""
        lines = []
        for slot in slots:
            assert slot.start is not None and slot.end is not None
            line = f"{self.clock_label(slot.start)}–{self.clock_label(slot.end)} "
            line += summary_of(slot.session)
            names = self.speaker_names(slot.session)
            if names:
                line += f" ({names})"
            if rooms and slot.room:
                line += f" · {self.room_label(slot.room)}"
            lines.append(line)
        return "\n".join(lines)

    def event(self, slot: Slot, stamp: bytes) -> bytes:
        """A session's whole VEVENT, for a feed."""
        summary = summary_of(slot.session)
        return b"".join(
            (
                b"BEGIN:VEVENT\r\n",
                self.uid_line(slot),
                stamp,
                self.session_body(slot, summary),
                self.alarms(summary) if self.reminders else b"",
                b"END:VEVENT\r\n",
            )
        )
