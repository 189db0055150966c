"""What an invitation run accepts from files it reads back: addresses, names, roles,
UIDs and the records of its state file.

The state file in the output folder and the files of an earlier mailing can be written
by anyone, so every value in them is checked here before it can reach a file name, an
iCalendar line or an e-mail header; the writers escape what they write as well.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from datetime import UTC, datetime
from json import scanner as _scanner
from typing import Any

from .._paths import NAME_BYTES, check_relative, safe_name

__all__ = [
    "MAX_ADDRESS",
    "MAX_ID",
    "MAX_TEXT",
    "MAX_UID",
    "address_problem",
    "bad_text",
    "folder_names",
    "is_atom",
    "is_domain",
    "recipient_folder",
    "role_problem",
    "validate_state",
]

MAX_ADDRESS = 254  # characters (RFC 5321 path length; counted in characters for SMTPUTF8)
MAX_UID = 512
MAX_ID = 255
MAX_TEXT = 10_000  # SUMMARY, LOCATION, a name
MAX_SEQUENCE = 2**31 - 1  # RFC 5545 "integer"
ROLE = re.compile(r"^[A-Za-z0-9-]{1,64}$")  # RFC 5545 iana-token / x-name

# What the agenda's own one-line fields refuse (control characters: C0, DEL, C1), and
# lone surrogates, which no UTF-8 file can hold. U+2028 and U+FFFF are allowed, as the
# model allows them in a title: the state records what the tool itself wrote, and the
# writers escape them (a header has them as spaces).
_BAD = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~-"
_ASCII_ATOM = re.compile(f"^[{_ATEXT}]+$")
_QTEXT = re.compile(r'^"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e]|[^\x00-\x7f])*"$')
_DLITERAL = re.compile(r"^\[[\x21-\x5a\x5e-\x7e]*\]$")


def bad_text(value: str) -> str | None:
    """What is wrong with a single-line text value, or None."""
    match = _BAD.search(value)
    if match:
        return f"it has the control character U+{ord(match[0]):04X}"
    return None


def is_atom(text: str) -> bool:
    """A dot-atom of RFC 5322 with RFC 6532's non-ASCII characters (letters, marks,
    digits, symbols and punctuation; no spaces, separators or controls)."""
    if not text:
        return False
    for piece in text.split("."):
        if not piece:
            return False
        for ch in piece:
            if ch.isascii():
                if not _ASCII_ATOM.match(ch):
                    return False
            elif unicodedata.category(ch)[0] in "CZ":
                return False
    return True


def is_domain(text: str) -> bool:
    """A host name (letters of any script, RFC 6532) or an address literal."""
    return is_atom(text) or _DLITERAL.match(text) is not None


def address_problem(address: str) -> str | None:
    """Why ``address`` is not an addr-spec (RFC 5322/6532), or None when it is one."""
    if not address:
        return "the address is empty"
    if len(address) > MAX_ADDRESS:
        return f"the address is longer than {MAX_ADDRESS} characters"
    bad = bad_text(address)
    if bad:
        return f"the address is refused: {bad}"
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        return "an address is local-part@domain"
    if not (is_atom(local) or _QTEXT.match(local)):
        return "the part before @ is neither a dot-atom nor a quoted string"
    if not is_domain(domain):
        return "the domain is not a host name or an address literal"
    return None


def role_problem(role: str) -> str | None:
    if not ROLE.match(role):
        return "a ROLE is a token of letters, digits and hyphens (such as REQ-PARTICIPANT)"
    return None


def _legacy_folder(recipient: str) -> str:
    """The folder name of agenda-kit 0.x (before percent escapes), still accepted in
    state files it wrote."""
    return re.sub(r"[^\w.@+-]", "_", recipient.lower()).strip(".")[:100] or "recipient"


def recipient_folder(recipient: str) -> str:
    """The folder of a recipient's files: their address in lower case as a safe name,
    with room for ``.ics`` (the PUBLISH calendar beside it)."""
    return safe_name(recipient.lower(), NAME_BYTES - len(".ics"))


def folder_names(recipient: str) -> tuple[str, ...]:
    """The folder names a state file may record for ``recipient``."""
    return (recipient_folder(recipient), _legacy_folder(recipient))


# --- the state file -------------------------------------------------------------------


class _Spans:
    """JSON objects with where they start and end in the text (for positions)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.lines, offset)
        return line, offset - self.lines[line - 1] + 1

    def decode(self) -> Any:
        decoder: Any = json.JSONDecoder()
        # The pure-Python scanner calls ``parse_object``, so it can note where each
        # object starts and ends (the C scanner cannot be hooked).
        plain = getattr(json.decoder, "JSONObject")  # noqa: B009 - not in the stubs

        def parse_object(state: tuple[str, int], *args: Any) -> tuple[Any, int]:
            start = state[1] - 1
            value, end = plain(state, *args)
            return _Object(value, start, end), end

        decoder.parse_object = parse_object
        decoder.scan_once = getattr(_scanner, "py_make_scanner")(decoder)  # noqa: B009
        return decoder.decode(self.text)


class _Object(dict[str, Any]):
    __slots__ = ("end", "start")

    def __init__(self, pairs: dict[str, Any], start: int, end: int) -> None:
        super().__init__(pairs)
        self.start, self.end = start, end


_ISO = "%Y-%m-%dT%H:%M:%SZ"
_STAMP = "%Y%m%dT%H%M%SZ"
_FIELDS = {
    "recipient",
    "uid",
    "method",
    "sequence",
    "dtstamp",
    "status",
    "start",
    "end",
    "location",
    "summary",
    "digest",
    "name",
    "role",
    "speakers",
    "via",
    "kind",
    "item",
    "part",
    "file",
    "eml",
}
_REQUIRED = ("recipient", "uid", "method", "sequence", "dtstamp", "status")
_DIGEST = re.compile(r"^[0-9a-f]{32}$")
_FILE = re.compile(r"^[^/\\]+\.ics$")


def _text(value: Any, limit: int, *, empty: bool = True) -> str | None:
    if not isinstance(value, str):
        return "must be a string"
    if not value and not empty:
        return "must not be empty"
    if len(value) > limit:
        return f"is longer than {limit} characters"
    bad = bad_text(value)
    return f"is refused: {bad}" if bad else None


def _time(value: Any, form: str) -> str | None:
    if not isinstance(value, str):
        return "must be a string"
    try:
        moment = datetime.strptime(value, form).replace(tzinfo=UTC)
    except ValueError:
        return f"is not a UTC time like {datetime(2024, 10, 1, 9, tzinfo=UTC).strftime(form)}"
    if moment.strftime(form) != value:
        return "is not written in the canonical form"
    return None


def _field_problem(key: str, value: Any, item: dict[str, Any]) -> str | None:
    if key == "recipient":
        return _text(value, MAX_ADDRESS, empty=False) or address_problem(value)
    if key == "uid":
        return _text(value, MAX_UID, empty=False)
    if key == "method":
        return None if value in ("REQUEST", "CANCEL") else "must be REQUEST or CANCEL"
    if key == "status":
        want = "CANCELLED" if item.get("method") == "CANCEL" else "CONFIRMED"
        return None if value == want else f"must be {want} for METHOD {item.get('method')}"
    if key == "sequence":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok and 0 <= value <= MAX_SEQUENCE else "must be 0 to 2147483647"
    if key == "dtstamp":
        return _time(value, _STAMP)
    if key in ("start", "end"):
        return None if value is None else _time(value, _ISO)
    if key in ("location", "summary"):
        return _text(value, MAX_TEXT)
    if key == "name":
        return None if value is None else _text(value, MAX_TEXT)
    if key == "digest":
        return (
            None
            if value is None or (isinstance(value, str) and _DIGEST.match(value))
            else ("must be 32 lower-case hex digits")
        )
    if key == "role":
        return _text(value, 64) or role_problem(value)
    if key in ("speakers", "via"):
        if not isinstance(value, list):
            return "must be a list"
        for entry in value:
            if key == "via" and entry not in ("speaker", "attendee"):
                return "may only hold `speaker` and `attendee`"
            problem = _text(entry, MAX_ID, empty=False)
            if problem:
                return f"has an entry that {problem}"
        return None
    if key == "kind":
        return None if value in ("session", "part") else "must be session or part"
    if key in ("item", "part"):
        return None if value is None else _text(value, MAX_ID, empty=False)
    if key == "file":
        return None if value is None else _file_problem(value, item.get("recipient"))
    if key == "eml":
        if value is None:
            return None
        file = item.get("file")
        if not isinstance(file, str) or value != file[: -len(".ics")] + ".eml":
            return "must be the path of its .ics with .eml for .ics"
        return None
    return "is not a field of a state record"


def _file_problem(value: Any, recipient: Any) -> str | None:
    if not isinstance(value, str):
        return "must be a string"
    parts = check_relative(value)
    if parts is None or len(parts) != 2 or not _FILE.match(parts[1]):
        return "must be a path FOLDER/NAME.ics inside the output folder"
    if not isinstance(recipient, str) or parts[0] not in folder_names(recipient):
        return "is not in the folder this tool names for the recipient"
    return None


def validate_state(text: str, where: str) -> Any:
    """The state file's data once every record passed; raises ``ValueError`` with
    ``(file:line:col, message)`` as its arguments."""
    spans = _Spans(text)
    data = spans.decode()

    def at(obj: Any, key: str | None = None) -> str:
        offset = obj.start if isinstance(obj, _Object) else 0
        if key is not None and isinstance(obj, _Object):
            found = text.find(json.dumps(key), obj.start, obj.end)
            offset = found if found >= 0 else offset
        line, col = spans.position(offset)
        return f"{where}:{line}:{col}"

    if not isinstance(data, dict) or data.get("agenda-kit") != 1:
        raise ValueError(at(data), "not an agenda-kit state file (version 1)")
    extra = sorted(set(data) - {"agenda-kit", "event", "messages"})
    if extra:
        raise ValueError(at(data, extra[0]), f"unknown key `{extra[0]}` in the state file")
    event = data.get("event")
    if event is not None and _text(event, MAX_ID, empty=False):
        raise ValueError(at(data, "event"), f"`event` {_text(event, MAX_ID, empty=False)}")
    messages = data.get("messages", [])
    if not isinstance(messages, list):
        raise ValueError(at(data, "messages"), "`messages` must be a list")
    files: set[str] = set()
    keys: set[tuple[str, str]] = set()
    for number, item in enumerate(messages, start=1):
        if not isinstance(item, dict):
            raise ValueError(at(data, "messages"), f"message {number} is not an object")
        for key in _REQUIRED:
            if key not in item:
                raise ValueError(at(item), f"message {number} has no `{key}`")
        # The paths are checked against the recipient, the .eml against its .ics.
        for key in sorted(item, key=lambda k: (k != "recipient", k == "eml")):
            value = item[key]
            problem = _field_problem(key, value, item)
            if problem:
                raise ValueError(at(item, key), f"message {number}: `{key}` {problem}")
        key_ = (item["recipient"].lower(), item["uid"])
        if key_ in keys:
            raise ValueError(at(item), f"message {number} repeats a recipient and UID")
        keys.add(key_)
        for name in (item.get("file"), item.get("eml")):
            if isinstance(name, str):
                if name.casefold() in files:
                    raise ValueError(at(item, "file"), f"message {number} shares its file")
                files.add(name.casefold())
    return data
