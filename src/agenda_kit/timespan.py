"""Wall-clock times of an agenda file turned into real instants.

Everything here works on integer UTC seconds: Python compares and subtracts two
datetimes of the same zone by wall clock and ignores ``fold``, which gets the repeated
hour of a fall-back night wrong. Intervals are half-open ``[start, end)``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "AVAILABLE_PATTERN",
    "CLOCK_PATTERN",
    "END_CLOCK_PATTERN",
    "FIRST_DATE",
    "LAST_DATE",
    "MAX_INSTANT",
    "MIN_INSTANT",
    "RANGE_PATTERN",
    "ZoneClock",
    "clamp_instant",
    "clock_range",
    "format_minutes",
    "is_zone",
    "parse_clock",
    "parse_range",
    "zone_suggestion",
]

# The separators people put between two times: hyphen, tilde, en dash, em dash,
# wave dash and fullwidth tilde (Korean and Japanese documents).
_SEP = "\\-~\u2013\u2014\u301c\uff5e"
_CLOCK = r"(?:[01]?[0-9]|2[0-3]):[0-5][0-9]"
_END_CLOCK = r"(?:(?:[01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)"
CLOCK_PATTERN = rf"^{_CLOCK}$"
"""A time of day, ``H:MM`` or ``HH:MM``, 00:00 to 23:59."""
END_CLOCK_PATTERN = rf"^{_END_CLOCK}$"
"""The end of something: a time of day, or 24:00 (midnight at the end of the day)."""
RANGE_PATTERN = rf"^\s*{_CLOCK}\s*[{_SEP}]\s*{_END_CLOCK}\s*$"
"""Two times of day with a separator; the end may be ``24:00``."""

AVAILABLE_PATTERN = rf"^\s*\d{{4}}-\d{{2}}-\d{{2}}(\s+{_CLOCK}\s*[{_SEP}]\s*{_END_CLOCK})?\s*$"
"""A date, optionally with a range of that day: ``2025-03-18 09:00-12:00``."""

_RANGE_RE = re.compile(rf"^\s*(\d{{1,2}}):(\d\d)\s*[{_SEP}]\s*(\d{{1,2}}):(\d\d)\s*$")


# Cached: an agenda writes the same few hundred times again and again.
@lru_cache(maxsize=4096)
def parse_clock(text: str) -> int:
    """Minutes after midnight of a validated ``HH:MM``."""
    hours, _, minutes = text.partition(":")
    return int(hours) * 60 + int(minutes)


@lru_cache(maxsize=4096)
def parse_range(text: str) -> tuple[int, int]:
    """Start and end minutes of a validated range such as ``15:00~15:03``."""
    match = _RANGE_RE.match(text)
    if match is None:  # pragma: no cover - the model's pattern admits only matches
        raise ValueError(f"not a time range: {text!r}")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    return h1 * 60 + m1, h2 * 60 + m2


def clock_range(text: str) -> tuple[int, int]:
    """Minutes of a range; an end before the start (23:30-00:30) is on the next day."""
    a, b = parse_range(text)
    if b < a:
        b += 1440
    return a, b


def format_minutes(minutes: int) -> str:
    """``HH:MM`` of minutes after midnight (24:00 stays 24:00)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


FIRST_DATE = date(1900, 1, 1)
"""The first date an agenda may name: the zone database is not meant for earlier times."""
LAST_DATE = date(2999, 12, 31)
"""The last date an agenda may name: far enough from year 9999 that no session, however
long, runs past what dates and calendars can hold."""

# A zone name as the IANA database spells them: segments of letters, digits, '_', '+', '-'.
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*")
# Files in a zoneinfo folder that are not zones, or whose meaning depends on the
# machine: the local zone, the rules POSIX TZ strings borrow, a placeholder zone, and
# the "right/" (leap-second) and "posix/" copies of the whole database.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
_COPIES = ("posix/", "right/")


@lru_cache(maxsize=64)
def is_zone(name: str) -> bool:
    """Whether ``name`` is an IANA zone this machine knows, named the same on every
    machine (not ``localtime``, ``posixrules``, ``Factory``, ``right/…`` or ``posix/…``)."""
    if not _ZONE_NAME.fullmatch(name) or name in _NOT_ZONES or name.startswith(_COPIES):
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def zone_suggestion(name: str) -> str | None:
    """The canonical name of a machine-dependent spelling (``right/UTC`` -> ``UTC``)."""
    for prefix in _COPIES:
        if name.startswith(prefix) and is_zone(name[len(prefix) :]):
            return name[len(prefix) :]
    return None


# UTC seconds of the instants every conversion can handle: a few days inside the years
# 1 to 9999 that Python's dates hold, so that a local date or an offset added to one
# still is a date. Agendas are far inside (FIRST_DATE to LAST_DATE); this keeps
# conversions total for any arithmetic on them.
MIN_INSTANT = int((datetime(1, 1, 4) - datetime(1970, 1, 1)).total_seconds())
MAX_INSTANT = int((datetime(9999, 12, 28) - datetime(1970, 1, 1)).total_seconds())
_MIN_DAY = date(1, 1, 4).toordinal()
_MAX_DAY = date(9999, 12, 28).toordinal()


def clamp_instant(instant: int) -> int:
    """``instant`` moved into the range every conversion handles."""
    return (
        MIN_INSTANT if instant < MIN_INSTANT else MAX_INSTANT if instant > MAX_INSTANT else instant
    )


class ZoneClock:
    """Conversions between local wall-clock times of one zone and UTC seconds.

    Local times are read as RFC 5545 readers read them: an ambiguous time (the
    repeated hour of a fall-back night) is its first occurrence, and a time that does
    not exist (the skipped hour of a spring-forward night) is moved forward by the
    length of the gap.
    """

    __slots__ = ("_cache", "_local", "name", "tz")

    def __init__(self, name: str) -> None:
        self.name = name
        self.tz = ZoneInfo(name)
        self._cache: dict[tuple[int, int], int] = {}
        # Local times by instant: an agenda's sessions share their instants (one
        # ends when the next starts, rooms keep the same hours), and an import or a
        # check asks for each several times.
        self._local: dict[int, datetime] = {}

    def to_utc(self, day: int, minute: int) -> int:
        """UTC seconds of ``minute`` after local midnight on the proleptic ordinal ``day``.

        ``minute`` may exceed a day (a range that crosses midnight).
        """
        key = (day, minute)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        extra_days, minute_of_day = divmod(minute, 1440)
        ordinal = day + extra_days
        if not _MIN_DAY <= ordinal <= _MAX_DAY:  # only arithmetic gets here: keep it total
            instant = MIN_INSTANT if ordinal < _MIN_DAY else MAX_INSTANT
            self._cache[key] = instant
            return instant
        local = datetime.combine(date.fromordinal(ordinal), datetime.min.time()) + timedelta(
            minutes=minute_of_day
        )
        # fold=0 is the first occurrence; for a time in a gap, zoneinfo uses the
        # offset before the gap, which moves the instant forward like RFC 5545 says.
        instant = int(local.replace(tzinfo=self.tz).timestamp())
        self._cache[key] = instant
        return instant

    def local(self, instant: int) -> datetime:
        """The aware local datetime (with ``fold`` set) of UTC seconds (clamped to the
        range dates can hold)."""
        found = self._local.get(instant)
        if found is None:
            found = self._local[instant] = datetime.fromtimestamp(clamp_instant(instant), self.tz)
        return found

    def is_plain(self, instant: int) -> bool:
        """Whether every reader gets ``instant`` back from its local wall time alone.

        False inside the repeated hour of a fall-back night, for both occurrences: RFC
        5545 says an ambiguous local time is its first occurrence, but libical and
        ical.js (Evolution, Thunderbird) read it as the second. Such instants are
        written in UTC.
        """
        wall = self.local(instant).replace(tzinfo=None)
        first = wall.replace(tzinfo=self.tz, fold=0)
        second = wall.replace(tzinfo=self.tz, fold=1)
        return first.utcoffset() == second.utcoffset()

    def day_of(self, instant: int) -> int:
        """Proleptic ordinal of the local date of ``instant``."""
        return self.local(instant).toordinal()

    def minute_of(self, instant: int, day: int) -> int:
        """Local wall minutes of ``instant`` counted from midnight of ``day``."""
        wall = self.local(instant)
        return (wall.toordinal() - day) * 1440 + wall.hour * 60 + wall.minute

    def clock(self, instant: int) -> str:
        """``HH:MM`` local wall time of ``instant``."""
        return self.local(instant).strftime("%H:%M")
