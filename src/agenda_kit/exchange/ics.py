"""iCalendar (RFC 5545) to agenda, from any calendar tool, and agenda to iCalendar.

The file is read by the tolerant reader of ``agenda_kit.ical.reader``, which says
where each problem is (file, line, column) and goes on. Here the events' times are
read: TZIDs resolved to IANA zones, to the rules of a VTIMEZONE (through icalendar),
or to a fixed offset; the agenda's zone chosen; and the events handed to
``_ics_items`` (sessions from VEVENTs), then to ``_build``. Everything assumed or
skipped is a finding (AK6xx) in ``Imported.notes``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from ..diagnostics import Location
from ..findings import (
    IMPORT_ASSUMED_STRUCTURE,
    IMPORT_ASSUMED_TIME,
    IMPORT_ASSUMED_ZONE,
    IMPORT_NO_EVENTS,
    IMPORT_SKIPPED,
    IMPORT_VALUE_DROPPED,
    IMPORT_WRONG_FORMAT,
)
from ..ical import times
from ..ical.reader import Component, Property, TooLarge
from ..ical.reader import read as read_calendar
from ..model import Agenda
from ._build import EventInfo, imported
from ._common import (
    Imported,
    Item,
    Notes,
    Options,
    clean_notes,
    clean_text,
    import_error,
    in_range,
    limit_error,
    nothing_readable,
)
from ._ics_items import _where, foreign_items, is_own, own_items, own_venue, room_label
from ._ics_legacy import legacy_items, legacy_venue
from ._zones import fixed_zone, guess_zone, offset_text

__all__ = ["from_ical", "read", "write"]

OWN_PRODID = "-//agenda-kit//"


# --- Time zones ----------------------------------------------------------------------


class _Zones:
    """TZIDs of one calendar resolved to tzinfo (``ical.times.Zones``), each reported
    once as it was resolved: a VTIMEZONE, an offset name, an unknown TZID."""

    def __init__(self, root: Component, name: str, notes: Notes) -> None:
        self.name = name
        self.notes = notes
        self.table = times.Zones(root, windows=False)
        self.seen: set[str] = set()
        self.fixed: set[int] = set()  # ids of the zones that are one offset
        self.iana: Counter[str] = Counter()

    def resolve(self, tzid: str, prop: Property) -> tzinfo | None:
        found = self.table.lookup(tzid)
        key = tzid.strip('"')
        if key not in self.seen:
            self.seen.add(key)
            self._report(key, found, prop)
            if found.fixed and found.tz is not None:
                self.fixed.add(id(found.tz))
        self.used(found.tz)
        return found.tz

    def used(self, tz: tzinfo | None) -> None:
        """One more use of a resolved zone (the agenda's zone is the one most used)."""
        if isinstance(tz, ZoneInfo):
            self.iana[tz.key] += 1

    def _report(self, tzid: str, found: times.Zone, prop: Property) -> None:
        where = Location(self.name, prop.line, prop.column, "")
        if found.problem is not None:
            line = self.table.components[tzid].line
            at = Location(self.name, line, 1, "")
            self.notes.add(
                IMPORT_ASSUMED_ZONE, "vtimezone-bad", at, named=tzid, offsets=found.problem
            )
        if found.how == "vtimezone":
            self.notes.add(IMPORT_ASSUMED_ZONE, "vtimezone", where, named=tzid)
        elif found.how == "offset" and found.offset is not None:
            offsets = offset_text(found.offset)
            self.notes.add(IMPORT_ASSUMED_ZONE, "offset", where, named=tzid, offsets=offsets)
        elif found.how == "unknown":
            self.notes.add(IMPORT_ASSUMED_ZONE, "unknown-tzid", where, named=tzid)


# --- Events --------------------------------------------------------------------------


class _Unreadable(ValueError):
    """A property of an event that cannot be read: the variant of IMPORT_SKIPPED."""

    def __init__(self, variant: str, prop: Property) -> None:
        super().__init__(variant)
        self.variant = variant
        self.prop = prop


# What each (value, TZID) of a calendar is, as read the first time: sessions share their
# times (one ends when the next starts, rooms keep the same hours).
_Memo = dict[tuple[str, str | None], times.When]


def _when(prop: Property, zones: _Zones, memo: _Memo) -> times.When:
    key = (prop.value, prop.params.get("TZID"))
    found = memo.get(key)
    if found is not None:
        if found.kind == "zone":
            zones.used(found.tz)  # each use of a zone counts (resolved as before)
        return found
    try:
        found = memo[key] = times.when(prop, zones.resolve)
    except ValueError:
        raise _Unreadable("bad-time", prop) from None
    return found


def _duration(prop: Property) -> timedelta:
    try:
        total = times.duration_seconds(prop.value)
    except ValueError:
        raise _Unreadable("ics-duration", prop) from None
    if abs(total) > 366 * 86400:
        raise _Unreadable("long-duration", prop)
    if total < 0:
        raise _Unreadable("negative-duration", prop)
    return timedelta(seconds=total)


@dataclass(slots=True)
class _Raw:
    component: Component
    props: dict[str, Property]  # the first property of each name (Component.firsts)
    start: times.When
    end: times.When | None
    length: timedelta | None

    def span(self, default: tzinfo, made: dict[int, datetime]) -> tuple[datetime, datetime]:
        """The event's instants, each made once for all the events that share its
        ``When`` (``made``, by the id of the When: sessions share their times)."""
        start = made.get(id(self.start))
        if start is None:
            start = made[id(self.start)] = self.start.instant(default)
        if self.end is not None:
            end = made.get(id(self.end))
            if end is None:
                end = made[id(self.end)] = self.end.instant(default)
            return start, end
        assert self.length is not None
        # A duration of days is nominal (a day is 23 h on a spring-forward date).
        nominal = self.start.local + self.length
        if self.start.kind == "utc":
            return start, nominal.replace(tzinfo=UTC)
        return start, nominal.replace(tzinfo=self.start.tz or default)


def _raw_events(vevents: list[Component], zones: _Zones, name: str, notes: Notes) -> list[_Raw]:
    raws = []
    memo: _Memo = {}
    for event in vevents:
        props = event.firsts()
        status = props.get("STATUS")
        if status is not None and status.value.strip().upper() == "CANCELLED":
            notes.add(IMPORT_SKIPPED, "cancelled", _where(event, name), key="cancelled")
            continue
        start_prop = props.get("DTSTART")
        if start_prop is None:
            notes.add(IMPORT_SKIPPED, "no-dtstart", _where(event, name), key="no-dtstart")
            continue
        end: times.When | None = None
        length: timedelta | None = None
        end_prop = props.get("DTEND")
        duration_prop = props.get("DURATION")
        try:
            start = _when(start_prop, zones, memo)
            if end_prop is not None:
                end = _when(end_prop, zones, memo)
            elif duration_prop is not None:
                length = _duration(duration_prop)
        except _Unreadable as exc:
            at = Location(name, exc.prop.line, exc.prop.column, "")
            shown = repr(exc.prop.value.strip())
            params = {"component": exc.prop.name} if exc.variant == "bad-time" else {}
            notes.add(IMPORT_SKIPPED, exc.variant, at, value=shown, **params)
            continue
        if not in_range(start.local) or (end is not None and not in_range(end.local)):
            notes.add(IMPORT_SKIPPED, "range", _where(event, name), key="range")
            continue
        if end is None and length is None:
            if start.kind == "date":
                length = timedelta(days=1)
            else:
                length = timedelta(0)
                notes.add(
                    IMPORT_ASSUMED_TIME, "zero-length", _where(event, name), key="zero-length"
                )
        if start.kind == "date":
            notes.add(IMPORT_ASSUMED_TIME, "all-day", _where(event, name), key="all-day")
        if "RRULE" in props or "RDATE" in props:
            notes.add(IMPORT_VALUE_DROPPED, "repeating", _where(event, name), key="repeating")
        raws.append(_Raw(event, props, start, end, length))
    return raws


def _choose_zone(
    head: Component, raws: list[_Raw], zones: _Zones, options: Options, name: str, notes: Notes
) -> str:
    from ..timespan import is_zone

    if options.timezone:
        return options.timezone
    wr = head.text("X-WR-TIMEZONE")
    if is_zone(wr):
        return wr
    if zones.iana:
        zone = zones.iana.most_common(1)[0][0]
        if len(zones.iana) > 1:
            named = ", ".join(sorted(zones.iana))
            notes.add(IMPORT_ASSUMED_ZONE, "several", named=named, zone=zone)
        return zone
    misused = head.first("VTIMEZONE")
    if misused is not None and is_zone(misused.value.strip()):
        zone = misused.value.strip()
        at = Location(name, misused.line, misused.column, "")
        notes.add(IMPORT_ASSUMED_ZONE, "property", at, zone=zone)
        return zone
    samples = []
    fixed_only = True
    for raw in raws:
        for when in (raw.start, raw.end):
            if when is not None and when.kind == "zone" and when.tz is not None:
                instant = when.instant(UTC)
                offset = instant.utcoffset()
                samples.append((instant, int(offset.total_seconds()) if offset else 0))
                fixed_only &= isinstance(when.tz, ZoneInfo) or id(when.tz) in zones.fixed
    if samples:
        offsets = sorted({o for _, o in samples})
        guessed = (fixed_zone(offsets[0]) if fixed_only and len(offsets) == 1 else None) or (
            guess_zone(samples)
        )
        if guessed is not None:
            shown = ", ".join(offset_text(o) for o in offsets)
            notes.add(IMPORT_ASSUMED_ZONE, "guessed", zone=guessed, offsets=shown)
            return guessed
    if {raw.start.kind for raw in raws} <= {"utc"}:
        notes.add(IMPORT_ASSUMED_ZONE, "all-utc")
    else:
        notes.add(IMPORT_ASSUMED_ZONE, "floating")
    return "UTC"


# --- The reader ----------------------------------------------------------------------


def read(data: bytes, name: str, options: Options) -> Imported:
    """A calendar file as an agenda. Raises ``LoadError`` when no event can be read."""
    # The calendar's tree (an object for every content line) is let go before the
    # agenda is built: a large feed's build then reuses its memory.
    items, zone, info, notes = _items(data, name, options)
    return imported(items, zone, info, notes, "ics")


def _items(data: bytes, name: str, options: Options) -> tuple[list[Item], str, EventInfo, Notes]:
    limits = options.limits
    try:
        parsed = read_calendar(
            data, name, line_length=limits.line_length, max_components=limits.sessions
        )
    except TooLarge as exc:
        raise limit_error(exc.limit, exc.value, name, exc.line, start=exc.line) from None
    root = parsed.root
    # What the reader found comes first, counted as it counted it.
    notes = Notes(name, parsed.findings)
    calendars = [c for c in root.components if c.name == "VCALENDAR"]
    walked = root.walk_each(("VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY"))
    vevents = walked["VEVENT"]
    if not calendars and not vevents:
        raise import_error(IMPORT_WRONG_FORMAT, "ics", name)
    if not calendars:
        notes.add(IMPORT_ASSUMED_STRUCTURE, "outside")
    head = calendars[0] if calendars else root
    zones = _Zones(root, name, notes)
    raws = _raw_events(vevents, zones, name, notes)
    others = []
    for other in ("VTODO", "VJOURNAL", "VFREEBUSY"):
        found = walked[other]
        if found:
            others.append(f"{len(found)} {other}")
            at = _where(found[0], name)
            notes.add(IMPORT_SKIPPED, "components", at, count=len(found), component=other)
    if not vevents:
        line = calendars[0].line if calendars else 1
        if others:
            raise import_error(IMPORT_NO_EVENTS, "ics-holds", name, line, what=", ".join(others))
        raise import_error(IMPORT_NO_EVENTS, "ics", name, line)
    if not raws:
        raise nothing_readable(notes, name)
    zone = _choose_zone(head, raws, zones, options, name, notes)
    default = ZoneInfo(zone)
    spans = {id(r.component): r for r in raws}
    events = [r.component for r in raws]

    made: dict[int, datetime] = {}  # the Whens are kept alive by `raws`

    def span(event: Component) -> tuple[datetime, datetime]:
        return spans[id(event)].span(default, made)

    info = _info(head, name)
    if is_own(head, events):
        items = _own_feed(head, events, span, name, info, notes, spans)
    elif head.text("PRODID").startswith(OWN_PRODID):
        items = legacy_items(events, span, name, notes, info)
        legacy_venue(items, info)
    else:
        items = foreign_items(head, events, span, name, notes)
        info.free_rooms = True
    _duplicate_uids(raws, name, notes)
    return items, zone, info, notes


def _own_feed(
    head: Component,
    events: list[Component],
    span: Callable[[Component], tuple[datetime, datetime]],
    name: str,
    info: EventInfo,
    notes: Notes,
    raws: dict[int, _Raw],
) -> list[Item]:
    """The sessions of an agenda-kit feed. Its own overview entries (a part or a day as
    one event) are not sessions; any other event without the structure (one added by
    hand, say) is read as any calendar's event is."""
    items, entries = own_items(head, events, span, name, info, lambda e: raws[id(e)].props)
    overview: list[Component] = []
    plain: list[Component] = []
    for entry in entries:
        is_overview = _OVERVIEW_UID.search(_uid(raws[id(entry)].props))
        (overview if is_overview else plain).append(entry)
    if overview:
        at = _where(overview[0], name)
        notes.add(IMPORT_SKIPPED, "overview", at, count=len(overview))
    apart = {id(e) for e in entries}
    own_venue(items, [e for e in events if id(e) not in apart], info)
    if plain:
        at = _where(plain[0], name)
        notes.add(IMPORT_ASSUMED_STRUCTURE, "own-feed-other", at, count=len(plain))
        own = {item.ident for item in items}
        for item in _in_venue(foreign_items(head, plain, span, name, notes), info):
            if item.ident in own:
                item.ident = None  # the feed's session keeps its id; this one gets one
            item.free = True  # a calendar's event: its room may be free around it
            items.append(item)
    return items


# The UID agenda-kit's feed gives a part or a day written as one event
# (``ical.events.part_uid``, ``day_uid``).
_OVERVIEW_UID = re.compile(r"~(?:part|day)@[^@]*$")


def _uid(props: dict[str, Property]) -> str:
    found = props.get("UID")
    return found.text() if found is not None else ""


def _in_venue(items: list[Item], info: EventInfo) -> list[Item]:
    """Events of an agenda-kit feed read as any calendar's: a LOCATION that ends with
    the feed's venue and address names the room before them, as the feed writes it."""
    tail = ", ".join(part for part in (info.venue, info.address) if part)
    for item in items:
        if item.room and tail and item.room.endswith(", " + tail):
            label = item.room[: -len(tail) - 2].strip()
            item.room = room_label(label)[0] if label else None
        elif item.room and item.room in (tail, info.venue):
            item.room = None  # the venue itself, no room of it (review)
    return items


def _info(head: Component, name: str) -> EventInfo:
    from pathlib import Path

    title = clean_text(head.text("X-WR-CALNAME") or head.text("NAME"))
    description = clean_notes(head.text("X-WR-CALDESC") or head.text("DESCRIPTION"))
    if not title:
        title = clean_text(description or "") if description and "\n" not in description else ""
        description = None if title else description
    return EventInfo(
        title=title or Path(name).stem or "Imported calendar",
        description=description,
        url=clean_text(head.text("URL")) or None,
    )


def _duplicate_uids(raws: list[_Raw], name: str, notes: Notes) -> None:
    uids = [(raw.props["UID"].text() if "UID" in raw.props else None, raw) for raw in raws]
    counts = Counter(uid for uid, _ in uids if uid is not None)
    for uid, count in counts.items():
        if count > 1:
            first = next(raw.component for text, raw in uids if text == uid)
            at = _where(first, name)
            notes.add(IMPORT_ASSUMED_STRUCTURE, "duplicate-uid", at, value=repr(uid), count=count)


# --- Public --------------------------------------------------------------------------


def from_ical(
    data: bytes,
    *,
    name: str = "<calendar>",
    timezone: str | None = None,
    notes: Notes | None = None,
) -> Agenda:
    """A calendar (agenda-kit's or another tool's) as an agenda.

    Raises ``agenda_kit.LoadError`` when nothing in ``data`` is an event with a usable
    start. What was assumed or skipped is added to ``notes`` when given.
    """
    imported = read(data, name, Options(timezone=timezone))
    if notes is not None:
        notes.extend(imported.notes)
    return imported.agenda


def write(agenda: Agenda, notes: Notes | None = None) -> bytes:
    """The agenda as an iCalendar feed (the same as ``agenda-kit export -o x.ics``)."""
    from ..ical.feed import to_ical

    return to_ical(agenda)
