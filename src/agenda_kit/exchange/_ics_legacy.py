"""Feeds written by agenda-kit before it wrote its structure as X- properties.

Such a feed says what it holds only in the words it wrote for people: session ids in
its UIDs, parts in RELATED-TO and CATEGORIES, rooms and floors in LOCATION (``Room
(floor 2), Venue, Address``, ``A → B`` for a transfer) and speakers after ``Speakers:``
or ``담당:``. Those words are read here and nowhere else, for these older feeds only;
a feed with ``X-AGENDA-KIT-`` properties is read from them (``_ics_items.own_items``).
"""

from __future__ import annotations

import re

from ..findings import IMPORT_SKIPPED
from ..ical.reader import Component
from ..model import KINDS
from ._build import EventInfo
from ._common import Item, Notes, Person, clean_notes, clean_text
from ._ics_items import Span, _names, _where

__all__ = ["legacy_items", "legacy_venue"]

_SPEAKERS = re.compile(r"^\s*(speakers|담당)\s*:\s*(.+?)\s*$", re.I)
_FLOOR = re.compile(r"^(?P<name>.+?) \((?:floor (?P<en>[^()]+)|(?P<ko>[^()]+?)층)\)$")
_TRANSFER = " → "


def legacy_items(
    events: list[Component], span: Span, name: str, notes: Notes, info: EventInfo
) -> list[Item]:
    """Events of an older agenda-kit feed, with ids, parts, rooms and speakers restored."""
    entries = [e for e in events if re.search(r"~(part|day)@", e.text("UID"))]
    if entries:
        notes.add(IMPORT_SKIPPED, "overview", count=len(entries))
    events = [e for e in events if e not in entries]
    event_id = _event_id(events)
    items = []
    for event in events:
        start, end = span(event)
        uid = event.text("UID")
        prefix, suffix = f"{event_id}-", "@agenda-kit"
        ident = (
            uid[len(prefix) : -len(suffix)]
            if uid.startswith(prefix) and uid.endswith(suffix)
            else None
        )
        description = clean_notes(event.text("DESCRIPTION")) or ""
        lines = description.split("\n")
        match = _SPEAKERS.match(lines[-1])
        named = _names(match[2]) if match else []
        if match:
            description = "\n".join(lines[:-1]).strip()
            info.lang = "ko" if match[1] == "담당" else info.lang
        categories = [c for p in event.all("CATEGORIES") for c in p.texts()]
        kind = categories[0] if categories and categories[0] in KINDS else "talk"
        part_title = categories[1] if len(categories) > 1 else None
        related = event.text("RELATED-TO")
        part_id = None
        if related.startswith(prefix) and related.endswith("~part@agenda-kit"):
            part_id = related[len(prefix) : -len("~part@agenda-kit")]
        items.append(
            Item(
                title=clean_text(event.text("SUMMARY")),
                start=start,
                end=end,
                where=_where(event, name),
                ident=ident,
                uid=uid or None,  # kept: a re-export must not give calendars new events
                room=event.text("LOCATION") or None,  # split by legacy_venue
                speakers=[Person(n, affiliation=a) for n, a in named],
                kind=kind,
                description=description or None,
                url=clean_text(event.text("URL")) or None,
                part=part_title if part_title != part_id else None,
                part_id=part_id,
            )
        )
    return items


def _event_id(events: list[Component]) -> str:
    """The event id: the common start (up to a '-') of the session UIDs and part refs."""
    texts = [
        t
        for e in events
        for t in (e.text("UID"), e.text("RELATED-TO"))
        if t.endswith("@agenda-kit")
    ]
    if not texts:
        return ""
    common = texts[0]
    for text in texts[1:]:
        while not text.startswith(common):
            common = common[:-1]
    if len(texts) == 1:
        common = common.rsplit("@", 1)[0]
    return common[: common.rfind("-")] if "-" in common else ""


def _room_label(label: str) -> tuple[str, int | str | None]:
    match = _FLOOR.match(label)
    if not match:
        return label, None
    floor = match["en"] or match["ko"]
    return match["name"], int(floor) if floor.lstrip("-").isdigit() else floor


def legacy_venue(items: list[Item], info: EventInfo) -> None:
    """Rooms, floors and the venue from ``Room (floor), Venue, Address``."""
    plain = [i.room.split(", ") for i in items if i.room and _TRANSFER not in i.room]
    if not plain:
        return
    common = plain[0]
    for parts in plain[1:]:
        n = 0
        while n < min(len(common), len(parts)) and common[-1 - n] == parts[-1 - n]:
            n += 1
        common = common[len(common) - n :] if n else []
    distinct = {tuple(p) for p in plain}
    if len(distinct) == 1 and len(common) == len(plain[0]) and len(common) > 1:
        common = common[1:]  # one room: the first piece is the room
    if common:
        info.venue = common[0]
        info.address = ", ".join(common[1:]) or None
    suffix = ", " + ", ".join(common) if common else ""

    def room_of(text: str) -> str | None:
        if text == ", ".join(common):
            return None
        label = text[: -len(suffix)] if suffix and text.endswith(suffix) else text
        room, floor = _room_label(label)
        if floor is not None:
            info.floors[room] = floor
        return room

    for item in items:
        if not item.room:
            continue
        if _TRANSFER in item.room and item.kind == "transfer":
            here, there = item.room.split(_TRANSFER, 1)
            item.room = room_of(here + suffix)
            item.to_room = room_of(there)
        else:
            item.room = room_of(item.room)
