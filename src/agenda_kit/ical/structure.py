"""The agenda's structure written into a feed as ``X-AGENDA-KIT-*`` properties.

The text a feed shows people (``Room (floor 2)``, ``A → B``, ``Speakers: …``) is worded
in the feed's language and may change with any release; reading a feed back must not
depend on it. So every session VEVENT also says, by id, which session, part, room,
destination, speakers, kind and enclosing session it is, and the calendar says which
event it is. Readers that do not know these properties ignore them (RFC 5545 3.8.8.2).

The names are fixed: agenda-kit's own importer reads them. A property whose value the
agenda does not have is left out (a session without an ``id`` has no
``X-AGENDA-KIT-SESSION``). Values are TEXT, escaped like any other.
"""

from __future__ import annotations

from ..model import Agenda
from ..timeline import Slot
from .text import fold, text_value

__all__ = [
    "EVENT",
    "KIND",
    "PARENT",
    "PART",
    "ROOM",
    "SESSION",
    "SPEAKER",
    "TO",
    "event_lines",
    "session_lines",
]

EVENT = "X-AGENDA-KIT-EVENT"  # on VCALENDAR: the event's id
SESSION = "X-AGENDA-KIT-SESSION"  # the session's id
PART = "X-AGENDA-KIT-PART"  # the id of the part the session is in
ROOM = "X-AGENDA-KIT-ROOM"  # the room's id (the part's room when the session names none)
TO = "X-AGENDA-KIT-TO"  # a transfer's destination room id
SPEAKER = "X-AGENDA-KIT-SPEAKER"  # one per speaker id, in the session's order
KIND = "X-AGENDA-KIT-KIND"  # the session's kind (talk, break, …)
PARENT = "X-AGENDA-KIT-PARENT"  # the enclosing session's id, for a session inside another


def _line(name: str, value: str | None) -> bytes:
    text = text_value(value or "")
    return fold(f"{name}:{text}") if text else b""


def event_lines(agenda: Agenda) -> bytes:
    """The calendar's ``X-AGENDA-KIT-EVENT``."""
    return _line(EVENT, agenda.event.id)


def session_lines(agenda: Agenda, slot: Slot) -> bytes:
    """A session VEVENT's ``X-AGENDA-KIT-*`` lines, in a fixed order."""
    session = slot.session
    parent = slot.parent
    to = session.to if session.kind == "transfer" else None
    return b"".join(
        (
            _line(SESSION, session.id),
            _line(PART, agenda.parts[slot.part].id),
            _line(ROOM, slot.room),
            _line(TO, to),
            *(_line(SPEAKER, ref) for ref in session.speakers),
            _line(KIND, session.kind),
            _line(PARENT, parent.session.id if parent is not None else None),
        )
    )
