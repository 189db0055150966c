"""The CP-SAT model of a solve: one task per session (its length, candidate rooms and
allowed starts), and the constraints and objective over them."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Agenda
from ..rules.rooms import transfer_minutes
from ..rules.speakers import AVAILABLE as _AVAILABLE
from ..timeline import DAY, Slot, Timeline
from ..timespan import clock_range
from .reflow import _day

__all__ = ["DEFAULT_HOURS", "Built", "Task", "bounds", "ranges", "starts"]

DEFAULT_HOURS = (8 * 60, DAY)  # the day of a part without any window: 08:00-24:00


@dataclass(slots=True)
class Task:
    slot: Slot
    length: int  # minutes
    rooms: list[str | None]  # candidates (one: fixed room)
    values: list[int]  # allowed starts (UTC minutes)
    fixed_start: int | None = None  # a session kept where it is
    published: tuple[int, str | None] | None = None


def ranges(agenda: Agenda, texts: list[str], timeline: Timeline) -> list[tuple[int, int]]:
    clock = timeline.clock
    out = []
    for text in texts:
        match = _AVAILABLE.match(text)
        if match is None:
            continue
        day = dt.date.fromisoformat(match[1]).toordinal()
        a, b = clock_range(match[2]) if match[2] else (0, DAY)
        out.append((clock.to_utc(day, a) // 60, clock.to_utc(day, b) // 60))
    return out


def bounds(
    timeline: Timeline, slot: Slot, published: tuple[int, int] | None = None
) -> tuple[int, int]:
    """The instants (UTC minutes) a session must lie within: its part's window, else
    the default hours of its day (widened to where it was published), cut to the
    part's span."""
    day = _day(timeline, slot.part)
    window = timeline.part_window(slot.part, day)
    if window is None:
        clock = timeline.clock
        window = clock.to_utc(day, DEFAULT_HOURS[0]), clock.to_utc(day, DEFAULT_HOURS[1])
        if published is not None:
            window = min(window[0], published[0] * 60), max(window[1], published[1] * 60)
    lo, hi = window[0] // 60, window[1] // 60
    span = timeline.part_span(slot.part)
    if span is not None:
        lo, hi = max(lo, span[0] // 60), min(hi, span[1] // 60)
    return lo, hi


def starts(
    timeline: Timeline,
    slot: Slot,
    minutes: int,
    step: int,
    available: Mapping[str, list[tuple[int, int]]],
    published: tuple[int, int] | None = None,
) -> list[int]:
    lo, hi = bounds(timeline, slot, published)
    if timeline.flows[slot.part].contiguous:
        step = 1  # a contiguous part has no free time: any minute may be needed
    speakers = [available[s] for s in dict.fromkeys(slot.session.speakers) if s in available]
    out = []
    grid = range(lo, hi - minutes + 1, step)
    if published is not None and lo <= published[0] <= hi - minutes:
        grid = sorted({*grid, published[0]})  # type: ignore[assignment]
    for start in grid:
        end = start + minutes
        if all(any(a <= start and end <= b for a, b in ranges) for ranges in speakers):
            out.append(start)
    return out


class Built:
    """The CP-SAT model of the tasks: variables, constraints and the objective."""

    def __init__(self, model: Any, tasks: list[Task]) -> None:
        from ortools.sat.python import cp_model

        self.cp = cp_model
        self.model = model
        self.tasks = tasks
        self.start: list[Any] = []
        self.present: list[dict[str | None, Any]] = []
        self.intervals: list[dict[str | None, Any]] = []
        self.same: list[Any] = []
        for i, task in enumerate(tasks):
            if task.fixed_start is not None:
                start = model.new_constant(task.fixed_start)
            else:
                start = model.new_int_var_from_domain(
                    cp_model.Domain.from_values(task.values), f"s{i}"
                )
            self.start.append(start)
            present: dict[str | None, Any] = {}
            intervals: dict[str | None, Any] = {}
            for room in task.rooms:
                if len(task.rooms) == 1:
                    lit = model.new_constant(1)
                    interval = model.new_interval_var(start, task.length, start + task.length, "")
                else:
                    lit = model.new_bool_var(f"x{i}")
                    interval = model.new_optional_interval_var(
                        start, task.length, start + task.length, lit, ""
                    )
                present[room], intervals[room] = lit, interval
            if len(task.rooms) > 1:
                model.add_exactly_one(present.values())
            self.present.append(present)
            self.intervals.append(intervals)
            if task.published is not None and task.fixed_start is None:
                pub_start, pub_room = task.published
                if pub_start in task.values:
                    model.add_hint(start, pub_start)
                same = model.new_bool_var(f"same{i}")
                model.add(start == pub_start).only_enforce_if(same)
                if pub_room in present and len(task.rooms) > 1:
                    model.add_implication(same, present[pub_room])
                elif pub_room not in present:
                    model.add(same == 0)
                self.same.append((same, task))

    def whole(self, i: int) -> Any:
        """An interval of task ``i`` whatever its room."""
        intervals = self.intervals[i]
        if len(intervals) == 1:
            return next(iter(intervals.values()))
        return self.model.new_interval_var(
            self.start[i], self.tasks[i].length, self.start[i] + self.tasks[i].length, ""
        )

    def constraints(self, timeline: Timeline) -> None:
        model = self.model
        agenda = timeline.agenda
        rooms = agenda.venue.rooms if agenda.venue is not None else {}
        by_track: dict[tuple[str, int], list[int]] = {}
        by_room: dict[str, list[Any]] = {}
        by_speaker: dict[str, list[int]] = {}
        whole = [self.whole(i) for i in range(len(self.tasks))]
        for i, task in enumerate(self.tasks):
            slot = task.slot
            by_track.setdefault((slot.track, _day(timeline, slot.part)), []).append(i)
            for room, interval in self.intervals[i].items():
                if room is not None and not (room in rooms and rooms[room].shared):
                    by_room.setdefault(room, []).append(interval)
            for speaker in dict.fromkeys(slot.session.speakers):
                by_speaker.setdefault(speaker, []).append(i)
        for (_, _), members in by_track.items():
            model.add_no_overlap([whole[i] for i in members])
            self._contiguous(timeline, members)
        for intervals in by_room.values():
            if len(intervals) > 1:
                model.add_no_overlap(intervals)
        for members in by_speaker.values():
            if len(members) > 1:
                model.add_no_overlap([whole[i] for i in members])
                self._travel(timeline, members)

    def _travel(self, timeline: Timeline, members: list[int]) -> None:
        """A speaker in two rooms needs the venue's transfer minutes between them (for
        sessions whose rooms are known; the checker's speaker-travel)."""
        needed = transfer_minutes(timeline)
        if not needed:
            return
        model = self.model
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                a, b = self.tasks[i], self.tasks[j]
                if len(a.rooms) != 1 or len(b.rooms) != 1 or a.rooms[0] == b.rooms[0]:
                    continue
                if a.rooms[0] is None or b.rooms[0] is None:
                    continue
                walk = needed.get((a.rooms[0], b.rooms[0]), 0)
                if not walk:
                    continue
                first = model.new_bool_var("")
                model.add(self.start[j] >= self.start[i] + a.length + walk).only_enforce_if(first)
                model.add(self.start[i] >= self.start[j] + b.length + walk).only_enforce_if(~first)

    def _contiguous(self, timeline: Timeline, members: list[int]) -> None:
        """A contiguous track and day is one block: no free time between its sessions
        (the declared changeover between each pair)."""
        flows = timeline.flows
        if not all(flows[self.tasks[i].slot.part].contiguous for i in members):
            return
        if all(self.tasks[i].fixed_start is not None for i in members) or len(members) < 2:
            return
        model = self.model
        changeover = max(flows[self.tasks[i].slot.part].changeover for i in members)
        total = sum(self.tasks[i].length for i in members) + changeover * (len(members) - 1)
        first = model.new_int_var(-(2**40), 2**40, "")
        last = model.new_int_var(-(2**40), 2**40, "")
        model.add_min_equality(first, [self.start[i] for i in members])
        model.add_max_equality(last, [self.start[i] + self.tasks[i].length for i in members])
        model.add(last - first == total)
        # In document order, as reflow places them: an agenda's order is the author's.
        ordered = sorted(members, key=lambda i: self.tasks[i].slot.order)
        for i, j in itertools.pairwise(ordered):
            model.add(self.start[j] >= self.start[i] + self.tasks[i].length + changeover)
        if changeover:
            spaced = [
                model.new_interval_var(
                    self.start[i],
                    self.tasks[i].length + changeover,
                    self.start[i] + self.tasks[i].length + changeover,
                    "",
                )
                for i in members
            ]
            model.add_no_overlap(spaced)

    def objective(self, timeline: Timeline) -> None:
        model = self.model
        terms: list[Any] = []
        # Re-plan: a moved session costs more than anything else; its speakers add to it.
        for same, task in self.same:
            terms.append((1 - same) * (100 + 10 * len(task.slot.session.speakers)))
        prefers = {
            name: ranges(timeline.agenda, person.prefers, timeline)
            for name, person in timeline.agenda.speakers.items()
            if person.prefers
        }
        for i, task in enumerate(self.tasks):
            if task.fixed_start is not None:
                continue
            wanted = [prefers[s] for s in task.slot.session.speakers if s in prefers]
            if wanted:
                good = [
                    v
                    for v in task.values
                    if all(any(a <= v and v + task.length <= b for a, b in r) for r in wanted)
                ]
                liked = model.new_bool_var("")
                if good:
                    model.add_linear_expression_in_domain(
                        self.start[i], self.cp.Domain.from_values(good)
                    ).only_enforce_if(liked)
                else:
                    model.add(liked == 0)
                terms.append((1 - liked) * 3)
        # One room per track: each room a track uses beyond its first costs.
        used: dict[tuple[str, str | None], Any] = {}
        for i, task in enumerate(self.tasks):
            if len(task.rooms) < 2:
                continue
            for room, lit in self.present[i].items():
                key = (task.slot.track, room)
                if key not in used:
                    used[key] = model.new_bool_var("")
                model.add_implication(lit, used[key])
        terms += [2 * var for var in used.values()]
        if terms:
            model.minimize(sum(terms))
