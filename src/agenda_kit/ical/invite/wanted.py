"""What a run wants to have sent now: every (recipient, session or part) that the agenda
and the request ask for, with the findings about them (a speaker without an address,
an id derived from a position). Pure: reads the agenda, writes nothing."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from ...diagnostics import Diagnostic, Location, Severity
from ...findings import (
    INVALID_EMAIL,
    INVITE_DERIVED_ID,
    INVITE_SPEAKER_NO_EMAIL,
    INVITE_SPEAKER_NO_SESSIONS,
    UNKNOWN_SELECTION,
    Phrase,
)
from ...model import Agenda
from ...timeline import Slot, Timeline, part_key
from .._safety import address_problem
from ..feed import EventWriter, part_entries, summary_of, uid
from ..mail import addr_spec
from ..state import InputError
from .model import Invitations, Item, Recipient, Wanted

__all__ = ["UsageError", "Wants", "check_address", "collect", "locate"]

_QUIET = ("break", "transfer")


class UsageError(InputError):
    """The command was asked for something the agenda does not have (an unknown
    speaker or part): ``diagnostic`` is the AK501 finding."""


def locate(agenda: Agenda, path: tuple[str | int, ...], *, key: bool = False) -> Location:
    """Where ``path`` is in the agenda file (1:1 of ``<agenda>`` without a source)."""
    if agenda.source is None:
        return Location("<agenda>", 0, 0, "")
    found: Location = agenda.source.locate(path, key=key)
    return found


@dataclass(slots=True)
class Wants:
    """What is wanted now, by (recipient key, UID)."""

    wanted: dict[tuple[str, str], Wanted] = field(default_factory=dict)
    # Wanted in any part, in scope or not: out-of-scope ones are not cancelled.
    wanted_all: set[tuple[str, str]] = field(default_factory=set)
    named_speakers: set[str] = field(default_factory=set)
    findings: list[Diagnostic] = field(default_factory=list)


def collect(
    agenda: Agenda,
    request: Invitations,
    timeline: Timeline,
    writer: EventWriter,
    slots: list[Slot],
) -> Wants:
    """Everything ``request`` asks for in ``agenda``. Raises ``UsageError`` (an unknown
    speaker or part) or ``InputError`` (a named speaker without an address)."""
    return _Collector(agenda, request, timeline, writer).run(slots)


class _Collector:
    def __init__(
        self, agenda: Agenda, request: Invitations, timeline: Timeline, writer: EventWriter
    ) -> None:
        self.agenda = agenda
        self.request = request
        self.timeline = timeline
        self.writer = writer
        self.all_speakers = "all" in request.speakers
        self.out = Wants()
        self.part_index = {part_key(agenda, i): i for i in range(len(agenda.parts))}

    def run(self, slots: list[Slot]) -> Wants:
        for part in self.request.parts:
            if part not in self.part_index:
                raise _unknown("part", part, list(self.part_index))
        self._speakers(slots)
        self._attendees(slots)
        return self.out

    def _in_scope(self, part: str) -> bool:
        return not self.request.parts or part in self.request.parts

    def _want(self, recipient: Recipient, item: Item, via: str, speaker: str | None) -> None:
        key = (recipient.key, item.uid)
        self.out.wanted_all.add(key)
        if not self._in_scope(item.part):
            return
        wanted = self.out.wanted.get(key)
        if wanted is None:
            wanted = self.out.wanted[key] = Wanted(recipient, item)
        elif via == "speaker" and "speaker" not in wanted.via:
            wanted.recipient = recipient  # a speaker's name and role win
        wanted.via.add(via)
        if speaker is not None and speaker not in wanted.speakers:
            wanted.speakers.append(speaker)

    def _note_once(self, finding: Diagnostic) -> None:
        if finding not in self.out.findings:
            self.out.findings.append(finding)

    def _session_item(self, slot: Slot) -> Item:
        assert slot.start is not None and slot.end is not None
        session = slot.session
        if not slot.explicit_id and not session.uid:
            where = locate(self.agenda, slot.path)
            self._note_once(INVITE_DERIVED_ID.at(where, "session", id=slot.id))
        return Item(
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

    def _speakers(self, slots: list[Slot]) -> None:
        request, agenda = self.request, self.agenda
        if not request.speakers:
            return
        ids = list(agenda.speakers) if self.all_speakers else list(request.speakers)
        for sid in ids:
            if sid not in agenda.speakers:
                raise _unknown("speaker", sid, list(agenda.speakers))
        self.out.named_speakers = set(ids)
        sessions: dict[str, list[Slot]] = {}
        for slot in slots:
            for ref in dict.fromkeys(slot.session.speakers):
                sessions.setdefault(ref, []).append(slot)
        for sid in ids:
            speaker = agenda.speakers[sid]
            mine = sessions.get(sid, [])
            where = locate(agenda, ("speakers", sid), key=True)
            if speaker.email is None:
                if not mine and self.all_speakers:
                    continue
                # Named, it is an error; with `all`, the others are invited.
                finding = INVITE_SPEAKER_NO_EMAIL.at(
                    where,
                    severity=Severity.WARNING if self.all_speakers else None,
                    speakers=(sid,),
                    speaker=sid,
                    name=speaker.name,
                    sessions_count=Phrase(
                        "invite.sessions." + ("one" if len(mine) == 1 else "other"), n=len(mine)
                    ),
                    ids=", ".join(f"`{s.id}`" for s in mine) or "none",
                )
                if not self.all_speakers:
                    raise InputError(finding)
                self.out.findings.append(finding)
                continue
            if not mine and not self.all_speakers:
                self.out.findings.append(
                    INVITE_SPEAKER_NO_SESSIONS.at(where, speakers=(sid,), speaker=sid)
                )
            check_address(agenda, ("speakers", sid, "email"), speaker.email, sid)
            recipient = Recipient(speaker.email, speaker.name, "REQ-PARTICIPANT")
            for slot in mine:
                self._want(recipient, self._session_item(slot), "speaker", sid)

    def _attendees(self, slots: list[Slot]) -> None:
        request = self.request
        if not request.attendees:
            return
        items: list[Item] = []
        if request.per == "session":
            items = [self._session_item(s) for s in slots if s.session.kind not in _QUIET]
        else:
            for entry in part_entries(self.writer, self.timeline, slots):
                assert entry.part is not None and entry.start is not None
                assert entry.end is not None
                key = part_key(self.agenda, entry.part)
                if self.agenda.parts[entry.part].id is None:
                    where = locate(self.agenda, ("parts", entry.part))
                    self._note_once(INVITE_DERIVED_ID.at(where, "part", id=key))
                items.append(
                    Item(
                        uid=entry.uid,
                        kind="part",
                        id=key,
                        part=key,
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


def _unknown(what: str, name: str, known: Sequence[str]) -> UsageError:
    """AK501 for an id the agenda does not have, with the closest one or the list."""
    where = Location("--to" if what == "speaker" else "--part", 1, 1, "")
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return UsageError(
            UNKNOWN_SELECTION.at(where, f"{what}.suggest", name=name, suggestion=close[0])
        )
    listing = ", ".join(f"`{k}`" for k in known) or "none"
    return UsageError(UNKNOWN_SELECTION.at(where, what, name=name, known=listing))


def check_address(agenda: Agenda, path: tuple[str, ...], email: str, sid: str = "") -> None:
    """Refuse a speaker's (or the organizer's) address that the e-mail writer cannot
    write (it quotes a local part that is no dot-atom, but a domain must be one), or that
    the next run would refuse to read back from the state file (a local part that is
    neither a dot-atom nor a quoted string, as in an attendee file): the model's pattern
    is looser, and both were found by fuzzing, after the plan was made."""
    problem = address_problem(email)
    if problem is None:
        try:
            addr_spec(email)
        except ValueError:
            problem = Phrase("invite.problem.address-domain")
    if problem is not None:
        where = locate(agenda, path)
        speakers = (sid,) if sid else ()
        raise InputError(
            INVALID_EMAIL.at(where, "why", speakers=speakers, value=repr(email), problem=problem)
        ) from None
