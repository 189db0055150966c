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

import re

from ..model import Agenda
from ..timeline import Slot
from .text import fold, text_value

__all__ = [
    "CONTIGUOUS",
    "EVENT",
    "KIND",
    "LANG",
    "PARENT",
    "PART",
    "ROOM",
    "SESSION",
    "SPEAKER",
    "TO",
    "TRANSFER",
    "StructureLines",
    "event_lines",
    "session_lines",
]

EVENT = "X-AGENDA-KIT-EVENT"  # on VCALENDAR: the event's id
LANG = "X-AGENDA-KIT-LANG"  # on VCALENDAR: the event's language (`lang`), where it has one
# On VCALENDAR, one per transfer of the venue: `FROM TO MINUTES` (two room ids).
TRANSFER = "X-AGENDA-KIT-TRANSFER"
SESSION = "X-AGENDA-KIT-SESSION"  # the session's id
PART = "X-AGENDA-KIT-PART"  # the id of the part the session is in
ROOM = "X-AGENDA-KIT-ROOM"  # the room's id (the part's room when the session names none)
TO = "X-AGENDA-KIT-TO"  # a transfer's destination room id
SPEAKER = "X-AGENDA-KIT-SPEAKER"  # one per speaker id, in the session's order
KIND = "X-AGENDA-KIT-KIND"  # the session's kind (talk, break, …)
PARENT = "X-AGENDA-KIT-PARENT"  # the enclosing session's id, for a session inside another
# FALSE for a session of a part whose room may stand free between sessions (its part or
# track says `contiguous: false`): free time there is no gap. Left out otherwise.
CONTIGUOUS = "X-AGENDA-KIT-CONTIGUOUS"


# What ids are made of (the model's pattern): nothing in them needs escaping.
_PLAIN = re.compile(r"[A-Za-z0-9_.\-]+")


def _line(name: str, value: str | None) -> bytes:
    if value and len(value) < 40 and _PLAIN.fullmatch(value):
        return f"{name}:{value}\r\n".encode()  # short and plain: no escape, no fold
    text = text_value(value or "")
    return fold(f"{name}:{text}") if text else b""


def event_lines(agenda: Agenda) -> bytes:
    """The calendar's ``X-AGENDA-KIT-EVENT``, ``X-AGENDA-KIT-LANG`` where the event
    names its language, and an ``X-AGENDA-KIT-TRANSFER`` for each transfer of the venue
    (the minutes people need between two rooms, which the checker holds room changes to)."""
    venue = agenda.venue
    transfers = venue.transfers if venue is not None else []
    return b"".join(
        [
            _line(EVENT, agenda.event.id),
            _line(LANG, agenda.event.lang),
            *(_line(TRANSFER, f"{t.from_} {t.to} {t.minutes}") for t in transfers),
        ]
    )


class StructureLines:
    """A session VEVENT's ``X-AGENDA-KIT-*`` lines, in a fixed order.

    Everything but the session's own id repeats across sessions (the part, the room,
    the speakers, the kind), so those lines are made once per combination.
    """

    __slots__ = ("_after", "agenda", "free")

    def __init__(self, agenda: Agenda) -> None:
        from ..flow import flows

        self.agenda = agenda
        self._after: dict[tuple[object, ...], bytes] = {}
        # Parts whose room may be free between sessions (their own or their track's).
        self.free = [not flow.contiguous for flow in flows(agenda)]

    def __call__(self, slot: Slot) -> bytes:
        session = slot.session
        parent = slot.parent
        to = session.to if session.kind == "transfer" else None
        above = parent.session.id if parent is not None else None
        key = (slot.part, slot.room, to, session.speakers, session.kind, above)
        after = self._after.get(key)
        if after is None:
            after = self._after[key] = b"".join(
                (
                    _line(PART, self.agenda.parts[slot.part].id),
                    _line(ROOM, slot.room),
                    _line(TO, to),
                    *(_line(SPEAKER, ref) for ref in session.speakers),
                    _line(KIND, session.kind),
                    _line(PARENT, above),
                    _line(CONTIGUOUS, "FALSE" if self.free[slot.part] else None),
                )
            )
        return _line(SESSION, session.id) + after


def session_lines(agenda: Agenda, slot: Slot) -> bytes:
    """A session VEVENT's ``X-AGENDA-KIT-*`` lines (``StructureLines`` for many)."""
    return StructureLines(agenda)(slot)
