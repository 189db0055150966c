"""Plain-text agenda tables (the seed press release) and CSV tables, imported."""

from __future__ import annotations

from datetime import UTC, date

import pytest

import agenda_kit
from agenda_kit import LoadError
from agenda_kit.exchange import Options, import_bytes, import_file
from agenda_kit.exchange.text import split_remarks

from .helpers import ROOT, SEED

PRESS_RELEASE = ROOT.parent / "shared" / "seed" / "000_50a83b63428d34c7.txt"
needs_seed = pytest.mark.skipif(not PRESS_RELEASE.exists(), reason="../shared/seed is absent")


def _rows(agenda: agenda_kit.Agenda) -> list[tuple[str, str, int | None, str, str, str | None]]:
    rooms = {rid: r.name for rid, r in (agenda.venue.rooms.items() if agenda.venue else [])}
    out = []
    for part in agenda.parts:
        for s in part.sessions:
            out.append(
                (
                    agenda_kit.sessions(agenda)[len(out)].start.format("HH:mm"),
                    agenda_kit.sessions(agenda)[len(out)].end.format("HH:mm"),
                    s.minutes,
                    s.title,
                    s.kind,
                    rooms[s.to] if s.to else None,
                )
            )
    return out


@needs_seed
def test_seed_text_imports_session_for_session_like_the_hand_written_example() -> None:
    imported = import_file(PRESS_RELEASE, options=Options(title="테크노파크 성과 발표회 및 간담회"))
    agenda, example = imported.agenda, agenda_kit.load(SEED)
    assert agenda_kit.check(agenda).diagnostics == []
    assert _rows(agenda) == _rows(example)
    assert len(_rows(agenda)) == 13
    assert (agenda.event.date, agenda.event.weekday, agenda.event.timezone) == (
        date(2024, 10, 17),
        "목",
        "Asia/Seoul",
    )
    assert agenda.event.window == "15:00-17:20"
    assert agenda.venue is not None
    rooms = agenda.venue.rooms
    assert [(p.title, rooms[p.room or ""].name) for p in agenda.parts] == [
        ("1부 성과발표회", "그랜드볼룸"),
        ("2부 간담회", "마레홀"),
    ]
    assert agenda.venue is not None
    assert (agenda.venue.name, agenda.venue.address) == ("윈덤 그랜드 부산", "부산 서구 등대로 27")
    assert {r.name: r.floor for r in agenda.venue.rooms.values()} == {"그랜드볼룸": 2, "마레홀": 3}
    assert [(t.minutes,) for t in agenda.venue.transfers] == [(5,)]
    names = {sid: s.name for sid, s in agenda.speakers.items()}
    speakers = [[names[x] for x in s.speakers] for p in agenda.parts for s in p.sessions]
    assert speakers == [
        ["사회자"], ["부산시장"], ["장관"], ["기업", "부산TP"], ["장관"], [],
        ["사회자"], ["장관"], ["진흥회장"], ["기정원 본부장"], ["중진공 대구지역본부장"],
        ["장관"], ["장관"],
    ]  # fmt: skip
    descriptions = [s.description for p in agenda.parts for s in p.sessions]
    assert descriptions == [d.description for p in example.parts for d in p.sessions]
    # Assumed: the zone (Korean text: Asia/Seoul), the date the text gives, and the
    # speakers told from the titles.
    assert [n.key for n in imported.notes.found] == [
        "import-assumed-time.event-day-hours",
        "import-assumed-zone.text-ko",
        "import-assumed-structure.remarks",
    ]


@pytest.mark.parametrize(
    ("row", "title", "names", "note"),
    [
        ("식순 및 내빈 소개 사회자", "식순 및 내빈 소개", ["사회자"], ""),
        ("(발표) 기업 성장 지원 우수사례 (레전드50+ 관련) 기업, 부산TP",
         "(발표) 기업 성장 지원 우수사례 (레전드50+ 관련)", ["기업", "부산TP"], ""),
        ("TP 유공자 포상 및 기념 촬영 장관 친수", "TP 유공자 포상 및 기념 촬영", ["장관"],
         "장관 친수"),
        ("(발표1)레전드50+ 추진현황 및 성과관리방안 기정원 본부장",
         "(발표1)레전드50+ 추진현황 및 성과관리방안", ["기정원 본부장"], ""),
        ("장관과의 대화", "장관과의 대화", None, None),
        ("Opening words    Prof. Kim, Dr. Lee", "Opening words", ["Prof. Kim", "Dr. Lee"], ""),
    ],
)  # fmt: skip
def test_remarks_are_told_from_titles(
    row: str, title: str, names: list[str] | None, note: str | None
) -> None:
    got_title, remarks = split_remarks(row)
    assert (got_title, remarks and remarks.names, remarks and remarks.note) == (
        title,
        names,
        note,
    )


def test_other_separators_and_duration_marks() -> None:
    text = (
        "Programme, 2025-03-18\n"
        "Location: Hall A\n"
        "Part 1\n"
        "09:00-09:30 30' Registration\n"
        "09:30–10:15 45분 Keynote address\n"
        "10:15~10:30 15’ Coffee break\n"
        "10:30 - 11:00 30 min Panel on parsing\n"
    )
    agenda = import_bytes(text.encode(), "text", name="plan.txt").agenda
    sessions = agenda_kit.sessions(agenda)
    got = [(s.start.format("HH:mm"), s.end.format("HH:mm"), s.title, s.kind) for s in sessions]
    assert got == [
        ("09:00", "09:30", "Registration", "talk"),
        ("09:30", "10:15", "Keynote address", "keynote"),
        ("10:15", "10:30", "Coffee break", "break"),
        ("10:30", "11:00", "Panel on parsing", "discussion"),
    ]  # fmt: skip
    assert agenda.event.timezone == "UTC"
    assert agenda.parts[0].title == "Part1"
    assert agenda_kit.check(agenda).diagnostics == []


def test_a_stated_duration_that_disagrees_is_kept_for_the_checker() -> None:
    text = "2025-03-18\n09:00-09:30 25' Registration\n09:30-10:00 30' Talk\n"
    agenda = import_bytes(text.encode(), "text", name="plan.txt").agenda
    codes = [(d.code, d.location.path) for d in agenda_kit.check(agenda).diagnostics]
    assert codes == [("AK205", "parts[0].sessions[0].minutes")]


def test_text_without_rows_or_date_is_a_clear_error() -> None:
    with pytest.raises(LoadError) as caught:
        import_bytes(b"Just prose.\n", "text", name="notes.txt")
    assert str(caught.value).startswith("notes.txt:1:1: no agenda rows found")
    with pytest.raises(LoadError) as caught:
        import_bytes(b"09:00-09:30 Registration\n", "text", name="plan.txt")
    assert "pass --date" in str(caught.value)
    agenda = import_bytes(
        b"09:00-09:30 Registration\n",
        "text",
        name="plan.txt",
        options=Options(date=date(2025, 1, 2)),
    ).agenda
    assert agenda.event.date == date(2025, 1, 2)
    with pytest.raises(LoadError) as caught:
        import_bytes(b"ok\n\xff\n", "text", name="bad.txt")
    assert str(caught.value).startswith("bad.txt:2:1: not UTF-8")


# --- CSV ------------------------------------------------------------------------------


def test_spreadsheet_csv_with_bom_and_semicolons() -> None:
    data = (
        "\ufeffDatum;Beginn;Ende;Titel;Referenten;Raum;Art;Farbe\r\n"
        "17.10.2024;15:00;15:03;Begrüßung;Ann Alm (ACME), Bo Berg;Saal 1;ceremony;rot\r\n"
        "17.10.2024;15:03;15:30;Vortrag;Bo Berg;Saal 1;;blau\r\n"
        "\r\n"
    ).encode()
    imported = import_bytes(data, "csv", name="plan.csv", options=Options(timezone="Europe/Berlin"))
    agenda = imported.agenda
    sessions = agenda_kit.sessions(agenda)
    assert [(s.start.isoformat(), s.end.isoformat(), s.title, s.kind) for s in sessions] == [
        ("2024-10-17T15:00:00+02:00", "2024-10-17T15:03:00+02:00", "Begrüßung", "ceremony"),
        ("2024-10-17T15:03:00+02:00", "2024-10-17T15:30:00+02:00", "Vortrag", "talk"),
    ]
    assert {s.name: s.affiliation for s in agenda.speakers.values()} == {
        "Ann Alm": "ACME",
        "Bo Berg": None,
    }
    assert imported.notes.lines() == [
        "plan.csv:1:1: AK605 import-unknown-column: columns not read: Farbe",
        "plan.csv:1:1: AK610 import-assumed-structure: the source names no venue: the venue is "
        "called 'plan'",
    ]


def test_csv_with_minutes_commas_and_a_time_range_column() -> None:
    data = b"date,time,title,minutes\n2025-03-18,09:00-09:45,Opening,45\n2025-03-18,09:45,Talk,30\n"
    agenda = import_bytes(data, "csv", name="t.csv").agenda
    assert [
        (s.start.format("HH:mm"), s.end.format("HH:mm")) for s in agenda_kit.sessions(agenda)
    ] == [
        ("09:00", "09:45"),
        ("09:45", "10:15"),
    ]


def test_csv_problems_are_positioned() -> None:
    with pytest.raises(LoadError) as caught:
        import_bytes(b"when,what\n09:00,x\n", "csv", name="t.csv")
    assert str(caught.value).startswith("t.csv:1:1: no column for title and start (or time)")
    assert caught.value.diagnostics[0].code == "AK602"
    data = b"date,start,end,title\n2025-03-18,9:00,10:00,Good\n2025-03-18,25:00,26:00,Bad\n"
    imported = import_bytes(data, "csv", name="t.csv")
    assert imported.notes.lines() == [
        "t.csv:1:1: AK608 import-assumed-zone: the source gives no time zone and no UTC offsets: "
        "its times are read as UTC",
        "t.csv:3:12: AK606 import-skipped: a row whose start '25:00' is not a time of day",
    ]


def test_a_quote_never_closed_is_refused_at_its_place_not_read_as_one_long_cell() -> None:
    # Found by a new user: the csv module read every row after the quote into one
    # title, and the import said "Imported 1 session" with no note.
    head = b"date,start,end,title,room\n2025-03-18,09:00,09:30,Opening,Hall\n"
    rows = b"2025-03-18,09:30,10:00,Keynote,Hall\n2025-03-18,10:00,10:30,Panel,Hall\n"
    broken = head.replace(b",Opening,", b',"Opening,') + rows
    with pytest.raises(LoadError) as caught:
        import_bytes(broken, "csv", name="t.csv", options=Options(timezone="Europe/Berlin"))
    assert [
        (d.code, d.key, d.location.line, d.location.column) for d in caught.value.diagnostics
    ] == [("AK601", "import-malformed.csv-open-quote", 2, 24)]
    assert str(caught.value) == (
        "t.csv:2:24: the quote that opens this CSV cell is never closed: the cell would run "
        "to the end of the file"
    )
    # A quoted cell over several lines that is closed, last in the file, and a quote
    # inside an unquoted cell (which the lenient reading takes) are read as before.
    closed = head + b'2025-03-18,09:30,10:00,"Keynote,\nand more",Hall\n'
    stray = head + b'2025-03-18,09:30,10:00,The 5" screen,"Hall\nB"\n'
    for data, title, room in (
        (closed, "Keynote, and more", "Hall"),
        (stray, 'The 5" screen', "Hall B"),
    ):
        agenda = import_bytes(
            data, "csv", name="t.csv", options=Options(timezone="Europe/Berlin")
        ).agenda
        assert agenda.venue is not None
        rooms = {rid: r.name for rid, r in agenda.venue.rooms.items()}
        last = [s for p in agenda.parts for s in p.sessions][-1]
        part = next(p for p in agenda.parts if last in p.sessions)
        assert (last.title, rooms[last.room or part.room or ""]) == (title, room)


def test_each_row_is_read_in_the_zone_its_timezone_cell_names() -> None:
    # Found by a new user: rows in another zone were read in the first row's zone,
    # seven hours off, with no note.
    data = (
        b"date,start,end,title,timezone\n"
        b"2025-03-18,09:00,10:00,Berlin talk,Europe/Berlin\n"
        b"2025-03-18,19:00,20:00,Seoul talk,Asia/Seoul\n"
        b"2025-03-18,11:00,12:00,Nowhere talk,Asia/Atlantis\n"
    )
    imported = import_bytes(data, "csv", name="t.csv")
    agenda = imported.agenda
    assert agenda.event.timezone == "Europe/Berlin"
    utc = [
        (s.title, f"{s.start.astimezone(UTC):%H:%M}", f"{s.end.astimezone(UTC):%H:%M}")
        for s in agenda_kit.sessions(agenda)
    ]
    # Berlin is UTC+1 and Seoul UTC+9 in March; the unknown zone's row is read in Berlin.
    assert sorted(utc) == [
        ("Berlin talk", "08:00", "09:00"),
        ("Nowhere talk", "10:00", "11:00"),
        ("Seoul talk", "10:00", "11:00"),
    ]
    assert imported.notes.lines() == [
        "t.csv:4:37: AK608 import-assumed-zone: `timezone` 'Asia/Atlantis' is not an IANA zone "
        "name: the row is read in Europe/Berlin",
        "t.csv:1:1: AK608 import-assumed-zone: events use several zones (Asia/Seoul, "
        "Europe/Berlin): the agenda is in Europe/Berlin",
    ]


def test_an_id_that_is_no_agenda_id_is_made_from_the_title_as_the_note_says() -> None:
    # Found by a new user: the note said ids were made from the titles, but the session
    # was written without one (AK113 from the checker).
    data = (
        b"date,start,end,title,id\n"
        b"2025-03-18,09:00,10:00,Mayor video,mayor video!\n"
        b"2025-03-18,10:00,11:00,Talk,talk\n"
    )
    imported = import_bytes(data, "csv", name="t.csv", options=Options(timezone="Asia/Seoul"))
    assert [(s.id, s.title) for s in agenda_kit.sessions(imported.agenda)] == [
        ("mayor-video", "Mayor video"),
        ("talk", "Talk"),
    ]
    assert [(d.key, d.location.line, d.location.column) for d in imported.notes.found] == [
        ("import-value-dropped.bad-id", 2, 24)
    ]
    assert agenda_kit.check(imported.agenda).diagnostics == []


def test_an_end_before_the_start_runs_past_midnight_only_for_a_night() -> None:
    # Found by a new user: 15:08-15:03 became a session of 23 h 55 min, which moved the
    # day's later rows to the next day. A night (22:00-01:00) still runs past midnight.
    data = (
        b"date,start,end,minutes,title\n"
        b"2025-03-18,15:00,15:08,8,A\n"
        b"2025-03-18,15:08,15:03,5,B\n"
        b"2025-03-18,15:13,15:20,,C\n"
        b"2025-03-18,22:00,01:00,,Night\n"
    )
    imported = import_bytes(data, "csv", name="t.csv", options=Options(timezone="Asia/Seoul"))
    assert [
        (s.title, f"{s.start:%d %H:%M}", f"{s.end:%d %H:%M}" if s.end else None)
        for s in agenda_kit.sessions(imported.agenda)
    ] == [
        ("A", "18 15:00", "18 15:08"),
        ("B", "18 15:08", "18 15:13"),  # its end from its minutes
        ("C", "18 15:13", "18 15:20"),
        ("Night", "18 22:00", "19 01:00"),
    ]
    assert [(d.key, d.location.line, d.location.column) for d in imported.notes.found] == [
        ("import-assumed-time.ends-before-start", 3, 18),
    ]


@pytest.mark.parametrize(
    ("title", "encoding", "read_as"),
    [
        # What Excel saves in Korean Windows (found by a new user: read as Windows-1252,
        # the Hangul came out garbled).
        ("개회사와 환영 인사", "cp949", "CP949"),
        ("Café résumé", "cp1252", "Windows-1252"),
        # Decodes as CP949 too (Ä and n make one syllable), but is no Korean text.
        ("Ändern", "cp1252", "Windows-1252"),
        # Capitals that pair into Hangul syllables in CP949 (found by review).
        ("ABERTURA E APRESENTAÇÃO; INFORMAÇÕES GERAIS", "cp1252", "Windows-1252"),
    ],
)
def test_a_table_that_is_not_utf8_is_read_in_the_encoding_it_was_saved_in(
    title: str, encoding: str, read_as: str
) -> None:
    data = f"date,start,end,title\n2025-03-18,09:00,09:30,{title}\n".encode(encoding)
    imported = import_bytes(data, "csv", name="t.csv", options=Options(timezone="Asia/Seoul"))
    assert [s.title for s in agenda_kit.sessions(imported.agenda)] == [title]
    assert [d.message for d in imported.notes.found] == [f"not UTF-8: read as {read_as}"]


def test_a_quote_that_runs_on_over_blank_lines_only_loses_no_row() -> None:
    # Found by review: refused when a blank line followed; nothing is lost there.
    data = (
        b"date,start,end,title,description\n2025-03-18,09:00,09:30,A,x\n"
        b'2025-03-18,09:30,10:00,B,"stray quote\n\n'
    )
    agenda = import_bytes(data, "csv", name="t.csv", options=Options(timezone="UTC")).agenda
    assert [s.title for s in agenda_kit.sessions(agenda)] == ["A", "B"]


def test_a_night_is_counted_on_the_clock_when_the_clocks_go_back() -> None:
    # Found by review: 20:00-08:00 is 13 hours on the night the clocks go back, and
    # lost its end that night only.
    data = b"date,start,end,title\n2024-10-26,20:00,08:00,Night\n"
    agenda = import_bytes(
        data, "csv", name="t.csv", options=Options(timezone="Europe/Berlin")
    ).agenda
    (night,) = agenda_kit.sessions(agenda)
    assert (night.end - night.start).total_seconds() == 13 * 3600


def test_a_duration_of_thousands_of_digits_is_dropped_at_its_cell_and_quoted_short() -> None:
    # Found by fuzzing: int() refused the 5,000-digit cell (Python's conversion limit).
    data = (
        b"date,start,title,minutes\n2025-03-18,09:00,Opening," + b"9" * 5000 + b"\n"
        b"2025-03-18,09:45,Talk,1234567890\n2025-03-18,10:00,Close,15\n"
    )
    imported = import_bytes(data, "csv", name="t.csv", options=Options(timezone="Asia/Seoul"))
    shown = "'" + "9" * 37 + "..." + "9" * 38 + "'"
    assert imported.notes.lines()[:2] == [
        f"t.csv:2:26: AK607 import-value-dropped: a duration {shown} that is not a duration",
        "t.csv:3:23: AK607 import-value-dropped: a duration '1234567890' that is not a duration",
    ]
    assert [
        (s.id, s.start.format("HH:mm"), s.end.format("HH:mm"))
        for s in agenda_kit.sessions(imported.agenda)
    ] == [("opening", "09:00", "09:45"), ("talk", "09:45", "10:00"), ("close", "10:00", "10:15")]


def test_a_long_run_of_letters_costs_a_text_import_little() -> None:
    # Found by fuzzing: a month name was matched by an unbounded `[A-Za-z]+`, tried at
    # every start of a long run of letters: a line of 100,000 ran for minutes. Bounded
    # generously (milliseconds now), as the other bombs are.
    import time

    data = b"date: " + b"y" * 200_000 + b"\n" + PRESS_RELEASE.read_bytes()
    began = time.monotonic()
    imported = import_bytes(data, "text", name="long.txt")
    took = time.monotonic() - began
    assert imported.agenda.event.date == date(2024, 10, 17)
    assert took < 10


def test_one_line_texts_past_the_model_limit_are_cut_with_a_note_and_kept_whole() -> None:
    # Found by fuzzing: a title over 2,000 characters stopped the whole import (AK601
    # at 1:1). Now it is cut at its cell with a note, and the whole title begins the
    # session's notes; the other one-line texts are cut the same way.
    title, room, speaker = "T" * 2500, "R" * 2001, "S" * 3000
    data = (
        "date,start,end,title,room,speakers,description\n"
        f"2025-03-18,09:00,09:30,{title},{room},{speaker},About it\n"
        f"2025-03-18,09:30,10:00,Short,{room},Ana,\n"
    ).encode()
    imported = import_bytes(data, "csv", name="t.csv", options=Options(timezone="Asia/Seoul"))
    assert imported.notes.lines() == [
        "t.csv:2:24: AK607 import-value-dropped: a title of 2,500 characters was cut to "
        "2,000, the most a one-line text holds",
        "t.csv:2:24: AK607 import-value-dropped: a room name of 2,001 characters was cut to "
        "2,000, the most a one-line text holds (2 times)",
        "t.csv:2:24: AK607 import-value-dropped: a speaker's name of 3,000 characters was cut "
        "to 2,000, the most a one-line text holds",
        "t.csv:1:1: AK610 import-assumed-structure: the source names no venue: the venue is "
        "called 't'",
    ]
    first, second = imported.agenda.parts[0].sessions
    assert first.title == "T" * 1999 + "\u2026"
    assert first.description == f"{title}\n\nAbout it"
    assert [s.name for s in imported.agenda.speakers.values()] == ["S" * 1999 + "\u2026", "Ana"]
    assert [r.name for r in imported.agenda.venue.rooms.values()] == ["R" * 1999 + "\u2026"]
    assert second.title == "Short"


def test_speakers_are_split_outside_their_affiliations_brackets() -> None:
    # Found on the benchmark's own export: "Ann (ACME, Inc.)" alone in its cell was
    # split at the comma into "Ann (ACME" and a speaker "Inc.)", who was then in two
    # rooms at once thousands of times.
    data = (
        b"date,start,end,title,speakers\n"
        b'2025-03-18,09:00,09:30,One,"Ann (ACME, Inc.)"\n'
        b'2025-03-18,09:30,10:00,Two,"Bo [Lab, Seoul], Cy"\n'
        b'2025-03-18,10:00,10:30,Three,"Ann (ACME, Inc.); Dee (U; Busan)"\n'
    )
    imported = import_bytes(data, "csv", name="t.csv", options=Options(timezone="Asia/Seoul"))
    agenda = imported.agenda
    people = {k: (p.name, p.affiliation) for k, p in agenda.speakers.items()}
    assert people == {
        "ann": ("Ann", "ACME, Inc."),
        "bo": ("Bo", "Lab, Seoul"),
        "cy": ("Cy", None),
        "dee": ("Dee", "U; Busan"),
    }
    assert [s.speakers for s in agenda.parts[0].sessions] == [
        ("ann",),
        ("bo", "cy"),
        ("ann", "dee"),
    ]


def test_a_utc_offset_names_the_instant_and_a_range_is_not_an_offset() -> None:
    # The export writes the repeated hour of a fall-back night with its offset; a
    # range written in the start column (`10:00-11:00`) is no time with an offset.
    data = (
        b"date,start,end,title,timezone\n"
        b"2024-10-27,02:30 UTC+02:00,02:30 UTC+01:00,First,Europe/Berlin\n"
        b"2024-10-27,02:30 UTC+01:00,02:45 utc+01:00,Second,Europe/Berlin\n"
        b"2024-10-27,03:00Z,03:15Z,Third,Europe/Berlin\n"
        b"2024-10-27,10:00-11:00,,Range,Europe/Berlin\n"
    )
    imported = import_bytes(data, "csv", name="t.csv")
    assert [
        (s.title, s.start.in_timezone("UTC").isoformat(), s.end.in_timezone("UTC").isoformat())
        for s in agenda_kit.sessions(imported.agenda)
    ] == [
        ("First", "2024-10-27T00:30:00+00:00", "2024-10-27T01:30:00+00:00"),
        ("Second", "2024-10-27T01:30:00+00:00", "2024-10-27T01:45:00+00:00"),
        ("Third", "2024-10-27T03:00:00+00:00", "2024-10-27T03:15:00+00:00"),
    ]
    assert (
        "t.csv:5:12: AK606 import-skipped: a row whose start '10:00-11:00' is not a time of day"
        in (imported.notes.lines())
    )


def test_long_uids_are_left_out_not_cut() -> None:
    from agenda_kit.exchange import import_bytes as read

    uid = "a@" + "x" * 2100
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTART:20240501T100000Z\r\nDTEND:20240501T103000Z\r\n"
        "SUMMARY:Talk\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    imported = read(ics, "ics", name="t.ics")
    assert [s.uid for s in imported.agenda.parts[0].sessions] == [None]
    assert (
        "t.ics:4:1: AK607 import-value-dropped: a UID of 2,102 characters was left out "
        "(at most 2,000): the session's id makes its UID"
    ) in imported.notes.lines()


@pytest.mark.parametrize(
    ("cell", "people"),
    [
        ('"Ann (ACME; Inc.), Bob"', [("Ann", "ACME; Inc."), ("Bob", None)]),
        ('"Ann (ACME, Bob, Cy"', [("Ann (ACME", None), ("Bob", None), ("Cy", None)]),
    ],
)
def test_speaker_separators_inside_brackets_and_unpaired_brackets(
    cell: str, people: list[tuple[str, str | None]]
) -> None:
    data = f"date,start,minutes,title,speakers\n2024-05-01,10:00,30,Talk,{cell}\n".encode()
    agenda = import_bytes(data, "csv", name="t.csv").agenda
    assert [(p.name, p.affiliation) for p in agenda.speakers.values()] == people
