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

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from html import escape

from ._safety import is_atom, is_domain

__all__ = ["MailText", "addr_spec", "header_text", "imip_message"]


@dataclass(frozen=True, slots=True)
class MailText:
    """What the text and HTML parts say, in the recipient's words."""

    subject: str
    intro: str
    title: str
    rows: tuple[tuple[str, str], ...]  # (label, value): when, where, who...
    description: str = ""
    footer: str = ""


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
    # The MIME tree comes from the email package; the top-level headers are written
    # here, because its folding of non-ASCII text can produce an empty encoded word
    # (=?utf-8?q??=), which RFC 2047 does not allow.
    msg = EmailMessage(policy=SMTP)
    msg.set_content(_plain(text), cte="quoted-printable")
    msg.add_alternative(_html(text), subtype="html", cte="quoted-printable")
    msg.add_alternative(ics, maintype="text", subtype="calendar", cte="base64")
    msg.add_attachment(ics, maintype="application", subtype="ics", filename="invite.ics")
    parts = {part.get_content_type(): part for part in msg.walk()}
    parts["text/calendar"].set_param("method", method)
    parts["text/calendar"].set_param("charset", "UTF-8")
    parts["application/ics"].set_param("name", "invite.ics")
    msg.set_boundary(f"=_mixed_{key[:24]}")
    parts["multipart/alternative"].set_boundary(f"=_alternative_{key[:24]}")
    for part in msg.walk():
        if part is not msg:
            del part["MIME-Version"]
    body = msg.as_bytes()
    # The email package quotes parameter values; write the calendar's Content-Type
    # exactly as Gmail and Outlook send it themselves.
    quoted = f'Content-Type: text/calendar; method="{method}"; charset="UTF-8"\r\n'.encode()
    exact = f"Content-Type: text/calendar; method={method}; charset=UTF-8\r\n".encode()
    assert body.count(quoted) == 1
    body = body.replace(quoted, exact)
    when = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    domain = addr_spec(sender[1]).rpartition("@")[2]
    headers = [
        _mailbox_header("From", *sender),
        _mailbox_header("To", *recipient),
        _text_header("Subject", text.subject),
        f"Date: {format_datetime(when)}",
        f"Message-ID: <{key[:32]}@{domain}>",
        "X-Mailer: agenda-kit",
    ]
    return "\r\n".join(headers).encode() + b"\r\n" + body


# Characters Python (and so many mail programs) take as line breaks: never in a header.
_BREAKS = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")
_PLAIN = re.compile(r"^[ -~]*$")  # printable ASCII
_QUOTED = re.compile(r'^"(?:[^"\\]|\\.)*"$')  # a local part that is a quoted string


def header_text(value: str) -> str:
    """What a header can say of ``value``: line breaks become spaces, and the white space
    around it, which RFC 5322 folding does not keep, is left out."""
    return _BREAKS.sub(" ", value).strip()


def _encoded_words(value: str) -> list[str]:
    """RFC 2047 ``=?utf-8?b?...?=`` words of at most 56 characters, split between
    characters (never inside one)."""
    chunks: list[bytes] = []
    chunk = b""
    for ch in value:
        data = ch.encode()
        if len(chunk) + len(data) > 33:
            chunks.append(chunk)
            chunk = b""
        chunk += data
    if chunk or not chunks:
        chunks.append(chunk)
    return [f"=?utf-8?b?{base64.b64encode(c).decode()}?=" for c in chunks]


def _text_header(name: str, value: str) -> str:
    """An unstructured header (Subject), folded at 78 characters."""
    value = header_text(value)
    if _PLAIN.match(value) and len(name) + 2 + len(value) <= 78:
        return f"{name}: {value}"
    return f"{name}: " + "\r\n ".join(_encoded_words(value))


def addr_spec(email: str) -> str:
    """``email`` as it is written in a header: checked by the standard library's
    ``Address`` (which refuses CR and LF) and by us (no other line break or control
    character), the local part quoted when it is not a dot-atom. Raises ValueError."""
    local, at, domain = email.rpartition("@")
    if not at or not local or not domain or _BREAKS.search(email):
        raise ValueError(f"not an e-mail address: {email!r}")
    quoted = _QUOTED.match(local) is not None
    Address(username=local[1:-1] if quoted else local, domain=domain)
    if not is_domain(domain):
        raise ValueError(f"not an e-mail address (the domain): {email!r}")
    # Non-ASCII letters may stand unquoted (RFC 6532); anything else that is not a
    # dot-atom is quoted, so a ``>`` or ``,`` never ends the address.
    if not quoted and not is_atom(local):
        local = '"' + local.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{local}@{domain}"


def _mailbox_header(name: str, display: str | None, email: str) -> str:
    """``From``/``To``: a name (quoted, or encoded words) and the address.

    The local part is quoted when it is not a dot-atom; an address with non-ASCII
    characters is written as it is (SMTPUTF8, RFC 6532).
    """
    mailbox = f"<{addr_spec(email)}>"
    shown = header_text(display or "")
    if not shown:
        return f"{name}: {mailbox}"
    if _PLAIN.match(shown) and len(shown) < 60:
        quoted = '"' + shown.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return (
            f"{name}: {quoted}\r\n {mailbox}"
            if len(quoted) + len(mailbox) > 70
            else (f"{name}: {quoted} {mailbox}")
        )
    return f"{name}: " + "\r\n ".join([*_encoded_words(shown), mailbox])


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
