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
from ..findings import Phrase

__all__ = [
    "MAX_ADDRESS",
    "MAX_ID",
    "MAX_TEXT",
    "MAX_UID",
    "StateProblem",
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
MAX_TEXT = 10_000  # a name from an attendee list or a previous mailing
# SUMMARY, LOCATION and names the tool wrote from the agenda, which sets no length: a
# state file must take back what a run wrote (a 10,001-character title was refused on
# the next run; found by fuzzing). The file as a whole is bounded too.
MAX_STORED_TEXT = 1_000_000
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


def bad_text(value: str) -> Phrase | None:
    """What is wrong with a single-line text value, or None."""
    match = _BAD.search(value)
    if match:
        return Phrase("invite.problem.control", char=f"U+{ord(match[0]):04X}")
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


def address_problem(address: str) -> Phrase | None:
    """Why ``address`` is not an addr-spec (RFC 5322/6532), or None when it is one."""
    if not address:
        return Phrase("invite.problem.address-empty")
    if len(address) > MAX_ADDRESS:
        return Phrase("invite.problem.address-long", limit=MAX_ADDRESS)
    bad = bad_text(address)
    if bad:
        return Phrase("invite.problem.address-refused", problem=bad)
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        return Phrase("invite.problem.address-form")
    if not (is_atom(local) or _QTEXT.match(local)):
        return Phrase("invite.problem.address-local")
    if not is_domain(domain):
        return Phrase("invite.problem.address-domain")
    return None


def role_problem(role: str) -> Phrase | None:
    if not ROLE.match(role):
        return Phrase("invite.problem.role")
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
        try:
            return decoder.decode(self.text)
        except json.JSONDecodeError:
            raise
        except ValueError:
            # A number longer than Python converts (4,300 digits): refused at its place.
            found = re.search(r"[0-9]{4300,}", self.text)
            raise json.JSONDecodeError(
                "a number too long to read", self.text, found.start() if found else 0
            ) from None


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


def _text(value: Any, limit: int, *, empty: bool = True) -> Phrase | None:
    if not isinstance(value, str):
        return Phrase("invite.problem.string")
    if not value and not empty:
        return Phrase("invite.problem.empty")
    if len(value) > limit:
        return Phrase("invite.problem.long", limit=limit)
    bad = bad_text(value)
    return Phrase("invite.problem.refused", problem=bad) if bad else None


def _time(value: Any, form: str) -> Phrase | None:
    if not isinstance(value, str):
        return Phrase("invite.problem.string")
    try:
        moment = datetime.strptime(value, form).replace(tzinfo=UTC)
    except ValueError:
        example = datetime(2024, 10, 1, 9, tzinfo=UTC).strftime(form)
        return Phrase("invite.problem.utc", example=example)
    if moment.strftime(form) != value:
        return Phrase("invite.problem.canonical")
    return None


def _field_problem(key: str, value: Any, item: dict[str, Any]) -> Phrase | None:
    if key == "recipient":
        return _text(value, MAX_ADDRESS, empty=False) or address_problem(value)
    if key == "uid":
        return _text(value, MAX_UID, empty=False)
    if key == "method":
        return None if value in ("REQUEST", "CANCEL") else Phrase("invite.problem.method")
    if key == "status":
        want = "CANCELLED" if item.get("method") == "CANCEL" else "CONFIRMED"
        method = str(item.get("method"))[:20]
        return None if value == want else Phrase("invite.problem.status", want=want, method=method)
    if key == "sequence":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok and 0 <= value <= MAX_SEQUENCE else Phrase("invite.problem.sequence")
    if key == "dtstamp":
        return _time(value, _STAMP)
    if key in ("start", "end"):
        return None if value is None else _time(value, _ISO)
    if key in ("location", "summary"):
        return _text(value, MAX_STORED_TEXT)
    if key == "name":
        return None if value is None else _text(value, MAX_STORED_TEXT)
    if key == "digest":
        ok = value is None or (isinstance(value, str) and _DIGEST.match(value) is not None)
        return None if ok else Phrase("invite.problem.digest")
    if key == "role":
        return _text(value, 64) or role_problem(value)
    if key in ("speakers", "via"):
        return _list_problem(key, value)
    if key == "kind":
        return None if value in ("session", "part") else Phrase("invite.problem.kind")
    if key in ("item", "part"):
        return None if value is None else _text(value, MAX_ID, empty=False)
    if key == "file":
        return None if value is None else _file_problem(value, item.get("recipient"))
    if key == "eml":
        if value is None:
            return None
        file = item.get("file")
        if not isinstance(file, str) or value != file[: -len(".ics")] + ".eml":
            return Phrase("invite.problem.eml")
        return None
    return Phrase("invite.problem.field")


def _list_problem(key: str, value: Any) -> Phrase | None:
    if not isinstance(value, list):
        return Phrase("invite.problem.list")
    for entry in value:
        if key == "via" and entry not in ("speaker", "attendee"):
            return Phrase("invite.problem.via")
        problem = _text(entry, MAX_ID, empty=False)
        if problem:
            return Phrase("invite.problem.entry", problem=problem)
    return None


def _file_problem(value: Any, recipient: Any) -> Phrase | None:
    if not isinstance(value, str):
        return Phrase("invite.problem.string")
    parts = check_relative(value)
    if parts is None or len(parts) != 2 or not _FILE.match(parts[1]):
        return Phrase("invite.problem.file")
    if not isinstance(recipient, str) or parts[0] not in folder_names(recipient):
        return Phrase("invite.problem.folder")
    return None


class StateProblem(ValueError):
    """Why a state file is refused: where (line, column), and the ``state-tampered``
    variant with its values."""

    def __init__(self, line: int, column: int, variant: str, **params: Any) -> None:
        super().__init__(line, column, variant, params)
        self.line, self.column, self.variant, self.params = line, column, variant, params


def validate_state(text: str) -> Any:
    """The state file's data once every record passed; raises ``StateProblem`` (or
    ``json.JSONDecodeError``, ``RecursionError``)."""
    spans = _Spans(text)
    data = spans.decode()

    def fail(obj: Any, key: str | None, variant: str, **params: Any) -> StateProblem:
        offset = obj.start if isinstance(obj, _Object) else 0
        if key is not None and isinstance(obj, _Object):
            found = text.find(json.dumps(key), obj.start, obj.end)
            offset = found if found >= 0 else offset
        line, column = spans.position(offset)
        return StateProblem(line, column, variant, **params)

    if not isinstance(data, dict) or data.get("agenda-kit") != 1:
        raise fail(data, None, "version")
    extra = sorted(set(data) - {"agenda-kit", "event", "messages"})
    if extra:
        raise fail(data, extra[0], "key", field=extra[0][:64])
    event = data.get("event")
    if event is not None and _text(event, MAX_ID, empty=False):
        problem = _text(event, MAX_ID, empty=False)
        raise fail(data, "event", "top", field="event", problem=problem)
    messages = data.get("messages", [])
    if not isinstance(messages, list):
        raise fail(data, "messages", "top", field="messages", problem=Phrase("invite.problem.list"))
    files: set[str] = set()
    keys: set[tuple[str, str]] = set()
    for number, item in enumerate(messages, start=1):
        if not isinstance(item, dict):
            raise fail(data, "messages", "object", number=number)
        for key in _REQUIRED:
            if key not in item:
                raise fail(item, None, "missing", number=number, field=key)
        # The paths are checked against the recipient, the .eml against its .ics.
        for key in sorted(item, key=lambda k: (k != "recipient", k == "eml")):
            value = item[key]
            problem = _field_problem(key, value, item)
            if problem:
                raise fail(item, key, "", number=number, field=key[:64], problem=problem)
        key_ = (item["recipient"].lower(), item["uid"])
        if key_ in keys:
            raise fail(item, None, "repeated", number=number)
        keys.add(key_)
        for name in (item.get("file"), item.get("eml")):
            if isinstance(name, str):
                if name.casefold() in files:
                    raise fail(item, "file", "shared", number=number)
                files.add(name.casefold())
    return data
