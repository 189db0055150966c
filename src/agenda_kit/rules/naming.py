"""How findings name sessions and speakers whose ids say nothing to a person.

Imported agendas carry ids such as ``56`` or ``a3f9c2e1``; a finding that names only
those sends the reader to the file. Where a finding names such an id, it adds every
session's title and every speaker's name; agendas written by hand, with ids that are
words, keep their short messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Agenda
from ..timeline import Slot

__all__ = ["labels", "opaque"]

# A code or hash: hex digits (and dashes) with at least one digit, 8 or more long.
_HEX = re.compile(r"[0-9A-Fa-f-]{8,}")
# An upper-case code with digits, as some tools give speakers (7GZK3V).
_CODE = re.compile(r"[0-9A-Z]{4,}")
MAX_TITLE = 60


def opaque(ident: str) -> bool:
    """Whether an id says nothing by itself: no letters, or a code or hash."""
    if not any(c.isalpha() for c in ident):
        return True
    has_digit = any(c.isdigit() for c in ident)
    return has_digit and (_HEX.fullmatch(ident) is not None or _CODE.fullmatch(ident) is not None)


def _short(text: str) -> str:
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1].rstrip() + "…"


def labels(
    agenda: Agenda, slots: Iterable[tuple[str, Slot]], speaker: str | None = None
) -> dict[str, str]:
    """``{name}_label`` values for a finding about ``slots`` (``("a", slot)`` pairs) and
    ``speaker``: each empty, unless one of the ids is opaque; then a space and the
    session's title, and the speaker's name in brackets."""
    pairs = list(slots)
    ids = [slot.id for _, slot in pairs] + ([speaker] if speaker is not None else [])
    named = any(opaque(i) for i in ids)
    out = {
        f"{name}_label": f" {_short(slot.session.title)}"
        if named and slot.session.title
        else ""
        for name, slot in pairs
    }
    if speaker is not None:
        person = agenda.speakers.get(speaker)
        show = named and person is not None and person.name != speaker
        out["speaker_label"] = f" ({_short(person.name)})" if show and person else ""
    return out
