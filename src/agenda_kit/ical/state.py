"""What was sent before: the state an invitation run keeps in its output folder, or
the iCalendar files of an earlier mailing (``--previous``, read by ``ical.previous``
through ``read_calendars``). Both are untrusted input: a value that cannot be used is an
``InputError`` carrying its finding (AK710-AK713) at its line and column.

Each record is one message to one recipient about one UID: its SEQUENCE, DTSTAMP, the
values whose change raises the SEQUENCE (time, place, status) and a digest of the rest,
so the next run can tell a reschedule from a retitle from no change at all. The
SEQUENCE rule itself is ``next_sequence``, which ``publish`` applies to the objects of a
CalDAV calendar too.

Beside the state, ``agenda-kit send`` keeps the record of what it sent
(``agenda-kit-sent.json``, ``read_sent``/``dump_sent``): one entry per e-mail accepted
by the SMTP server, by recipient and the SHA-256 of the e-mail's bytes. It is a file of
its own because ``invite`` rewrites the state from its plan; an e-mail that ``invite``
rewrites has another digest, so it is pending again, and one it leaves alone stays
sent. It is read back as untrusted input like the state.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from .._paths import check_relative
from ..diagnostics import Diagnostic, Location
from ..findings import SENT_LOG_REFUSED, STATE_TAMPERED, STATE_UNREADABLE, Kind
from ._safety import MAX_UID, StateProblem, address_problem, bad_text, validate_state

__all__ = [
    "SENT_FILE",
    "STATE_FILE",
    "Baseline",
    "InputError",
    "Record",
    "Sent",
    "digest",
    "dump_sent",
    "dump_state",
    "later_stamp",
    "load_baseline",
    "next_sequence",
    "read_calendars",
    "read_sent",
    "read_state",
    "refuse",
]

STATE_FILE = "agenda-kit-state.json"
STATE_VERSION = 1
MAX_STATE_BYTES = 256 * 2**20


class InputError(ValueError):
    """Something given to the command cannot be used: ``diagnostic`` is the finding
    (code, position, values), worded in any language when it is reported."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(f"{diagnostic.location}: {diagnostic.message}")
        self.diagnostic = diagnostic

    @property
    def where(self) -> str:
        """``file:line:col``."""
        return str(self.diagnostic.location)

    @property
    def message(self) -> str:
        return self.diagnostic.message

    @property
    def hint(self) -> str:
        return self.diagnostic.hint


def refuse(
    kind: Kind, file: str, line: int = 1, column: int = 1, /, variant: str = "", **params: Any
) -> InputError:
    """An ``InputError`` with the finding ``kind`` at ``file:line:column``."""
    return InputError(kind.at(Location(file, line, column, ""), variant, **params))


@dataclass(slots=True)
class Record:
    """One message sent to one recipient about one UID (the latest one)."""

    recipient: str  # the e-mail address
    uid: str
    method: str  # REQUEST or CANCEL
    sequence: int
    dtstamp: str  # YYYYMMDDTHHMMSSZ
    status: str  # CONFIRMED or CANCELLED
    start: int | None  # UTC seconds
    end: int | None
    location: str
    summary: str
    digest: str | None = None  # of the VEVENT without DTSTAMP and SEQUENCE
    name: str | None = None
    role: str = "REQ-PARTICIPANT"
    speakers: list[str] = field(default_factory=list)  # speaker ids, when invited as one
    via: list[str] = field(default_factory=list)  # "speaker", "attendee"; empty: unknown
    kind: str = "session"  # "session" or "part"
    item: str | None = None  # the session id or part id
    part: str | None = None  # the part id the session belongs to
    file: str | None = None  # the .ics, relative to the output folder
    eml: str | None = None  # the .eml beside it, when one was written

    @property
    def key(self) -> tuple[str, str]:
        return self.recipient.lower(), self.uid

    def significant(self) -> tuple[int | None, int | None, str, str]:
        """What raises the SEQUENCE when it changes: time, place and status."""
        return self.start, self.end, self.location, self.status

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["start"] = _iso(self.start)
        data["end"] = _iso(self.end)
        return {k: v for k, v in data.items() if v not in (None, [])}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Record:
        values = dict(data)
        values["start"] = _seconds(values.get("start"))
        values["end"] = _seconds(values.get("end"))
        return cls(**values)


@dataclass(slots=True)
class Baseline:
    """What was sent before, by (recipient address in lower case, UID)."""

    records: dict[tuple[str, str], Record] = field(default_factory=dict)
    # Events of a calendar without attendees (a feed): their SEQUENCE carries over to
    # whoever is invited to them now.
    anyone: dict[str, Record] = field(default_factory=dict)
    source: str | None = None
    event: str | None = None

    def add(self, record: Record) -> None:
        """Keep the latest message per recipient and UID (highest SEQUENCE, then DTSTAMP)."""
        table: dict[Any, Record] = self.anyone if not record.recipient else self.records
        key: Any = record.uid if not record.recipient else record.key
        old = table.get(key)
        if old is None or (record.sequence, record.dtstamp) > (old.sequence, old.dtstamp):
            table[key] = record


def _iso(instant: int | None) -> str | None:
    if instant is None:
        return None
    return datetime.fromtimestamp(instant, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _seconds(text: Any) -> int | None:
    if text is None:
        return None
    return int(datetime.strptime(str(text), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp())


def dump_state(event: str, records: list[Record]) -> bytes:
    """The state file: stable order and formatting, so an unchanged run rewrites nothing."""
    data = {
        "agenda-kit": STATE_VERSION,
        "event": event,
        "messages": [r.to_json() for r in sorted(records, key=lambda r: (r.file or "", r.uid))],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def read_state(path: Path) -> Baseline:
    """The state file of an earlier run. Raises ``InputError``."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_STATE_BYTES:
            raise refuse(STATE_UNREADABLE, name, variant="size", number=MAX_STATE_BYTES // 2**20)
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise refuse(STATE_UNREADABLE, name, variant="read", reason=_reason(exc)) from None
    try:
        data = validate_state(text)
    except json.JSONDecodeError as exc:
        raise refuse(
            STATE_UNREADABLE, name, exc.lineno, exc.colno, "json", detail=exc.msg
        ) from None
    except RecursionError:
        raise refuse(STATE_UNREADABLE, name, variant="deep") from None
    except StateProblem as exc:
        kind = STATE_UNREADABLE if exc.variant == "version" else STATE_TAMPERED
        raise refuse(kind, name, exc.line, exc.column, exc.variant, **exc.params) from None
    baseline = Baseline(source=name, event=data.get("event"))
    for item in data.get("messages", []):
        baseline.add(Record.from_json(item))
    return baseline


def load_baseline(path: Path) -> Baseline:
    """What was sent before, from ``path``: a state file, a folder (its state file, or
    every ``.ics`` in it), or one ``.ics`` file. Raises ``InputError``."""
    if path.is_dir():
        state = path / STATE_FILE
        if state.is_file():
            return read_state(state)
        files = sorted(p for p in path.rglob("*.ics") if p.is_file())
        if not files:
            raise refuse(STATE_UNREADABLE, str(path), variant="empty-folder")
        return read_calendars(files, source=str(path))
    if not path.exists():
        raise refuse(STATE_UNREADABLE, str(path), variant="missing")
    if path.suffix.lower() == ".json":
        return read_state(path)
    return read_calendars([path], source=str(path))


def read_calendars(paths: list[Path], *, source: str) -> Baseline:
    """Messages sent before, from iCalendar files (ours or another tool's), read by
    ``ical.previous`` through the tolerant reader the .ics importer uses."""
    from .previous import read_previous

    return read_previous(paths, source=source)


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def digest(method: str, lines: list[str]) -> str:
    """A digest of a VEVENT's unfolded lines (``ical.reader.Component.lines``), DTSTAMP
    and SEQUENCE left out."""
    h = hashlib.sha256(method.encode())
    for line in lines:
        name = line.split(":", 1)[0].split(";", 1)[0].upper()
        if name not in ("DTSTAMP", "SEQUENCE"):
            h.update(b"\n" + line.encode())
    return h.hexdigest()[:32]


def next_sequence(old: Record | None, now: tuple[int | None, int | None, str, str]) -> int:
    """The SEQUENCE of what is sent now about what ``old`` sent (None: nothing yet),
    given the values that raise it (``Record.significant``: start, end, location,
    status): 0 for the first, one more when time, place or status changed (a
    cancelled event that comes back included), the same otherwise."""
    if old is None:
        return 0
    return old.sequence + (old.significant() != now)


def later_stamp(now: str, before: str | None) -> str:
    """A DTSTAMP (``YYYYMMDDTHHMMSSZ``) after ``before``: clients ignore an update that
    is not newer than what they have."""
    if before is None or now > before:
        return now
    moment = datetime.strptime(before, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return (moment + timedelta(seconds=1)).strftime("%Y%m%dT%H%M%SZ")


# --- what `send` sent ------------------------------------------------------------------

SENT_FILE = "agenda-kit-sent.json"
MAX_SENT_BYTES = 64 * 2**20
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_MESSAGE_ID = re.compile(r"^<[^\s<>\x00-\x1f\x7f-\x9f]{1,250}>$")
_WHEN = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True, slots=True)
class Sent:
    """One e-mail the SMTP server accepted: to whom, which message (by the SHA-256 of
    the bytes sent), and the iTIP values it carried."""

    recipient: str
    uid: str
    method: str  # REQUEST or CANCEL
    sequence: int
    file: str  # the .eml, relative to the output folder
    sha256: str
    message_id: str
    at: str  # YYYY-MM-DDTHH:MM:SSZ

    @property
    def key(self) -> tuple[str, str]:
        return self.recipient.lower(), self.sha256


def dump_sent(event: str, entries: list[Sent]) -> bytes:
    """The record of sent e-mails, in a stable order."""
    data = {
        "agenda-kit-sent": 1,
        "event": event,
        "sent": [asdict(e) for e in sorted(entries, key=lambda e: (e.at, e.file, e.recipient))],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def read_sent(path: Path, event: str) -> dict[tuple[str, str], Sent]:
    """The record of sent e-mails at ``path`` (empty when there is none), by (recipient
    in lower case, SHA-256). Raises ``InputError`` (AK915) for anything agenda-kit would
    not have written: it decides what is never sent again."""
    name = str(path)
    if path.is_symlink():
        raise refuse(SENT_LOG_REFUSED, name, detail="it is a symbolic link")
    if not path.exists():
        return {}
    try:
        if path.stat().st_size > MAX_SENT_BYTES:
            raise refuse(SENT_LOG_REFUSED, name, detail=f"over {MAX_SENT_BYTES // 2**20} MiB")
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise refuse(SENT_LOG_REFUSED, name, detail=_reason(exc)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise refuse(SENT_LOG_REFUSED, name, exc.lineno, exc.colno, detail=exc.msg) from None
    except RecursionError:
        raise refuse(SENT_LOG_REFUSED, name, detail="nested too deeply") from None
    if not isinstance(data, dict) or data.get("agenda-kit-sent") != 1:
        raise refuse(SENT_LOG_REFUSED, name, detail="not a record of agenda-kit 1")
    if set(data) != {"agenda-kit-sent", "event", "sent"} or not isinstance(data["sent"], list):
        raise refuse(SENT_LOG_REFUSED, name, detail="unknown or missing keys")
    if data["event"] != event:
        detail = f"it is the record of another event ({str(data['event'])[:80]!r})"
        raise refuse(SENT_LOG_REFUSED, name, detail=detail)
    out: dict[tuple[str, str], Sent] = {}
    for number, item in enumerate(data["sent"], start=1):
        problem = _sent_problem(item)
        if problem:
            raise refuse(SENT_LOG_REFUSED, name, detail=f"entry {number}: {problem}")
        entry = Sent(**item)
        out[entry.key] = entry
    return out


def _sent_problem(item: object) -> str | None:
    """What is wrong with one entry of the record, or None."""
    if not isinstance(item, dict):
        return "not an object"
    fields = set(Sent.__dataclass_fields__)
    if set(item) != fields:
        return f"keys must be {', '.join(sorted(fields))}"
    texts = ("recipient", "uid", "method", "file", "sha256", "message_id", "at")
    for key in texts:
        if not isinstance(item[key], str):
            return f"`{key}` is not a string"
    return _sent_values(item)


def _sent_values(item: dict[str, Any]) -> str | None:
    sequence = item["sequence"]
    if isinstance(sequence, bool) or not isinstance(sequence, int) or not 0 <= sequence < 2**31:
        return "`sequence` is not a SEQUENCE number"
    if address_problem(item["recipient"]) is not None:
        return "`recipient` is not an e-mail address"
    uid = item["uid"]
    if not uid or len(uid) > MAX_UID or bad_text(uid) is not None:
        return "`uid` is not a UID"
    if item["method"] not in ("REQUEST", "CANCEL"):
        return "`method` is neither REQUEST nor CANCEL"
    parts = check_relative(item["file"])
    if parts is None or len(parts) != 2 or not parts[1].endswith(".eml"):
        return "`file` is not FOLDER/NAME.eml inside the folder"
    if not _HEX64.match(item["sha256"]):
        return "`sha256` is not a SHA-256 digest"
    if not _MESSAGE_ID.match(item["message_id"]):
        return "`message_id` is not a Message-ID"
    try:
        if datetime.strptime(item["at"], _WHEN).strftime(_WHEN) != item["at"]:
            raise ValueError
    except ValueError:
        return "`at` is not a UTC time YYYY-MM-DDTHH:MM:SSZ"
    return None
