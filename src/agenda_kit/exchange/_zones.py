"""Time zones of foreign schedules: names resolved, and zones guessed from UTC offsets.

Schedules often give only offsets (``+01:00``) or a zone name that is not an IANA name
(``(UTC-03:00) Brasília``; read by ``ical.times.zone_from_text``, shared with the
invitations' reader). An agenda needs an IANA zone, so one is chosen whose offsets
agree with the source at every instant it gives, and the choice is reported.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

from ..ical.times import zone_from_text

__all__ = ["canonical", "fixed_zone", "guess_zone", "offset_text", "zone_from_text"]

# Zones tried first, in this order, when only offsets are known: a zone from this list
# that matches every offset is a better guess than an alphabetically first one
# (Africa/Ceuta for Central European times).
PREFERRED = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/Amsterdam",
    "Europe/Rome",
    "Europe/Madrid",
    "Europe/Prague",
    "Europe/Warsaw",
    "Europe/Helsinki",
    "Europe/Athens",
    "Europe/Kyiv",
    "Europe/Istanbul",
    "Europe/Moscow",
    "Europe/Lisbon",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Sao_Paulo",
    "America/Halifax",
    "America/Mexico_City",
    "America/Argentina/Buenos_Aires",
    "America/Bogota",
    "America/Santiago",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Africa/Cairo",
    "Africa/Nairobi",
    "Asia/Dubai",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Dhaka",
    "Asia/Bangkok",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Seoul",
    "Asia/Tokyo",
    "Australia/Perth",
    "Australia/Darwin",
    "Australia/Adelaide",
    "Australia/Brisbane",
    "Australia/Sydney",
    "Pacific/Auckland",
)


def offset_text(seconds: int) -> str:
    sign = "+" if seconds >= 0 else "-"
    hours, rest = divmod(abs(seconds) // 60, 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def fixed_zone(seconds: int) -> str | None:
    """The IANA ``Etc/GMT±N`` zone of a whole-hour offset (note the inverted sign)."""
    if seconds == 0:
        return "UTC"
    # Etc/GMT-14 (UTC+14) to Etc/GMT+12 (UTC-12) are the zones there are.
    if seconds % 3600 or not -12 * 3600 <= seconds <= 14 * 3600:
        return None
    hours = seconds // 3600
    return f"Etc/GMT{-hours:+d}"


def guess_zone(samples: Iterable[tuple[datetime, int]]) -> str | None:
    """A zone whose UTC offset at each instant is the given one (seconds), or None."""
    points = sorted({(when.astimezone(UTC), offset) for when, offset in samples})
    if not points:
        return None
    for name in (*PREFERRED, *_all_zones()):
        tz = ZoneInfo(name)
        if all(_offset(tz, when) == offset for when, offset in points):
            return name
    return None


def _offset(tz: tzinfo, when: datetime) -> int:
    delta = when.astimezone(tz).utcoffset()
    return int(delta.total_seconds()) if delta is not None else 0


@functools.cache
def _all_zones() -> tuple[str, ...]:
    from zoneinfo import available_timezones

    return tuple(sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc")))


@functools.cache
def _links() -> dict[str, str]:
    """IANA links (``US/Eastern``) to the zones they name (``America/New_York``)."""
    from importlib import resources

    try:
        text = resources.files("tzdata").joinpath("zoneinfo", "tzdata.zi").read_text("utf-8")
    except (ModuleNotFoundError, OSError):  # pragma: no cover - tzdata is a dependency
        return {}
    links = {}
    for line in text.splitlines():
        if line.startswith("L "):
            _, target, link = line.split()[:3]
            links[link] = target
    return links


def canonical(name: str) -> str:
    """The zone a link names (``US/Eastern`` -> ``America/New_York``), else ``name``."""
    seen = {name}
    while name in _links():
        name = _links()[name]
        if name in seen:  # pragma: no cover - tzdata has no cycles
            break
        seen.add(name)
    return name


def at(tz: tzinfo, local: datetime) -> datetime:
    """A naive local time in ``tz`` (first occurrence of a repeated time)."""
    return local.replace(tzinfo=tz, fold=0)
