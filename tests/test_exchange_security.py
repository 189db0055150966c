"""Hostile text through the importers and writers of foreign formats (issue 8).

Imports write YAML that says exactly what the source said: whatever a cell, a title or
a file name holds, the comment at the top stays a comment and no key appears that the
import did not build. Every writer writes what the model accepts so that an independent
parser reads it back with the same structure, and CSV cells cannot become formulas.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from typing import Any

from defusedxml.ElementTree import fromstring as xml_fromstring
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import agenda_kit
from agenda_kit.commands.import_ import agenda_text
from agenda_kit.exchange import Imported, Report, export, import_bytes
from agenda_kit.exchange.agenda_yaml import plain
from agenda_kit.exchange.csv import HEADER, escape_cell, unescape_cell
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
    text = agenda_text(imported, source)
    lines = text.split("\n")
    comment = [line for line in lines if line.startswith("#")]
    # The comment is one block at the top: the import's header lines, each one line.
    assert lines[: len(comment)] == comment
    assert len(comment) == 1 + (
        1 + min(len(imported.report.notes), 30) if imported.report.notes else 0
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
    from agenda_kit.exchange import Options

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
    text = agenda_text(imported, "a.csv")
    assert text.split("\n")[:4] == [
        "# Imported from a.csv (csv) by agenda-kit import.",
        "# What the import assumed, skipped or could not map:",
        r"#   a.csv:1:1: unmapped: columns not read: x\x0dx-agenda-kit:\x0d  ignore: [all]",
        "#   assumed: the table names no time zone: its times are read as UTC; pass --timezone",
    ]
    assert list(_yaml().load(text)) == ["agenda", "event", "parts"]


# --- CSV injection ----------------------------------------------------------------


def test_formula_cells_are_written_as_text_and_read_back() -> None:
    assert [escape_cell(t) for t in ("=1+2", "+1", "-x", "@SUM(A1)", "\tx", "\rx", "'=x", "a=b", "'x", "")] == [
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
            assert not cell[:1] in ("=", "+", "-", "@", "\t", "\r"), row
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
    url=st.one_of(st.none(), model_text, st.just("https://example.org/a b")),
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

    report = Report()
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
        assert any("U+FFFD" in n.message for n in report.unmapped)

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
