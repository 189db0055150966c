"""The checker's sweep for overlapping sessions (overlap, room-conflict,
speaker-conflict) against a brute force over every pair, on generated agendas: sessions
sharing speakers and rooms across parts, tracks and days, children, and the night the
clocks go back in Europe/Berlin. The brute force computes each session's instants with
zoneinfo from what the test wrote, not from the timeline."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from unittest.mock import patch
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

import agenda_kit
from agenda_kit import CheckSettings
from agenda_kit.rules import rooms
from agenda_kit.rules.pairs import MAX_PAIRS

BERLIN = ZoneInfo("Europe/Berlin")
DAYS = (date(2024, 10, 26), date(2024, 10, 27))  # the 27th: 03:00 CEST is 02:00 CET again
ROOMS = ("hall", "lab", "foyer")  # the foyer is shared: never a room conflict
SPEAKERS = ("ada", "bo", "cy", "di")
RULES = ["overlap", "room-conflict", "speaker-conflict"]


@dataclass
class Written:
    """A session as the test wrote it, with what it belongs to."""

    id: str
    start: int  # UTC seconds
    end: int
    order: int  # in the document
    track: str
    day: date
    room: str | None
    speakers: tuple[str, ...]
    kind: str
    parent: Written | None

    def within(self, other: Written) -> bool:
        node: Written | None = self
        while node is not None:
            if node is other:
                return True
            node = node.parent
        return False


def instant(day: date, minute: int) -> int:
    # fold=0: a time in the repeated hour is its first occurrence (RFC 5545).
    local = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=BERLIN)
    return int(local.timestamp())


# Times bunched around the repeated hour (01:00-04:00) and one busy morning hour.
minutes = st.one_of(st.integers(60, 240), st.integers(600, 660), st.integers(0, 1300))
session = st.fixed_dictionaries(
    {
        "start": minutes,
        "length": st.integers(0, 120),
        "speakers": st.lists(st.sampled_from(SPEAKERS), max_size=2),
        "room": st.sampled_from((None, *ROOMS)),
        "kind": st.sampled_from(("talk", "talk", "break", "transfer")),
    }
)
with_children = st.tuples(session, st.lists(session, max_size=3))
part = st.fixed_dictionaries(
    {
        "day": st.sampled_from(DAYS),
        "track": st.sampled_from((None, "east", "west")),
        "room": st.sampled_from((None, *ROOMS)),
        "sessions": st.lists(with_children, min_size=1, max_size=5),
    }
)


def build(parts: list[dict[str, Any]]) -> tuple[dict[str, Any], list[Written]]:
    """The agenda document, and every session as written (in document order)."""
    written: list[Written] = []

    def one(spec: dict[str, Any], p: dict[str, Any], parent: Written | None) -> dict[str, Any]:
        start = spec["start"]
        end = min(start + spec["length"], 1439)  # the same day: no range over midnight
        ident = f"s{len(written) + 1}"
        default_room = parent.room if parent is not None else p["room"]
        node = Written(
            ident,
            instant(p["day"], start),
            instant(p["day"], end),
            len(written),
            p["track"] or "main",
            p["day"],
            spec["room"] or default_room,
            tuple(dict.fromkeys(spec["speakers"])),
            spec["kind"],
            parent,
        )
        written.append(node)
        doc: dict[str, Any] = {
            "id": ident,
            "title": f"Session {ident}",
            "time": f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}",
            "kind": spec["kind"],
        }
        if spec["speakers"]:
            doc["speakers"] = spec["speakers"]
        if spec["room"]:
            doc["room"] = spec["room"]
        if spec["kind"] == "transfer":
            doc["to"] = ROOMS[0]
        return doc

    docs = []
    for p in parts:
        sessions = []
        for top, children in p["sessions"]:
            doc = one(top, p, None)
            parent = written[-1]
            if children:
                doc["children"] = [one(c, p, parent) for c in children]
            sessions.append(doc)
        part_doc: dict[str, Any] = {"date": p["day"].isoformat(), "sessions": sessions}
        if p["track"]:
            part_doc["track"] = p["track"]
        if p["room"]:
            part_doc["room"] = p["room"]
        docs.append(part_doc)
    agenda = {
        "agenda": 1,
        "event": {"id": "e", "title": "E", "date": str(DAYS[0]), "timezone": "Europe/Berlin"},
        "venue": {
            "name": "V",
            "rooms": {name: {"name": name, "shared": name == "foyer"} for name in ROOMS},
        },
        "speakers": {name: {"name": name.title()} for name in SPEAKERS},
        "parts": docs,
    }
    return agenda, written


Pair = tuple[str, tuple[str, str], tuple[str, ...]]


def brute(name: str, sessions: list[Written], keep: Any, about: tuple[str, ...]) -> list[Pair]:
    """Every overlapping pair of ``sessions`` that ``keep`` accepts: the later one with
    the first ``MAX_PAIRS`` earlier ones that still run when it starts."""
    ordered = sorted(sessions, key=lambda s: (s.start, s.end, s.id, s.order))
    found: list[Pair] = []
    for j, later in enumerate(ordered):
        earlier = [a for a in ordered[:j] if a.end > later.start and keep(a, later)]
        found += [(name, (later.id, a.id), about) for a in earlier[:MAX_PAIRS]]
    return found


def expected(written: list[Written]) -> list[Pair]:
    found: list[Pair] = []
    groups: dict[Any, list[Written]] = {}
    for s in written:  # top-level sessions by track and day; children by parent
        key = (s.track, s.day) if s.parent is None else s.parent.id
        groups.setdefault(key, []).append(s)
    for members in groups.values():
        found += brute("overlap", members, lambda a, b: True, ())
    for room in ROOMS[:2]:
        members = [s for s in written if s.room == room and s.kind != "transfer"]
        found += brute(
            "room-conflict",
            members,
            lambda a, b: a.track != b.track and not a.within(b) and not b.within(a),
            (room,),
        )
    for speaker in SPEAKERS:
        members = [s for s in written if speaker in s.speakers]
        found += brute(
            "speaker-conflict",
            members,
            lambda a, b: not a.within(b) and not b.within(a),
            (speaker,),
        )
    return sorted(found)


@settings(max_examples=300, deadline=None)
@given(st.lists(part, min_size=1, max_size=4))
def test_every_overlapping_pair_and_no_other(parts: list[dict[str, Any]]) -> None:
    doc, written = build(parts)
    agenda = agenda_kit.loads(json.dumps(doc), format="json")
    # Rooms picked out one by one (a few rooms), and in one pass (many rooms).
    for few in (rooms.FEW_ROOMS, 0):
        with patch.object(rooms, "FEW_ROOMS", few):
            report = agenda_kit.check(agenda, overrides=CheckSettings(select=RULES))
        found = sorted(
            (d.name, (d.sessions[0], d.sessions[1]), d.rooms or d.speakers)
            for d in report.diagnostics
        )
        assert found == expected(written)
