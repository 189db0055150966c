"""What was sent before: the state an invitation run keeps in its output folder, or
the iCalendar files of an earlier mailing (``--previous``, read by ``ical.previous``
through ``read_calendars``). Both are untrusted input: a value that cannot be used is an
``InputError`` carrying its finding (AK710-AK713) at its line and column.

Each record is one message to one recipient about one UID: its SEQUENCE, DTSTAMP, the
values whose change raises the SEQUENCE (time, place, status) and a digest of the rest,
so the next run can tell a reschedule from a retitle from no change at all.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Location
from ..findings import STATE_TAMPERED, STATE_UNREADABLE, Kind
from ._safety import StateProblem, validate_state

__all__ = [
    "STATE_FILE",
    "Baseline",
    "InputError",
    "Record",
    "digest",
    "dump_state",
    "load_baseline",
    "read_calendars",
    "read_state",
    "refuse",
    "unfold",
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
    """Messages sent before, from iCalendar files (ours or another tool's). The one
    entry to the previous-mailing reader (``ical.previous``), so that it can be
    switched to another reader in one place."""
    from .previous import read_previous

    return read_previous(paths, source=source)


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def unfold(text: str) -> list[tuple[int, str]]:
    """The content lines of an iCalendar text, unfolded, with their first line numbers."""
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if raw[:1] in (" ", "\t") and out:
            out[-1] = (out[-1][0], out[-1][1] + raw[1:])
        elif raw:
            out.append((number, raw))
    return out


def digest(method: str, lines: list[str]) -> str:
    """A digest of a VEVENT's unfolded lines, DTSTAMP and SEQUENCE left out."""
    h = hashlib.sha256(method.encode())
    for line in lines:
        name = line.split(":", 1)[0].split(";", 1)[0].upper()
        if name not in ("DTSTAMP", "SEQUENCE"):
            h.update(b"\n" + line.encode())
    return h.hexdigest()[:32]
