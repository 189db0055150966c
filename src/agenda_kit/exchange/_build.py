"""Imported sessions made into an agenda: days, tracks, parts, rooms and speakers.

Every importer reads its format into ``Item`` records with real instants; this module
decides how they are written as an agenda file, and checks that the file it builds
gives back exactly those instants. Sessions are grouped into one part per day and room
(or per heading, where the source has headings); a room is a track of its own only when
sessions in different rooms run at the same time, so that a single-track event with a
room change keeps its transfer checks. How the rows become parts is ``_parts``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..diagnostics import Location
from ..findings import (
    IMPORT_ASSUMED_STRUCTURE,
    IMPORT_ASSUMED_TIME,
    IMPORT_MALFORMED,
    IMPORT_NO_EVENTS,
    IMPORT_SKIPPED,
    IMPORT_VALUE_DROPPED,
)
from ..model import MAX_TEXT_LENGTH, Agenda
from ..timespan import ZoneClock
from ._common import (
    Imported,
    Item,
    Notes,
    Person,
    clean_notes,
    clean_text,
    import_error,
    in_range,
    nothing_readable,
    quoted,
    slug,
    visible,
)
from ._parts import (
    ID_RE,
    LANG_RE,
    UNWRITABLE,
    URL_RE,
    Group,
    Row,
    common_breaks,
    conference_days,
    free_rooms,
    group_rows,
    linked_rows,
    nest_rows,
    part_mapping,
    unique_part_ids,
)

if TYPE_CHECKING:
    from ..timeline import Timeline

__all__ = ["EventInfo", "build", "imported", "unique_id"]


@dataclass(slots=True)
class EventInfo:
    """What a source says about the event as a whole."""

    title: str
    id: str | None = None
    url: str | None = None
    lang: str | None = None
    description: str | None = None
    weekday: str | None = None
    window: str | None = None
    venue: str | None = None
    address: str | None = None
    floors: dict[str, int | str] = field(default_factory=dict)  # room name -> floor
    transfers: list[tuple[str, str, int]] = field(default_factory=list)  # room names
    rooms: list[str] = field(default_factory=list)  # room names in the source's order
    room_names: dict[str, str] = field(default_factory=dict)  # room id -> name (own feeds)
    # The ids the source gives its rooms (room name -> id) and whether its speakers'
    # keys are agenda ids (agenda-kit's own feed): the agenda keeps them, so that a
    # round trip keeps every reference (`--speaker minister`) working.
    room_ids: dict[str, str] = field(default_factory=dict)
    speaker_keys_are_ids: bool = False
    # A conference schedule (frab, pretalx, a foreign calendar): a room may stand empty
    # between sessions, so its parts say `contiguous: false` and free time is no gap.
    free_rooms: bool = False


def build(items: Sequence[Item], zone: str, info: EventInfo, report: Notes) -> Agenda:
    """The agenda of ``items`` in the IANA zone ``zone``."""
    return _built(items, zone, info, report)[0]


def imported(
    items: Sequence[Item], zone: str, info: EventInfo, report: Notes, format: str
) -> Imported:
    """What an importer returns: the agenda of ``items`` (``build``), its notes, its
    format and the timeline that verified it."""
    agenda, timeline = _built(items, zone, info, report)
    return Imported(agenda, report, format, timeline)


def _built(
    items: Sequence[Item], zone: str, info: EventInfo, report: Notes
) -> tuple[Agenda, Timeline]:
    if not items:
        # Every event was something else (overview entries of a feed): nothing to build.
        raise nothing_readable(report, report.file)
    file = next((i.where.file for i in items if i.where is not None), "<input>")
    items = _in_range(items, report)
    if not items:
        raise import_error(IMPORT_NO_EVENTS, "range", file)
    clock = ZoneClock(zone)
    local = clock.local  # remembers each instant: sessions share theirs
    rows: list[Row] = []
    for order, item in enumerate(items):
        start = _whole_minute(item.start, item, report)
        end = _whole_minute(item.end, item, report) if item.end is not None else None
        if end is not None and end < start:
            report.add(IMPORT_ASSUMED_TIME, "ends-before-start", item.where, key="ends")
            end = None
        day = local(start).date()
        rows.append(Row(item, order, start, end, day, None, None))

    _session_ids(rows, report)
    room_ids = _room_ids(info.rooms, rows, info.room_ids)
    for row in rows:
        row.room = room_ids.get(row.item.room) if row.item.room else None
    shared = _assign_tracks(rows, report)
    rows.sort(key=lambda r: (r.day, r.start, r.order))
    speakers, speaker_ids = _speakers(rows, info.speaker_keys_are_ids)
    conference_days(rows, clock, report)

    event_date = min(r.conference_day or r.day for r in rows)
    groups = group_rows(rows, clock)
    if info.free_rooms:
        # In a table kept by hand, a row inside another is more likely a slip.
        nest_rows(groups, report)
    else:
        linked_rows(groups)  # where the source names a session's parent
    parts = [part_mapping(g, room_ids, speaker_ids, clock, event_date, report) for g in groups]
    if info.free_rooms:
        free_rooms(parts, groups, clock, report)
    elif shared is not None:
        common_breaks(parts, groups, shared, clock, report)
    unique_part_ids(parts, report)
    document: dict[str, Any] = {"agenda": 1, "event": _event(info, zone, event_date, report)}
    venue = _venue(info, room_ids, report)
    if venue is not None:
        document["venue"] = venue
    if speakers:
        document["speakers"] = speakers
    document["parts"] = parts
    try:
        agenda = Agenda.model_validate(document)
    except ValidationError as exc:
        # Importers clean what they read; what still fails is refused where it was read.
        raise _refusal(exc, document, groups, file) from None
    timeline = _verify(agenda, [row for group in groups for row in group.rows], report)
    return agenda, timeline


def _clean(item: Item, report: Notes) -> None:
    """Every text of an item as the model admits it (importers clean what they read,
    this is where nothing escapes): one-line texts without controls and at most
    ``MAX_TEXT_LENGTH`` characters, notes without controls other than LF and tab."""
    title = clean_text(item.title)
    item.description = clean_notes(item.description)
    where = item.where
    if len(title) > MAX_TEXT_LENGTH:  # the whole title is kept at the top of the notes
        item.description = title + (f"\n\n{item.description}" if item.description else "")
        title = _bounded(title, "title", where, report)
    item.title = title
    # Most of these are absent: no call for them (this runs for every row).
    item.room = _one_line(item.room, "room", where, report) if item.room else None
    item.to_room = _one_line(item.to_room, "room", where, report) if item.to_room else None
    item.url = (clean_text(item.url) or None) if item.url else None
    item.part = _one_line(item.part, "part", where, report) if item.part else None
    item.track = _one_line(item.track, "track", where, report) if item.track else None
    speakers = []
    for person in item.speakers:
        person.name = _bounded(clean_text(person.name), "speaker", where, report)
        affiliation = person.affiliation
        person.affiliation = (
            _one_line(affiliation, "affiliation", where, report) if affiliation else None
        )
        person.url = (clean_text(person.url) or None) if person.url else None
        if person.email is not None and UNWRITABLE.search(person.email):
            person.email = None
        if person.name:
            speakers.append(person)
    item.speakers = speakers


def _one_line(text: str, what: str, where: Location | None, report: Notes) -> str | None:
    """A one-line text cleaned and bounded (``_bounded``); None when nothing is left."""
    return _bounded(clean_text(text), what, where, report) or None


def _bounded(text: str, what: str, where: Location | None, report: Notes) -> str:
    """``text`` cut to the longest one-line text the model holds, with a note."""
    if len(text) <= MAX_TEXT_LENGTH:
        return text
    report.add(
        IMPORT_VALUE_DROPPED,
        f"long-{what}",
        where,
        length=len(text),
        limit=MAX_TEXT_LENGTH,
        key=f"long-{what}",
    )
    return text[: MAX_TEXT_LENGTH - 1].rstrip() + "\u2026"


def _in_range(items: Sequence[Item], report: Notes) -> list[Item]:
    kept = []
    for item in items:
        _clean(item, report)
        if in_range(item.start) and (item.end is None or in_range(item.end)):
            kept.append(item)
        else:
            report.add(IMPORT_SKIPPED, "range-session", item.where, key="range")
    return kept


def _refusal(
    exc: ValidationError, document: dict[str, Any], groups: list[Group], file: str
) -> Exception:
    """The first validation error of the built agenda, at the position of the source
    element it came from (a session's, else the file's start)."""
    error = exc.errors(include_url=False)[0]
    path = error["loc"]
    where = None
    if len(path) >= 4 and path[0] == "parts" and path[2] == "sessions":
        part, session = path[1], path[3]
        if isinstance(part, int) and isinstance(session, int) and part < len(groups):
            rows = groups[part].rows
            where = rows[session].item.where if session < len(rows) else None
    field = ".".join(str(p) for p in path)
    value = error.get("input")
    shown = f" {visible(quoted(value))}" if isinstance(value, str | int) else ""
    where = where or Location(file, 1, 1, "")
    return import_error(
        IMPORT_MALFORMED,
        "model",
        where.file,
        where.line,
        where.column,
        field=field,
        value=shown,
        detail=str(error["msg"]),
    )


def _whole_minute(when: datetime, item: Item, report: Notes) -> int:
    seconds = int(when.timestamp())
    if seconds % 60:
        report.add(IMPORT_ASSUMED_TIME, "seconds", item.where, key="seconds")
        seconds -= seconds % 60
    return seconds


def unique_id(base: str, taken: set[str], fallback: str) -> str:
    """``base`` (or ``fallback`` when ``base`` is not a valid id), made unique in ``taken``."""
    candidate = base if base and ID_RE.match(base) else fallback
    result, n = candidate, 2
    while result in taken:
        result = f"{candidate}-{n}"
        n += 1
    taken.add(result)
    return result


def _session_ids(rows: list[Row], report: Notes) -> None:
    """Ids for sessions the source gives none, or one that is no valid id (from the
    title): calendar UIDs are made of ids, and a derived id changes when sessions are
    inserted before it."""
    taken = {r.item.ident for r in rows if r.item.ident and ID_RE.match(r.item.ident)}
    renamed: dict[str, str] = {}  # a source id that is no id -> the one made for it
    for n, row in enumerate(rows, 1):
        ident = row.item.ident
        if ident and not ID_RE.match(ident):
            report.add(IMPORT_VALUE_DROPPED, "bad-id", row.item.where, key="bad-id")
        elif ident:
            continue
        words = slug(row.item.title, limit=32)
        row.item.ident = unique_id(words, taken, f"session-{n}")
        if ident:
            renamed.setdefault(ident, row.item.ident)
    # Sessions inside one whose id was made keep pointing at it (review).
    for row in rows:
        if row.item.parent_id in renamed:
            row.item.parent_id = renamed[row.item.parent_id]


def _room_ids(order: Iterable[str], rows: list[Row], given: dict[str, str]) -> dict[str, str]:
    """An id for each room name the rows use: the source's own (``given``) where it is a
    valid id, else one made from the name."""
    names: list[str] = []
    seen: set[str] = set()
    used = {r.item.room for r in rows} | {r.item.to_room for r in rows}
    for name in [*order, *(r.item.room for r in rows), *(r.item.to_room for r in rows)]:
        if name and name in used and name not in seen:
            seen.add(name)
            names.append(name)
    # The source's ids are kept; ids made from names go around them (review).
    kept: dict[str, str] = {}
    for name, rid in given.items():
        if name in seen and ID_RE.match(rid) and rid not in kept.values():
            kept[name] = rid
    taken = set(kept.values())
    return {
        name: kept.get(name) or unique_id(slug(name), taken, f"room-{i + 1}")
        for i, name in enumerate(names)
    }


def _assign_tracks(rows: list[Row], report: Notes) -> str | None:
    """One track per room when rooms run in parallel; otherwise a single track. Returns
    the track of the sessions without a room (breaks for everyone), if there is one."""
    explicit = any(r.item.track for r in rows)
    if explicit:
        taken: set[str] = set()
        ids: dict[str, str] = {}
        for row in rows:
            name = row.item.track
            if name and name not in ids:
                ids[name] = unique_id(slug(name), taken, f"track-{len(ids) + 1}")
            row.track = ids[name] if name else None
        return None
    if not _parallel(rows):
        return None
    rooms = {r.room for r in rows if r.room}
    spare = "main" if "main" not in rooms else "no-room"
    without = 0
    for row in rows:
        row.track = row.room or spare
        without += row.room is None
    report.add(IMPORT_ASSUMED_STRUCTURE, "tracks", key="tracks")
    if without:
        report.add(
            IMPORT_ASSUMED_STRUCTURE,
            "no-room-track",
            key="no-room-track",
            count=without,
            value=f"`{spare}`",
        )
        return spare
    return None


def _parallel(rows: list[Row]) -> bool:
    latest: dict[str | None, int] = {}
    for row in sorted(rows, key=lambda r: r.start):
        end = row.end if row.end is not None else row.start
        for room, until in latest.items():
            if room != row.room and until > row.start:
                return True
        latest[row.room] = max(latest.get(row.room, end), end)
    return False


def _speakers(
    rows: list[Row], keys_are_ids: bool
) -> tuple[dict[str, dict[str, Any]], dict[int, list[str]]]:
    """The speakers of the rows by id (the source's key where ``keys_are_ids`` and it is
    a valid id, else one made from the name), and each row's speaker ids."""
    by_key: dict[tuple[str, str], str] = {}
    speakers: dict[str, dict[str, Any]] = {}
    refs: dict[int, list[str]] = {}
    # The source's ids are kept; ids made from names go around them (review: a
    # speaker added by hand took `minister`, and the feed's minister became
    # `minister-2`).
    kept = (
        {p.key for r in rows for p in r.item.speakers if p.key and ID_RE.match(p.key)}
        if keys_are_ids
        else set()
    )
    taken = set(kept)
    for row in rows:
        ids: list[str] = []
        for person in row.item.speakers:
            key = ("key", person.key) if person.key else ("name", person.name)
            sid = by_key.get(key)
            if sid is None:
                if person.key in kept:
                    sid = person.key
                else:
                    sid = unique_id(slug(person.name), taken, f"speaker-{len(speakers) + 1}")
                by_key[key] = sid
                speakers[sid] = _speaker(person)
            if sid not in ids:
                ids.append(sid)
        refs[row.order] = ids
    return speakers, refs


def _speaker(person: Person) -> dict[str, Any]:
    data: dict[str, Any] = {"name": person.name}
    if person.affiliation:
        data["affiliation"] = person.affiliation
    if person.email:
        data["email"] = person.email
    if person.url and URL_RE.match(person.url):
        data["url"] = person.url
    return data


def _event(info: EventInfo, zone: str, first: date, report: Notes) -> dict[str, Any]:
    # A title from a file name or --title is not cleaned by the importer.
    title = _bounded(clean_text(info.title), "event", None, report) or "Imported agenda"
    ident = info.id if info.id and ID_RE.match(info.id) else slug(info.id or title)
    event: dict[str, Any] = {
        "id": ident if ident and ID_RE.match(ident) else "event",
        "title": title,
        "date": first,
    }
    if clean_text(info.weekday):
        event["weekday"] = _bounded(clean_text(info.weekday), "weekday", None, report)
    event["timezone"] = zone
    if info.window:
        event["window"] = info.window
    if info.lang and LANG_RE.match(info.lang):
        event["lang"] = info.lang
    if clean_notes(info.description):
        event["description"] = clean_notes(info.description)
    if URL_RE.match(clean_text(info.url)):
        event["url"] = clean_text(info.url)
    return event


def _venue(info: EventInfo, room_ids: dict[str, str], report: Notes) -> dict[str, Any] | None:
    if not room_ids and not info.venue:
        return None
    name = _bounded(clean_text(info.venue), "venue", None, report)
    if not name:
        name = _bounded(clean_text(info.title), "event", None, report) or "Venue"
        report.add(IMPORT_ASSUMED_STRUCTURE, "venue", value=quoted(name))
    venue: dict[str, Any] = {"name": name}
    if clean_text(info.address):
        venue["address"] = _bounded(clean_text(info.address), "address", None, report)
    if room_ids:
        rooms: dict[str, Any] = {}
        for room_name, rid in room_ids.items():
            room: dict[str, Any] = {"name": room_name}
            floor = info.floors.get(room_name)
            if floor is not None:
                room["floor"] = floor
            rooms[rid] = room
        venue["rooms"] = rooms
    transfers = [
        {"from": room_ids[a], "to": room_ids[b], "minutes": minutes}
        for a, b, minutes in info.transfers
        if a in room_ids and b in room_ids
    ]
    if transfers:
        venue["transfers"] = transfers
    return venue


def _verify(agenda: Agenda, rows: list[Row], report: Notes) -> Timeline:
    """The agenda as built must give back every instant that was imported: its
    timeline, which says so."""
    from ..timeline import build_timeline

    timeline = build_timeline(agenda)
    # Slots in document order, a session's children right after it, as the rows are.
    slots = sorted(timeline.slots, key=lambda s: s.order)
    expected = [(r.start, r.end) for r in rows]
    got = [(s.start, s.end) for s in slots]
    for ((want_start, want_end), (start, end)), row in zip(
        zip(expected, got, strict=True), rows, strict=True
    ):
        if start != want_start or (want_end is not None and end != want_end):
            report.add(
                IMPORT_ASSUMED_TIME,
                "inexact",
                row.item.where,
                title=row.item.title,
                want=f"{_utc(want_start)} – {_utc(want_end)}",
                got=f"{_utc(start)} – {_utc(end)}",
            )
    return timeline


def _utc(instant: int | None) -> str:
    if instant is None:
        return "?"
    return datetime.fromtimestamp(instant, UTC).strftime("%Y-%m-%dT%H:%MZ")
