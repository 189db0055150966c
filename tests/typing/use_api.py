"""Uses the public API as a user would; mypy --strict checks it (it is not a test)."""

from __future__ import annotations

from datetime import datetime

import agenda_kit
from agenda_kit import Agenda, Diagnostic, Report, ScheduledSession, Severity


def first_error(path: str) -> Diagnostic | None:
    agenda: Agenda = agenda_kit.load(path)
    report: Report = agenda_kit.check(agenda)
    errors = [d for d in report.diagnostics if d.severity is Severity.ERROR]
    return errors[0] if errors else None


def calendar(text: str) -> bytes:
    agenda = agenda_kit.loads(text, format="yaml", name="inline.yaml")
    return agenda_kit.to_ical(agenda)


def starts(agenda: Agenda) -> list[datetime]:
    sessions: list[ScheduledSession] = agenda_kit.sessions(agenda)
    return [s.start for s in sessions]
