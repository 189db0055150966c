"""The plan of a run: what is wanted now (``wanted``) compared with what was sent before
(``ical.state``), message by message. The SEQUENCE rules live here:

- a new session or recipient gets a ``METHOD:REQUEST`` with SEQUENCE 0 (or continues
  the SEQUENCE of the same event published before without attendees);
- a changed time, place or status raises the SEQUENCE (clients ask again for a reply);
- any other change (a title, a description) goes out with the same SEQUENCE and a
  newer DTSTAMP, which clients take as an update that needs no new reply;
- a session that is gone, or a recipient who no longer takes part, gets a
  ``METHOD:CANCEL`` with ``STATUS:CANCELLED``, the same UID and a higher SEQUENCE;
- anything else keeps its SEQUENCE and DTSTAMP, and its file is not rewritten.

Pure: it renders bytes (``itip``) and words (``wording``) but reads and writes no file.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ..._paths import safe_name
from ...diagnostics import Diagnostic, Location
from ...findings import (
    INVITE_NO_CANCEL_ADDRESS,
    INVITE_NO_ORGANIZER,
    INVITE_OTHER_EVENT,
    INVITE_UNRESOLVED_KEPT,
    language,
)
from ...model import Agenda, Organizer
from ...timeline import Timeline, build_timeline
from .._safety import recipient_folder
from ..feed import (
    UID_DOMAIN,
    EventWriter,
    dtstamp,
    part_uid,
    resolved_slots,
    stamp_text,
    uid,
)
from ..state import Baseline, InputError, Record, later_stamp, next_sequence, refuse
from .itip import Renderer, digest_of
from .model import Change, Invitations, InviteMessage, Item, Plan, Wanted
from .wanted import check_address, collect, locate
from .wording import MailWords

__all__ = ["plan_invitations"]

# Room for ".part", "~NNNN" and ".eml" in a 255-byte file name.
_STEM_BYTES = 255 - len(".part~9999.eml")


def plan_invitations(
    agenda: Agenda,
    request: Invitations,
    *,
    baseline: Baseline | None = None,
    stamp: datetime | None = None,
    timeline: Timeline | None = None,
    lang: str | None = None,
) -> Plan:
    """Decide every message of a run; the e-mails are worded in ``lang`` (default: the
    agenda's ``event.lang``). Raises ``InputError`` (a finding in a file: the agenda,
    the baseline) or ``UsageError`` (an id asked for that the agenda lacks)."""
    return _Planner(agenda, request, baseline or Baseline(), stamp, timeline, lang).run()


class _Planner:
    def __init__(
        self,
        agenda: Agenda,
        request: Invitations,
        baseline: Baseline,
        stamp: datetime | None,
        timeline: Timeline | None,
        lang: str | None,
    ) -> None:
        self.agenda = agenda
        self.request = request
        self.baseline = baseline
        self.stamp = stamp_text(stamp or dtstamp())
        self.timeline = timeline or build_timeline(agenda)
        self.lang = language(lang or agenda.event.lang)
        self.writer = _writer(agenda, self.timeline, request.reminders, self.lang)
        if not isinstance(agenda.event.organizer, Organizer):
            raise InputError(INVITE_NO_ORGANIZER.at(locate(agenda, ("event",), key=True)))
        self.organizer: Organizer = agenda.event.organizer
        check_address(agenda, ("event", "organizer", "email"), self.organizer.email)
        self.render = Renderer(agenda, self.timeline, self.writer, self.organizer)
        self.words = MailWords(agenda, self.timeline, self.writer, self.organizer, self.lang)
        self.wanted: dict[tuple[str, str], Wanted] = {}
        self.wanted_all: set[tuple[str, str]] = set()
        self.named_speakers: set[str] = set()
        self.all_speakers = "all" in request.speakers
        self.attendee_keys = {r.key for r in request.attendees}
        self.unresolved: dict[str, tuple[str, Location]] = {}  # UID -> (item, where)
        self.findings: list[Diagnostic] = []

    def run(self) -> Plan:
        baseline = self.baseline
        if baseline.event is not None and baseline.event != self.agenda.event.id:
            raise refuse(
                INVITE_OTHER_EVENT,
                baseline.source or "<state>",
                previous=baseline.event,
                event=self.agenda.event.id,
            )
        slots = resolved_slots(self.timeline)
        wants = collect(self.agenda, self.request, self.timeline, self.writer, slots)
        self.wanted, self.wanted_all = wants.wanted, wants.wanted_all
        self.named_speakers = wants.named_speakers
        self.findings = wants.findings
        self.unresolved = {
            uid(self.agenda, s): (s.id, locate(self.agenda, s.path))
            for s in self.timeline.slots
            if s.start is None or s.end is None
        }
        messages, records = self._compare()
        calendars = self.render.calendars(messages, self.wanted) if self.request.publish else {}
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
            self.findings,
            stale,
            self.lang,
        )

    # --- compared with what was sent ------------------------------------------------

    def _covers(self, via: str, record: Record) -> bool:
        """Whether this run is about ``record`` for the reason ``via`` it was sent."""
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

    def _compare(self) -> tuple[list[InviteMessage], list[Record]]:
        baseline = self.baseline
        reserved = {r.file.casefold() for r in baseline.records.values() if r.file}
        messages: list[InviteMessage] = []
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
                self._keep_unresolved(old)
            elif covered != vias:
                records.append(replace(old, via=sorted(vias - covered)))
            else:
                message = self._cancel_message(old, reserved)
                messages.append(message)
                records.append(message.record)
        self._orphans()
        return messages, records

    def _keep_unresolved(self, old: Record) -> None:
        item, where = self.unresolved[old.uid]
        finding = INVITE_UNRESOLVED_KEPT.at(where, item=old.item or item, recipient=old.recipient)
        self.findings.append(finding)

    def _orphans(self) -> None:
        """Events published before without attendees that are gone now: nobody to
        address a cancellation to."""
        baseline = self.baseline
        still_there = {uid(self.agenda, s) for s in self.timeline.slots}
        still_there.update(part_uid(self.agenda, i) for i in range(len(self.agenda.parts)))
        for uid_, old in sorted(baseline.anyone.items()):
            if uid_ not in still_there and old.status != "CANCELLED":
                self.findings.append(
                    refuse(
                        INVITE_NO_CANCEL_ADDRESS,
                        baseline.source or "<previous>",
                        uid=uid_,
                        summary=old.summary,
                    ).diagnostic
                )

    def _file(self, recipient: str, item: str, kind: str, reserved: set[str]) -> str:
        """A new file name for (recipient, item), unique in the folder (case folded)."""
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

    def _request_message(self, wanted: Wanted, reserved: set[str]) -> InviteMessage:
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
            # The same event published before: continue its SEQUENCE.
            sequence = next_sequence(feed, now)
        elif old.status == "CANCELLED":
            # A cancelled event that comes back: its status changed (CANCELLED, now not).
            change, sequence = "reinstated", next_sequence(old, now)
        elif old.significant() != now:
            change, sequence = "rescheduled", next_sequence(old, now)
            what = _what(old, item)
        else:
            change, sequence = "unchanged", old.sequence
        stamp = self.stamp if old is None else old.dtstamp
        if change not in ("new", "unchanged"):
            stamp = later_stamp(self.stamp, old.dtstamp if old else None)
        data = self.render.request(item, recipient, sequence, stamp)
        fingerprint = digest_of(data)
        if change == "unchanged" and (old is None or old.digest != fingerprint):
            change = "updated"
            what = _what(old, item) if old is not None else ()
            stamp = later_stamp(self.stamp, old.dtstamp if old else None)
            data = self.render.request(item, recipient, sequence, stamp)
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
        mail = self.words.mail(record, change, what, item)
        return InviteMessage(record, change, data, what, old, mail)

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

    def _cancel_message(self, old: Record, reserved: set[str]) -> InviteMessage:
        if old.method == "CANCEL":
            change: Change = "unchanged"
            sequence, stamp = old.sequence, old.dtstamp
        else:
            change = "cancelled"
            sequence, stamp = old.sequence + 1, later_stamp(self.stamp, old.dtstamp)
        data = self.render.cancel(old, sequence, stamp)
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
            digest=digest_of(data),
            file=file,
            eml=self._eml_name(file, change, old),
        )
        mail = self.words.mail(record, change, (), None)
        return InviteMessage(record, change, data, (), old, mail)


def _writer(
    agenda: Agenda, timeline: Timeline, reminders: tuple[int, ...], lang: str
) -> EventWriter:
    """The feed's VEVENT writer, its words ("Speakers", "floor") in the run's language
    rather than only the agenda's (``--lang`` and the settings file may differ)."""
    return EventWriter(agenda, timeline, reminders=reminders, lang=lang)


def _what(old: Record, item: Item) -> tuple[str, ...]:
    """What changed, for the e-mail and the listing: time, place, title or details."""
    out = []
    if (old.start, old.end) != (item.start, item.end):
        out.append("time")
    if old.location != item.location:
        out.append("place")
    if old.summary != item.summary:
        out.append("title")
    return tuple(out) or ("details",)
