"""AK4xx: speakers."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import date
from operator import attrgetter, ne
from typing import Any

from ..findings import SPEAKER_CONFLICT, SPEAKER_TRAVEL, SPEAKER_UNAVAILABLE, Duration
from ..timeline import Slot, Timeline, clock_range
from .base import Finding
from .naming import labels
from .pairs import overlapping
from .rooms import transfer_minutes

__all__ = ["availability", "speaker_conflicts", "speaker_travel"]


_ROOM = attrgetter("room")


def _speaker_path(slot: Slot, speaker: str) -> tuple[str | int, ...]:
    return (*slot.path, "speakers", slot.session.speakers.index(speaker))


def speaker_conflicts(timeline: Timeline) -> Iterator[Finding]:
    """`speaker-conflict`: one person in two sessions at once, in any track or room, for
    every such pair."""
    clock = timeline.clock
    agenda = timeline.agenda
    for speaker, slots in timeline.by_speaker().items():
        for other, slot in overlapping(slots, _not_nested):
            assert other.start is not None and other.end is not None
            assert slot.start is not None and slot.end is not None
            yield SPEAKER_CONFLICT.on(
                _speaker_path(slot, speaker),
                related=(_speaker_path(other, speaker),),
                sessions=(slot.id, other.id),
                speakers=(speaker,),
                speaker=speaker,
                a=other.id,
                b=slot.id,
                a_start=clock.clock(other.start),
                a_end=clock.clock(other.end),
                b_start=clock.clock(slot.start),
                b_end=clock.clock(slot.end),
                **labels(agenda, (("a", other), ("b", slot)), speaker),
            )


def _not_nested(a: Slot, b: Slot) -> bool:
    return not a.within(b) and not b.within(a)


def speaker_travel(timeline: Timeline, options: dict[str, Any] | None = None) -> Iterator[Finding]:
    """`speaker-travel`: a speaker's consecutive sessions in rooms too far apart."""
    needed = transfer_minutes(timeline)
    default = (options or {}).get("default-minutes")
    if not needed and default is None:
        return  # no two rooms need time between them
    for speaker, slots in timeline.by_speaker().items():
        # Only where the room changes (found in C: most speakers stay in one room).
        rooms = list(map(_ROOM, slots))
        for i in itertools.compress(itertools.count(), map(ne, rooms, rooms[1:])):
            a, b = slots[i], slots[i + 1]
            assert a.end is not None and b.start is not None
            if a.room is None or b.room is None or a.room == b.room or b.start < a.end:
                continue
            if b.within(a) or a.within(b):
                continue
            need = needed.get((a.room, b.room), default)
            if need is not None and b.start - a.end < need * 60:
                yield SPEAKER_TRAVEL.on(
                    _speaker_path(b, speaker),
                    related=(_speaker_path(a, speaker),),
                    sessions=(b.id, a.id),
                    rooms=(a.room, b.room),
                    speakers=(speaker,),
                    speaker=speaker,
                    a=a.id,
                    b=b.id,
                    room_a=a.room,
                    room_b=b.room,
                    have=Duration(b.start - a.end),
                    need=Duration(need * 60),
                )


AVAILABLE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:\s+(.+?))?\s*$")


def availability(timeline: Timeline) -> Iterator[Finding]:
    """`speaker-unavailable`: sessions outside the speaker's declared `available` ranges."""
    agenda = timeline.agenda
    clock = timeline.clock
    windows: dict[str, list[tuple[int, int]]] = {}
    if not any(person.available for person in agenda.speakers.values()):
        return
    for name, person in agenda.speakers.items():
        if not person.available:
            continue
        ranges = []
        for text in person.available:
            match = AVAILABLE.match(text)
            if match is None:
                continue  # the model's pattern admits only matches
            day = date.fromisoformat(match[1]).toordinal()
            a, b = clock_range(match[2]) if match[2] else (0, 1440)
            ranges.append((clock.to_utc(day, a), clock.to_utc(day, b)))
        windows[name] = ranges
    for slot in timeline.resolved():
        assert slot.start is not None and slot.end is not None
        for speaker in dict.fromkeys(slot.session.speakers):
            allowed = windows.get(speaker)
            if allowed is None:
                continue
            if any(lo <= slot.start and slot.end <= hi for lo, hi in allowed):
                continue
            yield SPEAKER_UNAVAILABLE.on(
                _speaker_path(slot, speaker),
                related=(("speakers", speaker, "available"),),
                sessions=(slot.id,),
                speakers=(speaker,),
                speaker=speaker,
                id=slot.id,
                day=clock.local(slot.start).date().isoformat(),
                start=clock.clock(slot.start),
                end=clock.clock(slot.end),
                available=", ".join(agenda.speakers[speaker].available),
            )
