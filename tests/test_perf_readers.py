"""The fast paths of the .ics and CSV readers give what the plain character loops give."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from agenda_kit.ical.reader import _split_params


def reference(text: str) -> tuple[list[str], int]:
    """The specification: ``;`` and ``:`` count only outside double quotes."""
    pieces: list[str] = []
    current: list[str] = []
    quoted = False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif not quoted and char == ";":
            pieces.append("".join(current))
            current = []
            continue
        elif not quoted and char == ":":
            pieces.append("".join(current))
            return pieces, i
        current.append(char)
    return [*pieces, "".join(current)], -1


@given(st.text(alphabet=st.sampled_from(list('AB;:"=, x')), max_size=30))
def test_split_params_agrees_with_the_character_loop(text: str) -> None:
    assert _split_params(text) == reference(text)


def test_split_params_on_real_lines() -> None:
    assert _split_params("DTSTART;TZID=Europe/Berlin:20241026T000000") == (
        ["DTSTART", "TZID=Europe/Berlin"],
        len("DTSTART;TZID=Europe/Berlin"),
    )
    assert _split_params('ATTENDEE;CN="Doe; Jane: PhD":mailto:j@x.org') == (
        ["ATTENDEE", 'CN="Doe; Jane: PhD"'],
        len('ATTENDEE;CN="Doe; Jane: PhD"'),
    )
    assert _split_params("NO-COLON;A=B") == (["NO-COLON", "A=B"], -1)


def columns_reference(line: str, delimiter: str) -> list[int]:
    columns, quoted = [1], False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            columns.append(i + 2)
    return columns


@given(
    st.text(alphabet=st.sampled_from(list('ab,;"\t 한')), max_size=30),
    st.sampled_from([",", ";", "\t"]),
)
def test_csv_field_columns_agree_with_the_character_loop(line: str, delimiter: str) -> None:
    from agenda_kit.exchange.csv import _field_columns

    assert _field_columns(line, delimiter) == columns_reference(line, delimiter)


@given(
    st.text(alphabet=st.sampled_from(list("ab,;\"\t '=한")), max_size=30),
    st.sampled_from([",", ";", "\t"]),
)
def test_csv_column_of_a_field_agrees_with_the_scan_of_its_line(line: str, delimiter: str) -> None:
    """A row as the csv module reads the line: the column of each of its fields, found
    from the cells where they read as written, is the column the scan finds."""
    import csv

    from agenda_kit.exchange.csv import _column, _field_columns, unescape_cell

    rows = list(csv.reader([line], delimiter=delimiter))
    row = [unescape_cell(c) for c in rows[0]] if rows else []
    starts = _field_columns(line, delimiter)
    for index in range(len(row) + 1):
        expected = starts[index] if index < len(starts) else 1
        assert _column(line, row, index, delimiter) == expected


def names_reference(text: str, separator: str) -> list[str]:
    pieces, depth, current = [], 0, ""
    for char in text:
        depth += char in "(["
        depth -= char in ")]"
        if char == separator and depth == 0:
            pieces.append(current)
            current = ""
        else:
            current += char
    return [*pieces, current]


@given(st.text(alphabet=st.sampled_from(list("ab,;()[] ")), max_size=30), st.sampled_from(",;"))
def test_split_names_agrees_with_the_character_loop(text: str, separator: str) -> None:
    from agenda_kit.exchange._common import split_names

    assert split_names(text, separator) == names_reference(text, separator)


def unescape_reference(text: str) -> str:
    import re

    return re.sub(
        r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], text.replace("\\\r\n", "")
    ).strip()


@given(st.text(alphabet=st.sampled_from(list("ab\\,;nN\r\n :")), max_size=30))
def test_unescape_agrees_with_the_plain_substitution(text: str) -> None:
    from agenda_kit.ical.reader import unescape

    assert unescape(text) == unescape_reference(text)


@given(st.lists(st.sampled_from(["SUMMARY", "DTSTART", "X-A", "LOCATION"]), max_size=8), st.data())
def test_first_property_agrees_with_a_scan(names: list[str], data: st.DataObject) -> None:
    from agenda_kit.ical.reader import Component, Property

    component = Component("VEVENT", 1)
    for i, name in enumerate(names):
        component.properties.append(Property(name, {}, str(i), i, 1))
        probe = data.draw(st.sampled_from(["SUMMARY", "DTSTART", "X-A", "LOCATION", "UID"]))
        scan = next((p for p in component.properties if p.name == probe), None)
        assert component.first(probe) is scan


def test_first_property_after_one_is_replaced() -> None:
    import dataclasses

    from agenda_kit.ical.reader import read

    calendar = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Old\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    event = read(calendar, "t.ics").root.walk("VEVENT")[0]
    assert event.text("SUMMARY") == "Old"
    event.properties[0] = event.properties[0]._replace(value="New")
    assert event.text("SUMMARY") == "New"
    copy = dataclasses.replace(event, properties=[event.properties[0]._replace(value="Other")])
    assert copy.text("SUMMARY") == "Other"
    event.properties[0] = event.properties[0]._replace(name="LOCATION")
    assert (event.first("SUMMARY"), event.text("LOCATION")) == (None, "New")


_ICS_BYTES = st.lists(
    st.sampled_from(
        [b"A", b"B", b":", b";", b"=", b'"', b"\r", b"\n", b"\r\n", b" ", b"\t", b"\x0b",
         "é".encode(), "한".encode()[:2], "한".encode()[2:], b"\xa0", b"BEGIN:X\r\n",
         "😀".encode(), "😀😀😀".encode(), b"\r\n ", b"\r\n\t", b"\x00", b"\x0c"]
    ),
    max_size=40,
).map(b"".join)  # fmt: skip


@given(_ICS_BYTES, st.sampled_from([3, 8, 11, 12, 13, 16, 17, 24, 40, 1_000_000]))
def test_calendar_lines_read_in_bulk_are_those_read_one_by_one(data: bytes, limit: int) -> None:
    """Where the bulk reading of a file's lines takes it, it gives the very lines (and
    line numbers) of the physical line reader, and that reader had nothing to say."""
    from agenda_kit.findings import Collector
    from agenda_kit.ical.reader import TooLarge, _lines_one_by_one, _well_formed_lines

    bulk = _well_formed_lines(data, limit)
    found = Collector()
    try:
        one_by_one = list(_lines_one_by_one(data, "x.ics", found, limit))
    except TooLarge:
        assert bulk is None
        return
    if bulk is not None:
        assert list(zip(*bulk, strict=True)) == one_by_one
        assert found.found == []


def test_a_well_formed_feed_is_read_in_bulk() -> None:
    from agenda_kit.ical.reader import _well_formed_lines

    data = "BEGIN:VCALENDAR\r\nSUMMARY:Tal\r\n k 한\r\n\tx\r\nX:1\r\nEND:VCALENDAR\r\n".encode()
    assert _well_formed_lines(data, 1_000_000) == (
        [1, 2, 5, 6],
        ["BEGIN:VCALENDAR", "SUMMARY:Talk 한x", "X:1", "END:VCALENDAR"],
    )
    assert _well_formed_lines(data.replace(b"\r\n", b"\n"), 1_000_000) is not None
    # A fold inside a UTF-8 character is joined before the line is decoded.
    assert _well_formed_lines(b"A:\xed\x95\r\n \x9c\r\nB:\xed\r\n\t\x95\r\n \x9c", 99) == (
        [1, 3],
        ["A:한", "B:한"],
    )
    # A line that is no UTF-8 even so, a blank line, a stray CR: read line by line.
    assert _well_formed_lines("A:한\r\n".encode()[:4] + b"\r\n " + "한".encode()[1:], 99) is None
    assert _well_formed_lines(b"A:1\r\n\r\nB:2\r\n", 99) is None
    assert _well_formed_lines(b"A:1\rB:2\r\n", 99) is None
    assert _well_formed_lines(b"A:1\r\n\x0b\r\nB:2\r\n", 99) is None
    # A folded line of 4-byte characters exactly at the limit as the line reader
    # measures it (the fold's space counts): found by review.
    emoji = "\U0001f600"
    folded = f"BEGIN:VCALENDAR\n{emoji * 10}\n {emoji * 10}\nEND:VCALENDAR\n".encode()
    assert _well_formed_lines(folded, 80) is None
    # A continuation first, or a first line the line reader may call blank.
    assert _well_formed_lines(b" A:1\r\nB:2\r\n", 99) is None
    assert _well_formed_lines(b"\x0b\r\nB:2\r\n", 99) is None
    # A NUL where the folds are marked: read line by line.
    assert _well_formed_lines(b"A:\x00\r\n 1\r\n", 99) is None
    assert _well_formed_lines(b"A:\x00\r\nB:1\r\n", 99) == ([1, 2], ["A:\x00", "B:1"])


_HEADS = st.sampled_from(
    ["SUMMARY", "DTSTART;TZID=Europe/Berlin", "DTSTART", "x;A=2", "X;A=1;B",
     'ATTENDEE;CN="a:b";X=1', "X;=1", "1 2", "summary", "A;B=\"x\"",
     "DESCRIPTION;ENCODING=QUOTED-PRINTABLE", ";X=1", "X-Y;Q"]
)  # fmt: skip


@given(st.lists(st.tuples(_HEADS, st.sampled_from(["", "v", "=41=42", "a:b", '"q"'])), max_size=8))
def test_a_line_head_read_again_reads_as_it_did_the_first_time(
    lines: list[tuple[str, str]],
) -> None:
    """The reader keeps what a line's head (name and parameters) said for the next
    line with that head: every property is what the head of its own line says (read
    afresh, without the reader's memory), and each line's findings are reported for
    every line that has them."""
    from agenda_kit.diagnostics import Location
    from agenda_kit.findings import Collector
    from agenda_kit.ical.reader import _head, _quoted_printable, content_lines, read

    body = "".join(f"{head}:{value}\r\n" for head, value in lines)
    data = ("BEGIN:VEVENT\r\n" + body + body + "END:VEVENT\r\n").encode()
    parsed = read(data, "x.ics")
    expected = []
    fresh = Collector()
    for number, line in content_lines(data)[1:-1]:
        head = _head(line, Location("x.ics", number, 1, ""), fresh)
        if head is not None:
            name, params, colon, _ = head
            value = line[colon + 1 :]
            if params.get("ENCODING", "").upper() == "QUOTED-PRINTABLE":
                at = Location("x.ics", number, colon + 2, "")
                value = _quoted_printable(value, params, at, Collector())
            expected.append((name, params, value, number, colon + 2))
    got = [
        (p.name, dict(p.params), p.value, p.line, p.column)
        for p in parsed.root.walk("VEVENT")[0].properties
    ]
    assert got == expected

    def findings(collected: Collector) -> Counter[tuple[str, int, str]]:
        return Counter(
            {(d.code, d.location.column, d.message): collected.count(d) for d in collected.found}
        )

    assert findings(parsed.findings) == findings(fresh)


@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, "a", "b", "c"]),
            st.booleans(),
            st.sampled_from([None, "", "A, V, X", "B, V, X", "V, X"]),
        ),
        max_size=8,
    )
)
def test_room_locations_are_those_of_the_comprehension_they_replace(
    rows: list[tuple[str | None, bool, str | None]],
) -> None:
    from datetime import UTC, datetime

    from agenda_kit.exchange._common import Item
    from agenda_kit.exchange._ics_items import _room_locations
    from agenda_kit.ical.reader import Component, Property

    when = datetime(2025, 1, 1, tzinfo=UTC)
    items, events = [], []
    for room, moving, location in rows:
        items.append(Item("t", when, when, room=room, to_room="z" if moving else None))
        event = Component("VEVENT", 1)
        if location is not None:
            event.properties.append(Property("LOCATION", {}, location, 1, 1))
        events.append(event)
    by_item = dict(zip((id(i) for i in items), events, strict=False))
    reference = {
        i.room: by_item[id(i)].text("LOCATION").split(", ")
        for i in items
        if i.room and not i.to_room and by_item[id(i)].text("LOCATION")
    }
    found = _room_locations(items, events)
    assert list(found.items()) == list(reference.items())


def test_a_time_read_again_still_counts_for_its_zone() -> None:
    """The .ics import reads each (value, TZID) once and reuses it; each event's use of
    a zone still counts when the agenda's zone is chosen. Berlin is used by three
    events at one time, Seoul by two at different times: Berlin wins."""
    from agenda_kit.exchange import Options, import_bytes

    def event(n: int, zone: str, start: str, end: str) -> str:
        return (
            f"BEGIN:VEVENT\r\nUID:e{n}@x\r\nSUMMARY:Talk {n}\r\n"
            f"DTSTART;TZID={zone}:{start}\r\nDTEND;TZID={zone}:{end}\r\nEND:VEVENT\r\n"
        )

    events = [
        event(1, "Europe/Berlin", "20241017T100000", "20241017T110000"),
        event(2, "Europe/Berlin", "20241017T100000", "20241017T110000"),
        event(3, "Europe/Berlin", "20241017T100000", "20241017T110000"),
        event(4, "Asia/Seoul", "20241017T120000", "20241017T130000"),
        event(5, "Asia/Seoul", "20241017T140000", "20241017T150000"),
    ]
    data = "BEGIN:VCALENDAR\r\nPRODID:-//x//y//EN\r\n" + "".join(events) + "END:VCALENDAR\r\n"
    imported = import_bytes(data.encode(), "ics", name="z.ics", options=Options())
    assert imported.agenda.event.timezone == "Europe/Berlin"
    several = [d.message for d in imported.notes.found if d.key and "several" in d.key]
    assert several == [
        "events use several zones (Asia/Seoul, Europe/Berlin): the agenda is in Europe/Berlin"
    ]


# Every character the substitutions treat apart, and the edges of their ranges.
_NOTE_CHARS = list(
    "\t\n\r\x0b\x0c\x1c\x1e\x1f\x7f\x85\x9f\xa0\u2028\u2029\u3000\ud800\udfff\x00\x08\x0e"
)


@given(
    st.text(alphabet=st.sampled_from(list("ab \n")), max_size=8),
    st.sampled_from(["", *_NOTE_CHARS]),
    st.text(alphabet=st.sampled_from(list("ab \n")), max_size=8),
)
def test_clean_notes_agrees_with_its_full_substitutions(
    before: str, special: str, after: str
) -> None:
    """Notes that hold nothing ``clean_notes`` replaces or removes skip its
    substitutions: the result is the one the substitutions give."""
    text = before + special + after
    import re

    from agenda_kit.exchange._common import _CONTROL, clean_notes

    full = text.replace("\r\n", "\n")
    full = re.sub("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", "\n", full)
    full = _CONTROL.sub("", full).strip()
    assert clean_notes(text) == (full or None)
