"""The previous-mailing reader (``invite --previous``): the iCalendar files of an
earlier mailing, ours or another tool's, read into the records of a ``Baseline``.

The files are read by ``ical.reader``, the tolerant reader the .ics importer uses, and
their times by ``ical.times``; so both read the same files alike and say where a
problem is. What the reader tolerates without losing anything (blank lines, a line
folded inside a UTF-8 character, a missing ``END:VCALENDAR``) is read; what could
change or lose what was sent (text that is not UTF-8, a VEVENT or a component in it
without its END, a line longer than ``MAX_LINE``) is refused at its line (AK712).

Everything here is untrusted input: a UID becomes a file name, an ATTENDEE the
recipient of a cancellation, so each value is checked before it is kept (AK713).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..findings import PREVIOUS_UNREADABLE, PREVIOUS_UNTRUSTED, Phrase
from ._safety import MAX_SEQUENCE, MAX_TEXT, MAX_UID, address_problem, bad_text, role_problem
from .reader import Component, Parsed, Property, TooLarge, exact_text, read
from .state import Baseline, Record, digest, refuse
from .times import When, Zones, duration, when

__all__ = ["MAX_LINE", "read_previous"]

_At = Callable[..., tuple[str, int]]  # file and line of a property (of the VEVENT: none)

#: Characters of one unfolded content line (a long description is a few thousand).
MAX_LINE = 1_000_000


def read_previous(paths: list[Path], *, source: str) -> Baseline:
    """Messages sent before, from iCalendar files. Raises ``InputError`` (AK712 for a
    file that cannot be read, AK713 for a value that is refused) at its line."""
    baseline = Baseline(source=source)
    for path in paths:
        name = str(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise refuse(PREVIOUS_UNREADABLE, name, variant="read", reason=reason) from None
        parsed = _parse(data, name)
        zones = Zones(parsed.root)
        events = list(_events(parsed.root, ""))
        if not events:
            raise refuse(PREVIOUS_UNREADABLE, name, variant="no-vevent")
        for event, method in events:
            for record in _records(event, method, name, zones):
                record.file = None
                baseline.add(record)
    return baseline


def _parse(data: bytes, name: str) -> Parsed:
    """The file read, or refused where the reader would have changed or lost a value."""
    try:
        parsed = read(data, name, line_length=MAX_LINE)
    except TooLarge as exc:
        detail = f"a content line is longer than {exc.value} characters"
        raise refuse(
            PREVIOUS_UNREADABLE, name, exc.line, variant="not-ics", detail=detail
        ) from None
    for found in parsed.findings.found:
        if found.key.endswith(".encoding"):
            where = found.location
            detail = "the text is not UTF-8 from this column on"
            raise refuse(
                PREVIOUS_UNREADABLE, name, where.line, where.column, "not-ics", detail=detail
            )
    for event in parsed.root.walk("VEVENT"):
        broken = [event] if not event.ended else []
        broken += [c for c in _all(event) if not c.ended]
        if broken:  # cut off, or ended early: its attendees may be lost
            raise refuse(PREVIOUS_UNREADABLE, name, broken[0].line, variant="no-vevent")
    return parsed


def _all(component: Component) -> Iterator[Component]:
    for child in component.components:
        yield child
        yield from _all(child)


def _events(component: Component, method: str) -> Iterator[tuple[Component, str]]:
    """Every VEVENT below ``component``, with the METHOD of the calendar it is in."""
    found = component.first("METHOD")
    if found is not None:
        method = found.value.strip().upper()
    for child in component.components:
        if child.name == "VEVENT":
            yield child, method
        elif child.name != "VTIMEZONE":
            yield from _events(child, method)


def _records(event: Component, method: str, file: str, zones: Zones) -> list[Record]:
    def at(prop: Property | None = None) -> tuple[str, int]:
        return file, prop.line if prop is not None else event.line

    uid_prop = event.first("UID")
    if uid_prop is None:
        raise refuse(PREVIOUS_UNREADABLE, *at(), variant="no-uid")
    uid = exact_text(uid_prop.value)
    _refuse_text(at(uid_prop), "UID", uid, MAX_UID)
    sequence = _sequence(event, uid, at)
    try:
        stamp = _stamp(event, zones)
        start, end = _span(event, zones)
    except (ValueError, OverflowError) as exc:
        raise refuse(
            PREVIOUS_UNREADABLE, *at(), variant="bad-vevent", uid=uid, detail=str(exc)[:200]
        ) from None
    status_prop = event.first("STATUS")
    status = status_prop.value.strip().upper() if status_prop is not None else "CONFIRMED"
    if method == "CANCEL":
        status = "CANCELLED"
    common: dict[str, Any] = {
        "uid": uid,
        "method": "CANCEL" if status == "CANCELLED" else "REQUEST",
        "sequence": sequence,
        "dtstamp": stamp,
        "status": status,
        "start": start,
        "end": end,
        "location": _one_line(at, event.first("LOCATION"), "LOCATION"),
        "summary": _one_line(at, event.first("SUMMARY"), "SUMMARY"),
        "digest": digest(method or "REQUEST", event.lines()),
    }
    records = []
    for attendee in event.all("ATTENDEE"):
        where = at(attendee)
        address = unquote(attendee.value)
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
        name = attendee.param_text("CN")
        if name is not None:
            _refuse_text(where, "CN", name, MAX_TEXT)
        role = (attendee.param_text("ROLE") or "REQ-PARTICIPANT").upper()
        problem = role_problem(role)
        if problem:
            raise refuse(PREVIOUS_UNTRUSTED, *where, variant="role", uid=uid, problem=problem)
        records.append(Record(recipient=address, name=name or None, role=role, **common))
    return records or [Record(recipient="", **common)]


def _sequence(event: Component, uid: str, at: _At) -> int:
    """The SEQUENCE (0 when there is none): an integer of RFC 5545, as the state's."""
    prop = event.first("SEQUENCE")
    if prop is None:
        return 0
    text = prop.value.strip()
    digits = text.lstrip("+-")
    if not digits.isascii() or not digits.isdigit() or len(text) - len(digits) > 1:
        detail = f"SEQUENCE {text[:40]!r} is not an integer"
        raise refuse(PREVIOUS_UNREADABLE, *at(), variant="bad-vevent", uid=uid, detail=detail)
    if len(digits) > 10 or text.startswith("-") or int(digits) > MAX_SEQUENCE:
        problem = Phrase("invite.problem.sequence")
        raise refuse(
            PREVIOUS_UNTRUSTED, *at(prop), field="SEQUENCE", value=repr(text[:40]), problem=problem
        )
    return int(digits)


def _stamp(event: Component, zones: Zones) -> str:
    """The DTSTAMP in UTC; the earliest one when it is missing, floating or unreadable
    (any message sent later is newer)."""
    prop = event.first("DTSTAMP")
    if prop is not None:
        try:
            stamp = when(prop, zones.tzinfo)
        except ValueError:
            stamp = None
        if stamp is not None and stamp.kind in ("utc", "zone"):
            return stamp.instant(UTC).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return "19700101T000000Z"


def _span(event: Component, zones: Zones) -> tuple[int | None, int | None]:
    """UTC seconds of the start and end; None for a floating time or a date. The end is
    DTEND, or DTSTART and DURATION, or DTSTART itself (a day later for a date)."""
    start_prop = event.first("DTSTART")
    if start_prop is None:
        return None, None
    start = when(start_prop, zones.tzinfo)
    end_prop, length = event.first("DTEND"), event.first("DURATION")
    if end_prop is not None:
        end = when(end_prop, zones.tzinfo)
    elif length is not None:
        end = When(start.local + duration(length.value), start.kind, start.tz)
    else:
        days = 1 if start.kind == "date" else 0
        end = When(start.local + timedelta(days=days), start.kind, start.tz)
    return _instant(start), _instant(end)


def _instant(value: When) -> int | None:
    if value.kind in ("floating", "date"):
        return None
    return int(value.instant(UTC).timestamp())


def _refuse_text(where: tuple[str, int], what: str, value: str, limit: int) -> None:
    """Refuse a value read from another tool's file that could break a line or header."""
    problem = bad_text(value)
    if problem is None and len(value) > limit:
        problem = Phrase("invite.problem.too-long", limit=limit)
    if problem:
        raise refuse(
            PREVIOUS_UNTRUSTED, *where, field=what, value=repr(value[:60]), problem=problem
        )


def _one_line(at: _At, prop: Property | None, what: str) -> str:
    """SUMMARY and LOCATION of another tool may hold line breaks (TEXT allows them): they
    become spaces, as the agenda's single-line fields would have them."""
    if prop is None:
        return ""
    value = exact_text(prop.value)
    value = " ".join(value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    _refuse_text(at(prop), what, value.replace("\t", " "), MAX_TEXT)
    return value.replace("\t", " ")
