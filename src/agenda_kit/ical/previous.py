"""The previous-mailing reader (``invite --previous``): the iCalendar files of an
earlier mailing, ours or another tool's, read into the records of a ``Baseline``.

Everything here is untrusted input: a UID becomes a file name, an ATTENDEE the
recipient of a cancellation, so each value is checked before it is kept. The reader is
reached only through ``read_previous`` (``state.read_calendars`` calls it), so that it
can be replaced by the shared tolerant iCalendar reader in one place.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..findings import PREVIOUS_UNREADABLE, PREVIOUS_UNTRUSTED, Phrase
from ._safety import MAX_TEXT, MAX_UID, address_problem, bad_text, role_problem
from .state import Baseline, Record, digest, refuse, unfold

__all__ = ["read_previous"]


def read_previous(paths: list[Path], *, source: str) -> Baseline:
    """Messages sent before, from iCalendar files. Raises ``InputError`` (AK712 for a
    file that cannot be read, AK713 for a value that is refused) at the VEVENT's line."""
    from icalendar import Calendar

    baseline = Baseline(source=source)
    for path in paths:
        name = str(path)
        try:
            data = path.read_bytes()
            text = data.decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror or str(exc) if isinstance(exc, OSError) else str(exc)
            raise refuse(PREVIOUS_UNREADABLE, name, variant="read", reason=reason) from None
        method, blocks = _blocks(text)
        try:
            # Bytes, never str: from_ical(str) reads a file when the string is a path.
            calendars = Calendar.from_ical(data, multiple=True)
        except Exception as exc:
            detail = str(exc)[:200]
            raise refuse(PREVIOUS_UNREADABLE, name, variant="not-ics", detail=detail) from None
        events = [e for cal in calendars for e in cal.walk("VEVENT")]
        if not events or len(events) != len(blocks):
            line = blocks[0][0] if blocks else 1
            raise refuse(PREVIOUS_UNREADABLE, name, line, variant="no-vevent")
        for event, block in zip(events, blocks, strict=True):
            for record in _records(event, method, _Block(name, *block)):
                record.file = None
                baseline.add(record)
    return baseline


Numbered = list[tuple[int, str]]  # unfolded content lines with their first line numbers


def _blocks(text: str) -> tuple[str, list[tuple[int, Numbered]]]:
    """METHOD and the VEVENTs (first line number, numbered unfolded lines) of a text."""
    method = ""
    blocks: list[tuple[int, Numbered]] = []
    current: Numbered | None = None
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
            current.append((number, line))
    return method, blocks


class _Block:
    """One VEVENT of a file: where it starts, and the line of each property."""

    def __init__(self, file: str, start: int, lines: Numbered) -> None:
        self.file, self.start, self.numbered = file, start, lines
        self.lines = [line for _, line in lines]

    def at(self, name: str = "", index: int = 0) -> tuple[str, int]:
        """File and line of the ``index``-th property ``name`` of the VEVENT (its
        BEGIN line when there is none, or no name is given)."""
        found = [n for n, line in self.numbered if _name(line) == name and name]
        return self.file, found[index] if index < len(found) else self.start


def _name(line: str) -> str:
    return line.split(":", 1)[0].split(";", 1)[0].upper()


def _records(event: Any, method: str, block: _Block) -> list[Record]:
    if "UID" not in event:
        raise refuse(PREVIOUS_UNREADABLE, *block.at(), variant="no-uid")
    uid = str(event["UID"])
    _refuse_text(block.at("UID"), "UID", uid, MAX_UID)
    lines = block.lines
    try:
        sequence = int(event.get("SEQUENCE", 0))
        stamp = event.decoded("DTSTAMP") if "DTSTAMP" in event else None
        start = _instant(event.decoded("DTSTART")) if "DTSTART" in event else None
        end = _instant(event.end) if "DTSTART" in event else None
    except Exception as exc:
        raise refuse(
            PREVIOUS_UNREADABLE, *block.at(), variant="bad-vevent", uid=uid, detail=str(exc)[:200]
        ) from None
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
        "location": _one_line(block.at("LOCATION"), "LOCATION", str(event.get("LOCATION", ""))),
        "summary": _one_line(block.at("SUMMARY"), "SUMMARY", str(event.get("SUMMARY", ""))),
        "digest": digest(method or "REQUEST", lines),
    }
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    records = []
    for index, attendee in enumerate(attendees):
        where = block.at("ATTENDEE", index)
        address = unquote(str(attendee))
        if address.lower().startswith("mailto:"):
            address = address[7:]
        problem = address_problem(address)
        if problem:
            raise refuse(
                PREVIOUS_UNTRUSTED,
                *where,
                variant="attendee",
                uid=uid,
                problem=problem,
                value=repr(address[:200]),
            )
        name = attendee.params.get("CN")
        if name is not None:
            _refuse_text(where, "CN", str(name), MAX_TEXT)
        role = str(attendee.params.get("ROLE", "REQ-PARTICIPANT")).upper()
        problem = role_problem(role)
        if problem:
            raise refuse(PREVIOUS_UNTRUSTED, *where, variant="role", uid=uid, problem=problem)
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


def _refuse_text(where: tuple[str, int], what: str, value: str, limit: int) -> None:
    """Refuse a value read from another tool's file that could break a line or header."""
    problem = bad_text(value)
    if problem is None and len(value) > limit:
        problem = Phrase("invite.problem.too-long", limit=limit)
    if problem:
        raise refuse(
            PREVIOUS_UNTRUSTED, *where, field=what, value=repr(value[:60]), problem=problem
        )


def _one_line(where: tuple[str, int], what: str, value: str) -> str:
    """SUMMARY and LOCATION of another tool may hold line breaks (TEXT allows them): they
    become spaces, as the agenda's single-line fields would have them."""
    value = " ".join(value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    _refuse_text(where, what, value.replace("\t", " "), MAX_TEXT)
    return value.replace("\t", " ")
