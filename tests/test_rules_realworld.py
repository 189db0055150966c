"""Issue 10 on the real schedules: a conference room may be free between sessions.

Each schedule is imported as it is today, then every track is declared free between
sessions (`tracks: {room: {contiguous: false}}`, as an importer that understands
conference schedules would write). That declaration must remove every `gap` and
nothing else, and leave no gap finding at all.
"""

from __future__ import annotations

from collections import Counter

import pytest

import agenda_kit
from agenda_kit.exchange import import_file
from agenda_kit.model import Track
from agenda_kit.timeline import DEFAULT_TRACK

from .helpers import REALWORLD

pytestmark = pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld is absent")

FILES = sorted(
    f"{folder}/{p.name}"
    for folder in ("schedules", "ics")
    if (REALWORLD / folder).is_dir()
    for p in (REALWORLD / folder).iterdir()
)


def codes(agenda: agenda_kit.Agenda) -> Counter[str]:
    return Counter(d.name for d in agenda_kit.check(agenda).diagnostics)


@pytest.mark.parametrize("name", FILES)
def test_free_rooms_remove_exactly_the_gaps(name: str) -> None:
    agenda = import_file(REALWORLD / name).agenda
    before = codes(agenda)
    agenda.tracks = {part.track or DEFAULT_TRACK: Track(contiguous=False) for part in agenda.parts}
    after = codes(agenda)
    assert "gap" not in after
    del before["gap"]
    assert after == before
