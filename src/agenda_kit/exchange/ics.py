"""iCalendar (RFC 5545) to agenda, from any calendar tool, and agenda to iCalendar.

Calendars in the wild break the RFC in every way (lines folded by characters, folds
without their space, blank lines, a missing ``END:VCALENDAR``, ``TZID`` values with no
VTIMEZONE or with one that is not an IANA zone, one UID for many events). The reader
here is a small tolerant one of its own, so that it can say where each problem is
(file, line, column) and go on; what it had to skip or assume is in the report.
Sessions come from VEVENTs, rooms from LOCATION, speakers from ATTENDEE, or from the
"Speakers:" paragraph of DESCRIPTION that agenda-kit and other tools write.

Calendars written by agenda-kit itself are read back with their structure: session
ids from the UIDs, parts from RELATED-TO and CATEGORIES, the venue from LOCATION.
"""

from __future__ import annotations

import quopri
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..diagnostics import Location
from ..model import EMAIL_PATTERN, KINDS, Agenda
from ._build import EventInfo, build
from ._common import (
    RANGE_TEXT,
    Imported,
    Item,
    Limits,
    Options,
    Person,
    Report,
    clean_notes,
    clean_text,
    derive_kind,
    import_error,
    in_range,
    limit_error,
    name_and_affiliation,
)
from ._zones import fixed_zone, guess_zone, offset_text, zone_from_text

__all__ = ["from_ical", "read", "write"]

OWN_PRODID = "-//agenda-kit//"
_EMAIL = re.compile(EMAIL_PATTERN)


@dataclass(slots=True)
class Prop:
    name: str
    params: dict[str, str]
    value: str
    line: int
    column: int  # where the value starts, 1-based


@dataclass(slots=True)
class Component:
    name: str
    line: int
    props: list[Prop] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def first(self, name: str) -> Prop | None:
        return next((p for p in self.props if p.name == name), None)

    def all(self, name: str) -> list[Prop]:
        return [p for p in self.props if p.name == name]

    def walk(self, name: str) -> list[Component]:
        found = []
        for child in self.children:
            if child.name == name:
                found.append(child)
            found.extend(child.walk(name))
        return found


# --- Lexing --------------------------------------------------------------------------

_NAME = re.compile(r"^[A-Za-z0-9-]+$")


def _logical_lines(data: bytes, name: str, report: Report, limits: Limits) -> list[tuple[int, str]]:
    """Unfolded content lines with the number of the line each starts on.

    Lines are unfolded as bytes and decoded afterwards: RFC 5545 warns that simple
    writers fold inside a UTF-8 sequence, and unfolding must restore it.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    separator = b"\n" if b"\n" in data else b"\r"
    physical = data.split(separator)
    if physical and not physical[-1].strip(b"\r"):
        physical.pop()  # the line break that ends the file
    folded: list[tuple[int, bytearray]] = []
    for number, line in enumerate(physical, 1):
        raw = line.rstrip(b"\r")  # CRLF, and stray CRs before it
        if len(raw) > limits.line_length or (
            raw[:1] in (b" ", b"\t")
            and folded
            and len(folded[-1][1]) + len(raw) > limits.line_length
        ):
            start = folded[-1][0] if raw[:1] in (b" ", b"\t") and folded else number
            raise limit_error(
                f"the content line that starts on line {start} is longer than "
                f"{limits.line_length} bytes (unfolded)",
                "line_length",
                name,
                start,
            )
        if raw[:1] in (b" ", b"\t"):
            if folded:
                folded[-1][1].extend(raw[1:])
            else:
                report.add(
                    "skipped",
                    "a continuation line with nothing before it",
                    Location(name, number, 1, ""),
                )
            continue
        if not raw.strip():
            report.add(
                "skipped",
                "blank lines (not allowed in iCalendar) were ignored",
                Location(name, number, 1, ""),
                key="blank",
            )
            continue
        folded.append((number, bytearray(raw)))
    lines = []
    for number, content in folded:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            report.add(
                "assumed",
                f"not UTF-8 (byte 0x{content[exc.start]:02x}): read as Latin-1",
                Location(name, number, exc.start + 1, ""),
                key="latin-1",
            )
            text = content.decode("latin-1")
        lines.append((number, text))
    return lines


def _split_params(text: str) -> tuple[list[str], int]:
    """The ``;``-separated pieces before the first ``:`` outside quotes, and its index."""
    pieces: list[str] = []
    current: list[str] = []
    quoted = False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif not quoted and char == ";":
            pieces.append("".join(current))
            current = []
            continue
        elif not quoted and char == ":":
            pieces.append("".join(current))
            return pieces, i
        current.append(char)
    return [*pieces, "".join(current)], -1


def parse(data: bytes, name: str, report: Report, limits: Limits | None = None) -> Component:
    """The component tree of a calendar file (a root holding what the file holds)."""
    root = Component("", 1)
    stack = [root]
    events = 0
    limits = limits or Limits()
    for number, line in _logical_lines(data, name, report, limits):
        pieces, colon = _split_params(line)
        prop_name = pieces[0].strip().upper()
        if colon < 0 or not _NAME.match(prop_name):
            report.add(
                "skipped",
                f"{line[:20]!r} is not a content line (NAME:value); a line fold without its "
                "leading space?",
                Location(name, number, 1, ""),
            )
            continue
        params: dict[str, str] = {}
        for piece in pieces[1:]:
            key, eq, value = piece.partition("=")
            if not eq or not key.strip():
                report.add(
                    "skipped",
                    f"a malformed parameter {piece!r} of {prop_name}",
                    Location(name, number, len(pieces[0]) + 2, ""),
                )
                continue
            params[key.strip().upper()] = value.strip()
        value = line[colon + 1 :]
        if params.get("ENCODING", "").upper() == "QUOTED-PRINTABLE":
            charset = params.get("CHARSET", "utf-8")
            try:
                value = quopri.decodestring(value.encode("latin-1", "replace")).decode(
                    charset, "replace"
                )
            except LookupError:
                report.add("assumed", f"unknown CHARSET {charset!r}: value left encoded")
        if prop_name == "BEGIN":
            component = Component(value.strip().upper(), number)
            events += component.name == "VEVENT"
            if events > limits.sessions:
                raise limit_error(
                    f"the calendar has more than {limits.sessions} events",
                    "sessions",
                    name,
                    number,
                )
            if component.name == "VCALENDAR" and any(c.name == "VCALENDAR" for c in stack):
                report.add(
                    "assumed",
                    "a VCALENDAR inside a VCALENDAR: read as one calendar",
                    Location(name, number, 1, ""),
                )
            stack[-1].children.append(component)
            stack.append(component)
        elif prop_name == "END":
            what = value.strip().upper()
            names = [c.name for c in stack]
            if what in names[1:]:
                while stack[-1].name != what:
                    dropped = stack.pop()
                    report.add(
                        "assumed",
                        f"BEGIN:{dropped.name} (line {dropped.line}) has no END: "
                        f"ended by END:{what}",
                        Location(name, number, 1, ""),
                    )
                stack.pop()
            else:
                report.add(
                    "skipped",
                    f"END:{what} without a BEGIN:{what}",
                    Location(name, number, 1, ""),
                )
        else:
            stack[-1].props.append(Prop(prop_name, params, value, number, colon + 2))
    for open_component in stack[1:]:
        report.add(
            "assumed",
            f"the file ends inside {open_component.name} (line {open_component.line}): "
            "it looks cut off",
            Location(name, open_component.line, 1, ""),
            key="truncated",
        )
    return root


def unescape(text: str) -> str:
    """A TEXT value with its backslash escapes resolved."""
    return re.sub(
        r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], text.replace("\\\r\n", "")
    ).strip()


def _text_list(text: str) -> list[str]:
    """A comma-separated TEXT list (CATEGORIES), escapes resolved."""
    values, current, i = [], "", 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            current += "\n" if nxt in "nN" else nxt
            i += 2
            continue
        if char == ",":
            values.append(current.strip())
            current = ""
        else:
            current += char
        i += 1
    values.append(current.strip())
    return [v for v in values if v]


# --- Time zones ----------------------------------------------------------------------

_OFFSET = re.compile(r"^\s*([+-])(\d\d)(\d\d)(\d\d)?\s*$")
_DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def _offset(text: str) -> int:
    match = _OFFSET.match(text)
    if not match or int(match[2]) > 23 or int(match[3]) > 59:
        raise ValueError(f"not a UTC offset: {text!r}")
    seconds = int(match[2]) * 3600 + int(match[3]) * 60 + int(match[4] or 0)
    return seconds if match[1] == "+" else -seconds


@dataclass(slots=True)
class _Observance:
    start: datetime  # naive local (in the offset before the change)
    offset_from: int
    offset_to: int
    months: list[int]
    day: tuple[int, int] | None  # (ordinal, weekday): -1SU, 2SU
    until: datetime | None
    rdates: list[datetime]

    def onsets(self, year: int) -> list[datetime]:
        out = [d for d in (self.start, *self.rdates) if d.year == year]
        if self.day is None and not self.months:
            return out
        if year <= self.start.year and year != self.start.year:
            return out
        for month in self.months or [self.start.month]:
            try:
                if self.day is None:
                    day = date(year, month, min(self.start.day, 28))
                else:
                    day = _nth_weekday(year, month, *self.day)
            except ValueError:  # year 0 or 10000, or no fifth Sunday in that month
                continue
            onset = datetime.combine(day, self.start.time())
            if onset >= self.start and (self.until is None or onset <= self.until):
                out.append(onset)
        return out


def _nth_weekday(year: int, month: int, nth: int, weekday: int) -> date:
    """The ``nth`` (1 to 5, or -1 to -5 from the end) weekday of a month; ValueError
    when the month has no such day (a fifth Sunday) or the year is out of range."""
    if nth > 0:
        first = date(year, month, 1)
        day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    else:
        following = date(year + month // 12, month % 12 + 1, 1)
        last = following - timedelta(days=1)
        day = last - timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-nth - 1))
    if day.month != month:
        raise ValueError(f"no {nth} weekday {weekday} in {year}-{month:02d}")
    return day


class VTimezone(tzinfo):
    """A VTIMEZONE's rules (yearly BYMONTH/BYDAY and RDATE observances) as a tzinfo."""

    def __init__(self, tzid: str, observances: list[_Observance]) -> None:
        self.tzid = tzid
        self.observances = observances
        self.fixed = (
            len(observances) == 1
            and not observances[0].months
            and (observances[0].offset_from == observances[0].offset_to)
        )

    @classmethod
    def from_component(cls, component: Component) -> VTimezone:
        tzid_prop = component.first("TZID")
        tzid = unescape(tzid_prop.value) if tzid_prop is not None else ""
        observances = []
        for child in component.children:
            if child.name not in ("STANDARD", "DAYLIGHT"):
                continue
            start_prop, from_prop, to_prop = (
                child.first("DTSTART"),
                child.first("TZOFFSETFROM"),
                child.first("TZOFFSETTO"),
            )
            if start_prop is None or to_prop is None:
                raise ValueError(f"{child.name} without DTSTART or TZOFFSETTO")
            offset_to = _offset(to_prop.value)
            offset_from = _offset(from_prop.value) if from_prop is not None else offset_to
            start = _naive(start_prop.value)
            months: list[int] = []
            day = None
            until = None
            rule = child.first("RRULE")
            if rule is not None:
                parts = dict(p.split("=", 1) for p in rule.value.upper().split(";") if "=" in p)
                if parts.get("FREQ") != "YEARLY":
                    raise ValueError(f"RRULE {rule.value!r} is not yearly")
                bymonth = parts.get("BYMONTH", str(start.month)).split(",")
                if not all(m.isdigit() and 1 <= int(m) <= 12 for m in bymonth):
                    raise ValueError(f"RRULE {rule.value!r} has a BYMONTH that is not a month")
                months = [int(m) for m in bymonth]
                if "BYDAY" in parts:
                    match = re.match(r"^([+-]?[1-5])(MO|TU|WE|TH|FR|SA|SU)$", parts["BYDAY"])
                    if not match or "BYMONTHDAY" in parts:
                        raise ValueError(f"RRULE {rule.value!r} is not understood")
                    day = (int(match[1]), _DAYS[match[2]])
                if "UNTIL" in parts:
                    until = _naive(parts["UNTIL"])
            rdates = [_naive(v) for p in child.all("RDATE") for v in p.value.split(",")]
            observances.append(
                _Observance(start, offset_from, offset_to, months, day, until, rdates)
            )
        if not observances:
            raise ValueError("no STANDARD or DAYLIGHT rules")
        return cls(tzid, observances)

    def offset_at(self, local: datetime) -> int:
        best: tuple[datetime, int] | None = None
        for obs in self.observances:
            for year in (local.year - 1, local.year):
                for onset in obs.onsets(year):
                    if onset <= local and (best is None or onset > best[0]):
                        best = (onset, obs.offset_to)
        if best is None:
            earliest = min(self.observances, key=lambda o: o.start)
            return earliest.offset_from
        return best[1]

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if dt is None:
            return timedelta(0)
        return timedelta(seconds=self.offset_at(dt.replace(tzinfo=None)))

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return self.tzid


def _naive(text: str) -> datetime:
    text = text.strip().rstrip("Z")
    if re.match(r"^\d{8}$", text):
        return datetime.strptime(text, "%Y%m%d")
    return datetime.strptime(text[:15], "%Y%m%dT%H%M%S")


# --- Events --------------------------------------------------------------------------


@dataclass(slots=True)
class _When:
    """A DTSTART or DTEND as written: UTC, in a zone, floating, or a date."""

    local: datetime  # naive
    kind: str  # "utc", "zone", "floating", "date"
    tz: tzinfo | None = None
    tzid: str = ""

    def instant(self, default: tzinfo) -> datetime:
        if self.kind == "utc":
            return self.local.replace(tzinfo=UTC)
        return self.local.replace(tzinfo=self.tz or default)


_DATE_TIME = re.compile(r"^(\d{4})-?(\d\d)-?(\d\d)(?:T(\d\d):?(\d\d)(?::?(\d\d))?(Z)?)?$")


class _Zones:
    """TZIDs of one calendar resolved to tzinfo: IANA names, VTIMEZONEs, offset names."""

    def __init__(self, root: Component, name: str, report: Report) -> None:
        self.name = name
        self.report = report
        self.components = {
            unescape(prop.value).strip('"'): c
            for c in root.walk("VTIMEZONE")
            if (prop := c.first("TZID")) is not None
        }
        self.cache: dict[str, tzinfo | None] = {}
        self.iana: Counter[str] = Counter()
        self.unknown: set[str] = set()

    def resolve(self, tzid: str, prop: Prop) -> tzinfo | None:
        tzid = tzid.strip('"')
        if tzid in self.cache:
            zone = self.cache[tzid]
        else:
            zone = self.cache[tzid] = self._resolve(tzid, prop)
        if isinstance(zone, ZoneInfo):
            self.iana[zone.key] += 1
        return zone

    def _resolve(self, tzid: str, prop: Prop) -> tzinfo | None:
        iana, fixed = zone_from_text(tzid)
        where = Location(self.name, prop.line, prop.column, "")
        if iana is not None:
            try:
                return ZoneInfo(iana)
            except (ZoneInfoNotFoundError, ValueError, OSError):
                iana = None
        component = self.components.get(tzid)
        if component is not None:
            try:
                zone = VTimezone.from_component(component)
            except (ValueError, KeyError) as exc:
                self.report.add(
                    "assumed",
                    f"the VTIMEZONE of {tzid!r} cannot be read ({exc})",
                    Location(self.name, component.line, 1, ""),
                )
            else:
                self.report.add(
                    "assumed",
                    f"TZID {tzid!r} is not an IANA zone: its VTIMEZONE rules are used",
                    where,
                )
                return zone
        if fixed is not None:
            self.report.add(
                "assumed", f"TZID {tzid!r} is read as the offset {offset_text(fixed)}", where
            )
            return timezone_fixed(fixed)
        self.unknown.add(tzid)
        self.report.add(
            "assumed",
            f"TZID {tzid!r} is neither an IANA zone nor defined by a VTIMEZONE: its times are "
            "read in the agenda's zone",
            where,
        )
        return None


def timezone_fixed(seconds: int) -> tzinfo:
    from datetime import timezone

    return timezone(timedelta(seconds=seconds))


def _when(prop: Prop, zones: _Zones) -> _When:
    value = prop.value.strip()
    match = _DATE_TIME.match(value)
    if not match:
        raise ValueError(f"{prop.name} {value!r} is not a date or date-time")
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if match[4] is None:
        return _When(datetime(year, month, day), "date")
    local = datetime(year, month, day, int(match[4]), int(match[5]), int(match[6] or 0))
    if match[7]:
        return _When(local, "utc")
    tzid = prop.params.get("TZID")
    if tzid:
        zone = zones.resolve(tzid, prop)
        if zone is not None:
            return _When(local, "zone", zone, tzid)
    return _When(local, "floating")


_DURATION_RE = re.compile(
    r"^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$"
)


def _duration(text: str) -> timedelta:
    match = _DURATION_RE.match(text.strip().upper())
    if not match or text.strip().upper() in ("P", "PT"):
        raise ValueError(f"DURATION {text.strip()!r} is not a duration")
    weeks, days, hours, minutes, seconds = (int(g or 0) for g in match.groups()[1:])
    total = (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds
    if total > 366 * 86400:
        raise ValueError(f"DURATION {text.strip()!r} is longer than a year")
    if match[1] == "-":
        raise ValueError(f"DURATION {text.strip()!r} is negative")
    return timedelta(seconds=total)


@dataclass(slots=True)
class _Raw:
    component: Component
    start: _When
    end: _When | None
    length: timedelta | None


# Labels of the paragraph or line that names the speakers in a DESCRIPTION.
_SPEAKER_LABELS = (
    "speakers",
    "speaker",
    "presenters",
    "presenter",
    "referenten",
    "referent",
    "sprecher",
    "intervenants",
    "intervenant",
    "담당",
    "발표자",
    "von",
)
_LABEL_LINE = re.compile(rf"^\s*({'|'.join(_SPEAKER_LABELS)})\s*:\s*(.+?)\s*$", re.I)


def _names(text: str) -> list[tuple[str, str | None]]:
    """``Ann (ACME), Bob and Cy`` as (name, affiliation) pairs."""
    pieces, depth, current = [], 0, ""
    for char in text:
        depth += char in "(["
        depth -= char in ")]"
        if char == "," and depth == 0:
            pieces.append(current)
            current = ""
        else:
            current += char
    pieces.append(current)
    out: list[tuple[str, str | None]] = []
    for piece in pieces:
        for name in re.split(r"\s+(?:and|und|et|&)\s+", piece) if depth == 0 else [piece]:
            if name.strip():
                out.append(name_and_affiliation(name))
    return out


def _speakers_in_description(text: str) -> tuple[list[tuple[str, str | None]], str]:
    """Speakers named by a labelled first line or last paragraph, and the rest."""
    lines = text.split("\n")
    for index in (len(lines) - 1, 0):
        match = _LABEL_LINE.match(lines[index]) if lines else None
        if match:
            rest = lines[:index] + lines[index + 1 :]
            return _names(match[2]), "\n".join(rest).strip()
    return [], text


def _pretalx_summary(summary: str) -> tuple[str, list[tuple[str, str | None]]]:
    """pretalx writes ``Title - Name [Affiliation], Name [Affiliation]`` (and
    ``Title -`` for a session without speakers)."""
    if summary.endswith(" -"):
        return summary[:-2].rstrip(), []
    # The last " - " outside brackets (affiliations may hold one: [CSC - IT Center]).
    cuts = [
        m.start()
        for m in re.finditer(" - ", summary)
        if summary.count("[", 0, m.start()) == summary.count("]", 0, m.start())
    ]
    if not cuts:
        return summary, []
    title, tail = summary[: cuts[-1]], summary[cuts[-1] + 3 :]
    people: list[tuple[str, str | None]] = []
    pattern = re.compile(r"\s*([^,\[\]]+?)\s*(?:\[([^\]]*)\])?\s*(?:,|$)")
    position = 0
    while position < len(tail):
        match = pattern.match(tail, position)
        if not match or match.end() == position:
            return summary, []
        people.append((match[1], match[2] or None))
        position = match.end()
    return title, people


# --- The reader ----------------------------------------------------------------------


def read(data: bytes, name: str, options: Options) -> Imported:
    """A calendar file as an agenda. Raises ``LoadError`` when no event can be read."""
    report = Report()
    root = parse(data, name, report, options.limits)
    calendars = [c for c in root.children if c.name == "VCALENDAR"]
    if not calendars and not root.walk("VEVENT"):
        raise import_error(
            "not an iCalendar file: no BEGIN:VCALENDAR and no BEGIN:VEVENT", name, 1, 1
        )
    if not calendars:
        report.add("assumed", "the events are not inside a VCALENDAR")
    head = calendars[0] if calendars else root
    prodid = head.first("PRODID")
    own = prodid is not None and prodid.value.startswith(OWN_PRODID)
    zones = _Zones(root, name, report)
    raws = _raw_events(root, zones, name, report)
    others: list[str] = []
    for other in ("VTODO", "VJOURNAL", "VFREEBUSY"):
        found = root.walk(other)
        if found:
            others.append(f"{len(found)} {other}")
            report.add(
                "skipped",
                f"{len(found)} {other} component(s): only VEVENTs are sessions",
                Location(name, found[0].line, 1, ""),
            )
    if not root.walk("VEVENT"):
        holds = f" (it holds {', '.join(others)})" if others else ""
        line = calendars[0].line if calendars else 1
        raise import_error(f"the calendar has no events: no VEVENT{holds}", name, line, 1)
    if not raws:
        skipped = [n for n in report.skipped if "VEVENT" not in n.message]
        first = skipped[0] if skipped else None
        where = first.location if first is not None and first.location else None
        more = len(skipped) - 1
        cut = next((n.message for n in report.assumed if n.key == "assumed:truncated"), "")
        raise import_error(
            "no event can be imported: "
            + (first.message if first is not None else "no event has a usable start")
            + (f" (and {more} more problems)" if more > 0 else "")
            + (f"; {cut}" if cut else ""),
            name,
            where.line if where else 1,
            where.column if where else 1,
        )
    zone = _choose_zone(head, raws, zones, options, name, report)
    default = ZoneInfo(zone)
    items = (
        _own_items(head, raws, default, name, report)
        if own
        else _items(head, raws, default, name, report)
    )
    info = _info(head, name, own, items)
    if own:
        _own_venue(items, info)
    _duplicate_uids(raws, name, report)
    return Imported(build(items, zone, info, report), report, "ics")


def _raw_events(root: Component, zones: _Zones, name: str, report: Report) -> list[_Raw]:
    raws = []
    for event in root.walk("VEVENT"):
        where = Location(name, event.line, 1, "")
        status = event.first("STATUS")
        if status is not None and status.value.strip().upper() == "CANCELLED":
            report.add("skipped", "cancelled events were left out", where, key="cancelled")
            continue
        start_prop = event.first("DTSTART")
        if start_prop is None:
            report.add("skipped", "an event without DTSTART", where, key="no-dtstart")
            continue
        try:
            start = _when(start_prop, zones)
        except ValueError as exc:
            report.add(
                "skipped",
                f"an event whose {exc}",
                Location(name, start_prop.line, start_prop.column, ""),
            )
            continue
        end: _When | None = None
        length: timedelta | None = None
        end_prop = event.first("DTEND")
        duration_prop = event.first("DURATION")
        try:
            if end_prop is not None:
                end = _when(end_prop, zones)
            elif duration_prop is not None:
                length = _duration(duration_prop.value)
        except ValueError as exc:
            prop = end_prop or duration_prop
            assert prop is not None
            report.add(
                "skipped",
                f"an event whose {exc}",
                Location(name, prop.line, prop.column, ""),
            )
            continue
        if not in_range(start.local) or (end is not None and not in_range(end.local)):
            report.add("skipped", f"an event: {RANGE_TEXT}", where, key="range")
            continue
        if end is None and length is None:
            if start.kind == "date":
                length = timedelta(days=1)
            else:
                length = timedelta(0)
                report.add(
                    "assumed",
                    "events with neither DTEND nor DURATION take no time (RFC 5545)",
                    where,
                    key="no-end",
                )
        if start.kind == "date":
            report.add(
                "assumed",
                "all-day events are sessions from midnight to midnight",
                where,
                key="all-day",
            )
        if event.first("RRULE") is not None or event.first("RDATE") is not None:
            report.add(
                "unmapped",
                "repeating events (RRULE, RDATE): only the first occurrence is imported",
                where,
                key="rrule",
            )
        raws.append(_Raw(event, start, end, length))
    return raws


def _choose_zone(
    head: Component,
    raws: list[_Raw],
    zones: _Zones,
    options: Options,
    name: str,
    report: Report,
) -> str:
    from ..timespan import is_zone

    if options.timezone:
        return options.timezone
    wr = head.first("X-WR-TIMEZONE")
    if wr is not None and is_zone(unescape(wr.value)):
        return unescape(wr.value)
    if zones.iana:
        zone = zones.iana.most_common(1)[0][0]
        if len(zones.iana) > 1:
            report.add(
                "assumed",
                f"events use several zones ({', '.join(sorted(zones.iana))}): "
                f"the agenda is in {zone}, the most used",
            )
        return zone
    misused = head.first("VTIMEZONE")
    if misused is not None and is_zone(misused.value.strip()):
        report.add(
            "assumed",
            f"`VTIMEZONE: {misused.value.strip()}` is written as a property, not a "
            "component: read as the calendar's zone",
            Location(name, misused.line, misused.column, ""),
        )
        return misused.value.strip()
    samples = []
    fixed_only = True
    for raw in raws:
        for when in (raw.start, raw.end):
            if when is not None and when.kind == "zone" and when.tz is not None:
                instant = when.instant(UTC)
                offset = instant.utcoffset()
                samples.append((instant, int(offset.total_seconds()) if offset else 0))
                fixed_only &= not isinstance(when.tz, VTimezone) or when.tz.fixed
    if samples:
        offsets = sorted({o for _, o in samples})
        guessed = (fixed_zone(offsets[0]) if fixed_only and len(offsets) == 1 else None) or (
            guess_zone(samples)
        )
        if guessed is not None:
            zone = guessed
            report.add(
                "assumed",
                f"no IANA zone is named: {zone} has the calendar's UTC offsets "
                f"({', '.join(offset_text(o) for o in offsets)}); pass --timezone to choose",
            )
            return zone
    kinds = {raw.start.kind for raw in raws}
    if kinds <= {"utc"}:
        report.add(
            "assumed",
            "all times are in UTC and no zone is named: the agenda is in UTC; "
            "pass --timezone to show local times",
        )
    else:
        report.add(
            "assumed",
            "times without a zone (floating) are read as UTC; pass --timezone with the "
            "event's zone",
        )
    return "UTC"


def _span(raw: _Raw, default: tzinfo) -> tuple[datetime, datetime]:
    start = raw.start.instant(default)
    if raw.end is not None:
        end = raw.end.instant(default)
    else:
        assert raw.length is not None
        # A duration of days is nominal (a day is 23 h on a spring-forward date).
        nominal = raw.start.local + raw.length
        if raw.start.kind == "utc":
            end = nominal.replace(tzinfo=UTC)
        else:
            end = nominal.replace(tzinfo=raw.start.tz or default)
    return start, end


def _where(component: Component, name: str) -> Location:
    return Location(name, component.line, 1, "")


def _value(component: Component, prop_name: str) -> str:
    prop = component.first(prop_name)
    return unescape(prop.value) if prop is not None else ""


def _attendees(component: Component) -> list[Person]:
    people = []
    for prop in component.all("ATTENDEE"):
        if prop.params.get("ROLE", "").upper() == "NON-PARTICIPANT":
            continue
        value = prop.value.strip()
        email = value[7:] if value.lower().startswith("mailto:") else None
        cn = prop.params.get("CN", "").strip('"').strip()
        person_name = cn or (email.split("@")[0] if email else "")
        if person_name:
            people.append(
                Person(
                    clean_text(person_name),
                    email=email if email and _EMAIL.match(email) else None,
                )
            )
    return people


def _items(
    head: Component, raws: list[_Raw], default: tzinfo, name: str, report: Report
) -> list[Item]:
    prodid = _value(head, "PRODID").lower()
    pretalx = "pretalx" in prodid
    items = []
    for raw in raws:
        event = raw.component
        start, end = _span(raw, default)
        summary = clean_text(_value(event, "SUMMARY"))
        description = clean_notes(_value(event, "DESCRIPTION")) or ""
        speakers = _attendees(event)
        if pretalx:
            summary, people = _pretalx_summary(summary)
            if people:
                report.add(
                    "assumed",
                    "speakers were split off pretalx titles (`Title - Name [Affiliation]`)",
                    key="pretalx-speakers",
                )
            speakers += [Person(n, affiliation=a) for n, a in people]
        named, rest = _speakers_in_description(description)
        if named:
            report.add(
                "assumed",
                "speakers were read from `Speaker:` lines of descriptions",
                key="description-speakers",
            )
            known = {p.name for p in speakers}
            speakers += [Person(n, affiliation=a) for n, a in named if n not in known]
            description = rest
        categories = [c for p in event.all("CATEGORIES") for c in _text_list(p.value)]
        kind = next((c.lower() for c in categories if c.lower() in KINDS), None)
        kind = kind or derive_kind(" ".join([summary, *categories])) or "talk"
        uid = _value(event, "UID")
        ident = uid.split("@")[0] if uid else None
        if not summary:
            report.add("assumed", "events without SUMMARY have an empty title", _where(event, name))
        items.append(
            Item(
                title=summary,
                start=start,
                end=end,
                where=_where(event, name),
                ident=ident or None,
                uid=uid or None,
                room=clean_text(_value(event, "LOCATION")) or None,
                speakers=speakers,
                kind=kind,
                description=description or None,
                url=clean_text(_value(event, "URL")) or None,
            )
        )
    return items


_FLOOR = re.compile(r"^(?P<name>.+?) \((?:floor (?P<en>[^()]+)|(?P<ko>[^()]+?)층)\)$")


def _room_label(label: str) -> tuple[str, int | str | None]:
    match = _FLOOR.match(label)
    if not match:
        return label, None
    floor = match["en"] or match["ko"]
    return match["name"], int(floor) if floor.lstrip("-").isdigit() else floor


def _own_items(
    head: Component, raws: list[_Raw], default: tzinfo, name: str, report: Report
) -> list[Item]:
    """Events of an agenda-kit feed, with ids, parts, rooms and speakers restored."""
    entries = [r for r in raws if re.search(r"~(part|day)@", _value(r.component, "UID"))]
    if entries:
        report.add(
            "skipped",
            f"{len(entries)} overview entries (a feed per part or per day) are not sessions",
        )
    raws = [r for r in raws if r not in entries]
    event_id = _own_event_id(raws)
    items = []
    for raw in raws:
        event = raw.component
        start, end = _span(raw, default)
        uid = _value(event, "UID")
        prefix, suffix = f"{event_id}-", "@agenda-kit"
        ident = (
            uid[len(prefix) : -len(suffix)]
            if uid.startswith(prefix) and uid.endswith(suffix)
            else None
        )
        description = clean_notes(_value(event, "DESCRIPTION")) or ""
        named, rest = _speakers_in_description(description)
        categories = [c for p in event.all("CATEGORIES") for c in _text_list(p.value)]
        kind = categories[0] if categories and categories[0] in KINDS else "talk"
        part_title = categories[1] if len(categories) > 1 else None
        related = _value(event, "RELATED-TO")
        part_id = None
        if related.startswith(prefix) and related.endswith("~part@agenda-kit"):
            part_id = related[len(prefix) : -len("~part@agenda-kit")]
        location = _value(event, "LOCATION")
        items.append(
            Item(
                title=clean_text(_value(event, "SUMMARY")),
                start=start,
                end=end,
                where=_where(event, name),
                ident=ident,
                uid=uid or None,  # kept: a re-export must not give calendars new events
                room=location or None,  # split into room and venue by _own_venue
                speakers=[Person(n, affiliation=a) for n, a in named],
                kind=kind,
                description=rest or None,
                url=clean_text(_value(event, "URL")) or None,
                part=part_title if part_title != part_id else None,
                part_id=part_id,
            )
        )
    return items


def _own_event_id(raws: list[_Raw]) -> str:
    """The event id: the common start (up to a '-') of the session UIDs and part refs."""
    texts = [
        t
        for r in raws
        for t in (_value(r.component, "UID"), _value(r.component, "RELATED-TO"))
        if t.endswith("@agenda-kit")
    ]
    if not texts:
        return ""
    common = texts[0]
    for text in texts[1:]:
        while not text.startswith(common):
            common = common[:-1]
    if len(texts) == 1:
        common = common.rsplit("@", 1)[0]
    return common[: common.rfind("-")] if "-" in common else ""


def _own_venue(items: list[Item], info: EventInfo) -> None:
    """Rooms, floors and the venue from agenda-kit's ``Room (floor), Venue, Address``."""
    plain = [i.room.split(", ") for i in items if i.room and " → " not in i.room]
    if not plain:
        return
    common = plain[0]
    for parts in plain[1:]:
        n = 0
        while n < min(len(common), len(parts)) and common[-1 - n] == parts[-1 - n]:
            n += 1
        common = common[len(common) - n :] if n else []
    distinct = {tuple(p) for p in plain}
    if len(distinct) == 1 and len(common) == len(plain[0]) and len(common) > 1:
        common = common[1:]  # one room: the first piece is the room
    if common:
        info.venue = common[0]
        info.address = ", ".join(common[1:]) or None
    suffix = ", " + ", ".join(common) if common else ""

    def room_of(text: str) -> str | None:
        if text == ", ".join(common):
            return None
        label = text[: -len(suffix)] if suffix and text.endswith(suffix) else text
        room, floor = _room_label(label)
        if floor is not None:
            info.floors[room] = floor
        return room

    for item in items:
        if not item.room:
            continue
        if " → " in item.room and item.kind == "transfer":
            here, there = item.room.split(" → ", 1)
            item.room = room_of(here + suffix)
            item.to_room = room_of(there)
        else:
            item.room = room_of(item.room)


def _info(head: Component, name: str, own: bool, items: list[Item]) -> EventInfo:
    from pathlib import Path

    title = clean_text(_value(head, "X-WR-CALNAME") or _value(head, "NAME"))
    description = clean_notes(_value(head, "X-WR-CALDESC") or _value(head, "DESCRIPTION"))
    if not title:
        title = clean_text(description or "") if description and "\n" not in description else ""
        description = None if title else description
    info = EventInfo(
        title=title or Path(name).stem or "Imported calendar",
        description=description,
        url=clean_text(_value(head, "URL")) or None,
    )
    if own and any("담당:" in (i.description or "") for i in items):
        info.lang = "ko"
    return info


def _duplicate_uids(raws: list[_Raw], name: str, report: Report) -> None:
    counts = Counter(_value(r.component, "UID") for r in raws if r.component.first("UID"))
    for uid, count in counts.items():
        if count > 1:
            first = next(r for r in raws if _value(r.component, "UID") == uid)
            report.add(
                "assumed",
                f"UID {uid!r} is used by {count} events: they are kept as separate sessions "
                "with the same id (calendar clients show only one of them)",
                _where(first.component, name),
            )


# --- Public --------------------------------------------------------------------------


def from_ical(
    data: bytes,
    *,
    name: str = "<calendar>",
    timezone: str | None = None,
    report: Report | None = None,
) -> Agenda:
    """A calendar (agenda-kit's or another tool's) as an agenda.

    Raises ``agenda_kit.LoadError`` when nothing in ``data`` is an event with a usable
    start. What was assumed or skipped is added to ``report`` when one is given.
    """
    imported = read(data, name, Options(timezone=timezone))
    if report is not None:
        report.notes.extend(imported.report.notes)
    return imported.agenda


def write(agenda: Agenda, report: Report | None = None) -> bytes:
    """The agenda as an iCalendar feed (the same as ``agenda-kit export -o x.ics``)."""
    from ..ical.feed import to_ical

    return to_ical(agenda)
