"""AK1xx relations and content: ids, references to speakers and rooms, titles."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping

from ..diagnostics import format_path
from ..timeline import Path, Timeline, part_key
from .base import Finding

__all__ = ["duplicate_ids", "empty_titles", "missing_ids", "references", "unreferenced"]


def duplicate_ids(timeline: Timeline) -> Iterator[Finding]:
    """`duplicate-id` among parts and among sessions (explicit or derived ids)."""
    agenda = timeline.agenda
    seen_parts: dict[str, int] = {}
    for index, part in enumerate(agenda.parts):
        if part.id is None:
            continue
        first = seen_parts.setdefault(part.id, index)
        if first != index:
            yield Finding(
                "duplicate-id", ("parts", index, "id"), "duplicate-id.part",
                {"id": part.id, "first": f"parts[{first}]"},
                related=(("parts", first, "id"),),
            )  # fmt: skip
    seen: dict[str, Path] = {}
    for slot in timeline.slots:
        path: Path = (*slot.path, "id") if slot.explicit_id else slot.path
        first_path = seen.setdefault(slot.id, path)
        if first_path is not path:
            key = "duplicate-id.session" if slot.explicit_id else "duplicate-id.derived"
            first_session = first_path[:-1] if first_path[-1] == "id" else first_path
            yield Finding(
                "duplicate-id", path, key,
                {"id": slot.id, "first": format_path(first_session)},
                related=(first_path,), sessions=(slot.id,),
            )  # fmt: skip


def references(timeline: Timeline) -> Iterator[Finding]:
    """`unknown-reference`: speakers and rooms that are used but not defined."""
    agenda = timeline.agenda
    rooms = agenda.venue.rooms if agenda.venue else {}
    speakers = agenda.speakers

    def room(ref: str | None, path: Path, what: str) -> Iterator[Finding]:
        if ref is not None and ref not in rooms:
            key, params = _suggest("unknown-reference.room", ref, rooms)
            yield Finding("unknown-reference", path, key, {**params, "what": what}, rooms=(ref,))

    if agenda.venue:
        for t_index, transfer in enumerate(agenda.venue.transfers):
            base: Path = ("venue", "transfers", t_index)
            yield from room(transfer.from_, (*base, "from"), "transfer from")
            yield from room(transfer.to, (*base, "to"), "transfer to")
    for p_index, part in enumerate(agenda.parts):
        yield from room(
            part.room, ("parts", p_index, "room"), f"part `{part_key(agenda, p_index)}` room"
        )
    for slot in timeline.slots:
        session = slot.session
        if session.room is not None and session.room not in rooms:
            yield from room(session.room, (*slot.path, "room"), f"`{slot.id}` room")
        if session.to is not None and session.to not in rooms:
            yield from room(session.to, (*slot.path, "to"), f"`{slot.id}` transfer destination")
        for k, speaker in enumerate(session.speakers):
            if speaker not in speakers:
                key, params = _suggest("unknown-reference.speaker", speaker, speakers)
                yield Finding(
                    "unknown-reference", (*slot.path, "speakers", k), key,
                    {**params, "session": slot.id}, sessions=(slot.id,), speakers=(speaker,),
                )  # fmt: skip


def _suggest(key: str, ref: str, known: Mapping[str, object]) -> tuple[str, dict[str, str]]:
    close = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.6)
    if close:
        return f"{key}.suggest", {"ref": ref, "suggestion": close[0]}
    return key, {"ref": ref}


def unreferenced(timeline: Timeline) -> Iterator[Finding]:
    """`unreferenced`: rooms and speakers that are defined but never used."""
    agenda = timeline.agenda
    used_rooms = {p.room for p in agenda.parts}
    used_speakers: set[str] = set()
    for slot in timeline.slots:
        used_rooms.update((slot.session.room, slot.session.to))
        used_speakers.update(slot.session.speakers)
    if agenda.venue:
        for name in agenda.venue.rooms:
            if name not in used_rooms:
                yield Finding(
                    "unreferenced", ("venue", "rooms", name), "unreferenced.room",
                    {"ref": name}, on_key=True, rooms=(name,),
                )  # fmt: skip
    for name in agenda.speakers:
        if name not in used_speakers:
            yield Finding(
                "unreferenced", ("speakers", name), "unreferenced.speaker",
                {"ref": name}, on_key=True, speakers=(name,),
            )  # fmt: skip


def missing_ids(timeline: Timeline) -> Iterator[Finding]:
    """`missing-id`: a session without an explicit id."""
    for slot in timeline.slots:
        if not slot.explicit_id:
            yield Finding(
                "missing-id", slot.path, "missing-id", {"id": slot.id}, sessions=(slot.id,)
            )


def empty_titles(timeline: Timeline) -> Iterator[Finding]:
    """`empty-title`: every session needs a title people can read."""
    for slot in timeline.slots:
        if not slot.session.title.strip():
            yield Finding(
                "empty-title", (*slot.path, "title"), "empty-title", {"id": slot.id},
                sessions=(slot.id,),
            )  # fmt: skip
