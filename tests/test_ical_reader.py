"""The tolerant iCalendar reader (``agenda_kit.ical.reader``): components, properties
and their positions, unfolding (inside UTF-8 sequences too), and what it skips or
assumes as findings at their place in the file."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agenda_kit.ical.reader import Component, Property, TooLarge, read, text_list, unescape


def _findings(data: bytes) -> list[tuple[str, str, int, int]]:
    parsed = read(data, "c.ics")
    return [(d.code, d.key, d.location.line, d.location.column) for d in parsed.findings.found]


def test_components_properties_and_positions() -> None:
    data = (
        "BEGIN:VCALENDAR\r\n"
        "PRODID:-//t//t//EN\r\n"
        "BEGIN:VEVENT\r\n"
        'ATTENDEE;CN="Kim, Ann";ROLE=CHAIR:mailto:ann@example.org\r\n'
        "SUMMARY:Hallo\\, Welt\\nzwei\r\n"
        "DESCRIPTION:first \r\n"
        " part and 한\r\n"
        "\tglas\r\n"
        "CATEGORIES:talk,a\\,b,,c\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    ).encode()
    parsed = read(data, "c.ics")
    assert parsed.findings.found == []
    (calendar,) = parsed.root.components
    (event,) = calendar.walk("VEVENT")
    assert (calendar.name, calendar.line, event.name, event.line) == ("VCALENDAR", 1, "VEVENT", 3)
    assert event.properties == [
        Property(
            "ATTENDEE", {"CN": '"Kim, Ann"', "ROLE": "CHAIR"}, "mailto:ann@example.org", 4, 35
        ),
        Property("SUMMARY", {}, "Hallo\\, Welt\\nzwei", 5, 9),
        Property("DESCRIPTION", {}, "first part and 한glas", 6, 13),
        Property("CATEGORIES", {}, "talk,a\\,b,,c", 9, 12),
    ]
    attendee = event.first("ATTENDEE")
    assert attendee is not None and attendee.param("cn") == "Kim, Ann"
    assert event.text("SUMMARY") == "Hallo, Welt\nzwei"
    assert event.all("CATEGORIES")[0].texts() == ["talk", "a,b", "c"]
    assert event.text("LOCATION") == ""
    assert calendar.first("VEVENT") is None and calendar.walk("VTODO") == []


def test_what_is_skipped_or_assumed_is_a_finding_at_its_place() -> None:
    data = (
        b" orphan continuation\r\n"
        b"BEGIN:VCALENDAR\r\n"
        b"BEGIN:VCALENDAR\r\n"
        b"\r\n"
        b"BEGIN:VEVENT\r\n"
        b"DTSTART;broken:20250318T090000\r\n"
        b"045Z\r\n"
        b"SUMMARY:Caf\xe9\r\n"
        b"END:VTODO\r\n"
        b"BEGIN:VALARM\r\n"
        b"END:VEVENT\r\n"
        b"X-QP;ENCODING=QUOTED-PRINTABLE;CHARSET=nonsense:a=3Db\r\n"
        b"\r\n"
    )
    assert _findings(data) == [
        ("AK606", "import-skipped.continuation", 1, 1),
        ("AK606", "import-skipped.blank", 4, 1),
        ("AK610", "import-assumed-structure.vcalendar-nested", 3, 1),
        ("AK606", "import-skipped.param", 6, 9),
        ("AK606", "import-skipped.line", 7, 1),
        ("AK610", "import-assumed-structure.encoding", 8, 12),
        ("AK606", "import-skipped.end-without-begin", 9, 1),
        ("AK610", "import-assumed-structure.no-end-tag", 11, 1),
        ("AK607", "import-value-dropped.charset", 12, 49),
        ("AK610", "import-assumed-structure.truncated", 2, 1),
    ]
    parsed = read(data, "c.ics")
    # The second blank line is counted with the first, not repeated.
    assert parsed.findings.counts[next(iter(parsed.findings.counts))] == 1
    blank = parsed.findings.found[1]
    assert parsed.findings.count(blank, key="blank") == 2
    messages = [d.message for d in parsed.findings.found]
    assert (
        messages[4]
        == "'045Z' is not a content line (NAME:value); a line fold without its leading space?"
    )
    assert messages[7] == "BEGIN:VALARM (line 10) has no END: ended by END:VEVENT"
    # The Latin-1 byte is read, and the VEVENT is there with what it holds.
    (event,) = parsed.root.walk("VEVENT")
    assert event.text("SUMMARY") == "Café"


def test_a_charset_with_a_nul_is_an_unknown_charset_not_a_crash() -> None:
    # A NUL in a codec's name makes Python's codec lookup raise ValueError, not
    # LookupError: the value stays encoded, with the same finding as any unknown name.
    data = (
        b"BEGIN:VCALENDAR\r\n"
        b"X-QP;ENCODING=QUOTED-PRINTABLE;CHARSET=ut\x00f:a=3Db\r\n"
        b"X-OK;ENCODING=QUOTED-PRINTABLE;CHARSET=latin-1:caf=E9\r\n"
        b"END:VCALENDAR\r\n"
    )
    assert _findings(data) == [("AK607", "import-value-dropped.charset", 2, 45)]
    calendar = read(data, "c.ics").root.components[0]
    assert (calendar.text("X-QP"), calendar.text("X-OK")) == ("a=3Db", "café")


@pytest.mark.parametrize("charset", ["punycode", "idna", "undefined"])
def test_a_codec_that_cannot_decode_a_value_leaves_it_encoded(charset: str) -> None:
    # Codecs Python knows that raise even with "replace" (found by review): the value
    # stays as written, and the finding says the CHARSET failed, not that it is unknown.
    data = (
        b"BEGIN:VCALENDAR\r\nX-QP;ENCODING=QUOTED-PRINTABLE;CHARSET="
        + charset.encode()
        + b":caf=E9\r\nEND:VCALENDAR\r\n"
    )
    column = len("X-QP;ENCODING=QUOTED-PRINTABLE;CHARSET=") + len(charset) + 2
    assert _findings(data) == [("AK607", "import-value-dropped.charset-failed", 2, column)]
    parsed = read(data, "c.ics")
    assert parsed.root.components[0].text("X-QP") == "caf=E9"
    assert parsed.findings.found[0].message == (
        f"CHARSET {charset!r} cannot decode this value: value left encoded"
    )


def test_limits_raise_with_the_line() -> None:
    events = b"".join(b"BEGIN:VEVENT\r\nEND:VEVENT\r\n" for _ in range(3))
    with pytest.raises(TooLarge) as caught:
        read(b"BEGIN:VCALENDAR\r\n" + events, "c.ics", max_components=2)
    assert (caught.value.limit, caught.value.value, caught.value.line) == ("sessions", 2, 6)
    folded = b"BEGIN:VCALENDAR\r\nX:" + b"a" * 50 + b"\r\n " + b"b" * 60 + b"\r\n"
    with pytest.raises(TooLarge) as caught:
        read(folded, "c.ics", line_length=100)
    assert (caught.value.limit, caught.value.value, caught.value.line) == ("line_length", 100, 2)
    assert (
        read(folded, "c.ics", line_length=200).root.components[0].text("X") == "a" * 50 + "b" * 60
    )


def test_unescape_and_text_lists() -> None:
    assert unescape("a\\;b\\,c\\\\d\\Ne\\nf") == "a;b,c\\d\ne\nf"
    assert text_list("x\\,y,z,, w ") == ["x,y", "z", "w"]
    assert Component("VEVENT", 1).text("SUMMARY") == ""


text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=80)


@given(value=text, cuts=st.lists(st.integers(1, 60), max_size=8))
def test_folding_anywhere_even_inside_a_character_unfolds_to_the_value(
    value: str, cuts: list[int]
) -> None:
    # Simple writers fold every n bytes, splitting UTF-8 sequences (RFC 5545, 3.1).
    line = f"SUMMARY:{value}".encode()
    pieces, position = [], 0
    for cut in cuts:
        if position + cut >= len(line):
            break
        pieces.append(line[position : position + cut])
        position += cut
    pieces.append(line[position:])
    data = b"BEGIN:VEVENT\r\n" + b"\r\n ".join(pieces) + b"\r\nEND:VEVENT\r\n"
    parsed = read(data, "c.ics")
    (event,) = parsed.root.walk("VEVENT")
    prop = event.first("SUMMARY")
    assert prop is not None
    assert (prop.value, prop.line, prop.column) == (value, 2, 9)
    assert parsed.findings.found == []


def _text_list_one_by_one(text: str) -> list[str]:
    """The reading of a TEXT list as the RFC says it, a character at a time (the
    reader's first implementation, quadratic on long values)."""
    values, current, i = [], "", 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            current += "\n" if text[i + 1] in "nN" else text[i + 1]
            i += 2
            continue
        if char == ",":
            values.append(current.strip())
            current = ""
        else:
            current += char
        i += 1
    values.append(current.strip())
    return [v for v in values if v]


@given(st.text(st.sampled_from(list("ab ,\\nN;\n\r\t한")) | st.characters(), max_size=60))
def test_text_lists_read_as_one_character_at_a_time(text: str) -> None:
    assert text_list(text) == _text_list_one_by_one(text)


def test_walk_each_finds_what_walk_finds_for_each_name() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nBEGIN:VALARM\r\nEND:VALARM\r\n"
        b"END:VEVENT\r\nBEGIN:VTODO\r\nBEGIN:VEVENT\r\nUID:2\r\nEND:VEVENT\r\nEND:VTODO\r\n"
        b"BEGIN:VEVENT\r\nUID:3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    root = read(data, "c.ics").root
    names = ("VEVENT", "VTODO", "VALARM", "VJOURNAL")
    each = root.walk_each(names)
    assert each == {name: root.walk(name) for name in names}
    assert [e.text("UID") for e in each["VEVENT"]] == ["1", "2", "3"]
