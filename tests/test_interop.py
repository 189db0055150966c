"""Interoperability: our .ics files read by three independent iCalendar parsers.

- libical (Evolution, KDE, many servers), through its GObject bindings in the system
  Python: ``tests/interop/libical_dump.py``;
- ical.js (Thunderbird, many web calendars), from npm: ``tests/interop/icaljs_dump.mjs``
  (``make interop-deps`` or ``npm ci`` in tests/interop installs it);
- icalendar, the Python library the exporter builds its calendar head with.

The first two run as subprocesses and print JSON of one shape, which
``read_with("icalendar", ...)`` reproduces, so every test can run against each parser.
A parser that is not installed skips its tests, except in CI (``CI=true``), where that
is a failure: CI must have every parser.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import agenda_kit

from .interop_helpers import (
    EXTERNAL,
    INTEROP,
    PARSERS,
    SEED,
    SYSTEM_PYTHON,
    expected_times,
    export,
    read_with,
    require,
    times,
)

# --- the seed agenda --------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> agenda_kit.Agenda:
    return agenda_kit.load(SEED)


@pytest.fixture(scope="module")
def seed_ics(seed: agenda_kit.Agenda, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export(seed, tmp_path_factory.mktemp("interop") / "technopark-2024.ics")


def test_seed_api_matches_the_press_release(seed: agenda_kit.Agenda) -> None:
    # Independent of the code: the press release's schedule runs 15:00~17:20 KST
    # (UTC+9, no DST in Korea) on 17 October 2024, in 13 rows.
    expected = expected_times(seed)
    assert len(expected) == 13
    starts = sorted(start for start, _ in expected.values() if start)
    ends = sorted(end for _, end in expected.values() if end)
    assert starts[0] == "2024-10-17T06:00:00Z"
    assert ends[-1] == "2024-10-17T08:20:00Z"


@pytest.mark.parametrize("parser", PARSERS)
def test_seed_times_match_the_api(parser: str, seed: agenda_kit.Agenda, seed_ics: Path) -> None:
    dump = read_with(parser, seed_ics)
    assert times(dump) == expected_times(seed)


@pytest.mark.parametrize("parser", PARSERS)
def test_seed_matches_the_press_release(parser: str, seed_ics: Path) -> None:
    dump = read_with(parser, seed_ics)
    events = dump["events"]
    assert len(events) == 13
    by_uid = {e["uid"]: e for e in events}
    # The first row, 식순 및 내빈 소개, 15:00~15:03 KST; the last, 총평 및 기념촬영,
    # 17:15~17:20 KST.
    assert by_uid["technopark-2024-opening@agenda-kit"]["start_utc"] == "2024-10-17T06:00:00Z"
    assert by_uid["technopark-2024-opening@agenda-kit"]["end_utc"] == "2024-10-17T06:03:00Z"
    assert by_uid["technopark-2024-closing@agenda-kit"]["start_utc"] == "2024-10-17T08:15:00Z"
    assert by_uid["technopark-2024-closing@agenda-kit"]["end_utc"] == "2024-10-17T08:20:00Z"
    assert min(e["start_utc"] for e in events) == "2024-10-17T06:00:00Z"
    assert max(e["end_utc"] for e in events) == "2024-10-17T08:20:00Z"


@pytest.mark.parametrize("parser", PARSERS)
def test_seed_has_no_floating_times(parser: str, seed_ics: Path) -> None:
    dump = read_with(parser, seed_ics)
    floating = [e["uid"] for e in dump["events"] if e["floating"]]
    assert floating == []
    # Every local time names the event's zone, and the dump script resolved it
    # through the VTIMEZONE in the file (a TZID it could not resolve is a problem).
    assert {e["tzid"] for e in dump["events"]} == {"Asia/Seoul"}
    assert dump["problems"] == []


@pytest.mark.parametrize("parser", EXTERNAL)
def test_seed_text_reads_the_same_everywhere(
    parser: str, seed: agenda_kit.Agenda, seed_ics: Path
) -> None:
    # Korean text, escaped commas and folded lines: SUMMARY and LOCATION come out
    # the same as icalendar reads them, and SUMMARY is the session's title.
    dump = read_with(parser, seed_ics)
    reference = read_with("icalendar", seed_ics)
    fields = [(e["uid"], e["summary"], e["location"]) for e in dump["events"]]
    assert fields == [(e["uid"], e["summary"], e["location"]) for e in reference["events"]]
    titles = {f"{seed.event.id}-{s.id}@agenda-kit": s.title for s in agenda_kit.sessions(seed)}
    assert {uid: summary for uid, summary, _ in fields} == titles


def test_seed_libical_reports_no_parse_errors(seed_ics: Path) -> None:
    dump = read_with("libical", seed_ics)
    assert dump["x_lic_errors"] == []


def test_seed_passes_libicals_restriction_check(seed_ics: Path) -> None:
    dump = read_with("libical", seed_ics)
    assert dump["restriction_check"] == {"valid": True, "errors": []}


# --- the night clocks go back ---------------------------------------------------------
#
# Europe/Berlin, Sunday 2024-10-27: at 03:00 CEST (UTC+2) clocks go back to 02:00 CET
# (UTC+1), so local 02:00-02:59 happens twice: first at 00:00-00:59Z, then at
# 01:00-01:59Z. Sessions given by durations last real minutes, so they can start or end
# in either pass. A local time in the repeated hour is its first occurrence by RFC 5545
# (3.3.5), but not for every reader (see the note above FALL_BACK_READS): only UTC says
# such an instant to all of them.

DURATIONS = """\
agenda: 1
event: {id: dst, title: DST night, date: 2024-10-27, timezone: Europe/Berlin}
parts:
  - sessions:
      - {id: a, start: "01:30", minutes: 120, title: A}
      - {id: b, minutes: 30, title: B}
      - {id: c, minutes: 60, title: C}
"""
# By hand:
#   a  01:30 CEST = 2024-10-26T23:30Z; + 120 min = 2024-10-27T01:30Z (the second 02:30, CET)
#   b  01:30Z (second 02:30 CET);      +  30 min = 02:00Z (03:00 CET)
#   c  02:00Z (03:00 CET);             +  60 min = 03:00Z (04:00 CET)
DURATIONS_UTC = {
    "dst-a@agenda-kit": ("2024-10-26T23:30:00Z", "2024-10-27T01:30:00Z"),
    "dst-b@agenda-kit": ("2024-10-27T01:30:00Z", "2024-10-27T02:00:00Z"),
    "dst-c@agenda-kit": ("2024-10-27T02:00:00Z", "2024-10-27T03:00:00Z"),
}

REPEATED_HOUR = """\
agenda: 1
event: {id: fold, title: The repeated hour, date: 2024-10-27, timezone: Europe/Berlin}
parts:
  - sessions:
      - {id: before, start: "00:30", minutes: 120, title: Up to the first 02:30}
      - {id: same-wall-time, minutes: 60, title: First 02:30 to second 02:30}
      - {id: inside, minutes: 15, title: Inside the second pass}
      - {id: out, minutes: 15, title: Out of the repeated hour}
      - {id: after, minutes: 60, title: Plain time again}
"""
# By hand:
#   before          00:30 CEST = 2024-10-26T22:30Z; + 120 min = 00:30Z (the first 02:30, CEST)
#   same-wall-time  00:30Z (first 02:30 CEST);      +  60 min = 01:30Z (the second 02:30, CET):
#                   the same wall time at both ends, one hour apart
#   inside          01:30Z (second 02:30 CET);      +  15 min = 01:45Z (second 02:45 CET)
#   out             01:45Z (second 02:45 CET);      +  15 min = 02:00Z (03:00 CET)
#   after           02:00Z (03:00 CET);             +  60 min = 03:00Z (04:00 CET)
REPEATED_HOUR_UTC = {
    "fold-before@agenda-kit": ("2024-10-26T22:30:00Z", "2024-10-27T00:30:00Z"),
    "fold-same-wall-time@agenda-kit": ("2024-10-27T00:30:00Z", "2024-10-27T01:30:00Z"),
    "fold-inside@agenda-kit": ("2024-10-27T01:30:00Z", "2024-10-27T01:45:00Z"),
    "fold-out@agenda-kit": ("2024-10-27T01:45:00Z", "2024-10-27T02:00:00Z"),
    "fold-after@agenda-kit": ("2024-10-27T02:00:00Z", "2024-10-27T03:00:00Z"),
}

FALL_BACK = {
    "durations": (DURATIONS, DURATIONS_UTC),
    "repeated-hour": (REPEATED_HOUR, REPEATED_HOUR_UTC),
}


@pytest.fixture(scope="module")
def fall_back_ics(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fall-back")
    return {
        name: export(agenda_kit.loads(text), folder / f"{name}.ics")
        for name, (text, _) in FALL_BACK.items()
    }


@pytest.mark.parametrize("case", FALL_BACK)
def test_fall_back_api_matches_the_hand_computation(case: str) -> None:
    text, expected = FALL_BACK[case]
    assert expected_times(agenda_kit.loads(text)) == expected


# libical (3.0.16) and ical.js (2.2.1) read a local time in the repeated hour as its
# SECOND occurrence (standard time), although RFC 5545, 3.3.5 says the first: their
# icaltimezone_get_utc_offset / Timezone.utcOffset pick the STANDARD change for any
# local time at or after 02:00 (`want_daylight = false`). So the exporter writes every
# instant of the repeated hour, first occurrence included, in UTC; this test is the
# regression test for that (it failed when the first 02:30 was written as local time).
FALL_BACK_READS = [
    pytest.param(
        case,
        parser,
        id=f"{case}-{parser}",
    )
    for case in FALL_BACK
    for parser in PARSERS
]


@pytest.mark.parametrize(("case", "parser"), FALL_BACK_READS)
def test_fall_back_night_reads_the_same_in_every_parser(
    case: str, parser: str, fall_back_ics: dict[str, Path]
) -> None:
    dump = read_with(parser, fall_back_ics[case])
    assert times(dump) == FALL_BACK[case][1]
    assert [e["uid"] for e in dump["events"] if e["floating"]] == []
    assert dump["problems"] == []


@pytest.mark.parametrize("case", FALL_BACK)
def test_fall_back_night_is_clean_for_libical(case: str, fall_back_ics: dict[str, Path]) -> None:
    dump = read_with("libical", fall_back_ics[case])
    assert dump["x_lic_errors"] == []
    assert dump["restriction_check"] == {"valid": True, "errors": []}


# --- the harness itself sees what it is there to see ----------------------------------

BROKEN = (
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//agenda-kit tests//broken//EN\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:floating@test\r\n"
    "DTSTAMP:20241001T000000Z\r\n"
    "DTSTART:20241017T150000\r\n"
    "DTEND:20241017T160000\r\n"
    "SUMMARY:Floating\r\n"
    "SUMMARY:Twice\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:no-vtimezone@test\r\n"
    "DTSTAMP:20241001T000000Z\r\n"
    "DTSTART;TZID=Asia/Seoul:20241017T150000\r\n"
    "DTEND:2024BAD\r\n"
    "SUMMARY:Unknown zone\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


@pytest.mark.parametrize("parser", EXTERNAL)
def test_harness_reports_floating_times_and_unresolved_zones(parser: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.ics"
    path.write_bytes(BROKEN.encode())
    dump = read_with(parser, path)
    events = {e["uid"]: e for e in dump["events"]}
    assert events["floating@test"]["floating"] is True
    assert events["floating@test"]["start_utc"] is None
    # A TZID with no VTIMEZONE in the file is never silently taken from elsewhere.
    assert any("no-vtimezone@test: DTSTART;TZID=Asia/Seoul" in p for p in dump["problems"])
    assert events["no-vtimezone@test"]["start_utc"] is None


def test_harness_reports_libical_errors(tmp_path: Path) -> None:
    path = tmp_path / "broken.ics"
    path.write_bytes(BROKEN.encode())
    dump = read_with("libical", path)
    assert [(e["uid"], e["type"]) for e in dump["x_lic_errors"]] == [
        ("no-vtimezone@test", "VALUE-PARSE-ERROR")
    ]
    check = dump["restriction_check"]
    assert check["valid"] is False
    assert [(e["uid"], e["type"]) for e in check["errors"]] == [("floating@test", "INVALID-ITIP")]
    assert "SUMMARY" in check["errors"][0]["message"]


@pytest.mark.parametrize("parser", EXTERNAL)
def test_harness_fails_clearly_on_a_file_that_is_not_icalendar(parser: str, tmp_path: Path) -> None:
    require(parser)
    path = tmp_path / "not.ics"
    path.write_text("hello\n", "utf-8")
    command = (
        [SYSTEM_PYTHON, str(INTEROP / "libical_dump.py")]
        if parser == "libical"
        else ["node", str(INTEROP / "icaljs_dump.mjs")]
    )
    done = subprocess.run(
        [*command, str(path)], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "_dump: " in done.stderr
