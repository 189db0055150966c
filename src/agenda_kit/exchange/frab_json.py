"""frab / pretalx ``schedule.json``: read tolerantly, written valid against the strict
c3voc JSON Schema (``schema.json``, draft-06, formats checked)."""

from __future__ import annotations

import json
import re
from typing import Any

from .. import __version__
from ..diagnostics import Location
from ..findings import (
    EXPORT_NOT_CARRIED,
    IMPORT_LIMIT,
    IMPORT_MALFORMED,
    IMPORT_NO_EVENTS,
    IMPORT_SKIPPED,
    IMPORT_UNREADABLE,
    IMPORT_WRONG_FORMAT,
)
from ..model import Agenda
from ._build import imported
from ._common import Imported, Notes, Options, import_error, nothing_readable
from ._frab_read import Conference, RawEvent, to_items
from ._frab_write import GENERATOR, duration_text, guid_of, schedule, zone_for_json

__all__ = ["SCHEMA_URL", "read", "write"]

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"


def read(data: bytes, name: str, options: Options) -> Imported:
    """A ``schedule.json`` as an agenda. Raises ``LoadError`` for what is not one."""
    document, index = _parse(data, name)
    report = Notes(name)

    def loc(*path: str | int) -> Location:
        (line, column), _ = index.find(path)
        return Location(name, line, column, "")

    top = document.get("schedule") if isinstance(document, dict) else None
    conference = top.get("conference") if isinstance(top, dict) else None
    if not isinstance(top, dict) or not isinstance(conference, dict):
        raise import_error(IMPORT_WRONG_FORMAT, "frab-json", name)
    generator = document.get("generator") if isinstance(document, dict) else None
    conf = Conference(
        title=_str(conference.get("title")),
        acronym=_str(conference.get("acronym")),
        time_zone_name=_str(conference.get("time_zone_name")),
        base_url=_str(top.get("base_url")) or _str(conference.get("url")),
        generator=_str(generator.get("name")) if isinstance(generator, dict) else "",
    )
    rooms = conference.get("rooms")
    for room in rooms if isinstance(rooms, list) else []:  # a number there: found by fuzzing
        if isinstance(room, dict) and _str(room.get("name")):
            conf.rooms.append(_str(room.get("name")))
    events: list[RawEvent] = []
    days = conference.get("days")
    for d_index, day in enumerate(days if isinstance(days, list) else []):
        if not isinstance(day, dict) or not isinstance(day.get("rooms"), dict):
            report.add(IMPORT_SKIPPED, "no-rooms", loc("schedule", "conference", "days", d_index))
            continue
        for room_name, room_events in day["rooms"].items():
            if room_name not in conf.rooms:
                conf.rooms.append(room_name)
            for e_index, event in enumerate(room_events if isinstance(room_events, list) else []):
                where = loc("schedule", "conference", "days", d_index, "rooms", room_name, e_index)
                if not isinstance(event, dict):
                    report.add(IMPORT_SKIPPED, "not-object", where)
                    continue
                events.append(_event(event, room_name, day, where))
    if not events:
        what = "`schedule.conference.days[].rooms`"
        raise import_error(IMPORT_NO_EVENTS, "", name, what=what)
    items, zone, info = to_items(conf, events, name, options, report)
    if not items:
        raise nothing_readable(report, name)
    return imported(items, zone, info, report, "frab-json")


def _parse(data: bytes, name: str) -> tuple[Any, Any]:
    """The parsed JSON and its position index; a positioned import error for
    what is not JSON."""
    from ..loaders.positions import index_json

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = f"0x{data[exc.start]:02x}"
        raise import_error(IMPORT_UNREADABLE, "utf8", name, line, column, byte=byte) from None
    try:
        document = json.loads(text)
        index = index_json(text)
    except json.JSONDecodeError as exc:
        raise import_error(
            IMPORT_MALFORMED, "", name, exc.lineno, exc.colno, format="JSON", detail=exc.msg
        ) from None
    except RecursionError:
        raise import_error(IMPORT_LIMIT, "depth", name) from None
    except ValueError:  # an integer of more digits than Python converts
        digits = re.search(r"\d{4000,}", text)
        at = digits.start() if digits else 0
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise import_error(
            IMPORT_MALFORMED,
            "",
            name,
            line,
            column,
            format="JSON",
            detail="a number of more than 4,300 digits",
        ) from None
    return document, index


def _str(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value)


def _event(event: dict[str, Any], room_name: str, day: dict[str, Any], where: Location) -> RawEvent:
    persons: list[tuple[str, str]] = []
    listed = event.get("persons")
    for person in listed if isinstance(listed, list) else []:
        if isinstance(person, dict):
            person_name = _str(person.get("public_name")) or _str(person.get("name"))
            key = _str(person.get("guid")) or _str(person.get("code")) or _str(person.get("id"))
            persons.append((key, person_name))
        elif isinstance(person, str):
            persons.append(("", person))
    return RawEvent(
        where=where,
        id=_str(event.get("id")),
        guid=_str(event.get("guid")),
        title=_str(event.get("title")),
        subtitle=_str(event.get("subtitle")),
        date=_str(event.get("date")),
        start=_str(event.get("start")),
        duration=_str(event.get("duration")),
        end=_str(event.get("end")),
        room=_str(event.get("room")) or room_name,
        type=_str(event.get("type")),
        language=_str(event.get("language")),
        abstract=_str(event.get("abstract")),
        description=_str(event.get("description")),
        url=_str(event.get("url")),
        track=_str(event.get("track")),
        persons=persons,
        day_date=_str(day.get("date")),
        day_start=_str(day.get("day_start")),
    )


def document(agenda: Agenda, report: Notes | None = None) -> dict[str, Any]:
    """The agenda as a ``schedule.json`` document (a dict)."""
    report = report if report is not None else Notes("<agenda>")
    plan = schedule(agenda, report)
    conference: dict[str, Any] = {
        "acronym": plan.acronym,
        "title": plan.title,
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "daysCount": len(plan.days),
        "timeslot_duration": plan.timeslot,
    }
    zone = zone_for_json(plan.zone)
    if zone is not None:
        conference["time_zone_name"] = zone
    else:
        report.add(EXPORT_NOT_CARRIED, "zone-form", zone=plan.zone)
    if plan.base_url:
        conference["url"] = plan.base_url
    conference["rooms"] = [{"name": n, "guid": g} for n, g in plan.rooms]
    conference["days"] = [
        {
            "index": day.index,
            "date": day.date.isoformat(),
            "day_start": day.start.isoformat(),
            "day_end": day.end.isoformat(),
            "rooms": {
                room: [
                    {
                        "guid": e.guid,
                        "id": e.id,
                        "date": e.start.isoformat(),
                        "start": e.start.strftime("%H:%M"),
                        "end": e.end.isoformat(),
                        "duration": duration_text(e),
                        "room": e.room,
                        "slug": e.slug,
                        "url": e.url if _is_uri(e.url) else f"urn:uuid:{guid_of(e.guid)}",
                        "title": e.title,
                        "subtitle": "",
                        "track": e.track,
                        "type": e.type,
                        "language": e.language,
                        "abstract": "",
                        "description": e.description,
                        "persons": [{"guid": g, "name": n, "public_name": n} for n, g in e.persons],
                        "links": [],
                        "attachments": [],
                    }
                    for e in events
                ]
                for room, events in day.rooms.items()
            },
        }
        for day in plan.days
    ]
    schedule_doc: dict[str, Any] = {"version": plan.version}
    if plan.base_url:
        schedule_doc["base_url"] = plan.base_url
    schedule_doc["conference"] = conference
    return {
        "$schema": SCHEMA_URL,
        "generator": {"name": GENERATOR, "version": __version__},
        "schedule": schedule_doc,
    }


def _is_uri(text: str | None) -> bool:
    import re

    return bool(text) and re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$", text or "") is not None


def write(agenda: Agenda, report: Notes | None = None) -> bytes:
    """The agenda as ``schedule.json``, valid against the strict c3voc JSON Schema."""
    return (json.dumps(document(agenda, report), ensure_ascii=False, indent=2) + "\n").encode()
