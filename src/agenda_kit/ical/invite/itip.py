"""iTIP rendering (RFC 5546): the bytes of one ``METHOD:REQUEST`` or ``METHOD:CANCEL``
message (one UID, one attendee), and of the ``METHOD:PUBLISH`` calendar of a recipient.

Every value goes through the iCalendar escaping of ``ical.text``; the VEVENT body of a
session or part is the feed's own (``EventWriter``), so a feed and an invitation say
the same about it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from ...model import Agenda, Organizer
from ...timeline import Timeline
from ..feed import EventWriter, calendar_head, event_title, text_line
from ..reader import content_lines
from ..state import Record, digest
from ..text import fold, mailto, param_value, text_value
from .model import InviteMessage, Item, Recipient, Wanted

__all__ = ["Renderer", "digest_of"]


class Renderer:
    """The iTIP messages of one agenda, sent in ``organizer``'s name."""

    def __init__(
        self, agenda: Agenda, timeline: Timeline, writer: EventWriter, organizer: Organizer
    ) -> None:
        self.agenda = agenda
        self.timeline = timeline
        self.writer = writer
        self.organizer = organizer

    def _organizer_line(self) -> bytes:
        org = self.organizer
        name = org.name.strip()
        params = f";CN={param_value(name)}" if name else ""
        return fold(f"ORGANIZER{params}:{mailto(org.email)}")

    @staticmethod
    def _attendee_line(email: str, name: str | None, role: str, *, rsvp: bool) -> bytes:
        name = (name or "").strip()
        params = f";CN={param_value(name)}" if name else ""
        params += f";ROLE={role}"
        if rsvp:
            params += ";PARTSTAT=NEEDS-ACTION;RSVP=TRUE"
        return fold(f"ATTENDEE{params}:{mailto(email)}")

    def _dates(self, instants: Iterable[int | None]) -> tuple[date, date]:
        """The days the VTIMEZONE must cover, with a day's margin either side."""
        clock = self.timeline.clock
        days = [clock.local(i).date() for i in instants if i is not None]
        if not days:
            days = [self.agenda.event.date]
        return min(days) - timedelta(days=1), max(days) + timedelta(days=1)

    def request(self, item: Item, recipient: Recipient, sequence: int, stamp: str) -> bytes:
        """A ``METHOD:REQUEST`` for one recipient, asking for a reply."""
        first, last = self._dates((item.start, item.end))
        return b"".join(
            (
                calendar_head(self.agenda, first, last, method="REQUEST"),
                self._vevent(item, sequence, stamp),
                self._attendee_line(recipient.email, recipient.name, recipient.role, rsvp=True),
                self.writer.alarms(item.summary),
                b"END:VEVENT\r\nEND:VCALENDAR\r\n",
            )
        )

    def _vevent(self, item: Item, sequence: int, stamp: str) -> bytes:
        """A VEVENT up to (and with) its ORGANIZER: the part every message shares."""
        return b"".join(
            (
                b"BEGIN:VEVENT\r\n",
                fold(f"UID:{text_value(item.uid)}"),
                f"DTSTAMP:{stamp}\r\nSEQUENCE:{sequence}\r\n".encode(),
                item.body,
                b"STATUS:CONFIRMED\r\n",
                self._organizer_line(),
            )
        )

    def cancel(self, old: Record, sequence: int, stamp: str) -> bytes:
        """A ``METHOD:CANCEL`` of what ``old`` sent: its UID, time, title and place."""
        first, last = self._dates((old.start, old.end))
        when = self.writer.when
        lines = [
            calendar_head(self.agenda, first, last, method="CANCEL"),
            b"BEGIN:VEVENT\r\n",
            fold(f"UID:{text_value(old.uid)}"),
            f"DTSTAMP:{stamp}\r\nSEQUENCE:{sequence}\r\n".encode(),
        ]
        if old.start is not None and old.end is not None:
            lines += (fold(f"DTSTART{when(old.start)}"), fold(f"DTEND{when(old.end)}"))
        lines += (text_line("SUMMARY", old.summary), text_line("LOCATION", old.location))
        lines += (
            b"STATUS:CANCELLED\r\n",
            self._organizer_line(),
            self._attendee_line(old.recipient, old.name, old.role, rsvp=False),
            b"END:VEVENT\r\nEND:VCALENDAR\r\n",
        )
        return b"".join(lines)

    def calendars(
        self, messages: list[InviteMessage], wanted: dict[tuple[str, str], Wanted]
    ) -> dict[str, bytes]:
        """One ``METHOD:PUBLISH`` calendar per recipient of this run, with their events."""
        by_recipient: dict[str, list[InviteMessage]] = {}
        for message in messages:
            by_recipient.setdefault(message.record.recipient.lower(), []).append(message)
        out: dict[str, bytes] = {}
        for key, group in sorted(by_recipient.items()):
            current = sorted(
                (m for m in group if m.record.method == "REQUEST"),
                key=lambda m: (m.record.start or 0, m.record.uid),
            )
            if not current:
                continue
            first_file = group[0].record.file or ""
            path = first_file.rpartition("/")[0] + ".ics"
            name = (current[0].record.name or "").strip() or current[0].record.recipient
            first, last = self._dates(
                [m.record.start for m in current] + [m.record.end for m in current]
            )
            title = f"{event_title(self.agenda)} – {name}"
            chunks = [calendar_head(self.agenda, first, last, method="PUBLISH", name=title)]
            for message in current:
                item = wanted[(key, message.record.uid)].item
                record = message.record
                chunks += (
                    self._vevent(item, record.sequence, record.dtstamp),
                    self.writer.alarms(item.summary),
                    b"END:VEVENT\r\n",
                )
            chunks.append(b"END:VCALENDAR\r\n")
            out[path] = b"".join(chunks)
        return out


def digest_of(data: bytes) -> str:
    """The digest the state records for a message: its METHOD and VEVENT lines, DTSTAMP
    and SEQUENCE left out (so that only a change of content makes a new one). The lines
    are unfolded by the reader of previous mailings, whose ``Component.lines`` give the
    same lines for a message of ours: a message and the same message passed with
    ``--previous`` have one digest."""
    lines = [line for _, line in content_lines(data, "<message>")]
    method = next((line[7:] for line in lines if line.startswith("METHOD:")), "")
    start = lines.index("BEGIN:VEVENT") + 1
    end = len(lines) - 1 - lines[::-1].index("END:VEVENT")
    return digest(method, lines[start:end])
