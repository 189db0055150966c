"""The attacks of issue 8 on ``agenda-kit invite``, each reproduced and refused.

A tampered state file, a previous mailing someone else wrote and attendee files are
untrusted: nothing in them may write or delete outside the output folder, or put a line
into a calendar or a header into an e-mail. Outputs must not collide or escape.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from email import message_from_bytes
from email.policy import default as email_default
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from agenda_kit._paths import lock_folder, safe_name
from agenda_kit.cli import main
from agenda_kit.ical.state import STATE_FILE
from agenda_kit.model import MAX_TEXT_LENGTH

from .helpers import ROOT

SCENARIO = Path(__file__).parent / "invite" / "scenario.yaml"
EPOCH = "1742288400"
HELP = (
    "  = help: It was changed by hand or by another program: restore it from a backup, or "
    "pass the files that were sent with --previous.\n"
)


def run(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): b"/" if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The output folder of a first run: every speaker invited, with e-mails."""
    out = tmp_path / "out"
    code, _, err = run(
        ["invite", str(SCENARIO), "--to", "all", "--eml", "-o", str(out)], capsys, monkeypatch
    )
    assert code == 0, err
    return out


def tamper(out: Path, **changes: Any) -> tuple[Path, int]:
    """Change the first message of the state; the line of the first changed key."""
    state = out / STATE_FILE
    data = json.loads(state.read_text())
    data["messages"][0].update(changes)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    state.write_text(text)
    key = sorted(changes)[0]
    first = text.index('"messages"')
    line = text.count("\n", 0, text.index(f'"{key}"', first)) + 1
    return state, line


REFUSED = [
    ({"file": "../outside.ics"}, "`file` must be a path FOLDER/NAME.ics inside the output folder"),
    ({"file": "/tmp/abs.ics"}, "`file` must be a path FOLDER/NAME.ics inside the output folder"),
    (
        {"file": "ana@example.org/../../x.ics"},
        "`file` must be a path FOLDER/NAME.ics inside the output folder",
    ),
    (
        {"file": "ana@example.org\\x.ics"},
        "`file` must be a path FOLDER/NAME.ics inside the output folder",
    ),
    (
        {"file": "ana@example.org/.x.ics"},
        "`file` must be a path FOLDER/NAME.ics inside the output folder",
    ),
    (
        {"file": "ana@example.org/a/b.ics"},
        "`file` must be a path FOLDER/NAME.ics inside the output folder",
    ),
    (
        {"file": "ana@example.org/keynote.txt"},
        "`file` must be a path FOLDER/NAME.ics inside the output folder",
    ),
    (
        {"file": "bo@example.org/keynote.ics"},
        "`file` is not in the folder this tool names for the recipient",
    ),
    ({"eml": "../victim.txt"}, "`eml` must be the path of its .ics with .eml for .ics"),
    ({"eml": "ana@example.org/other.eml"}, "`eml` must be the path of its .ics with .eml for .ics"),
    (
        {"summary": "Keynote\r\nX-INJECTED:1"},
        "`summary` is refused: it has the control character U+000D",
    ),
    (
        {"location": "Main\nMETHOD:PUBLISH"},
        "`location` is refused: it has the control character U+000A",
    ),
    ({"uid": "x\r\nMETHOD:PUBLISH"}, "`uid` is refused: it has the control character U+000D"),
    ({"name": "A\x85B"}, "`name` is refused: it has the control character U+0085"),
    ({"role": "CHAIR\r\nX-INJECTED:1"}, "`role` is refused: it has the control character U+000D"),
    (
        {"role": "CHAIR;X=1"},
        "`role` a ROLE is a token of letters, digits and hyphens (such as REQ-PARTICIPANT)",
    ),
    (
        {"recipient": "ana@example.org\r\nBcc: evil@example.net"},
        "`recipient` is refused: it has the control character U+000D",
    ),
    (
        {"recipient": "ana@example.org>, evil@example.net"},
        "`recipient` the part before @ is neither a dot-atom nor a quoted string",
    ),
    ({"sequence": "1"}, "`sequence` must be 0 to 2147483647"),
    ({"sequence": True}, "`sequence` must be 0 to 2147483647"),
    ({"method": "PUBLISH"}, "`method` must be REQUEST or CANCEL"),
    ({"dtstamp": "2025-03-18"}, "`dtstamp` is not a UTC time like 20241001T090000Z"),
    ({"digest": "../../x"}, "`digest` must be 32 lower-case hex digits"),
    ({"via": ["everyone"]}, "`via` may only hold `speaker` and `attendee`"),
    ({"bcc": "evil@example.net"}, "`bcc` is not a field of a state record"),
]


@pytest.mark.parametrize(("changes", "problem"), REFUSED, ids=[str(c) for c, _ in REFUSED])
def test_a_tampered_state_is_refused_where_it_is_wrong_and_nothing_is_written(
    sent: Path,
    tmp_path: Path,
    changes: dict[str, Any],
    problem: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    state, line = tamper(sent, **changes)
    before = tree(tmp_path)
    code, out, err = run(
        ["invite", str(SCENARIO), "--to", "ana", "-o", str(sent)], capsys, monkeypatch
    )
    assert (code, out) == (2, "")
    assert (
        err == f"{state}:{line}:4: AK711 [error] state-tampered: the state file is refused: "
        f"message 1: {problem}\n{HELP}"
    )
    assert tree(tmp_path) == before


def test_a_recorded_eml_is_the_only_file_deleted(
    sent: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (sent / "ana@example.org" / "notes.txt").write_text("not ours")
    before = tree(sent)
    # A run without --eml: unchanged messages keep their .eml; a changed one (talk-c,
    # retitled) is sent as its .ics, and its stale .eml, recorded in the state, goes.
    moved = SCENARIO.read_text().replace("title: Talk C,", "title: Talk C (revised),")
    agenda = sent.parent / "moved.yaml"
    agenda.write_text(moved)
    code, _, err = run(["invite", str(agenda), "--to", "all", "-o", str(sent)], capsys, monkeypatch)
    assert code == 0, err
    after = tree(sent)
    assert sorted(set(before) - set(after)) == ["ana@example.org/talk-c.eml"]
    assert after["ana@example.org/notes.txt"] == b"not ours"


def previous_file(folder: Path, attendee: str) -> Path:
    path = folder / "previous.ics"
    path.write_bytes(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\nMETHOD:REQUEST\r\n"
            "BEGIN:VEVENT\r\nUID:gone@other.example\r\nDTSTAMP:20250101T000000Z\r\n"
            "DTSTART:20250318T080000Z\r\nDTEND:20250318T090000Z\r\nSUMMARY:Gone\\, soon\r\n"
            f"{attendee}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ).encode()
    )
    return path


@pytest.mark.parametrize(
    ("attendee", "problem"),
    [
        (
            'ATTENDEE;ROLE="REQ^nX-INJECTED:1":mailto:ana@example.org',
            "AK713 [error] previous-untrusted: the ROLE of an ATTENDEE of gone@other.example "
            "is refused: a ROLE is a token of "
            "letters, digits and hyphens (such as REQ-PARTICIPANT)",
        ),
        (
            "ATTENDEE:mailto:ana@example.org%0D%0ABcc:%20evil@example.net",
            "AK713 [error] previous-untrusted: an ATTENDEE of gone@other.example is not an "
            "e-mail address: the address is "
            "refused: it has the control character U+000D: "
            "'ana@example.org\\r\\nBcc: evil@example.net'",
        ),
        (
            'ATTENDEE;CN="Ana^nBcc: evil@example.net":mailto:ana@example.org',
            "AK713 [error] previous-untrusted: the CN 'Ana\\nBcc: evil@example.net' is "
            "refused: it has the control character U+000A",
        ),
    ],
)
def test_a_hostile_previous_mailing_is_refused(
    tmp_path: Path,
    attendee: str,
    problem: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    previous = previous_file(tmp_path, attendee)
    out = tmp_path / "out"
    args = [
        "invite",
        str(SCENARIO),
        "--to",
        "all",
        "--eml",
        "-o",
        str(out),
        "--previous",
        str(previous),
    ]
    code, stdout, err = run(args, capsys, monkeypatch)
    assert (code, stdout) == (2, "")
    assert err == (
        f"{previous}:11:1: {problem}\n  = help: Pass the files that were sent, unchanged.\n"
    )
    assert not out.exists()


def test_a_previous_mailing_is_cancelled_with_its_values_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    attendee = "ATTENDEE;ROLE=CHAIR;CN=\"Ana ^'A^' ^^ Müller\":mailto:ana@example.org"
    previous = previous_file(tmp_path, attendee)
    out = tmp_path / "out"
    args = [
        "invite",
        str(SCENARIO),
        "--to",
        "all",
        "--eml",
        "-o",
        str(out),
        "--previous",
        str(previous),
    ]
    code, _, err = run(args, capsys, monkeypatch)
    assert code == 0, err
    cancel = out / "ana@example.org" / safe_name("gone@other.example")
    ics = Path(f"{cancel}.ics").read_bytes()
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    assert Calendar.from_ical(ics)["METHOD"] == "CANCEL"
    assert sorted(event) == [
        "ATTENDEE", "DTEND", "DTSTAMP", "DTSTART", "ORGANIZER", "SEQUENCE", "STATUS",
        "SUMMARY", "UID",
    ]  # fmt: skip
    assert (str(event["SUMMARY"]), str(event["ATTENDEE"])) == (
        "Gone, soon",
        "mailto:ana@example.org",
    )
    assert dict(event["ATTENDEE"].params) == {"CN": 'Ana "A" ^ Müller', "ROLE": "CHAIR"}
    mail = message_from_bytes(Path(f"{cancel}.eml").read_bytes(), policy=email_default)
    assert [a.addr_spec for a in mail["To"].addresses] == ["ana@example.org"]
    assert mail["To"].addresses[0].display_name == 'Ana "A" ^ Müller'


@pytest.mark.parametrize(
    ("csv", "where", "message"),
    [
        (
            'email,name\n"ana@example.org\r\nBcc: evil@example.net",Ana\n',
            "2:1",
            "AK715 [error] invalid-email: not an e-mail address: "
            "'ana@example.org\\r\\nBcc: evil@example.net'\n"
            "  = help: the address is refused: it has the control character U+000D",
        ),
        (
            "email,name\nana@example.org>,evil@example.net\n",
            "2:1",
            "AK715 [error] invalid-email: not an e-mail address: `ana@example.org>`\n"
            "  = help: the domain is not a host name or an address literal",
        ),
        (
            "email,name\na b@example.org,A\n",
            "2:1",
            "AK715 [error] invalid-email: not an e-mail address: `a b@example.org`\n"
            "  = help: the part before @ is neither a dot-atom nor a quoted string",
        ),
        (
            "email,name\nana@example.org,A\x85B\n",
            "2:17",
            "AK714 [error] attendees-invalid: the name is refused: it has the control "
            "character U+0085\n  = help: Keep the name on one line, in at most 10000 characters.",
        ),
        (
            "email,name\nana@example.org,\x9b31mA\n",
            "2:17",
            "AK714 [error] attendees-invalid: the name is refused: it has the control "
            "character U+009B\n  = help: Keep the name on one line, in at most 10000 characters.",
        ),
    ],
)
def test_an_attendee_file_with_what_is_not_an_address_is_refused(
    tmp_path: Path,
    csv: str,
    where: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(csv.encode())
    out = tmp_path / "out"
    code, stdout, err = run(
        ["invite", str(SCENARIO), "--attendees", str(path), "--eml", "-o", str(out)],
        capsys,
        monkeypatch,
    )
    assert (code, stdout, err) == (2, "", f"{path}:{where}: {message}\n")
    assert not out.exists()


def test_an_attendee_name_with_a_c1_control_is_refused_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = [
        "invite",
        str(SCENARIO),
        "--attendee",
        "A\x85B <a@example.org>",
        "-o",
        str(tmp_path / "o"),
    ]
    code, _, err = run(args, capsys, monkeypatch)
    assert code == 2
    assert (
        err == "--attendee:1:1: AK714 [error] attendees-invalid: the name in "
        "'A\\x85B <a@example.org>' is refused: it has the control character U+0085\n"
        "  = help: Keep the name on one line, in at most 10000 characters.\n"
    )


def test_distinct_addresses_get_distinct_folders_and_calendars(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    people = [
        "o'brien@example.org",
        "o_brien@example.org",
        "o/brien@example.org",
        "O_Brien@example.org",
    ]
    args = ["invite", str(SCENARIO), "--publish", "-o", str(out)]
    for person in people:
        args += ["--attendee", person]
    code, _, err = run(args, capsys, monkeypatch)
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == [
        "agenda-kit-state.json",
        "o%27brien@example.org", "o%27brien@example.org.ics",
        "o%2Fbrien@example.org", "o%2Fbrien@example.org.ics",
        "o_brien@example.org", "o_brien@example.org.ics",
    ]  # fmt: skip
    for folder, address in [
        ("o%27brien@example.org", "o'brien@example.org"),
        ("o%2Fbrien@example.org", "o/brien@example.org"),
        ("o_brien@example.org", "o_brien@example.org"),
    ]:
        (event,) = Calendar.from_ical((out / folder / "am.part.ics").read_bytes()).walk("VEVENT")
        assert str(event["ATTENDEE"]).lower().replace("%2f", "/") == f"mailto:{address}"


def test_a_long_hangul_address_gets_a_shortened_folder_of_at_most_255_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = "가" * 89 + "나@example.kr", "가" * 89 + "다@example.kr"
    out = tmp_path / "out"
    args = [
        "invite",
        str(SCENARIO),
        "--publish",
        "--eml",
        "-o",
        str(out),
        "--attendee",
        first,
        "--attendee",
        second,
    ]
    code, _, err = run(args, capsys, monkeypatch)
    assert code == 0, err
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert len(folders) == 2 and folders[0] != folders[1]
    for name in folders:
        assert len(name.encode()) <= 251 and name.startswith("가" * 78)
        assert len((out / f"{name}.ics").name.encode()) <= 255
        assert sorted(p.name for p in (out / name).iterdir()) == ["am.part.eml", "am.part.ics"]
    assert safe_name(first.lower(), 251) in folders and safe_name(second.lower(), 251) in folders


def test_a_symlinked_recipient_folder_is_not_followed(
    sent: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for path in (sent / "ana@example.org").iterdir():
        path.unlink()
    (sent / "ana@example.org").rmdir()
    (sent / "ana@example.org").symlink_to(elsewhere)
    before = tree(sent)
    code, _, err = run(
        ["invite", str(SCENARIO), "--to", "all", "--eml", "-o", str(sent)], capsys, monkeypatch
    )
    assert code == 2
    assert (
        err == f"{sent / 'ana@example.org'}:1:1: AK504 [error] output-outside-folder: "
        f"`{sent / 'ana@example.org'}` lies outside the output folder `{sent}`: refused\n"
        "  = help: Use ids without `/`, `\\` or `..`; files are written only inside the folder.\n"
    )
    assert list(elsewhere.iterdir()) == []
    assert tree(sent) == before


def test_a_symlinked_state_file_is_refused(
    sent: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "target.json"
    (sent / STATE_FILE).rename(target)
    (sent / STATE_FILE).symlink_to(target)
    code, _, err = run(
        ["invite", str(SCENARIO), "--to", "all", "-o", str(sent)], capsys, monkeypatch
    )
    assert code == 2
    assert (
        err == f"{sent / STATE_FILE}:1:1: AK710 [error] state-unreadable: the state file is a "
        "symbolic link: refusing to read or replace it\n"
        "  = help: Replace the link with the state file itself.\n"
    )


def test_outputs_honour_the_umask_and_keep_the_mode_they_had(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    old = os.umask(0o027)
    try:
        code, _, err = run(
            ["invite", str(SCENARIO), "--to", "all", "-o", str(out)], capsys, monkeypatch
        )
        assert code == 0, err
        modes = {
            p.relative_to(out).as_posix(): p.stat().st_mode & 0o777
            for p in out.rglob("*")
            if p.is_file()
        }
        assert set(modes.values()) == {0o640}
        (out / "ana@example.org" / "talk-c.ics").chmod(0o600)
        moved = SCENARIO.read_text().replace("title: Talk C,", "title: Talk C (revised),")
        agenda = tmp_path / "moved.yaml"
        agenda.write_text(moved)
        os.umask(0o022)
        code, _, err = run(
            ["invite", str(agenda), "--to", "all", "-o", str(out)], capsys, monkeypatch
        )
        assert code == 0, err
        assert (out / "ana@example.org" / "talk-c.ics").stat().st_mode & 0o777 == 0o600
        export = tmp_path / "feed.ics"
        assert main(["export", str(SCENARIO), "-o", str(export)]) == 0
        assert export.stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(old)


def cli(args: list[str]) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), SOURCE_DATE_EPOCH=EPOCH)
    return subprocess.Popen(
        [sys.executable, "-m", "agenda_kit", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_a_second_run_waits_for_the_first(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    lock = lock_folder(out)  # a run in progress
    try:
        process = cli(["invite", str(SCENARIO), "--to", "all", "-o", str(out)])
        assert process.stderr is not None
        first = process.stderr.readline().decode()  # blocks until the run says something
        assert first == f"{out}: another agenda-kit invite run is writing here; waiting\n"
        time.sleep(0.5)
        assert process.poll() is None and list(out.iterdir()) == []
    finally:
        os.close(lock)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0
    assert err.decode() == f"{out}: 4 messages to send (4 new).\n"
    assert (out / STATE_FILE).exists()


def test_two_runs_at_once_lose_no_update(tmp_path: Path) -> None:
    for trial in range(3):
        out = tmp_path / f"out{trial}"
        groups = [
            [f"a{i}@example.org" for i in range(20)],
            [f"b{i}@example.org" for i in range(20)],
        ]
        processes = []
        for group in groups:
            args = ["invite", str(SCENARIO), "--per", "session", "-o", str(out)]
            for person in group:
                args += ["--attendee", person]
            processes.append(cli(args))
        for process in processes:
            _, err = process.communicate(timeout=300)
            assert process.returncode == 0, err.decode()
        state = json.loads((out / STATE_FILE).read_text())
        recipients = sorted({m["recipient"] for m in state["messages"]})
        assert recipients == sorted(groups[0] + groups[1])
        assert len(state["messages"]) == 40 * 4  # four talks (breaks left out)


def test_the_state_of_any_title_the_agenda_accepts_is_read_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks refuse what the model refuses, no more: a title with U+2028 and U+FFFF
    (which the model accepts) is recorded, and the next run reads its state."""
    agenda = tmp_path / "agenda.yaml"
    title = 'Talk\u2028A \uffff; \\ ^ "quoted"'
    agenda.write_text(
        SCENARIO.read_text().replace("title: Talk A,", f"title: {json.dumps(title)},")
    )
    out = tmp_path / "out"
    args = ["invite", str(agenda), "--to", "all", "--eml", "--publish", "-o", str(out)]
    code, _, err = run(args, capsys, monkeypatch)
    assert code == 0, err
    state = json.loads((out / STATE_FILE).read_text())
    assert title in [m["summary"] for m in state["messages"]]
    before = tree(out)
    code, _, err = run(args, capsys, monkeypatch)
    assert (code, err) == (
        0,
        f"{out}: 0 messages to send, 4 unchanged (not rewritten), 3 calendars.\n",
    )
    assert tree(out) == before


def test_a_run_removes_what_a_killed_run_left_and_nothing_else(
    sent: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = sent / "ana@example.org"
    (folder / ".talk-c.ics.0123456789ab.tmp").write_bytes(b"left by a kill")
    (folder / ".notes.txt.0123456789ab.tmp").write_bytes(b"not a file of ours")
    (sent / ".agenda-kit-state.json.abcdef012345.tmp").write_bytes(b"left by a kill")
    code, _, err = run(
        ["invite", str(SCENARIO), "--to", "all", "-o", str(sent)], capsys, monkeypatch
    )
    assert code == 0, err
    hidden = sorted(p.relative_to(sent).as_posix() for p in sent.rglob(".*"))
    assert hidden == ["ana@example.org/.notes.txt.0123456789ab.tmp"]


def _speaker_agenda(tmp_path: Path, email: str, title: str) -> Path:
    path = tmp_path / "a.yaml"
    path.write_text(
        "agenda: 1\n"
        "event: {id: e, title: T, date: 2025-03-18, timezone: Europe/Berlin,\n"
        "        organizer: {name: O, email: o@example.org}}\n"
        "speakers:\n"
        f"  ann: {{name: Ann, email: {json.dumps(email)}}}\n"
        "parts:\n"
        f"  - sessions: [{{id: s, title: {json.dumps(title)},\n"
        "                time: 09:00-10:00, speakers: [ann]}]\n",
        "utf-8",
    )
    return path


def test_a_speaker_address_the_model_takes_but_mail_cannot_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by fuzzing: the model's e-mail pattern takes a domain with brackets; the
    # e-mail writer raised ValueError after the plan was made.
    agenda = _speaker_agenda(tmp_path, "cy@exa[[1]]mple.org", "Talk")
    out = tmp_path / "out"
    assert (
        main(["invite", str(agenda), "-o", str(out), "--to", "all", "--eml", "--lang", "en"]) == 2
    )
    assert capsys.readouterr().err == (
        f"{agenda}:5:27: AK715 [error] invalid-email: not an e-mail address: "
        "'cy@exa[[1]]mple.org'\n  = help: the domain is not a host name or an address literal\n"
    )
    assert not out.exists()


def test_a_speaker_address_the_state_could_not_read_back_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by fuzzing: `bo&#0;@example.kr` was written (quoted) into the invitation and
    # unquoted into the state file, whose reading, like an attendee file's, takes only a
    # dot-atom or a quoted string before the @; the next run refused its own state.
    agenda = _speaker_agenda(tmp_path, "bo&#0;@example.kr", "Talk")
    out = tmp_path / "out"
    assert main(["invite", str(agenda), "-o", str(out), "--to", "all", "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        f"{agenda}:5:27: AK715 [error] invalid-email: not an e-mail address: "
        "'bo&#0;@example.kr'\n"
        "  = help: the part before @ is neither a dot-atom nor a quoted string\n"
    )
    assert not out.exists()


def test_an_organizer_address_mail_cannot_write_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by fuzzing: the organizer's address (From, ORGANIZER) was not checked as the
    # speakers' are, and the e-mail writer raised ValueError after the plan was made.
    agenda = _speaker_agenda(tmp_path, "ann@example.org", "Talk")
    agenda.write_text(agenda.read_text().replace("o@example.org", '"team@examp[[1]]le.org"'))
    out = tmp_path / "out"
    args = ["invite", str(agenda), "-o", str(out), "--to", "all", "--eml", "--lang", "en"]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        f"{agenda}:3:37: AK715 [error] invalid-email: not an e-mail address: "
        "'team@examp[[1]]le.org'\n"
        "  = help: the domain is not a host name or an address literal\n"
    )
    assert not out.exists()


def test_a_title_as_long_as_the_model_allows_is_invited_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by fuzzing: the state file refused the title its own run had written.
    agenda = _speaker_agenda(tmp_path, "ann@example.org", "가" * MAX_TEXT_LENGTH)
    out = tmp_path / "out"
    for _ in range(2):
        assert main(["invite", str(agenda), "-o", str(out), "--to", "all", "--lang", "en"]) == 0
    assert capsys.readouterr().err.endswith(
        f"{out}: 0 messages to send, 1 unchanged (not rewritten).\n"
    )


def test_a_longer_title_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by fuzzing: a title of a million characters was written into the state file
    # and the Subject, and the next run's bounded reading refused it.
    agenda = _speaker_agenda(tmp_path, "ann@example.org", "가" * (MAX_TEXT_LENGTH + 1))
    out = tmp_path / "out"
    assert main(["invite", str(agenda), "-o", str(out), "--to", "all", "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        f"{agenda}:7:31: AK102 [error] invalid-value: `title`: "
        f"String should have at most {MAX_TEXT_LENGTH} characters\n"
        "  = help: Correct the value as the message says; the format reference lists every key.\n"
        "Found 1 error in 1 file.\n"
    )
    assert not out.exists()
