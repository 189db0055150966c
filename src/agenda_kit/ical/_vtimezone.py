"""A VTIMEZONE component as a tzinfo, through icalendar (``Timezone.to_tz``).

icalendar turns the observances into a tzinfo that knows every rule RFC 5545 allows;
this module only decides what to hand it. A VTIMEZONE comes from the file being read,
so it is untrusted: rules other than the yearly ones time zones use (a ``FREQ=SECONDLY``
rule makes icalendar expand for ever) and malformed offsets are refused here with a
reason, and only the properties of the observances are passed on, re-written.
"""

from __future__ import annotations

import re
from datetime import tzinfo

from .reader import Component

__all__ = ["MAX_RDATES", "to_tzinfo"]

#: RDATE values one VTIMEZONE may list (real ones list a few dozen at most).
MAX_RDATES = 1000

_OFFSET = re.compile(r"^\s*[+-](\d\d)(\d\d)(\d\d)?\s*$")
_STAMP = re.compile(r"^\d{8}(T\d{6}Z?)?$")
_BYDAY = re.compile(r"^[+-]?[1-5](MO|TU|WE|TH|FR|SA|SU)$")
_KEPT = ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "RRULE", "RDATE")


def to_tzinfo(component: Component) -> tuple[tzinfo, bool]:
    """The zone a VTIMEZONE defines, and whether it is one fixed offset.

    Raises ``ValueError`` with the reason when the rules are not ones to follow.
    """
    from icalendar import Calendar, Timezone

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//agenda-kit//reader//EN"]
    lines += ["BEGIN:VTIMEZONE", "TZID:imported"]
    observances = [c for c in component.components if c.name in ("STANDARD", "DAYLIGHT")]
    if not observances:
        raise ValueError("no STANDARD or DAYLIGHT rules")
    offsets: set[str] = set()
    repeating = False
    for child in observances:
        start, offset_to = child.first("DTSTART"), child.first("TZOFFSETTO")
        if start is None or offset_to is None:
            raise ValueError(f"{child.name} without DTSTART or TZOFFSETTO")
        lines.append(f"BEGIN:{child.name}")
        rdates = 0
        for prop in child.properties:
            if prop.name not in _KEPT:
                continue
            value = prop.value.strip()
            if prop.name.startswith("TZOFFSET"):
                match = _OFFSET.match(value)
                if not match or int(match[1]) > 23 or int(match[2]) > 59:
                    raise ValueError(f"{prop.name} {value!r} is not a UTC offset")
                offsets.add(value)
            elif prop.name == "RRULE":
                _check_rule(value)
                repeating = True
            else:
                stamps = value.split(",")
                rdates += len(stamps)
                if not all(_STAMP.match(s.strip()) for s in stamps) or rdates > MAX_RDATES:
                    raise ValueError(f"{prop.name} {value[:40]!r} is not a list of date-times")
            lines.append(f"{prop.name}:{value}")
        lines.append(f"END:{child.name}")
    lines += ["END:VTIMEZONE", "END:VCALENDAR", ""]
    try:
        calendar = Calendar.from_ical("\r\n".join(lines).encode())
        found = calendar.walk("VTIMEZONE")[0]
        assert isinstance(found, Timezone)
        zone: tzinfo = found.to_tz(lookup_tzid=False)
    except Exception as exc:  # icalendar raises what its parsers raise
        raise ValueError(str(exc) or type(exc).__name__) from None
    return zone, not repeating and len(offsets) == 1


def _check_rule(rule: str) -> None:
    parts = dict(p.split("=", 1) for p in rule.upper().split(";") if "=" in p)
    if parts.get("FREQ") != "YEARLY":
        raise ValueError(f"RRULE {rule!r} is not yearly")
    months = parts.get("BYMONTH", "1").split(",")
    if not all(m.isdigit() and 1 <= int(m) <= 12 for m in months):
        raise ValueError(f"RRULE {rule!r} has a BYMONTH that is not a month")
    days = parts.get("BYDAY")
    if days is not None and (not _BYDAY.match(days) or "BYMONTHDAY" in parts):
        raise ValueError(f"RRULE {rule!r} is not understood")
    interval = parts.get("INTERVAL", "1")
    if not interval.isdigit() or int(interval) != 1:
        raise ValueError(f"RRULE {rule!r} is not understood")
