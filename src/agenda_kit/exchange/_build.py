"""Imported sessions made into an agenda: days, tracks, parts, rooms and speakers.

Every importer reads its format into ``Item`` records with real instants; this module
decides how they are written as an agenda file, and checks that the file it builds
gives back exactly those instants. Sessions are grouped into one part per day and room
(or per heading, where the source has headings); a room is a track of its own only when
sessions in different rooms run at the same time, so that a single-track event with a
room change keeps its transfer checks.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

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
from ..model import ID_PATTERN, LANG_PATTERN, URL_PATTERN, Agenda
from ..timespan import ZoneClock, format_minutes
from ._common import (
    Item,
    Notes,
    Person,
    clean_notes,
    clean_text,
    import_error,
    in_range,
    nothing_readable,
    slug,
    visible,
)
from ._layout import common_changeover, day_change, nesting, shared_breaks

__all__ = ["EventInfo", "build", "unique_id"]

_ID = re.compile(ID_PATTERN)
_LANG = re.compile(LANG_PATTERN)
_URL = re.compile(URL_PATTERN)
_DAY = 1440
# What the model refuses in a one-line text (controls) or no encoder writes (surrogates).
_UNWRITABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


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
    # A conference schedule (frab, pretalx, a foreign calendar): a room may stand empty
    # between sessions, so its parts say `contiguous: false` and free time is no gap.
    free_rooms: bool = False


@dataclass(slots=True)
class _Row:
    item: Item
    order: int
    start: int  # UTC seconds
    end: int | None
    day: date  # local date of the start
    room: str | None  # room id
    track: str | None
    conference_day: date | None = None  # the day it belongs to (00:15 at 31C3: the day before)
    parent: int | None = None  # ``order`` of the session it lies inside


def build(items: Sequence[Item], zone: str, info: EventInfo, report: Notes) -> Agenda:
    """The agenda of ``items`` in the IANA zone ``zone``."""
    if not items:
        # Every event was something else (overview entries of a feed): nothing to build.
        raise nothing_readable(report, report.file)
    file = next((i.where.file for i in items if i.where is not None), "<input>")
    items = _in_range(items, report)
    if not items:
        raise import_error(IMPORT_NO_EVENTS, "range", file)
    tz = ZoneInfo(zone)
    clock = ZoneClock(zone)
    rows: list[_Row] = []
    for order, item in enumerate(items):
        start = _whole_minute(item.start, item, report)
        end = _whole_minute(item.end, item, report) if item.end is not None else None
        if end is not None and end < start:
            report.add(IMPORT_ASSUMED_TIME, "ends-before-start", item.where, key="ends")
            end = None
        day = datetime.fromtimestamp(start, tz).date()
        rows.append(_Row(item, order, start, end, day, None, None))

    _session_ids(rows)
    room_ids = _room_ids(info.rooms, rows)
    for row in rows:
        row.room = room_ids.get(row.item.room) if row.item.room else None
    shared = _assign_tracks(rows, report)
    rows.sort(key=lambda r: (r.day, r.start, r.order))
    speakers, speaker_ids = _speakers(rows)
    _conference_days(rows, clock, report)

    event_date = min(r.conference_day or r.day for r in rows)
    groups = _groups(rows, clock)
    if info.free_rooms:
        # In a table kept by hand, a row inside another is more likely a slip.
        _nest(groups, report)
    parts = [_part(g, room_ids, speaker_ids, clock, event_date, report) for g in groups]
    if info.free_rooms:
        _free_rooms(parts, groups, clock, report)
    elif shared is not None:
        _common_breaks(parts, groups, shared, clock, report)
    _unique_part_ids(parts, report)
    document: dict[str, Any] = {"agenda": 1, "event": _event(info, zone, event_date)}
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
    _verify(agenda, [row for group in groups for row in group.rows], report)
    return agenda


def _clean(item: Item) -> None:
    """Every text of an item as the model admits it (importers clean what they read,
    this is where nothing escapes): one-line texts without controls, notes without
    controls other than LF and tab."""
    item.title = clean_text(item.title)
    item.room = clean_text(item.room) or None
    item.to_room = clean_text(item.to_room) or None
    item.description = clean_notes(item.description)
    item.url = clean_text(item.url) or None
    item.part = clean_text(item.part) or None
    item.track = clean_text(item.track) or None
    speakers = []
    for person in item.speakers:
        person.name = clean_text(person.name)
        person.affiliation = clean_text(person.affiliation) or None
        person.url = clean_text(person.url) or None
        if person.email is not None and _UNWRITABLE.search(person.email):
            person.email = None
        if person.name:
            speakers.append(person)
    item.speakers = speakers


def _in_range(items: Sequence[Item], report: Notes) -> list[Item]:
    kept = []
    for item in items:
        _clean(item)
        if in_range(item.start) and (item.end is None or in_range(item.end)):
            kept.append(item)
        else:
            report.add(IMPORT_SKIPPED, "range-session", item.where, key="range")
    return kept


def _refusal(
    exc: ValidationError, document: dict[str, Any], groups: list[_Group], file: str
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
    shown = f" {visible(repr(value)[:80])}" if isinstance(value, str | int) else ""
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
    candidate = base if base and _ID.match(base) else fallback
    result, n = candidate, 2
    while result in taken:
        result = f"{candidate}-{n}"
        n += 1
    taken.add(result)
    return result


def _session_ids(rows: list[_Row]) -> None:
    """Ids for sessions the source gives none (from the title): calendar UIDs are made
    of ids, and a derived id changes when sessions are inserted before it."""
    taken = {r.item.ident for r in rows if r.item.ident}
    for n, row in enumerate(rows, 1):
        if not row.item.ident:
            words = slug(row.item.title, limit=32)
            row.item.ident = unique_id(words, taken, f"session-{n}")


def _room_ids(order: Iterable[str], rows: list[_Row]) -> dict[str, str]:
    names: list[str] = []
    seen: set[str] = set()
    used = {r.item.room for r in rows} | {r.item.to_room for r in rows}
    for name in [*order, *(r.item.room for r in rows), *(r.item.to_room for r in rows)]:
        if name and name in used and name not in seen:
            seen.add(name)
            names.append(name)
    taken: set[str] = set()
    return {name: unique_id(slug(name), taken, f"room-{i + 1}") for i, name in enumerate(names)}


def _assign_tracks(rows: list[_Row], report: Notes) -> str | None:
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


def _parallel(rows: list[_Row]) -> bool:
    latest: dict[str | None, int] = {}
    for row in sorted(rows, key=lambda r: r.start):
        end = row.end if row.end is not None else row.start
        for room, until in latest.items():
            if room != row.room and until > row.start:
                return True
        latest[row.room] = max(latest.get(row.room, end), end)
    return False


def _speakers(rows: list[_Row]) -> tuple[dict[str, dict[str, Any]], dict[int, list[str]]]:
    by_key: dict[tuple[str, str], str] = {}
    speakers: dict[str, dict[str, Any]] = {}
    refs: dict[int, list[str]] = {}
    taken: set[str] = set()
    for row in rows:
        ids: list[str] = []
        for person in row.item.speakers:
            key = ("key", person.key) if person.key else ("name", person.name)
            sid = by_key.get(key)
            if sid is None:
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
    if person.url and _URL.match(person.url):
        data["url"] = person.url
    return data


def _event(info: EventInfo, zone: str, first: date) -> dict[str, Any]:
    # A title from a file name or --title is not cleaned by the importer.
    title = clean_text(info.title) or "Imported agenda"
    ident = info.id if info.id and _ID.match(info.id) else slug(info.id or title)
    event: dict[str, Any] = {
        "id": ident if ident and _ID.match(ident) else "event",
        "title": title,
        "date": first,
    }
    if clean_text(info.weekday):
        event["weekday"] = clean_text(info.weekday)
    event["timezone"] = zone
    if info.window:
        event["window"] = info.window
    if info.lang and _LANG.match(info.lang):
        event["lang"] = info.lang
    if clean_notes(info.description):
        event["description"] = clean_notes(info.description)
    if _URL.match(clean_text(info.url)):
        event["url"] = clean_text(info.url)
    return event


def _venue(info: EventInfo, room_ids: dict[str, str], report: Notes) -> dict[str, Any] | None:
    if not room_ids and not info.venue:
        return None
    name = clean_text(info.venue)
    if not name:
        name = clean_text(info.title) or "Venue"
        report.add(IMPORT_ASSUMED_STRUCTURE, "venue", value=repr(name))
    venue: dict[str, Any] = {"name": name}
    if clean_text(info.address):
        venue["address"] = clean_text(info.address)
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


@dataclass(slots=True)
class _Group:
    day: date  # the part's date: the local date of its sessions
    conference_day: date
    track: str | None
    heading: tuple[str | None, str | None]  # (part id, title)
    room: str | None
    rows: list[_Row] = field(default_factory=list)


def _conference_days(rows: list[_Row], clock: ZoneClock, report: Notes) -> None:
    """The conference day of each row: its local date, or the day before when the
    schedule's days run past midnight and it starts before they change."""
    spans = [
        (clock.minute_of(r.start, r.day.toordinal()), (r.end - r.start) // 60 if r.end else 1)
        for r in rows
    ]
    change = day_change(spans)
    # Only a night that continues a day of the schedule belongs to it.
    days = {row.day for row, (minute, _) in zip(rows, spans, strict=True) if minute >= change}
    for row, (minute, _) in zip(rows, spans, strict=True):
        before = row.day - timedelta(days=1)
        row.conference_day = before if minute < change and before in days else row.day
    if change and any(r.conference_day != r.day for r in rows):
        report.add(IMPORT_ASSUMED_STRUCTURE, "day-change", time=format_minutes(change))


def _groups(rows: list[_Row], clock: ZoneClock) -> list[_Group]:
    """Rows (sorted by time) in parts, the parts in document order: one part per
    conference day and track (or heading, or room), cut where the local date changes
    (a part's clock times are read on its date)."""
    headings = any(r.item.part or r.item.part_id for r in rows)
    groups: list[_Group] = []
    open_groups: dict[tuple[date, str | None], _Group] = {}
    for row in rows:
        conference_day = row.conference_day or row.day
        key = (conference_day, row.track)
        group = open_groups.get(key)
        room_key = None if headings else row.room
        heading = (row.item.part_id, row.item.part)
        if (
            group is None
            or group.heading != heading
            or group.room != room_key
            or group.day != row.day
            or _crosses_midnight(group.rows[-1], clock)
        ):
            group = _Group(row.day, conference_day, row.track, heading, room_key)
            groups.append(group)
            open_groups[key] = group
        group.rows.append(row)
    # Parts by day, then by track in the order tracks first appear, then by time.
    track_order: dict[str | None, int] = {}
    for row in rows:
        track_order.setdefault(row.track, len(track_order))
    groups.sort(key=lambda g: (g.conference_day, track_order[g.track], g.rows[0].start))
    return groups


def _nest(groups: list[_Group], report: Notes) -> None:
    """A session wholly inside a longer one in the same room and part becomes one of
    its ``children`` (the talks of a poster session); rows go in document order."""
    for group in groups:
        rows = group.rows
        parents = nesting([(r.start, r.end, r.room) for r in rows])
        if not parents:
            continue
        inside: dict[int, list[_Row]] = {}
        for child, parent in sorted(parents.items()):
            rows[child].parent = rows[parent].order
            inside.setdefault(parent, []).append(rows[child])
        for parent, children in inside.items():
            report.add(
                IMPORT_ASSUMED_STRUCTURE,
                "nested",
                rows[parent].item.where,
                key=f"nested:{rows[parent].order}",
                value=repr(rows[parent].item.title[:80]),
                count=len(children),
            )
        group.rows = _document_order(rows, inside, parents)


def _document_order(
    rows: list[_Row], inside: dict[int, list[_Row]], parents: dict[int, int]
) -> list[_Row]:
    """Rows with each one's children (at any depth) right after it."""
    index_of = {id(row): index for index, row in enumerate(rows)}
    ordered: list[_Row] = []
    stack = [i for i in reversed(range(len(rows))) if i not in parents]
    while stack:
        index = stack.pop()
        ordered.append(rows[index])
        stack.extend(index_of[id(child)] for child in reversed(inside.get(index, [])))
    return ordered


def _free_rooms(
    parts: list[dict[str, Any]], groups: list[_Group], clock: ZoneClock, report: Notes
) -> None:
    """The parts of a conference schedule may leave their room free between sessions
    (a track of sessions without a room, such as breaks, too); each keeps the
    changeover its room shows, and the breaks that every room of its day shares."""
    for part in parts:
        part["contiguous"] = False
    if not parts:
        return
    report.add(IMPORT_ASSUMED_STRUCTURE, "free-rooms")
    gaps: dict[str | None, list[int]] = {}
    for group in groups:
        top = [r for r in group.rows if r.parent is None]
        for before, after in itertools.pairwise(top):
            if before.end is not None and before.room == after.room:
                gaps.setdefault(group.track or before.room, []).append(
                    (after.start - before.end) // 60
                )
    changeovers = {key: common_changeover(found) for key, found in gaps.items()}
    kept: dict[int, list[str]] = {}
    for key, minutes in changeovers.items():
        if minutes is not None:
            kept.setdefault(minutes, []).append(f"`{key}`" if key else "the schedule")
    for minutes, names in sorted(kept.items()):
        shown = (
            ", ".join(names)
            if len(names) <= 4
            else ", ".join(names[:3]) + f" and {len(names) - 3} more"
        )
        report.add(
            IMPORT_ASSUMED_STRUCTURE,
            "changeover",
            key=f"changeover:{minutes}",
            value=shown,
            count=minutes,
        )
    for part, group in zip(parts, groups, strict=True):
        minutes = changeovers.get(group.track or (group.rows[0].room if group.rows else None))
        if minutes is not None:
            part["changeover"] = minutes
    _shared_breaks(parts, groups, clock, report)


def _common_breaks(
    parts: list[dict[str, Any]],
    groups: list[_Group],
    shared: str,
    clock: ZoneClock,
    report: Notes,
) -> None:
    """Rooms in parallel beside sessions without a room (a training's plenary breaks):
    those sessions are everyone's, so their track may be free between them, and the
    rooms' parts declare them as breaks."""
    plenary: dict[date, list[tuple[int, int]]] = {}
    for group in groups:
        if group.track == shared:
            ordinal = group.day.toordinal()
            plenary.setdefault(group.day, []).extend(
                (clock.minute_of(r.start, ordinal), clock.minute_of(r.end, ordinal))
                for r in group.rows
                if r.end is not None
            )
    marked = False
    for part, group in zip(parts, groups, strict=True):
        if group.track == shared:
            part["contiguous"] = False
            marked = True
            continue
        ordinal = group.day.toordinal()
        first = clock.minute_of(group.rows[0].start, ordinal)
        ends = [clock.minute_of(r.end, ordinal) for r in group.rows if r.end is not None]
        last = max(ends, default=first)
        inside = [
            f"{format_minutes(a)}-{format_minutes(b)}"
            for a, b in plenary.get(group.day, [])
            if first < a and b < last and b < _DAY
        ]
        if inside:
            part["breaks"] = inside
            marked = True
    if marked:
        report.add(IMPORT_ASSUMED_STRUCTURE, "plenary", value=f"`{shared}`")


def _shared_breaks(
    parts: list[dict[str, Any]], groups: list[_Group], clock: ZoneClock, report: Notes
) -> None:
    """Free time that every room of a conference day shares (lunch, dinner) is a
    declared break of the parts that span it."""
    by_day: dict[date, dict[str | None, list[tuple[int, int]]]] = {}
    for group in groups:
        ordinal = group.conference_day.toordinal()
        rooms = by_day.setdefault(group.conference_day, {})
        for row in group.rows:
            if row.parent is None and row.end is not None:
                span = (clock.minute_of(row.start, ordinal), clock.minute_of(row.end, ordinal))
                rooms.setdefault(row.room, []).append(span)
    for day, rooms in by_day.items():
        breaks = shared_breaks(list(rooms.values()))
        if not breaks:
            continue
        texts = [f"{format_minutes(a)}-{format_minutes(b % 1440)}" for a, b in breaks]
        report.add(
            IMPORT_ASSUMED_STRUCTURE,
            "breaks",
            key=f"breaks:{day}",
            value=", ".join(texts),
            component=day.isoformat(),
        )
        for part, group in zip(parts, groups, strict=True):
            if group.conference_day != day or group.day != day:
                continue
            ordinal = day.toordinal()
            first = clock.minute_of(group.rows[0].start, ordinal)
            last = (
                max(clock.minute_of(r.end, ordinal) for r in group.rows if r.end is not None)
                if any(r.end is not None for r in group.rows)
                else first
            )
            inside = [
                t
                for (a, b), t in zip(breaks, texts, strict=True)
                if first <= a and b <= last and b < 1440
            ]
            if inside:
                part["breaks"] = inside


def _unique_part_ids(parts: list[dict[str, Any]], report: Notes) -> None:
    """A part that the source splits (one part over parallel tracks, or across
    midnight) keeps its id once; the other pieces get ``-2``, ``-3``."""
    seen: dict[str, int] = {}
    for part in parts:
        ident = part.get("id")
        if ident is None:
            continue
        count = seen[ident] = seen.get(ident, 0) + 1
        if count > 1:
            part["id"] = f"{ident}-{count}"
            while part["id"] in seen:
                count += 1
                part["id"] = f"{ident}-{count}"
            seen[part["id"]] = 1
            report.add(IMPORT_ASSUMED_STRUCTURE, "part-split", value=ident, component=part["id"])


def _crosses_midnight(row: _Row, clock: ZoneClock) -> bool:
    # Clock times in a part are read on the part's date until a session ends past
    # midnight; a session after such a one starts a new part.
    return row.end is not None and clock.day_of(row.end) != row.day.toordinal()


def _part(
    group: _Group,
    room_ids: dict[str, str],
    speaker_ids: dict[int, list[str]],
    clock: ZoneClock,
    event_date: date,
    report: Notes,
) -> dict[str, Any]:
    part: dict[str, Any] = {}
    part_id, title = group.heading
    if part_id and _ID.match(part_id):
        part["id"] = part_id
    if title:
        part["title"] = title
    if group.day != event_date:
        part["date"] = group.day
    rooms = {r.room for r in group.rows}
    part_room = next(iter(rooms)) if len(rooms) == 1 else None
    if part_room:
        part["room"] = part_room
    if group.track:
        part["track"] = group.track
    sessions: dict[int, dict[str, Any]] = {}
    top: list[dict[str, Any]] = []
    for row in group.rows:
        # Children are written like top-level sessions, on the part's date.
        session = _session(row, part_room, room_ids, speaker_ids[row.order], clock, report)
        sessions[row.order] = session
        if row.parent is None:
            top.append(session)
        else:
            sessions[row.parent].setdefault("children", []).append(session)
    part["sessions"] = top
    return part


def _session(
    row: _Row,
    part_room: str | None,
    room_ids: dict[str, str],
    speakers: list[str],
    clock: ZoneClock,
    report: Notes,
) -> dict[str, Any]:
    item = row.item
    session: dict[str, Any] = {}
    if item.ident:
        if _ID.match(item.ident):
            session["id"] = item.ident
        else:
            report.add(IMPORT_VALUE_DROPPED, "bad-id", item.where, key="bad-id")
    session.update(_times(row, clock, report))
    if item.kind and item.kind != "talk":
        session["kind"] = item.kind
    session["title"] = item.title
    if speakers:
        session["speakers"] = speakers
    if row.room and row.room != part_room:
        session["room"] = row.room
    if item.to_room and item.to_room in room_ids:
        session["to"] = room_ids[item.to_room]
    if item.description:
        session["description"] = item.description
    if item.url and _URL.match(item.url):
        session["url"] = item.url
    elif item.url:
        report.add(IMPORT_VALUE_DROPPED, "url", item.where, value=repr(item.url))
    if item.language:
        if _LANG.match(item.language):
            session["language"] = item.language
        else:
            report.add(
                IMPORT_VALUE_DROPPED,
                "lang",
                item.where,
                key=f"lang:{item.language}",
                value=repr(item.language),
            )
    uid = clean_text(item.uid) if item.uid and _UNWRITABLE.search(item.uid) else item.uid
    if uid:
        session["uid"] = uid
    return session


def _times(row: _Row, clock: ZoneClock, report: Notes) -> dict[str, Any]:
    """The shortest way of writing the session's times that gives back its instants."""
    day = row.day.toordinal()
    start_min = clock.minute_of(row.start, day)
    out: dict[str, Any] = {}
    if clock.to_utc(day, start_min) != row.start:
        # The second 01:30 of a fall-back night has no wall-clock name of its own.
        report.add(IMPORT_ASSUMED_TIME, "fold", row.item.where, key="fold")
    declared = row.item.minutes
    if row.end is None:
        out["start"] = format_minutes(start_min)
        if declared is not None:
            out["minutes"] = declared
        else:
            report.add(IMPORT_ASSUMED_TIME, "no-end", row.item.where, key="no-end")
        return out
    end_min = clock.minute_of(row.end, day)
    length = (row.end - row.start) // 60
    fits = length > 0 and end_min - start_min < _DAY and start_min < _DAY
    if fits and clock.to_utc(day, end_min) == row.end:
        out["time"] = f"{format_minutes(start_min)}-{format_minutes(end_min % _DAY)}"
        if declared is not None:
            out["minutes"] = declared
        return out
    out["start"] = format_minutes(start_min)
    out["minutes"] = length
    if declared is not None and declared != length:
        report.add(
            IMPORT_VALUE_DROPPED, "duration", row.item.where, declared=declared, length=length
        )
    return out


def _verify(agenda: Agenda, rows: list[_Row], report: Notes) -> None:
    """The agenda as built must give back every instant that was imported."""
    from ..timeline import build_timeline

    # Slots in document order, a session's children right after it, as the rows are.
    slots = sorted(build_timeline(agenda).slots, key=lambda s: s.order)
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


def _utc(instant: int | None) -> str:
    if instant is None:
        return "?"
    return datetime.fromtimestamp(instant, UTC).strftime("%Y-%m-%dT%H:%MZ")
