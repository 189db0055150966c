"""AK3xx: rooms and the venue."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress, repeat
from operator import and_, attrgetter, eq, ne
from typing import Any

from ..findings import CAPACITY, MISSING_TRANSFER, ROOM_CONFLICT, Duration
from ..timeline import Slot, Timeline
from .base import Finding
from .naming import labels
from .pairs import overlapping

__all__ = ["capacity", "room_conflicts", "transfer_minutes", "transfers"]


def transfer_minutes(timeline: Timeline) -> dict[tuple[str, str], int]:
    """Minutes needed between two rooms (both directions), from the venue."""
    venue = timeline.agenda.venue
    needed: dict[tuple[str, str], int] = {}
    if venue is not None:
        for t in venue.transfers:
            needed.setdefault((t.from_, t.to), t.minutes)
            needed.setdefault((t.to, t.from_), t.minutes)
    return needed


def _needed(needed: dict[tuple[str, str], int], default: int | None, a: str, b: str) -> int | None:
    return needed.get((a, b), default)


def transfers(timeline: Timeline, options: dict[str, Any] | None = None) -> Iterator[Finding]:
    """`missing-transfer`: a room change within a track needs its transfer time.

    Option ``default-minutes``: minutes needed between rooms the venue does not pair.
    """
    default = (options or {}).get("default-minutes")
    needed = transfer_minutes(timeline)
    clock = timeline.clock
    for slots in timeline.groups().values():
        places = set(map(_ROOM, slots))
        places.discard(None)
        if len(places) < 2 and "transfer" not in set(map(_KIND, slots)):
            continue  # one room and no transfer (checked in C): nothing to report
        room: str | None = None
        previous: Slot | None = None
        moved = 0
        heading: str | None = None
        for slot in slots:
            assert slot.start is not None and slot.end is not None
            if slot.session.kind == "transfer":
                moved += slot.end - slot.start
                heading = slot.session.to or heading
                continue
            here = slot.room
            if heading is not None and here is not None and heading != here:
                yield MISSING_TRANSFER.on(
                    slot.time_path,
                    "wrong-room",
                    related=(previous.path,) if previous is not None else (),
                    sessions=(slot.id,),
                    rooms=(here, heading),
                    b=slot.id,
                    heading=heading,
                    room_b=here,
                )
            elif room is not None and here is not None and here != room and previous is not None:
                need = _needed(needed, default, room, here)
                if need is not None and moved < need * 60:
                    assert previous.end is not None
                    yield MISSING_TRANSFER.on(
                        slot.time_path,
                        "short" if moved else "none",
                        related=(previous.path,),
                        sessions=(slot.id, previous.id),
                        rooms=(room, here),
                        a=previous.id,
                        b=slot.id,
                        room_a=room,
                        room_b=here,
                        have=Duration(moved),
                        need=Duration(need * 60),
                        a_end=clock.clock(previous.end),
                    )
            if here is not None:
                room = here
            previous = slot
            moved = 0
            heading = None


def room_conflicts(timeline: Timeline) -> Iterator[Finding]:
    """`room-conflict`: two tracks in one room at once (unless the room is `shared`),
    for every such pair."""
    venue = timeline.agenda.venue
    shared = {name for name, r in venue.rooms.items() if r.shared} if venue else set()
    by_room = _by_room(timeline.resolved(), shared)
    clock = timeline.clock
    agenda = timeline.agenda
    for room, slots in by_room.items():
        for other, slot in overlapping(slots, _apart):
            assert other.end is not None and slot.start is not None and slot.end is not None
            yield ROOM_CONFLICT.on(
                (*slot.path, "room") if slot.session.room else slot.time_path,
                related=(other.path,),
                sessions=(slot.id, other.id),
                rooms=(room,),
                a=other.id,
                b=slot.id,
                track_a=other.track,
                track_b=slot.track,
                room=room,
                b_start=clock.clock(slot.start),
                overlap=Duration(min(other.end, slot.end) - slot.start),
                **labels(agenda, (("a", other), ("b", slot))),
            )


_ROOM, _KIND = attrgetter("room"), attrgetter("session.kind")
FEW_ROOMS = 32


def _by_room(slots: list[Slot], shared: set[str]) -> dict[str, list[Slot]]:
    """The sessions in each room that is not shared, transfers left out, in order.

    With a few rooms (most venues), each room's sessions are picked out in C, one pass
    per room; with many, in one Python pass.
    """
    rooms = list(map(_ROOM, slots))
    kinds = list(map(_KIND, slots))
    names = [r for r in dict.fromkeys(rooms) if r is not None and r not in shared]
    by_room: dict[str, list[Slot]] = {}
    if len(names) <= FEW_ROOMS:
        moves = "transfer" in kinds
        for name in names:
            chosen: Iterator[bool] = map(eq, rooms, repeat(name))
            if moves:
                chosen = map(and_, chosen, map(ne, kinds, repeat("transfer")))
            members = list(compress(slots, chosen))
            if members:
                by_room[name] = members
        return by_room
    for slot, room, kind in zip(slots, rooms, kinds, strict=True):
        if room is None or room in shared or kind == "transfer":
            continue
        mine = by_room.get(room)
        if mine is None:
            by_room[room] = [slot]
        else:
            mine.append(slot)
    return by_room


def _apart(a: Slot, b: Slot) -> bool:
    """Two sessions that cannot share a room: other tracks, neither inside the other."""
    return a.track != b.track and not a.within(b) and not b.within(a)


def capacity(timeline: Timeline) -> Iterator[Finding]:
    """`capacity`: expected attendance against the room's capacity.

    Attendance comes from the session, else its part, else the event. A session's own
    attendance is reported at the session; an inherited one once per part and room.
    """
    agenda = timeline.agenda
    venue = agenda.venue
    if venue is None or all(r.capacity is None for r in venue.rooms.values()):
        return
    reported: set[tuple[int, str]] = set()
    limits = {name: r.capacity for name, r in venue.rooms.items() if r.capacity is not None}
    # What a session without its own attendance inherits, by part.
    inherited = [part.attendance or agenda.event.attendance for part in agenda.parts]
    for slot in timeline.slots:
        name = slot.room
        limit = limits.get(name) if name is not None else None
        if name is None or limit is None:
            continue
        own = slot.session.attendance
        attendance = own if own is not None else inherited[slot.part]
        if attendance is None or attendance <= limit or slot.session.kind in ("transfer", "break"):
            continue
        part = agenda.parts[slot.part]
        if own is None:
            if (slot.part, name) in reported:
                continue
            reported.add((slot.part, name))
            path: tuple[str | int, ...] = slot.path
            source = (
                ("parts", slot.part, "attendance") if part.attendance else ("event", "attendance")
            )
            related: tuple[tuple[str | int, ...], ...] = (source,)
        else:
            path = (*slot.path, "attendance")
            related = ()
        yield CAPACITY.on(
            path,
            related=related,
            sessions=(slot.id,),
            rooms=(name,),
            id=slot.id,
            attendance=attendance,
            room=name,
            capacity=limit,
        )
