"""Fit: the smallest change of lengths that makes each track fill its window.

After reflow, each track and day is cut at its anchors (`fixed` sessions, part spans
that start at a set time) into segments; each must end where the next anchor starts
(or the window closes). A segment that runs over is shortened, one that leaves free
time it should fill is lengthened, only through sessions that allow it (their `flex`,
else the settings' `flex` for their kind), never a `fixed` one: lower `priority`
first, in proportion to how far each may change. The result is a plan (new lengths
by session id) that ``reflow(agenda, minutes=plan.minutes)`` applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..diagnostics import Diagnostic, Severity
from ..findings import Duration
from ..findings.schedule import FIT_CHANGE, FIT_INFEASIBLE, FIT_OVERRUN, FIT_UNDERFILL
from ..model import Agenda, CheckSettings, Flex
from ..timeline import Slot, Timeline, build_timeline
from .reflow import Placement, _locate, chains, length_of, place

__all__ = ["FitPlan", "Strategy", "fit"]

Strategy = Literal["priority", "proportional"]


@dataclass(slots=True)
class FitPlan:
    """New lengths (minutes, by session id) and what fitting found: overruns and free
    time (warnings), each proposed change (info), and what cannot fit (errors)."""

    minutes: dict[str, int] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def fits(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


@dataclass(slots=True)
class _Item:
    slot: Slot
    length: int  # minutes
    low: int
    high: int
    priority: int


def flex_bounds(agenda: Agenda, settings: CheckSettings | None = None) -> dict[str, Flex]:
    """``flex`` per session kind: the settings file's, then the agenda's own."""
    out: dict[str, Flex] = {}
    for layer in (settings, agenda.x_agenda_kit):
        if layer is not None:
            out.update({str(k): v for k, v in layer.flex.items()})
    return out


def fit(
    agenda: Agenda,
    *,
    settings: CheckSettings | None = None,
    strategy: Strategy = "priority",
    lang: str = "en",
) -> FitPlan:
    """The plan that fits every track of ``agenda`` into its window (see the module)."""
    timeline = build_timeline(agenda)
    kinds = flex_bounds(agenda, settings)
    plan = FitPlan()
    ignored: list[Diagnostic] = []  # reflow's own findings are reflow's to report
    placement = place(timeline, {}, ignored, lang)
    times = placement.times
    for (track, day), parts in chains(timeline).items():
        slots = [
            s for s in timeline.slots if s.parent is None and s.part in parts and s.order in times
        ]
        if not slots:
            continue
        for segment, limit, tight, anchor in _segments(timeline, slots, parts, placement, day):
            _fit_segment(
                timeline,
                plan,
                segment,
                limit,
                tight,
                anchor,
                times,
                kinds,
                strategy,
                lang,
                (track, day),
            )
    return plan


def _segments(
    timeline: Timeline,
    slots: list[Slot],
    parts: list[int],
    placement: Placement,
    day: int,
) -> list[tuple[list[Slot], int | None, bool, Slot | None]]:
    """Runs of sessions between anchors: each with the instant it must end by, whether
    it must end exactly there, and the anchor that ends it (None: the window)."""
    flows = timeline.flows
    own = next((p for p in parts if flows[p].window is not None), None)
    window = timeline.part_window(own if own is not None else parts[0], day)
    fills = all(flows[p].fills_window for p in parts)
    out: list[tuple[list[Slot], int | None, bool, Slot | None]] = []
    current: list[Slot] = []
    for slot in slots:
        start = placement.times[slot.order][0]
        if current and slot.order in placement.anchors:
            contiguous = flows[slot.part].contiguous
            out.append((current, start, contiguous and slot.session.fixed, slot))
            current = []
        current.append(slot)
    if current:
        last = current[-1]
        limit = window[1] if window is not None else None
        tight = fills and flows[last.part].contiguous and limit is not None
        out.append((current, limit, tight, None))
    return out


def _flex_of(slot: Slot, kinds: Mapping[str, Flex]) -> Flex | None:
    if slot.session.fixed:
        return None
    return slot.session.flex or kinds.get(slot.session.kind)


def _fit_segment(
    timeline: Timeline,
    plan: FitPlan,
    segment: list[Slot],
    limit: int | None,
    tight: bool,
    anchor: Slot | None,
    times: Mapping[int, tuple[int, int]],
    kinds: Mapping[str, Flex],
    strategy: Strategy,
    lang: str,
    group: tuple[str, int],
) -> None:
    if limit is None:
        return
    clock = timeline.clock
    source = timeline.agenda.source
    begin = times[segment[0].order][0]
    end = times[segment[-1].order][1]
    delta = limit - end  # seconds: negative runs over, positive leaves free time
    if delta == 0 or (delta > 0 and not tight):
        return
    last = segment[-1]
    track, day = group
    where: dict[str, Any] = dict(
        track=track,
        date=dt.date.fromordinal(day).isoformat(),
        end=clock.clock(end),
        closes=clock.clock(limit),
        delta=Duration(abs(delta)),
        id=anchor.id if anchor is not None else last.id,
    )
    variant = "window" if anchor is None else "fixed"
    kind = FIT_OVERRUN if delta < 0 else FIT_UNDERFILL
    plan.diagnostics.append(kind.at(_locate(source, last.end_path), variant, lang=lang, **where))
    items = []
    for slot in segment:
        length = length_of(slot, {})
        assert length is not None  # placed by reflow
        minutes = -(-length // 60)
        flex = _flex_of(slot, kinds)
        low = high = minutes
        if flex is not None and slot.explicit_id:
            low = min(minutes, flex.min) if flex.min is not None else minutes
            high = max(minutes, flex.max) if flex.max is not None else minutes
        items.append(_Item(slot, minutes, low, high, flex.priority if flex else 0))
    need = -(-abs(delta) // 60)  # whole minutes, rounded up
    shrink = delta < 0
    room = sum((i.length - i.low) if shrink else (i.high - i.length) for i in items)
    if room < need:
        used = end - begin
        rigid = sum(i.length for i in items if i.low == i.high == i.length) * 60
        rigid += used - sum(i.length for i in items) * 60  # free time between them
        have = limit - begin
        if shrink and (rigid > have or room == 0):
            variant, need_s = "rigid", rigid
        elif shrink:
            variant, need_s = "short", used - room * 60
        else:
            variant, need_s = "long", used + room * 60
        plan.diagnostics.append(
            FIT_INFEASIBLE.at(
                _locate(source, last.end_path),
                variant,
                lang=lang,
                track=track,
                date=where["date"],
                need=Duration(need_s),
                have=Duration(have),
                opens=clock.clock(begin),
                closes=clock.clock(limit),
                delta=Duration(abs(have - need_s)),
            )
        )
        return
    for item, new in _distribute(items, need, shrink, strategy):
        plan.minutes[item.slot.id] = new
        path = (
            (*item.slot.path, "minutes")
            if item.slot.session.minutes is not None
            else (item.slot.time_path)
        )
        plan.diagnostics.append(
            FIT_CHANGE.at(
                _locate(source, path), lang=lang, id=item.slot.id, old=item.length, new=new
            )
        )


def _distribute(
    items: list[_Item], need: int, shrink: bool, strategy: Strategy
) -> list[tuple[_Item, int]]:
    """Take (or give) ``need`` minutes: the lowest priority first, in proportion to how
    far each may change; whole minutes by largest remainder, ties in document order."""

    def room(item: _Item) -> int:
        return item.length - item.low if shrink else item.high - item.length

    levels: dict[int, list[_Item]] = {}
    for item in items:
        if room(item) > 0:
            key = item.priority if strategy == "priority" else 0
            levels.setdefault(key, []).append(item)
    out: list[tuple[_Item, int]] = []
    left = need
    for key in sorted(levels):
        if left == 0:
            break
        level = levels[key]
        total = sum(room(i) for i in level)
        take = min(left, total)
        shares = [take * room(i) / total for i in level]
        whole = [int(s) for s in shares]
        order = sorted(range(len(level)), key=lambda k: (-(shares[k] - whole[k]), k))
        for k in order[: take - sum(whole)]:
            whole[k] += 1
        for item, amount in zip(level, whole, strict=True):
            if amount:
                out.append((item, item.length - amount if shrink else item.length + amount))
        left -= take
    out.sort(key=lambda pair: pair[0].slot.order)
    return out
