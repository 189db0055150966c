"""The agenda's structure in a feed (``X-AGENDA-KIT-*``), read back by libical, ical.js
and icalendar; TEXT escaping of line breaks."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

import agenda_kit
from agenda_kit.ical.feed import to_ical
from agenda_kit.ical.head import text_line
from agenda_kit.ical.labels import labels, split_room_label
from agenda_kit.ical.options import FeedOptions
from agenda_kit.ical.text import escape_text
from agenda_kit.model import ID_PATTERN

from .interop_helpers import INTEROP, SYSTEM_PYTHON, require

STAMP = datetime(2024, 10, 1, 9, 0, tzinfo=UTC)
PREFIX = "X-AGENDA-KIT-"

# The structure as each parser gives it: the calendar's X-AGENDA-KIT-* properties, and
# per VEVENT its UID and X-AGENDA-KIT-* properties, as [name, value] in file order.
Structure = dict[str, Any]

LIBICAL_SCRIPT = """
import json, sys
import gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib

def xs(component):
    out = []
    prop = component.get_first_property(ICalGLib.PropertyKind.X_PROPERTY)
    while prop is not None:
        if prop.get_x_name().upper().startswith("X-AGENDA-KIT-"):
            out.append([prop.get_x_name().upper(), prop.get_x()])
        prop = component.get_next_property(ICalGLib.PropertyKind.X_PROPERTY)
    return out

files = []
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as handle:
        calendar = ICalGLib.Component.new_from_string(handle.read())
    events = []
    event = calendar.get_first_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    while event is not None:
        events.append({"uid": event.get_uid(), "x": xs(event)})
        event = calendar.get_next_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    files.append({"calendar": xs(calendar), "events": events})
print(json.dumps(files))
"""

ICALJS_SCRIPT = """
import { readFileSync } from "node:fs";
import ICAL from "ical.js";
const xs = (c) => c.getAllProperties()
  .filter((p) => p.name.toUpperCase().startsWith("X-AGENDA-KIT-"))
  .map((p) => [p.name.toUpperCase(), String(p.getFirstValue())]);
const files = process.argv.slice(1).map((name) => {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(name, "utf8")));
  const events = calendar.getAllSubcomponents("vevent")
    .map((e) => ({ uid: String(e.getFirstPropertyValue("uid")), x: xs(e) }));
  return { calendar: xs(calendar), events };
});
process.stdout.write(JSON.stringify(files));
"""


def _unescape(text: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], text)


def icalendar_structure(data: bytes) -> Structure:
    calendar = Calendar.from_ical(data)

    def xs(component: Any) -> list[list[str]]:
        # icalendar keeps an X- value as written: unescape it as RFC 5545 TEXT.
        return [
            [str(name), _unescape(str(value))]
            for name, value in component.property_items(recursive=False, sorted=False)
            if str(name).startswith(PREFIX)
        ]

    events = [{"uid": str(e["UID"]), "x": xs(e)} for e in calendar.walk("VEVENT")]
    return {"calendar": xs(calendar), "events": events}


def read_structures(parser: str, paths: list[Path]) -> list[Structure]:
    """What ``parser`` reads from each file, in one process for all of them."""
    if parser == "icalendar":
        return [icalendar_structure(p.read_bytes()) for p in paths]
    require(parser)
    if parser == "libical":
        command = [SYSTEM_PYTHON, "-c", LIBICAL_SCRIPT]
    else:
        command = ["node", "--input-type=module", "-e", ICALJS_SCRIPT]
    done = subprocess.run(
        [*command, *(str(p) for p in paths)],
        capture_output=True,
        check=False,
        timeout=600,
        cwd=INTEROP,  # where ical.js is installed
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    result: list[Structure] = json.loads(done.stdout.decode("utf-8"))
    return result


def expected_structure(agenda: agenda_kit.Agenda) -> Structure:
    """The structure as the agenda file states it, walked here without the writer."""
    events: list[dict[str, Any]] = []

    def walk(part: Any, sessions: Any, parent: Any, path: str, around: str | None) -> None:
        for n, session in enumerate(sessions, start=1):
            ident = session.id or f"{path}-{n}"
            x = [["X-AGENDA-KIT-SESSION", session.id]] if session.id else []
            if part.id:
                x.append(["X-AGENDA-KIT-PART", part.id])
            room = session.room or around  # a session is in the room around it
            if room:
                x.append(["X-AGENDA-KIT-ROOM", room])
            if session.kind == "transfer" and session.to:
                x.append(["X-AGENDA-KIT-TO", session.to])
            x += [["X-AGENDA-KIT-SPEAKER", s] for s in session.speakers]
            x.append(["X-AGENDA-KIT-KIND", session.kind])
            if parent is not None and parent.id:
                x.append(["X-AGENDA-KIT-PARENT", parent.id])
            uid = session.uid or f"{agenda.event.id}-{ident}@agenda-kit"
            events.append({"uid": uid, "x": x})
            walk(part, session.children, session, ident, room)

    for index, part in enumerate(agenda.parts, start=1):
        walk(part, part.sessions, None, part.id or f"part-{index}", part.room)
    calendar = [["X-AGENDA-KIT-EVENT", agenda.event.id]]
    if agenda.event.lang:
        calendar.append(["X-AGENDA-KIT-LANG", agenda.event.lang])
    for t in agenda.venue.transfers if agenda.venue else []:
        calendar.append(["X-AGENDA-KIT-TRANSFER", f"{t.from_} {t.to} {t.minutes}"])
    return {"calendar": calendar, "events": events}


STRUCTURED = """\
agenda: 1
event: {id: devday.2025, title: Dev day, date: 2025-03-18, timezone: Europe/Berlin}
venue:
  name: Hub
  rooms: {a: {name: Room A, floor: 1}, b: {name: Room B}}
speakers:
  ana: {name: Ana}
  bo: {name: Bo}
parts:
  - id: morning
    room: a
    sessions:
      - {id: opening, time: 09:00-09:30, kind: ceremony, title: Opening, speakers: [bo, ana]}
      - id: workshop
        time: 09:30-11:00
        title: Workshop
        room: b
        children:
          - {id: intro, minutes: 10, title: Intro, speakers: [ana]}
          - {minutes: 20, title: Hands on}
      - {id: move, time: 11:00-11:10, kind: transfer, title: To room A, room: b, to: a}
  - title: Afternoon
    sessions:
      - {id: panel, time: 14:00-15:00, kind: discussion, title: Panel}
"""


def test_each_session_says_its_structure_by_id() -> None:
    data = to_ical(agenda_kit.loads(STRUCTURED), stamp=STAMP)
    assert icalendar_structure(data) == {
        "calendar": [["X-AGENDA-KIT-EVENT", "devday.2025"]],
        "events": [
            {
                "uid": "devday.2025-opening@agenda-kit",
                "x": [
                    ["X-AGENDA-KIT-SESSION", "opening"],
                    ["X-AGENDA-KIT-PART", "morning"],
                    ["X-AGENDA-KIT-ROOM", "a"],  # the part's room
                    ["X-AGENDA-KIT-SPEAKER", "bo"],
                    ["X-AGENDA-KIT-SPEAKER", "ana"],
                    ["X-AGENDA-KIT-KIND", "ceremony"],
                ],
            },
            {
                "uid": "devday.2025-workshop@agenda-kit",
                "x": [
                    ["X-AGENDA-KIT-SESSION", "workshop"],
                    ["X-AGENDA-KIT-PART", "morning"],
                    ["X-AGENDA-KIT-ROOM", "b"],
                    ["X-AGENDA-KIT-KIND", "talk"],
                ],
            },
            {
                "uid": "devday.2025-intro@agenda-kit",
                "x": [
                    ["X-AGENDA-KIT-SESSION", "intro"],
                    ["X-AGENDA-KIT-PART", "morning"],
                    ["X-AGENDA-KIT-ROOM", "b"],
                    ["X-AGENDA-KIT-SPEAKER", "ana"],
                    ["X-AGENDA-KIT-KIND", "talk"],
                    ["X-AGENDA-KIT-PARENT", "workshop"],
                ],
            },
            {
                # No id of its own: no X-AGENDA-KIT-SESSION (its UID is derived).
                "uid": "devday.2025-workshop-2@agenda-kit",
                "x": [
                    ["X-AGENDA-KIT-PART", "morning"],
                    ["X-AGENDA-KIT-ROOM", "b"],
                    ["X-AGENDA-KIT-KIND", "talk"],
                    ["X-AGENDA-KIT-PARENT", "workshop"],
                ],
            },
            {
                "uid": "devday.2025-move@agenda-kit",
                "x": [
                    ["X-AGENDA-KIT-SESSION", "move"],
                    ["X-AGENDA-KIT-PART", "morning"],
                    ["X-AGENDA-KIT-ROOM", "b"],
                    ["X-AGENDA-KIT-TO", "a"],
                    ["X-AGENDA-KIT-KIND", "transfer"],
                ],
            },
            {
                # A part without an id and a session without a room: neither is said.
                "uid": "devday.2025-panel@agenda-kit",
                "x": [["X-AGENDA-KIT-SESSION", "panel"], ["X-AGENDA-KIT-KIND", "discussion"]],
            },
        ],
    }


def test_the_seed_structure_reads_the_same_in_every_parser(tmp_path: Path) -> None:
    from .helpers import SEED

    agenda = agenda_kit.load(SEED)
    path = tmp_path / "seed.ics"
    path.write_bytes(to_ical(agenda, stamp=STAMP))
    expected = expected_structure(agenda)
    assert len(expected["events"]) == 13
    for parser in ("libical", "ical.js", "icalendar"):
        assert read_structures(parser, [path]) == [expected], parser


@pytest.mark.parametrize("per", ["part", "day"])
def test_overview_feeds_say_the_event_only(per: str) -> None:
    options = FeedOptions(per=per)  # type: ignore[arg-type]
    data = to_ical(agenda_kit.loads(STRUCTURED), stamp=STAMP, options=options)
    structure = icalendar_structure(data)
    assert structure["calendar"] == [["X-AGENDA-KIT-EVENT", "devday.2025"]]
    assert [e["x"] for e in structure["events"]] == [[], []] if per == "part" else [[]]


IDS = st.from_regex(ID_PATTERN.replace("*$", "{0,30}$"), fullmatch=True)


@st.composite
def structured(draw: Any) -> dict[str, Any]:
    """An agenda whose every id is drawn from what the model allows, with children,
    transfers, several parts and speakers, and ids left out where they may be."""
    ids = draw(st.lists(IDS, min_size=12, max_size=12, unique=True))
    pool = iter(ids)
    rooms = [next(pool) for _ in range(2)]
    speakers = [next(pool) for _ in range(draw(st.integers(0, 3)))]
    parts = []
    for p in range(draw(st.integers(1, 2))):
        sessions: list[dict[str, Any]] = []
        for s in range(draw(st.integers(1, 2))):
            session: dict[str, Any] = {
                "title": f"s{p}{s}",
                "minutes": draw(st.integers(30, 90)),
                "kind": draw(st.sampled_from(agenda_kit.model.KINDS)),
            }
            if draw(st.booleans()):
                session["id"] = next(pool)
            if speakers:
                session["speakers"] = draw(st.lists(st.sampled_from(speakers), max_size=3))
            if draw(st.booleans()):
                session["room"] = draw(st.sampled_from(rooms))
            if session["kind"] == "transfer":
                session["to"] = draw(st.sampled_from(rooms))
            if draw(st.booleans()):
                child: dict[str, Any] = {"title": "child", "minutes": 10}
                if draw(st.booleans()):
                    child["id"] = next(pool)
                session["children"] = [child]
            sessions.append(session)
        sessions[0]["start"] = f"{9 + 4 * p:02d}:00"
        part: dict[str, Any] = {"sessions": sessions}
        if draw(st.booleans()):
            part["id"] = next(pool)
        if draw(st.booleans()):
            part["room"] = draw(st.sampled_from(rooms))
        parts.append(part)
    return {
        "agenda": 1,
        "event": {"id": next(pool), "title": "T", "date": "2025-03-18", "timezone": "UTC"},
        "venue": {"name": "V", "rooms": {r: {"name": r.upper()} for r in rooms}},
        "speakers": {s: {"name": s} for s in speakers},
        "parts": parts,
    }


def test_any_ids_come_back_exactly_in_every_parser(tmp_path: Path) -> None:
    """Agendas drawn by hypothesis, written, then read by each parser in one process."""
    agendas: list[agenda_kit.Agenda] = []

    @settings(max_examples=60, deadline=None, database=None)
    @given(structured())
    def collect(document: dict[str, Any]) -> None:
        agendas.append(agenda_kit.loads(json.dumps(document), format="json"))

    collect()
    paths = []
    for n, agenda in enumerate(agendas):
        path = tmp_path / f"{n}.ics"
        path.write_bytes(to_ical(agenda, stamp=STAMP))
        paths.append(path)
    expected = [expected_structure(a) for a in agendas]
    assert any(e["x"][-1][0] == "X-AGENDA-KIT-PARENT" for s in expected for e in s["events"])
    for parser in ("libical", "ical.js", "icalendar"):
        assert read_structures(parser, paths) == expected, parser


# --- line breaks in TEXT --------------------------------------------------------------


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_escaped_text_is_one_line_and_reads_back(text: str) -> None:
    escaped = escape_text(text)
    assert "\r" not in escaped
    assert "\n" not in escaped
    # CRLF, LF and a bare CR are each one line break.
    assert _unescape(escaped) == text.replace("\r\n", "\n").replace("\r", "\n")


def test_a_bare_cr_cannot_start_a_property_of_its_own(tmp_path: Path) -> None:
    line = text_line("DESCRIPTION", "one\rATTENDEE:mailto:x@example.org\r\ntwo")
    data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n" + line
    data += b"END:VCALENDAR\r\n"
    assert line == b"DESCRIPTION:one\\nATTENDEE:mailto:x@example.org\\ntwo\r\n"
    calendar = Calendar.from_ical(data)
    assert [str(n) for n, _ in calendar.property_items(recursive=False)][1:-1] == [
        "VERSION",
        "PRODID",
        "DESCRIPTION",
    ]
    assert str(calendar["DESCRIPTION"]) == "one\nATTENDEE:mailto:x@example.org\ntwo"


# --- words in the feed's language -----------------------------------------------------

WORDS = """\
agenda: 1
event: {id: e, title: E, date: 2025-03-18, timezone: Europe/Berlin, lang: LANG}
venue:
  name: Hub
  rooms: {a: {name: Room A, floor: 2}}
speakers: {ana: {name: Ana}}
parts:
  - id: break
    room: a
    sessions:
      - {id: pause, time: 09:00-09:30, kind: break, title: Pause}
      - {id: talk, time: 09:30-10:00, title: Talk, speakers: [ana]}
"""


def _words(data: bytes) -> list[list[str]]:
    calendar = Calendar.from_ical(data)
    return [
        [
            str(e["LOCATION"]),
            str(e.get("DESCRIPTION", "")),
            ",".join(str(c) for c in e["CATEGORIES"].cats),
        ]
        for e in calendar.walk("VEVENT")
    ]


@pytest.mark.parametrize(
    ("lang", "option", "expected"),
    [
        (
            "en",
            None,
            [
                # A part called `break` holding a break: one category, not two.
                ["Room A (floor 2), Hub", "", "break"],
                ["Room A (floor 2), Hub", "Speakers: Ana", "talk,break"],
            ],
        ),
        (
            "ko-KR",
            None,
            [
                ["Room A (2층), Hub", "", "휴식,break"],
                ["Room A (2층), Hub", "담당: Ana", "발표,break"],
            ],
        ),
        (
            "ko",
            "en",  # --lang (or the settings' lang) wins over event.lang
            [
                ["Room A (floor 2), Hub", "", "break"],
                ["Room A (floor 2), Hub", "Speakers: Ana", "talk,break"],
            ],
        ),
        (
            "en",
            "ko",
            [
                ["Room A (2층), Hub", "", "휴식,break"],
                ["Room A (2층), Hub", "담당: Ana", "발표,break"],
            ],
        ),
    ],
)
def test_the_words_around_the_agenda_are_in_the_feeds_language(
    lang: str, option: str | None, expected: list[list[str]]
) -> None:
    agenda = agenda_kit.loads(WORDS.replace("LANG", lang))
    data = to_ical(agenda, stamp=STAMP, options=FeedOptions(lang=option))
    assert _words(data) == expected
    # The structure does not change with the language.
    kinds = [x for e in icalendar_structure(data)["events"] for x in e["x"] if "KIND" in x[0]]
    assert kinds == [["X-AGENDA-KIT-KIND", "break"], ["X-AGENDA-KIT-KIND", "talk"]]


def test_a_part_title_differing_from_the_kind_only_in_case_is_kept() -> None:
    text = WORDS.replace("LANG", "en").replace(
        "  - id: break\n", "  - id: break\n    title: Break\n"
    )
    data = to_ical(agenda_kit.loads(text), stamp=STAMP)
    assert [row[2] for row in _words(data)] == ["break,Break", "talk,Break"]


def test_day_overviews_are_titled_in_the_feeds_language() -> None:
    two_days = WORDS.replace("LANG", "en") + (
        "  - id: next\n    date: 2025-03-19\n    room: a\n    sessions:\n"
        "      - {id: more, time: 09:00-09:30, title: More}\n"
    )
    agenda = agenda_kit.loads(two_days)
    summaries = {}
    for lang in ("en", "ko"):
        data = to_ical(agenda, stamp=STAMP, options=FeedOptions(per="day", lang=lang))
        summaries[lang] = [str(e["SUMMARY"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert summaries == {
        "en": ["E (day 1 of 2)", "E (day 2 of 2)"],
        "ko": ["E (1일차)", "E (2일차)"],
    }


ROOM_NAMES = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s.strip(" \t") == s and s.strip())
FLOORS = st.one_of(
    st.integers(-20, 200), st.from_regex(r"[A-Z][A-Za-z0-9 ]{0,8}[A-Za-z]", fullmatch=True)
)


@given(ROOM_NAMES, FLOORS, st.sampled_from(["en", "ko"]))
def test_a_room_label_gives_back_its_name_and_floor(name: str, floor: int | str, lang: str) -> None:
    label = labels(lang).room(name, floor)
    assert split_room_label(label) == (name, floor)
    # Without a floor the label is the name (which may itself look like a label).
    assert labels(lang).room(name, None) == name


def test_room_labels_as_the_feed_writes_them() -> None:
    assert [labels("en").room("Saal", 2), labels("ko").room("Saal", "B1")] == [
        "Saal (floor 2)",
        "Saal (B1층)",
    ]
    assert split_room_label("그랜드볼룸 (2층)") == ("그랜드볼룸", 2)
    assert split_room_label("Hall (main) (floor -1)") == ("Hall (main)", -1)
    assert split_room_label("Hall (main)") == ("Hall (main)", None)
