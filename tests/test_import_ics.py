"""Importing calendars: agenda-kit's own feeds read from their X- properties (never
from the labels written for people), foreign calendars by the conventions of
conference tools, VTIMEZONEs through icalendar, and the command's report in the
language the rules choose (--lang, the settings' lang, the event's lang), as text or
JSON."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import agenda_kit
from agenda_kit.cli import main
from agenda_kit.exchange import import_bytes


def _calendar(head: str, *events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\nDTSTAMP:20250101T000000Z\r\n{e}END:VEVENT\r\n" for e in events)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//agenda-kit//agenda-kit 1.0//EN\r\n"
        f"{head}{body}END:VCALENDAR\r\n"
    ).encode()


# The labels around the ids are deliberately not the ones agenda-kit writes today
# (another language, another floor label, another arrow): import must not care.
OWN = _calendar(
    "X-WR-CALNAME:Dev day\r\nX-WR-TIMEZONE:Europe/Berlin\r\nX-AGENDA-KIT-EVENT:devday\r\n",
    "UID:devday-opening@agenda-kit\r\nDTSTART;TZID=Europe/Berlin:20250318T090000\r\n"
    "DTEND;TZID=Europe/Berlin:20250318T093000\r\nSUMMARY:Opening\r\n"
    "LOCATION:Saal 1\\, Hub\\, Hauptstr. 1\r\n"
    "DESCRIPTION:Welcome.\\nVortragende: Ann Alm (ACME)\\, Bo\r\n"
    "CATEGORIES:Zeremonie,Morgen\r\n"
    "X-AGENDA-KIT-SESSION:opening\r\nX-AGENDA-KIT-PART:morning\r\nX-AGENDA-KIT-ROOM:hall\r\n"
    "X-AGENDA-KIT-SPEAKER:ann\r\nX-AGENDA-KIT-SPEAKER:bo\r\nX-AGENDA-KIT-KIND:ceremony\r\n",
    "UID:devday-walk@agenda-kit\r\nDTSTART;TZID=Europe/Berlin:20250318T093000\r\n"
    "DTEND;TZID=Europe/Berlin:20250318T094000\r\nSUMMARY:To the lab\r\n"
    "LOCATION:Saal 1 ==> Labor\\, Hub\\, Hauptstr. 1\r\n"
    "CATEGORIES:Wechsel,Morgen\r\nX-AGENDA-KIT-SESSION:walk\r\nX-AGENDA-KIT-PART:morning\r\nX-AGENDA-KIT-ROOM:hall\r\n"
    "X-AGENDA-KIT-TO:lab\r\nX-AGENDA-KIT-KIND:transfer\r\n",
    "UID:devday-demo@agenda-kit\r\nDTSTART;TZID=Europe/Berlin:20250318T094000\r\n"
    "DTEND;TZID=Europe/Berlin:20250318T103000\r\nSUMMARY:Demo: the; tool\r\n"
    "LOCATION:Labor\\, Hub\\, Hauptstr. 1\r\nDESCRIPTION:Bring a laptop.\r\n"
    "CATEGORIES:Vortrag,Morgen\r\nX-AGENDA-KIT-SESSION:demo\r\nX-AGENDA-KIT-PART:morning\r\nX-AGENDA-KIT-ROOM:lab\r\n"
    "X-AGENDA-KIT-SPEAKER:cy\r\nX-AGENDA-KIT-KIND:talk\r\n",
    # A part as one entry (feeds per part): no X-AGENDA-KIT-SESSION, not a session.
    "UID:devday-morning~part@agenda-kit\r\nDTSTART;TZID=Europe/Berlin:20250318T090000\r\n"
    "DTEND;TZID=Europe/Berlin:20250318T103000\r\nSUMMARY:Morgen\r\nX-AGENDA-KIT-PART:morning\r\n",
)


def test_an_own_feed_is_read_from_its_x_properties() -> None:
    imported = import_bytes(OWN, "ics", name="feed.ics")
    agenda = imported.agenda
    assert agenda.event.id == "devday"
    assert agenda.venue is not None
    assert (agenda.venue.name, agenda.venue.address) == ("Hub", "Hauptstr. 1")
    rooms = {rid: r.name for rid, r in agenda.venue.rooms.items()}
    names = {sid: s.name for sid, s in agenda.speakers.items()}
    assert [(s.name, s.affiliation) for s in agenda.speakers.values()] == [
        ("Ann Alm", "ACME"),
        ("Bo", None),
        ("cy", None),
    ]
    # The feed lists each session's kind (in the agenda's words), then its part's title.
    assert [(p.id, p.title) for p in agenda.parts] == [("morning", "Morgen")]
    assert [
        (s.id, s.kind, s.title, rooms.get(s.room or agenda.parts[0].room or ""),
         rooms.get(s.to or ""), [names[x] for x in s.speakers], s.description)
        for s in agenda.parts[0].sessions
    ] == [
        ("opening", "ceremony", "Opening", "Saal 1", None, ["Ann Alm", "Bo"], "Welcome."),
        ("walk", "transfer", "To the lab", "Saal 1", "Labor", [], None),
        # One speaker and a one-line description that does not list a name: the id
        # stands in for the name, the description is kept whole.
        ("demo", "talk", "Demo: the; tool", "Labor", None, ["cy"], "Bring a laptop."),
    ]  # fmt: skip
    assert [(d.code, d.key) for d in imported.notes.found] == [("AK606", "import-skipped.overview")]
    assert agenda_kit.check(agenda).diagnostics == []


def test_the_venue_transfers_of_an_own_feed_come_back_and_junk_ones_are_left_out() -> None:
    head = b"X-AGENDA-KIT-EVENT:devday\r\n"
    lines = (
        b"X-AGENDA-KIT-TRANSFER:hall lab 10\r\n"
        b"X-AGENDA-KIT-TRANSFER:hall lab ten\r\n"
        b"X-AGENDA-KIT-TRANSFER:hall 5\r\n"
        b"X-AGENDA-KIT-TRANSFER:hall nowhere 3\r\n"
    )
    agenda = import_bytes(OWN.replace(head, head + lines), "ics", name="feed.ics").agenda
    assert agenda.venue is not None
    # A transfer to a room no session uses is left out with that room.
    assert [(t.from_, t.to, t.minutes) for t in agenda.venue.transfers] == [("hall", "lab", 10)]
    assert agenda_kit.check(agenda).diagnostics == []


def _with_event(feed: bytes, lines: str) -> bytes:
    event = f"BEGIN:VEVENT\r\nDTSTAMP:20250101T000000Z\r\n{lines}END:VEVENT\r\n"
    return feed.replace(b"END:VCALENDAR\r\n", event.encode() + b"END:VCALENDAR\r\n")


def test_ids_made_for_added_events_go_around_the_feeds_own_ids() -> None:
    # Found by review: an event added before the feed's sessions took the ids the feed
    # gives its speaker (`ann`) and session (`opening`); the feed's became `ann-2`.
    added = (
        "UID:opening@example.org\r\nDTSTART;TZID=Europe/Berlin:20250318T080000\r\n"
        "DTEND;TZID=Europe/Berlin:20250318T090000\r\nSUMMARY:Breakfast\r\n"
        "ATTENDEE;CN=Ann:mailto:ann@example.org\r\nLOCATION:Hub\\, Hauptstr. 1\r\n"
    )
    agenda = import_bytes(_with_event(OWN, added), "ics", name="feed.ics").agenda
    assert {sid: s.name for sid, s in agenda.speakers.items()} == {
        "ann-2": "Ann",
        "ann": "Ann Alm",
        "bo": "Bo",
        "cy": "cy",
    }
    assert [(s.id, s.title, s.room, s.speakers) for s in agenda_kit.sessions(agenda)] == [
        ("breakfast", "Breakfast", None, ["ann-2"]),  # the venue itself names no room
        ("opening", "Opening", "hall", ["ann", "bo"]),
        ("walk", "To the lab", "hall", []),
        ("demo", "Demo: the; tool", "lab", ["cy"]),
    ]
    assert agenda_kit.check(agenda).diagnostics == []


def test_a_feed_id_that_is_no_agenda_id_gives_way_to_one_made_from_the_name() -> None:
    # Found by review: such a room or speaker became `room-1` or `speaker-3`.
    data = OWN.replace(b"X-AGENDA-KIT-ROOM:hall\r\n", b"X-AGENDA-KIT-ROOM:the hall\r\n")
    data = data.replace(b"X-AGENDA-KIT-SPEAKER:cy\r\n", b"X-AGENDA-KIT-SPEAKER:c y\r\n")
    agenda = import_bytes(data, "ics", name="feed.ics").agenda
    assert agenda.venue is not None
    assert sorted(agenda.venue.rooms) == ["lab", "saal-1"]
    assert sorted(agenda.speakers) == ["ann", "bo", "c-y"]


def test_an_event_added_by_hand_to_an_own_feed_is_a_session_not_an_overview() -> None:
    # Found by a new user: an event without X-AGENDA-KIT-SESSION was taken for an
    # overview entry and dropped. Only the feed's own overview UIDs are overviews.
    added = (
        "UID:lunch@example.org\r\nDTSTART;TZID=Europe/Berlin:20250318T103000\r\n"
        "DTEND;TZID=Europe/Berlin:20250318T113000\r\nSUMMARY:Lunch\r\n"
        "LOCATION:Labor\\, Hub\\, Hauptstr. 1\r\n"
    )
    event = f"BEGIN:VEVENT\r\nDTSTAMP:20250101T000000Z\r\n{added}END:VEVENT\r\n"
    data = OWN.replace(b"END:VCALENDAR\r\n", event.encode() + b"END:VCALENDAR\r\n")
    imported = import_bytes(data, "ics", name="feed.ics")
    agenda = imported.agenda
    assert agenda.venue is not None
    # The LOCATION names the room before the feed's venue and address: the same room.
    assert {rid: r.name for rid, r in agenda.venue.rooms.items()} == {
        "hall": "Saal 1",
        "lab": "Labor",
    }
    sessions = [(s.id, s.title, s.room or p.room) for p in agenda.parts for s in p.sessions]
    assert sessions == [
        ("opening", "Opening", "hall"),
        ("walk", "To the lab", "hall"),
        ("demo", "Demo: the; tool", "lab"),
        ("lunch", "Lunch", "lab"),
    ]
    # Each note is at its event's BEGIN line, two lines above its UID (1-based).
    lines = data.decode().split("\r\n")
    overview_line = lines.index("UID:devday-morning~part@agenda-kit") - 1
    added_line = lines.index("UID:lunch@example.org") - 1
    assert [
        (d.code, d.key, d.location.line, d.message) for d in imported.notes.found
    ] == [
        ("AK606", "import-skipped.overview", overview_line,
         "1 overview entries (a feed per part or per day) are not sessions"),
        ("AK610", "import-assumed-structure.own-feed-other", added_line,
         "1 events without agenda-kit's structure (no X-AGENDA-KIT-SESSION) were read as "
         "any calendar's events"),
    ]  # fmt: skip
    assert agenda_kit.check(agenda).diagnostics == []


def test_a_foreign_calendar_keeps_conference_conventions_not_agenda_kit_labels() -> None:
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pretalx//talks//EN\r\n"
        "BEGIN:VEVENT\r\nUID:1@x\r\nDTSTART:20250318T090000Z\r\nDTEND:20250318T100000Z\r\n"
        "SUMMARY:Intro - Ann Alm [ACME]\r\nDESCRIPTION:Hello.\\nSpeaker: Bo Berg\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:2@x\r\nDTSTART:20250318T100000Z\r\nDTEND:20250318T110000Z\r\n"
        "SUMMARY:Panel -\r\nLOCATION:Hall (2층)\r\nDESCRIPTION:담당: 김철수\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    ).encode()
    imported = import_bytes(data, "ics", name="talks.ics")
    agenda = imported.agenda
    names = {sid: (s.name, s.affiliation) for sid, s in agenda.speakers.items()}
    rooms = {
        rid: (r.name, r.floor) for rid, r in (agenda.venue.rooms.items() if agenda.venue else [])
    }
    assert [
        (s.title, [names[x] for x in s.speakers], rooms.get(s.room or p.room or ""), s.description)
        for p in agenda.parts
        for s in p.sessions
    ] == [
        ("Intro", [("Ann Alm", "ACME"), ("Bo Berg", None)], None, "Hello."),
        # agenda-kit's own label `담당:` and its floor label are plain text here.
        ("Panel", [], ("Hall (2층)", None), "담당: 김철수"),
    ]
    keys = [d.key for d in imported.notes.found]
    assert "import-assumed-structure.pretalx" in keys
    assert "import-assumed-structure.description-speakers" in keys


def _zone(rule: str) -> str:
    return (
        "BEGIN:VTIMEZONE\r\nTZID:Mitteleuropa\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\n"
        "TZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\n"
        f"TZOFFSETTO:+0200\r\nRRULE:{rule}\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    )


def _event(day: str) -> str:
    return (
        f"UID:{day}@x\r\nDTSTART;TZID=Mitteleuropa:{day}T090000\r\n"
        f"DTEND;TZID=Mitteleuropa:{day}T100000\r\nSUMMARY:Talk {day}\r\n"
    )


def test_a_vtimezone_that_names_no_iana_zone_is_read_with_its_rules() -> None:
    data = _calendar(
        _zone("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"), _event("20250318"), _event("20250717")
    )
    imported = import_bytes(data.replace(b"agenda-kit", b"other"), "ics", name="c.ics")
    starts = [s.start.in_timezone("UTC").isoformat() for s in agenda_kit.sessions(imported.agenda)]
    # Winter (+01:00) and summer (+02:00), as the rules say, and the zone guessed from both.
    assert starts == ["2025-03-18T08:00:00+00:00", "2025-07-17T07:00:00+00:00"]
    assert imported.agenda.event.timezone == "Europe/Berlin"
    assert [d.key for d in imported.notes.found][:2] == [
        "import-assumed-zone.vtimezone",
        "import-assumed-zone.guessed",
    ]


def test_a_vtimezone_rule_that_would_expand_for_ever_is_refused_at_once() -> None:
    data = _calendar(_zone("FREQ=SECONDLY"), _event("20250318"))
    started = time.perf_counter()
    imported = import_bytes(data.replace(b"agenda-kit", b"other"), "ics", name="c.ics")
    assert time.perf_counter() - started < 5
    bad = imported.notes.found[0]
    assert (bad.code, bad.key, bad.location.line) == (
        "AK608",
        "import-assumed-zone.vtimezone-bad",
        4,
    )
    assert bad.message == (
        "the VTIMEZONE of 'Mitteleuropa' cannot be read: RRULE 'FREQ=SECONDLY' is not yearly"
    )


FOREIGN = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:a@t\r\n"
    b"DTSTART:20250318T090000Z\r\nDTEND:20250318T100000Z\r\nSUMMARY:Talk\r\n"
    b"STATUS:CONFIRMED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_the_report_is_in_the_language_the_rules_choose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "talks.ics"
    source.write_bytes(FOREIGN)
    out = tmp_path / "agenda.yaml"
    # An English calendar, no flag, no settings: English.
    assert main(["import", str(source), "-o", str(out)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"{source}:1:1: AK608 import-assumed-zone: all times are in UTC and no zone is named: "
        "the agenda is in UTC",
        "  = help: Pass --timezone to show local times.",
        f"{source}:1:1: AK610 import-assumed-structure: the rooms of a conference schedule "
        "may be free between sessions (`contiguous: false` on its parts): time without a "
        "session is not a gap",
        "  = help: Remove `contiguous: false` where the sessions must follow one another.",
        f"Imported 1 session, 0 rooms, 1 day from {source} (ics) into {out}; agenda-kit check "
        "finds 0 errors, 0 warnings.",
    ]
    # --lang ko.
    assert main(["import", str(source), "-o", str(out), "--lang", "ko"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"{source}:1:1: AK608 import-assumed-zone: 모든 시각이 UTC이고 시간대 이름이 없어 "
        "아젠다를 UTC로 했습니다",
        "  = help: --timezone을 주면 현지 시각으로 보입니다.",
        f"{source}:1:1: AK610 import-assumed-structure: 학술대회 일정의 방은 세션 사이에 "
        "비어도 됩니다(순서마다 `contiguous: false`): 세션이 없는 시간은 빈틈이 아닙니다",
        "  = help: 세션이 이어져야 하는 곳에서는 `contiguous: false`를 지우세요.",
        f"{source}(ics)에서 세션 1개, 방 0개, 1일을 가져와 {out}에 썼습니다. "
        "agenda-kit check 결과: 오류 0개, 경고 0개.",
    ]
    # The settings file of the output's folder says ko; --lang en still wins.
    (tmp_path / ".agenda-kit.toml").write_text('lang = "ko"\n', "utf-8")
    assert main(["import", str(source), "-o", str(out), "-q"]) == 0
    assert capsys.readouterr().err.endswith("agenda-kit check 결과: 오류 0개, 경고 0개.\n")
    assert main(["import", str(source), "-o", str(out), "-q", "--lang", "en"]) == 0
    assert capsys.readouterr().err.endswith("finds 0 errors, 0 warnings.\n")
    # An error is reported in the language too, and nothing is written.
    broken = tmp_path / "broken.ics"
    broken.write_bytes(b"hello\n")
    assert main(["import", str(broken), "--from", "ics", "-o", str(tmp_path / "b.yaml")]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{broken}:1:1: AK602 [error] import-wrong-format: iCalendar 파일이 아닙니다: "
        "BEGIN:VCALENDAR도 BEGIN:VEVENT도 없습니다",
        "  = help: 올바른 `--from` 형식을 주세요.",
        "오류 1개를 찾았습니다 (파일 1개).",
        "아무것도 쓰지 않았습니다.",
    ]
    assert not (tmp_path / "b.yaml").exists()


def test_the_report_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "talks.ics"
    source.write_bytes(FOREIGN.replace(b"STATUS:CONFIRMED\r\n", b"\r\n\r\n"))
    assert main(["import", str(source), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert agenda_kit.loads(captured.out).event.title == "talks"
    report = json.loads(captured.err)
    assert [(d["code"], d["location"]["line"], d["count"]) for d in report["diagnostics"]] == [
        ("AK606", 9, 2),
        ("AK608", 1, 1),
        ("AK610", 1, 1),
    ]
    assert report["summary"] == {"files": 1, "errors": 0, "warnings": 1, "infos": 2}
    assert report["import"] == {
        "source": str(source),
        "format": "ics",
        "output": None,
        "sessions": 1,
        "rooms": 0,
        "days": 1,
        "check": {"errors": 0, "warnings": 0},
        "written": True,
    }


def test_room_names_floors_and_part_titles_from_their_properties() -> None:
    # Where the feed writes them, names and floors come from their own properties,
    # whatever LOCATION and CATEGORIES say for people.
    data = _calendar(
        "X-AGENDA-KIT-EVENT:devday\r\n",
        "UID:a@agenda-kit\r\nDTSTART:20250318T090000Z\r\nDTEND:20250318T100000Z\r\n"
        "SUMMARY:Keynote\r\nLOCATION:Saal 1 (Stock 2)\\, Hub\r\nCATEGORIES:Hauptvortrag\r\n"
        "X-AGENDA-KIT-SESSION:key\r\nX-AGENDA-KIT-PART:p1\r\n"
        "X-AGENDA-KIT-PART-TITLE:Erster Teil\r\nX-AGENDA-KIT-ROOM:hall\r\n"
        "X-AGENDA-KIT-ROOM-NAME:Saal 1\r\nX-AGENDA-KIT-FLOOR:2\r\nX-AGENDA-KIT-KIND:keynote\r\n",
        "UID:b@agenda-kit\r\nDTSTART:20250318T100000Z\r\nDTEND:20250318T110000Z\r\n"
        "SUMMARY:Talk\r\nLOCATION:Saal 1 (Stock 2)\\, Hub\r\n"
        "X-AGENDA-KIT-SESSION:talk\r\nX-AGENDA-KIT-PART:p1\r\n"
        "X-AGENDA-KIT-PART-TITLE:Erster Teil\r\nX-AGENDA-KIT-ROOM:hall\r\n"
        "X-AGENDA-KIT-ROOM-NAME:Saal 1\r\nX-AGENDA-KIT-FLOOR:2\r\nX-AGENDA-KIT-KIND:talk\r\n",
    )
    agenda = import_bytes(data, "ics", name="feed.ics").agenda
    assert agenda.venue is not None
    assert agenda.venue.name == "Hub"
    assert [(r.name, r.floor) for r in agenda.venue.rooms.values()] == [("Saal 1", 2)]
    assert [(p.id, p.title, [s.id for s in p.sessions]) for p in agenda.parts] == [
        ("p1", "Erster Teil", ["key", "talk"])
    ]
    assert [s.kind for s in agenda_kit.sessions(agenda)] == ["keynote", "talk"]


def test_repeated_uids_are_each_noted_once_at_their_first_event() -> None:
    """An event's UID names it for every calendar: a UID used twice is noted once, with
    its count, at the first event that has it (a blank UID too, not an event without
    one)."""

    def event(n: int, uid: str | None) -> str:
        line = "" if uid is None else f"UID:{uid}\r\n"
        return (
            f"{line}DTSTART;TZID=Europe/Berlin:20250318T1{n}0000\r\n"
            f"DTEND;TZID=Europe/Berlin:20250318T1{n}3000\r\nSUMMARY:Talk {n}\r\n"
        )

    data = _calendar(
        "",
        event(0, None),
        event(1, "a@x"),
        event(2, ""),
        event(3, "a@x"),
        event(4, "b@x"),
        event(5, " "),
        event(6, "a\\,@x"),
    )
    notes = import_bytes(data, "ics", name="u.ics").notes
    found = [
        (d.location.line, d.message, notes.count(d))
        for d in notes.found
        if d.key and d.key.endswith("duplicate-uid")
    ]
    assert found == [
        (10, "UID 'a@x' is used by 2 events: they are kept as separate sessions", 1),
        (17, "UID '' is used by 2 events: they are kept as separate sessions", 1),
    ]
