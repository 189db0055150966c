"""iMIP (RFC 6047): an invitation as a ready-to-send e-mail, with the standard
library's ``email`` package.

The message is what Google Calendar itself sends, which Gmail, Outlook and Apple Mail
all turn into an invitation with RSVP buttons::

    multipart/mixed
      multipart/alternative
        text/plain
        text/html
        text/calendar; method=REQUEST; charset=UTF-8   (METHOD equals the one inside)
      application/ics; name="invite.ics"               (the same file, as an attachment)

Everything in it is derived from the calendar message (Date from its DTSTAMP,
boundaries and Message-ID from a digest), so the same invitation gives the same bytes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8
from email.utils import format_datetime
from html import escape

__all__ = ["MailText", "address", "imip_message"]


@dataclass(frozen=True, slots=True)
class MailText:
    """What the text and HTML parts say, in the recipient's words."""

    subject: str
    intro: str
    title: str
    rows: tuple[tuple[str, str], ...]  # (label, value): when, where, who...
    description: str = ""
    footer: str = ""


def address(name: str | None, email: str) -> Address:
    """A mailbox for a header; the local part is quoted when it needs to be."""
    local, _, domain = email.rpartition("@")
    return Address(display_name=name or "", username=local, domain=domain)


def imip_message(
    ics: bytes,
    *,
    method: str,
    sender: tuple[str | None, str],
    recipient: tuple[str | None, str],
    text: MailText,
    stamp: str,
) -> bytes:
    """The e-mail carrying the iTIP message ``ics`` whose METHOD is ``method``.

    ``sender`` and ``recipient`` are (name, address); ``stamp`` is the message's DTSTAMP
    (``YYYYMMDDTHHMMSSZ``), which becomes the Date header.
    """
    key = hashlib.sha256(ics + recipient[1].encode() + method.encode()).hexdigest()
    ascii_only = all(ord(c) < 128 for c in sender[1] + recipient[1])
    # Addresses with non-ASCII characters need SMTPUTF8 (RFC 6531); everything else is
    # written in 7-bit headers that every mail system carries.
    policy = SMTP if ascii_only else SMTPUTF8
    msg = EmailMessage(policy=policy)
    msg["From"] = address(*sender)
    msg["To"] = address(*recipient)
    msg["Subject"] = text.subject
    when = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    msg["Date"] = format_datetime(when)
    domain = sender[1].rpartition("@")[2] or "agenda-kit"
    msg["Message-ID"] = f"<{key[:32]}@{domain}>"
    msg["X-Mailer"] = "agenda-kit"
    msg.set_content(_plain(text), cte="quoted-printable")
    msg.add_alternative(_html(text), subtype="html", cte="quoted-printable")
    msg.add_alternative(ics, maintype="text", subtype="calendar", cte="base64")
    msg.add_attachment(ics, maintype="application", subtype="ics", filename="invite.ics")
    parts = {part.get_content_type(): part for part in msg.walk()}
    # Written as Gmail and Outlook expect it, unquoted, and with the METHOD inside.
    parts["text/calendar"].replace_header(
        "Content-Type", f"text/calendar; method={method}; charset=UTF-8"
    )
    parts["application/ics"].set_param("name", "invite.ics")
    msg.set_boundary(f"=_mixed_{key[:24]}")
    parts["multipart/alternative"].set_boundary(f"=_alternative_{key[:24]}")
    for part in msg.walk():
        if part is not msg:
            del part["MIME-Version"]
    data = msg.as_bytes()
    if not text.subject.isascii():
        # The email package can fold a non-ASCII header into an empty encoded word
        # (=?utf-8?q??=), which RFC 2047 does not allow; email.header encodes it right.
        encoded = Header(text.subject, "utf-8", header_name="Subject").encode(linesep="\r\n")
        line = b"Subject: " + encoded.encode("ascii") + b"\r\n"
        data = _SUBJECT.sub(lambda _: line, data, count=1)
    return data


_SUBJECT = re.compile(rb"^Subject:.*?\r\n(?![ \t])", re.MULTILINE | re.DOTALL)


def _plain(text: MailText) -> str:
    lines = [text.intro, "", text.title, ""]
    width = max((len(label) for label, _ in text.rows), default=0)
    lines += [f"{label + ':':<{width + 1}} {value}" for label, value in text.rows]
    if text.description:
        lines += ["", text.description]
    if text.footer:
        lines += ["", "-- ", text.footer]
    return "\n".join(lines) + "\n"


def _html(text: MailText) -> str:
    rows = "".join(
        f'<tr><th align="left" valign="top" style="padding-right:1em">{escape(label)}</th>'
        f"<td>{escape(value)}</td></tr>\n"
        for label, value in text.rows
    )
    description = (
        f'<p style="white-space:pre-line">{escape(text.description)}</p>\n'
        if text.description
        else ""
    )
    footer = f'<p style="color:#666">{escape(text.footer)}</p>\n' if text.footer else ""
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n'
        f"<p>{escape(text.intro)}</p>\n<h2>{escape(text.title)}</h2>\n"
        f"<table>\n{rows}</table>\n{description}{footer}</body></html>\n"
    )
