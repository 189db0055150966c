"""frab / pentabarf / pretalx / wafer ``schedule.xml``: read tolerantly, written schema-valid.

The XML is parsed with defusedxml: a document that declares entities or refers to
external ones is refused (no "billion laughs", no file or network reads). Writing
follows the strict c3voc XSD (``schedule.xml.xsd``): UUID guids, ``<version>``, a
positive integer ``id`` per event.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from .. import __version__
from ..diagnostics import Location
from ..findings import (
    IMPORT_ASSUMED_STRUCTURE,
    IMPORT_ENTITIES_REFUSED,
    IMPORT_MALFORMED,
    IMPORT_NO_EVENTS,
    IMPORT_WRONG_FORMAT,
)
from ..findings.export import EXPORT_NOT_CARRIED
from ..model import Agenda
from ._build import imported
from ._common import Imported, Notes, Options, import_error, nothing_readable
from ._frab_read import Conference, RawEvent, to_items
from ._frab_write import GENERATOR, duration_text, http_url, schedule

__all__ = ["read", "write"]


class _Positions(ET.TreeBuilder):
    """A tree builder that remembers where each element starts (1-based line, column)."""

    def __init__(self) -> None:
        super().__init__()
        self.parser: Any = None
        self.where: dict[int, tuple[int, int]] = {}

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        element = super().start(tag, attrs)
        expat = self.parser.parser
        self.where[id(element)] = (expat.CurrentLineNumber, expat.CurrentColumnNumber + 1)
        return element


def parse(data: bytes, name: str) -> tuple[ET.Element, dict[int, tuple[int, int]]]:
    """The document's root and element positions. Raises ``LoadError`` with a position."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    builder = _Positions()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False)
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as exc:
        line, column = exc.position
        message = str(exc).split(": line ")[0]
        raise import_error(
            IMPORT_MALFORMED, "", name, line, column + 1, format="XML", detail=message
        ) from None
    except LookupError as exc:  # expat knows no codec by the declared name
        codec = str(exc).rpartition(": ")[2]
        raise import_error(IMPORT_WRONG_FORMAT, "xml-codec", name, header=repr(codec)) from None
    except DefusedXmlException as exc:
        expat = parser.parser
        raise import_error(
            IMPORT_ENTITIES_REFUSED,
            "",
            name,
            expat.CurrentLineNumber,
            expat.CurrentColumnNumber + 1,
            detail=str(exc),
        ) from None
    return root, builder.where


def read(data: bytes, name: str, options: Options) -> Imported:
    """A ``schedule.xml`` as an agenda. Raises ``LoadError`` for what is not one."""
    root, where = parse(data, name)
    report = Notes(name)

    def loc(element: ET.Element) -> Location:
        line, column = where.get(id(element), (1, 1))
        return Location(name, line, column, "")

    if root.tag != "schedule":
        line, column = where.get(id(root), (1, 1))
        raise import_error(IMPORT_WRONG_FORMAT, "frab-xml", name, line, column, root=root.tag)
    conference = root.find("conference")
    conf = Conference()
    if conference is not None:
        conf = Conference(
            title=_text(conference, "title"),
            acronym=_text(conference, "acronym"),
            time_zone_name=_text(conference, "time_zone_name"),
            base_url=_text(conference, "base_url") or _text(conference, "url"),
            venue=_text(conference, "venue"),
            city=_text(conference, "city"),
            day_change=_text(conference, "day_change"),
        )
    generator = root.find("generator")
    if generator is None and conference is not None:
        generator = conference.find("generator")
    if generator is not None:
        conf.generator = generator.get("name") or (generator.text or "").strip()
    events: list[RawEvent] = []
    for day in root.iter("day"):
        for room in day.findall("room"):
            room_name = room.get("name") or ""
            if room_name not in conf.rooms:
                conf.rooms.append(room_name)
            for element in room.findall("event"):
                events.append(_event(element, room_name, day, loc(element), report))
    if not events:
        line, column = where.get(id(root), (1, 1))
        what = "no <day>/<room>/<event> elements"
        raise import_error(IMPORT_NO_EVENTS, "", name, line, column, what=what)
    items, zone, info = to_items(conf, events, name, options, report)
    if not items:
        raise nothing_readable(report, name)
    return imported(items, zone, info, report, "frab-xml")


def _text(element: ET.Element, tag: str) -> str:
    child = element.find(tag)
    return (child.text or "") if child is not None else ""


def _event(
    element: ET.Element, room_name: str, day: ET.Element, where: Location, report: Notes
) -> RawEvent:
    persons: list[tuple[str, str]] = []
    container = element.find("persons")
    for person in container.findall("person") if container is not None else []:
        persons.append((person.get("id") or person.get("guid") or "", person.text or ""))
    for person in element.findall("person"):
        # Some exporters put one <person> with comma-joined names under <event>.
        names = [n.strip() for n in (person.text or "").split(",") if n.strip()]
        if len(names) > 1:
            report.add(IMPORT_ASSUMED_STRUCTURE, "persons", where, key="persons")
        persons.extend(("", n) for n in names)
    url = _text(element, "url")
    return RawEvent(
        where=where,
        id=element.get("id") or "",
        guid=element.get("guid") or "",
        title=_text(element, "title"),
        subtitle=_text(element, "subtitle"),
        date=_text(element, "date"),
        start=_text(element, "start"),
        duration=_text(element, "duration"),
        room=_text(element, "room") or room_name,
        type=_text(element, "type"),
        language=_text(element, "language"),
        abstract=_text(element, "abstract"),
        description=_text(element, "description"),
        url=url,
        track=_text(element, "track"),
        persons=persons,
        day_date=day.get("date") or "",
        day_start=day.get("start") or "",
    )


# What XML 1.0 cannot hold, not even as a character reference: C0 controls other
# than tab, LF and CR, lone surrogates, U+FFFE and U+FFFF. The model refuses controls
# but admits U+FFFE and U+FFFF, which no XML parser reads.
_NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_chars(root: ET.Element, report: Notes) -> None:
    """Characters XML cannot hold replaced by U+FFFD, with a note: a schedule with one
    unreadable character in a title is more use than none, and the note says where."""

    def fix(text: str, where: str) -> str:
        if not _NOT_XML.search(text):
            return text
        report.add(EXPORT_NOT_CARRIED, "xml-chars", element=where)
        return _NOT_XML.sub("\ufffd", text)

    for element in root.iter():
        if element.text:
            element.text = fix(element.text, f"<{element.tag}>")
        for key, value in element.attrib.items():
            element.attrib[key] = fix(value, f"<{element.tag} {key}>")


def write(agenda: Agenda, report: Notes | None = None) -> bytes:
    """The agenda as ``schedule.xml``, valid against the strict c3voc XSD; characters
    XML cannot hold become U+FFFD (and a note)."""
    report = report if report is not None else Notes("<agenda>")
    plan = schedule(agenda, report)
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name=GENERATOR, version=__version__)
    ET.SubElement(root, "version").text = plan.version
    conference = ET.SubElement(root, "conference")
    for tag, value in (
        ("acronym", plan.acronym),
        ("title", plan.title),
        ("start", plan.start.isoformat()),
        ("end", plan.end.isoformat()),
        ("days", str(len(plan.days))),
        ("timeslot_duration", plan.timeslot),
        ("base_url", plan.base_url),
        ("time_zone_name", plan.zone),
    ):
        if value is not None:
            ET.SubElement(conference, tag).text = value
    for day in plan.days:
        day_element = ET.SubElement(
            root,
            "day",
            index=str(day.index),
            date=day.date.isoformat(),
            start=day.start.isoformat(),
            end=day.end.isoformat(),
        )
        guids = dict(plan.rooms)
        for room_name, events in day.rooms.items():
            room = ET.SubElement(day_element, "room", name=room_name, guid=guids[room_name])
            for e in events:
                element = ET.SubElement(room, "event", guid=e.guid, id=str(e.id))
                for tag, value in (
                    ("date", e.start.isoformat()),
                    ("start", e.start.strftime("%H:%M")),
                    ("duration", duration_text(e)),
                    ("room", e.room),
                    ("slug", e.slug),
                    ("title", e.title),
                    ("subtitle", ""),
                    ("track", e.track),
                    ("type", e.type),
                    ("language", e.language),
                    ("abstract", ""),
                    ("description", e.description),
                    ("url", http_url(e.url)),
                ):
                    if value is not None:
                        ET.SubElement(element, tag).text = value
                persons = ET.SubElement(element, "persons")
                for person_name, person_guid in e.persons:
                    ET.SubElement(persons, "person", guid=person_guid).text = person_name
                ET.SubElement(element, "links")
    _xml_chars(root, report)
    ET.indent(root, space="  ")
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b"<?xml version='1.0' encoding='utf-8'?>\n" + body + b"\n"
