"""iMIP e-mails (RFC 6047): what ``--eml`` writes, read back with the email package."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agenda_kit.cli import main
from agenda_kit.ical.mail import MailText, imip_message

from .helpers import CONTROLS, HERBST, SCENARIO, T1, T2, changed_scenario, lines, run

ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nMETHOD:REQUEST\r\n"
    b"BEGIN:VEVENT\r\nUID:x@y\r\nDTSTAMP:20241001T090000Z\r\nDTSTART:20241001T100000Z\r\n"
    b"SUMMARY:\xed\x95\x9c\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def parse(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def shape(message: EmailMessage) -> Any:
    """The MIME tree as nested (content type, children) tuples."""
    if message.is_multipart():
        return (message.get_content_type(), [shape(p) for p in message.iter_parts()])  # type: ignore[arg-type]
    return message.get_content_type()


def text_of(message: EmailMessage, content_type: str) -> str:
    content: str = part(message, content_type).get_content()
    return content.replace("\r\n", "\n")


def part(message: EmailMessage, content_type: str) -> EmailMessage:
    (found,) = [p for p in message.walk() if p.get_content_type() == content_type]
    assert isinstance(found, EmailMessage)
    return found


@pytest.fixture
def eml_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    out = tmp_path / "out"
    args = ["invite", str(HERBST), "--to", "all", "--eml", "-o", str(out)]
    code, sent, err = run(args, capsys, monkeypatch, T1)
    assert code == 0, err
    assert sorted(sent) == sorted(str(p) for p in out.rglob("*.eml"))
    return out


def test_an_invitation_email_is_what_gmail_and_outlook_expect(eml_folder: Path) -> None:
    eml = eml_folder / "bo@example.kr" / "zones.eml"
    ics = (eml_folder / "bo@example.kr" / "zones.ics").read_bytes()
    message = parse(eml.read_bytes())
    assert shape(message) == (
        "multipart/mixed",
        [
            ("multipart/alternative", ["text/plain", "text/html", "text/calendar"]),
            "application/ics",
        ],
    )
    calendar = part(message, "text/calendar")
    # The MIME method is the METHOD inside, written as Gmail and Outlook look for it.
    assert calendar.get_param("method") == "REQUEST"
    assert b"\r\nContent-Type: text/calendar; method=REQUEST; charset=UTF-8\r\n" in eml.read_bytes()
    assert calendar.get_payload(decode=True) == ics
    assert "METHOD:REQUEST" in lines(ics)
    attachment = part(message, "application/ics")
    assert attachment.get_payload(decode=True) == ics
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_param("name") == "invite.ics"
    assert attachment.get_content_disposition() == "attachment"
    assert str(message["From"]) == '"Programm-Team (Herbst; 2024)" <programm@example.org>'
    assert str(message["To"]) == "김보영 <bo@example.kr>"
    assert message["Subject"] == (
        "Invitation: Zones, offsets; and why UTC isn't enough 🕰️ @ "
        "2024-10-26 10:30–11:30 (Europe/Berlin)"
    )
    assert message["Date"] == "Tue, 01 Oct 2024 09:00:00 +0000"
    assert re.fullmatch(r"<[0-9a-f]{32}@example\.org>", message["Message-ID"])
    text = text_of(message, "text/plain")
    assert text == (
        "You are invited to the following session of Herbstkonferenz 2024: Zeit, Zonen; "
        "Kalender.\n\n"
        "Zones, offsets; and why UTC isn't enough 🕰️\n\n"
        "When:      2024-10-26 10:30–11:30 (Europe/Berlin)\n"
        "Where:     Maschinenhaus (floor 1), Kulturbrauerei, Schönhauser Allee 36, 10435 Berlin\n"
        "Organizer: Programm-Team (Herbst; 2024) <programm@example.org>\n"
        "Link:      https://example.org/talks/zones?lang=en&day=1\n\n"
        "Why a fixed offset is not a time zone.\nBring questions; answers are optional.\n\n"
        "Speakers: Ana Müller (Zeitlabor, Berlin), 김보영 (부산테크노파크)\n\n"
        "-- \nYour calendar program can add this invitation and reply to it.\n"
    )
    html = text_of(message, "text/html")
    assert "<h2>Zones, offsets; and why UTC isn&#x27;t enough 🕰️</h2>" in html
    assert "?lang=en&amp;day=1" in html


def test_every_line_of_an_email_is_short_and_ends_in_crlf(eml_folder: Path) -> None:
    for eml in eml_folder.rglob("*.eml"):
        data = eml.read_bytes()
        assert b"\n" not in data.replace(b"\r\n", b""), eml
        assert max(len(x) for x in data.split(b"\r\n")) <= 78, eml
        assert b"=?utf-8?q??=" not in data, eml  # no empty encoded word (RFC 2047)
        data.decode("ascii")  # 7-bit: every mail system carries it


def test_the_repeated_hour_is_said_with_its_offset(eml_folder: Path) -> None:
    message = parse((eml_folder / "cy@example.org" / "owl.eml").read_bytes())
    assert message["Subject"] == (
        "Invitation: 02:30, twice @ 2024-10-27 02:30 (UTC+02:00)–03:30 (Europe/Berlin)"
    )


def test_updates_and_cancellations_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    agenda = tmp_path / "agenda.yaml"
    agenda.write_text(SCENARIO.read_text("utf-8"), "utf-8")
    args = ["invite", str(agenda), "--to", "all", "--eml", "-o", str(out)]
    run(args, capsys, monkeypatch, T1)
    untouched = (out / "bo@example.org" / "talk-a.eml").read_bytes()
    changed_scenario(agenda)
    _, sent, _ = run(args, capsys, monkeypatch, T2)
    assert sorted(Path(p).name for p in sent) == ["keynote.eml", "talk-b.eml", "talk-c.eml"]
    keynote = parse((out / "ana@example.org" / "keynote.eml").read_bytes())
    assert keynote["Subject"] == (
        "Updated invitation: Keynote @ 2025-03-18 09:10–10:10 (Europe/Berlin)"
    )
    assert text_of(keynote, "text/plain").startswith(
        "This session of Morning programme has changed: time.\n"
    )
    retitled = parse((out / "cy@example.org" / "talk-b.eml").read_bytes())
    assert retitled["Subject"].startswith("Updated invitation: Talk B (new title) @ ")
    cancel = parse((out / "ana@example.org" / "talk-c.eml").read_bytes())
    assert cancel["Subject"] == "Cancelled: Talk C @ 2025-03-18 12:00–12:30 (Europe/Berlin)"
    calendar = part(cancel, "text/calendar")
    assert calendar.get_param("method") == "CANCEL"
    assert (
        b"\r\nContent-Type: text/calendar; method=CANCEL; charset=UTF-8\r\n"
        in (out / "ana@example.org" / "talk-c.eml").read_bytes()
    )
    assert "METHOD:CANCEL" in lines(calendar.get_payload(decode=True))
    assert (
        part(cancel, "application/ics").get_payload(decode=True)
        == (out / "ana@example.org" / "talk-c.ics").read_bytes()
    )
    assert (out / "bo@example.org" / "talk-a.eml").read_bytes() == untouched


def test_a_stale_email_is_removed_when_its_invitation_changes_without_eml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    agenda = tmp_path / "agenda.yaml"
    agenda.write_text(SCENARIO.read_text("utf-8"), "utf-8")
    run(["invite", str(agenda), "--to", "all", "--eml", "-o", str(out)], capsys, monkeypatch, T1)
    changed_scenario(agenda)
    run(["invite", str(agenda), "--to", "all", "-o", str(out)], capsys, monkeypatch, T2)
    # The e-mails of changed invitations would say something else than their .ics now.
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.eml")) == [
        "bo@example.org/talk-a.eml"
    ]


def test_korean_invitation_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    agenda = tmp_path / "agenda.yaml"
    agenda.write_text(
        SCENARIO.read_text("utf-8").replace(
            "  timezone: Europe/Berlin\n", "  timezone: Asia/Seoul\n  lang: ko\n"
        ),
        "utf-8",
    )
    out = tmp_path / "out"
    assert main(["invite", str(agenda), "--to", "bo", "--eml", "-o", str(out)]) == 0
    capsys.readouterr()
    message = parse((out / "bo@example.org" / "talk-a.eml").read_bytes())
    assert message["Subject"].startswith("초대: Talk A @ 2025-03-18 10:30–11:00 (Asia/Seoul)")
    assert text_of(message, "text/plain").startswith(
        "Morning programme의 다음 순서에 초대합니다.\n"
    )


def test_a_non_ascii_address_is_written_as_smtputf8() -> None:
    data = imip_message(
        ICS,
        method="REQUEST",
        sender=("Org", "org@example.org"),
        recipient=("김정민", "정민@example.kr"),
        text=MailText("초대: 회의", "intro", "회의", ()),
        stamp="20241001T090000Z",
    )
    # The address is written as it is (RFC 6532); Python's parser would give its bytes
    # back as surrogate escapes, so the bytes are checked.
    assert "\r\n <정민@example.kr>\r\n".encode() in data
    assert data.startswith(b'From: "Org" <org@example.org>\r\nTo: =?utf-8?b?6rmA7KCV66+8?=\r\n')
    message = parse(data)
    assert message["Subject"] == "초대: 회의"
    assert part(message, "text/calendar").get_payload(decode=True) == ICS


def display_name(data: bytes, header: str) -> str:
    """The name of a From/To header, decoded by RFC 2047's rules (email.header).

    (Python's address parser keeps the space between two encoded words of a name,
    which RFC 2047, 6.2 says to ignore; the older decoder does not.)
    """
    raw = message_from_bytes(data, policy=policy.compat32)[header]
    phrase = re.sub(r"\r?\n[ \t]", " ", str(raw)).rsplit("<", 1)[0].strip()
    if phrase.startswith('"'):
        return re.sub(r"\\(.)", r"\1", phrase[1:-1])
    return str(make_header(decode_header(phrase)))


def in_a_header(text: str) -> str:
    return re.sub("[\x00-\x1f\x7f\x85\u2028\u2029]", " ", text).strip()


TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters=CONTROLS),
    min_size=1, max_size=200,
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(subject=TEXT, name=TEXT, title=TEXT, description=st.text(max_size=300))
def test_any_words_come_back_from_the_email(
    subject: str, name: str, title: str, description: str
) -> None:
    data = imip_message(
        ICS,
        method="REQUEST",
        sender=(name, "org@example.org"),
        recipient=(name, "someone+tag@example.org"),
        text=MailText(subject, "intro", title, (("When", title),), description),
        stamp="20241001T090000Z",
    )
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(x) for x in data.split(b"\r\n")) <= 998
    message = parse(data)
    # A header cannot hold a line break (nor what Python takes for one), and the white
    # space around its words is folding space (RFC 5322): both become or stay spaces.
    assert message["Subject"] == in_a_header(subject)
    assert display_name(data, "To") == in_a_header(name)
    assert display_name(data, "From") == in_a_header(name)
    assert message["To"].addresses[0].addr_spec == "someone+tag@example.org"
    assert part(message, "text/calendar").get_payload(decode=True) == ICS
    assert part(message, "application/ics").get_payload(decode=True) == ICS
    plain = text_of(message, "text/plain")
    assert title in plain
    assert len(list(message.walk())) == 6
