"""Session VEVENTs: the lines of one session's event, for feeds and invitations.

VEVENTs are streamed as text, because building icalendar's object tree for every event
is about 20 times slower and takes about 1 GB per 100,000 events. The pieces of a
VEVENT are also what invitations are made of (``agenda_kit.ical.invite``), so a feed
and an invitation describe a session alike.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from ..model import Agenda, Room, Session
from ..timeline import Slot, Timeline, part_key
from ..timespan import clamp_instant
from .head import text_line
from .labels import feed_language, labels
from .options import format_duration
from .structure import StructureLines
from .text import fold, text_value, uri_value

if TYPE_CHECKING:
    from .entries import Entry

__all__ = ["UID_DOMAIN", "EventWriter", "day_uid", "part_uid", "summary_of", "uid"]

UID_DOMAIN = "agenda-kit"


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


def summary_of(session: Session) -> str:
    """A session's SUMMARY: its title, or its kind when the title is blank."""
    return session.title.strip(" \t") if session.title.strip() else session.kind


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

    ``lang`` is the language of the words around the agenda's text (None: the agenda's
    ``event.lang``). ``present`` holds the UIDs of the output being written: a
    ``RELATED-TO`` is written only for one of them (None: for any, as in an invitation,
    whose related events are sent in messages of their own).
    """

    def __init__(
        self,
        agenda: Agenda,
        timeline: Timeline,
        *,
        reminders: tuple[int, ...] = (),
        lang: str | None = None,
        present: Collection[str] | None = None,
    ) -> None:
        self.agenda = agenda
        self.clock = timeline.clock
        self.labels = labels(feed_language(agenda, lang))
        self.present = present
        self.structure = StructureLines(agenda)
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
        return self.labels.room(room.name, room.floor)

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
            lines.append(f"{self.labels.speakers}: {self.speaker_names(session)}")
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
        """``CATEGORIES``: the session's kind in the feed's language and its part, each
        once (a part called ``break`` holding a break is one category). Only the same
        text is one category: ``Break`` is kept beside ``break``, since it may be the
        part's title, which nothing else in the feed carries."""
        key = (slot.session.kind, slot.part)
        line = self._categories.get(key)
        if line is None:
            part = self.agenda.parts[slot.part]
            title = (part.title or "").strip() or part_key(self.agenda, slot.part)
            names = [text_value(self.labels.kind(slot.session.kind)), text_value(title)]
            names = [n for i, n in enumerate(names) if n and n not in names[:i]]
            line = fold(f"CATEGORIES:{','.join(names)}")
            if slot.session.kind in ("break", "transfer"):
                line += b"TRANSP:TRANSPARENT\r\n"
            self._categories[key] = line
        return line

    def related(self, slot: Slot) -> bytes:
        """``RELATED-TO`` the enclosing session (for a session inside another) or part,
        when that is in the same output (a reader cannot follow it anywhere else)."""
        parent = slot.parent
        present = self.present
        if parent is not None:
            target = uid(self.agenda, parent)
            if present is not None and target not in present:
                return b""
            return fold(f"RELATED-TO:{text_value(target)}")
        line = self._related.get(slot.part)
        if line is None:
            target = part_uid(self.agenda, slot.part)
            line = b"" if present is not None and target not in present else None
            if line is None:
                line = fold(f"RELATED-TO:{text_value(target)}")
            self._related[slot.part] = line
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
        """A session's whole VEVENT, for a feed: with the structure as X- properties."""
        summary = summary_of(slot.session)
        return b"".join(
            (
                b"BEGIN:VEVENT\r\n",
                self.uid_line(slot),
                stamp,
                self.session_body(slot, summary),
                self.structure(slot),
                self.alarms(summary) if self.reminders else b"",
                b"END:VEVENT\r\n",
            )
        )
