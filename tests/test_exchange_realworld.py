"""Real schedules and calendars from other tools, imported: counts, zones and the
checker's findings as expected values, read off the source files.

Every expected count was checked against the source in two ways: by reading the file
(the comments say what is there), and by ``_independent`` below, which recomputes
events, rooms, days, gaps, overlaps and speaker clashes from the raw XML or JSON with
the standard library alone, without the importer.
"""

from __future__ import annotations

import itertools
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import agenda_kit
from agenda_kit import LoadError
from agenda_kit.exchange import import_file
from agenda_kit.exchange.agenda_yaml import dump

from .helpers import REALWORLD

pytestmark = pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld is absent")


# file: (events, rooms, days, zone, findings by code). "AK201" counts the gaps between
# sessions in one room on one day of the source: the import marks a conference's rooms
# free between sessions (`contiguous: false`), so check reports none of them.
SCHEDULES: dict[str, tuple[int, int, int, str, dict[str, int]]] = {
    # 4 halls; two "(Stream)" events repeat a show in a second hall at the same time
    # with the same speaker (fefe: 6109/6606, ron: 6572/6607): two speaker conflicts.
    "schedules/31c3_schedule.xml": (138, 4, 4, "Europe/Berlin", {"AK201": 120, "AK401": 2}),
    # No zone, no <date>: read as UTC. 12284 (15:00-16:00) and 12286 (15:30) share
    # D.bsd; 11762 and 11763 last 9 hours, but they are stands (type `standtrack`,
    # kind `other`), not talks; 2 of 108 rooms are empty.
    "schedules/fosdem_2021.xml": (773, 106, 2, "UTC", {"AK201": 112, "AK202": 1}),
    # <date> in UTC, zone Asia/Kolkata; event 73 is 8 h 30 min long.
    "schedules/debconf23.xml": (117, 5, 8, "Asia/Kolkata", {"AK201": 88, "AK211": 1}),
    # Three 4-hour Contributor Jam rooms (56, 87, 88) with the same two speakers (every
    # pair, for each speaker: six speaker conflicts; jams are discussions, not talks of
    # at most 3 hours), a 3 h 30 reception (86, kind `other`) with 4 talks inside it,
    # imported as its children.
    "schedules/good2025_schedule.xml": (72, 5, 4, "US/Eastern", {"AK201": 46, "AK401": 6}),
    "schedules/good2025_schedule.json": (72, 5, 4, "US/Eastern", {"AK201": 46, "AK401": 6}),
    "schedules/frab-camp2019.json": (79, 2, 5, "Europe/Berlin", {"AK201": 69}),
    # No time_zone_name; offsets +01:00 in December.
    "schedules/pretalx-rc3.json": (48, 5, 4, "Europe/Berlin", {"AK201": 38}),
}  # fmt: skip

CALENDARS: dict[str, tuple[int, int, int, str, dict[str, int]]] = {
    # The calendar has no event types: its 4-hour jams and the reception are talks.
    "ics/good2025_schedule.ics": (
        72, 5, 4, "US/Eastern", {"AK201": 46, "AK211": 4, "AK401": 6}
    ),
    # TZID=Europe/Paris without VTIMEZONE; presentation_147 ends when it starts.
    "ics/jres_2022.ics": (120, 15, 4, "Europe/Paris", {"AK201": 26, "AK210": 1}),
    # X-WR-TIMEZONE; 17 events without LOCATION (7 rooms besides).
    "ics/linux_conf_au_2020.ics": (262, 7, 6, "Australia/Brisbane", {"AK201": 118}),
    # UTC times and no zone named.
    "ics/kielux_2020.ics": (24, 4, 2, "UTC", {"AK201": 1}),
}  # fmt: skip


def _summary(path: Path) -> tuple[agenda_kit.Agenda, tuple[int, int, int, str, dict[str, int]]]:
    agenda = import_file(path).agenda
    sessions = agenda_kit.sessions(agenda)
    findings = Counter(d.code for d in agenda_kit.check(agenda).diagnostics)
    return agenda, (
        len(sessions),
        len({s.room for s in sessions if s.room}),
        len({s.start.date() for s in sessions}),
        agenda.event.timezone,
        dict(sorted(findings.items())),
    )


@pytest.mark.parametrize("name", [*SCHEDULES, *CALENDARS])
def test_real_file_imports_with_its_counts_and_findings(name: str) -> None:
    *counts, findings = {**SCHEDULES, **CALENDARS}[name]
    agenda, got = _summary(REALWORLD / name)
    # The free time of a conference room is not a gap (issue 10).
    assert got == (*counts, {code: n for code, n in findings.items() if code != "AK201"})
    assert all(part.contiguous is False for part in agenda.parts)
    # The agenda file written for it loads back as the same agenda.
    assert agenda_kit.loads(dump(agenda)).model_dump() == agenda.model_dump()


def test_lswt_frab_like_xml() -> None:
    # 31 events: the hackathon (300) has an empty <duration>, and the breaks 997, 998
    # and 999 are repeated with the same id in the Tutorials room.
    imported = import_file(REALWORLD / "agendas" / "lswt2019_schedule.xml")
    findings = [
        (d.code, d.message)
        for d in agenda_kit.check(imported.agenda).diagnostics
        if d.code != "AK201"
    ]
    assert sum(len(p.sessions) for p in imported.agenda.parts) == 31
    assert sorted(findings) == [
        ("AK110", "session id `997` is already used by parts[0].sessions[6]"),
        ("AK110", "session id `998` is already used by parts[0].sessions[11]"),
        ("AK110", "session id `999` is already used by parts[0].sessions[17]"),
        (
            "AK208",
            "`300` has no end: it has no `time`, `end` or `minutes`, and nothing after it "
            "says when it ends",
        ),
        ("AK211", "`1337` lasts 240 minutes (4 h), longer than the 180 minutes (3 h) set "
                  "for a talk"),
    ]  # fmt: skip
    messages = [n.message for n in imported.notes.found]
    assert "a <person> outside <persons> lists several names: split at commas" in messages


def test_named_findings_read_off_the_sources() -> None:
    def named(name: str, code: str) -> list[str]:
        agenda = import_file(REALWORLD / name).agenda
        return sorted(d.message for d in agenda_kit.check(agenda).diagnostics if d.code == code)

    assert named("schedules/31c3_schedule.xml", "AK401") == [
        # Imported ids are numbers: the messages name the sessions and speakers too.
        "`fefe` (Fefe) is in `6109` Fnord News Show (00:15–01:45) and in `6606` Fnord News "
        "Show (Stream) (00:15–01:45) at the same time",
        "`ron` (Ron) is in `6572` Security Nightmares (17:15–18:15) and in `6607` Security "
        "Nightmares (Stream) (17:15–18:15) at the same time",
    ]
    assert named("schedules/fosdem_2021.xml", "AK202") == [
        "`12286` OW2 OSS Good Governance initiative starts at 15:30, 30 minutes before "
        "`12284` DeCODER: a new DevOps toolbox for code exploration and anal… ends at 16:00"
    ]
    assert named("schedules/debconf23.xml", "AK211") == [
        "`73` lasts 510 minutes (8 h 30 min), longer than the 180 minutes (3 h) set for a talk"
    ]
    assert named("ics/jres_2022.ics", "AK210") == ["`presentation_147` lasts 0 minutes"]


def test_zone_assumptions_are_reported() -> None:
    def notes(name: str) -> list[str]:
        found = import_file(REALWORLD / name).notes.found
        return [(n.code, n.message, n.hint) for n in found if n.code == "AK608"]

    assert (
        "AK608",
        "the source names no time zone: Europe/Berlin guessed from its UTC offsets (+01:00)",
        "Pass --timezone to choose.",
    ) in notes("schedules/31c3_schedule.xml")
    assert (
        "AK608",
        "`date` values are given in UTC: converted to Asia/Kolkata (they agree with `start`)",
        "Nothing to do.",
    ) in notes("schedules/debconf23.xml")
    assert (
        "AK608",
        "the source gives no time zone and no UTC offsets: its times are read as UTC",
        "Pass --timezone with the event's zone.",
    ) in notes("schedules/fosdem_2021.xml")
    fosdem = import_file(REALWORLD / "schedules" / "fosdem_2021.xml")
    no_date = [n for n in fosdem.notes.found if n.key == "import-assumed-time.no-date"]
    assert [(fosdem.notes.count(n), (n.location.line, n.location.column)) for n in no_date] == [
        (773, (16, 7))
    ]


def test_a_zone_given_on_the_command_line_wins() -> None:
    from agenda_kit.exchange import Options

    imported = import_file(
        REALWORLD / "schedules" / "fosdem_2021.xml", options=Options(timezone="Europe/Brussels")
    )
    first = agenda_kit.sessions(imported.agenda)[0]
    # Event 11795 "Welcome to FOSDEM 2021", <start>09:00 on 2021-02-06, Brussels time.
    assert (first.id, first.title, first.start.isoformat()) == (
        "11795",
        "Welcome to FOSDEM 2021",
        "2021-02-06T09:00:00+01:00",
    )
    # A <date> marked Z that holds local time (lswt) is read as local time.
    lswt = import_file(
        REALWORLD / "agendas" / "lswt2019_schedule.xml", options=Options(timezone="Europe/Berlin")
    )
    welcome = agenda_kit.sessions(lswt.agenda)[0]
    assert (welcome.title, welcome.start.isoformat()) == (
        "Welcome",
        "2019-05-22T09:00:00+02:00",
    )
    assert any(n.key == "import-assumed-zone.utc-local" for n in lswt.notes.found)


def test_the_same_event_reads_the_same_from_xml_json_and_ics() -> None:
    def sessions(name: str) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
        agenda = import_file(REALWORLD / name).agenda
        names = {sid: s.name for sid, s in agenda.speakers.items()}
        rooms = {rid: r.name for rid, r in (agenda.venue.rooms.items() if agenda.venue else [])}
        return sorted(
            (
                s.start.isoformat(),
                s.title,
                rooms.get(s.room or ""),
                tuple(sorted(names[x] for x in s.speakers)),
            )
            for s in agenda_kit.sessions(agenda)
        )

    xml = sessions("schedules/good2025_schedule.xml")
    assert len(xml) == 72
    assert sessions("schedules/good2025_schedule.json") == xml
    assert sessions("ics/good2025_schedule.ics") == xml


# --- An independent reading of the sources ------------------------------------------


def _frab_events(path: Path) -> list[dict[str, Any]]:
    """(room, start, end, persons) of every event, by the standard library alone."""
    out: list[dict[str, Any]] = []
    if path.suffix == ".xml":
        root = ET.parse(path).getroot()
        for day in root.iter("day"):
            for room in day.findall("room"):
                for event in room.findall("event"):
                    hours, minutes = (int(x) for x in event.findtext("duration", "0:0").split(":"))
                    if event.findtext("date"):
                        start = datetime.fromisoformat(event.findtext("date", ""))
                    else:  # FOSDEM: day date + start, no zone
                        start = datetime.fromisoformat(
                            f"{day.get('date')}T{event.findtext('start')}:00+00:00"
                        )
                    persons = [p.get("id") or p.text or "" for p in event.iter("person")]
                    out.append(
                        {
                            "room": room.get("name"),
                            "start": start,
                            "end": start + timedelta(hours=hours, minutes=minutes),
                            "persons": persons,
                        }
                    )
        return out
    conference = json.loads(path.read_text("utf-8"))["schedule"]["conference"]
    for day in conference["days"]:
        for room, events in day["rooms"].items():
            for event in events:
                hours, minutes = (int(x) for x in event["duration"].split(":"))
                start = datetime.fromisoformat(event["date"])
                out.append(
                    {
                        "room": room,
                        "start": start,
                        "end": start + timedelta(hours=hours, minutes=minutes),
                        "persons": [
                            str(p.get("id") or p.get("public_name")) for p in event["persons"]
                        ],
                    }
                )
    return out


def _inside(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether ``a`` lies wholly inside the strictly longer ``b``."""
    longer = b["end"] - b["start"] > a["end"] - a["start"]
    return longer and b["start"] <= a["start"] and a["end"] <= b["end"]


def _independent(path: Path, zone: str) -> tuple[int, int, int, int, int, int]:
    events = _frab_events(path)
    tz = ZoneInfo(zone)
    by_group: dict[tuple[str, date], list[dict[str, Any]]] = {}
    for e in events:
        by_group.setdefault((e["room"], e["start"].astimezone(tz).date()), []).append(e)
    gaps = overlaps = 0
    for group in by_group.values():
        group.sort(key=lambda e: (e["start"], e["end"]))
        latest = group[0]["end"]
        for e in group[1:]:
            gaps += e["start"] > latest
            latest = max(latest, e["end"])
        # Every pair that overlaps is a finding (issue 10), unless one lies inside a
        # longer one: the import makes it a child of that one.
        overlaps += sum(a["start"] < b["end"] and b["start"] < a["end"]
                        and not _inside(a, b) and not _inside(b, a)
                        for a, b in itertools.combinations(group, 2))  # fmt: skip
    clashes = 0
    by_person: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        for person in dict.fromkeys(e["persons"]):
            by_person.setdefault(person, []).append(e)
    for mine in by_person.values():
        clashes += sum(a["start"] < b["end"] and b["start"] < a["end"]
                       for a, b in itertools.combinations(mine, 2))  # fmt: skip
    rooms = len({e["room"] for e in events})
    days = len({e["start"].astimezone(tz).date() for e in events})
    return len(events), rooms, days, gaps, overlaps, clashes


@pytest.mark.parametrize("name", list(SCHEDULES))
def test_expected_values_agree_with_an_independent_reading(name: str) -> None:
    events, rooms, days, zone, findings = SCHEDULES[name]
    assert _independent(REALWORLD / name, zone) == (
        events,
        rooms,
        days,
        findings.get("AK201", 0),
        findings.get("AK202", 0),
        findings.get("AK401", 0),
    )


# --- Broken calendars ---------------------------------------------------------------

# file: the import error (line, column, message), or the sessions imported and the
# codes of the findings of the import (AK606 skipped, AK607 dropped, AK608-AK610
# assumed).
BAD: dict[str, tuple[int, int, str] | tuple[int, list[str]]] = {
    "ical4j__boeing.ics": (1, 1, "the calendar has no events: no VEVENT (it holds 1 VFREEBUSY)"),
    "ical4j__smallcluster.ics": (1, ["AK607", "AK608", "AK609", "AK610"]),
    "icalendar__bom_calendar.ics": (1, 1, "the calendar has no events: no VEVENT"),
    "icalendar__broken_dtstart.ics": (
        6, 9, "no event can be imported: an event whose DTSTART 'INVALID-DATE' is not a "
        "date or date-time",
    ),
    "icalendar__broken_ical.ics": (1, ["AK606", "AK608", "AK609"]),
    "icalendar__invalid_duration.ics": (
        8, 10, "no event can be imported: an event whose DURATION 'P999999999999999999W' is "
        "longer than a year",
    ),
    "icalendar__issue_104_broken_calendar.ics": (1, ["AK606", "AK608"]),
    "icalendar__issue_1050_forward_timezone_reference.ics": (1, ["AK609"]),
    "icalendar__issue_1081_invalid_start_and_end.ics": (
        6, 9, "no event can be imported: an event whose DTSTART 'INVALID-DATE' is not a "
        "date or date-time",
    ),
    "icalendar__issue_218_bad_tzid.ics": (1, ["AK608", "AK608"]),
    "icalendar__issue_237_fail_to_parse_timezone_with_non_ascii_tzid.ics": (
        1, ["AK608", "AK608", "AK610"]
    ),
    "icalendar__issue_722_missing_VTIMEZONE_custom.ics": (
        1, ["AK608", "AK608", "AK609", "AK610"]
    ),
    "icalendar__issue_722_missing_timezones.ics": (
        1, ["AK606", "AK606", "AK607", "AK608"]
    ),
    "icalendar__parsing_error_in_UTC_offset.ics": (1, 1, "the calendar has no events: no VEVENT"),
    "icalendar__small_bad_calendar.ics": (
        2, 1, "no event can be imported: an event without DTSTART; the file ends inside "
        "VCALENDAR (line 1): it looks cut off",
    ),
    "icaljs__blank_line_mid.ics": (1, 1, "the calendar has no events: no VEVENT"),
    "icaljs__tzid_with_gmt.ics": (1, 1, "the calendar has no events: no VEVENT"),
    "libical__overlaps.ics": (5, ["AK606", "AK608", "AK610", "AK610"]),
    # AK610: 4 duplicated UIDs, tracks, venue; 2 sessions nested; a changeover; 3 breaks.
    "moca2024_schedule.ics": (88, ["AK606", "AK608"] + ["AK610"] * 12),
    "vipss2024_VIPSS2024.ics": (56, ["AK606", "AK608"]),
}  # fmt: skip


def test_every_broken_calendar_is_listed() -> None:
    assert sorted(BAD) == sorted(p.name for p in (REALWORLD / "ics-bad").glob("*.ics"))


@pytest.mark.parametrize("name", list(BAD))
def test_broken_calendar_gives_a_clear_error_or_a_report(name: str) -> None:
    path = REALWORLD / "ics-bad" / name
    expected = BAD[name]
    if len(expected) == 3:
        with pytest.raises(LoadError) as caught:
            import_file(path)
        (diagnostic,) = caught.value.diagnostics
        location = diagnostic.location
        assert (location.file, location.line, location.column, diagnostic.message) == (
            str(path),
            *expected,
        )
        return
    imported = import_file(path)
    free = "import-assumed-structure.free-rooms"
    assert (
        len(agenda_kit.sessions(imported.agenda)),
        sorted(n.code for n in imported.notes.found if n.key != free),
    ) == expected
    # A foreign calendar is a conference schedule: its rooms may be free, and it says so.
    assert [n.key for n in imported.notes.found].count(free) == 1


def test_broken_calendar_details() -> None:
    def notes(name: str) -> list[str]:
        return import_file(REALWORLD / "ics-bad" / name).notes.lines()

    base = str(REALWORLD / "ics-bad")
    assert (
        f"{base}/vipss2024_VIPSS2024.ics:447:1: AK606 import-skipped: '045Z' is not a content "
        "line (NAME:value); a line fold without its leading space?"
    ) in notes("vipss2024_VIPSS2024.ics")
    moca = notes("moca2024_schedule.ics")
    assert (
        f"{base}/moca2024_schedule.ics:4:11: AK608 import-assumed-zone: `VTIMEZONE: "
        "Europe/Rome` is written as a property, not a component: read as the calendar's zone"
    ) in moca
    assert (
        f"{base}/moca2024_schedule.ics:5:1: AK610 import-assumed-structure: UID '46939' is "
        "used by 67 events: they are kept as separate sessions"
    ) in moca
    assert (
        f"{base}/moca2024_schedule.ics:1062:1: AK606 import-skipped: blank lines (not allowed "
        "in iCalendar) were ignored"
    ) in moca
    brasilia = import_file(
        REALWORLD
        / "ics-bad"
        / "icalendar__issue_237_fail_to_parse_timezone_with_non_ascii_tzid.ics"
    ).agenda
    (session,) = agenda_kit.sessions(brasilia)
    # 2017-05-11 13:30 at UTC-03:00 (the VTIMEZONE's standard time from February).
    assert session.start.isoformat() == "2017-05-11T13:30:00-03:00"
    assert brasilia.event.timezone == "America/Sao_Paulo"


def _ics_events(path: Path, zone: str) -> list[dict[str, Any]]:
    """(room, start, end) of every VEVENT, by the standard library alone: lines
    unfolded (as bytes: JRES folds inside UTF-8 sequences), DTSTART/DTEND with a TZID,
    UTC or floating (read in ``zone``)."""
    data = re.sub(rb"\r?\n[ \t]", b"", path.read_bytes())
    text = data.decode("utf-8", errors="replace")
    out = []
    for block in re.findall(r"BEGIN:VEVENT\r?\n(.*?)END:VEVENT", text, re.S):
        props: dict[str, tuple[str, str]] = {}
        for line in block.splitlines():
            head, _, value = line.partition(":")
            name, _, params = head.partition(";")
            props.setdefault(name.upper(), (params, value))
        room = props.get("LOCATION", ("", ""))[1].replace("\\,", ",") or None
        start, end = _ics_when(props["DTSTART"], zone), _ics_when(props["DTEND"], zone)
        out.append({"room": room, "start": start, "end": end})
    return out


def _ics_when(prop: tuple[str, str], zone: str) -> datetime:
    params, value = prop
    tzid = re.search(r"TZID=([^;:]+)", params)
    moment = datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S")
    if value.endswith("Z"):
        return moment.replace(tzinfo=UTC)
    return moment.replace(tzinfo=ZoneInfo(tzid[1] if tzid else zone))


@pytest.mark.parametrize("name", list(CALENDARS))
def test_calendar_findings_agree_with_an_independent_reading(name: str) -> None:
    events, _, _, zone, findings = CALENDARS[name]
    read = _ics_events(REALWORLD / name, zone)
    assert len(read) == events
    tz = ZoneInfo(zone)
    by_room: dict[tuple[str, date], list[dict[str, Any]]] = {}
    for e in read:
        if e["room"]:
            by_room.setdefault((e["room"], e["start"].astimezone(tz).date()), []).append(e)
    overlaps = sum(a["start"] < b["end"] and b["start"] < a["end"]
                   and not _inside(a, b) and not _inside(b, a)
                   for group in by_room.values()
                   for a, b in itertools.combinations(group, 2))  # fmt: skip
    empty = sum(e["end"] <= e["start"] for e in read)
    agenda = import_file(REALWORLD / name).agenda
    got = Counter(d.code for d in agenda_kit.check(agenda).diagnostics)
    # Same-room overlaps (sessions inside a longer one are its children) and events that
    # end when they start, as the calendar itself says; never a gap.
    assert (got.get("AK202", 0), got.get("AK210", 0)) == (overlaps, empty)
    assert (findings.get("AK202", 0), findings.get("AK210", 0)) == (overlaps, empty)
    assert "AK201" not in got
