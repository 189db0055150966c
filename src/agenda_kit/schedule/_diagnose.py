"""Why a solve finds nothing: a session that fits nowhere by itself, else the sessions
whose allowed times conflict (an unsatisfiable core of the solver, made minimal when
small)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..timeline import Slot, Timeline
from ._model import Built, Task, bounds

__all__ = ["explain", "why_nowhere"]


def why_nowhere(
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
    lo, hi = bounds(timeline, slot)
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


def _was(task: Task) -> tuple[int, int] | None:
    if task.published is None:
        return None
    return task.published[0], task.published[0] + task.length


def explain(timeline: Timeline, tasks: list[Task], time_limit: float) -> tuple[str, str]:
    """The sessions whose windows and availability conflict (an unsatisfiable core of
    the constraint that each stays in its allowed times, with the overlaps)."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    relaxed = []
    for t in tasks:
        values = t.values
        if t.fixed_start is None:
            lo, hi = bounds(timeline, t.slot, _was(t))
            values = list(range(lo, hi - t.length + 1)) or values or [lo]
        relaxed.append(Task(t.slot, t.length, t.rooms, values, t.fixed_start, None))
    built = Built(model, relaxed)
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
    model: Any, core: list[tuple[Any, Task]], time_limit: float
) -> list[tuple[Any, Task]]:
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
