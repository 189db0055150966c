"""Uses the invitation and feed API as a user would; mypy --strict checks it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import agenda_kit
from agenda_kit.ical import (
    STATE_FILE,
    Baseline,
    FeedOptions,
    Invitations,
    Plan,
    Recipient,
    load_baseline,
    parse_duration,
    plan_invitations,
    read_attendees,
    to_ical,
    write_plan,
)


def personal_feed(path: str, speaker: str) -> bytes:
    agenda = agenda_kit.load(path)
    options = FeedOptions(per="session", speakers=(speaker,), reminders=(parse_duration("15m"),))
    return to_ical(agenda, options=options)


def invite_everyone(path: str, folder: Path, attendees_csv: Path | None) -> list[Path]:
    agenda = agenda_kit.load(path)
    people: tuple[Recipient, ...] = tuple(read_attendees(attendees_csv)) if attendees_csv else ()
    state = folder / STATE_FILE
    baseline: Baseline = load_baseline(state) if state.exists() else Baseline()
    request = Invitations(speakers=("all",), attendees=people, per="part", eml=True)
    plan: Plan = plan_invitations(agenda, request, baseline=baseline, stamp=datetime.now(UTC))
    for message in plan.to_send:
        print(message.change, message.record.uid, message.record.sequence)
    return write_plan(plan, folder)
