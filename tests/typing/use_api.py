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


def strict_check(path: str) -> Report:
    # The settings, limits and feed options come from the front door, as docs/api.md says.
    settings = agenda_kit.CheckSettings(fail_on="warning", lang="ko")
    agenda = agenda_kit.load(path, limits=agenda_kit.Limits(max_sessions=10_000))
    return agenda_kit.check(agenda, settings=settings)


def per_part(agenda: Agenda) -> bytes:
    options: agenda_kit.FeedOptions = agenda_kit.FeedOptions(per="part")
    return agenda_kit.to_ical(agenda, options=options)


def rule_names() -> list[str]:
    rules: agenda_kit.Rule = agenda_kit.RULES["gap"]
    return [rules.name, *agenda_kit.RULES]
