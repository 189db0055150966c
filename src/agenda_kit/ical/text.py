"""RFC 5545 text escaping and line folding for the streaming writer.

These are the hot loop of an export, so they work on whole strings and bytes rather
than per character. They produce the same output as icalendar's ``vText`` and
``foldline`` (the test suite checks that with hypothesis).
"""

from __future__ import annotations

import re

__all__ = ["escape_text", "fold", "mailto", "param_value", "text_value", "uri_value"]

LIMIT = 75  # octets per physical line, excluding CRLF
# A backslash (TEXT escapes) or caret (RFC 6868 parameter escapes) is not left at the
# end of a physical line: some clients do not join such lines correctly.
_KEEP_WITH_NEXT = b"\\^"


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped.

    A bare CR is a line break too (CRLF, LF and CR all become ``\\n``): left as it is,
    it would end the content line for readers that split on any line break, and
    whatever followed it would be read as a property of its own.
    """
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def text_value(value: str) -> str:
    """A TEXT value as every reader gets it back: escaped, without spaces or tabs at
    either end (libical drops them; ical.js and icalendar keep them)."""
    return escape_text(value.strip(" \t"))


# What no URI contains (RFC 3986): white space and control characters (they would end
# the content line), and the delimiters it excludes, a backslash among them (icalendar
# reads one as an escape).
_NOT_IN_URI = re.compile(r'[\s\x00-\x1f\x7f-\x9f\\"<>^`{|}]')


def uri_value(value: str) -> str:
    """A URI value (RFC 5545 3.3.13, not escaped like TEXT): anything a URI cannot
    contain percent-encoded as UTF-8, so the value stays one line and one URI."""
    return _NOT_IN_URI.sub(
        lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "surrogatepass")),
        value,
    )


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded so no physical line exceeds 75 octets.

    A fold never splits a UTF-8 sequence, and never separates a backslash from the
    character it escapes.
    """
    data = line.encode()
    if len(data) < LIMIT:
        return data + b"\r\n"
    out = []
    start = 0
    size = len(data)
    room = LIMIT - 1  # the first line, like icalendar: at most 74 octets of content
    while size - start > room:
        cut = start + room
        while data[cut] & 0xC0 == 0x80:  # inside a UTF-8 sequence: back off
            cut -= 1
        if cut - start > 1 and data[cut - 1] in _KEEP_WITH_NEXT:
            cut -= 1
        out.append(data[start:cut])
        start = cut
        room = LIMIT - 1  # continuation lines: a space plus at most 74 octets
    out.append(data[start:])
    return b"\r\n ".join(out) + b"\r\n"


def param_value(value: str) -> str:
    """A parameter value (such as CN), always in double quotes.

    A quoted value cannot hold a double quote or a line break: RFC 6868 writes them as
    ``^'`` and ``^n`` (and ``^`` itself as ``^^``). libical, ical.js and icalendar read
    these back. A backslash has no escape in a parameter value, but ical.js and
    icalendar take one as an escape anyway while libical does not, so a backslash in a
    name is written as a fullwidth reverse solidus (U+FF3C), which all of them show
    alike.
    """
    escaped = (
        value.replace("\\", "\uff3c")
        .replace("^", "^^")
        .replace('"', "^'")
        .replace("\r\n", "^n")
        .replace("\n", "^n")
        .replace("\r", "^n")
    )
    return f'"{escaped}"'


# ASCII characters a mailto: URI may hold as they are (RFC 6068: unreserved characters
# and the sub-delimiters that need no escaping in an addr-spec).
_MAILTO_SAFE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$'*+=@"
)


def mailto(email: str) -> str:
    """A CAL-ADDRESS: ``mailto:`` and the address, with URI delimiters percent-encoded.

    Non-ASCII characters stay as they are (an IRI), so that a client comparing the
    address with its user's address finds it.
    """
    out = []
    for ch in email:
        if ch in _MAILTO_SAFE or ord(ch) > 0x7F:
            out.append(ch)
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode()))
    return "mailto:" + "".join(out)
