"""Issue 10 item 8: agenda tables people already keep (YAML and JSON lists of records,
a page's front matter, a CSV with their own column names) import, and the three real
agendas of ../shared/realworld/agendas/ check as their sources say."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

import agenda_kit
from agenda_kit.cli import main
from agenda_kit.commands import import_ as import_command
from agenda_kit.exchange import Options, detect_import, import_bytes, import_file
from agenda_kit.exchange.csv import COLUMNS
from agenda_kit.exchange.records import _loose_date

from .helpers import REALWORLD

AGENDAS = REALWORLD / "agendas"
needs_realworld = pytest.mark.skipif(not AGENDAS.is_dir(), reason="../shared/realworld is absent")


def table(agenda: agenda_kit.Agenda) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(start, end, title, speaker names) of every session, in time order."""
    names = {sid: s.name for sid, s in agenda.speakers.items()}
    return [
        (
            s.start.format("HH:mm"),
            s.end.format("HH:mm"),
            s.title,
            tuple(names[x] for x in s.speakers),
        )
        for s in sorted(agenda_kit.sessions(agenda), key=lambda s: (s.start, s.title))
    ]


def findings(agenda: agenda_kit.Agenda) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in agenda_kit.check(agenda).diagnostics]


def test_map_fields_match_the_columns() -> None:
    assert sorted(import_command.MAP_FIELDS) == sorted([*COLUMNS, "affiliation"])


def test_formats_are_told_by_name_and_front_matter() -> None:
    assert detect_import("agenda.yml") == "records"
    assert detect_import("talks.md", b"---\nlayout: page\n") == "records"
    assert detect_import("agenda.md", b"# Agenda\n15:00~15:30 Opening") == "text"


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("13th March 2023", None, date(2023, 3, 13)),
        ("March 13, 2023", None, date(2023, 3, 13)),
        ("2023-03-13", None, date(2023, 3, 13)),
        ("Tue Aug 6", 2024, date(2024, 8, 6)),
        ("Tue Aug 6", None, None),  # no year known
        ("31st February 2023", None, None),
        ("next Tuesday", 2024, None),
    ],
)
def test_dates_written_for_people(text: str, year: int | None, expected: date | None) -> None:
    assert _loose_date(text, year) == expected


RECORDS = """\
- time: 9:00 - 9:10
  speaker: "Opening Remarks"
  title: ""
- time: 9:10 - 9:40
  speaker: "Ada Lovelace</b>, Charles Babbage<b>"
  position: "Analytical Engines"
  title: "Engines<br>and **numbers**"
- time: 9:40 - 10:00
  speaker: Grace Hopper
  position: "Navy, Harvard"
  title: Compilers
- time: 10:00 - 10:30
  speaker: Panel Discussion
  title: What next?
"""


def test_records_read_like_table_rows() -> None:
    imported = import_bytes(
        RECORDS.encode(), "records", name="agenda.yml", options=Options(date=date(2025, 6, 2))
    )
    agenda = imported.agenda
    assert table(agenda) == [
        ("09:00", "09:10", "Opening Remarks", ()),
        ("09:10", "09:40", "Engines — and numbers", ("Ada Lovelace", "Charles Babbage")),
        ("09:40", "10:00", "Compilers", ("Grace Hopper",)),
        ("10:00", "10:30", "What next?", ()),
    ]
    assert agenda.speakers["grace-hopper"].affiliation == "Navy, Harvard"
    assert [s.kind for s in agenda_kit.sessions(agenda)] == ["talk", "talk", "talk", "discussion"]
    assert [(n.location.line, n.key) for n in imported.notes.found] == [
        (1, "import-assumed-zone.utc"),
        (2, "import-assumed-structure.speaker-title"),
        (13, "import-assumed-structure.speaker-kind"),
    ]
    assert findings(agenda) == []


def test_a_json_list_and_a_mapped_key() -> None:
    records = [
        {"slot": "14:00-14:30", "talk": "Welcome", "who": ["Kim"]},
        {"slot": "14:30-15:00", "talk": "Keynote", "who": ["Lee", "Park"]},
    ]
    options = Options(
        date=date(2024, 10, 17),
        timezone="Asia/Seoul",
        columns={"time": "slot", "title": "talk", "speakers": "who"},
    )
    imported = import_bytes(json.dumps(records).encode(), "records", name="a.json", options=options)
    assert table(imported.agenda) == [
        ("14:00", "14:30", "Welcome", ("Kim",)),
        ("14:30", "15:00", "Keynote", ("Lee", "Park")),
    ]
    assert imported.notes.found == []


def test_a_csv_with_its_own_column_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(
        "Zeitfenster;Beitrag;Person;Raum\n15:00-15:30;Opening;Kim;Hall\n15:30-16:00;Talk;Lee;Hall\n",
        "utf-8",
    )
    out = tmp_path / "plan.yaml"
    args = ["import", str(source), "--date", "2024-10-17", "--timezone", "Asia/Seoul", "-o"]
    assert (
        main(
            [*args, str(out), "--map", "time=Zeitfenster,title=Beitrag", "--map", "speakers=Person"]
        )
        == 0
    )
    agenda = agenda_kit.load(out)
    assert table(agenda) == [
        ("15:00", "15:30", "Opening", ("Kim",)),
        ("15:30", "16:00", "Talk", ("Lee",)),
    ]
    assert agenda.venue is not None and list(agenda.venue.rooms) == ["hall"]
    # Without --map the columns are unknown: nothing is imported, nothing written.
    out.unlink()
    assert main([*args, str(out)]) == 2
    assert not out.exists()
    assert "no column for title and start (or time)" in capsys.readouterr().err


def test_a_map_naming_no_field_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["import", str(tmp_path / "x.csv"), "--map", "titel=talk"])
    assert stop.value.code == 2
    assert "expected FIELD=COLUMN" in capsys.readouterr().err


def test_a_document_without_records_is_the_wrong_format() -> None:
    with pytest.raises(agenda_kit.LoadError) as error:
        import_bytes(b"title: nothing here\n", "records", name="x.yml")
    assert [(d.code, d.message) for d in error.value.diagnostics] == [
        ("AK602", "no list of session records: the document is a dict")
    ]


# --- The real agendas -------------------------------------------------------------


def _source_records(path: Path) -> list[dict[str, object]]:
    """The records, read by ruamel's safe loader alone (front matter cut by hand)."""
    text = path.read_text("utf-8")
    if path.suffix == ".md":
        text = text.split("---\n")[1]
    data = YAML(typ="safe", pure=True).load(text)
    return list(data["schedule"] if isinstance(data, dict) else data)


@needs_realworld
def test_netbiomed_tiles_its_day() -> None:
    path = AGENDAS / "netbiomed2025_agenda.yml"
    options = Options(date=date(2025, 6, 2), timezone="Europe/Paris")
    agenda = import_file(path, options=options).agenda
    got = [(start, end) for start, end, _, _ in table(agenda)]
    want = []
    for record in _source_records(path):
        match = re.fullmatch(r"(\d+):(\d\d) - (\d+):(\d\d)", str(record["time"]))
        assert match
        h1, m1, h2, m2 = (int(x) for x in match.groups())
        want.append((f"{h1:02}:{m1:02}", f"{h2:02}:{m2:02}"))
    assert got == want and len(got) == 21
    # "08:30 → 18:10, contiguous (no gaps or overlaps)" (PROVENANCE.md).
    assert findings(agenda) == []
    names = {s.name for s in agenda.speakers.values()}
    assert {"Nataša Pržulj", "Katy Börner", "Martina Kutmon"} <= names
    assert not any("<" in n or ">" in n for n in names)
    assert "Panel Discussion" not in names and "Coffee Break" not in names


@needs_realworld
def test_math_packages_parallel_sessions_take_their_slot() -> None:
    path = AGENDAS / "mathpackagestraining2024_agenda.yml"
    options = Options(date=date(2024, 8, 6), timezone="America/Chicago")
    agenda = import_file(path, options=options).agenda
    records = _source_records(path)
    holders = [r for r in records if "start" in r and "vname" not in r and "speakers" not in r]
    holders = [r for r in holders if "Parallel" in str(r["title"])]
    assert len(agenda_kit.sessions(agenda)) == len(records) - len(holders) == 17
    by_title = {title: (start, end) for start, end, title, _ in table(agenda)}
    assert by_title["Structured Meshes — (with AMReX)"] == ("09:30", "10:45")
    assert by_title["Unstructured Meshes — (with MFEM/PUMI)"] == ("09:30", "10:45")
    # The only problem: the 55-minute introduction from 8:30 ends 5 minutes before the
    # first parallel slot at 9:30 (both read off the source here).
    intro = records[0]
    assert (intro["start"], intro["length"]) == ("Tue Aug 6 8:30 AM", 55)
    assert [code for code, _ in findings(agenda)] == ["AK201"]
    assert findings(agenda)[0][1].startswith("5 minutes between `1` (ends 09:25)")


@needs_realworld
def test_tex_talks_from_a_pages_front_matter(capsys: pytest.CaptureFixture[str]) -> None:
    path = AGENDAS / "cssuob_tex-talks.md"
    imported = import_file(path, options=Options(timezone="Europe/London"))
    agenda = imported.agenda
    assert agenda.event.date == date(2023, 3, 13)  # "13th March 2023"
    assert agenda.event.title == "TeX Talks Schedule"
    starts = [str(r["time"]) for r in _source_records(path)]
    # The last talk has no end: sessions() resolves all but it.
    assert [start for start, _, _, _ in table(agenda)] == starts[:-1]
    assert len(starts) == 7
    assert ("Nat Abramenko", "Caragh Green") in [names for _, _, _, names in table(agenda)]
    # The last talk has no end in the source (the page says only "no more than 4 hours").
    last = agenda.parts[-1].sessions[-1].id
    assert [code for code, _ in findings(agenda)] == ["AK208"]
    assert f"`{last}` has no end" in findings(agenda)[0][1]
