"""How findings name sessions and speakers whose ids say nothing to a person.

Imported agendas carry ids such as ``56`` or ``a3f9c2e1``; a finding that names only
those sends the reader to the file. Where a finding names such an id, it adds every
session's title and every speaker's name; agendas written by hand, with ids that are
words, keep their short messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..model import Agenda
from ..timeline import Slot

__all__ = ["labels", "opaque"]

# Parts of an id that are codes: a hash (hex digits, one a digit, 8 or more, as in a
# UUID) or an upper-case code of 6 or more (pretalx's RXCFVB).
_HEX = re.compile(r"[0-9a-f]*[0-9][0-9a-f]*|[0-9A-F]*[0-9][0-9A-F]*")
_CODE = re.compile(r"[0-9A-Z]{6,}")
_SEGMENTS = re.compile(r"[-_.]")
MAX_TITLE = 60


def opaque(ident: str) -> bool:
    """Whether an id says nothing by itself: no letters (`56`), or a code or hash in
    it (`pretalx-2025-RXCFVB`, a UUID)."""
    if not any(c.isalpha() for c in ident):
        return True
    return any(
        _CODE.fullmatch(part) or (len(part) >= 8 and _HEX.fullmatch(part))
        for part in _SEGMENTS.split(ident)
    )


def _short(text: str) -> str:
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1].rstrip() + "…"


def labels(
    agenda: Agenda, slots: Iterable[tuple[str, Slot]], speaker: str | None = None
) -> dict[str, Any]:
    """``{name}_label`` values for a finding about ``slots`` (``("a", slot)`` pairs) and
    ``speaker``: each empty, unless one of the ids is opaque; then a space and the
    session's title, and the speaker's name in brackets."""
    pairs = list(slots)
    ids = [slot.id for _, slot in pairs] + ([speaker] if speaker is not None else [])
    named = any(opaque(i) for i in ids)
    out: dict[str, Any] = {
        f"{name}_label": f" {_short(slot.session.title)}" if named and slot.session.title else ""
        for name, slot in pairs
    }
    if speaker is not None:
        person = agenda.speakers.get(speaker)
        show = named and person is not None and person.name != speaker
        out["speaker_label"] = f" ({_short(person.name)})" if show and person else ""
    return out
