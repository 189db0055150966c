"""Each rule against fixture files named after it, with the expected findings inside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import agenda_kit
from agenda_kit.cli import main
from agenda_kit.rules import RULES

from .helpers import AGENDAS, expected_diagnostics

INVALID = sorted(p for p in (AGENDAS / "invalid").iterdir() if p.suffix != ".expect")
BROKEN = sorted(p for p in (AGENDAS / "broken").iterdir() if p.suffix != ".expect")
VALID = sorted((AGENDAS / "valid").iterdir())


def actual(diagnostics: list[agenda_kit.Diagnostic]) -> list[tuple[int, int, str, str, str]]:
    return [(d.location.line, d.location.column, d.code, d.name, d.message) for d in diagnostics]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_gives_exactly_its_findings(path: Path) -> None:
    expected = expected_diagnostics(path)
    assert expected, "a fixture without expectations tests nothing"
    report = agenda_kit.check(agenda_kit.load(path))
    assert actual(report.diagnostics) == expected
    # The fixture is named after the rule it exercises.
    code, name = path.stem.split("_", 1)
    assert (code, name) in {(e[2], e[3]) for e in expected}


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_broken_fixture_fails_to_load_with_positions(path: Path) -> None:
    with pytest.raises(agenda_kit.LoadError) as info:
        agenda_kit.load(path)
    assert actual(info.value.diagnostics) == expected_diagnostics(path)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_is_clean(path: Path) -> None:
    report = agenda_kit.check(agenda_kit.load(path))
    assert report.diagnostics == []


def test_every_rule_has_a_fixture() -> None:
    covered = {p.stem.split("_", 1)[0] for p in INVALID + BROKEN}
    checker = {r.code for r in RULES.values() if r.command in ("load", "check")}
    # AK100 is tested with a missing file; AK104-AK106 are raised by the loaders'
    # input limits and zone and date checks, which come with their own tests.
    assert covered == checker - {"AK100", "AK104", "AK105", "AK106"}


def test_yaml_json_and_toml_give_the_same_agenda() -> None:
    models = [
        agenda_kit.load(AGENDAS / "valid" / f"small.{ext}") for ext in ("yaml", "json", "toml")
    ]
    dumps = [m.model_dump() for m in models]
    assert dumps[0] == dumps[1] == dumps[2]
    assert dumps[0]["parts"][0]["sessions"][1]["start"] == "10:30"


def test_unquoted_times_stay_times_in_yaml() -> None:
    # PyYAML (YAML 1.1) would read 15:00 as the sexagesimal integer 900.
    agenda = agenda_kit.loads(
        "agenda: 1\nevent: {id: e, title: T, date: 2024-10-17, timezone: Asia/Seoul,"
        " window: 15:00~17:20}\nparts:\n  - sessions:\n      - {start: 15:00, end: 17:20,"
        " title: All}\n"
    )
    session = agenda.parts[0].sessions[0]
    assert (agenda.event.window, session.start, session.end) == ("15:00~17:20", "15:00", "17:20")


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    valid = AGENDAS / "valid" / "small.yaml"
    invalid = AGENDAS / "invalid" / "AK201_gap.yaml"
    broken = AGENDAS / "broken" / "AK101_syntax-error.yaml"
    assert main(["check", str(valid)]) == 0
    assert main(["check", str(invalid)]) == 1
    # A warning alone does not fail the run.
    assert main(["check", str(AGENDAS / "invalid" / "AK204_window-not-filled.yaml")]) == 0
    assert main(["check", str(broken)]) == 2
    # A broken file among good ones: every file is reported, and the tool problem wins.
    assert main(["check", str(valid), str(broken), str(invalid)]) == 2
    assert main(["check", str(tmp_path / "missing.yaml")]) == 2
    out = capsys.readouterr().out
    assert "missing.yaml:1:1: AK100 [error] unreadable-file: cannot read the file" in out
    with pytest.raises(SystemExit) as exit_info:
        main(["check"])
    assert exit_info.value.code == 2


def test_cli_json_output_shape(capsys: pytest.CaptureFixture[str]) -> None:
    path = AGENDAS / "invalid" / "AK201_gap.yaml"
    assert main(["check", "--format", "json", str(path)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "version": 1,
        "diagnostics": [
            {
                "code": "AK201",
                "name": "gap",
                "severity": "error",
                "message": "3 minutes between `opening` (ends 15:03) and `keynote` (starts 15:06)",
                "location": {
                    "file": str(path),
                    "line": 12,
                    "column": 29,
                    "path": "parts[0].sessions[1].time",
                },
                "hint": "Start `keynote` at 15:03, or declare a break from 15:03 to 15:06.",
                "related": [
                    {"file": str(path), "line": 11, "column": 9, "path": "parts[0].sessions[0]"}
                ],
                "url": "https://github.com/agenda-kit/agenda-kit/blob/main/docs/rules/gap.md",
                # What the finding is about, by id: the later session first.
                "subjects": {"sessions": ["keynote", "opening"], "parts": ["main"]},
            }
        ],
        "summary": {"files": 1, "errors": 1, "warnings": 0, "infos": 0},
    }


def test_text_output_is_ruff_style(capsys: pytest.CaptureFixture[str]) -> None:
    path = AGENDAS / "invalid" / "AK207_weekday-mismatch.yaml"
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:7:12: AK207 [error] weekday-mismatch: 2024-10-17 is a Thursday (목), "
        "not a Friday (금)",
        "  = help: Write `weekday: 목`, or correct `event.date`.",
        "Found 1 error in 1 file.",
    ]


def test_agenda_built_in_python_reports_paths_in_document_order() -> None:
    loaded = agenda_kit.load(AGENDAS / "invalid" / "AK301_missing-transfer.yaml")
    built = agenda_kit.Agenda.model_validate(loaded.model_dump(by_alias=True))
    assert built.source is None
    found = [
        (d.location.file, d.location.path, d.code) for d in agenda_kit.check(built).diagnostics
    ]
    assert found == [
        ("<agenda>", "parts[0].sessions[1].time", "AK301"),
        ("<agenda>", "parts[0].sessions[4].time", "AK301"),
        ("<agenda>", "parts[0].sessions[7].time", "AK301"),
    ]


def test_loading_and_checking_restore_the_garbage_collector() -> None:
    import gc

    assert gc.isenabled()
    agenda_kit.check(agenda_kit.load(AGENDAS / "invalid" / "AK201_gap.yaml"))
    assert gc.isenabled()
    gc.disable()
    try:
        agenda_kit.check(agenda_kit.load(AGENDAS / "invalid" / "AK201_gap.yaml"))
        assert not gc.isenabled()  # a caller's choice is kept too
    finally:
        gc.enable()


def test_c1_control_characters_are_rejected_like_c0() -> None:
    # U+0085 (NEL) is a line break to some readers; titles stay on one line.
    with pytest.raises(agenda_kit.LoadError) as info:
        agenda_kit.loads(
            'agenda: 1\nevent: {id: e, title: "a\\x85b", date: 2025-03-18, timezone: UTC}\n'
            "parts: []\n"
        )
    assert [(d.code, d.message) for d in info.value.diagnostics] == [
        ("AK102", "`title` contains a control character (such as a line break)")
    ]
