"""Where everything of the SVG timeline goes: lanes, blocks, labels, ticks and arrows.

Time runs left to right to scale (real elapsed time, so a clock change shows as a
repeated or missing hour on the axis, not as a stretched session). One lane per room
(or per track, for sessions without a room); sessions that overlap in a lane are drawn
in rows of their own, and the stretch they share is marked. Titles go in label rows
under the lane, packed so that no two labels meet, each tied to its block by a line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from ..timespan import ZoneClock
from ._view import AgendaView, DayView, Row

__all__ = ["Arrow", "Block", "DayPanel", "Lane", "Tick", "layout", "text_width"]

FONT = 12  # px, labels
BAR = 22  # height of a block
BAR_GAP = 4
LABEL_ROW = 18
GAP = 8  # between labels in a row, around panels
LEFT_PAD = 12
TARGET = 1000  # px the time axis of a day aims for
MIN_SCALE, MAX_SCALE = 2.0, 8.0  # px per minute
LANE_LABEL_MAX = 260
AXIS = 34  # the day's title and the tick labels above the lanes
UNPLACED_ROW = 18


def text_width(text: str, size: float = FONT) -> float:
    """A generous estimate of the drawn width of ``text`` (no font is measured here: the
    browser test checks that labels laid out with it never meet)."""
    width = 0.0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        if unicodedata.east_asian_width(char) in "WF":
            width += 1.0
        elif char.isspace():
            width += 0.36
        elif char.isupper() or char in "mwMW@%&":
            width += 0.82
        else:
            width += 0.66
    return width * size


@dataclass(slots=True)
class Block:
    row: Row
    x: float
    y: float
    w: float
    label: str  # "15:00 title"
    label_x: float = 0.0
    label_y: float = 0.0
    label_w: float = 0.0


@dataclass(slots=True)
class Lane:
    key: str
    name: str
    y: float
    height: float
    bars: int
    blocks: list[Block] = field(default_factory=list)
    overlaps: list[tuple[float, float, float]] = field(default_factory=list)  # x, w, y

    def bar_y(self, index: int) -> float:
        return self.y + GAP / 2 + index * (BAR + BAR_GAP)


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    major: bool


@dataclass(frozen=True, slots=True)
class Arrow:
    src: str
    dst: str
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(slots=True)
class DayPanel:
    day: DayView
    y: float
    height: float
    left: float  # x of the time axis' start
    right: float
    lanes: list[Lane]
    ticks: list[Tick]
    arrows: list[Arrow]


@dataclass(slots=True)
class Layout:
    width: float
    height: float
    panels: list[DayPanel]
    unplaced: list[Row]  # sessions without resolved times


def layout(view: AgendaView) -> Layout:
    panels: list[DayPanel] = []
    unplaced: list[Row] = []
    y: float = GAP
    width = 320.0
    for day in view.days:
        rows = [r for p in day.parts for r in p.rows]
        placed = [r for r in rows if r.start is not None and r.end is not None]
        unplaced.extend(r for r in rows if r.start is None or r.end is None)
        if not placed:
            continue
        panel = _panel(view, day, placed, y)
        panels.append(panel)
        y += panel.height + GAP * 2
        # Room for the last hour's label right of the axis.
        width = max(width, panel.right + 40, *(_right(lane) for lane in panel.lanes))
    if unplaced:
        # Listed under the drawing: a session without a time has no place on the axis.
        y += UNPLACED_ROW * (len(unplaced) + 1)
        width = max(width, *(LEFT_PAD + text_width(_unplaced_text(r)) for r in unplaced))
    return Layout(width + GAP * 2, y, panels, unplaced)


def _unplaced_text(row: Row) -> str:
    return row.title + "".join(f" ⚠ {mark.rule}" for mark in row.badges)


def _right(lane: Lane) -> float:
    return max((b.label_x + b.label_w for b in lane.blocks), default=0.0)


def _lane_key(row: Row) -> str:
    return f"room:{row.room}" if row.room is not None else f"track:{row.track}"


def _panel(view: AgendaView, day: DayView, rows: list[Row], top: float) -> DayPanel:
    clock = view.timeline.clock
    first = min(r.start for r in rows if r.start is not None)
    last = max(r.end for r in rows if r.end is not None)
    t0 = _local_hour(first, clock, down=True)
    t1 = max(_local_hour(last, clock, down=False), t0 + 3600)
    scale = min(MAX_SCALE, max(MIN_SCALE, TARGET / ((t1 - t0) / 60)))
    lanes_rows: dict[str, list[Row]] = {}
    names: dict[str, str] = {}
    for row in rows:
        key = _lane_key(row)
        lanes_rows.setdefault(key, []).append(row)
        names.setdefault(key, row.room_label or row.room or row.track)
    label_w = min(LANE_LABEL_MAX, max(text_width(n, FONT + 1) for n in names.values()) + GAP)
    left = LEFT_PAD + label_w + GAP

    def x_of(instant: int) -> float:
        return left + (instant - t0) / 60 * scale

    right = x_of(t1)
    lanes: list[Lane] = []
    y = top + AXIS
    for key, lane_rows in lanes_rows.items():
        lane = _lane(key, names[key], lane_rows, y, x_of, clock)
        lanes.append(lane)
        y += lane.height
    ticks = _ticks(t0, t1, x_of, clock, scale)
    arrows = _arrows(rows, {lane.key: lane for lane in lanes}, x_of)
    return DayPanel(day, top, y - top, left, right, lanes, ticks, arrows)


def _local_hour(instant: int, clock: ZoneClock, *, down: bool) -> int:
    """The local full hour at or before (``down``) or at or after ``instant``. Every
    zone's offset is a multiple of 15 minutes, so full hours fall on those UTC steps."""
    step = 900
    t = instant - instant % step
    if not down and t < instant:
        t += step
    for _ in range(4 * 26):  # at most a day of steps, whatever the clocks do
        local = clock.local(t)
        if local.minute == 0:
            return t
        t += -step if down else step
    return t  # pragma: no cover - a zone off the quarter hours


def _ticks(
    t0: int, t1: int, x_of: Callable[[int], float], clock: ZoneClock, scale: float
) -> list[Tick]:
    ticks: list[Tick] = []
    offset = None
    for t in range(t0, t1 + 1, 900):
        local = clock.local(t)
        if local.minute == 0:
            text = f"{local.hour:02d}:00"
            if offset is not None and local.utcoffset() != offset:
                # The clocks changed: say which 02:00 this is.
                text += " " + local.strftime("%z")[:3] + ":" + local.strftime("%z")[3:]
            offset = local.utcoffset()
            ticks.append(Tick(x_of(t), text, True))
        elif local.minute == 30 and scale >= 3:
            ticks.append(Tick(x_of(t), "", False))
    return ticks


def _lane(
    key: str,
    name: str,
    rows: list[Row],
    top: float,
    x_of: Callable[[int], float],
    clock: ZoneClock,
) -> Lane:
    rows = sorted(rows, key=lambda r: (r.start, r.end))
    bar_of: list[int] = []
    bar_ends: list[int] = []
    for row in rows:
        assert row.start is not None and row.end is not None
        for index, end in enumerate(bar_ends):
            if end <= row.start:
                bar_ends[index] = row.end
                bar_of.append(index)
                break
        else:
            bar_of.append(len(bar_ends))
            bar_ends.append(row.end)
    lane = Lane(key, name, top, 0.0, len(bar_ends))
    label_top = lane.bar_y(len(bar_ends))
    row_ends: list[float] = []
    for row, bar in zip(rows, bar_of, strict=True):
        assert row.start is not None and row.end is not None
        x = x_of(row.start)
        w = max(x_of(row.end) - x, 1.5)
        block = Block(row, x, lane.bar_y(bar), w, clock.clock(row.start))
        block.label_w = text_width(label_text(block))
        for index, right in enumerate(row_ends):
            if right + GAP <= x:
                row_ends[index] = x + block.label_w
                place = index
                break
        else:
            place = len(row_ends)
            row_ends.append(x + block.label_w)
        block.label_x = x
        block.label_y = label_top + (place + 1) * LABEL_ROW - 4
        lane.blocks.append(block)
    lane.height = label_top - top + len(row_ends) * LABEL_ROW + GAP
    lane.overlaps = _overlaps(lane, rows, x_of)
    return lane


def label_text(block: Block) -> str:
    """The label as drawn: time, title, room change, the rules of its findings."""
    row = block.row
    text = f"{block.label} {row.item}"
    for mark in row.badges:
        text += f" ⚠ {mark.rule}"
    return text


def _overlaps(
    lane: Lane, rows: list[Row], x_of: Callable[[int], float]
) -> list[tuple[float, float, float]]:
    """The stretches where two sessions of the lane run at once (a session and the
    sessions inside it are not an overlap)."""
    parents = {r.id: r.parent for r in rows}

    def related(a: Row, b: Row) -> bool:
        for one, other in ((a, b), (b, a)):
            seen: set[str] = set()
            up = one.parent
            while up is not None and up not in seen:
                if up == other.id:
                    return True
                seen.add(up)
                up = parents.get(up)
        return False

    zones: dict[tuple[int, int], None] = {}
    for i, a in enumerate(rows):
        assert a.start is not None and a.end is not None
        for b in rows[i + 1 :]:
            assert b.start is not None and b.end is not None
            if b.start >= a.end:
                break
            if not related(a, b):
                zones[(max(a.start, b.start), min(a.end, b.end))] = None
    top = lane.bar_y(0) - 2
    return [(x_of(s), x_of(e) - x_of(s), top) for s, e in zones if e > s]


def _arrows(rows: list[Row], lanes: dict[str, Lane], x_of: Callable[[int], float]) -> list[Arrow]:
    """Room changes: where a track's next session is in another room, and where a
    transfer leads."""
    by_track: dict[str, list[Row]] = {}
    for row in rows:
        if row.depth == 0:
            by_track.setdefault(row.track, []).append(row)
    found: dict[tuple[str, str, int, int], None] = {}
    for track_rows in by_track.values():
        track_rows.sort(key=lambda r: (r.start, r.end))
        for prev, cur in zip(track_rows, [*track_rows[1:], None], strict=True):
            assert prev.end is not None
            if cur is not None and cur.room and prev.room and cur.room != prev.room:
                assert cur.start is not None
                found[(_lane_key(prev), _lane_key(cur), prev.end, cur.start)] = None
            elif prev.to and prev.to != prev.room and (cur is None or cur.room != prev.to):
                found[(_lane_key(prev), f"room:{prev.to}", prev.end, prev.end)] = None
    arrows = []
    for src, dst, leave, arrive in found:
        if src not in lanes or dst not in lanes:
            continue
        a, b = lanes[src], lanes[dst]
        y1 = a.bar_y(0) + (BAR if b.y > a.y else 0)
        y2 = b.bar_y(0) + (0 if b.y > a.y else BAR)
        arrows.append(
            Arrow(src.partition(":")[2], dst.partition(":")[2], x_of(leave), y1, x_of(arrive), y2)
        )
    return arrows
