"""`check` writes in one language: --lang, else the settings file's `lang`, else the
agenda's `event.lang`, else English; load errors and the summary line included. So do
the checks that export and invite run before they write."""

from __future__ import annotations

from pathlib import Path

import pytest

from agenda_kit.cli import main
from agenda_kit.commands._shared import load_checked, output_language
from agenda_kit.model import Agenda, CheckSettings

HEAD = "agenda: 1\nevent:\n  id: e\n  title: T\n  date: 2025-03-18\n"
BAD_ZONE = HEAD + "  timezone: Asia/Busan\nparts: []\n"
GAP = HEAD + (
    "  timezone: Asia/Seoul\n"
    "  lang: en\n"
    "parts:\n"
    "  - sessions:\n"
    "      - {id: a, title: A, time: 09:00-09:30}\n"
    "      - {id: b, title: B, time: 09:40-10:00}\n"
)
ZONE_KO = (
    "bad.yaml:6:13: AK105 [error] unsupported-timezone: `Asia/Busan`은 IANA 시간대가 아닙니다\n"
    "  = help: `Asia/Seoul`, `Europe/Berlin` 같은 이름을 쓰세요.\n"
)
ZONE_EN = (
    "bad.yaml:6:13: AK105 [error] unsupported-timezone: `Asia/Busan` is not an IANA time zone\n"
    "  = help: Use a name such as `Europe/Berlin` or `Asia/Seoul`.\n"
)
GAP_KO = (
    "gap.yaml:11:33: AK201 [error] gap: `a`(09:30 종료)와 `b`(09:40 시작) 사이가 10분 "
    "비어 있습니다\n"
    "  = see: gap.yaml:10:9 (parts[0].sessions[0])\n"
    "  = help: `b`를 09:30에 시작하거나, 09:30–09:40에 휴식(`kind: break`)을 넣으세요.\n"
)
GAP_EN = (
    "gap.yaml:11:33: AK201 [error] gap: 10 minutes between `a` (ends 09:30) and `b` "
    "(starts 09:40)\n"
    "  = see: gap.yaml:10:9 (parts[0].sessions[0])\n"
    "  = help: Start `b` at 09:30, or declare a break from 09:30 to 09:40.\n"
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "bad.yaml").write_text(BAD_ZONE, "utf-8")
    (tmp_path / "gap.yaml").write_text(GAP, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["check", *argv])
    return code, capsys.readouterr().out


def test_a_load_error_follows_the_settings_language(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "bad.yaml") == (2, ZONE_EN + "Found 1 error in 1 file.\n")
    (folder / ".agenda-kit.toml").write_text('lang = "ko"\n', "utf-8")
    assert run(capsys, "bad.yaml") == (2, ZONE_KO + "오류 1개를 찾았습니다 (파일 1개).\n")
    # A missing file too: nothing but the settings can say the language.
    code, out = run(capsys, "missing.yaml")
    assert (code, out.splitlines()[-1]) == (2, "오류 1개를 찾았습니다 (파일 1개).")
    assert "파일을 읽을 수 없습니다" in out


def test_settings_come_before_the_agenda_and_the_flag_before_both(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "gap.yaml") == (1, GAP_EN + "Found 1 error in 1 file.\n")
    (folder / ".agenda-kit.toml").write_text('lang = "ko"\n', "utf-8")
    assert run(capsys, "gap.yaml") == (1, GAP_KO + "오류 1개를 찾았습니다 (파일 1개).\n")
    assert run(capsys, "--lang", "en", "bad.yaml", "gap.yaml") == (
        2,
        ZONE_EN + GAP_EN + "Found 2 errors in 2 files.\n",
    )


def test_a_file_that_states_no_language_leaves_it_to_the_next(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "gap.yaml").write_text(GAP.replace("lang: en", "lang: ko"), "utf-8")
    assert run(capsys, "bad.yaml", "gap.yaml") == (
        2,
        ZONE_KO + GAP_KO + "오류 2개를 찾았습니다 (파일 2개).\n",
    )


def test_the_shared_fallback() -> None:
    event = {"id": "e", "title": "T", "date": "2025-03-18", "timezone": "UTC", "lang": "ko-KR"}
    agenda = Agenda.model_validate({"agenda": 1, "event": event, "parts": []})
    assert output_language(None, None, agenda) == "ko"
    assert output_language(None, CheckSettings(lang="en"), agenda) == "en"
    assert output_language("ko", CheckSettings(lang="en"), agenda) == "ko"
    assert output_language(None, CheckSettings(), None) == "en"
    assert output_language(None, None, None) == "en"


def test_export_reports_load_errors_and_findings_in_the_settings_language(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / ".agenda-kit.toml").write_text('lang = "ko"\n', "utf-8")
    assert main(["export", "bad.yaml", "-o", "bad.ics"]) == 2
    assert capsys.readouterr().err == ZONE_KO + "오류 1개를 찾았습니다 (파일 1개).\n"
    assert main(["export", "gap.yaml", "-o", "gap.ics"]) == 1
    err = capsys.readouterr().err
    # The gap, then the refusal to export (AK506), one summary line for both.
    refusal = (
        "gap.yaml:1:1: AK506 [error] refused-with-errors: 내보내지 않았습니다: "
        "아젠다에 오류가 1개 있습니다\n  = help: 오류를 고치거나 --force를 주세요.\n"
    )
    assert err == GAP_KO + refusal + "오류 2개를 찾았습니다 (파일 1개).\n"
    assert sorted(p.name for p in folder.iterdir()) == [".agenda-kit.toml", "bad.yaml", "gap.yaml"]


def test_the_flag_of_a_writing_command_comes_first(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / ".agenda-kit.toml").write_text('lang = "ko"\n', "utf-8")
    assert load_checked("bad.yaml", force=False, refusal="Not exported", lang="en") == 2
    assert capsys.readouterr().err == ZONE_EN + "Found 1 error in 1 file.\n"
    assert load_checked("gap.yaml", force=False, refusal="Not exported", lang="en") == 1
    assert capsys.readouterr().err == (
        GAP_EN + "Found 1 error in 1 file.\nNot exported: fix the errors above, or pass --force.\n"
    )
