"""The baselines of the export benchmark: the same feed written as plainly as Python can.

``floor`` reads the benchmark JSON with ``json.load``, resolves each session's times
(a part's ``start``, an explicit ``time``, or the end of the previous session plus
``minutes``) as wall-clock times in the event's zone with ``zoneinfo``, and writes the
lines agenda_kit writes for a session (UID, DTSTAMP, DTSTART/DTEND with TZID,
SUMMARY, LOCATION, DESCRIPTION with the speakers, CATEGORIES and the X-AGENDA-KIT
properties) with f-strings, escaped and folded at 75 octets. It does no checking and
no VTIMEZONE: it is what no real exporter can beat by much.

``icalendar_build`` makes the same events as icalendar objects and serialises them:
the straightforward way to write a feed with the library agenda_kit depends on.

Both only read what bench/data.py generates (not every agenda form).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

__all__ = ["floor", "icalendar_build"]

STAMP = "20241001T000000Z"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> bytes:
    raw = line.encode()
    if len(raw) <= 75:
        return raw + b"\r\n"
    out, start, limit = [], 0, 75
    while start < len(raw):
        end = min(start + limit, len(raw))
        while end < len(raw) and raw[end] & 0xC0 == 0x80:  # not inside a character
            end -= 1
        out.append(raw[start:end])
        start, limit = end, 74
    return b"\r\n ".join(out) + b"\r\n"


def _sessions(doc: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any], datetime]]:
    """(part, session, start) of every session, the start in the event's zone."""
    zone = ZoneInfo(doc["event"]["timezone"])
    for part in doc["parts"]:
        day = date.fromisoformat(part["date"])
        clock: datetime | None = None
        for session in part["sessions"]:
            given = session.get("time") or session.get("start")
            if given:
                hour, minute = map(int, given[:5].split(":"))
                start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
            else:
                assert clock is not None
                start = clock
            yield part, session, start
            # Elapsed time: add in UTC, back to the zone (the night the clocks change).
            clock = start.astimezone(ZoneInfo("UTC")) + timedelta(minutes=session["minutes"])
            clock = clock.astimezone(zone)


def _texts(doc: dict[str, Any], part: dict[str, Any], session: dict[str, Any]) -> dict[str, str]:
    venue = doc["venue"]
    room_id = session.get("room") or part["room"]
    room = venue["rooms"][room_id]
    speakers = []
    for key in session.get("speakers", []):
        speaker = doc["speakers"][key]
        extra = f" ({speaker['affiliation']})" if "affiliation" in speaker else ""
        speakers.append(speaker["name"] + extra)
    description = session.get("description", "")
    if speakers:
        said = "Speakers: " + ", ".join(speakers)
        description = f"{description}\n\n{said}" if description else said
    return {
        "location": f"{room['name']} (floor {room['floor']}), {venue['name']}, {venue['address']}",
        "description": description,
        "kind": session.get("kind", "talk"),
        "room": room_id,
    }


def floor(source: Path, out: Path) -> int:
    """Write the feed of ``source`` the plainest way; the bytes written."""
    with open(source, encoding="utf-8") as f:
        doc = json.load(f)
    event = doc["event"]
    zone_name = event["timezone"]
    written = 0
    with open(out, "wb", buffering=1 << 20) as f:
        head = (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//floor//EN\r\n"
            f"X-WR-TIMEZONE:{zone_name}\r\n"
        )
        written += f.write(head.encode())
        for part, session, start in _sessions(doc):
            end = start + timedelta(minutes=session["minutes"])
            texts = _texts(doc, part, session)
            lines = [
                b"BEGIN:VEVENT\r\n",
                _fold(f"UID:{event['id']}-{session['id']}@agenda-kit"),
                f"DTSTAMP:{STAMP}\r\n".encode(),
                f"DTSTART;TZID={zone_name}:{start:%Y%m%dT%H%M%S}\r\n".encode(),
                f"DTEND;TZID={zone_name}:{end:%Y%m%dT%H%M%S}\r\n".encode(),
                _fold(f"SUMMARY:{_escape(session['title'])}"),
                _fold(f"LOCATION:{_escape(texts['location'])}"),
            ]
            if texts["description"]:
                lines.append(_fold(f"DESCRIPTION:{_escape(texts['description'])}"))
            lines.append(_fold(f"CATEGORIES:{_escape(texts['kind'])},{_escape(part['title'])}"))
            lines.append(_fold(f"X-AGENDA-KIT-SESSION:{_escape(session['id'])}"))
            lines.append(_fold(f"X-AGENDA-KIT-PART:{_escape(part['id'])}"))
            lines.append(_fold(f"X-AGENDA-KIT-ROOM:{_escape(texts['room'])}"))
            for key in session.get("speakers", []):
                lines.append(_fold(f"X-AGENDA-KIT-SPEAKER:{_escape(key)}"))
            lines.append(_fold(f"X-AGENDA-KIT-KIND:{_escape(texts['kind'])}"))
            lines.append(b"END:VEVENT\r\n")
            written += f.write(b"".join(lines))
        written += f.write(b"END:VCALENDAR\r\n")
    return written


def icalendar_build(source: Path, out: Path) -> int:
    """The same events as icalendar objects, serialised with ``to_ical``."""
    import icalendar

    with open(source, encoding="utf-8") as f:
        doc = json.load(f)
    event = doc["event"]
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//icalendar baseline//EN")
    stamp = datetime(2024, 10, 1, tzinfo=ZoneInfo("UTC"))
    for part, session, start in _sessions(doc):
        texts = _texts(doc, part, session)
        item = icalendar.Event()
        item.add("uid", f"{event['id']}-{session['id']}@agenda-kit")
        item.add("dtstamp", stamp)
        item.add("dtstart", start)
        item.add("dtend", start + timedelta(minutes=session["minutes"]))
        item.add("summary", session["title"])
        item.add("location", texts["location"])
        if texts["description"]:
            item.add("description", texts["description"])
        item.add("categories", [texts["kind"], part["title"]])
        item.add("x-agenda-kit-session", icalendar.vText(session["id"]))
        item.add("x-agenda-kit-part", icalendar.vText(part["id"]))
        item.add("x-agenda-kit-room", icalendar.vText(texts["room"]))
        for key in session.get("speakers", []):
            item.add("x-agenda-kit-speaker", icalendar.vText(key))
        item.add("x-agenda-kit-kind", icalendar.vText(texts["kind"]))
        calendar.add_component(item)
    data = calendar.to_ical()
    out.write_bytes(data)
    return len(data)
