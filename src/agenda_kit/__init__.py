"""agenda_kit: event agendas as typed data, checked like code, published as iCalendar.

The front door: everything public is re-exported here. The public modules are listed
in docs/api.md; every other module is internal and may change without notice.
"""

from __future__ import annotations

import typing

from ._dump import dump, dumps
from .diagnostics import Diagnostic, Location, Report, Severity
from .loaders import Format, Limits, LoadError, load, loads
from .model import (
    Agenda,
    CheckSettings,
    Event,
    Flex,
    Geo,
    Organizer,
    Part,
    Room,
    ScheduledSession,
    Session,
    Speaker,
    Track,
    Transfer,
    Venue,
)
from .rules import RULES, Rule, check
from .timeline import scheduled_sessions as sessions

if typing.TYPE_CHECKING:
    from datetime import datetime

    from .ical.options import FeedOptions

__all__ = [
    "RULES",
    "Agenda",
    "CheckSettings",
    "Diagnostic",
    "Event",
    "FeedOptions",
    "Flex",
    "Format",
    "Geo",
    "Limits",
    "LoadError",
    "Location",
    "Organizer",
    "Part",
    "Report",
    "Room",
    "Rule",
    "ScheduledSession",
    "Session",
    "Severity",
    "Speaker",
    "Track",
    "Transfer",
    "Venue",
    "__version__",
    "check",
    "dump",
    "dumps",
    "from_ical",
    "load",
    "loads",
    "sessions",
    "to_ical",
]

__version__ = "0.1.0"


def from_ical(data: bytes, *, name: str = "<calendar>", timezone: str | None = None) -> Agenda:
    """A calendar (agenda-kit's own feed or another tool's .ics) as an agenda.

    Sessions come from VEVENTs, rooms from LOCATION; ``timezone`` is the zone for times
    the calendar gives without one. Raises ``LoadError`` (with file, line and column)
    when no event can be read. ``agenda_kit.exchange.import_bytes(data, "ics")`` also
    returns the report of what was assumed or skipped.
    """
    from .exchange.ics import from_ical as _from_ical

    return _from_ical(data, name=name, timezone=timezone)


def to_ical(
    agenda: Agenda, *, stamp: datetime | None = None, options: FeedOptions | None = None
) -> bytes:
    """The agenda as an iCalendar feed: one VEVENT per session (or per part or day, a
    personal feed, reminders: see ``agenda_kit.ical.FeedOptions``).

    ``stamp`` is the DTSTAMP of every event (default: ``SOURCE_DATE_EPOCH`` or now).
    """
    # Imported here so that importing agenda_kit (and checking) never loads icalendar.
    from .ical.feed import to_ical as _to_ical

    return _to_ical(agenda, stamp=stamp, options=options)


# Names whose modules would load the iCalendar stack: imported when first used, so that
# `import agenda_kit` (and checking) never pays for icalendar.
_LAZY = {"FeedOptions": "agenda_kit.ical.options"}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'agenda_kit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
