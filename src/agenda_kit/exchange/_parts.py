"""Imported sessions laid out as the parts of an agenda.

``_build`` turns the imported items into rows with ids, rooms and tracks; here the rows
are put into parts (one per conference day and track, room or heading, cut where the
local date changes), nested where a session lies inside another, given the changeover
and the breaks every room shares (``_layout`` reads those off the times), and written
as the part and session mappings of the agenda file.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..findings import (
    IMPORT_ASSUMED_STRUCTURE,
    IMPORT_ASSUMED_TIME,
    IMPORT_VALUE_DROPPED,
)
from ..model import ID_PATTERN, LANG_PATTERN, MAX_TEXT_LENGTH, URL_PATTERN
from ..timespan import ZoneClock, format_minutes
from ._common import (
    Item,
    Notes,
    clean_text,
    quoted,
)
from ._layout import common_changeover, day_change, nesting, shared_breaks

__all__ = [
    "DAY",
    "ID_RE",
    "LANG_RE",
    "UNWRITABLE",
    "URL_RE",
    "Group",
    "Row",
    "common_breaks",
    "conference_days",
    "free_rooms",
    "group_rows",
    "linked_rows",
    "nest_rows",
    "part_mapping",
    "unique_part_ids",
]

ID_RE = re.compile(ID_PATTERN)
LANG_RE = re.compile(LANG_PATTERN)
URL_RE = re.compile(URL_PATTERN)
DAY = 1440
# What the model refuses in a one-line text (controls) or no encoder writes (surrogates).
UNWRITABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(slots=True)
class Row:
    item: Item
    order: int
    start: int  # UTC seconds
    end: int | None
    day: date  # local date of the start
    room: str | None  # room id
    track: str | None
    conference_day: date | None = None  # the day it belongs to (00:15 at 31C3: the day before)
    parent: int | None = None  # ``order`` of the session it lies inside


@dataclass(slots=True)
class Group:
    day: date  # the part's date: the local date of its sessions
    conference_day: date
    track: str | None
    heading: tuple[str | None, str | None]  # (part id, title)
    room: str | None
    rows: list[Row] = field(default_factory=list)


def conference_days(rows: list[Row], clock: ZoneClock, report: Notes) -> None:
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


def group_rows(rows: list[Row], clock: ZoneClock) -> list[Group]:
    """Rows (sorted by time) in parts, the parts in document order: one part per
    conference day and track (or heading, or room), cut where the local date changes
    (a part's clock times are read on its date)."""
    headings = any(r.item.part or r.item.part_id for r in rows)
    groups: list[Group] = []
    open_groups: dict[tuple[date, str | None], Group] = {}
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
            group = Group(row.day, conference_day, row.track, heading, room_key)
            groups.append(group)
            open_groups[key] = group
        group.rows.append(row)
    # Parts by day, then by track in the order tracks first appear, then by time.
    track_order: dict[str | None, int] = {}
    for row in rows:
        track_order.setdefault(row.track, len(track_order))
    groups.sort(key=lambda g: (g.conference_day, track_order[g.track], g.rows[0].start))
    return groups


def nest_rows(groups: list[Group], report: Notes) -> None:
    """A session wholly inside a longer one in the same room and part becomes one of
    its ``children`` (the talks of a poster session); rows go in document order."""
    for group in groups:
        rows = group.rows
        parents = nesting([(r.start, r.end, r.room) for r in rows])
        if not parents:
            continue
        inside = _adopt(group, parents)
        for parent, children in inside.items():
            report.add(
                IMPORT_ASSUMED_STRUCTURE,
                "nested",
                rows[parent].item.where,
                key=f"nested:{rows[parent].order}",
                value=quoted(rows[parent].item.title),
                count=len(children),
            )


def linked_rows(groups: list[Group]) -> None:
    """Children as the source names them (agenda-kit's own feed gives each one its
    parent's id): within a part, where the parent's times hold the child's. A link
    that does not is left out (the row stays a session of the part), and so is one
    that closes a circle."""
    for group in groups:
        rows = group.rows
        if not any(row.item.parent_id for row in rows):
            continue
        parents = _named_parents(rows)
        if parents:
            _adopt(group, parents)


def _adopt(group: Group, parents: dict[int, int]) -> dict[int, list[Row]]:
    """Make each row of ``group`` a child of its parent (``parents``: row index to
    parent index), the rows in document order; the children of each parent index."""
    rows = group.rows
    inside: dict[int, list[Row]] = {}
    for child, parent in sorted(parents.items()):
        rows[child].parent = rows[parent].order
        inside.setdefault(parent, []).append(rows[child])
    group.rows = _document_order(rows, inside, parents)
    return inside


def _named_parents(rows: list[Row]) -> dict[int, int]:
    """Each row's parent row by index, where its source names one that holds it."""
    by_id: dict[str, int] = {}
    for index, row in enumerate(rows):
        if row.item.ident:
            by_id.setdefault(row.item.ident, index)
    parents: dict[int, int] = {}
    for index, row in enumerate(rows):
        above = by_id.get(row.item.parent_id) if row.item.parent_id else None
        if above is None or above == index:
            continue
        parent_end, end = rows[above].end, row.end
        if parent_end is None or end is None:
            continue
        if rows[above].start <= row.start and end <= parent_end:
            parents[index] = above
    for index in list(parents):  # a circle (equal times): the first link found goes
        seen, at = {index}, parents.get(index)
        while at is not None:
            if at in seen:
                del parents[index]
                break
            seen.add(at)
            at = parents.get(at)
    return parents


def _document_order(
    rows: list[Row], inside: dict[int, list[Row]], parents: dict[int, int]
) -> list[Row]:
    """Rows with each one's children (at any depth) right after it."""
    index_of = {id(row): index for index, row in enumerate(rows)}
    ordered: list[Row] = []
    stack = [i for i in reversed(range(len(rows))) if i not in parents]
    while stack:
        index = stack.pop()
        ordered.append(rows[index])
        stack.extend(index_of[id(child)] for child in reversed(inside.get(index, [])))
    return ordered


def free_rooms(
    parts: list[dict[str, Any]], groups: list[Group], clock: ZoneClock, report: Notes
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


def common_breaks(
    parts: list[dict[str, Any]],
    groups: list[Group],
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
            if first < a and b < last and b < DAY
        ]
        if inside:
            part["breaks"] = inside
            marked = True
    if marked:
        report.add(IMPORT_ASSUMED_STRUCTURE, "plenary", value=f"`{shared}`")


def _shared_breaks(
    parts: list[dict[str, Any]], groups: list[Group], clock: ZoneClock, report: Notes
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


def unique_part_ids(parts: list[dict[str, Any]], report: Notes) -> None:
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


def _crosses_midnight(row: Row, clock: ZoneClock) -> bool:
    # Clock times in a part are read on the part's date until a session ends past
    # midnight; a session after such a one starts a new part.
    return row.end is not None and clock.day_of(row.end) != row.day.toordinal()


def part_mapping(
    group: Group,
    room_ids: dict[str, str],
    speaker_ids: dict[int, list[str]],
    clock: ZoneClock,
    event_date: date,
    report: Notes,
) -> dict[str, Any]:
    part: dict[str, Any] = {}
    part_id, title = group.heading
    if part_id and ID_RE.match(part_id):
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
    if any(row.item.free for row in group.rows):
        part["contiguous"] = False
    sessions: dict[int, dict[str, Any]] = {}
    top: list[dict[str, Any]] = []
    # Where the session before each one ends (by its parent's order; None: the top
    # level), or where its parent starts: the instant a start left out stands for.
    previous: dict[int | None, int | None] = {}
    starts = {row.order: row.start for row in group.rows}
    for row in group.rows:
        # Children are written like top-level sessions, on the part's date.
        chained = previous.get(row.parent, None if row.parent is None else starts[row.parent])
        previous[row.parent] = row.end
        session = _session(row, part_room, room_ids, speaker_ids[row.order], clock, report, chained)
        sessions[row.order] = session
        if row.parent is None:
            top.append(session)
        else:
            sessions[row.parent].setdefault("children", []).append(session)
    part["sessions"] = top
    return part


def _session(
    row: Row,
    part_room: str | None,
    room_ids: dict[str, str],
    speakers: list[str],
    clock: ZoneClock,
    report: Notes,
    chained: int | None = None,
) -> dict[str, Any]:
    item = row.item
    session: dict[str, Any] = {}
    if item.ident:  # a valid id by now (_build._session_ids)
        session["id"] = item.ident
    session.update(_times(row, clock, report, chained))
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
    session.update(_checked(item, report))
    return session


def _checked(item: Item, report: Notes) -> dict[str, Any]:
    """The url, language and uid of a session, those the model would refuse dropped
    with a finding."""
    out: dict[str, Any] = {}
    if item.url and URL_RE.match(item.url):
        out["url"] = item.url
    elif item.url:
        report.add(IMPORT_VALUE_DROPPED, "url", item.where, value=quoted(item.url))
    if item.language:
        if LANG_RE.match(item.language):
            out["language"] = item.language
        else:
            report.add(
                IMPORT_VALUE_DROPPED,
                "lang",
                item.where,
                key=f"lang:{item.language}",
                value=quoted(item.language),
            )
    uid = clean_text(item.uid) if item.uid and UNWRITABLE.search(item.uid) else item.uid
    if uid and len(uid) > MAX_TEXT_LENGTH:  # a UID cut would be another event's
        report.add(
            IMPORT_VALUE_DROPPED,
            "long-uid",
            item.where,
            length=len(uid),
            limit=MAX_TEXT_LENGTH,
            key="long-uid",
        )
    elif uid:
        out["uid"] = uid
    return out


def _times(row: Row, clock: ZoneClock, report: Notes, chained: int | None = None) -> dict[str, Any]:
    """The shortest way of writing the session's times that gives back its instants.

    ``chained`` is the instant a session without a start would start at (where the one
    before it ends): the only way to write a start in the repeated hour of a night
    when the clocks go back, whose clock times name their first occurrence."""
    day = row.day.toordinal()
    start_min = clock.minute_of(row.start, day)
    out: dict[str, Any] = {}
    declared = row.item.minutes
    if clock.to_utc(day, start_min) != row.start:
        # The second 01:30 of a fall-back night has no wall-clock name of its own.
        if chained == row.start and (row.end is not None or declared is not None):
            length = (row.end - row.start) // 60 if row.end is not None else declared
            out["minutes"] = length
            if declared is not None and declared != length:
                report.add(
                    IMPORT_VALUE_DROPPED,
                    "duration",
                    row.item.where,
                    declared=declared,
                    length=length,
                )
            return out
        report.add(IMPORT_ASSUMED_TIME, "fold", row.item.where, key="fold")
    if row.end is None:
        out["start"] = format_minutes(start_min)
        if declared is not None:
            out["minutes"] = declared
        else:
            report.add(IMPORT_ASSUMED_TIME, "no-end", row.item.where, key="no-end")
        return out
    end_min = clock.minute_of(row.end, day)
    length = (row.end - row.start) // 60
    fits = length > 0 and end_min - start_min < DAY and start_min < DAY
    if fits and clock.to_utc(day, end_min) == row.end:
        out["time"] = f"{format_minutes(start_min)}-{format_minutes(end_min % DAY)}"
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
