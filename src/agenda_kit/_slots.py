"""What the timeline is made of: a ``Slot`` per session with its resolved instants, and
a ``Problem`` for what could not be resolved (``agenda_kit.timeline`` gives both)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Session

__all__ = ["DAY", "Path", "Problem", "Slot"]

DAY = 1440  # minutes

Path = tuple[str | int, ...]


@dataclass(slots=True, eq=False, init=False)
class Slot:
    """One session with its resolved instants (UTC seconds, half-open)."""

    order: int  # position in the document, over all parts and children
    part: int
    path: Path
    session: Session
    id: str
    explicit_id: bool
    track: str
    day: int  # proleptic ordinal of the part's date
    room: str | None
    parent: Slot | None
    start: int | None
    end: int | None
    # A written time falls in the skipped hour of a spring-forward night: its instant
    # is moved, so its length is not what was written (reported as nonexistent-time).
    skipped: bool
    # A range that crosses midnight outside a night window, read as its likely intended
    # time (reported as crosses-midnight) so that later sessions do not cascade.
    crossed: bool

    # Written out: one is made per session, and this is about a fifth faster than the
    # generated one (no defaults to pass for the two flags).
    def __init__(
        self,
        order: int,
        part: int,
        path: Path,
        session: Session,
        id: str,
        explicit_id: bool,
        track: str,
        day: int,
        room: str | None,
        parent: Slot | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> None:
        self.order = order
        self.part = part
        self.path = path
        self.session = session
        self.id = id
        self.explicit_id = explicit_id
        self.track = track
        self.day = day
        self.room = room
        self.parent = parent
        self.start = start
        self.end = end
        self.skipped = False
        self.crossed = False

    @property
    def time_path(self) -> Path:
        """The field that gives the session's start, for locations."""
        s = self.session
        field_name = "time" if s.time else "start" if s.start else "end" if s.end else None
        return (*self.path, field_name) if field_name else self.path

    @property
    def end_path(self) -> Path:
        s = self.session
        field_name = (
            "time" if s.time else "end" if s.end else "minutes" if s.minutes is not None else None
        )
        return (*self.path, field_name) if field_name else self.time_path

    def within(self, other: Slot) -> bool:
        """Whether this slot is ``other`` or lies inside it (as a child, at any depth)."""
        slot: Slot | None = self
        while slot is not None:
            if slot is other:
                return True
            slot = slot.parent
        return False


@dataclass(slots=True)
class Problem:
    """Something the timeline could not resolve, reported by the checker."""

    rule: str
    path: Path
    message: str
    params: dict[str, Any]
    session: str
