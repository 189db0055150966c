"""``agenda-kit import`` and ``agenda-kit export --to``: exit codes, positioned errors
without tracebacks, output written only on success, and a checker that stays light."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

import agenda_kit
from agenda_kit.cli import main
from agenda_kit.commands import export as export_command
from agenda_kit.commands import import_ as import_command
from agenda_kit.exchange import EXPORTS, IMPORTS, detect_export, detect_import

from .helpers import REALWORLD, ROOT, SEED

PRESS_RELEASE = ROOT.parent / "shared" / "seed" / "000_50a83b63428d34c7.txt"


def test_command_line_formats_match_the_registry() -> None:
    assert sorted(import_command.FROM_FORMATS) == sorted(IMPORTS)
    assert sorted(export_command.TO_FORMATS) == sorted(EXPORTS)


def test_formats_from_names_and_content() -> None:
    assert [detect_import(n) for n in ("a.xml", "a.json", "a.ics", "a.csv", "a.txt")] == [
        "frab-xml",
        "frab-json",
        "ics",
        "csv",
        "text",
    ]
    assert detect_import("feed", b"\xef\xbb\xbfBEGIN:VCALENDAR\r\n") == "ics"
    assert detect_import("schedule", b"  <?xml version='1.0'?>") == "frab-xml"
    assert detect_import("schedule", b'{"schedule": {}}') == "frab-json"
    assert [detect_export(n) for n in ("o.xml", "o.json", "o.csv", "o.ics", "o.txt")] == [
        "frab-xml",
        "json",
        "csv",
        "ics",
        None,
    ]


@pytest.mark.skipif(not PRESS_RELEASE.exists(), reason="../shared/seed is absent")
def test_import_the_press_release(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "agenda.yaml"
    title = "테크노파크 성과 발표회 및 간담회"
    assert main(["import", str(PRESS_RELEASE), "--title", title, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    # The press release is Korean (event.lang: ko) and neither --lang nor a settings
    # file says otherwise: the summary is Korean.
    assert err.splitlines()[-1] == (
        f"{PRESS_RELEASE}(text)에서 세션 13개, 방 2개, 1일을 가져와 {out}에 썼습니다. "
        "agenda-kit check 결과: 오류 0개, 경고 0개."
    )
    # --lang en asks for English.
    again = tmp_path / "again.yaml"
    argv = ["import", str(PRESS_RELEASE), "--title", title, "-o", str(again), "--lang", "en"]
    assert main(argv) == 0
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"Imported 13 sessions, 2 rooms, 1 day from {PRESS_RELEASE} (text) into {again}; "
        "agenda-kit check finds 0 errors, 0 warnings."
    )
    assert again.read_text("utf-8") == out.read_text("utf-8")
    text = out.read_text("utf-8")
    assert text.startswith(
        "# Imported from 000_50a83b63428d34c7.txt (text) by agenda-kit import.\n"
    )
    assert main(["check", str(out)]) == 0
    assert "모든 검사를 통과했습니다 (파일 1개)." in capsys.readouterr().out


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld is absent")
def test_unreadable_input_exits_2_with_a_position_and_keeps_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "agenda.yaml"
    out.write_text("keep me\n", "utf-8")
    bad = REALWORLD / "ics-bad" / "icalendar__broken_dtstart.ics"
    assert main(["import", str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0] == (
        f"{bad}:6:9: AK603 [error] import-no-events: no event can be imported: an event whose "
        "DTSTART 'INVALID-DATE' is not a date or date-time"
    )
    assert err.splitlines()[-1] == "Nothing was written."
    assert "Traceback" not in err
    assert out.read_text("utf-8") == "keep me\n"


@pytest.mark.parametrize(
    ("name", "data", "fmt", "where", "message"),
    [
        ("s.xml", b"<schedule>\n  <day>\n</schedule>\n", "frab-xml", "3:3",
         "AK601 [error] import-malformed: invalid XML: mismatched tag"),
        ("s.xml", b'<!DOCTYPE s [<!ENTITY a "aaaa">]>\n<schedule>&a;</schedule>\n', "frab-xml",
         "1:", "AK604 [error] import-entities-refused: refused: the XML declares or uses "
         "entities"),
        ("s.json", b'{"schedule": {\n  "conference": [}\n}', "frab-json", "2:18",
         "AK601 [error] import-malformed: invalid JSON: Expecting value"),
        ("s.xml", b"<html/>", "frab-xml", "1:1",
         "AK602 [error] import-wrong-format: not a frab schedule: the root element is <html>, "
         "not <schedule>"),
        ("c.ics", b"hello\n", "ics", "1:1",
         "AK602 [error] import-wrong-format: not an iCalendar file: no BEGIN:VCALENDAR and no "
         "BEGIN:VEVENT"),
    ],
)  # fmt: skip
def test_bad_input_is_reported_at_its_position(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    fmt: str,
    where: str,
    message: str,
) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "out.yaml"
    assert main(["import", str(source), "--from", fmt, "-o", str(out)]) == 2
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith(f"{source}:{where}")
    assert message in first
    assert not out.exists()


def test_a_billion_laughs_is_refused_quickly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entities = "".join(
        f'<!ENTITY e{i} "{"".join(f"&e{i - 1};" for _ in range(10))}">' for i in range(1, 10)
    )
    # The root is <schedule>: a refusal for any other reason (not a frab schedule) would
    # exit 2 too, so the test says which refusal it expects.
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE schedule [<!ENTITY e0 "lol">{entities}]>'
        "<schedule>&e9;</schedule>"
    )
    source = tmp_path / "bomb.xml"
    source.write_text(bomb, "utf-8")
    out = tmp_path / "out.yaml"
    started = time.perf_counter()
    assert main(["import", str(source), "-o", str(out), "--format", "json"]) == 2
    # Expanded, the entity is 10^9 "lol"s: seconds of work and gigabytes at least.
    assert time.perf_counter() - started < 2.0
    report = json.loads(capsys.readouterr().err)
    (found,) = report["diagnostics"]
    assert (found["code"], found["name"], found["location"]["line"]) == (
        "AK604",
        "import-entities-refused",
        1,
    )
    assert found["message"].startswith("refused: the XML declares or uses entities (")
    assert "e0" in found["message"] or "e9" in found["message"]
    assert report["import"]["written"] is False
    assert not out.exists()


def test_export_to_each_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for target, fmt in (("s.xml", "frab-xml"), ("s.csv", "csv"), ("s.json", "json")):
        assert main(["export", str(SEED), "-o", str(tmp_path / target)]) == 0
        assert capsys.readouterr().err.splitlines()[-1].endswith(f", {fmt}).")
    assert agenda_kit.load(tmp_path / "s.json").model_dump() == agenda_kit.load(SEED).model_dump()
    assert (tmp_path / "s.xml").read_bytes().startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert main(["export", str(SEED), "--to", "frab-json", "-o", str(tmp_path / "x.json")]) == 0
    document = json.loads((tmp_path / "x.json").read_text("utf-8"))
    assert document["schedule"]["conference"]["acronym"] == "technopark_2024"
    # .ics (and no -o) stay the calendar feed.
    assert main(["export", str(SEED), "-o", str(tmp_path / "s.ics")]) == 0
    assert (tmp_path / "s.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    capsys.readouterr()
    assert main(["export", str(SEED), "--to", "csv", "--speaker", "mc", "--lang", "en"]) == 2
    assert "--per, --speaker and --remind are for calendars" in capsys.readouterr().err


def test_checking_imports_none_of_the_interchange_modules() -> None:
    code = (
        "import sys\n"
        "from agenda_kit.cli import main\n"
        f"assert main(['check', {str(SEED)!r}]) == 0\n"
        "loaded = [m for m in ('agenda_kit.exchange', 'defusedxml', 'xml.etree.ElementTree')"
        " if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_reimporting_a_feed_whose_part_became_two_tracks_keeps_part_ids_unique() -> None:
    # One part with two rooms at once: the importer makes each room a track, and the
    # part's pieces must not share its id (they did: duplicate-id on the result).
    agenda = agenda_kit.loads(
        "agenda: 1\nevent: {id: devday, title: Dev day, date: 2025-03-18,"
        " timezone: Europe/Berlin}\nvenue: {name: Hub, rooms: {a: {name: A}, b: {name: B}}}\n"
        "parts:\n  - id: morning\n    sessions:\n"
        "      - {id: x, title: X, time: 09:00-10:00, room: a}\n"
        "      - {id: y, title: Y, time: 09:00-10:00, room: b}\n"
    )
    back = agenda_kit.from_ical(agenda_kit.to_ical(agenda))
    assert [p.id for p in back.parts] == ["morning", "morning-2"]
    assert agenda_kit.check(back).diagnostics == []


@pytest.mark.parametrize(
    ("limit", "value", "refusal"),
    [
        ("max_sessions", 2, "out.yaml:20:9: AK104 [error] input-limit: the agenda has more than"
         " 2 sessions (limit max-sessions)"),
        ("max_depth", 4, "out.yaml:14:12: AK104 [error] input-limit: the document nests more"
         " than 4 levels deep (limit max-depth)"),
        ("max_bytes", 300, "out.yaml:1:1: AK104 [error] input-limit: the file is larger than"
         " 300 bytes (limit max-bytes)"),
    ],
)  # fmt: skip
def test_an_import_the_loader_would_refuse_writes_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    limit: str,
    value: int,
    refusal: str,
) -> None:
    """The import checks the agenda as built, not the file read again: where the file
    would pass a limit of the loader, the loader's refusal is reported at its place in
    the file, and the file is not written."""
    import dataclasses

    from agenda_kit import loaders

    source = tmp_path / "t.csv"
    source.write_text(
        "title,date,start,end,room\nA,2025-03-18,09:00,09:30,Hall\n"
        "B,2025-03-18,09:30,10:00,Hall\nC,2025-03-18,10:00,10:30,Hall\n"
    )
    out = tmp_path / "out.yaml"
    out.write_text("keep\n")
    assert main(["import", str(source), "-o", str(out)]) == 0
    assert out.read_text().count("title:") == 4  # the event's and the three sessions'
    out.write_text("keep\n")
    capsys.readouterr()
    limits = dataclasses.replace(loaders.DEFAULT_LIMITS, **{limit: value})
    monkeypatch.setattr(loaders, "DEFAULT_LIMITS", limits)
    assert main(["import", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if "AK104" in line] == [f"{out.parent}/{refusal}"]
    assert err.endswith("Found 1 error, 2 info in 1 file.\nNothing was written.\n")
    assert out.read_text() == "keep\n"


def _nested(depth: int, speakers: tuple[str, ...]) -> agenda_kit.Agenda:
    """An agenda whose one session has children ``depth`` levels deep."""
    from agenda_kit.model import Event, Part, Session, Speaker

    session = Session(id=f"s{depth}", title="T", time="10:00-11:00", speakers=speakers)
    for level in range(depth - 1, -1, -1):
        session = Session(id=f"s{level}", title="T", time="10:00-11:00", children=[session])
    return agenda_kit.Agenda(
        event=Event(id="e", title="E", date="2025-05-01", timezone="UTC"),
        speakers={"ann": Speaker(name="Ann")} if speakers else None,
        parts=[Part(id="p", title="P", sessions=[session])],
    )


@pytest.mark.parametrize("max_depth", [7, 8, 9, 12, 20])
def test_the_import_refuses_exactly_the_depths_the_loader_refuses(
    monkeypatch: pytest.MonkeyPatch, max_depth: int
) -> None:
    """Nesting near the limit, with and without a list of speakers at the deepest level
    (written as a list; a tuple in the data the writer is given): the import's own
    test of the limits refuses an agenda exactly where reading the file would."""
    import dataclasses

    from agenda_kit import loaders
    from agenda_kit.commands.import_ import as_loaded
    from agenda_kit.exchange.agenda_yaml import dump_with_data

    limits = dataclasses.replace(loaders.DEFAULT_LIMITS, max_depth=max_depth)
    monkeypatch.setattr(loaders, "DEFAULT_LIMITS", limits)
    outcomes = []
    for depth in range(12):
        for speakers in ((), ("ann",)):
            agenda = _nested(depth, speakers)
            text, data = dump_with_data(agenda)
            try:
                loaders.loads(text, name="x.yaml", limits=limits)
                expected = "loads"
            except agenda_kit.LoadError as exc:
                expected = exc.diagnostics[0].message
            try:
                got = "loads" if as_loaded(agenda, text, data, "x.yaml") is agenda else "?"
            except agenda_kit.LoadError as exc:
                got = exc.diagnostics[0].message
            outcomes.append((depth, speakers, got == expected))
            assert got == expected, (depth, speakers)
    assert any(ok for _, _, ok in outcomes)


def test_an_own_feed_nested_past_the_depth_limit_is_not_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review: 29 levels of sessions with a speaker at the deepest passed the
    import's test of the limits (the speakers were a tuple), and the file written was
    one `agenda-kit check` refused."""
    from agenda_kit.exchange import export

    source = tmp_path / "deep.ics"
    source.write_bytes(export(_nested(29, ("ann",)), "ics"))
    out = tmp_path / "out.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "AK104 [error] input-limit: the document nests more than 64 levels deep" in err
    assert not out.exists()
