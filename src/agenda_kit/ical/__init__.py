"""iCalendar output. Imported only by commands that write calendars: it pulls in the
icalendar package, which the checker must not pay for at start-up."""

from __future__ import annotations

from .feed import to_ical, write_ical

__all__ = ["to_ical", "write_ical"]
