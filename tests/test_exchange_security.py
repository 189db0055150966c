"""Hostile text through the importers and writers of foreign formats (issue 8).

Imports write YAML that says exactly what the source said: whatever a cell, a title or
a file name holds, the comment at the top stays a comment and no key appears that the
import did not build. Every writer writes what the model accepts so that an independent
parser reads it back with the same structure, and CSV cells cannot become formulas.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from defusedxml.ElementTree import fromstring as xml_fromstring
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import agenda_kit
from agenda_kit.commands.import_ import written
from agenda_kit.exchange import Imported, ImportLimits, Notes, Options, export, import_bytes
from agenda_kit.exchange.agenda_yaml import plain
from agenda_kit.exchange.csv import HEADER, escape_cell, unescape_cell
from agenda_kit.findings import IMPORT_SKIPPED
from agenda_kit.loaders import loads

# Characters that break lines or files: every line break YAML, Python or Unicode knows,
# controls, NUL, the non-characters XML refuses, a BOM, bidi overrides, quotes and the
# characters YAML, CSV and XML give a meaning to.
NASTY = (
    "\r\n\x85\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x00\x07\x1b\x7f\x9b\t\ufeff\ufffe\uffff"
    "\u202e\u2066#:-?[]{}&*!|>'\"%@`,;=+<>/\\ \u00e9\ud55c"
)
nasty_text = st.text(
    alphabet=st.one_of(st.sampled_from(NASTY), st.characters(codec="utf-8")), max_size=40
)
TOP_KEYS = {"agenda", "event", "venue", "speakers", "parts"}
SETTINGS = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])


def _yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 2)  # type: ignore[assignment]
    return yaml


def _check_written_yaml(imported: Imported, source: str) -> None:
    """The YAML an import writes holds the built agenda and nothing else; its comment
    lines stay comment lines."""
    text, _ = written(imported, source)
    lines = text.split("\n")
    comment = [line for line in lines if line.startswith("#")]
    # The comment is one block at the top: the import's header lines, each one line.
    assert lines[: len(comment)] == comment
    assert len(comment) == 1 + (
        1 + min(len(imported.notes.found), 30) if imported.notes.found else 0
    )
    assert all(len(line.splitlines()) <= 1 for line in lines)
    data = _yaml().load(text)
    assert set(data) <= TOP_KEYS
    expected = json.loads(json.dumps(plain(imported.agenda, mode="json")))
    assert json.loads(json.dumps(data, default=str)) == expected
    assert loads(text, name="imported.yaml").model_dump() == imported.agenda.model_dump()


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@SETTINGS
@given(
    heading=nasty_text,
    cells=st.lists(nasty_text, min_size=9, max_size=9),
    source=nasty_text.filter(lambda s: "/" not in s and "\x00" not in s),
)
def test_csv_import_writes_only_what_the_table_says(
    heading: str, cells: list[str], source: str
) -> None:
    header = "date,start,end,title,room,speakers,description,kind,part,track,url,language,"
    title, room, speakers, description, kind, part, track, url, language = cells
    row = ",".join(
        _csv_cell(c)
        for c in ("2025-03-18", "09:00", "10:00", title or "t", room, speakers, description,
                  kind, part, track, url, language)
    )  # fmt: skip
    data = (header + _csv_cell(heading) + "\r\n" + row + ",x\r\n").encode("utf-8", "replace")
    imported = import_bytes(data, "csv", name=f"{source}.csv")
    _check_written_yaml(imported, f"{source}.csv")


# Text the XML source can carry (XML 1.0 characters, CR excepted: parsers make it LF).
xml_text = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs",), exclude_characters="\r\ufffe\uffff"
    ).filter(lambda c: c in "\t\n" or c >= " "),
    max_size=30,
)


@SETTINGS
@given(fields=st.lists(xml_text, min_size=10, max_size=10))
def test_frab_import_writes_only_what_the_schedule_says(fields: list[str]) -> None:
    title, subtitle, room, person, description, track, kind, conference, venue, url = fields
    root = ET.Element("schedule")
    conf = ET.SubElement(root, "conference")
    ET.SubElement(conf, "title").text = conference
    ET.SubElement(conf, "venue").text = venue
    ET.SubElement(conf, "time_zone_name").text = "Europe/Berlin"
    day = ET.SubElement(root, "day", index="1", date="2025-03-18")
    room_element = ET.SubElement(day, "room", name=room)
    event = ET.SubElement(room_element, "event", id="1", guid="x")
    for tag, value in (
        ("date", "2025-03-18T09:00:00+01:00"),
        ("start", "09:00"),
        ("duration", "00:30"),
        ("title", title),
        ("subtitle", subtitle),
        ("type", kind),
        ("track", track),
        ("description", description),
        ("url", url),
    ):
        ET.SubElement(event, tag).text = value
    ET.SubElement(ET.SubElement(event, "persons"), "person", id="7").text = person
    imported = import_bytes(ET.tostring(root, encoding="utf-8"), "frab-xml", name="s.xml")
    _check_written_yaml(imported, "s.xml")


one_line = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)).filter(
        lambda c: len(f"a{c}b".splitlines()) == 1
    ),
    min_size=1,
    max_size=30,
)


@SETTINGS
@given(title=one_line, event_title=nasty_text.filter(str.strip), date_line=one_line)
def test_text_import_writes_only_what_the_text_says(
    title: str, event_title: str, date_line: str
) -> None:
    text = f"일시 : 2024.10.17 {date_line}\n\n09:00~09:30 30' • {title}\n10:00~10:20 • x\n"
    imported = import_bytes(
        text.encode(), "text", name="t.txt", options=Options(title=event_title.strip())
    )
    _check_written_yaml(imported, "t.txt")


def test_a_header_cell_with_carriage_returns_stays_in_the_comment() -> None:
    data = (
        b'date,start,end,title,"x\rx-agenda-kit:\r  ignore: [all]\r"\n2025-01-01,09:00,10:00,Hi,1\n'
    )
    imported = import_bytes(data, "csv", name="a.csv")
    text, _ = written(imported, "a.csv")
    assert text.split("\n")[:4] == [
        "# Imported from a.csv (csv) by agenda-kit import.",
        "# What the import assumed, skipped or could not map:",
        r"#   a.csv:1:1: AK605 import-unknown-column: columns not read: x\x0dx-agenda-kit:\x0d  "
        "ignore: [all]",
        "#   a.csv:1:1: AK608 import-assumed-zone: the source gives no time zone and no UTC "
        "offsets: its times are read as UTC",
    ]
    assert list(_yaml().load(text)) == ["agenda", "event", "parts"]


# --- CSV injection ----------------------------------------------------------------


def test_formula_cells_are_written_as_text_and_read_back() -> None:
    texts = ("=1+2", "+1", "-x", "@SUM(A1)", "\tx", "\rx", "'=x", "a=b", "'x", "")
    assert [escape_cell(t) for t in texts] == [
        "'=1+2", "'+1", "'-x", "'@SUM(A1)", "'\tx", "'\rx", "''=x", "a=b", "'x", "",
    ]  # fmt: skip
    for text in ("=1+2", "'=x", "''@y", "'x", "x", "-", "'"):
        assert unescape_cell(escape_cell(text)) == text


FORMULA = st.sampled_from(["=", "+", "-", "@", "'", "'=", "=HYPERLINK(", "-2+3", "@cmd|"])
formula_text = st.builds(
    lambda head, tail: (head + tail).strip(), FORMULA, st.text(max_size=15)
).filter(
    lambda t: t == " ".join(t.split()) and t and agenda_kit.exchange._common.clean_text(t) == t
)


def _agenda(texts: dict[str, str], url: str | None = None) -> agenda_kit.Agenda:
    session: dict[str, Any] = {
        "id": "s1",
        "time": "09:00-10:00",
        "title": texts["title"],
        "speakers": ["ann"],
        "room": "r1",
        "description": texts["description"],
    }
    if url is not None:
        session["url"] = url
    return agenda_kit.Agenda.model_validate(
        {
            "agenda": 1,
            "event": {
                "id": "e",
                "title": texts["event"],
                "date": "2025-03-18",
                "timezone": "Europe/Berlin",
                "description": texts["event_description"],
            },
            "venue": {
                "name": texts["venue"],
                "address": texts["address"],
                "rooms": {"r1": {"name": texts["room"]}, "r2": {"name": texts["room"] + "2"}},
            },
            "speakers": {"ann": {"name": texts["speaker"], "affiliation": texts["affiliation"]}},
            "parts": [
                {"title": texts["part"], "sessions": [session]},
                {"sessions": [{"id": "s2", "time": "10:00-10:30", "title": "x", "room": "r2"}]},
            ],
        }
    )


@SETTINGS
# Speaker cells separate names with ';' or ',' and affiliations with brackets.
@given(
    title=formula_text,
    room=formula_text,
    speaker=formula_text.filter(lambda t: not set(t) & set(",;()[]")),
    description=formula_text,
)
def test_csv_export_has_no_formula_and_reads_back(
    title: str, room: str, speaker: str, description: str
) -> None:
    texts = {
        k: "x" for k in ("event", "event_description", "venue", "address", "affiliation", "part")
    }
    texts.update(title=title, room=room, speaker=speaker, description=description)
    agenda = _agenda(texts)
    data = export(agenda, "csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(HEADER)
    for row in rows[1:]:
        assert len(row) == len(HEADER)
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), row
    back = import_bytes(data, "csv", name="a.csv").agenda
    session = back.parts[0].sessions[0]
    assert (session.title, session.description) == (title, description)
    room_id = session.room or back.parts[0].room or ""
    assert back.venue is not None and back.venue.rooms[room_id].name == room
    assert [back.speakers[s].name for s in session.speakers] == [speaker]


# --- Every writer, read back by an independent parser ------------------------------

# What the model accepts in one-line and multi-line text: no controls (tab and LF in
# multi-line text), anything else, U+FFFE, U+FFFF and U+2028 included.
model_text = st.text(
    alphabet=st.one_of(
        st.sampled_from("\u2028\u2029\ufeff\ufffe\uffff\u202e#:-'\"&<>]]>=+@ \u00e9\ud55c"),
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    ),
    min_size=1,
    max_size=25,
).filter(lambda t: t.strip() == t and t)
model_notes = st.lists(model_text, min_size=1, max_size=3).map("\n".join)
FIELDS = ("event", "venue", "address", "room", "speaker", "affiliation", "part", "title")


def _skeleton_xml(element: ET.Element) -> Any:
    return (element.tag, sorted(element.attrib), [_skeleton_xml(c) for c in element])


def _skeleton_json(value: Any, parent: str = "") -> Any:
    """Keys and types; the keys of a frab day's ``rooms`` are room names (text)."""
    if isinstance(value, dict):
        if parent == "rooms":
            return [_skeleton_json(v) for v in value.values()]
        return {k: _skeleton_json(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_skeleton_json(v) for v in value]
    return type(value).__name__


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(
    values=st.lists(model_text, min_size=len(FIELDS), max_size=len(FIELDS), unique=True),
    description=model_notes,
    event_description=model_notes,
    # Links as the model admits them (it refuses spaces and text without a scheme).
    url=st.one_of(
        st.none(),
        model_text.map(lambda t: "https://example.org/" + quote(t)),
        st.just("https://example.org/a%20b"),
    ),
)
def test_every_writer_writes_what_the_model_accepts(
    values: list[str], description: str, event_description: str, url: str | None
) -> None:
    texts = dict(zip(FIELDS, values, strict=True))
    texts.update(description=description, event_description=event_description)
    agenda = _agenda(texts, url)
    # The same agenda with plain text: the structure every output must keep.
    plain_texts = {k: f"t{i}" for i, k in enumerate(texts)}
    baseline = _agenda(plain_texts, url)
    unreadable = str.maketrans({"\ufffe": "\ufffd", "\uffff": "\ufffd"})

    report = Notes("a.yaml")
    xml = export(agenda, "frab-xml", report)
    root = xml_fromstring(xml)
    assert _skeleton_xml(root) == _skeleton_xml(xml_fromstring(export(baseline, "frab-xml")))
    event = root.find("day/room/event")
    assert event is not None
    assert event.findtext("title") == texts["title"].translate(unreadable)
    assert event.findtext("description") == description.translate(unreadable)
    assert [p.text for p in event.iter("person")] == [texts["speaker"].translate(unreadable)]
    assert root.find("day/room").get("name") == texts["room"].translate(unreadable)  # type: ignore[union-attr]
    if any(c in "".join(texts.values()) for c in "\ufffe\uffff"):
        assert any(n.code == "AK507" and "U+FFFD" in n.message for n in report.found), report.found

    for fmt in ("frab-json", "json"):
        document = json.loads(export(agenda, fmt))
        assert _skeleton_json(document) == _skeleton_json(json.loads(export(baseline, fmt)))
    schedule = json.loads(export(agenda, "frab-json"))["schedule"]["conference"]
    frab_event = schedule["days"][0]["rooms"][texts["room"]][0]
    assert (frab_event["title"], frab_event["description"]) == (texts["title"], description)
    assert json.loads(export(agenda, "json")) == plain(agenda, mode="json")

    rows = list(csv.reader(io.StringIO(export(agenda, "csv").decode("utf-8-sig"), newline="")))
    assert [len(r) for r in rows] == [len(HEADER)] * 3
    assert unescape_cell(rows[1][HEADER.index("title")]) == texts["title"]
    assert unescape_cell(rows[1][HEADER.index("description")]) == description

    from agenda_kit.exchange.agenda_yaml import dump

    text = dump(agenda)
    assert json.loads(json.dumps(_yaml().load(text), default=str)) == json.loads(
        json.dumps(plain(agenda, mode="json"))
    )
    assert loads(text, name="a.yaml").model_dump() == agenda.model_dump()


# --- Exceptions that escaped from importers: each is an import error or a note -----


def _ics(tz: str = "", *, tzid: str = "X", start: str = "20250318T090000") -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
        f"{tz}BEGIN:VEVENT\r\nUID:a@t\r\nDTSTAMP:20250101T000000Z\r\n"
        f"DTSTART;TZID={tzid}:{start}\r\nDTEND;TZID={tzid}:{start[:9]}100000\r\n"
        "SUMMARY:Talk\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def _vtimezone(daylight_rule: str) -> str:
    return (
        "BEGIN:VTIMEZONE\r\nTZID:X\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\n"
        "TZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\n"
        f"TZOFFSETTO:+0200\r\nRRULE:{daylight_rule}\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    )


def _utc_span(imported: Imported) -> list[tuple[str, str]]:
    return [
        (s.start.astimezone(UTC).isoformat(), s.end.astimezone(UTC).isoformat())
        for s in agenda_kit.sessions(imported.agenda)
    ]


def test_a_fifth_sunday_that_a_month_lacks_is_no_change_that_year() -> None:
    # February 2025 has four Sundays: the zone stays at +01:00 in March.
    imported = import_bytes(
        _ics(_vtimezone("FREQ=YEARLY;BYMONTH=2;BYDAY=5SU")), "ics", name="c.ics"
    )
    assert _utc_span(imported) == [("2025-03-18T08:00:00+00:00", "2025-03-18T09:00:00+00:00")]


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ("FREQ=YEARLY;BYMONTH=3;BYDAY=0SU", "is not understood"),
        ("FREQ=YEARLY;BYMONTH=13;BYDAY=-1SU", "has a BYMONTH that is not a month"),
    ],
)  # fmt: skip
def test_a_vtimezone_rule_that_cannot_be_is_a_note(rule: str, why: str) -> None:
    imported = import_bytes(_ics(_vtimezone(rule)), "ics", name="c.ics")
    assert imported.notes.lines() == [
        f"c.ics:4:1: AK608 import-assumed-zone: the VTIMEZONE of 'X' cannot be read: "
        f"RRULE {rule!r} {why}",
        "c.ics:22:16: AK608 import-assumed-zone: TZID 'X' is neither an IANA zone nor defined "
        "by a VTIMEZONE: its times are read in the agenda's zone",
        "c.ics:1:1: AK608 import-assumed-zone: times without a zone (floating) are read as UTC",
        "c.ics:1:1: AK610 import-assumed-structure: the rooms of a conference schedule may be "
        "free between sessions (`contiguous: false` on its parts): time without a session is "
        "not a gap",
    ]


def test_an_offset_without_an_etc_zone_is_read_as_that_offset() -> None:
    # UTC-13:00 has no Etc/GMT+13 zone: this was a ZoneInfoNotFoundError.
    imported = import_bytes(_ics(tzid='"(UTC-13:00) Nowhere"'), "ics", name="c.ics")
    assert imported.agenda.event.timezone == "UTC"
    assert _utc_span(imported) == [("2025-03-18T22:00:00+00:00", "2025-03-18T23:00:00+00:00")]
    assert imported.notes.lines()[0] == (
        "c.ics:7:36: AK608 import-assumed-zone: TZID '(UTC-13:00) Nowhere' is read as the "
        "offset -13:00"
    )


@pytest.mark.parametrize(
    ("data", "fmt", "message"),
    [
        (
            _ics(_vtimezone("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"), start="00010101T000000"),
            "ics",
            "c.ics:19:1: AK603 no event can be imported: an event: dates outside the years 1000 "
            "to 8999 are not imported",
        ),
        (
            _ics(tzid="Pacific/Kiritimati", start="99991231T230000"),
            "ics",
            "c.ics:4:1: AK603 no event can be imported: an event: dates outside the years 1000 "
            "to 8999 are not imported",
        ),
        (
            b"date,start,end,title\n9999-12-31,23:00,01:00,Late\n",
            "csv",
            "c.csv:2:1: AK603 no event can be imported: a row dated '9999-12-31': dates outside "
            "the years 1000 to 8999 are not imported",
        ),
        (
            b"date,start,end,title\n0001-01-01,00:00,01:00,Early\n2025-02-30,9:00,10:00,x\n",
            "csv",
            "c.csv:2:1: AK603 no event can be imported: a row dated '0001-01-01': dates outside "
            "the years 1000 to 8999 are not imported (and 1 more problems)",
        ),
        (
            b'{"schedule": {"conference": {"days": [{"rooms": {"A": [{"date": '
            b'"0001-01-01T00:00:00+05:00", "title": "x", "duration": "00:30"}]}}]}}}',
            "frab-json",
            "c.json:1:56: AK603 no event can be imported: an event: dates outside the years "
            "1000 to 8999 are not imported",
        ),
        (
            b"date,start,title\n2025-03-18,09:00," + b"x" * 200_000 + b"\n",
            "csv",
            "c.csv:2:1: AK601 invalid CSV: field larger than field limit (131072)",
        ),
        (
            b"<?xml version='1.0' encoding='no-such-codec'?><schedule/>",
            "frab-xml",
            "c.xml:1:1: AK602 not readable XML: the declared encoding 'no-such-codec' is unknown",
        ),
        (
            b"[" * 100_000 + b"]" * 100_000,
            "frab-json",
            "c.json:1:1: AK611 refused: the file nests too deeply to be read",
        ),
        (  # Python refuses to convert it (found by fuzzing)
            b'{"schedule": {"conference": {"x": ' + b"9" * 5000 + b"}}}",
            "frab-json",
            "c.json:1:35: AK601 invalid JSON: a number of more than 4,300 digits",
        ),
    ],
)
def test_what_escaped_is_an_import_error_with_a_position(
    data: bytes, fmt: str, message: str
) -> None:
    from agenda_kit.loaders import LoadError

    with pytest.raises(LoadError) as caught:
        import_bytes(data, fmt, name=f"c.{fmt.split('-')[-1]}")
    (found,) = caught.value.diagnostics
    assert f"{found.location}: {found.code} {found.message}" == message


def test_cells_with_nul_bare_cr_and_c1_controls_are_cleaned() -> None:
    data = "date,start,end,title\r2025-03-18,09:00,10:00,a\x00b\x85c\r".encode()
    agenda = import_bytes(data, "csv", name="c.csv").agenda
    assert [s.title for s in agenda_kit.sessions(agenda)] == ["a b c"]
    # A calendar that is not UTF-8 is read as Latin-1, whose 0x80-0x9f are C1 controls.
    ics = _ics(tzid="Europe/Berlin").replace(b"SUMMARY:Talk", b"SUMMARY:T\x85alk\xe9")
    agenda = import_bytes(ics, "ics", name="c.ics").agenda
    assert [s.title for s in agenda_kit.sessions(agenda)] == ["T alk\u00e9"]


def test_what_the_model_refuses_is_refused_at_the_session() -> None:
    from agenda_kit.diagnostics import Location
    from agenda_kit.exchange._build import EventInfo, build
    from agenda_kit.exchange._common import Item
    from agenda_kit.loaders import LoadError

    start = datetime(2025, 3, 18, 9, tzinfo=UTC)
    item = Item("x", start, None, where=Location("c.csv", 7, 3, ""), kind="nonsense", minutes=5)
    with pytest.raises(LoadError) as caught:
        build([item], "UTC", EventInfo(title="t"), Notes("c.csv"))
    assert str(caught.value).split("\n")[0] == (
        "c.csv:7:3: the imported `parts.0.sessions.0.kind` 'nonsense' cannot be written: "
        "Input should be 'talk', 'keynote', 'ceremony', 'discussion', 'break', 'transfer', "
        "'photo' or 'other'"
    )


# --- Limits --------------------------------------------------------------------------


def test_a_million_csv_rows_are_refused_in_bounded_time_and_memory() -> None:
    import time
    import tracemalloc

    from agenda_kit.loaders import LoadError

    data = b"date,start,end,title\n" + b"2025-03-18,09:00,10:00,T\n" * 1_000_000
    tracemalloc.start()
    began = time.monotonic()
    with pytest.raises(LoadError) as caught:
        import_bytes(data, "csv", name="big.csv")
    took = time.monotonic() - began
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert str(caught.value).split("\n")[0] == (
        "big.csv:10002:1: refused: the file has more than 10000 sessions (limit sessions)"
    )
    assert caught.value.diagnostics[0].code == "AK611"
    assert took < 30 and peak < 400 * 1024 * 1024


def test_a_ten_megabyte_folded_ics_line_is_refused() -> None:
    from agenda_kit.loaders import LoadError

    line = b"DESCRIPTION:" + b"x" * 70 + b"".join([b"\r\n " + b"y" * 74] * 140_000)
    data = _ics(tzid="UTC").replace(b"SUMMARY:Talk", line)
    with pytest.raises(LoadError) as caught:
        import_bytes(data, "ics", name="big.ics")
    assert str(caught.value).split("\n")[0] == (
        "big.ics:9:1: refused: the line that starts on line 9 is longer than 1000000 "
        "characters (bytes in a calendar) (limit line_length)"
    )
    # The limit is an option: raised, the same file imports.
    options = Options(limits=ImportLimits(line_length=20_000_000))
    agenda = import_bytes(data, "ics", name="big.ics", options=options).agenda
    assert len(agenda.parts[0].sessions[0].description or "") == 70 + 74 * 140_000


def test_limits_are_configurable_in_the_api_and_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from agenda_kit.cli import main
    from agenda_kit.commands.import_ import LIMIT_DEFAULTS
    from agenda_kit.exchange import import_file
    from agenda_kit.loaders import LoadError

    assert dataclasses.asdict(ImportLimits()) == LIMIT_DEFAULTS
    source = tmp_path / "plan.csv"
    source.write_bytes(b"date,start,end,title\n" + b"2025-03-18,09:00,10:00,T\n" * 3)
    with pytest.raises(LoadError, match=r"plan.csv:1:1: refused: the file is larger than 50 "):
        import_file(source, options=Options(limits=ImportLimits(input_bytes=50)))
    out = tmp_path / "out.yaml"
    assert main(["import", str(source), "-o", str(out), "--limit", "sessions=2"]) == 2
    err = capsys.readouterr().err
    assert f"{source}:4:1: AK611 [error] import-limit: refused: the file has more than 2 " in err
    assert "Traceback" not in err and not out.exists()
    assert main(["import", str(source), "-o", str(out), "--limit", "sessions=3", "-q"]) == 0
    assert len(loads(out.read_text(), name="out.yaml").parts[0].sessions) == 3
    with pytest.raises(SystemExit):
        main(["import", str(source), "--limit", "rows=3"])
    assert "expected NAME=N with NAME one of input_bytes, sessions, line_length" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("c.ics", _ics(_vtimezone("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"), start="00010101T000000")),
        ("c.csv", b"date,start,title\n2025-03-18,09:00," + b"x" * 200_000 + b"\n"),
        ("c.json", b"[" * 100_000 + b"]" * 100_000),
        ("c.xml", b"<?xml version='1.0' encoding='no-such-codec'?><schedule/>"),
    ],
)
def test_the_command_line_exits_2_with_a_position_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes
) -> None:
    from agenda_kit.cli import main

    source = tmp_path / name
    source.write_bytes(data)
    assert main(["import", str(source), "-o", str(tmp_path / "out.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{source}:") and "[error] import-" in err
    assert "AK101" not in err
    assert "Traceback" not in err and "internal error" not in err


# --- 24:00 ---------------------------------------------------------------------------


def test_csv_rows_may_end_at_24_00() -> None:
    data = b"date,start,end,title\n2025-03-18,22:00,24:00,Night\n2025-03-19,23:00,24:00:00,Late\n"
    imported = import_bytes(data, "csv", name="c.csv", options=Options(timezone="Europe/Berlin"))
    assert _utc_span(imported) == [
        ("2025-03-18T21:00:00+00:00", "2025-03-18T23:00:00+00:00"),
        ("2025-03-19T22:00:00+00:00", "2025-03-19T23:00:00+00:00"),
    ]
    assert imported.notes.of(IMPORT_SKIPPED) == []
    ranged = import_bytes(
        b"date,time,title\n2025-03-18,23:00-24:00,Night\n2025-03-18,24:00-24:30,No\n",
        "csv",
        name="c.csv",
    )
    assert _utc_span(ranged) == [("2025-03-18T23:00:00+00:00", "2025-03-19T00:00:00+00:00")]
    assert [f"{n.location}: {n.message}" for n in ranged.notes.of(IMPORT_SKIPPED)] == [
        "c.csv:3:12: a row whose start '24:00-24:30' is not a time of day"
    ]


def test_a_conference_whose_rooms_are_a_number_imports_its_events() -> None:
    # Found by fuzzing: `for room in conference["rooms"] or []` raised TypeError on 7.
    doc = {
        "schedule": {
            "conference": {
                "title": "C",
                "time_zone_name": "Europe/Berlin",
                "rooms": 7,
                "days": [
                    {
                        "rooms": {
                            "A": [
                                {
                                    "guid": "g1",
                                    "date": "2025-03-18T09:00:00+01:00",
                                    "title": "Talk",
                                    "duration": "00:30",
                                }
                            ]
                        }
                    }
                ],
            }
        }
    }
    imported = import_bytes(json.dumps(doc).encode(), "frab-json", name="c.json")
    assert [
        (s.title, s.room, s.start.isoformat(), s.end.isoformat())
        for s in agenda_kit.sessions(imported.agenda)
    ] == [("Talk", "a", "2025-03-18T09:00:00+01:00", "2025-03-18T09:30:00+01:00")]
