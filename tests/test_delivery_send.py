"""``agenda-kit send`` against a real SMTP server (aiosmtpd) on a loopback port.

``invite --eml`` plans the messages of the scenario agenda; ``send`` delivers them, one
per recipient, and records each. The received messages are parsed again (email and
icalendar) and compared whole. Fault tests: a refused recipient, a server that drops
the connection after the third message, a run killed while it waits for the server,
and files of the folder changed by someone else."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from icalendar import Calendar

from .delivery_servers import PASSWORD, USER, Received, Smtp, make_certificate
from .helpers import ROOT, SCENARIO, T1, T2, changed_scenario

pytest.importorskip("aiosmtpd")

EVENT = "morning"
FIRST = [
    ("ana@example.org", "REQUEST", f"{EVENT}-keynote@agenda-kit", 0),
    ("ana@example.org", "REQUEST", f"{EVENT}-talk-c@agenda-kit", 0),
    ("bo@example.org", "REQUEST", f"{EVENT}-talk-a@agenda-kit", 0),
    ("cy@example.org", "REQUEST", f"{EVENT}-talk-b@agenda-kit", 0),
]


def parsed(received: list[Received]) -> list[tuple[str, str, str, int]]:
    """(recipient, METHOD, UID, SEQUENCE) of each message, in the order received, after
    checking that it is one iMIP message to that one recipient."""
    out = []
    for item in received:
        message = message_from_bytes(item.data, policy=policy.default)
        (recipient,) = item.rcpt_tos
        assert message["To"].addresses[0].addr_spec == recipient
        assert item.mail_from == "team@example.org" == message["From"].addresses[0].addr_spec
        (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
        calendar = Calendar.from_ical(part.get_payload(decode=True))
        (event,) = calendar.walk("VEVENT")
        method = str(calendar["METHOD"])
        assert part.get_param("method") == method
        assert str(event["ATTENDEE"]) == f"mailto:{recipient}"
        out.append((recipient, method, str(event["UID"]), int(event["SEQUENCE"])))
    return out


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    server = Smtp().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The scenario's invitations, planned by ``invite --to all --eml``."""
    from agenda_kit.cli import main

    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    monkeypatch.delenv("AGENDA_KIT_SMTP_USER", raising=False)
    monkeypatch.delenv("AGENDA_KIT_SMTP_PASSWORD", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", T1)
    out = tmp_path / "out"
    assert main(["invite", str(SCENARIO), "--to", "all", "--eml", "-o", str(out)]) == 0
    return out


def send(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    from agenda_kit.cli import main

    capsys.readouterr()
    code = main(["send", *args, "--lang", "en"])
    out, err = capsys.readouterr()
    assert PASSWORD not in out + err
    return code, out.splitlines(), err


def line(folder: Path, recipient: str, item: str, method: str = "REQUEST", seq: int = 0) -> str:
    return (
        f"{folder}/{recipient}/{item}.eml -> {recipient} "
        f"({method} {EVENT}-{item}@agenda-kit SEQUENCE:{seq})"
    )


def sent_log(folder: Path) -> list[tuple[str, str, int, str]]:
    data = json.loads((folder / "agenda-kit-sent.json").read_text("utf-8"))
    assert data["event"] == EVENT
    return sorted((e["recipient"], e["uid"], e["sequence"], e["file"]) for e in data["sent"])


def test_send_everything_once_then_only_what_changed(
    smtp: Smtp, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from agenda_kit.cli import main

    code, out, err = send([str(folder), "--smtp", smtp.address], capsys)
    assert code == 0, err
    assert out == [
        line(folder, "ana@example.org", "keynote"),
        line(folder, "ana@example.org", "talk-c"),
        line(folder, "bo@example.org", "talk-a"),
        line(folder, "cy@example.org", "talk-b"),
    ]
    assert err == f"{folder}: 4 sent now, 0 sent before, 0 pending\n"
    assert parsed(smtp.received) == FIRST
    # The bytes sent are the files invite wrote.
    for item, (recipient, _, uid, _) in zip(smtp.received, FIRST, strict=True):
        name = uid.split("@")[0].removeprefix(f"{EVENT}-")
        assert item.data.replace(b"\r\n", b"\n") == (
            (folder / recipient / f"{name}.eml").read_bytes().replace(b"\r\n", b"\n")
        )
    assert sent_log(folder) == [
        (r, u, s, f"{r}/{u.split('@')[0].removeprefix(EVENT + '-')}.eml") for r, _, u, s in FIRST
    ]

    # A second run sends nothing.
    code, out, err = send([str(folder), "--smtp", smtp.address], capsys)
    assert (code, out, err) == (0, [], f"{folder}: 0 sent now, 4 sent before, 0 pending\n")
    assert len(smtp.received) == 4

    # The agenda changes: the keynote moves, talk B is retitled, talk C is removed.
    os.environ["SOURCE_DATE_EPOCH"] = T2
    changed = changed_scenario(tmp_path / "changed.yaml")
    assert main(["invite", str(changed), "--to", "all", "--eml", "-o", str(folder)]) == 0
    code, out, err = send([str(folder), "--smtp", smtp.address], capsys)
    assert code == 0, err
    assert parsed(smtp.received[4:]) == [
        ("ana@example.org", "REQUEST", f"{EVENT}-keynote@agenda-kit", 1),
        ("ana@example.org", "CANCEL", f"{EVENT}-talk-c@agenda-kit", 1),
        ("cy@example.org", "REQUEST", f"{EVENT}-talk-b@agenda-kit", 0),
    ]
    assert err == f"{folder}: 3 sent now, 1 sent before, 0 pending\n"
    code, out, err = send([str(folder), "--smtp", smtp.address], capsys)
    assert (code, out) == (0, [])
    assert len(smtp.received) == 7


def test_a_refused_recipient_is_reported_and_sent_by_the_next_run(
    smtp: Smtp, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    smtp.refuse = {"bo@example.org"}
    code, out, err = send([str(folder), "--smtp", smtp.address], capsys)
    assert code == 1
    assert len(out) == 3 and "bo@example.org" not in "".join(out)
    assert (
        f"{folder}/bo@example.org/talk-a.eml:1:1: AK912 [error] smtp-recipient-refused: the SMTP "
        "server refused bo@example.org: 550 5.1.1 mailbox unavailable "
        "(bo@example.org/talk-a.eml not sent)\n" in err
    )
    assert err.endswith(f"{folder}: 3 sent now, 0 sent before, 1 pending\n")
    assert [r for r, *_ in parsed(smtp.received)] == [
        "ana@example.org",
        "ana@example.org",
        "cy@example.org",
    ]
    # What is pending, as the state says it.
    code, out, err = send([str(folder), "--smtp", smtp.address, "--dry-run"], capsys)
    assert (code, out) == (0, [line(folder, "bo@example.org", "talk-a")])
    assert err == f"{folder} (dry run, nothing sent): 1 to send, 3 sent before\n"
    assert len(smtp.received) == 3

    smtp.refuse = set()
    code, out, err = send([str(folder), "--smtp", smtp.address], capsys)
    assert (code, out) == (0, [line(folder, "bo@example.org", "talk-a")])
    assert sorted(parsed(smtp.received)) == FIRST
    assert send([str(folder), "--smtp", smtp.address], capsys)[:2] == (0, [])


def test_a_dropped_connection_loses_nothing_and_sends_nothing_twice(
    smtp: Smtp, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    smtp.drop_after = 3
    code, out, err = send([str(folder), "--smtp", smtp.address], capsys)
    assert code == 1
    assert len(out) == 3
    assert f"AK911 [error] smtp-unreachable: the SMTP server {smtp.address} closed the " in err
    assert "; 1 messages not sent\n" in err
    assert err.endswith(f"{folder}: 3 sent now, 0 sent before, 1 pending\n")
    assert parsed(smtp.received) == FIRST[:3]
    assert [(r, u) for r, u, *_ in sent_log(folder)] == [(r, u) for r, _, u, _ in FIRST[:3]]

    smtp.drop_after = None
    code, out, err = send([str(folder), "--smtp", smtp.address], capsys)
    assert (code, out) == (0, [line(folder, "cy@example.org", "talk-b")])
    assert parsed(smtp.received) == FIRST


def test_a_run_killed_while_it_waits_resumes_without_sending_twice(
    folder: Path, tmp_path: Path
) -> None:
    server = Smtp(hold_at=2).start()
    try:
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        command = [sys.executable, "-m", "agenda_kit", "send", str(folder), "--smtp"]
        process = subprocess.Popen(
            [*command, server.address], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        try:
            assert server.holding.wait(60), "the run never reached the third message"
        finally:
            process.send_signal(signal.SIGKILL)
            process.communicate(timeout=30)
        assert len(server.received) == 2
        assert [(r, u) for r, u, *_ in sent_log(folder)] == [(r, u) for r, _, u, _ in FIRST[:2]]
        server.hold_at = None
        server.release.set()
        done = subprocess.run(
            [*command, server.address], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert parsed(server.received) == FIRST
    finally:
        server.stop()


def test_files_changed_by_someone_else_are_not_sent(
    smtp: Smtp, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Another recipient in a planned e-mail: refused, the others go out.
    eml = folder / "bo@example.org" / "talk-a.eml"
    eml.write_bytes(eml.read_bytes().replace(b"To: ", b"To: eve@example.org, ", 1))
    # A planned e-mail replaced by a link to a file elsewhere: refused.
    outside = folder.parent / "elsewhere.eml"
    shutil.copy(folder / "cy@example.org" / "talk-b.eml", outside)
    (folder / "cy@example.org" / "talk-b.eml").unlink()
    (folder / "cy@example.org" / "talk-b.eml").symlink_to(outside)
    code, out, err = send([str(folder), "--smtp", smtp.address], capsys)
    assert code == 1
    assert out == [
        line(folder, "ana@example.org", "keynote"),
        line(folder, "ana@example.org", "talk-c"),
    ]
    assert (
        f"{eml}:1:1: AK914 [error] send-eml-refused: bo@example.org/talk-a.eml is not the "
        "message the state records: To is eve@example.org, bo@example.org; not sent\n" in err
    )
    assert "AK914 [error] send-eml-refused: cy@example.org/talk-b.eml is not the message" in err
    assert [r for r, *_ in parsed(smtp.received)] == ["ana@example.org", "ana@example.org"]


def test_a_damaged_record_of_sent_messages_sends_nothing(
    smtp: Smtp, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert send([str(folder), "--smtp", smtp.address], capsys)[0] == 0
    record = folder / "agenda-kit-sent.json"
    data = json.loads(record.read_text("utf-8"))
    data["sent"][1]["sha256"] = "not-a-digest"
    record.write_text(json.dumps(data), "utf-8")
    # And a new message to send, which must not go out either.
    (folder / "agenda-kit-sent.json").read_text("utf-8")
    code, out, err = send([str(folder), "--smtp", smtp.address], capsys)
    assert (code, out) == (2, [])
    assert err == (
        f"{record}:1:1: AK915 [error] sent-log-refused: the record of sent messages is "
        "refused: entry 2: `sha256` is not a SHA-256 digest\n"
        "  = help: Restore it from a backup; remove it only if nothing of this folder was sent.\n"
    )
    assert len(smtp.received) == 4


@pytest.mark.parametrize("implicit", [False, True], ids=["starttls", "ssl"])
def test_smtp_login_over_tls_from_the_environment_never_shown(
    implicit: bool,
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    certificate = make_certificate(tmp_path / "tls")
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate / "cert.pem"))
    server = Smtp(login=True, tls=certificate, implicit=implicit).start()
    tls = "--ssl" if implicit else "--starttls"
    try:
        address = server.address
        code, out, err = send([str(folder), "--smtp", f"{USER}:{PASSWORD}@{address}", tls], capsys)
        assert (code, out) == (2, [])
        assert "AK905 [error] credentials-on-command-line: the address given to --smtp" in err

        monkeypatch.setenv("AGENDA_KIT_SMTP_USER", USER)
        monkeypatch.setenv("AGENDA_KIT_SMTP_PASSWORD", "wrong-" + PASSWORD)
        code, out, err = send([str(folder), "--smtp", address, tls], capsys)
        assert (code, out) == (2, []), err
        assert (
            f"AK903 [error] delivery-auth-failed: the SMTP server {address} refused the login"
            in err
        )
        assert "wrong-" not in err
        assert server.received == []

        monkeypatch.setenv("AGENDA_KIT_SMTP_PASSWORD", PASSWORD)
        code, out, err = send([str(folder), "--smtp", address, tls], capsys)
        assert code == 0, err
        assert parsed(server.received) == FIRST
        assert server.logins == ["refused", "refused", "ok"]  # PLAIN, LOGIN, then right
        for path in folder.rglob("*"):
            if path.is_file():
                assert PASSWORD.encode() not in path.read_bytes(), path
    finally:
        server.stop()


def test_a_server_whose_certificate_is_not_trusted_gets_nothing(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = Smtp(tls=make_certificate(tmp_path / "tls")).start()
    try:
        code, out, err = send([str(folder), "--smtp", server.address, "--starttls"], capsys)
        assert (code, out) == (1, [])
        assert "AK911 [error] smtp-unreachable: cannot reach the SMTP server" in err
        assert "CERTIFICATE_VERIFY_FAILED" in err
        assert server.received == []
    finally:
        server.stop()


def test_no_server_and_no_invitations(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from .delivery_servers import free_port

    port = free_port()
    code, out, err = send([str(folder), "--smtp", f"127.0.0.1:{port}"], capsys)
    assert (code, out) == (1, [])
    assert (
        f"AK911 [error] smtp-unreachable: cannot reach the SMTP server 127.0.0.1:{port}: "
        "Connection refused; 4 messages not sent\n" in err
    )
    assert not (folder / "agenda-kit-sent.json").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = send([str(empty), "--smtp", f"127.0.0.1:{port}"], capsys)
    assert (code, out) == (2, [])
    assert f"AK917 [error] send-no-state: {empty} holds no invitations" in err


def test_messages_planned_without_an_email_are_counted_not_sent(
    smtp: Smtp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from agenda_kit.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", T1)
    out = tmp_path / "plain"
    assert main(["invite", str(SCENARIO), "--to", "all", "-o", str(out)]) == 0
    code, lines, err = send([str(out), "--smtp", smtp.address], capsys)
    assert (code, lines) == (0, [])
    assert err == (
        f"{out}/agenda-kit-state.json:1:1: AK916 [warning] send-no-eml: 4 planned messages have "
        "no e-mail (.eml) and are not sent\n"
        "  = help: Run `agenda-kit invite --eml` into the folder, then `send` again.\n"
        f"{out}: 0 sent now, 0 sent before, 0 pending\n"
    )
    assert smtp.received == []
