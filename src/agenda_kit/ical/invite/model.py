"""What an invitation run asks for and what it decides: the request, the recipients,
the items invited to, and the plan of messages (data only, no behaviour)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ...diagnostics import Diagnostic
from ...model import Organizer
from ..mail import MailText
from ..state import Record, dump_state

__all__ = [
    "ROLES",
    "Change",
    "Invitations",
    "InviteMessage",
    "Item",
    "Plan",
    "Recipient",
    "Wanted",
]

Change = Literal["new", "rescheduled", "updated", "reinstated", "cancelled", "unchanged"]
ROLES = ("REQ-PARTICIPANT", "OPT-PARTICIPANT", "CHAIR", "NON-PARTICIPANT")


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
      every speaker. A speaker without an ``email`` is an error when named, a warning
      when ``all`` is asked for.
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
class Item:
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
class Wanted:
    """One (recipient, item) the agenda and the request ask for now, and why."""

    recipient: Recipient
    item: Item
    via: set[str] = field(default_factory=set)
    speakers: list[str] = field(default_factory=list)


@dataclass(slots=True)
class InviteMessage:
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
    """Everything a run writes, decided before anything is written.

    ``findings`` are what the run reports without stopping (AK7xx warnings), made in
    English and worded again in any language by ``findings.translate``; ``lang`` is the
    language of the e-mail text and of the run's own output."""

    event: str
    organizer: Organizer
    messages: list[InviteMessage]
    calendars: dict[str, bytes]  # PUBLISH downloads by path relative to the folder
    records: list[Record]  # the state after the run
    findings: list[Diagnostic]
    stale_eml: list[str] = field(default_factory=list)
    lang: str = "en"

    @property
    def notes(self) -> list[Diagnostic]:
        """``findings`` under the name of agenda-kit 0.x."""
        return self.findings

    @property
    def to_send(self) -> list[InviteMessage]:
        return [m for m in self.messages if m.send]

    def state(self) -> bytes:
        return dump_state(self.event, self.records)
