"""AK1xx relations: duplicate ids and references to undefined speakers and rooms."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..timeline import Path, Timeline, part_key
from .base import Finding

__all__ = ["duplicate_ids", "references"]


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
                "duplicate-id",
                ("parts", index, "id"),
                f"part id `{part.id}` is already used by parts[{first}]",
                "give this part another id",
                related=(("parts", first, "id"),),
            )
    seen: dict[str, Path] = {}
    for slot in timeline.slots:
        path: Path = (*slot.path, "id") if slot.explicit_id else slot.path
        first_path = seen.setdefault(slot.id, path)
        if first_path is not path:
            derived = "" if slot.explicit_id else " (derived from its part and position)"
            yield Finding(
                "duplicate-id",
                path,
                f"session id `{slot.id}`{derived} is already used by {_describe(first_path)}",
                "give this session another id; ids become calendar UIDs",
                related=(first_path,),
            )


def _describe(path: Path) -> str:
    return f"parts[{path[1]}].sessions[{path[3]}]"


def references(timeline: Timeline) -> Iterator[Finding]:
    """`unknown-reference`: speakers and rooms that are used but not defined."""
    agenda = timeline.agenda
    rooms = agenda.venue.rooms if agenda.venue else {}
    speakers = agenda.speakers

    def room(ref: str | None, path: Path, what: str) -> Iterator[Finding]:
        if ref is not None and ref not in rooms:
            yield Finding(
                "unknown-reference",
                path,
                f"{what} `{ref}` is not a room of the venue",
                _suggest(ref, rooms, "venue.rooms"),
            )

    if agenda.venue:
        for t_index, transfer in enumerate(agenda.venue.transfers):
            base: Path = ("venue", "transfers", t_index)
            yield from room(transfer.from_, (*base, "from"), "transfer from")
            yield from room(transfer.to, (*base, "to"), "transfer to")
    for p_index, part in enumerate(agenda.parts):
        yield from room(
            part.room, ("parts", p_index, "room"), f"part `{part_key(agenda, p_index)}` room"
        )
        for s_index, session in enumerate(part.sessions):
            base = ("parts", p_index, "sessions", s_index)
            label = session.id or f"{part_key(agenda, p_index)}-{s_index + 1}"
            yield from room(session.room, (*base, "room"), f"`{label}` room")
            yield from room(session.to, (*base, "to"), f"`{label}` transfer destination")
            for k, speaker in enumerate(session.speakers):
                if speaker not in speakers:
                    yield Finding(
                        "unknown-reference",
                        (*base, "speakers", k),
                        f"`{label}` names speaker `{speaker}`, who is not defined",
                        _suggest(speaker, speakers, "speakers"),
                    )


def _suggest(ref: str, known: Mapping[str, object], where: str) -> str:
    import difflib

    close = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`? Otherwise define `{ref}` under `{where}`"
    return f"define `{ref}` under `{where}`, or correct the reference"
