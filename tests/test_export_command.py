"""What `agenda-kit export` says: findings of the registry (AK5xx and the checker's), in
the run's language (--lang, then the settings' lang, then event.lang), as text or JSON;
and that a run that fails writes nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from agenda_kit.cli import main

from .helpers import AGENDAS, SEED

HANGUL = re.compile(r"[\uac00-\ud7a3]")

AGENDA = """\
agenda: 1
event:
  id: e
  title: Tag
  date: 2025-03-18
  timezone: Europe/Berlin
  lang: LANG
  color: reddish
venue:
  name: Hub
  rooms: {a: {name: Saal, floor: 1}}
speakers: {ana: {name: Ana}}
parts:
  - id: am
    room: a
    sessions:
      - {id: talk, time: 09:00-09:30, title: Vortrag, speakers: [ana]}
"""


def write_agenda(folder: Path, lang: str, settings: str | None = None) -> Path:
    folder.mkdir(exist_ok=True)
    if settings is not None:
        (folder / ".agenda-kit.toml").write_text(f'lang = "{settings}"\n', "utf-8")
    path = folder / "agenda.yaml"
    path.write_text(AGENDA.replace("LANG", lang), "utf-8")
    return path


def export(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["export", *args])
    return code, capsys.readouterr().err


def korean_output(path: Path, out: Path) -> str:
    return (
        f"{path}:8:10: AK502 [warning] color-not-carried: `event.color: reddish`는 CSS3 색 "
        "이름이 아니어서 캘린더에 COLOR가 없습니다\n"
        "  = help: `teal` 같은 CSS3 색 이름을 쓰세요.\n"
        "경고 1개를 찾았습니다 (파일 1개).\n"
        f"{out}에 썼습니다 ({out.stat().st_size}바이트).\n"
    )


def english_output(path: Path, out: Path) -> str:
    return (
        f"{path}:8:10: AK502 [warning] color-not-carried: `event.color: reddish` is not a "
        "CSS3 colour name: the calendar has no COLOR\n"
        "  = help: Use a CSS3 colour name such as `teal`.\n"
        "Found 1 warning in 1 file.\n"
        f"Wrote {out} ({out.stat().st_size} bytes).\n"
    )


def categories(out: Path) -> list[str]:
    (event,) = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    return [str(c) for c in event["CATEGORIES"].cats]


def test_a_korean_agenda_gets_korean_output_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_agenda(tmp_path, "ko")
    out = tmp_path / "feed.ics"
    code, err = export([str(path), "-o", str(out)], capsys)
    assert (code, err) == (0, korean_output(path, out))
    assert categories(out) == ["발표", "am"]


def test_an_english_agenda_gets_english_output_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_agenda(tmp_path, "en")
    out = tmp_path / "feed.ics"
    code, err = export([str(path), "-o", str(out)], capsys)
    assert (code, err) == (0, english_output(path, out))
    assert not HANGUL.search(err)
    assert categories(out) == ["talk", "am"]


@pytest.mark.parametrize(
    ("event", "settings", "flag", "korean"),
    [
        ("en", "ko", None, True),  # the settings' lang over event.lang
        ("ko", "en", None, False),
        ("ko", "ko", "en", False),  # --lang over both
        ("en", "en", "ko", True),
        ("ko", None, "en", False),
    ],
)
def test_language_precedence_covers_messages_and_the_feed(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    event: str,
    settings: str | None,
    flag: str | None,
    korean: bool,
) -> None:
    path = write_agenda(tmp_path / "a", event, settings)
    out = tmp_path / "feed.ics"
    code, err = export([str(path), "-o", str(out), *(["--lang", flag] if flag else [])], capsys)
    assert (code, err) == (0, korean_output(path, out) if korean else english_output(path, out))
    assert categories(out) == (["발표", "am"] if korean else ["talk", "am"])


def test_findings_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_agenda(tmp_path, "ko")
    out = tmp_path / "feed.ics"
    out.write_bytes(b"previous")
    code, err = export([str(path), "--speaker", "kim", "--format", "json", "-o", str(out)], capsys)
    assert code == 2
    assert out.read_bytes() == b"previous"
    assert json.loads(err) == {
        "version": 1,
        "diagnostics": [
            {
                "code": "AK501",
                "name": "unknown-selection",
                "severity": "error",
                "message": "발표자 `kim`이 없습니다",
                "location": {"file": str(path), "line": 12, "column": 1, "path": "speakers"},
                "hint": "아젠다에 있는 발표자: `ana`.",
                "url": "https://github.com/agenda-kit/agenda-kit/blob/main/docs/rules/unknown-selection.md",
            },
            {
                "code": "AK502",
                "name": "color-not-carried",
                "severity": "warning",
                "message": "`event.color: reddish`는 CSS3 색 이름이 아니어서 캘린더에 COLOR가 "
                "없습니다",
                "location": {"file": str(path), "line": 8, "column": 10, "path": "event.color"},
                "hint": "`teal` 같은 CSS3 색 이름을 쓰세요.",
                "url": "https://github.com/agenda-kit/agenda-kit/blob/main/docs/rules/color-not-carried.md",
            },
        ],
        "summary": {"files": 1, "errors": 1, "warnings": 1, "infos": 0},
    }


def test_an_agenda_with_errors_is_refused_with_a_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gap = AGENDAS / "invalid" / "AK201_gap.yaml"
    out = tmp_path / "feed.ics"
    out.write_bytes(b"previous")
    code, err = export([str(gap), "--lang", "ko", "-o", str(out)], capsys)
    assert code == 1
    assert out.read_bytes() == b"previous"
    assert re.findall(r": (AK\d{3}) \[", err) == ["AK201", "AK506"]
    assert err.splitlines()[-3:] == [
        f"{gap}:1:1: AK506 [error] refused-with-errors: 내보내지 않았습니다: 아젠다에 오류가 "
        "1개 있습니다",
        "  = help: 오류를 고치거나 --force를 주세요.",
        "오류 2개를 찾았습니다 (파일 1개).",
    ]


@pytest.mark.parametrize("where", ["folder", "missing"])
def test_an_output_that_cannot_be_written_is_a_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    path = write_agenda(tmp_path, "en")
    out = tmp_path if where == "folder" else tmp_path / "nowhere" / "feed.ics"
    reason = "Is a directory" if where == "folder" else "No such file or directory"
    code, err = export([str(path), "-o", str(out)], capsys)
    assert code == 2
    assert err.splitlines()[-3:] == [
        f"{out}:1:1: AK503 [error] output-unwritable: cannot write {out}: {reason}",
        "  = help: Check the path and its permissions.",
        "Found 1 error, 1 warning in 1 file.",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.yaml"]


def test_what_another_format_cannot_carry_is_a_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "schedule.xml"
    code, err = export([str(SEED), "-o", str(out)], capsys)
    assert code == 0
    assert err == (
        f"{SEED}:1:1: AK507 [warning] export-not-carried: frab에는 방 이동이 없어 이동 세션은 "
        "출발하는 방의 일정이 됩니다\n"
        "  = help: 할 일은 없습니다. 이동 시간은 그대로입니다.\n"
        "경고 1개를 찾았습니다 (파일 1개).\n"
        f"{out}에 썼습니다 ({out.stat().st_size}바이트, frab-xml).\n"
    )
    code, err = export([str(SEED), "--lang", "en", "-o", str(out)], capsys)
    assert err.splitlines()[0].endswith(
        "frab has no room changes: a transfer is an event in the room it starts in"
    )


def test_calendar_options_for_another_format_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "s.csv"
    code, err = export([str(SEED), "--lang", "en", "--per", "day", "-o", str(out)], capsys)
    assert (code, err) == (
        2,
        f"{SEED}:1:1: AK508 [error] option-not-for-format: --per, --speaker and --remind are "
        "for calendars (--to ics), not csv\n"
        "  = help: Leave them out, or write a calendar with --to ics.\n"
        "Found 1 error in 1 file.\n",
    )
    assert not out.exists()


def test_an_unreadable_agenda_is_reported_as_check_reports_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = AGENDAS / "broken" / "AK102_invalid-value.yaml"
    code, err = export([str(broken), "--lang", "ko", "-o", str(tmp_path / "x.ics")], capsys)
    assert code == 2
    assert list(tmp_path.iterdir()) == []
    assert main(["check", "--lang", "ko", str(broken)]) == 2
    checked = capsys.readouterr().out
    assert HANGUL.search(checked)
    assert err == checked


def test_exporters_notes_are_located_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(
        "agenda: 1\n"
        "event: {id: e, title: E, date: 2025-03-18, timezone: Europe/Berlin}\n"
        "parts:\n"
        "  - sessions:\n"
        '      - {id: a, time: 09:00-09:30, title: "A \\uffff"}\n'
        "      - {id: b, title: B}\n",
        "utf-8",
    )
    out = tmp_path / "s.xml"
    code, err = export([str(path), "--force", "-o", str(out)], capsys)
    assert code == 0
    found = [line for line in err.splitlines() if "AK507" in line]
    assert found == [
        f"{path}:1:1: AK507 [warning] export-not-carried: sessions without a room are listed "
        "in the room 'E'",
        f"{path}:6:9: AK507 [warning] export-not-carried: `b` has no resolved time: left out",
        f"{path}:1:1: AK507 [warning] export-not-carried: characters XML cannot hold (such as "
        "U+FFFF) were replaced by U+FFFD in `<title>`",
    ]
