"""AK3xx: rooms and the venue."""

from __future__ import annotations

from collections.abc import Iterator

from ..timeline import Slot, Timeline
from .base import Finding, minutes_text

__all__ = ["transfers"]


def transfers(timeline: Timeline) -> Iterator[Finding]:
    """`missing-transfer`: a room change within a track needs its transfer time."""
    venue = timeline.agenda.venue
    if venue is None:
        return
    needed: dict[tuple[str, str], int] = {}
    for t in venue.transfers:
        needed.setdefault((t.from_, t.to), t.minutes)
        needed.setdefault((t.to, t.from_), t.minutes)
    clock = timeline.clock
    for slots in timeline.groups().values():
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
                yield Finding(
                    "missing-transfer",
                    slot.time_path,
                    f"the transfer before `{slot.id}` goes to `{heading}`, but "
                    f"`{slot.id}` is in `{here}`",
                    f"set the transfer's `to: {here}`, or move `{slot.id}`",
                    related=(previous.path,) if previous is not None else (),
                )
            elif room is not None and here is not None and here != room:
                need = needed.get((room, here))
                if need is not None and moved < need * 60 and previous is not None:
                    assert previous.end is not None
                    have = f"only {minutes_text(moved)} of transfer" if moved else "no transfer"
                    yield Finding(
                        "missing-transfer",
                        slot.time_path,
                        f"`{slot.id}` in `{here}` follows `{previous.id}` in `{room}` with "
                        f"{have}; the venue needs {need} minutes",
                        f"add a `kind: transfer` session of {need} minutes with `to: {here}` "
                        f"at {clock.clock(previous.end)}",
                        related=(previous.path,),
                    )
            if here is not None:
                room = here
            previous = slot
            moved = 0
            heading = None
