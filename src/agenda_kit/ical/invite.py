"""Invitations (iTIP, RFC 5546) and their lifecycle: requests, updates, cancellations.

One message is one recipient and one UID: RFC 5546 allows one UID per iTIP object, and
Outlook and Thunderbird mishandle requests that bundle several events. A run compares
what it would send with what was sent before (``agenda_kit.ical.state``):

- a new session or recipient gets a ``METHOD:REQUEST`` with SEQUENCE 0;
- a changed time, place or status raises the SEQUENCE (clients ask again for a reply);
- any other change (a title, a description) goes out with the same SEQUENCE and a
  newer DTSTAMP, which clients take as an update that needs no new reply;
- a session that is gone, or a recipient who no longer takes part, gets a
  ``METHOD:CANCEL`` with ``STATUS:CANCELLED``, the same UID and a higher SEQUENCE;
- anything else keeps its SEQUENCE and DTSTAMP, and its file is not rewritten.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Literal

from .._paths import Confined, safe_name
from ..model import Agenda, Organizer
from ..timeline import Slot, Timeline, build_timeline, part_key
from ._safety import recipient_folder
from .feed import (
    UID_DOMAIN,
    EventWriter,
    calendar_head,
    dtstamp,
    event_title,
    part_entries,
    part_uid,
    resolved_slots,
    stamp_text,
    summary_of,
    text_line,
    uid,
)
from .mail import MailText, imip_message
from .state import STATE_FILE, Baseline, InputError, Record, digest, dump_state, unfold
from .text import fold, mailto, param_value, text_value

__all__ = [
    "Invitations",
    "Message",
    "Note",
    "Plan",
    "Recipient",
    "UsageError",
    "plan_invitations",
    "write_plan",
]

Change = Literal["new", "rescheduled", "updated", "reinstated", "cancelled", "unchanged"]
ROLES = ("REQ-PARTICIPANT", "OPT-PARTICIPANT", "CHAIR", "NON-PARTICIPANT")


class UsageError(Exception):
    """The command was asked for something the agenda does not have."""


@dataclass(frozen=True, slots=True)
class Recipient:
    """Someone to invite: an address, a name for ``CN`` and an RFC 5545 ``ROLE``."""

    email: str
    name: str | None = None
    role: str = "REQ-PARTICIPANT"

    @property
    def key(self) -> str:
        return self.email.lower()


@dataclass(frozen=True, slots=True)
class Invitations:
    """What to send.

    - ``speakers``: speaker ids invited to each of their sessions; ``("all",)`` for
      every speaker. A speaker without an ``email`` is an error when named, a note when
      ``all`` is asked for.
    - ``attendees``: people invited to the parts (``per="part"``, one VEVENT per part)
      or the sessions (``per="session"``, breaks and transfers left out) of the event.
      ``attendee_list`` says they are the whole list (a CSV file): someone invited
      before and missing from it now gets a cancellation.
    - ``parts``: only the parts with these ids (and the sessions in them).
    - ``reminders``: minutes before the start, one ``VALARM`` each.
    - ``publish``: also one ``METHOD:PUBLISH`` calendar per recipient with all their
      events, for download.
    - ``eml``: also an iMIP e-mail (``.eml``) beside each message.
    """

    speakers: tuple[str, ...] = ()
    attendees: tuple[Recipient, ...] = ()
    attendee_list: bool = False
    per: Literal["part", "session"] = "part"
    parts: tuple[str, ...] = ()
    reminders: tuple[int, ...] = ()
    publish: bool = False
    eml: bool = False


@dataclass(frozen=True, slots=True)
class Note:
    """Something the run reports without stopping: ``where`` is ``file:line:col``."""

    where: str
    message: str
    hint: str = ""
    kind: str = ""  # "derived-id" for an id derived from a position (the checker's missing-id)


@dataclass(frozen=True, slots=True)
class _Item:
    """What one invitation is about: a session or a part, with its VEVENT body."""

    uid: str
    kind: Literal["session", "part"]
    id: str
    part: str
    summary: str
    start: int
    end: int
    location: str
    description: str
    body: bytes  # DTSTART .. RELATED-TO / TRANSP
    url: str | None = None


@dataclass(slots=True)
class _Wanted:
    recipient: Recipient
    item: _Item
    via: set[str] = field(default_factory=set)
    speakers: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Message:
    """One file of the run: the new state of one (recipient, UID)."""

    record: Record
    change: Change
    data: bytes  # the .ics (METHOD REQUEST or CANCEL)
    what: tuple[str, ...] = ()  # for an update: "time", "place", "title", "details"
    previous: Record | None = None
    mail: MailText | None = None

    @property
    def send(self) -> bool:
        """Whether this message is to be sent in this run (everything but unchanged)."""
        return self.change != "unchanged"


@dataclass(slots=True)
class Plan:
    """Everything a run writes, decided before anything is written."""

    event: str
    organizer: Organizer
    messages: list[Message]
    calendars: dict[str, bytes]  # PUBLISH downloads by path relative to the folder
    records: list[Record]  # the state after the run
    notes: list[Note]
    stale_eml: list[str] = field(default_factory=list)

    @property
    def to_send(self) -> list[Message]:
        return [m for m in self.messages if m.send]

    def state(self) -> bytes:
        return dump_state(self.event, self.records)


_LABELS = {
    "en": {
        "new": "Invitation",
        "update": "Updated invitation",
        "cancel": "Cancelled",
        "intro_new": "You are invited to the following session of {event}.",
        "intro_update": "This session of {event} has changed: {what}.",
        "intro_cancel": "This session of {event} has been cancelled.",
        "when": "When",
        "where": "Where",
        "organizer": "Organizer",
        "link": "Link",
        "time": "time",
        "place": "place",
        "title": "title",
        "details": "details",
        "footer": "Your calendar program can add this invitation and reply to it.",
    },
    "ko": {
        "new": "초대",
        "update": "변경된 초대",
        "cancel": "취소",
        "intro_new": "{event}의 다음 순서에 초대합니다.",
        "intro_update": "{event}의 이 순서가 변경되었습니다: {what}.",
        "intro_cancel": "{event}의 이 순서가 취소되었습니다.",
        "when": "일시",
        "where": "장소",
        "organizer": "주최",
        "link": "링크",
        "time": "시간",
        "place": "장소",
        "title": "제목",
        "details": "내용",
        "footer": "캘린더 프로그램에서 이 초대를 추가하고 회신할 수 있습니다.",
    },
}


def plan_invitations(
    agenda: Agenda,
    request: Invitations,
    *,
    baseline: Baseline | None = None,
    stamp: datetime | None = None,
    timeline: Timeline | None = None,
) -> Plan:
    """Decide every message of a run. Raises ``InputError`` (a problem in a file, with
    its position) or ``UsageError`` (something asked for that the agenda lacks)."""
    return _Planner(agenda, request, baseline or Baseline(), stamp, timeline).run()


class _Planner:
    def __init__(
        self,
        agenda: Agenda,
        request: Invitations,
        baseline: Baseline,
        stamp: datetime | None,
        timeline: Timeline | None,
    ) -> None:
        self.agenda = agenda
        self.request = request
        self.baseline = baseline
        self.stamp = stamp_text(stamp or dtstamp())
        self.timeline = timeline or build_timeline(agenda)
        self.writer = EventWriter(agenda, self.timeline, reminders=request.reminders)
        self.words = _LABELS.get((agenda.event.lang or "en").split("-")[0].lower(), _LABELS["en"])
        self.notes: list[Note] = []
        self.wanted: dict[tuple[str, str], _Wanted] = {}
        self.wanted_all: set[tuple[str, str]] = set()
        self.all_speakers = "all" in request.speakers
        self.named_speakers: set[str] = set()
        self.attendee_keys = {r.key for r in request.attendees}
        self.part_index = {part_key(agenda, i): i for i in range(len(agenda.parts))}
        self.unresolved: dict[str, str] = {}  # UID -> where, of sessions without times
        if not isinstance(agenda.event.organizer, Organizer):
            raise InputError(
                self._where(("event",), key=True),
                "`event.organizer` is missing: invitations are sent in an organizer's name",
                "Add `organizer: {name: ..., email: ...}` under `event`.",
            )
        self.organizer: Organizer = agenda.event.organizer

    # --- where things are in the agenda file ----------------------------------------

    def _where(self, path: tuple[str | int, ...], *, key: bool = False) -> str:
        source = self.agenda.source
        if source is None:
            return "<agenda>"
        return str(source.locate(path, key=key))

    def _slot_where(self, slot: Slot) -> str:
        return self._where(slot.path)

    # --- what is wanted now ---------------------------------------------------------

    def run(self) -> Plan:
        baseline = self.baseline
        if baseline.event is not None and baseline.event != self.agenda.event.id:
            raise InputError(
                f"{baseline.source}:1:1",
                f"these are the invitations of event `{baseline.event}`, "
                f"not of `{self.agenda.event.id}`",
                "Use another output folder for another event.",
            )
        for part in self.request.parts:
            if part not in self.part_index:
                raise UsageError(_unknown("part", part, list(self.part_index)))
        slots = resolved_slots(self.timeline)
        self.unresolved = {
            uid(self.agenda, s): self._slot_where(s)
            for s in self.timeline.slots
            if s.start is None or s.end is None
        }
        self._speakers(slots)
        self._attendees(slots)
        messages, records = self._compare()
        calendars = self._calendars(messages) if self.request.publish else {}
        stale = [
            m.previous.eml
            for m in messages
            if m.previous is not None and m.previous.eml and m.record.eml is None
        ]
        return Plan(
            self.agenda.event.id,
            self.organizer,
            messages,
            calendars,
            records,
            self.notes,
            stale,
        )

    def _in_scope(self, part: str) -> bool:
        return not self.request.parts or part in self.request.parts

    def _want(self, recipient: Recipient, item: _Item, via: str, speaker: str | None) -> None:
        key = (recipient.key, item.uid)
        self.wanted_all.add(key)
        if not self._in_scope(item.part):
            return
        wanted = self.wanted.get(key)
        if wanted is None:
            wanted = self.wanted[key] = _Wanted(recipient, item)
        elif via == "speaker" and "speaker" not in wanted.via:
            wanted.recipient = recipient  # a speaker's name and role win
        wanted.via.add(via)
        if speaker is not None and speaker not in wanted.speakers:
            wanted.speakers.append(speaker)

    def _session_item(self, slot: Slot) -> _Item:
        assert slot.start is not None and slot.end is not None
        session = slot.session
        if not slot.explicit_id and not session.uid:
            self._note_once(
                self._slot_where(slot),
                f"session `{slot.id}` has no `id`: its UID is derived from its position and "
                "changes when sessions are inserted before it",
                "Give it an explicit `id` before sending invitations.",
            )
        return _Item(
            uid=uid(self.agenda, slot),
            kind="session",
            id=slot.id,
            part=part_key(self.agenda, slot.part),
            summary=summary_of(session),
            start=slot.start,
            end=slot.end,
            location=self.writer.location_text(slot),
            description=self.writer.description_text(session),
            body=self.writer.session_body(slot),
            url=session.url,
        )

    def _note_once(self, where: str, message: str, hint: str = "") -> None:
        note = Note(where, message, hint, "derived-id")
        if note not in self.notes:
            self.notes.append(note)

    def _speakers(self, slots: list[Slot]) -> None:
        request = self.request
        agenda = self.agenda
        if not request.speakers:
            return
        ids = list(agenda.speakers) if self.all_speakers else list(request.speakers)
        for sid in ids:
            if sid not in agenda.speakers:
                raise UsageError(_unknown("speaker", sid, list(agenda.speakers)))
        self.named_speakers = set(ids)
        sessions: dict[str, list[Slot]] = {}
        for slot in slots:
            for ref in dict.fromkeys(slot.session.speakers):
                sessions.setdefault(ref, []).append(slot)
        for sid in ids:
            speaker = agenda.speakers[sid]
            mine = sessions.get(sid, [])
            where = self._where(("speakers", sid), key=True)
            if speaker.email is None:
                if not mine and self.all_speakers:
                    continue
                titles = ", ".join(f"`{s.id}`" for s in mine) or "none"
                message = (
                    f"speaker `{sid}` ({speaker.name}) has no `email`: not invited to "
                    f"{len(mine)} session{'s' if len(mine) != 1 else ''} ({titles})"
                )
                hint = f"Add `email:` to `{sid}`, or send the invitation another way."
                if not self.all_speakers:
                    raise InputError(where, message, hint)
                self.notes.append(Note(where, message, hint))
                continue
            if not mine and not self.all_speakers:
                self.notes.append(Note(where, f"speaker `{sid}` has no sessions to invite to"))
            recipient = Recipient(speaker.email, speaker.name, "REQ-PARTICIPANT")
            for slot in mine:
                self._want(recipient, self._session_item(slot), "speaker", sid)

    def _attendees(self, slots: list[Slot]) -> None:
        request = self.request
        if not request.attendees:
            return
        items: list[_Item] = []
        if request.per == "session":
            items = [self._session_item(s) for s in slots if s.session.kind not in _QUIET]
        else:
            for entry in part_entries(self.writer, self.timeline, slots):
                assert entry.part is not None and entry.start is not None
                assert entry.end is not None
                part = self.agenda.parts[entry.part]
                if part.id is None:
                    self._note_once(
                        self._where(("parts", entry.part)),
                        f"part `{part_key(self.agenda, entry.part)}` has no `id`: its UID is "
                        "derived from its position and changes when parts are inserted "
                        "before it",
                        "Give it an explicit `id` before sending invitations.",
                    )
                items.append(
                    _Item(
                        uid=entry.uid,
                        kind="part",
                        id=part_key(self.agenda, entry.part),
                        part=part_key(self.agenda, entry.part),
                        summary=entry.summary,
                        start=entry.start,
                        end=entry.end,
                        location=entry.location,
                        description=entry.description,
                        body=self.writer.entry_body(entry),
                        url=self.agenda.event.url,
                    )
                )
        for recipient in request.attendees:
            for item in items:
                self._want(recipient, item, "attendee", None)

    # --- compared with what was sent ------------------------------------------------

    def _covers(self, via: str, record: Record) -> bool:
        if via == "speaker":
            return self.all_speakers or not self.named_speakers.isdisjoint(record.speakers)
        if via == "attendee":
            return self.request.attendee_list or record.recipient.lower() in self.attendee_keys
        # From files that do not say why someone was invited (--previous).
        return (
            record.recipient.lower() in {k for k, _ in self.wanted_all}
            or self.all_speakers
            or self.request.attendee_list
        )

    def _compare(self) -> tuple[list[Message], list[Record]]:
        baseline = self.baseline
        reserved = {r.file.casefold() for r in baseline.records.values() if r.file}
        messages: list[Message] = []
        records: list[Record] = []
        for key in sorted(self.wanted):
            message = self._request_message(self.wanted[key], reserved)
            messages.append(message)
            records.append(message.record)
        for key, old in sorted(baseline.records.items()):
            if key in self.wanted:
                continue
            vias = set(old.via) or {"?"}
            covered = {v for v in vias if self._covers(v, old)}
            in_scope = not self.request.parts or old.part in self.request.parts
            if not covered or key in self.wanted_all or not in_scope:
                records.append(old)  # not this run's business, or only out of scope
            elif old.uid in self.unresolved and old.method != "CANCEL":
                # Still in the agenda, but its time cannot be worked out (a run with
                # --force): a typo must not cancel a session.
                records.append(old)
                self.notes.append(
                    Note(
                        self.unresolved[old.uid],
                        f"`{old.item or old.uid}` has no resolved time: what was sent to "
                        f"{old.recipient} stays as it is",
                    )
                )
            elif covered != vias:
                records.append(replace(old, via=sorted(vias - covered)))
            else:
                message = self._cancel_message(old, reserved)
                messages.append(message)
                records.append(message.record)
        still_there = {uid(self.agenda, s) for s in self.timeline.slots}
        still_there.update(part_uid(self.agenda, i) for i in range(len(self.agenda.parts)))
        for uid_, old in sorted(baseline.anyone.items()):
            if uid_ not in still_there and old.status != "CANCELLED":
                self.notes.append(
                    Note(
                        f"{baseline.source}:1:1",
                        f"`{uid_}` ({old.summary}) was sent before but no longer exists; the "
                        "earlier calendar names no attendees, so no cancellation is addressed",
                        "Publish the feed again: subscribed calendars drop it by themselves.",
                    )
                )
        return messages, records

    def _file(self, recipient: str, item: str, kind: str, reserved: set[str]) -> str:
        folder = recipient_folder(recipient)
        stem = safe_name(item, _STEM_BYTES) or "event"
        if kind == "part":
            stem += ".part"
        name = f"{folder}/{stem}.ics"
        n = 2
        while name.casefold() in reserved:
            name = f"{folder}/{stem}~{n}.ics"
            n += 1
        reserved.add(name.casefold())
        return name

    def _request_message(self, wanted: _Wanted, reserved: set[str]) -> Message:
        item, recipient = wanted.item, wanted.recipient
        key = (recipient.key, item.uid)
        old = self.baseline.records.get(key)
        feed = self.baseline.anyone.get(item.uid) if old is None else None
        status = "CONFIRMED"
        now = (item.start, item.end, item.location, status)
        what: tuple[str, ...] = ()
        change: Change
        if old is None:
            change = "new"
            sequence = 0
            if feed is not None:  # the same event published before: continue its SEQUENCE
                sequence = feed.sequence + (feed.significant() != now)
        elif old.status == "CANCELLED":
            change, sequence = "reinstated", old.sequence + 1
        elif old.significant() != now:
            change, sequence = "rescheduled", old.sequence + 1
            what = _what(old, item)
        else:
            change, sequence = "unchanged", old.sequence
        stamp = self.stamp if old is None else old.dtstamp
        if change not in ("new", "unchanged"):
            stamp = _later(self.stamp, old.dtstamp if old else None)
        data = self._render_request(item, recipient, sequence, stamp)
        fingerprint = _digest(data)
        if change == "unchanged" and (old is None or old.digest != fingerprint):
            change = "updated"
            what = _what(old, item) if old is not None else ()
            stamp = _later(self.stamp, old.dtstamp if old else None)
            data = self._render_request(item, recipient, sequence, stamp)
        file = old.file if old is not None and old.file else None
        if file is None:
            file = self._file(recipient.email, item.id, item.kind, reserved)
        previous_via = set(old.via) if old is not None else set()
        record = Record(
            recipient=recipient.email,
            uid=item.uid,
            method="REQUEST",
            sequence=sequence,
            dtstamp=stamp,
            status=status,
            start=item.start,
            end=item.end,
            location=item.location,
            summary=item.summary,
            digest=fingerprint,
            name=recipient.name,
            role=recipient.role,
            speakers=sorted(set(wanted.speakers) | set(old.speakers if old else [])),
            via=sorted(wanted.via | (previous_via - {"?"})),
            kind=item.kind,
            item=item.id,
            part=item.part,
            file=file,
            eml=self._eml_name(file, change, old),
        )
        return Message(record, change, data, what, old, self._mail(record, change, what, item))

    def _item_of(self, uid_: str) -> tuple[str, str]:
        """(kind, id) of a UID this tool made; the UID itself for any other."""
        prefix, suffix = f"{self.agenda.event.id}-", f"@{UID_DOMAIN}"
        if uid_.startswith(prefix) and uid_.endswith(suffix):
            middle = uid_[len(prefix) : -len(suffix)]
            if middle.endswith("~part"):
                return "part", middle[: -len("~part")]
            if "~" not in middle:
                return "session", middle
        return "session", uid_

    def _eml_name(self, file: str, change: Change, old: Record | None) -> str | None:
        if self.request.eml:
            return file[: -len(".ics")] + ".eml"
        if change == "unchanged" and old is not None:
            return old.eml  # still true to its .ics
        return None

    def _cancel_message(self, old: Record, reserved: set[str]) -> Message:
        if old.method == "CANCEL":
            change: Change = "unchanged"
            sequence, stamp = old.sequence, old.dtstamp
        else:
            change = "cancelled"
            sequence, stamp = old.sequence + 1, _later(self.stamp, old.dtstamp)
        data = self._render_cancel(old, sequence, stamp)
        kind, item = (old.kind, old.item) if old.item else self._item_of(old.uid)
        file = old.file or self._file(old.recipient, item, kind, reserved)
        record = replace(
            old,
            kind=kind,
            item=item,
            method="CANCEL",
            status="CANCELLED",
            sequence=sequence,
            dtstamp=stamp,
            digest=_digest(data),
            file=file,
            eml=self._eml_name(file, change, old),
        )
        return Message(record, change, data, (), old, self._mail(record, change, (), None))

    # --- the files ------------------------------------------------------------------

    def _organizer_line(self) -> bytes:
        org = self.organizer
        name = org.name.strip()
        params = f";CN={param_value(name)}" if name else ""
        return fold(f"ORGANIZER{params}:{mailto(org.email)}")

    def _attendee_line(self, email: str, name: str | None, role: str, *, rsvp: bool) -> bytes:
        name = (name or "").strip()
        params = f";CN={param_value(name)}" if name else ""
        params += f";ROLE={role}"
        if rsvp:
            params += ";PARTSTAT=NEEDS-ACTION;RSVP=TRUE"
        return fold(f"ATTENDEE{params}:{mailto(email)}")

    def _dates(self, instants: Iterable[int | None]) -> tuple[date, date]:
        clock = self.timeline.clock
        days = [clock.local(i).date() for i in instants if i is not None]
        if not days:
            days = [self.agenda.event.date]
        return min(days) - timedelta(days=1), max(days) + timedelta(days=1)

    def _render_request(
        self, item: _Item, recipient: Recipient, sequence: int, stamp: str
    ) -> bytes:
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

    def _vevent(self, item: _Item, sequence: int, stamp: str) -> bytes:
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

    def _render_cancel(self, old: Record, sequence: int, stamp: str) -> bytes:
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

    def _calendars(self, messages: list[Message]) -> dict[str, bytes]:
        """One ``METHOD:PUBLISH`` calendar per recipient of this run, with their events."""
        by_recipient: dict[str, list[Message]] = {}
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
            chunks = [
                calendar_head(
                    self.agenda, first, last, method="PUBLISH", name=f"{self._title()} – {name}"
                )
            ]
            for message in current:
                wanted = self.wanted[(key, message.record.uid)]
                record = message.record
                chunks += (
                    self._vevent(wanted.item, record.sequence, record.dtstamp),
                    self.writer.alarms(wanted.item.summary),
                    b"END:VEVENT\r\n",
                )
            chunks.append(b"END:VCALENDAR\r\n")
            out[path] = b"".join(chunks)
        return out

    def _title(self) -> str:
        return event_title(self.agenda)

    # --- the e-mail words -----------------------------------------------------------

    def _when(self, start: int | None, end: int | None) -> str:
        if start is None or end is None:
            return ""
        clock = self.timeline.clock
        a, b = clock.local(start), clock.local(end)
        label = self.writer.clock_label
        day = f"{a:%Y-%m-%d}"
        until = label(end) if a.date() == b.date() else f"{b:%Y-%m-%d} {label(end)}"
        return f"{day} {label(start)}–{until} ({self.agenda.event.timezone})"

    def _mail(
        self, record: Record, change: Change, what: tuple[str, ...], item: _Item | None
    ) -> MailText:
        words = self.words
        event = self.agenda.event.title
        when = self._when(record.start, record.end)
        if change == "cancelled" or record.method == "CANCEL":
            prefix, intro = words["cancel"], words["intro_cancel"].format(event=event)
        elif change in ("rescheduled", "updated") and what:
            changed = ", ".join(words[w] for w in what)
            prefix = words["update"]
            intro = words["intro_update"].format(event=event, what=changed)
        else:
            prefix, intro = words["new"], words["intro_new"].format(event=event)
        rows = [(words["when"], when)] if when else []
        if record.location:
            rows.append((words["where"], record.location))
        org = self.organizer
        rows.append((words["organizer"], f"{org.name} <{org.email}>"))
        if item is not None and item.url:
            rows.append((words["link"], item.url))
        subject = f"{prefix}: {record.summary}" + (f" @ {when}" if when else "")
        return MailText(
            subject=subject,
            intro=intro,
            title=record.summary,
            rows=tuple(rows),
            description=item.description if item is not None else "",
            footer=words["footer"] if record.method == "REQUEST" else "",
        )


_QUIET = ("break", "transfer")
# Room for ".part", "~NNNN" and ".eml" in a 255-byte file name.
_STEM_BYTES = 255 - len(".part~9999.eml")


def _what(old: Record, item: _Item) -> tuple[str, ...]:
    out = []
    if (old.start, old.end) != (item.start, item.end):
        out.append("time")
    if old.location != item.location:
        out.append("place")
    if old.summary != item.summary:
        out.append("title")
    return tuple(out) or ("details",)


def _later(now: str, before: str | None) -> str:
    """A DTSTAMP after ``before``: clients ignore an update that is not newer."""
    if before is None or now > before:
        return now
    moment = datetime.strptime(before, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return (moment + timedelta(seconds=1)).strftime("%Y%m%dT%H%M%SZ")


def _digest(data: bytes) -> str:
    text = data.decode()
    lines = [line for _, line in unfold(text)]
    method = next((line[7:] for line in lines if line.startswith("METHOD:")), "")
    start = lines.index("BEGIN:VEVENT") + 1
    end = len(lines) - 1 - lines[::-1].index("END:VEVENT")
    return digest(method, lines[start:end])


def _unknown(what: str, name: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return f"unknown {what} `{name}`: did you mean `{close[0]}`?"
    listing = ", ".join(f"`{k}`" for k in known) or "none"
    return f"unknown {what} `{name}`; the agenda has: {listing}"


# --- writing a plan ---------------------------------------------------------------


def write_plan(plan: Plan, folder: Path) -> list[Path]:
    """Write what changed into ``folder``; returns the messages to send (.eml where
    written, else .ics). Files of unchanged messages are not rewritten (a missing one
    is restored as it was); every file is replaced atomically.

    Every path is one the planner derived from validated ids, and is written below
    ``folder`` without following a link: a link anywhere raises ``ConfinedError``
    before anything is written."""
    folder.mkdir(parents=True, exist_ok=True)
    box = Confined(folder)
    names = [STATE_FILE, *plan.stale_eml, *plan.calendars]
    for message in plan.messages:
        names += [n for n in (message.record.file, message.record.eml) if n is not None]
    for name in names:
        box.check(name)
    box.clean(names)
    out: list[Path] = []
    for message in plan.messages:
        record = message.record
        assert record.file is not None
        ics: bytes | None = message.data
        if message.send or not box.exists(record.file):
            box.write(record.file, [message.data])
        elif record.eml is not None:
            ics = box.read(record.file)
        if record.eml is not None and (message.send or not box.exists(record.eml)):
            box.write(record.eml, [email_bytes(plan, message, ics or message.data)])
        if message.send:
            out.append(folder / (record.eml or record.file))
    for name in plan.stale_eml:
        box.unlink(name)
    for name, data in plan.calendars.items():
        if box.read(name) != data:
            box.write(name, [data])
    data = plan.state()
    if box.read(STATE_FILE) != data:
        box.write(STATE_FILE, [data])
    return out


def email_bytes(plan: Plan, message: Message, ics: bytes) -> bytes:
    """The iMIP e-mail of ``message`` carrying ``ics`` (the file as written)."""
    record = message.record
    assert message.mail is not None
    org = plan.organizer
    return imip_message(
        ics,
        method=record.method,
        sender=(org.name, org.email),
        recipient=(record.name, record.recipient),
        text=message.mail,
        stamp=record.dtstamp,
    )
