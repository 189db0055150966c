"""What was sent before: the state an invitation run keeps in its output folder, or
the iCalendar files of an earlier mailing (``--previous``).

Each record is one message to one recipient about one UID: its SEQUENCE, DTSTAMP, the
values whose change raises the SEQUENCE (time, place, status) and a digest of the rest,
so the next run can tell a reschedule from a retitle from no change at all.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ._safety import address_problem, bad_text, role_problem, validate_state

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
    "unfold",
]

STATE_FILE = "agenda-kit-state.json"
STATE_VERSION = 1
MAX_STATE_BYTES = 256 * 2**20


class InputError(Exception):
    """A file given to the command cannot be used. ``where`` is ``file:line:col``."""

    def __init__(self, where: str, message: str, hint: str = "") -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message
        self.hint = hint


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
    try:
        size = path.stat().st_size
        if size > MAX_STATE_BYTES:
            raise InputError(
                f"{path}:1:1",
                f"the state file is larger than {MAX_STATE_BYTES // 2**20} MiB",
            )
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}:1:1", f"cannot read the state file: {_reason(exc)}") from None
    try:
        data = validate_state(text, str(path))
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}:{exc.lineno}:{exc.colno}",
            f"the state file is not valid JSON: {exc.msg}",
            "Restore it from a backup, or pass the files that were sent with --previous.",
        ) from None
    except RecursionError:
        raise InputError(f"{path}:1:1", "the state file is nested too deeply") from None
    except ValueError as exc:
        where, message = exc.args
        raise InputError(
            where,
            f"the state file is refused: {message}",
            "It was changed by hand or by another program: restore it from a backup, or "
            "pass the files that were sent with --previous.",
        ) from None
    baseline = Baseline(source=str(path), event=data.get("event"))
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
            raise InputError(
                f"{path}:1:1", "the folder has no .ics files and no agenda-kit state file"
            )
        return read_calendars(files, source=str(path))
    if not path.exists():
        raise InputError(f"{path}:1:1", "no such file or folder")
    if path.suffix.lower() == ".json":
        return read_state(path)
    return read_calendars([path], source=str(path))


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


def _blocks(text: str) -> tuple[str, list[tuple[int, list[str]]]]:
    """METHOD and the VEVENTs (first line number, unfolded lines) of a text."""
    method = ""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    depth = 0
    for number, line in unfold(text):
        upper = line.upper()
        if upper.startswith("METHOD:") and current is None:
            method = line.split(":", 1)[1].strip().upper()
        elif upper == "BEGIN:VEVENT":
            current, depth = [], 0
            blocks.append((number, current))
        elif current is not None:
            if upper.startswith("BEGIN:"):
                depth += 1
            elif upper == "END:VEVENT" and depth == 0:
                current = None
                continue
            elif upper.startswith("END:"):
                depth -= 1
            current.append(line)
    return method, blocks


def read_calendars(paths: list[Path], *, source: str) -> Baseline:
    """Messages sent before, from iCalendar files (ours or another tool's)."""
    from icalendar import Calendar

    baseline = Baseline(source=source)
    for path in paths:
        try:
            data = path.read_bytes()
            text = data.decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}:1:1", f"cannot read the file: {_reason(exc)}") from None
        method, blocks = _blocks(text)
        try:
            # Bytes, never str: from_ical(str) reads a file when the string is a path.
            calendars = Calendar.from_ical(data, multiple=True)
        except Exception as exc:
            raise InputError(f"{path}:1:1", f"not an iCalendar file: {exc}") from None
        events = [e for cal in calendars for e in cal.walk("VEVENT")]
        if not events or len(events) != len(blocks):
            where = f"{path}:{blocks[0][0] if blocks else 1}:1"
            raise InputError(where, "no VEVENT could be read from this file")
        for event, (number, lines) in zip(events, blocks, strict=True):
            where = f"{path}:{number}:1"
            for record in _records(event, method, lines, where):
                record.file = None
                baseline.add(record)
    return baseline


def _records(event: Any, method: str, lines: list[str], where: str) -> list[Record]:
    if "UID" not in event:
        raise InputError(where, "a VEVENT has no UID: nothing can be updated without one")
    uid = str(event["UID"])
    _refuse_text(where, "UID", uid, 512)
    try:
        sequence = int(event.get("SEQUENCE", 0))
        stamp = event.decoded("DTSTAMP") if "DTSTAMP" in event else None
        start = _instant(event.decoded("DTSTART")) if "DTSTART" in event else None
        end = _instant(event.end) if "DTSTART" in event else None
    except Exception as exc:
        raise InputError(where, f"the VEVENT {uid} cannot be read: {exc}") from None
    status = str(event.get("STATUS", "CONFIRMED")).upper()
    if method == "CANCEL":
        status = "CANCELLED"
    common: dict[str, Any] = {
        "uid": uid,
        "method": "CANCEL" if status == "CANCELLED" else "REQUEST",
        "sequence": sequence,
        "dtstamp": stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        if isinstance(stamp, datetime) and stamp.tzinfo
        else "19700101T000000Z",
        "status": status,
        "start": start,
        "end": end,
        "location": _one_line(where, "LOCATION", str(event.get("LOCATION", ""))),
        "summary": _one_line(where, "SUMMARY", str(event.get("SUMMARY", ""))),
        "digest": digest(method or "REQUEST", lines),
    }
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    records = []
    for attendee in attendees:
        address = unquote(str(attendee))
        if address.lower().startswith("mailto:"):
            address = address[7:]
        problem = address_problem(address)
        if problem:
            raise InputError(
                where, f"an ATTENDEE of {uid} is not an e-mail address: {problem}: {address!r}"
            )
        name = attendee.params.get("CN")
        if name is not None:
            _refuse_text(where, "CN", str(name), 10_000)
        role = str(attendee.params.get("ROLE", "REQ-PARTICIPANT")).upper()
        problem = role_problem(role)
        if problem:
            raise InputError(where, f"the ROLE of an ATTENDEE of {uid} is refused: {problem}")
        records.append(
            Record(recipient=address, name=str(name) if name else None, role=role, **common)
        )
    return records or [Record(recipient="", **common)]


def _instant(value: Any) -> int | None:
    """UTC seconds of a decoded date-time; None for a floating time or a date."""
    if isinstance(value, datetime):
        return int(value.timestamp()) if value.tzinfo is not None else None
    if isinstance(value, date):
        return None
    return None


def _refuse_text(where: str, what: str, value: str, limit: int) -> None:
    """Refuse a value read from another tool's file that could break a line or header."""
    problem = bad_text(value)
    if problem is None and len(value) > limit:
        problem = f"it is longer than {limit} characters"
    if problem:
        raise InputError(where, f"the {what} {value[:60]!r} is refused: {problem}")


def _one_line(where: str, what: str, value: str) -> str:
    """SUMMARY and LOCATION of another tool may hold line breaks (TEXT allows them): they
    become spaces, as the agenda's single-line fields would have them."""
    value = " ".join(value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    _refuse_text(where, what, value.replace("\t", " "), 10_000)
    return value.replace("\t", " ")
