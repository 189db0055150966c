"""``publish``: bring a CalDAV calendar in line with the agenda, one object per session.

What the calendar holds is read first (every object, with its ETag); the changes are
decided from that (``objects.changes``) and made one by one, each guarded by the ETag
the server gave, so that a run never overwrites what someone changed in between. An
object that fails is reported and the others are still made; when the server stops
answering the run stops, and the next run finds what is done and does the rest.
Nothing is sent for an object whose meaning is unchanged, so a second run with no
change to the agenda makes no request that changes the server.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from ..diagnostics import Diagnostic, Location
from ..findings import CALDAV_BAD_OBJECT, CALDAV_FOREIGN_OBJECT, Kind
from ..ical.state import later_stamp
from ..model import Agenda
from .dav import Dav, ServerProblem
from .objects import (
    Change,
    Remote,
    changes,
    describe,
    local_objects,
    object_name,
    render,
)

__all__ = ["Outcome", "publish"]


@dataclass(slots=True)
class Outcome:
    """What a run did (or, dry, would do)."""

    calendar: str
    changes: list[Change] = field(default_factory=list)
    done: list[Change] = field(default_factory=list)
    failed: list[Change] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    stopped: bool = False

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)


def _at(kind: Kind, where: str, variant: str = "", **params: Any) -> Diagnostic:
    return kind.at(Location(where, 1, 1, ""), variant, **params)


def problem_finding(problem: ServerProblem, where: str) -> Diagnostic:
    return _at(problem.kind, where, problem.variant, **problem.params)


def publish(
    agenda: Agenda,
    dav: Dav,
    calendar: str,
    *,
    stamp: str,
    dry_run: bool,
    said: Callable[[Change], None] = lambda change: None,
) -> Outcome:
    """Publish ``agenda`` to the calendar at ``calendar``. Raises ``ServerProblem`` when
    the calendar cannot be read at all; ``said`` is told of every change as it is made
    (or, dry, planned)."""
    outcome = Outcome(calendar)
    remotes: list[Remote] = []
    for listed in dav.objects(calendar):
        try:
            facts = describe(listed.data)
        except Exception as exc:  # anything icalendar raises on a broken object
            detail = dav.clean(str(exc))[:200] or type(exc).__name__
            outcome.findings.append(
                _at(CALDAV_BAD_OBJECT, calendar, href=listed.href, detail=detail)
            )
            continue
        if facts:  # an object with overrides of a recurrence is one UID: its first VEVENT
            remotes.append(Remote(listed.href, listed.etag, facts[0]))
    locals_ = local_objects(agenda)
    planned, blocked = changes(agenda.event.id, locals_, remotes)
    for remote in blocked:
        outcome.findings.append(
            _at(CALDAV_FOREIGN_OBJECT, calendar, uid=remote.facts.uid, href=remote.href)
        )
    outcome.changes = planned
    for change in planned:
        if change.action == "unchanged":
            continue
        if dry_run:
            said(change)
            continue
        try:
            _make(dav, calendar, change, stamp)
        except ServerProblem as problem:
            outcome.failed.append(change)
            outcome.findings.append(problem_finding(problem, calendar))
            if problem.fatal:
                outcome.stopped = True
                break
            continue
        outcome.done.append(change)
        said(change)
    return outcome


def _make(dav: Dav, calendar: str, change: Change, stamp: str) -> None:
    what = f"{change.action.upper()} {change.uid}"
    if change.action == "delete":
        assert change.href is not None
        dav.delete(change.href, change.etag, f"DELETE {change.uid}")
        return
    assert change.local is not None
    if change.previous is not None:
        stamp = later_stamp(stamp, change.previous.dtstamp)
    data = render(change.local, change.sequence, stamp)
    if change.action == "create":
        dav.put(urljoin(calendar, object_name(change.uid)), data, None, f"PUT {change.uid}")
    else:
        assert change.href is not None
        dav.put(change.href, data, change.etag, what.replace("UPDATE", "PUT"))
