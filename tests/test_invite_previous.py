"""The previous-mailing reader (``invite --previous``) on the tolerant iCalendar reader.

The files of an earlier mailing are read by ``ical.reader`` as the .ics importer reads
calendars: what it tolerates without losing anything (blank lines, a fold inside a UTF-8
character, LF line ends, a missing END:VCALENDAR) gives the records of the clean file;
what could lose or change what was sent is refused at its line; and a hostile value is
refused at the line of its property however the file around it is laid out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from agenda_kit.ical.invite.itip import digest_of
from agenda_kit.ical.state import InputError, Record, digest, load_baseline
from agenda_kit.ical.times import duration, duration_seconds

HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\nMETHOD:REQUEST\r\n"
EVENT = (
    "BEGIN:VEVENT\r\nUID:gone@other.example\r\nDTSTAMP:20250101T000000Z\r\n"
    "{times}SUMMARY:Gone\\, soon\r\nLOCATION:Saal Müller\r\n"
    "{attendee}\r\nEND:VEVENT\r\n"
)
TIMES = "DTSTART:20250318T080000Z\r\nDTEND:20250318T090000Z\r\n"
ANA = "ATTENDEE;ROLE=CHAIR;CN=\"Ana ^'A^'\":mailto:ana@example.org"
TAIL = "END:VCALENDAR\r\n"
LINES = [
    "UID:gone@other.example",
    "DTSTAMP:20250101T000000Z",
    "DTSTART:20250318T080000Z",
    "DTEND:20250318T090000Z",
    "SUMMARY:Gone\\, soon",
    "LOCATION:Saal Müller",
    "ATTENDEE;ROLE=CHAIR;CN=\"Ana ^'A^'\":mailto:ana@example.org",
]


def calendar(attendee: str = ANA, times: str = TIMES, tail: str = TAIL) -> bytes:
    return (HEAD + EVENT.format(times=times, attendee=attendee) + tail).encode()


def records(tmp_path: Path, data: bytes) -> list[Record]:
    path = tmp_path / "previous.ics"
    path.write_bytes(data)
    baseline = load_baseline(path)
    return [*baseline.records.values(), *baseline.anyone.values()]


def refusal(tmp_path: Path, data: bytes) -> tuple[str, int, int, str]:
    path = tmp_path / "previous.ics"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        load_baseline(path)
    found = caught.value.diagnostic
    return found.code, found.location.line, found.location.column, found.message


def ana(**changes: object) -> Record:
    values: dict[str, object] = {
        "recipient": "ana@example.org",
        "uid": "gone@other.example",
        "method": "REQUEST",
        "sequence": 0,
        "dtstamp": "20250101T000000Z",
        "status": "CONFIRMED",
        "start": 1742284800,  # 2025-03-18 08:00 UTC
        "end": 1742288400,
        "location": "Saal Müller",
        "summary": "Gone, soon",
        "digest": digest("REQUEST", LINES),
        "name": 'Ana "A"',
        "role": "CHAIR",
    }
    return Record(**(values | changes))  # type: ignore[arg-type]


def fold_inside_utf8(data: bytes) -> bytes:
    """``Müller`` folded between the two bytes of the ``ü``, as octet-counting writers do."""
    return data.replace("Mü".encode(), "Mü".encode()[:2] + b"\r\n " + "Mü".encode()[2:])


TOLERATED = {
    "clean": lambda d: d,
    "fold inside UTF-8": fold_inside_utf8,
    "no END:VCALENDAR": lambda d: d.removesuffix(TAIL.encode()),
    "blank lines": lambda d: d.replace(b"\r\nSUMMARY", b"\r\n\r\n\r\nSUMMARY"),
    "LF line ends": lambda d: d.replace(b"\r\n", b"\n"),
    "byte-order mark": lambda d: b"\xef\xbb\xbf" + d,
}


@pytest.mark.parametrize("damage", sorted(TOLERATED))
def test_what_the_reader_tolerates_gives_the_records_of_the_clean_file(
    tmp_path: Path, damage: str
) -> None:
    # icalendar refused the first three (not UTF-8 as a whole; no calendar; they were
    # reported as "no VEVENT could be read"): nothing in them is lost, so they are read.
    assert records(tmp_path, TOLERATED[damage](calendar())) == [ana()]


@pytest.mark.parametrize("damage", sorted(TOLERATED))
@pytest.mark.parametrize(
    ("attendee", "expected"),
    [
        (
            'ATTENDEE;ROLE="REQ^nX-INJECTED:1":mailto:ana@example.org',
            "the ROLE of an ATTENDEE of gone@other.example is refused: a ROLE is a token of "
            "letters, digits and hyphens (such as REQ-PARTICIPANT)",
        ),
        (
            "ATTENDEE:mailto:ana@example.org%0D%0ABcc:%20evil@example.net",
            "an ATTENDEE of gone@other.example is not an e-mail address: the address is "
            "refused: it has the control character U+000D: "
            "'ana@example.org\\r\\nBcc: evil@example.net'",
        ),
        (
            'ATTENDEE;CN="Ana^nBcc: evil@example.net":mailto:ana@example.org',
            "the CN 'Ana\\nBcc: evil@example.net' is refused: it has the control character U+000A",
        ),
    ],
)
def test_a_hostile_attendee_is_refused_at_its_line_however_the_file_is_laid_out(
    tmp_path: Path, damage: str, attendee: str, expected: str
) -> None:
    data = TOLERATED[damage](calendar(attendee))
    lines = data.replace(b"\r\n", b"\n").split(b"\n")
    line = next(
        n for n, text in enumerate(lines, 1) if text.lstrip(b"\xef\xbb\xbf").startswith(b"ATTENDEE")
    )
    assert refusal(tmp_path, data) == ("AK713", line, 1, expected)


def test_an_attendee_folded_over_lines_is_refused_at_its_first_line(tmp_path: Path) -> None:
    hostile = 'ATTENDEE;CN="Ana^nBcc: evil@example.net":mailto:ana@example.org'
    folded = hostile[:10] + "\r\n " + hostile[10:30] + "\r\n\t" + hostile[30:]
    expected = (
        "AK713",
        12,
        1,
        "the CN 'Ana\\nBcc: evil@example.net' is refused: it has the control character U+000A",
    )
    assert refusal(tmp_path, calendar(folded)) == expected


def test_what_could_lose_or_change_a_value_is_refused_at_its_line(tmp_path: Path) -> None:
    latin1 = calendar().replace("ü".encode(), b"\xfc")
    assert refusal(tmp_path, latin1) == (
        "AK712",
        11,
        16,
        "not an iCalendar file: the text is not UTF-8 from this column on",
    )
    # A VEVENT cut off, or one whose VALARM has no END (the ATTENDEE after it would be
    # the alarm's): its attendees may be lost, and they are who a cancellation goes to.
    cut = calendar().split(b"END:VEVENT")[0]
    assert refusal(tmp_path, cut) == ("AK712", 5, 1, "no VEVENT could be read from this file")
    open_alarm = calendar(attendee="BEGIN:VALARM\r\nACTION:DISPLAY\r\n" + ANA)
    assert refusal(tmp_path, open_alarm) == (
        "AK712",
        12,
        1,
        "no VEVENT could be read from this file",
    )
    long_line = calendar().replace(b"Saal M", b"Saal " + b"M" * 1_000_001)
    assert refusal(tmp_path, long_line) == (
        "AK712",
        11,
        1,
        "not an iCalendar file: a content line is longer than 1000000 characters",
    )


def test_sequence_numbers_are_the_state_files_integers(tmp_path: Path) -> None:
    with_sequence = calendar().replace(b"SUMMARY", b"SEQUENCE:{}\r\nSUMMARY")
    assert records(tmp_path, with_sequence.replace(b"{}", b"7")) == [ana(sequence=7)]
    assert refusal(tmp_path, with_sequence.replace(b"{}", b"-1")) == (
        "AK713",
        10,
        1,
        "the SEQUENCE '-1' is refused: must be 0 to 2147483647",
    )
    assert refusal(tmp_path, with_sequence.replace(b"{}", b"2147483648")) == (
        "AK713",
        10,
        1,
        "the SEQUENCE '2147483648' is refused: must be 0 to 2147483647",
    )
    assert refusal(tmp_path, with_sequence.replace(b"{}", b"two")) == (
        "AK712",
        5,
        1,
        "the VEVENT gone@other.example cannot be read: SEQUENCE 'two' is not an integer",
    )
    garbage = calendar(times="DTSTART:20251318T080000Z\r\n")
    assert refusal(tmp_path, garbage) == (
        "AK712",
        5,
        1,
        "the VEVENT gone@other.example cannot be read: DTSTART '20251318T080000Z' is not a "
        "date or date-time",
    )


BERLIN = (
    "BEGIN:VTIMEZONE\r\nTZID:Custom Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
    "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
    "END:VTIMEZONE\r\n"
)


ONE_HOUR = (1742284800, 1742288400)  # 2025-03-18 08:00 to 09:00 UTC
TIMES_READ = [
    ("DTSTART;TZID=Europe/Berlin:20250318T090000", "DURATION:PT1H", ONE_HOUR),
    (
        "DTSTART;TZID=Custom Berlin:20250318T090000",
        "DTEND;TZID=Custom Berlin:20250318T100000",
        ONE_HOUR,
    ),
    ("DTSTART;TZID=W. Europe Standard Time:20250318T090000", "DURATION:PT1H", ONE_HOUR),
    (
        "DTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20250318T090000",
        "DURATION:PT1H",
        ONE_HOUR,
    ),
    ('DTSTART;TZID="(UTC+01:00) Nowhere":20250318T090000', "DURATION:PT1H", ONE_HOUR),
    ("DTSTART:20250318T080000Z", "", (1742284800, 1742284800)),
    ("DTSTART;TZID=Nowhere:20250318T090000", "DURATION:PT1H", (None, None)),
    ("DTSTART;VALUE=DATE:20250318", "", (None, None)),
    ("DTSTART:20250318T090000", "DTEND:20250318T100000", (None, None)),
    ("", "", (None, None)),
]


@pytest.mark.parametrize(("start", "end", "span"), TIMES_READ)
def test_times_are_read_as_the_importer_reads_them(
    tmp_path: Path, start: str, end: str, span: tuple[int | None, int | None]
) -> None:
    times = "".join(f"{line}\r\n" for line in (start, end) if line)
    data = calendar(times=times).replace(HEAD.encode(), (HEAD + BERLIN).encode())
    (record,) = records(tmp_path, data)
    assert (record.start, record.end) == span


def test_a_message_and_the_same_message_read_back_have_one_digest(tmp_path: Path) -> None:
    data = calendar(attendee=ANA + "\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM")
    (record,) = records(tmp_path, data)
    lines = [*LINES, "BEGIN:VALARM", "ACTION:DISPLAY", "END:VALARM"]
    assert record.digest == digest_of(data) == digest("REQUEST", lines)


def test_durations() -> None:
    from datetime import timedelta

    assert duration("PT1H30M") == timedelta(minutes=90)
    assert duration("-P1W2D") == -timedelta(days=9)
    assert duration(" p1dt1s ") == timedelta(days=1, seconds=1)
    assert duration_seconds("+P1DT1S") == 86401
    # Any length in seconds (the importer refuses over a year with its own finding);
    # as a timedelta, too long to be one.
    assert duration_seconds(f"P{10**12}W") == 10**12 * 7 * 86400
    with pytest.raises(ValueError, match="DURATION 'P1000000000000W' is too long"):
        duration(f"P{10**12}W")
    for bad in ("P", "PT", "-PT", "1H", "PT1H2D", "P1Y", ""):
        with pytest.raises(ValueError, match="is not a duration"):
            duration(bad)
