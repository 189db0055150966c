"""The fast paths of the .ics and CSV readers give what the plain character loops give."""

from __future__ import annotations

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
    event.properties[0] = dataclasses.replace(event.properties[0], value="New")
    assert event.text("SUMMARY") == "New"
    copy = dataclasses.replace(
        event, properties=[dataclasses.replace(event.properties[0], value="Other")]
    )
    assert copy.text("SUMMARY") == "Other"
    event.properties[0] = dataclasses.replace(event.properties[0], name="LOCATION")
    assert (event.first("SUMMARY"), event.text("LOCATION")) == (None, "New")
