"""``send``: the e-mails ``invite --eml`` planned in a folder, sent one per recipient
through an SMTP server (the standard library's ``smtplib``), each recorded as sent
(``ical.state.dump_sent``, replaced atomically) before the next one goes out.

What is pending is what the state file plans (a record with an ``.eml``) and the
record of sent e-mails does not hold, by recipient and the SHA-256 of the e-mail's
bytes: an e-mail ``invite`` rewrote (an update, a cancellation) is pending again, one
it left alone stays sent. The e-mail is read back as untrusted input: it is sent only
when its recipient, METHOD, UID and SEQUENCE are the ones the state records, to that
one recipient (the envelope, never the headers, says where a message goes).

A refused recipient or message is reported and the others still go out; a server that
drops the connection ends the run, and the next run sends the rest. The one case that
can send an e-mail twice is a run killed between the server's acceptance and the
record's write; the e-mail's Message-ID is the same both times, so mail systems that
de-duplicate by it show it once.
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from .._paths import Confined, ConfinedError
from ..diagnostics import Diagnostic, Location
from ..findings import (
    DELIVERY_AUTH_FAILED,
    SEND_EML_REFUSED,
    SMTP_MESSAGE_REFUSED,
    SMTP_RECIPIENT_REFUSED,
    SMTP_UNREACHABLE,
    Kind,
)
from ..ical.state import SENT_FILE, Baseline, Record, Sent, dump_sent
from .secrets import Login, clean

__all__ = ["MAX_EML_BYTES", "Mail", "Pending", "Server", "pending", "send"]

MAX_EML_BYTES = 16 * 2**20


@dataclass(frozen=True, slots=True)
class Mail:
    """One e-mail to send: the record it carries out, its bytes and envelope sender."""

    record: Record
    file: str
    data: bytes
    sha256: str
    sender: str
    message_id: str


@dataclass(slots=True)
class Pending:
    """What a folder has to send, what was sent before, and what cannot be sent."""

    mails: list[Mail] = field(default_factory=list)
    before: int = 0
    no_eml: int = 0
    findings: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Server:
    """Where and how to send: host, port, ``tls`` (``starttls``, ``ssl`` or none)."""

    host: str
    port: int
    tls: str = ""
    timeout: int = 60

    @property
    def name(self) -> str:
        return f"{self.host}:{self.port}"


def _at(kind: Kind, where: str, variant: str = "", **params: Any) -> Diagnostic:
    return kind.at(Location(where, 1, 1, ""), variant, **params)


def pending(
    folder: Path, baseline: Baseline, sent: dict[tuple[str, str], Sent], sender: str | None
) -> Pending:
    """The e-mails of ``folder`` still to send (in the order of their files)."""
    box = Confined(folder)
    out = Pending()
    for record in sorted(baseline.records.values(), key=lambda r: (r.eml or r.file or "", r.uid)):
        if record.eml is None:
            out.no_eml += 1
            continue
        where = str(folder / record.eml)
        try:
            data = box.read(record.eml)
        except (ConfinedError, OSError) as exc:
            problem = exc.strerror or str(exc)
            out.findings.append(_at(SEND_EML_REFUSED, where, file=record.eml, problem=problem))
            continue
        if data is None:
            out.findings.append(_at(SEND_EML_REFUSED, where, "missing", file=record.eml))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if (record.recipient.lower(), digest) in sent:
            out.before += 1
            continue
        try:
            from_header, message_id = _check(data, record)
        except ValueError as exc:
            out.findings.append(_at(SEND_EML_REFUSED, where, file=record.eml, problem=str(exc)))
            continue
        mail = Mail(record, record.eml, data, digest, sender or from_header, message_id)
        out.mails.append(mail)
    return out


def _check(data: bytes, record: Record) -> tuple[str, str]:
    """(the From address, the Message-ID) of an e-mail that carries out ``record``;
    ValueError saying what differs otherwise."""
    if len(data) > MAX_EML_BYTES:
        raise ValueError(f"larger than {MAX_EML_BYTES // 2**20} MiB")
    message = message_from_bytes(data, policy=policy.SMTP)
    assert isinstance(message, EmailMessage)
    for header in ("Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc"):
        if message[header] is not None:
            raise ValueError(f"it has a {header} header")
    to = [address for _, address in getaddresses(message.get_all("To", []))]
    if [a.lower() for a in to] != [record.recipient.lower()]:
        raise ValueError(f"To is {', '.join(to)[:200] or 'missing'}")
    senders = [address for _, address in getaddresses(message.get_all("From", []))]
    if len(senders) != 1 or "@" not in senders[0]:
        raise ValueError("it has no single From address")
    message_id = str(message.get("Message-ID", "")).strip()
    if not (message_id.startswith("<") and message_id.endswith(">")) or len(message_id) > 252:
        raise ValueError("it has no Message-ID")
    calendars = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    if len(calendars) != 1:
        raise ValueError("it has no single text/calendar part")
    part = calendars[0]
    method = str(part.get_param("method", "") or "").upper()
    if method != record.method:
        raise ValueError(f"its METHOD is {method[:20] or 'missing'}, not {record.method}")
    body = part.get_payload(decode=True)
    if not isinstance(body, bytes):
        raise ValueError("its calendar part is empty")
    _check_calendar(body, record)
    return senders[0], message_id


def _check_calendar(body: bytes, record: Record) -> None:
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(body)
    except Exception:
        raise ValueError("its calendar part is not iCalendar") from None
    events = calendar.walk("VEVENT")
    if str(calendar.get("METHOD", "")).upper() != record.method or len(events) != 1:
        raise ValueError("its calendar part is not the planned iTIP message")
    event = events[0]
    if str(event.get("UID", "")) != record.uid:
        raise ValueError("its UID is not the planned one")
    if int(event.get("SEQUENCE", 0)) != record.sequence:
        raise ValueError(f"its SEQUENCE is not {record.sequence}")


@dataclass(slots=True)
class Result:
    """What a sending run did."""

    sent: list[Mail] = field(default_factory=list)
    failed: list[Mail] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    fatal: bool = False  # the run could not log in: a usage problem, not a delivery one


def _utf8(mail: Mail) -> bool:
    """Whether the envelope needs SMTPUTF8 (a non-ASCII address)."""
    return not (mail.sender.isascii() and mail.record.recipient.isascii())


def _connect(server: Server, login: Login | None) -> smtplib.SMTP:
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if server.tls == "ssl":
        smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout, context=context)
    else:
        smtp = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
    try:
        smtp.ehlo()
        if server.tls == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        if login is not None and login.password:
            smtp.login(login.user, login.password)
    except BaseException:
        smtp.close()
        raise
    return smtp


def send(
    folder: Path,
    event: str,
    mails: list[Mail],
    sent: dict[tuple[str, str], Sent],
    server: Server,
    login: Login | None,
    said: Callable[[Mail], None] = lambda mail: None,
) -> Result:
    """Send ``mails``, recording each in the folder's record of sent e-mails before the
    next goes out. Raises ``OSError`` when the record cannot be written (the e-mail just
    sent is then the only one that can go out twice)."""
    result = Result()
    if not mails:
        return result
    box = Confined(folder)
    where = str(folder / SENT_FILE)
    try:
        smtp = _connect(server, login)
    except smtplib.SMTPAuthenticationError:
        result.findings.append(_at(DELIVERY_AUTH_FAILED, where, "smtp", server=server.name))
        result.failed = list(mails)
        result.fatal = True
        return result
    except (smtplib.SMTPException, OSError) as exc:
        reason = clean(_reason(exc), login)
        result.findings.append(
            _at(SMTP_UNREACHABLE, where, server=server.name, reason=reason, pending=len(mails))
        )
        result.failed = list(mails)
        return result
    try:
        for index, mail in enumerate(mails):
            problem = _send_one(smtp, mail, login)
            if problem is None:
                sent[(mail.record.recipient.lower(), mail.sha256)] = _entry(mail)
                box.write(SENT_FILE, [dump_sent(event, list(sent.values()))])
                result.sent.append(mail)
                said(mail)
                continue
            result.failed.append(mail)
            kind, variant, params = problem
            if kind is SMTP_UNREACHABLE:
                left = mails[index:]
                result.failed = result.failed[:-1] + left
                params |= {"server": server.name, "pending": len(left)}
                result.findings.append(_at(kind, where, variant, **params))
                break
            result.findings.append(_at(kind, str(folder / mail.file), variant, **params))
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()
    return result


def _send_one(
    smtp: smtplib.SMTP, mail: Mail, login: Login | None
) -> tuple[Kind, str, dict[str, Any]] | None:
    """None when the server accepted the e-mail, else the finding to report."""
    recipient = mail.record.recipient
    options = ["SMTPUTF8"] if _utf8(mail) else []
    about = {"recipient": recipient, "file": mail.file}
    try:
        smtp.sendmail(mail.sender, [recipient], mail.data, mail_options=options)
    except smtplib.SMTPRecipientsRefused as exc:
        code, text = next(iter(exc.recipients.values()), (0, b""))
        return SMTP_RECIPIENT_REFUSED, "", about | {"reply": _reply(code, text, login)}
    except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
        if exc.smtp_code == 421:  # the server is closing the connection
            return SMTP_UNREACHABLE, "dropped", {"reason": _reply(421, exc.smtp_error, login)}
        return (
            SMTP_MESSAGE_REFUSED,
            "",
            about | {"reply": _reply(exc.smtp_code, exc.smtp_error, login)},
        )
    except smtplib.SMTPNotSupportedError as exc:
        return SMTP_MESSAGE_REFUSED, "", about | {"reply": clean(str(exc), login)}
    except (smtplib.SMTPException, OSError) as exc:
        return SMTP_UNREACHABLE, "dropped", {"reason": clean(_reason(exc), login)}
    return None


def _entry(mail: Mail) -> Sent:
    record = mail.record
    return Sent(
        recipient=record.recipient,
        uid=record.uid,
        method=record.method,
        sequence=record.sequence,
        file=mail.file,
        sha256=mail.sha256,
        message_id=mail.message_id,
        at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def _reply(code: int, text: bytes | str, login: Login | None) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return clean(f"{code} {words}", login)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
