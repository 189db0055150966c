"""VEVENTs as the sessions an import builds on: from any calendar tool, and from
agenda-kit's own feeds.

An agenda-kit feed carries its structure in X- properties (``X-AGENDA-KIT-SESSION``,
``-PART``, ``-ROOM``, ``-TO``, ``-SPEAKER``, ``-KIND``, ``-PARENT``, and
``X-AGENDA-KIT-EVENT`` on the calendar; where written, ``-ROOM-NAME``, ``-FLOOR`` and
``-PART-TITLE``; docs/interchange.md lists them), and those are read, never the words
the feed writes for people around them. Other calendars give
rooms in LOCATION, speakers as ATTENDEEs, in pretalx titles, or in a ``Speaker:`` line
of the description, which is read as conference tools write it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import datetime

from ..diagnostics import Location
from ..findings import IMPORT_ASSUMED_STRUCTURE
from ..ical.reader import Component, Property, text_list, unescape
from ..model import EMAIL_PATTERN, KINDS, MAX_MINUTES
from ._build import EventInfo
from ._common import (
    Item,
    Notes,
    Person,
    clean_notes,
    clean_text,
    derive_kind,
    name_and_affiliation,
    split_names,
)
from ._parts import LANG_RE

__all__ = ["OWN", "foreign_items", "is_own", "own_items", "own_venue", "room_label"]

OWN = "X-AGENDA-KIT-"
_EMAIL = re.compile(EMAIL_PATTERN)

Span = Callable[[Component], tuple[datetime, datetime]]


def is_own(head: Component, events: list[Component]) -> bool:
    """Whether the calendar is an agenda-kit feed that carries its structure."""
    return head.first(OWN + "EVENT") is not None or any(
        e.first(OWN + "SESSION") is not None for e in events
    )


def _where(component: Component, name: str) -> Location:
    return Location(name, component.line, 1, "")


# --- Calendars of other tools -----------------------------------------------------


def foreign_items(
    head: Component, events: list[Component], span: Span, name: str, notes: Notes
) -> list[Item]:
    pretalx = "pretalx" in head.text("PRODID").lower()
    items = []
    for event in events:
        start, end = span(event)
        summary = clean_text(event.text("SUMMARY"))
        description = clean_notes(event.text("DESCRIPTION")) or ""
        speakers = _attendees(event)
        if pretalx:
            summary, people = _pretalx_summary(summary)
            if people:
                notes.add(IMPORT_ASSUMED_STRUCTURE, "pretalx", key="pretalx")
            speakers += [Person(n, affiliation=a) for n, a in people]
        named, rest = _speakers_in_description(description)
        if named:
            notes.add(IMPORT_ASSUMED_STRUCTURE, "description-speakers", key="description")
            known = {p.name for p in speakers}
            speakers += [Person(n, affiliation=a) for n, a in named if n not in known]
            description = rest
        categories = [c for p in event.all("CATEGORIES") for c in p.texts()]
        kind = next((c.lower() for c in categories if c.lower() in KINDS), None)
        kind = kind or derive_kind(" ".join([summary, *categories])) or "talk"
        uid = event.text("UID")
        if not summary:
            notes.add(IMPORT_ASSUMED_STRUCTURE, "no-summary", _where(event, name))
        items.append(
            Item(
                title=summary,
                start=start,
                end=end,
                where=_where(event, name),
                ident=uid.split("@")[0] if uid else None,
                uid=uid or None,
                room=clean_text(event.text("LOCATION")) or None,
                speakers=speakers,
                kind=kind,
                description=description or None,
                url=clean_text(event.text("URL")) or None,
            )
        )
    return items


def _attendees(component: Component) -> list[Person]:
    people = []
    for prop in component.all("ATTENDEE"):
        if prop.param("ROLE").upper() == "NON-PARTICIPANT":
            continue
        value = prop.value.strip()
        email = value[7:] if value.lower().startswith("mailto:") else None
        person_name = prop.param("CN") or (email.split("@")[0] if email else "")
        if person_name:
            people.append(
                Person(
                    clean_text(person_name),
                    email=email if email and _EMAIL.match(email) else None,
                )
            )
    return people


# The labels conference tools put before the speakers in a DESCRIPTION, in the
# languages of the schedules we have seen.
_SPEAKER_LABELS = (
    "speakers",
    "speaker",
    "presenters",
    "presenter",
    "referenten",
    "referent",
    "sprecher",
    "intervenants",
    "intervenant",
    "발표자",
    "von",
)
_LABEL_LINE = re.compile(rf"^\s*({'|'.join(_SPEAKER_LABELS)})\s*:\s*(.+?)\s*$", re.I)


def _names(text: str) -> list[tuple[str, str | None]]:
    """``Ann (ACME), Bob and Cy`` as (name, affiliation) pairs."""
    return list(_names_of(text))


@functools.lru_cache(4096)  # a feed names the same speakers session after session
def _names_of(text: str) -> tuple[tuple[str, str | None], ...]:
    depth = sum(map(text.count, "([")) - sum(map(text.count, ")]"))
    out: list[tuple[str, str | None]] = []
    for piece in split_names(text, ","):
        for name in re.split(r"\s+(?:and|und|et|&)\s+", piece) if depth == 0 else [piece]:
            if name.strip():
                out.append(name_and_affiliation(name))
    return tuple(out)


def _speakers_in_description(text: str) -> tuple[list[tuple[str, str | None]], str]:
    """Speakers named by a labelled first line or last paragraph, and the rest."""
    lines = text.split("\n")
    for index in (len(lines) - 1, 0):
        match = _LABEL_LINE.match(lines[index]) if lines else None
        if match:
            rest = lines[:index] + lines[index + 1 :]
            return _names(match[2]), "\n".join(rest).strip()
    return [], text


def _pretalx_summary(summary: str) -> tuple[str, list[tuple[str, str | None]]]:
    """pretalx writes ``Title - Name [Affiliation], Name [Affiliation]`` (and
    ``Title -`` for a session without speakers)."""
    if summary.endswith(" -"):
        return summary[:-2].rstrip(), []
    # The last " - " outside brackets (affiliations may hold one: [CSC - IT Center]).
    cuts = [
        m.start()
        for m in re.finditer(" - ", summary)
        if summary.count("[", 0, m.start()) == summary.count("]", 0, m.start())
    ]
    if not cuts:
        return summary, []
    title, tail = summary[: cuts[-1]], summary[cuts[-1] + 3 :]
    people: list[tuple[str, str | None]] = []
    pattern = re.compile(r"\s*([^,\[\]]+?)\s*(?:\[([^\]]*)\])?\s*(?:,|$)")
    position = 0
    while position < len(tail):
        match = pattern.match(tail, position)
        if not match or match.end() == position:
            return summary, []
        people.append((match[1], match[2] or None))
        position = match.end()
    return title, people


# --- agenda-kit's own feeds ---------------------------------------------------------


def _text(props: dict[str, Property], name: str) -> str:
    """The TEXT of the first property ``name`` of a component's ``firsts()`` ('' when
    there is none)."""
    found = props.get(name)
    return unescape(found.value) if found is not None else ""


def _own(props: dict[str, Property], name: str) -> str:
    """``_text`` on one line, of an ``X-AGENDA-KIT-`` property (``name`` in full)."""
    found = props.get(name)
    return clean_text(unescape(found.value)) if found is not None else ""


_EVENT, _SESSION, _PART, _PART_TITLE, _ROOM, _ROOM_NAME, _FLOOR, _TO = (
    OWN + what
    for what in ("EVENT", "SESSION", "PART", "PART-TITLE", "ROOM", "ROOM-NAME", "FLOOR", "TO")
)
_SPEAKER, _KIND, _CONTIGUOUS, _PARENT, _LANG, _TRANSFER = (
    OWN + what for what in ("SPEAKER", "KIND", "CONTIGUOUS", "PARENT", "LANG", "TRANSFER")
)
_TRANSFER_VALUE = re.compile(r"(\S+) (\S+) (\d{1,5})")


def _transfers(head: Component) -> list[tuple[str, str, int]]:
    """The venue's transfers the feed lists (``FROM TO MINUTES``, room ids); a value of
    another shape is left out (the agenda is checked without it)."""
    found = []
    for prop in head.all(_TRANSFER):
        match = _TRANSFER_VALUE.fullmatch(clean_text(prop.text()))
        if match and int(match[3]) <= MAX_MINUTES:
            found.append((match[1], match[2], int(match[3])))
    return found


def own_items(
    head: Component,
    events: list[Component],
    span: Span,
    name: str,
    info: EventInfo,
    firsts: Callable[[Component], dict[str, Property]] = Component.firsts,
) -> tuple[list[Item], list[Component]]:
    """The sessions of an agenda-kit feed, and the other entries (a part or day as one
    entry) that are not sessions. ``firsts`` gives an event's first property of each
    name (``Component.firsts``, or the snapshot the caller already took)."""
    sessions: list[tuple[Component, dict[str, Property]]] = []
    entries: list[tuple[Component, dict[str, Property]]] = []
    for e in events:
        props = firsts(e)
        (sessions if _SESSION in props else entries).append((e, props))
    calendar = head.firsts()
    info.id = _own(calendar, _EVENT) or None
    lang = _own(calendar, _LANG)
    info.lang = lang if LANG_RE.fullmatch(lang) else None
    info.transfers = _transfers(head)  # by room id until own_venue names the rooms
    info.speaker_keys_are_ids = True  # X-AGENDA-KIT-SPEAKER: the agenda keeps them
    # What each value of the properties that repeat from event to event (kind, part,
    # room, floor, speaker...) reads as, worked out once per value.
    memo: dict[str, str] = {}

    def own(props: dict[str, Property], name: str) -> str:
        found = props.get(name)
        return "" if found is None else own_value(found.value)

    def own_value(value: str) -> str:
        text = memo.get(value)
        if text is None:
            text = memo[value] = clean_text(unescape(value))
        return text

    # What the CATEGORIES of an event list, by their values (the same few in every event).
    listed: dict[tuple[str, ...], list[str]] = {}

    items = []
    for event, props in sessions:
        start, end = span(event)
        speaker_ids = [own_value(p.value) for p in event.properties if p.name == _SPEAKER]
        description = clean_notes(_text(props, "DESCRIPTION")) or ""
        names, description = _listed_names(description, len(speaker_ids))
        kind = own(props, _KIND)
        part_id = own(props, _PART) or None
        part_title = own(props, _PART_TITLE) or None
        if part_title is None and _PART_TITLE not in props:
            values = tuple(p.value for p in event.properties if p.name == "CATEGORIES")
            categories = listed.get(values)
            if categories is None:
                categories = listed[values] = [c for v in values for c in text_list(v)]
            # Feeds without PART-TITLE list the kind, then the part's title.
            part_title = categories[1] if part_id and len(categories) > 1 else None
        room = own(props, _ROOM) or None
        if room is not None and _ROOM_NAME in props:
            info.room_names[room] = own(props, _ROOM_NAME) or room
        floor = own(props, _FLOOR)
        if room is not None and floor:
            info.floors[room] = int(floor) if re.fullmatch(r"-?\d{1,4}", floor) else floor
        summary = _text(props, "SUMMARY")
        items.append(
            Item(
                title=clean_text(summary),
                start=start,
                end=end,
                where=_where(event, name),
                ident=_own(props, _SESSION),
                uid=_text(props, "UID") or None,  # kept: a re-export keeps its events
                room=room,  # an id; named by own_venue
                to_room=own(props, _TO) or None,
                speakers=[
                    Person(names[i][0], key=sid, affiliation=names[i][1])
                    if names
                    else Person(sid, key=sid)
                    for i, sid in enumerate(speaker_ids)
                ],
                kind=kind if kind in KINDS else derive_kind(summary) or "talk",
                description=description or None,
                url=clean_text(_text(props, "URL")) or None,
                part=part_title if part_title != part_id else None,
                part_id=part_id,
                free=own(props, _CONTIGUOUS).upper() == "FALSE",
                parent_id=own(props, _PARENT) or None,
            )
        )
    return items, [e for e, _ in entries]


def _listed_names(description: str, count: int) -> tuple[list[tuple[str, str | None]], str]:
    """The speakers' names as the feed lists them in the last line of a description
    (``<label>: Ann (ACME), Bob``), told by the number of speakers the X- properties
    name rather than by the label's words, and the description without that line."""
    if count == 0:
        return [], description
    lines = description.split("\n")
    label, colon, listed = lines[-1].partition(": ")
    if not colon or not label.strip() or ":" in label:
        return [], description
    names = _names(listed)
    if len(names) != count:
        return [], description
    return names, "\n".join(lines[:-1]).strip()


def room_label(label: str) -> tuple[str, int | str | None]:
    """A room's name and floor from the label a feed wrote for it, read with the feed
    writer's own catalogue of labels (``ical.labels.split_room_label``: the words come
    from where the writer takes them, so renaming a label cannot break this). Until
    that module is part of the tree, a label is the room's name."""
    try:
        from ..ical.labels import split_room_label  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return label, None
    name, floor = split_room_label(label)
    return str(name), floor if isinstance(floor, int | str) else None


def _room_locations(items: list[Item], events: list[Component]) -> dict[str, list[str]]:
    """Each room's LOCATION (split at ", ") as its last session with one says it, the
    rooms in the order of their first such session: a LOCATION read per room, not per
    session."""
    placed = [
        (item.room, event)
        for item, event in zip(items, events, strict=False)
        if item.room and not item.to_room
    ]
    last: dict[str, list[str]] = {}
    for room, event in reversed(placed):
        if room not in last and (location := event.text("LOCATION")):
            last[room] = location.split(", ")
    locations: dict[str, list[str]] = {}
    for room, event in placed:
        if room in last and room not in locations and event.text("LOCATION"):
            locations[room] = last[room]
    return locations


def _keep_ids(items: list[Item], names: dict[str, str], info: EventInfo) -> None:
    """The agenda keeps the feed's room ids (``names``: id -> name; the first id of a
    name, where two rooms were written with one name)."""
    for room, name in names.items():
        info.room_ids.setdefault(name, room)
    for item in items:
        for used in (item.room, item.to_room):
            if used:
                info.room_ids.setdefault(names.get(used, used), used)


def own_venue(items: list[Item], events: list[Component], info: EventInfo) -> None:
    """Room names and the venue from the LOCATIONs of an agenda-kit feed: the venue
    and address are what every LOCATION ends with, the room is what comes before (the
    room each session is in comes from X-AGENDA-KIT-ROOM, not from the text)."""
    locations = _room_locations(items, events)
    common: list[str] = []
    if locations:
        pieces = list(locations.values())
        common = pieces[0]
        for other in pieces[1:]:
            n = 0
            while n < min(len(common), len(other)) and common[-1 - n] == other[-1 - n]:
                n += 1
            common = common[len(common) - n :] if n else []
        if len(pieces) == 1 and len(common) > 1:
            common = common[1:]  # one room: the first piece is the room
        if len(common) == len(pieces[0]):
            common = common[1:]
    if common:
        info.venue = common[0]
        info.address = ", ".join(common[1:]) or None
    names: dict[str, str] = {}
    for room, parts in locations.items():
        label = ", ".join(parts[: len(parts) - len(common)])
        name, floor = room_label(label) if label else (room, None)
        names[room] = name
        if floor is not None:
            info.floors.setdefault(room, floor)
    names.update(info.room_names)  # X-AGENDA-KIT-ROOM-NAME, where the feed writes it
    _keep_ids(items, names, info)
    # Floors and transfers were read by room id; the agenda is built from room names.
    info.floors = {names.get(room, room): floor for room, floor in info.floors.items()}
    info.transfers = [(names.get(a, a), names.get(b, b), m) for a, b, m in info.transfers]
    for item in items:
        if item.room:
            item.room = names.get(item.room, item.room)
        if item.to_room:
            item.to_room = names.get(item.to_room, item.to_room)
