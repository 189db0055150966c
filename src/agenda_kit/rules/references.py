"""AK1xx relations and content: ids, references to speakers and rooms, titles."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from operator import attrgetter
from typing import Any

from ..diagnostics import format_path
from ..findings import (
    DUPLICATE_ID,
    EMPTY_TITLE,
    MISSING_ID,
    UNKNOWN_REFERENCE,
    UNREFERENCED,
    Phrase,
)
from ..timeline import Path, Slot, Timeline, part_key
from .base import Finding

__all__ = ["duplicate_ids", "empty_titles", "missing_ids", "references", "unreferenced"]

# Read in C over every session, where most agendas have nothing to report.
_ID, _EXPLICIT = attrgetter("id"), attrgetter("explicit_id")
_TITLE = attrgetter("session.title")
_ROOM, _TO = attrgetter("session.room"), attrgetter("session.to")
_SPEAKERS = attrgetter("session.speakers")


def duplicate_ids(timeline: Timeline) -> Iterator[Finding]:
    """`duplicate-id` among parts and among sessions (explicit or derived ids)."""
    agenda = timeline.agenda
    seen_parts: dict[str, int] = {}
    for index, part in enumerate(agenda.parts):
        if part.id is None:
            continue
        first = seen_parts.setdefault(part.id, index)
        if first != index:
            yield DUPLICATE_ID.on(
                ("parts", index, "id"),
                "part",
                related=(("parts", first, "id"),),
                id=part.id,
                first=f"parts[{first}]",
            )
    if len(set(map(_ID, timeline.slots))) == len(timeline.slots):
        return  # every id once (counted in C): the usual case
    seen: dict[str, Slot] = {}
    for slot in timeline.slots:
        earlier = seen.setdefault(slot.id, slot)
        if earlier is not slot:
            yield DUPLICATE_ID.on(
                (*slot.path, "id") if slot.explicit_id else slot.path,
                "session" if slot.explicit_id else "derived",
                related=((*earlier.path, "id") if earlier.explicit_id else earlier.path,),
                sessions=(slot.id,),
                id=slot.id,
                first=format_path(earlier.path),
            )


def references(timeline: Timeline) -> Iterator[Finding]:
    """`unknown-reference`: speakers and rooms that are used but not defined."""
    agenda = timeline.agenda
    rooms = agenda.venue.rooms if agenda.venue else {}
    speakers = agenda.speakers

    def room(ref: str | None, path: Path, what: Phrase) -> Iterator[Finding]:
        if ref is not None and ref not in rooms:
            variant, params = _suggest("room", ref, rooms)
            yield UNKNOWN_REFERENCE.on(path, variant, rooms=(ref,), **params, what=what)

    if agenda.venue:
        for t_index, transfer in enumerate(agenda.venue.transfers):
            base: Path = ("venue", "transfers", t_index)
            yield from room(transfer.from_, (*base, "from"), Phrase("ref.transfer-from"))
            yield from room(transfer.to, (*base, "to"), Phrase("ref.transfer-to"))
    for p_index, part in enumerate(agenda.parts):
        yield from room(
            part.room,
            ("parts", p_index, "room"),
            Phrase("ref.part-room", part=part_key(agenda, p_index)),
        )
    for slot in _doubtful(timeline.slots, rooms, speakers):
        session = slot.session
        if session.room is not None and session.room not in rooms:
            yield from room(
                session.room, (*slot.path, "room"), Phrase("ref.session-room", session=slot.id)
            )
        if session.to is not None and session.to not in rooms:
            yield from room(
                session.to, (*slot.path, "to"), Phrase("ref.session-to", session=slot.id)
            )
        for k, speaker in enumerate(session.speakers):
            if speaker not in speakers:
                variant, params = _suggest("speaker", speaker, speakers)
                yield UNKNOWN_REFERENCE.on(
                    (*slot.path, "speakers", k),
                    variant,
                    sessions=(slot.id,),
                    speakers=(speaker,),
                    **params,
                    session=slot.id,
                )


def _doubtful(
    slots: list[Slot], rooms: Mapping[str, object], speakers: Mapping[str, object]
) -> list[Slot]:
    """The sessions that name a room or a speaker the agenda does not define: a few, or
    none, found without a Python call per session."""
    places = {None, *rooms}
    people = set(speakers)
    if (
        places.issuperset(map(_ROOM, slots))
        and places.issuperset(map(_TO, slots))
        and people.issuperset(itertools.chain.from_iterable(map(_SPEAKERS, slots)))
    ):
        return []  # every reference resolves (checked in C): the usual case
    return [
        slot
        for slot in slots
        if slot.session.room not in places
        or slot.session.to not in places
        or not people.issuperset(slot.session.speakers)
    ]


def _suggest(key: str, ref: str, known: Mapping[str, object]) -> tuple[str, dict[str, Any]]:
    import difflib  # only for an unknown reference: off the start-up path

    close = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.6)
    if close:
        return f"{key}.suggest", {"ref": ref, "suggestion": close[0]}
    return key, {"ref": ref}


def unreferenced(timeline: Timeline) -> Iterator[Finding]:
    """`unreferenced`: rooms and speakers that are defined but never used."""
    agenda = timeline.agenda
    used_rooms = {p.room for p in agenda.parts}
    slots = timeline.slots
    used_rooms.update(map(_ROOM, slots))
    used_rooms.update(map(_TO, slots))
    used_speakers = set(itertools.chain.from_iterable(map(_SPEAKERS, slots)))
    if agenda.venue:
        for name in agenda.venue.rooms:
            if name not in used_rooms:
                yield UNREFERENCED.on(
                    ("venue", "rooms", name), "room", on_key=True, rooms=(name,), ref=name
                )
    for name in agenda.speakers:
        if name not in used_speakers:
            yield UNREFERENCED.on(
                ("speakers", name), "speaker", on_key=True, speakers=(name,), ref=name
            )


def missing_ids(timeline: Timeline) -> Iterator[Finding]:
    """`missing-id`: a session without an explicit id."""
    if all(map(_EXPLICIT, timeline.slots)):
        return
    for slot in timeline.slots:
        if not slot.explicit_id:
            yield MISSING_ID.on(slot.path, sessions=(slot.id,), id=slot.id)


def empty_titles(timeline: Timeline) -> Iterator[Finding]:
    """`empty-title`: every session needs a title people can read."""
    if all(map(str.strip, map(_TITLE, timeline.slots))):
        return
    for slot in timeline.slots:
        if not slot.session.title.strip():
            yield EMPTY_TITLE.on((*slot.path, "title"), sessions=(slot.id,), id=slot.id)
