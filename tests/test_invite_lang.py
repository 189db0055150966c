"""``agenda-kit invite`` in the language the run resolves (``--lang``, the settings
file's ``lang``, ``event.lang``), and its findings as JSON (``--format json``): codes,
positions and text of every problem, whatever file it is in."""

from __future__ import annotations

import json
import re
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as email_default
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agenda_kit.cli import main
from agenda_kit.ical.state import STATE_FILE

SCENARIO = Path(__file__).parent / "invite" / "scenario.yaml"
EPOCH = "1742288400"  # 2025-03-18 09:00Z
HANGUL = re.compile("[\uac00-\ud7a3]")


def run(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def agenda_in(folder: Path, lang: str | None) -> Path:
    """The scenario with ``event.lang`` set (or none)."""
    text = SCENARIO.read_text("utf-8")
    if lang is not None:
        text = text.replace(
            "  timezone: Europe/Berlin\n", f"  timezone: Europe/Berlin\n  lang: {lang}\n"
        )
    path = folder / "agenda.yaml"
    path.write_text(text, "utf-8")
    return path


def mail(path: Path) -> tuple[str, str]:
    """Subject and plain text of an .eml."""
    found = message_from_bytes(path.read_bytes(), policy=email_default)
    assert isinstance(found, EmailMessage)
    body = found.get_body(("plain",))
    assert body is not None
    return str(found["Subject"]), str(body.get_content()).replace("\r\n", "\n")


def everything(folder: Path) -> str:
    """The text of every file written: .ics as they are, .eml as read by a mail program."""
    out = []
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".eml":
            out += mail(path)
        elif path.is_file():
            out.append(path.read_text("utf-8"))
    return "\n".join(out)


# --- the whole run in one language --------------------------------------------------


def test_a_korean_agenda_gets_a_korean_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    agenda = agenda_in(tmp_path, "ko")
    out = tmp_path / "out"
    args = ["invite", str(agenda), "--to", "all", "--eml", "-o", str(out)]
    code, stdout, err = run([*args, "--dry-run"], capsys, monkeypatch)
    assert code == 0
    assert stdout.splitlines() == [
        f"새 초대: {who} morning-{item}@agenda-kit SEQUENCE:0 -> {out / who / item}.ics"
        for who, item in (
            ("ana@example.org", "keynote"),
            ("ana@example.org", "talk-c"),
            ("bo@example.org", "talk-a"),
            ("cy@example.org", "talk-b"),
        )
    ]
    assert err == "시험 실행: 보낼 메시지 4개(새 초대 4개). 아무것도 쓰지 않았습니다.\n"
    code, stdout, err = run(args, capsys, monkeypatch)
    assert (code, err) == (0, f"{out}: 보낼 메시지 4개(새 초대 4개).\n")
    assert mail(out / "bo@example.org" / "talk-a.eml") == (
        "초대: Talk A @ 2025-03-18 10:30–11:00 (Europe/Berlin)",
        "Morning programme의 다음 순서에 초대합니다.\n"
        "\n"
        "Talk A\n"
        "\n"
        "일시: 2025-03-18 10:30–11:00 (Europe/Berlin)\n"
        "장소: Main room, Hall\n"
        "주최: Programme Team <team@example.org>\n"
        "\n"
        "담당: Bo\n"
        "\n"
        "-- \n"
        "캘린더 프로그램에서 이 초대를 추가하고 회신할 수 있습니다.\n",
    )
    assert (
        "DESCRIPTION:담당: Bo\r\n" in (out / "bo@example.org" / "talk-a.ics").read_bytes().decode()
    )
    # Talk A is retitled and moved, talk C is gone: an update and a cancellation.
    text = agenda.read_text("utf-8")
    text = text.replace("time: 10:30-11:00, title: Talk A,", "time: 10:30-11:00, title: Talk A2,")
    text = text.replace(
        "      - {id: talk-c, time: 12:00-12:30, title: Talk C, speakers: [ana]}\n", ""
    )
    agenda.write_text(text, "utf-8")
    code, stdout, err = run([*args, "--dry-run"], capsys, monkeypatch)
    assert (code, stdout.splitlines()) == (
        0,
        [
            f"내용 변경 (제목): bo@example.org morning-talk-a@agenda-kit SEQUENCE:0 -> "
            f"{out / 'bo@example.org/talk-a.ics'}",
            f"취소: ana@example.org morning-talk-c@agenda-kit SEQUENCE:1 -> "
            f"{out / 'ana@example.org/talk-c.ics'}",
        ],
    )
    assert err == (
        "시험 실행: 보낼 메시지 2개(내용 변경 1개, 취소 1개), 변경 없음 2개(다시 쓰지 않음). "
        "아무것도 쓰지 않았습니다.\n"
    )
    code, stdout, err = run(args, capsys, monkeypatch)
    assert (code, err) == (
        0,
        f"{out}: 보낼 메시지 2개(내용 변경 1개, 취소 1개), 변경 없음 2개(다시 쓰지 않음).\n",
    )
    assert mail(out / "ana@example.org" / "talk-c.eml") == (
        "취소: Talk C @ 2025-03-18 12:00–12:30 (Europe/Berlin)",
        "Morning programme의 이 순서가 취소되었습니다.\n"
        "\n"
        "Talk C\n"
        "\n"
        "일시: 2025-03-18 12:00–12:30 (Europe/Berlin)\n"
        "장소: Main room, Hall\n"
        "주최: Programme Team <team@example.org>\n",
    )
    assert mail(out / "bo@example.org" / "talk-a.eml")[0] == (
        "변경된 초대: Talk A2 @ 2025-03-18 10:30–11:00 (Europe/Berlin)"
    )


@pytest.mark.parametrize(
    ("lang", "flag"), [("en", []), (None, []), ("ko", ["--lang", "en"])], ids=str
)
def test_an_english_run_has_no_korean_anywhere(
    lang: str | None,
    flag: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    agenda = agenda_in(tmp_path, lang)
    out = tmp_path / "out"
    args = ["invite", str(agenda), "--to", "all", "--eml", "--publish", "-o", str(out), *flag]
    code, stdout, err = run([*args, "--dry-run"], capsys, monkeypatch)
    assert code == 0
    assert stdout.splitlines()[0] == (
        f"new: ana@example.org morning-keynote@agenda-kit SEQUENCE:0 -> "
        f"{out / 'ana@example.org/keynote.ics'}"
    )
    assert err == "Dry run: 4 messages to send (4 new); nothing written.\n"
    code, stdout, err = run(args, capsys, monkeypatch)
    assert (code, err) == (0, f"{out}: 4 messages to send (4 new), 3 calendars.\n")
    written = everything(out)
    assert HANGUL.findall(stdout + err + written) == []
    assert mail(out / "bo@example.org" / "talk-a.eml")[1].splitlines()[-1] == (
        "Your calendar program can add this invitation and reply to it."
    )
    assert (
        "DESCRIPTION:Speakers: Bo\r\n"
        in (out / "bo@example.org" / "talk-a.ics").read_bytes().decode()
    )


def test_the_settings_file_language_wins_over_the_agenda_and_the_flag_over_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    agenda = agenda_in(tmp_path, "en")
    (tmp_path / ".agenda-kit.toml").write_text('lang = "ko"\n', "utf-8")
    args = ["invite", str(agenda), "--to", "bo", "-o", str(tmp_path / "out"), "--dry-run"]
    assert run(args, capsys, monkeypatch)[2] == (
        "시험 실행: 보낼 메시지 1개(새 초대 1개). 아무것도 쓰지 않았습니다.\n"
    )
    assert run([*args, "--lang", "en"], capsys, monkeypatch)[2] == (
        "Dry run: 1 message to send (1 new); nothing written.\n"
    )


def test_findings_of_a_korean_run_are_korean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    agenda = agenda_in(tmp_path, "ko")
    people = tmp_path / "people.csv"
    people.write_text("email,name\nana@example.org,A\x85B\n", "utf-8")
    out = tmp_path / "out"
    args = ["invite", str(agenda), "--attendees", str(people), "-o", str(out)]
    code, stdout, err = run(args, capsys, monkeypatch)
    assert (code, stdout) == (2, "")
    assert err == (
        f"{people}:2:17: AK714 [error] attendees-invalid: 이름을 쓸 수 없습니다: 제어 문자 "
        "U+0085가 있습니다\n"
        "  = help: 이름을 한 줄로, 10000자 이내로 쓰세요.\n"
    )
    code, _, err = run(["invite", str(agenda), "--to", "anna", "-o", str(out)], capsys, monkeypatch)
    assert (code, err) == (
        2,
        "--to:1:1: AK501 [error] unknown-selection: 발표자 `anna`가 없습니다\n"
        "  = help: `ana`의 오타인가요?\n",
    )
    code, _, err = run(["invite", str(agenda), "-o", str(out)], capsys, monkeypatch)
    assert (code, err) == (
        2,
        "--to:1:1: AK708 [error] invite-nobody: 초대할 사람이 없습니다: --to SPEAKER|all, "
        "--attendee, --attendees 중 하나를 주세요\n"
        "  = help: `--to all`은 모든 발표자를 자기 세션에 초대합니다.\n",
    )
    assert not out.exists()


def test_an_agenda_with_errors_is_refused_in_its_language_and_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    agenda = agenda_in(tmp_path, "ko")
    agenda.write_text(agenda.read_text("utf-8").replace("10:30-11:00", "10:33-11:00"), "utf-8")
    out = tmp_path / "out"
    args = ["invite", str(agenda), "--to", "all", "-o", str(out)]
    code, stdout, err = run(args, capsys, monkeypatch)
    assert (code, stdout) == (1, "")
    assert err.splitlines()[-2:] == [
        "오류 1개를 찾았습니다 (파일 1개).",
        "초대장을 쓰지 않았습니다: 위의 오류를 고치거나 --force를 주세요.",
    ]
    code, found, err = document([*args, "--lang", "en"], capsys, monkeypatch)
    assert (code, err) == (1, "")
    assert [(d["code"], d["message"]) for d in found["diagnostics"]] == [
        ("AK201", "3 minutes between `coffee` (ends 10:30) and `talk-a` (starts 10:33)"),
        ("AK506", "no invitations written: the agenda has 1 error(s)"),
    ]
    assert (found["summary"]["errors"], found["invitations"]) == (2, None)
    assert not out.exists()


# --- findings as JSON ---------------------------------------------------------------


def document(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, dict[str, Any], str]:
    code, stdout, err = run([*args, "--format", "json"], capsys, monkeypatch)
    return code, json.loads(stdout), err


def finding(
    code: str, name: str, message: str, hint: str, file: str, line: int, column: int
) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "severity": "error",
        "message": message,
        "location": {"file": file, "line": line, "column": column, "path": ""},
        "hint": hint,
        "url": f"https://github.com/agenda-kit/agenda-kit/blob/main/docs/rules/{name}.md",
    }


def refused(*diagnostics: dict[str, Any]) -> dict[str, Any]:
    """The document of a run that stopped at its findings."""
    return {
        "version": 1,
        "diagnostics": list(diagnostics),
        "summary": {"files": 1, "errors": len(diagnostics), "warnings": 0, "infos": 0},
        "invitations": None,
    }


def test_a_bad_attendee_file_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    people = tmp_path / "people.csv"
    people.write_text("email;name;role\nana@example.org;Ana;chair\nbo@example.org;Bo;boss\n")
    out = tmp_path / "out"
    args = ["invite", str(SCENARIO), "--attendees", str(people), "-o", str(out)]
    assert document(args, capsys, monkeypatch) == (
        2,
        refused(
            finding(
                "AK714",
                "attendees-invalid",
                "unknown role `boss`",
                "Use required, optional, chair or non-participant.",
                str(people),
                3,
                19,
            )
        ),
        "",
    )
    assert document([*args, "--lang", "ko"], capsys, monkeypatch)[1] == refused(
        finding(
            "AK714",
            "attendees-invalid",
            "알 수 없는 역할 `boss`",
            "required, optional, chair, non-participant 중 하나를 쓰세요.",
            str(people),
            3,
            19,
        )
    )
    people.write_text('email,name\n"ana@example.org\r\nBcc: evil@example.net",Ana\n')
    assert document(args, capsys, monkeypatch)[1] == refused(
        finding(
            "AK715",
            "invalid-email",
            "not an e-mail address: 'ana@example.org\\r\\nBcc: evil@example.net'",
            "the address is refused: it has the control character U+000D",
            str(people),
            2,
            1,
        )
    )
    people.write_bytes(b"email,name\nana@example.org,Ana\nbo@example.org,B\xf6\n")
    assert document(args, capsys, monkeypatch)[1] == refused(
        finding(
            "AK714",
            "attendees-invalid",
            "not UTF-8: invalid start byte",
            "Save it as UTF-8.",
            str(people),
            3,
            17,
        )
    )
    assert not out.exists()


def test_a_tampered_state_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    args = ["invite", str(SCENARIO), "--to", "all", "-o", str(out)]
    assert run(args, capsys, monkeypatch)[0] == 0
    state = out / STATE_FILE
    data = json.loads(state.read_text())
    data["messages"][2]["file"] = "../../victim.ics"
    state.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    before = state.read_bytes()
    lines = state.read_text().splitlines()
    line = next(i for i, x in enumerate(lines, 1) if "victim" in x)
    assert document(args, capsys, monkeypatch) == (
        2,
        refused(
            finding(
                "AK711",
                "state-tampered",
                "the state file is refused: message 3: `file` must be a path FOLDER/NAME.ics "
                "inside the output folder",
                "It was changed by hand or by another program: restore it from a backup, or "
                "pass the files that were sent with --previous.",
                str(state),
                line,
                4,
            )
        ),
        "",
    )
    assert document([*args, "--lang", "ko"], capsys, monkeypatch)[1]["diagnostics"][0][
        "message"
    ] == (
        "상태 파일을 쓸 수 없습니다: 3번째 메시지의 `file`: 출력 폴더 안의 FOLDER/NAME.ics "
        "경로여야 합니다"
    )
    assert state.read_bytes() == before  # kept as it was: nothing is written
    state.write_text('{"agenda-kit": 1, "messages": [], "bcc": "x@example.net"}\n')
    assert document(args, capsys, monkeypatch)[1] == refused(
        finding(
            "AK711",
            "state-tampered",
            "the state file is refused: unknown key `bcc` in the state file",
            "It was changed by hand or by another program: restore it from a backup, or "
            "pass the files that were sent with --previous.",
            str(state),
            1,
            35,
        )
    )


def test_a_bad_previous_mailing_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    previous = tmp_path / "previous.ics"
    previous.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\nMETHOD:REQUEST\r\n"
        b"BEGIN:VEVENT\r\nUID:one@other.example\r\nDTSTAMP:20250101T000000Z\r\n"
        b"DTSTART:20250318T080000Z\r\nDTEND:20250318T090000Z\r\nSUMMARY:One\r\n"
        b"ATTENDEE:mailto:ana@example.org\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:two@other.example\r\nDTSTAMP:20250101T000000Z\r\n"
        b"DTSTART:20250318T080000Z\r\nDTEND:20250318T090000Z\r\nSUMMARY:Two\r\n"
        b'ATTENDEE;ROLE=CHAIR;CN="Bo^nBcc: eve@example.net":mailto:bo@example.org\r\n'
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    out = tmp_path / "out"
    args = ["invite", str(SCENARIO), "--to", "all", "-o", str(out), "--previous", str(previous)]
    assert document(args, capsys, monkeypatch) == (
        2,
        refused(
            finding(
                "AK713",
                "previous-untrusted",
                "the CN 'Bo\\nBcc: eve@example.net' is refused: it has the control character "
                "U+000A",
                "Pass the files that were sent, unchanged.",
                str(previous),
                19,  # the line of the ATTENDEE
                1,
            )
        ),
        "",
    )
    previous.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n")
    assert document(args, capsys, monkeypatch)[:2] == (
        2,
        refused(
            finding(
                "AK712",
                "previous-unreadable",
                "no VEVENT could be read from this file",
                "Pass the .ics files that were sent.",
                str(previous),
                2,
                1,
            )
        ),
    )
    assert not out.exists()


def test_a_run_as_json_lists_its_messages_and_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    agenda = tmp_path / "agenda.yaml"
    agenda.write_text(
        SCENARIO.read_text("utf-8").replace(
            "  cy: {name: Cy, email: cy@example.org}\n", "  cy: {name: Cy}\n"
        ),
        "utf-8",
    )
    out = tmp_path / "out"
    code, found, err = document(
        ["invite", str(agenda), "--to", "all", "--eml", "-o", str(out)], capsys, monkeypatch
    )
    assert (code, err) == (0, "")
    message = {
        "change": "new",
        "what": [],
        "method": "REQUEST",
        "sequence": 0,
        "send": True,
    }
    sent = [
        ("ana@example.org", "keynote"),
        ("ana@example.org", "talk-c"),
        ("bo@example.org", "talk-a"),
    ]
    assert found == {
        "version": 1,
        "diagnostics": [
            {
                "code": "AK703",
                "name": "invite-speaker-no-email",
                "severity": "warning",
                "message": "speaker `cy` (Cy) has no `email`: not invited to 1 session (`talk-b`)",
                "location": {"file": str(agenda), "line": 15, "column": 3, "path": "speakers.cy"},
                "hint": "Add `email:` to `cy`, or send the invitation another way.",
                "url": "https://github.com/agenda-kit/agenda-kit/blob/main/docs/rules/"
                "invite-speaker-no-email.md",
                "subjects": {"speakers": ["cy"]},
            }
        ],
        "summary": {"files": 1, "errors": 0, "warnings": 1, "infos": 0},
        "invitations": {
            "folder": str(out),
            "dry_run": False,
            "written": True,
            "lang": "en",
            "summary": "3 messages to send (3 new)",
            "counts": {"new": 3},
            "messages": [
                message
                | {
                    "recipient": who,
                    "uid": f"morning-{item}@agenda-kit",
                    "file": f"{who}/{item}.ics",
                    "eml": f"{who}/{item}.eml",
                }
                for who, item in sent
            ],
            "calendars": [],
            "sent": [str(out / who / f"{item}.eml") for who, item in sent],
        },
    }


# --- the summary line, in both languages --------------------------------------------

CHANGES = ("new", "rescheduled", "updated", "reinstated", "cancelled", "unchanged")
KO_CHANGES = ("새 초대", "일정 변경", "내용 변경", "다시 초대", "취소")


@given(
    counts=st.dictionaries(st.sampled_from(CHANGES), st.integers(1, 10**6)),
    calendars=st.integers(0, 1000),
)
def test_the_summary_line_says_every_count_in_both_languages(
    counts: dict[str, int], calendars: int
) -> None:
    from agenda_kit.ical.invite.wording import summary

    sent = {k: v for k, v in counts.items() if k != "unchanged"}
    english = summary(counts, "en", calendars)
    found = re.fullmatch(
        r"(\d+) messages? to send(?: \((.*?)\))?(?:, (\d+) unchanged \(not rewritten\))?"
        r"(?:, (\d+) calendars?)?",
        english,
    )
    assert found is not None, english
    listed = dict(
        (word, int(n)) for n, word in (x.split(" ") for x in (found[2] or "").split(", ") if x)
    )
    assert (int(found[1]), listed) == (sum(sent.values()), sent)
    assert (found[3], found[4]) == (
        str(counts["unchanged"]) if "unchanged" in counts else None,
        str(calendars) if calendars else None,
    )
    words = dict(zip(CHANGES, KO_CHANGES, strict=False))
    listed_ko = ", ".join(f"{words[k]} {counts[k]}개" for k in CHANGES[:5] if k in counts)
    assert summary(counts, "ko", calendars) == (
        f"보낼 메시지 {sum(sent.values())}개"
        + (f"({listed_ko})" if listed_ko else "")
        + (f", 변경 없음 {counts['unchanged']}개(다시 쓰지 않음)" if "unchanged" in counts else "")
        + (f", 캘린더 {calendars}개" if calendars else "")
    )
    assert HANGUL.findall(english) == []
