"""Solve: place sessions into days, windows and rooms with a constraint solver, and
re-plan a published agenda with the fewest moves.

The hard constraints are the checker's error rules about time: within the window (and
the part's span), one session at a time per track, per room (unless `shared`) and per
speaker, inside every speaker's `available` ranges, in a room large enough for the
expected attendance, and no free time in a contiguous part. Soft: the published place
of each session (re-plan), speakers' `prefers`, one room per track. Needs OR-Tools
(``pip install 'agenda-kit[solver]'``); imported only when a solve runs.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..findings.schedule import SOLVE_INFEASIBLE, SOLVE_MOVED, SOLVE_TIMEOUT
from ..model import Agenda
from ..rules.rooms import transfer_minutes
from ..rules.speakers import AVAILABLE as _AVAILABLE
from ..timeline import _SEPARATOR, DAY, Slot, Timeline, build_timeline
from ..timespan import clock_range
from .reflow import Change, _changes, _copy_with, _day, _locate, length_of, range_text

__all__ = ["DEFAULT_HOURS", "Solution", "SolverMissing", "solve"]

DEFAULT_HOURS = (8 * 60, DAY)  # the day of a part without any window: 08:00-24:00


class SolverMissing(ImportError):
    """OR-Tools is not installed (the `solver` extra)."""


@dataclass(slots=True)
class Solution:
    """A solved agenda, the fields written, the sessions moved from the published
    agenda (re-plan) or placed, and the findings (AK821/AK822 when nothing was found)."""

    agenda: Agenda
    changes: list[Change] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    placed: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    status: str = ""

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


@dataclass(slots=True)
class _Task:
    slot: Slot
    length: int  # minutes
    rooms: list[str | None]  # candidates (one: fixed room)
    values: list[int]  # allowed starts (UTC minutes)
    fixed_start: int | None = None  # a session kept where it is
    published: tuple[int, str | None] | None = None


def _ranges(agenda: Agenda, texts: list[str], timeline: Timeline) -> list[tuple[int, int]]:
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


def solve(
    agenda: Agenda,
    *,
    published: Agenda | None = None,
    rooms: bool = False,
    time_limit: float = 30.0,
    step: int = 5,
    workers: int = 2,
    lang: str = "en",
) -> Solution:
    """Place every session without a written time (with ``published``: every session
    that is not `fixed`, as close to its published place as possible).

    ``rooms`` lets the solver choose the room of sessions whose room is not given (or no
    longer exists). ``step`` is the grid of start times in minutes. Raises
    ``SolverMissing`` without OR-Tools.
    """
    try:
        from ortools.sat.python import cp_model
    except ImportError as exc:  # pragma: no cover - the extra is installed in CI
        raise SolverMissing(str(exc)) from None
    timeline = build_timeline(agenda)
    before = _published_places(published) if published is not None else {}
    tasks, found = _tasks(timeline, before, rooms, step, lang)
    if found:
        return Solution(agenda, diagnostics=found, status="INFEASIBLE")
    model = cp_model.CpModel()
    built = _Built(model, tasks)
    built.constraints(timeline)
    built.objective(timeline)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 1
    status = solver.solve(model)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        where = _locate(agenda.source, ("parts",))
        if status == cp_model.INFEASIBLE:
            variant, ids = _explain(timeline, tasks, time_limit)
            found = [SOLVE_INFEASIBLE.at(where, variant, lang=lang, ids=ids)]
        else:
            found = [SOLVE_TIMEOUT.at(where, lang=lang, seconds=round(time_limit))]
        return Solution(agenda, diagnostics=found, status=name)
    return _solution(agenda, timeline, built, solver, before, lang, name)


def _published_places(published: Agenda) -> dict[str, tuple[int, str | None]]:
    """Where each session of the published agenda is: (UTC minute, room), by id."""
    out = {}
    for slot in build_timeline(published).slots:
        if slot.parent is None and slot.start is not None and slot.explicit_id:
            out[slot.id] = (slot.start // 60, slot.room)
    return out


def _written(slot: Slot) -> bool:
    s = slot.session
    return s.time is not None or s.start is not None or s.end is not None


def _tasks(
    timeline: Timeline,
    before: Mapping[str, tuple[int, str | None]],
    choose_rooms: bool,
    step: int,
    lang: str,
) -> tuple[list[_Task], list[Diagnostic]]:
    agenda = timeline.agenda
    venue_rooms = dict(agenda.venue.rooms) if agenda.venue is not None else {}
    available = {
        name: _ranges(agenda, person.available, timeline)
        for name, person in agenda.speakers.items()
        if person.available
    }
    tasks: list[_Task] = []
    found: list[Diagnostic] = []
    for slot in timeline.slots:
        if slot.parent is not None:
            continue
        length = length_of(slot, {})
        published = before.get(slot.id) if slot.explicit_id else None
        movable = not slot.session.fixed and (published is not None or not _written(slot))
        if length is None or (not movable and slot.start is None):
            continue  # reflow and the checker report these
        minutes = -(-length // 60)
        if not movable:
            assert slot.start is not None
            task = _Task(slot, minutes, [slot.room], [slot.start // 60], slot.start // 60)
            tasks.append(task)
            continue
        room_ok = slot.room is not None and (not venue_rooms or slot.room in venue_rooms)
        if room_ok or not (choose_rooms or published is not None) or not venue_rooms:
            candidates: list[str | None] = [slot.room]
        else:
            need = slot.session.attendance or agenda.parts[slot.part].attendance
            candidates = [
                r
                for r, room in venue_rooms.items()
                if need is None or room.capacity is None or room.capacity >= need
            ]
        was = (published[0], published[0] + minutes) if published is not None else None
        values = _starts(timeline, slot, minutes, step, available, was)
        task = _Task(slot, minutes, candidates, values, None, published)
        if not values or not candidates:
            where = _locate(agenda.source, slot.path)
            variant, params = _why_nowhere(timeline, slot, minutes, available, bool(candidates))
            found.append(SOLVE_INFEASIBLE.at(where, variant, lang=lang, id=slot.id, **params))
        tasks.append(task)
    return tasks, found


def _bounds(
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


def _starts(
    timeline: Timeline,
    slot: Slot,
    minutes: int,
    step: int,
    available: Mapping[str, list[tuple[int, int]]],
    published: tuple[int, int] | None = None,
) -> list[int]:
    lo, hi = _bounds(timeline, slot, published)
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


def _why_nowhere(
    timeline: Timeline,
    slot: Slot,
    minutes: int,
    available: Mapping[str, list[tuple[int, int]]],
    has_room: bool,
) -> tuple[str, dict[str, Any]]:
    """The variant of AK821 and its values for a session that fits nowhere alone."""
    clock = timeline.clock
    if not has_room:
        need = slot.session.attendance or timeline.agenda.parts[slot.part].attendance or 0
        return "room", {"attendance": need}
    lo, hi = _bounds(timeline, slot)
    params: dict[str, Any] = {
        "minutes": minutes,
        "opens": clock.clock(lo * 60),
        "closes": clock.clock(hi * 60),
    }
    people = [s for s in dict.fromkeys(slot.session.speakers) if s in available]
    if not people:
        return "window", params
    params["people"] = ", ".join(f"`{p}`" for p in people)
    params["available"] = "; ".join(
        text for p in people for text in timeline.agenda.speakers[p].available
    )
    return "available", params


class _Built:
    """The CP-SAT model of the tasks: variables, constraints and the objective."""

    def __init__(self, model: Any, tasks: list[_Task]) -> None:
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
            name: _ranges(timeline.agenda, person.prefers, timeline)
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


def _was(task: _Task) -> tuple[int, int] | None:
    if task.published is None:
        return None
    return task.published[0], task.published[0] + task.length


def _explain(timeline: Timeline, tasks: list[_Task], time_limit: float) -> tuple[str, str]:
    """The sessions whose windows and availability conflict (an unsatisfiable core of
    the constraint that each stays in its allowed times, with the overlaps)."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    relaxed = []
    for t in tasks:
        values = t.values
        if t.fixed_start is None:
            lo, hi = _bounds(timeline, t.slot, _was(t))
            values = list(range(lo, hi - t.length + 1)) or values or [lo]
        relaxed.append(_Task(t.slot, t.length, t.rooms, values, t.fixed_start, None))
    built = _Built(model, relaxed)
    built.constraints(timeline)
    lits = []
    for i, task in enumerate(tasks):
        if task.fixed_start is not None or not task.values:
            continue
        lit = model.new_bool_var(f"keep {i}")
        model.add_linear_expression_in_domain(
            built.start[i], cp_model.Domain.from_values(task.values)
        ).only_enforce_if(lit)
        lits.append((lit, task))
    model.add_assumptions([lit for lit, _ in lits])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(1.0, time_limit / 4)
    solver.parameters.num_workers = 1
    if solver.solve(model) != cp_model.INFEASIBLE:
        return "shared", ""
    core = set(solver.sufficient_assumptions_for_infeasibility())
    kept = [(lit, task) for lit, task in lits if lit.index in core]
    if len(kept) <= _MINIMIZE:
        kept = _smallest(model, kept, time_limit)
    names = [f"`{task.slot.id}`" for _, task in kept]
    if not names:
        return "kept", ""
    more = f" (+{len(names) - 10})" if len(names) > 10 else ""
    return "core", ", ".join(names[:10]) + more


_MINIMIZE = 12  # cores up to this size are shrunk one session at a time


def _smallest(
    model: Any, core: list[tuple[Any, _Task]], time_limit: float
) -> list[tuple[Any, _Task]]:
    """A core without the sessions it does not need: drop each in turn, keep it out when
    the rest are still infeasible (a minimal core, when every check finishes)."""
    from ortools.sat.python import cp_model

    needed = list(core)
    for item in list(core):
        trial = [x for x in needed if x is not item]
        model.clear_assumptions()
        model.add_assumptions([lit for lit, _ in trial])
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.5, time_limit / 20)
        solver.parameters.num_workers = 1
        if solver.solve(model) == cp_model.INFEASIBLE:
            needed = trial
    return needed


def _separator(agenda: Agenda) -> str:
    """The range separator the file already uses (`~` in the seed), else `-`."""
    for text in (agenda.event.window, *(p.span for p in agenda.parts)):
        if text:
            found = _SEPARATOR.search(text)
            if found:
                return found.group()
    return "-"


def _solution(
    agenda: Agenda,
    timeline: Timeline,
    built: _Built,
    solver: Any,
    before: Mapping[str, tuple[int, str | None]],
    lang: str,
    status: str,
) -> Solution:
    clock = timeline.clock
    changes: list[Change] = []
    moved: list[str] = []
    placed: list[str] = []
    found: list[Diagnostic] = []
    targets: dict[int, tuple[int, int]] = {}
    for i, task in enumerate(built.tasks):
        if task.fixed_start is not None:
            continue
        slot = task.slot
        start = solver.value(built.start[i])
        room = next(r for r, lit in built.present[i].items() if solver.value(lit))
        day = _day(timeline, slot.part)
        a = clock.minute_of(start * 60, day)
        b = clock.minute_of((start + task.length) * 60, day)
        if _written(slot):
            # Through reflow's writer: the fields it uses, and its children moved along.
            targets[slot.order] = (start * 60, start * 60 + (length_of(slot, {}) or 0))
        else:
            neighbour = "minutes" if slot.session.minutes is not None else "title"
            text = range_text(f"00:00{_separator(agenda)}00:00", a, b)
            changes.append(
                Change((*slot.path, "time"), slot.id, None, text, (*slot.path, neighbour))
            )
        if room != slot.room and room is not None:
            old = slot.session.room
            after = None if old is not None else (*slot.path, "title")
            changes.append(Change((*slot.path, "room"), slot.id, old, room, after))
        where = _locate(agenda.source, slot.path)
        new_place = f"{clock.local(start * 60).strftime('%Y-%m-%d %H:%M')} {room or ''}".strip()
        if task.published is not None:
            pub_start, pub_room = task.published
            if (start, room) != (pub_start, pub_room):
                moved.append(slot.id)
                old_place = (
                    f"{clock.local(pub_start * 60).strftime('%Y-%m-%d %H:%M')} {pub_room or ''}"
                ).strip()
                found.append(
                    SOLVE_MOVED.at(
                        where,
                        lang=lang,
                        sessions=(slot.id,),
                        id=slot.id,
                        old=old_place,
                        new=new_place,
                    )
                )
        else:
            placed.append(slot.id)
            found.append(
                SOLVE_MOVED.at(
                    where, "placed", lang=lang, sessions=(slot.id,), id=slot.id, new=new_place
                )
            )
    changes = _changes(timeline, targets, {}, {}) + changes
    new = _copy_with(agenda, changes)
    return Solution(new, changes, moved, placed, found, status)
