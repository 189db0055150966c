"""iCalendar output: feeds, invitations and their lifecycle, iMIP e-mails.

Imported only by commands that write calendars: it pulls in the icalendar package,
which the checker must not pay for at start-up.
"""

from __future__ import annotations

from typing import Any

from .._renamed import old_name
from .attendees import parse_address, read_attendees
from .feed import iter_ical, to_ical, write_ical
from .invite import (
    RENAMED,
    Invitations,
    InviteMessage,
    Plan,
    Recipient,
    UsageError,
    plan_invitations,
    write_plan,
)
from .mail import MailText, imip_message
from .options import FeedOptions, format_duration, parse_duration
from .state import STATE_FILE, Baseline, InputError, Record, load_baseline, read_state

__all__ = [
    "STATE_FILE",
    "Baseline",
    "FeedOptions",
    "InputError",
    "Invitations",
    "InviteMessage",
    "MailText",
    "Plan",
    "Recipient",
    "Record",
    "UsageError",
    "format_duration",
    "imip_message",
    "iter_ical",
    "load_baseline",
    "parse_address",
    "parse_duration",
    "plan_invitations",
    "read_attendees",
    "read_state",
    "to_ical",
    "write_ical",
    "write_plan",
]


def __getattr__(name: str) -> Any:
    # The names of agenda-kit 0.x (see agenda_kit.ical.invite).
    return old_name(__name__, name, RENAMED)
