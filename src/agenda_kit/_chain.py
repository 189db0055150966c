"""Resolving a list of consecutive sessions (a part, or the children of a session) to
instants: the timeline's chain, which derives the times an agenda leaves out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._slots import DAY, Path, Problem, Slot
from .model import Session
from .timespan import format_minutes, parse_clock, parse_range

if TYPE_CHECKING:
    from .timeline import Timeline

__all__ = ["SEPARATOR", "Chain", "unresolved"]

SEPARATOR = re.compile("[\\-~\u2013\u2014\u301c\uff5e]")


class Chain:
    """Resolves a list of consecutive sessions (a part, or the children of a session)."""

    def __init__(
        self, timeline: Timeline, part: int, day: int, track: str, room: str | None
    ) -> None:
        self.timeline = timeline
        self.part = part
        self.day = day
        self.track = track
        self.room = room
        self.guard = False  # crossing midnight is a typo here (see night_guard)
        # With a night window of the part's own (11:30-02:15), a time from midnight to
        # the window's end (00:15), before it opens, is after midnight: (end, opens).
        self.late: tuple[int, int] | None = None

    def _after_midnight(self, day: int, minute: int) -> int:
        late = self.late
        if late is not None and day == self.day and minute <= late[0] and minute < late[1]:
            return minute + DAY
        return minute

    def resolve(
        self,
        sessions: Sequence[Session],
        base: Path,
        prefix: str,
        opens: int | None,
        close: int | None,
        carry: Slot | None = None,
        *,
        keep_pending: bool = False,
        parent: Slot | None = None,
    ) -> tuple[int | None, Slot | None]:
        """Resolve ``sessions`` in order.

        ``carry`` is a session of an earlier part still waiting for its end. Returns the
        end of the last session, and the last session when it still waits for its end
        and ``keep_pending`` lets it wait for a later part.
        """
        timeline = self.timeline
        clock = timeline.clock
        to_utc = clock.to_utc
        problems = timeline.problems
        base_day = clock.day_of(opens) if opens is not None else self.day
        next_midnight = to_utc(base_day, DAY)
        prev_end = opens
        pending: Slot | None = carry
        last_end: int | None = None
        # Hoisted out of the loop: this runs once per session of the agenda.
        slots = timeline.slots
        add = slots.append
        order = len(slots)
        part, track, day = self.part, self.track, self.day
        default_room = parent.room if parent is not None else self.room
        gaps = self.timeline.gaps
        for index, session in enumerate(sessions):
            ident = session.id
            minutes = session.minutes
            if (
                minutes is not None
                and prev_end is not None
                and pending is None
                and session.time is None
                and session.start is None
                and session.end is None
                and not session.children
            ):
                # Most sessions: it starts when the one before ends and lasts its minutes.
                ends = prev_end + minutes * 60
                add(
                    Slot(
                        order,
                        part,
                        (*base, index),
                        session,
                        ident or f"{prefix}-{index + 1}",
                        ident is not None,
                        track,
                        day,
                        session.room or default_room,
                        parent,
                        prev_end,
                        ends,
                    )
                )
                order += 1
                prev_end = last_end = ends
                if ends >= next_midnight:
                    base_day = clock.day_of(ends)
                    next_midnight = to_utc(base_day, DAY)
                continue
            path = (*base, index)
            slot = Slot(
                order,
                part,
                path,
                session,
                ident or f"{prefix}-{index + 1}",
                ident is not None,
                track,
                day,
                session.room or default_room,
                parent,
            )
            add(slot)
            order += 1
            start: int | None = None
            end: int | None = None
            if session.time is not None:
                a, read = parse_range(session.time)
                if self.late is not None and (shifted := self._after_midnight(base_day, a)) != a:
                    a, read = shifted, read + DAY
                b = read if read >= a else self._crossing(slot, "time", a, read)
                start = to_utc(base_day, a)
                end = to_utc(base_day, b) if b is not None else None
                if gaps is not None:
                    gaps.check(slot, "time", base_day, a, b)
                if session.start is not None or session.end is not None:
                    other = "start" if session.start else "end"
                    params = {"id": slot.id, "time": session.time, "other": other}
                    problems.append(
                        Problem(
                            "conflicting-time", (*path, other), "conflicting-time", params, slot.id
                        )
                    )
            else:
                if session.start is not None:
                    a = self._after_midnight(base_day, parse_clock(session.start))
                    start = to_utc(base_day, a)
                    if gaps is not None:
                        gaps.check(slot, "start", base_day, a, None)
                    if session.end is not None:
                        read = parse_clock(session.end)
                        b = read if read >= a else self._crossing(slot, "end", a, read)
                        end = to_utc(base_day, b) if b is not None else None
                        if gaps is not None:
                            gaps.check(slot, "end", base_day, None, b)
                elif session.end is not None:
                    b = self._after_midnight(base_day, parse_clock(session.end))
                    end = to_utc(base_day, b)
                    if gaps is not None:
                        gaps.check(slot, "end", base_day, None, b)
                    if minutes is not None:
                        start = end - minutes * 60
            if start is None:
                start = prev_end
            if end is None and start is not None and minutes is not None:
                end = start + minutes * 60
            if pending is not None:
                if start is not None:
                    pending.end = start
                    last_end = start
                else:
                    problems.append(unresolved(pending, "end"))
                pending = None
            if start is None:
                problems.append(unresolved(slot, "start"))
            elif end is None:
                pending = slot
            slot.start, slot.end = start, end
            if session.children:
                child_prefix = slot.id
                child_close = end
                if end is None:
                    child_close = None
                children = (*path, "children")
                self.resolve(
                    session.children, children, child_prefix, start, child_close, parent=slot
                )
                order = len(slots)
            prev_end = end
            if end is not None:
                last_end = end
                if end >= next_midnight:
                    base_day = clock.day_of(end)
                    next_midnight = to_utc(base_day, DAY)
        if pending is not None:
            if close is not None and pending.start is not None and close > pending.start:
                pending.end = close
                last_end = close
            elif keep_pending:
                return last_end, pending
            else:
                problems.append(unresolved(pending, "end"))
        return last_end, None

    def _crossing(self, slot: Slot, field_name: str, a: int, b: int) -> int | None:
        """The end of a range whose end is before its start. It ends the next day, except
        where a window or span says the part does not run past midnight: then it is a
        typo, reported here, and read as ending 12 hours later when that ends it after
        its start on the same day (`14:45~3:05` for 15:05); else its end is left open,
        for the next session's start to give, as if it had none."""
        if not self.guard:
            return b + DAY
        slot.crossed = True
        intended = b + DAY // 2 if b < DAY // 2 and a < b + DAY // 2 else None
        written = getattr(slot.session, field_name)
        params: dict[str, Any] = {
            "id": slot.id,
            "start": format_minutes(a),
            "end": format_minutes(b),
            "field": field_name,
        }
        variant = "crosses-midnight.unknown"
        if intended is not None:
            variant = "crosses-midnight"
            params["intended"] = format_minutes(intended)
            if field_name == "time":
                found = SEPARATOR.search(written)
                separator = found.group() if found else "-"
                params["suggest"] = f"{format_minutes(a)}{separator}{format_minutes(intended)}"
            else:
                params["suggest"] = format_minutes(intended)
        self.timeline.problems.append(
            Problem("crosses-midnight", (*slot.path, field_name), variant, params, slot.id)
        )
        return intended


def unresolved(slot: Slot, which: str) -> Problem:
    return Problem(
        "unresolved-time", slot.path, f"unresolved-time.{which}", {"id": slot.id}, slot.id
    )
