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

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._chain import SEPARATOR
from ..diagnostics import Diagnostic, Severity
from ..findings.schedule import SOLVE_INFEASIBLE, SOLVE_MOVED, SOLVE_TIMEOUT
from ..model import Agenda
from ..timeline import Slot, Timeline, build_timeline
from ._diagnose import explain, why_nowhere
from ._model import DEFAULT_HOURS, Built, Task, ranges, starts
from .reflow import Change, _changes, _copy_with, _day, _locate, length_of, range_text

__all__ = ["DEFAULT_HOURS", "Solution", "SolverMissing", "solve"]


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
    built = Built(model, tasks)
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
            variant, ids = explain(timeline, tasks, time_limit)
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
) -> tuple[list[Task], list[Diagnostic]]:
    agenda = timeline.agenda
    venue_rooms = dict(agenda.venue.rooms) if agenda.venue is not None else {}
    available = {
        name: ranges(agenda, person.available, timeline)
        for name, person in agenda.speakers.items()
        if person.available
    }
    tasks: list[Task] = []
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
            task = Task(slot, minutes, [slot.room], [slot.start // 60], slot.start // 60)
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
        values = starts(timeline, slot, minutes, step, available, was)
        task = Task(slot, minutes, candidates, values, None, published)
        if not values or not candidates:
            where = _locate(agenda.source, slot.path)
            variant, params = why_nowhere(timeline, slot, minutes, available, bool(candidates))
            found.append(SOLVE_INFEASIBLE.at(where, variant, lang=lang, id=slot.id, **params))
        tasks.append(task)
    return tasks, found


def _separator(agenda: Agenda) -> str:
    """The range separator the file already uses (`~` in the seed), else `-`."""
    for text in (agenda.event.window, *(p.span for p in agenda.parts)):
        if text:
            found = SEPARATOR.search(text)
            if found:
                return found.group()
    return "-"


def _solution(
    agenda: Agenda,
    timeline: Timeline,
    built: Built,
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
    if any(task.published is not None for task in built.tasks):
        _moved_along(agenda, timeline, new, moved, found, lang)
    return Solution(new, changes, moved, placed, found, status)


def _moved_along(
    agenda: Agenda,
    before: Timeline,
    new: Agenda,
    moved: list[str],
    found: list[Diagnostic],
    lang: str,
) -> None:
    """Sessions inside a moved session move with it: each is a change of the re-plan
    (its attendees get an update too), reported like the session that holds it."""
    clock = before.clock
    after = {slot.order: slot for slot in build_timeline(new).slots}
    for slot in before.slots:
        if slot.parent is None or slot.start is None or slot.id in moved:
            continue
        now = after.get(slot.order)
        if now is None or now.start is None or (now.start, now.room) == (slot.start, slot.room):
            continue
        moved.append(slot.id)
        old_place = f"{clock.local(slot.start).strftime('%Y-%m-%d %H:%M')} {slot.room or ''}"
        new_place = f"{clock.local(now.start).strftime('%Y-%m-%d %H:%M')} {now.room or ''}"
        found.append(
            SOLVE_MOVED.at(
                _locate(agenda.source, slot.path),
                lang=lang,
                sessions=(slot.id,),
                id=slot.id,
                old=old_place.strip(),
                new=new_place.strip(),
            )
        )
