"""Settings: files found by walking up, the agenda's own block, the command line,
severities, rule options, scoped exceptions and inline suppressions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import agenda_kit
from agenda_kit.cli import main
from agenda_kit.config import ConfigError, discover, load_settings
from agenda_kit.model import CheckSettings

from .helpers import AGENDAS

GAP = (AGENDAS / "invalid" / "AK201_gap.yaml").read_text("utf-8")
PLANTED = (AGENDAS / "planted" / "conference.yaml").read_text("utf-8")


def findings(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[tuple[str, str]]]:
    code = main(["check", "--format", "json", *args])
    data = json.loads(capsys.readouterr().out)
    return code, [(d["code"], d["severity"]) for d in data["diagnostics"]]


def test_pyproject_is_found_from_a_subfolder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.agenda-kit]\nignore = ["gap"]\n', "utf-8"
    )
    folder = tmp_path / "agendas" / "2025"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_text(GAP, "utf-8")
    assert discover(folder) == tmp_path / "pyproject.toml"
    assert findings(capsys, str(folder / "a.yaml")) == (0, [])


def test_agenda_kit_toml_wins_over_pyproject_further_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.agenda-kit]\nignore = ["gap"]\n', "utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / ".agenda-kit.toml").write_text('[severity]\ngap = "warning"\n', "utf-8")
    (inner / "a.yaml").write_text(GAP, "utf-8")
    # The nearest settings file applies, alone: gap is reported, as a warning.
    assert findings(capsys, str(inner / "a.yaml")) == (0, [("AK201", "warning")])
    assert findings(capsys, "--fail-on", "warning", str(inner / "a.yaml"))[0] == 1


def test_block_in_the_agenda_and_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(GAP + "x-agenda-kit:\n  severity: {AK2: info}\n", "utf-8")
    assert findings(capsys, str(path)) == (0, [("AK201", "info")])
    # The command line comes last: --select replaces, so gap is back at its severity
    # from the block; --ignore removes it.
    assert findings(capsys, "--select", "gap", str(path)) == (0, [("AK201", "info")])
    assert findings(capsys, "--ignore", "AK201", str(path)) == (0, [])


def test_more_specific_selector_wins() -> None:
    agenda = agenda_kit.loads(GAP, name="gap.yaml")
    settings = CheckSettings(select=["AK201"], ignore=["AK2"])
    assert [d.code for d in agenda_kit.check(agenda, settings=settings).diagnostics] == ["AK201"]
    settings = CheckSettings(select=["AK2"], ignore=["gap"])
    assert agenda_kit.check(agenda, settings=settings).diagnostics == []


def test_exceptions_scoped_to_sessions_rooms_and_speakers() -> None:
    agenda = agenda_kit.loads(PLANTED, name="conference.yaml")
    names = [d.name for d in agenda_kit.check(agenda).diagnostics]
    assert sorted(names) == ["room-conflict", "speaker-conflict", "speaker-unavailable"]

    def without(**exception: object) -> list[str]:
        settings = CheckSettings.model_validate({"exceptions": [exception]})
        return sorted(d.name for d in agenda_kit.check(agenda, settings=settings).diagnostics)

    assert without(rule="speaker-conflict", speakers=["alan"]) == [
        "room-conflict", "speaker-unavailable"
    ]  # fmt: skip
    assert without(rule="AK4", speakers=["grace"]) == ["room-conflict", "speaker-conflict"]
    assert without(rule="room-conflict", rooms=["main"], reason="two stages") == [
        "speaker-conflict", "speaker-unavailable"
    ]  # fmt: skip
    assert without(rule="room-conflict", sessions=["lab-demo"]) == [
        "speaker-conflict", "speaker-unavailable"
    ]  # fmt: skip
    # An exception for another session or speaker leaves the finding alone.
    assert without(rule="speaker-conflict", speakers=["ada"]) == [
        "room-conflict", "speaker-conflict", "speaker-unavailable"
    ]  # fmt: skip


def test_rule_options() -> None:
    text = (
        "agenda: 1\nevent: {id: e, title: E, date: 2025-03-18, timezone: Europe/Berlin}\n"
        "venue: {name: V, rooms: {a: {name: A}, b: {name: B}}}\n"
        "parts:\n  - sessions:\n"
        "      - {id: one, title: One, time: 09:00-09:30, room: a}\n"
        "      - {id: two, title: Two, time: 09:30-13:30, room: b}\n"
    )
    agenda = agenda_kit.loads(text)
    assert [d.name for d in agenda_kit.check(agenda).diagnostics] == ["duration-bounds"]
    settings = CheckSettings.model_validate({
        "rules": {
            "duration-bounds": {"talk": {"max": 300}},
            "missing-transfer": {"default-minutes": 3},
        }
    })  # fmt: skip
    assert [d.message for d in agenda_kit.check(agenda, settings=settings).diagnostics] == [
        "`two` in `b` follows `one` in `a` with no transfer; the venue needs 3 minutes"
    ]


def test_invalid_settings_are_reported_with_positions(tmp_path: Path) -> None:
    path = tmp_path / ".agenda-kit.toml"
    path.write_text('select = ["gap"]\nignore = ["AK0"]\nfail-on = "never"\n', "utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert [(d.location.line, d.location.column, d.code) for d in info.value.diagnostics] == [
        (3, 11, "AK102")
    ]
    path.write_text('select = ["gap"]\nignore = ["AK0"]\n', "utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    ((line, column, message),) = [
        (d.location.line, d.location.column, d.message) for d in info.value.diagnostics
    ]
    assert (line, column, message) == (2, 11, "`ignore`: `AK0` names no rule")


def test_show_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".agenda-kit.toml").write_text(
        'ignore = ["missing-id"]\n[rules.duration-bounds]\ntalk = {max = 240}\n', "utf-8"
    )
    path = tmp_path / "a.yaml"
    path.write_text(GAP + "x-agenda-kit: {severity: {gap: warning}}\n", "utf-8")
    assert main(["check", "--show-config", "--select", "AK2", str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "select": ["AK2"],
        "ignore": ["missing-id"],
        "severity": {"gap": "warning"},
        "rules": {"duration-bounds": {"talk": {"max": 240}}},
        "exceptions": [],
        "flex": {},
    }


def test_korean_messages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        GAP.replace("timezone: Asia/Seoul", "timezone: Asia/Seoul\n  lang: ko"), "utf-8"
    )
    assert main(["check", "--format", "json", str(path)]) == 1
    (diagnostic,) = json.loads(capsys.readouterr().out)["diagnostics"]
    assert diagnostic["message"] == (
        "`opening`(15:03 종료)와 `keynote`(15:06 시작) 사이가 3분 비어 있습니다"
    )
    assert (diagnostic["code"], diagnostic["name"]) == ("AK201", "gap")
    # --lang wins over event.lang, for load errors too.
    assert main(["check", "--lang", "en", "--format", "concise", str(path)]) == 1
    assert "3 minutes between" in capsys.readouterr().out
    broken = AGENDAS / "broken" / "AK102_invalid-value.yaml"
    assert main(["check", "--lang", "ko", "--format", "concise", str(broken)]) == 2
    assert "알 수 없는 키 `speakrs`" in capsys.readouterr().out


def test_unknown_rules_and_bad_options_anywhere_are_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        GAP + "x-agenda-kit:\n  select: [gapp]\n  rules:\n"
        "    missing-transfer: {default-minutes: three}\n"
        "    duration-bounds: {talk: {mxa: 5}}\n    gap: {x: 1}\n",
        "utf-8",
    )
    assert main(["check", "--format", "json", str(path)]) == 2
    found = [
        (d["location"]["line"], d["message"])
        for d in json.loads(capsys.readouterr().out)["diagnostics"]
    ]
    assert found == [
        (16, "`select`: `gapp` names no rule"),
        (18, "`default-minutes`: Input should be a valid integer"),
        (19, "`mxa`: Extra inputs are not permitted"),
        (20, "`gap`: this rule takes no options"),
    ]
    # On the command line too: a typo must not switch the checker off.
    assert main(["check", "--select", "gapp", str(AGENDAS / "invalid" / "AK201_gap.yaml")]) == 2
    assert "`gapp` names no rule" in capsys.readouterr().err


def test_korean_summary_line(capsys: pytest.CaptureFixture[str]) -> None:
    path = AGENDAS / "invalid" / "AK204_window-not-filled.yaml"
    assert main(["check", "--lang", "ko", "--format", "concise", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "경고 2개를 찾았습니다 (파일 1개)."
