"""The iCalendar feed: golden output, escaping and folding, round trips through icalendar."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, vText
from icalendar.parser import Contentline

import agenda_kit
from agenda_kit.cli import main
from agenda_kit.ical.text import escape_text, fold

from .helpers import AGENDAS, CONTROLS, SEED

GOLDEN = Path(__file__).parent / "golden" / "technopark-2024.ics"
STAMP = datetime(2024, 10, 1, 9, 0, tzinfo=UTC)

# Any text a title or name may hold: no control characters (the model rejects them).
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters=CONTROLS),
    min_size=1, max_size=120,
)  # fmt: skip


def unescape(text: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], text)


def as_written(text: str, blank: str) -> str:
    """A title as the export writes it: libical drops spaces and tabs around a value,
    so the writer leaves them out; a blank title gives way to ``blank``."""
    return text.strip(" \t") if text.strip() else blank


def parse(data: bytes) -> Calendar:
    # Bytes, never str: from_ical(str) reads a file when the string is an existing path.
    return Calendar.from_ical(data)


def test_seed_matches_golden_file() -> None:
    """Regenerate after a deliberate change with:
    SOURCE_DATE_EPOCH=1727773200 agenda-kit export examples/technopark-2024.yaml \
        -o tests/golden/technopark-2024.ics
    """
    assert agenda_kit.to_ical(agenda_kit.load(SEED), stamp=STAMP) == GOLDEN.read_bytes()


def test_seed_events_read_back_with_icalendar() -> None:
    agenda = agenda_kit.load(SEED)
    cal = parse(agenda_kit.to_ical(agenda, stamp=STAMP))
    events = cal.walk("VEVENT")
    assert len(events) == 13
    first, last = events[0], events[-1]
    assert first["UID"] == "technopark-2024-opening@agenda-kit"
    assert first.decoded("DTSTART") == datetime(2024, 10, 17, 6, 0, tzinfo=UTC)
    assert first.decoded("DTSTART").tzinfo.key == "Asia/Seoul"
    assert last.decoded("DTEND") == datetime(2024, 10, 17, 8, 20, tzinfo=UTC)
    assert str(first["LOCATION"]) == "그랜드볼룸 (2층), 윈덤 그랜드 부산, 부산 서구 등대로 27"
    assert str(events[5]["LOCATION"]) == (
        "그랜드볼룸 (2층) → 마레홀 (3층), 윈덤 그랜드 부산, 부산 서구 등대로 27"
    )
    assert str(events[2]["DESCRIPTION"]) == "담당: 중소벤처기업부 장관"
    # The kind in the feed's language (the agenda's, Korean); the kind itself is in
    # X-AGENDA-KIT-KIND.
    assert [str(c) for c in first["CATEGORIES"].cats] == ["행사", "1부 성과발표회"]
    assert str(first["X-AGENDA-KIT-KIND"]) == "ceremony"
    assert str(cal["NAME"]) == str(cal["X-WR-CALNAME"]) == "테크노파크 성과 발표회 및 간담회"
    assert len({str(e["UID"]) for e in events}) == 13
    assert {e["DTSTAMP"].dt for e in events} == {STAMP}
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Seoul"]
    assert "COMMENT" not in cal.walk("VTIMEZONE")[0]


def test_source_date_epoch_sets_dtstamp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1727773200")
    data = agenda_kit.to_ical(agenda_kit.load(SEED))
    stamps = {line for line in data.split(b"\r\n") if line.startswith(b"DTSTAMP")}
    assert stamps == {b"DTSTAMP:20241001T090000Z"}


def test_every_line_is_folded_within_75_octets() -> None:
    data = agenda_kit.to_ical(agenda_kit.load(SEED), stamp=STAMP)
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # no line ends inside a UTF-8 sequence
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_second_occurrence_of_a_repeated_time_is_written_in_utc() -> None:
    agenda = agenda_kit.load(AGENDAS / "valid" / "dst-fall-back.yaml")
    data = agenda_kit.to_ical(agenda, stamp=STAMP)
    text = data.decode()
    events = text[text.index("BEGIN:VEVENT") :].split("\r\n")
    lines = [line for line in events if line.startswith("DT")]
    # a: 01:30 CEST (23:30Z) for two real hours; b starts at the second 02:30 (01:30Z,
    # CET), which no local time can name; c is plain local time again.
    assert lines == [
        "DTSTAMP:20241001T090000Z",
        "DTSTART;TZID=Europe/Berlin:20241027T013000",
        "DTEND:20241027T013000Z",
        "DTSTAMP:20241001T090000Z",
        "DTSTART:20241027T013000Z",
        "DTEND;TZID=Europe/Berlin:20241027T030000",
        "DTSTAMP:20241001T090000Z",
        "DTSTART;TZID=Europe/Berlin:20241027T030000",
        "DTEND;TZID=Europe/Berlin:20241027T040000",
    ]
    starts = [e.decoded("DTSTART") for e in parse(data).walk("VEVENT")]
    assert starts == [
        datetime(2024, 10, 26, 23, 30, tzinfo=UTC),
        datetime(2024, 10, 27, 1, 30, tzinfo=UTC),
        datetime(2024, 10, 27, 2, 0, tzinfo=UTC),
    ]


@given(TEXT)
def test_escaping_matches_icalendar(text: str) -> None:
    assert escape_text(text) == vText(text).to_ical().decode()


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
               max_size=400))  # fmt: skip
def test_folding_matches_icalendar_and_keeps_every_octet(line: str) -> None:
    folded = fold(line)
    assert folded == Contentline(line).to_ical() + b"\r\n"
    physical = folded[:-2].split(b"\r\n")
    assert all(len(p) <= 75 for p in physical)
    assert all(p.startswith(b" ") for p in physical[1:])
    assert b"".join(p[1:] if i else p for i, p in enumerate(physical)).decode() == line


ZONES = ["Asia/Seoul", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC"]


@st.composite
def agendas(draw: Any) -> dict[str, Any]:
    """A tiled agenda with arbitrary text in titles, room names and speaker names."""
    n = draw(st.integers(1, 8))
    rooms = {f"r{i}": {"name": draw(TEXT)} for i in range(draw(st.integers(1, 3)))}
    speakers = {f"s{i}": {"name": draw(TEXT)} for i in range(draw(st.integers(0, 3)))}
    sessions = []
    for i in range(n):
        session: dict[str, Any] = {
            "id": f"x{i}",
            "title": draw(TEXT),
            "minutes": draw(st.integers(1, 180)),
            "room": draw(st.sampled_from(sorted(rooms))),
        }
        if speakers:
            session["speakers"] = draw(st.lists(st.sampled_from(sorted(speakers)), max_size=2))
        sessions.append(session)
    sessions[0]["start"] = f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
    day = draw(
        st.dates(min_value=datetime(2024, 1, 1).date(), max_value=datetime(2026, 12, 31).date())
    )
    return {
        "agenda": 1,
        "event": {"id": "prop", "title": draw(TEXT), "date": day.isoformat(),
                  "timezone": draw(st.sampled_from(ZONES))},
        "venue": {"name": draw(TEXT), "rooms": rooms},
        "speakers": speakers,
        "parts": [{"id": "p", "sessions": sessions}],
    }  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(agendas())
def test_export_round_trips_through_icalendar(document: dict[str, Any]) -> None:
    agenda = agenda_kit.loads(json.dumps(document), format="json")
    expected = agenda_kit.sessions(agenda)
    cal = parse(agenda_kit.to_ical(agenda, stamp=STAMP))
    events = cal.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"prop-{s.id}@agenda-kit" for s in expected]
    # icalendar reads NAME as an unknown (raw) value: unescape it as RFC 5545 TEXT.
    assert unescape(str(cal["NAME"])) == as_written(document["event"]["title"], "prop")
    rooms = document["venue"]["rooms"]
    for event, session in zip(events, expected, strict=True):
        # Instants compared as timestamps: Python never finds a time in a repeated hour
        # equal to a time in another zone.
        assert event.decoded("DTSTART").timestamp() == session.start.timestamp()
        assert event.decoded("DTEND").timestamp() == session.end.timestamp()
        assert str(event["SUMMARY"]) == as_written(session.title, session.kind)
        room = rooms[session.room]["name"].strip(" \t")
        assert str(event["LOCATION"]).startswith(room + ", " if room else "")
        # Nothing was injected: exactly the properties the writer emits.
        assert set(event) <= {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION",
                              "DESCRIPTION", "CATEGORIES", "RELATED-TO", "X-AGENDA-KIT-SESSION",
                              "X-AGENDA-KIT-PART", "X-AGENDA-KIT-ROOM", "X-AGENDA-KIT-SPEAKER",
                              "X-AGENDA-KIT-KIND"}  # fmt: skip
        # The part entry is not in a per-session feed: nothing may point to it.
        assert "RELATED-TO" not in event
    assert len(cal.subcomponents) == len(events) + 1  # and one VTIMEZONE


def test_export_never_overwrites_on_failure(tmp_path: Path) -> None:
    out = tmp_path / "out.ics"
    out.write_bytes(b"previous calendar")
    broken = AGENDAS / "broken" / "AK102_invalid-value.yaml"
    with_errors = AGENDAS / "invalid" / "AK201_gap.yaml"
    assert main(["export", str(broken), "-o", str(out)]) == 2
    assert main(["export", str(with_errors), "-o", str(out)]) == 1
    assert out.read_bytes() == b"previous calendar"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ics"]  # no temp files left
    assert main(["export", str(with_errors), "-o", str(out), "--force"]) == 0
    assert parse(out.read_bytes()).walk("VEVENT")[0]["UID"] == "gap-opening@agenda-kit"


def test_export_writes_the_seed_calendar(tmp_path: Path) -> None:
    out = tmp_path / "seed.ics"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1727773200"}
    result = subprocess.run(
        [sys.executable, "-m", "agenda_kit", "export", str(SEED), "-o", str(out)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == GOLDEN.read_bytes()


def test_checking_does_not_import_the_calendar_stack() -> None:
    code = (
        "import sys; from agenda_kit.cli import main; rc = main(['check', sys.argv[1]]);"
        "print(sorted(m for m in ('icalendar', 'pendulum') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"


def test_transfer_location_keeps_room_names_with_commas_and_upper_case_lang() -> None:
    agenda = agenda_kit.loads(
        "agenda: 1\n"
        "event: {id: e, title: E, date: 2025-03-18, timezone: Europe/Berlin, lang: KO}\n"
        "venue:\n  name: Center\n  rooms:\n    a: {name: 'Hall A, north', floor: 1}\n"
        "    b: {name: Room B, floor: 3}\n"
        "parts:\n  - room: a\n    sessions:\n"
        "      - {id: one, title: One, time: 09:00-09:30}\n"
        "      - {id: go, title: Go, time: 09:30-09:35, kind: transfer, to: b}\n"
        "      - {id: two, title: Two, time: 09:35-10:00, room: b}\n"
    )
    events = parse(agenda_kit.to_ical(agenda, stamp=STAMP)).walk("VEVENT")
    assert [str(e["LOCATION"]) for e in events] == [
        "Hall A, north (1층), Center",
        "Hall A, north (1층) → Room B (3층), Center",
        "Room B (3층), Center",
    ]


# Without "%": then percent-decoding the written value must give the text back exactly.
URI_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="%"), min_size=1, max_size=40
)


@given(URI_TEXT)
def test_uri_values_stay_one_uri_on_one_line(tail: str) -> None:
    from urllib.parse import unquote

    from agenda_kit.ical.text import uri_value

    value = uri_value("https://example.org/" + tail)
    assert not re.search(r'[\s\x00-\x1f\x7f-\x9f\\"<>^`{|}]', value)
    assert unquote(value) == "https://example.org/" + tail
    cal = Calendar.from_ical(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:u\r\n"
        + fold(f"URL:{value}")
        + b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    [event] = cal.walk("VEVENT")
    assert str(event["URL"]) == value
    assert list(event) == ["UID", "URL"]


def test_session_urls_are_written_as_uris() -> None:
    text = SEED.read_text("utf-8")
    agenda = agenda_kit.loads(text)
    first = agenda.parts[0].sessions[0]
    # Past the model's check (as model_construct would): the writer escapes it anyway.
    first.__dict__["url"] = "https://example.org/a b\\n"
    data = agenda_kit.to_ical(agenda, stamp=STAMP)
    cal = parse(data)
    urls = [str(e["URL"]) for e in cal.walk("VEVENT") if "URL" in e]
    assert urls[0] == "https://example.org/a%20b%5Cn"
    plain = parse(agenda_kit.to_ical(agenda_kit.loads(text), stamp=STAMP))
    assert len(cal.walk("VEVENT")) == len(plain.walk("VEVENT"))


@pytest.mark.parametrize(
    ("day", "start", "minutes"),
    [
        ("2999-12-31", "23:00", 525_600),
        ("1900-01-01", "00:00", 30),
        ("2999-12-31", "00:00", -525_600),
    ],
)
def test_feeds_at_the_edges_of_the_supported_dates(day: str, start: str, minutes: int) -> None:
    text = (
        "agenda: 1\nevent: {id: e, title: T, date: " + day + ", timezone: America/New_York}\n"
        "parts:\n  - sessions:\n"
        f"      - {{id: a, title: A, start: '{start}', minutes: {minutes}}}\n"
        "      - {id: b, title: B, minutes: 525600}\n"
    )
    agenda = agenda_kit.loads(text)
    agenda_kit.check(agenda)
    cal = parse(agenda_kit.to_ical(agenda, stamp=STAMP))
    times = [
        (f"{e.decoded('DTSTART'):%Y-%m-%d %H:%M}", f"{e.decoded('DTEND'):%Y-%m-%d %H:%M}")
        for e in cal.walk("VEVENT")
    ]
    assert times[0][0] == f"{day} {start}"
    if (day, minutes) == ("2999-12-31", 525_600):  # 365 days each; 3000 is no leap year
        assert times == [
            ("2999-12-31 23:00", "3000-12-31 23:00"),
            ("3000-12-31 23:00", "3001-12-31 23:00"),
        ]
