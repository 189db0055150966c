"""Dates, times, durations and zones of the iCalendar values ``ical.reader`` reads.

The .ics importer and the previous-mailing reader (``invite --previous``) read the same
values: a DTSTART in UTC, in a zone, floating or a date; a DURATION; a TZID that names
an IANA zone (``Europe/Berlin``, ``/mozilla.org/.../Europe/Berlin``), a VTIMEZONE of
the file, a Windows zone (``W. Europe Standard Time``) or only an offset
(``(UTC+01:00) Berlin``). Each caller decides what to make of the result (an import
reports the zone it assumed; an invitation compares instants), so nothing here reports.

    zones = Zones(parsed.root)
    start = when(event.first("DTSTART"), zones.tzinfo)   # When; ValueError if unreadable
    start.instant(UTC)                                   # an aware datetime
    duration(event.first("DURATION").value)              # a signed timedelta
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..timespan import is_zone
from ._vtimezone import to_tzinfo
from .reader import Component, Property

__all__ = [
    "DATE_TIME",
    "When",
    "Zone",
    "Zones",
    "duration",
    "duration_seconds",
    "when",
    "zone_from_text",
]

DATE_TIME = re.compile(r"^(\d{4})-?(\d\d)-?(\d\d)(?:T(\d\d):?(\d\d)(?::?(\d\d))?(Z)?)?$")
_DURATION = re.compile(r"^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
_OFFSET_NAME = re.compile(r"(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d\d))?", re.I)


@dataclass(slots=True)
class When:
    """A DATE or DATE-TIME as written: ``kind`` is "utc", "zone", "floating" or "date"."""

    local: datetime  # naive
    kind: str
    tz: tzinfo | None = None

    def instant(self, default: tzinfo) -> datetime:
        """The aware time: floating times and dates in ``default``."""
        if self.kind == "utc":
            return self.local.replace(tzinfo=UTC)
        return self.local.replace(tzinfo=self.tz or default)


def when(prop: Property, resolve: Callable[[str, Property], tzinfo | None]) -> When:
    """The value of a DTSTART, DTEND or DTSTAMP; ``resolve`` gives the zone of its TZID
    (None: floating). Raises ``ValueError`` when it is no date or date-time."""
    value = prop.value.strip()
    match = DATE_TIME.match(value)
    try:
        if not match:
            raise ValueError(value)
        year, month, day = int(match[1]), int(match[2]), int(match[3])
        if match[4] is None:
            return When(datetime(year, month, day), "date")
        local = datetime(year, month, day, int(match[4]), int(match[5]), int(match[6] or 0))
    except ValueError:
        raise ValueError(f"{prop.name} {value[:40]!r} is not a date or date-time") from None
    if match[7]:
        return When(local, "utc")
    tzid = prop.params.get("TZID")
    if tzid:
        zone = resolve(tzid, prop)
        if zone is not None:
            return When(local, "zone", zone)
    return When(local, "floating")


def duration(value: str) -> timedelta:
    """A DURATION value (``PT1H30M``, ``-P1D``), its sign kept. Raises ``ValueError``."""
    try:
        return timedelta(seconds=duration_seconds(value))
    except OverflowError:
        raise ValueError(f"DURATION {value.strip()[:40]!r} is too long") from None


def duration_seconds(value: str) -> int:
    """A DURATION value in seconds, its sign kept (any length: the caller bounds it).
    Raises ``ValueError``."""
    text = value.strip().upper()
    match = _DURATION.match(text)
    if not match or text.lstrip("+-") in ("P", "PT"):
        raise ValueError(f"DURATION {value.strip()[:40]!r} is not a duration")
    weeks, days, hours, minutes, seconds = (int(g or 0) for g in match.groups()[1:])
    total = (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds
    return -total if match[1] == "-" else total


def zone_from_text(text: str) -> tuple[str | None, int | None]:
    """An IANA zone named in ``text`` (``/mozilla.org/.../Europe/Berlin`` too), or the
    fixed offset in seconds it states (``(GMT +01:00)``, ``UTC+11``)."""
    text = text.strip().strip('"')
    if is_zone(text):
        return text, None
    segments = [s for s in text.split("/") if s]
    for i in range(len(segments)):
        candidate = "/".join(segments[i:])
        if "/" in candidate and is_zone(candidate):
            return candidate, None
    match = _OFFSET_NAME.search(text)
    if match:
        seconds = int(match[2]) * 3600 + int(match[3] or 0) * 60
        return None, seconds if match[1] == "+" else -seconds
    return None, None


@dataclass(frozen=True, slots=True)
class Zone:
    """What a TZID resolved to. ``how``: "iana", "vtimezone", "windows", "offset" or
    "unknown" (``tz`` None); ``fixed`` when the zone is one offset (``offset``
    seconds, for "offset"); ``problem`` why the file's VTIMEZONE was not used."""

    tz: tzinfo | None
    how: str
    fixed: bool = False
    offset: int | None = None
    problem: str | None = None


class Zones:
    """The TZIDs of one calendar resolved, in this order: an IANA name in the text, the
    file's VTIMEZONE of that TZID, a Windows zone name (``windows``), an offset in the
    text. Each TZID is resolved once."""

    def __init__(self, root: Component, *, windows: bool = True) -> None:
        self.components = {
            prop.text().strip('"'): c
            for c in root.walk("VTIMEZONE")
            if (prop := c.first("TZID")) is not None
        }
        self.windows = windows
        self._cache: dict[str, Zone] = {}

    def tzinfo(self, tzid: str, prop: Property | None = None) -> tzinfo | None:
        """The zone of ``tzid`` (None when unknown): the ``resolve`` of ``when``."""
        return self.lookup(tzid).tz

    def lookup(self, tzid: str) -> Zone:
        tzid = tzid.strip('"')
        found = self._cache.get(tzid)
        if found is None:
            found = self._cache[tzid] = self._lookup(tzid)
        return found

    def _lookup(self, tzid: str) -> Zone:
        iana, fixed = zone_from_text(tzid)
        if iana is not None:
            try:
                return Zone(ZoneInfo(iana), "iana")
            except (ZoneInfoNotFoundError, ValueError, OSError):
                pass
        problem = None
        component = self.components.get(tzid)
        if component is not None:
            try:
                zone, one_offset = to_tzinfo(component)
            except ValueError as exc:
                problem = str(exc)
            else:
                return Zone(zone, "vtimezone", one_offset, problem=None)
        windows = _windows(tzid) if self.windows else None
        if windows is not None:
            return Zone(ZoneInfo(windows), "windows", problem=problem)
        if fixed is not None:
            return Zone(timezone(timedelta(seconds=fixed)), "offset", True, fixed, problem)
        return Zone(None, "unknown", problem=problem)


def _windows(tzid: str) -> str | None:
    """The IANA zone of a Windows zone name (Outlook and Exchange write them)."""
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    name = WINDOWS_TO_OLSON.get(tzid.strip())
    return name if isinstance(name, str) and is_zone(name) else None
