"""Agenda tables as spreadsheets export them (CSV), and agendas written as such tables.

A header row names the columns; common names in English, German, French and Korean
are recognised (``start``/``Beginn``/``début``/``시작`` …). Sessions need a title and a
start; the end comes from an ``end`` or ``minutes`` column, or from a ``time`` column
holding a range (``09:00-09:30``). UTF-8 with or without a BOM; comma, semicolon or tab.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from operator import methodcaller
from zoneinfo import ZoneInfo

from ..diagnostics import Location
from ..findings import (
    EXPORT_NOT_CARRIED,
    IMPORT_ASSUMED_STRUCTURE,
    IMPORT_ASSUMED_TIME,
    IMPORT_ASSUMED_ZONE,
    IMPORT_MALFORMED,
    IMPORT_SKIPPED,
    IMPORT_UNKNOWN_COLUMN,
    IMPORT_UNREADABLE,
    IMPORT_VALUE_DROPPED,
    IMPORT_WRONG_FORMAT,
)
from ..model import KINDS, Agenda
from ..timespan import ZoneClock, is_zone
from ._build import EventInfo, imported
from ._common import (
    MAX_MINUTES,
    Imported,
    Item,
    Notes,
    Options,
    Person,
    balanced,
    clean_notes,
    clean_text,
    derive_kind,
    import_error,
    in_range,
    limit_error,
    name_and_affiliation,
    nothing_readable,
    quoted,
    split_names,
)
from ._zones import offset_text

__all__ = ["COLUMNS", "escape_cell", "read", "unescape_cell", "write"]

# Column -> the header names it is known by (compared in lower case, without spaces,
# dots and parentheses).
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("date", "day", "datum", "tag", "jour", "날짜", "일자"),
    "time": ("time", "times", "slot", "zeit", "uhrzeit", "heure", "시간"),
    "start": ("start", "starts", "begin", "from", "starttime", "beginn", "von", "début",
              "debut", "시작", "시작시간"),
    "end": ("end", "ends", "to", "until", "endtime", "ende", "bis", "fin", "종료", "종료시간"),
    "minutes": ("minutes", "mins", "min", "duration", "length", "dauer", "minuten", "durée",
                "duree", "분", "소요시간", "소요"),
    "title": ("title", "session", "name", "topic", "subject", "summary", "talk", "titel",
              "thema", "titre", "sujet", "제목", "주요내용", "내용"),
    "speakers": ("speakers", "speaker", "presenter", "presenters", "referent", "referenten",
                 "sprecher", "intervenant", "intervenants", "발표자", "연사", "담당"),
    "room": ("room", "location", "raum", "ort", "saal", "salle", "lieu", "장소", "회의실"),
    "kind": ("kind", "type", "category", "art", "typ", "구분", "유형"),
    "description": ("description", "abstract", "notes", "beschreibung", "résumé", "설명",
                    "비고"),
    "part": ("part", "block", "teil", "partie", "순서", "부"),
    "track": ("track", "stream", "spur", "트랙"),
    "id": ("id", "uid", "key"),
    "url": ("url", "link", "web"),
    "language": ("language", "lang", "sprache", "langue", "언어"),
    "to": ("transferto", "nachraum", "이동장소"),
    "timezone": ("timezone", "tz", "zone", "zeitzone", "fuseau"),
    # `false` where the part's room may be free between sessions (`contiguous: false`).
    "contiguous": ("contiguous",),
}  # fmt: skip
_KNOWN = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
_KIND_ALIASES = {"pause": "break", "lunch": "break", "coffee": "break", "panel": "discussion"}

_LINE_END = re.compile(r"\r\n|\r|\n")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_HIGH = bytes(range(128, 256))
# The longest a row whose end is before its start may run past midnight (minutes on
# the clock); a longer one is taken for a slip, its end left out.
_OVERNIGHT = 12 * 60
_QUOTED_CELL = methodcaller("startswith", "'")
# A clock time, with an optional UTC offset: the export writes one on times in the
# repeated hour of a night when the clocks go back (`02:30 UTC+01:00`, the second
# 02:30). With `UTC` before it, so that it is never a range (`10:00-11:00`).
_CLOCK = re.compile(
    r"^\s*(\d{1,2})[:.h](\d\d)(?::(\d\d))?\s*([ap]\.?m\.?)?\s*(Z|UTC[+-]\d\d:\d\d)?\s*$", re.I
)
_RANGE = re.compile(r"^\s*(.+?)\s*[-~\u2013\u2014\u301c\uff5e]\s*(.+?)\s*$")
_DATE_AND_TIME = re.compile(r"^(\d{4}-\d\d-\d\d)[T ](.+)$")
# A table repeats its clocks, lengths, dates and speakers row after row: what a cell
# reads as is worked out once per distinct text (the results are immutable), a third
# of the import of a 100,000-row table otherwise.
_CACHE = 4096


# Spreadsheets evaluate a cell that starts with one of these (OWASP, CSV injection):
# such a cell is written with a ' before it, which spreadsheets show as text. A cell
# that already starts with quotes before one of these gets one quote more, so that
# reading removes exactly one and every text comes back as it was.
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def escape_cell(text: str) -> str:
    """A cell as written: ``'`` before text a spreadsheet would take for a formula."""
    return "'" + text if _FORMULA.match(text) else text


def unescape_cell(text: str) -> str:
    """A cell as read: the ``'`` that ``escape_cell`` put before a formula removed."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text[1:]) else text


def _header_key(text: str) -> str:
    return re.sub(r"[\s._()\[\]/]+", "", text.lower().lstrip("\ufeff"))


@functools.lru_cache(_CACHE)
def _clock(text: str) -> time | None:
    match = _CLOCK.match(text)
    if not match:
        return None
    hours, minutes = int(match[1]), int(match[2])
    meridiem = (match[4] or "").lower().replace(".", "")
    if meridiem:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if meridiem == "pm" else 0)
    if hours > 23 or minutes > 59 or (match[3] is not None and int(match[3]) > 59):
        return None
    offset = _offset(match[5])
    if isinstance(offset, bool):
        return None
    return time(hours, minutes, tzinfo=offset)


def _offset(text: str | None) -> timezone | bool | None:
    """The fixed zone of a UTC offset (``Z``, ``UTC+01:00``, ``UTC-05:00``); False when it
    is not one (hours past 23, minutes past 59)."""
    if not text:
        return None
    if text in ("Z", "z"):
        return UTC
    hours, minutes = int(text[4:6]), int(text[7:9])
    if hours > 23 or minutes > 59:
        return False
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if text[3] == "-" else delta)


@functools.lru_cache(_CACHE)
def _local(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """``clock`` on ``day`` in ``tz``; a clock with a UTC offset is that instant."""
    when = datetime.combine(day, clock)
    return when.replace(tzinfo=tz) if when.tzinfo is None else when.astimezone(tz)


def _minute(clock: time) -> int:
    return clock.hour * 60 + clock.minute


def _after(when: datetime, minutes: int) -> datetime:
    """``minutes`` of elapsed time after ``when`` (not of the wall clock: a night when
    the clocks change has an hour more or less)."""
    return (when.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(when.tzinfo)


@functools.lru_cache(_CACHE)
def _end_clock(text: str) -> tuple[time, int] | None:
    """An end time and the days it is after the start's date: ``24:00`` (ISO 8601's
    end of the day, which agendas and spreadsheets write) is midnight of the next day."""
    match = _CLOCK.match(text)
    if (
        match
        and int(match[1]) == 24
        and int(match[2]) == 0
        and not match[4]
        and not match[5]
        and int(match[3] or 0) == 0
    ):
        return time(0, 0), 1
    clock = _clock(text)
    return (clock, 0) if clock is not None else None


def _iso_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@functools.lru_cache(_CACHE)
def _minutes(text: str) -> int | None:
    # At most nine digits: far beyond any length the model takes (the model then says
    # so at the cell), and never a number Python refuses to convert (over 4,300 digits).
    text = text.strip().lower()
    if re.fullmatch(r"\d{1,9}(\s*(min|mins|minutes|minuten|m|분|‘|’|'))?", text):
        return int(re.match(r"\d+", text)[0])  # type: ignore[index]
    match = re.fullmatch(r"(\d{1,9})\s*[:h]\s*(\d\d)(?:\s*m(?:in)?)?", text)
    if match:
        return int(match[1]) * 60 + int(match[2])
    return None


def _dates(values: list[str]) -> tuple[dict[str, date], list[str], str | None]:
    """Dates of the date column (each text read once, the unreadable ones listed once);
    for ``a/b/yyyy`` the order the whole column allows."""
    values = list(dict.fromkeys(values))
    slashed = [v for v in values if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", v)]
    month_first = any(int(v.split("/")[1]) > 12 for v in slashed)
    day_first = any(int(v.split("/")[0]) > 12 for v in slashed)
    assumed = None
    if slashed and not month_first and not day_first:
        assumed = "dates such as 03/04/2025 are read day first (03 April)"
    parsed: dict[str, date] = {}
    bad: list[str] = []
    for value in values:
        text = value.strip()
        try:
            if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
                parsed[value] = date.fromisoformat(text)
            elif re.fullmatch(r"\d{4}[./]\d{1,2}[./]\d{1,2}\.?", text):
                y, m, d = (int(x) for x in re.split(r"[./]", text.rstrip("."))[:3])
                parsed[value] = date(y, m, d)
            elif re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text):
                d, m, y = (int(x) for x in text.split("."))
                parsed[value] = date(y, m, d)
            elif value in slashed:
                a, b, y = (int(x) for x in text.split("/"))
                parsed[value] = date(y, a, b) if month_first and not day_first else date(y, b, a)
            else:
                bad.append(value)
        except ValueError:
            bad.append(value)
    return parsed, bad, assumed


def _field_columns(line: str, delimiter: str) -> list[int]:
    """1-based character columns where the fields of a (single-line) CSV row start."""
    if '"' not in line:  # most rows: no quoted field, so every delimiter separates
        columns = [1]
        for field in line.split(delimiter)[:-1]:
            columns.append(columns[-1] + len(field) + 1)
        return columns
    # Between the quotes: the even pieces are outside quotes, where delimiters count
    # (a piece at a time instead of a character at a time: most rows quote a title).
    columns, offset = [1], 0
    for i, piece in enumerate(line.split('"')):
        if not i % 2:
            at = offset
            for field in piece.split(delimiter)[:-1]:
                at += len(field) + 1
                columns.append(at + 1)
        offset += len(piece) + 1
    return columns


def _column(line: str, row: list[str], index: int, delimiter: str) -> int:
    """The 1-based character column where field ``index`` of ``row`` starts on ``line``
    (the line the record starts on; 1 for a field on a later line of the record)."""
    if index == 0:
        return 1
    prefix = delimiter.join(row[:index])
    # The fields before it written as they read (no quotes, no delimiter in them, not
    # unescaped): they end where their text ends (most rows, without a scan).
    if (
        '"' not in prefix
        and line.startswith(prefix)
        and line[len(prefix) : len(prefix) + 1] == delimiter
    ):
        return len(prefix) + 2
    starts = _field_columns(line, delimiter)
    return starts[index] if index < len(starts) else 1


def read(data: bytes, name: str, options: Options) -> Imported:
    """A CSV agenda table as an agenda. Raises ``LoadError`` when it has no usable rows."""
    # The text, its lines and rows are let go before the agenda is built: a large
    # table's build then reuses their memory.
    items, zone, info, report = _items(data, name, options)
    return imported(items, zone, info, report, "csv")


def _closed_quotes(
    lines: list[str], rows: list[tuple[int, list[str]]], end: int, delimiter: str, name: str
) -> None:
    """Refuse a table whose last record runs to the end of the file inside a quoted
    cell: the csv module (not strict, so as to take stray quotes inside cells) reads
    every line after an unclosed quote into that one cell, and the rows in it would be
    lost without a word (found by a new user). Only that record is read again, strictly."""
    if not rows or end <= rows[-1][0]:
        return  # the last record is one line: no cell of it ran on
    first = rows[-1][0]
    tail = "\n".join(lines[first - 1 :])
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" not in str(exc) or not any(
            line.strip() for line in lines[first:]
        ):
            # Something the lenient reading takes (a quote inside a cell), or a cell
            # that runs on over blank lines only: no row is lost (review).
            return
        # The quote is the last one on the record's first line that opens a cell.
        line = lines[first - 1]
        opening = [
            i for i, c in enumerate(line) if c == '"' and (i == 0 or line[i - 1] == delimiter)
        ]
        column = opening[-1] + 1 if opening else 1
        raise import_error(
            IMPORT_MALFORMED, "csv-open-quote", name, first, column, format="CSV"
        ) from None


def _legacy_text(data: bytes) -> tuple[str, str]:
    """A table that is not UTF-8, as the spreadsheet that saved it meant it: CP949 where
    it reads as CP949 and holds Hangul (what Excel saves in Korean Windows; found by a
    new user), else Windows-1252 (what it saves in Western Europe and the Americas)."""
    western = data.decode("cp1252", errors="replace")
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        return "Windows-1252", western
    # Korean text: its syllables are two bytes above ASCII (KS X 1001; the rarer ones
    # of the extension may end in an ASCII letter). A Western text that happens to
    # decode does so by taking ASCII letters into syllables (`Ändern`: Ä and n make one).
    ascii_chars = len(text.encode("ascii", "ignore"))
    taken = len(data.translate(None, _HIGH)) - ascii_chars  # ASCII bytes in syllables
    others = len(text) - ascii_chars
    if others and taken * 10 <= others and _HANGUL.search(text) and _garbled(western):
        return "CP949", text
    return "Windows-1252", western


def _garbled(text: str) -> bool:
    """Whether a text read as Windows-1252 looks like Korean read so: its syllables'
    bytes give symbols (°, ³, », ¿) as often as letters, where Western text gives
    letters (`APRESENTAÇÃO`, which reads as CP949 too: review)."""
    high = [c for c in text[:100_000] if c > "\x7f"]  # a sample is enough
    symbols = sum(not c.isalpha() for c in high)
    return symbols * 5 >= len(high)


def _items(data: bytes, name: str, options: Options) -> tuple[list[Item], str, EventInfo, Notes]:
    report = Notes(name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        where = Location(name, line, column, "")
        encoding, text = _legacy_text(data)
        report.add(IMPORT_ASSUMED_STRUCTURE, "encoding", where, encoding=encoding)
    # The csv module counts CR, LF and CRLF as line ends, and nothing else: so must
    # the lines that give positions (str.splitlines also splits at U+2028, NEL, FF).
    lines = _LINE_END.split(text)
    if lines and not lines[-1]:
        lines.pop()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise import_error(IMPORT_UNREADABLE, "empty", name)
    limits = options.limits
    long_line = None
    if max(map(len, lines)) > limits.line_length:  # which one: only then a Python loop
        long_line = next(i for i, line in enumerate(lines) if len(line) > limits.line_length)
    if long_line is not None:
        line = long_line + 1
        raise limit_error("line_length", limits.line_length, name, line, start=line)
    header_line = lines[first]
    delimiter = max(",;\t", key=header_line.count)
    if not header_line.count(delimiter):
        raise import_error(IMPORT_WRONG_FORMAT, "one-column", name, first + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        # A record is at the line it starts on (a quoted cell may span lines).
        next_line = 1
        for row in reader:
            number, next_line = next_line, reader.line_num + 1
            if len(rows) > limits.sessions:
                raise limit_error("sessions", limits.sessions, name, reader.line_num)
            # Most rows have no cell to unescape.
            if "'" in "".join(row) and any(map(_QUOTED_CELL, row)):
                row = [unescape_cell(c) for c in row]
            rows.append((number, row))
    except csv.Error as exc:
        # The line the reader stopped at; a field that ran on (an open quote) started
        # on an earlier one, which the message names.
        line = max(reader.line_num, 1)
        raise import_error(
            IMPORT_MALFORMED, "", name, line, format="CSV", detail=str(exc)
        ) from None
    _closed_quotes(lines, rows, reader.line_num, delimiter, name)
    header_row = next(r for r in rows if any(c.strip() for c in r[1]))
    header_number, header = header_row
    columns: dict[str, int] = {}
    unknown = []
    mapped = {_header_key(column): field for field, column in options.columns.items()}
    for index, heading in enumerate(header):
        key = mapped.get(_header_key(heading)) or _KNOWN.get(_header_key(heading))
        if key is not None and key not in columns:
            columns[key] = index
        elif heading.strip():
            unknown.append(heading.strip())
    if unknown:
        where = Location(name, header_number, 1, "")
        report.add(IMPORT_UNKNOWN_COLUMN, "", where, column=", ".join(unknown))
    if "title" not in columns or not ({"start", "time"} & columns.keys()):
        missing = [] if "title" in columns else ["title"]
        if not ({"start", "time"} & columns.keys()):
            missing.append("start (or time)")
        raise import_error(
            IMPORT_WRONG_FORMAT,
            "columns",
            name,
            header_number,
            columns=" and ".join(missing),
            header=", ".join(repr(c) for c in header),
        )
    body = [r for r in rows if r[0] > header_number and "".join(r[1]).strip()]

    def cell(row: list[str], column: str) -> str:
        index = columns.get(column)
        return row[index].strip() if index is not None and index < len(row) else ""

    zone = options.timezone or next(
        (cell(r, "timezone") for _, r in body if is_zone(cell(r, "timezone"))), None
    )
    if zone is None:
        zone = "UTC"
        report.add(IMPORT_ASSUMED_ZONE, "utc")
    tz = ZoneInfo(zone)
    at_date = columns.get("date")
    dates, _, day_order = _dates(
        [d for _, r in body if at_date < len(r) and (d := r[at_date].strip())]
        if at_date is not None
        else []
    )
    if day_order:
        report.add(IMPORT_ASSUMED_TIME, "day-first")
    items: list[Item] = []
    # The field of each column (None: not read), to make a row's values in one step.
    fields: list[str | None] = [None] * (max(columns.values()) + 1)
    for field, index in columns.items():
        fields[index] = field
    # A row whose `timezone` names another zone is read in that zone (its times are
    # that zone's); the agenda is in the first zone named (found by a new user: rows
    # in another zone were read in the first one, hours off, without a word).
    row_zones: dict[str, ZoneInfo | None] = {zone: tz}
    for number, row in body:
        raw = lines[number - 1] if number <= len(lines) else ""
        # The row's stripped values by field; a field the row lacks reads as "".
        get = defaultdict(str, zip(fields, map(str.strip, row), strict=False)).__getitem__

        def at(column: str, number: int = number, raw: str = raw, row: list[str] = row) -> Location:
            index = columns.get(column, columns.get("time", 0))
            return Location(name, number, _column(raw, row, index, delimiter), "")

        named = get("timezone")
        row_tz = _row_zone(named, row_zones, zone, at, report) if named else None
        item = _row(get, at, dates, row_tz or tz, options, report)
        if item is not None:
            items.append(item)
    if not items:
        raise nothing_readable(report, name)
    several = sorted(z for z, found in row_zones.items() if found is not None)
    if len(several) > 1:
        report.add(IMPORT_ASSUMED_ZONE, "several", named=", ".join(several), zone=zone)
    title = options.title or _stem(name)
    return items, zone, EventInfo(title=title), report


def _row_zone(
    named: str,
    known: dict[str, ZoneInfo | None],
    zone: str,
    at: Callable[[str], Location],
    report: Notes,
) -> ZoneInfo | None:
    """The zone a row's `timezone` cell names (None where it names none: the row is
    read in the agenda's zone, with a note)."""
    if named in known:
        found = known[named]
    else:
        found = known[named] = ZoneInfo(named) if is_zone(named) else None
    if found is None:
        report.add(
            IMPORT_ASSUMED_ZONE,
            "csv-unknown-zone",
            at("timezone"),
            key=f"zone:{named}",
            named=named,
            zone=zone,
        )
    return found


def _stem(name: str) -> str:
    from pathlib import Path

    return Path(name).stem or "Imported agenda"


def _row(
    get: Callable[[str], str],
    at: Callable[[str], Location],
    dates: dict[str, date],
    tz: ZoneInfo,
    options: Options,
    report: Notes,
) -> Item | None:
    title = clean_text(get("title"))
    start_text, end_text = get("start"), get("end")
    time_text = get("time")
    if time_text and not start_text:
        match = _RANGE.match(time_text)
        if match and _clock(match[1]) and _end_clock(match[2]):
            start_text, end_text = match[1], end_text or match[2]
        else:
            start_text = time_text
    day_text = get("date")
    combined = _DATE_AND_TIME.match(start_text)
    if combined:
        day_text, start_text = day_text or combined[1], combined[2]
        if (combined_day := _iso_day(combined[1])) is not None:
            dates.setdefault(combined[1], combined_day)
    end_combined = _DATE_AND_TIME.match(end_text)
    end_day = _iso_day(end_combined[1]) if end_combined else None
    if end_combined:
        if end_day is None:
            report.add(IMPORT_SKIPPED, "bad-end", at("end"), value=quoted(end_text))
            return None
        end_text = end_combined[2]
    start_clock = _clock(start_text)
    if start_clock is None:
        if start_text:
            report.add(IMPORT_SKIPPED, "bad-start", at("start"), value=quoted(start_text))
        else:
            report.add(IMPORT_SKIPPED, "no-start", at("start"))
        return None
    if day_text in dates:
        day = dates[day_text]
    elif day_text:
        report.add(IMPORT_SKIPPED, "bad-date", at("date"), value=quoted(day_text))
        return None
    elif options.date is not None:
        day = options.date
    else:
        report.add(IMPORT_SKIPPED, "no-date", at("date"), key="no-date")
        return None
    if not in_range(day) or (end_day is not None and not in_range(end_day)):
        report.add(IMPORT_SKIPPED, "range-row", at("date"), key="range", value=quoted(day_text))
        return None
    start = _local(day, start_clock, tz)
    end: datetime | None = None
    minutes = None
    if end_text:
        end_clock = _end_clock(end_text)
        if end_clock is None:
            report.add(IMPORT_SKIPPED, "bad-end", at("end"), value=quoted(end_text))
            return None
        clock, next_day = end_clock
        # Adding to an aware time resets its fold (the second 02:30 would become the
        # first), and Python compares two times of one zone by the wall clock: so the
        # day is added to the date, and the instants are compared.
        end = _local((end_day or day) + timedelta(days=next_day), clock, tz)
        if end_day is None and end.timestamp() < start.timestamp():
            # An end before the start runs past midnight (22:00-01:00), unless that
            # makes the row longer than a night: then it is a slip (15:08-15:03, found
            # by a new user: a 23 h 55 min session pushed the day's rows to the next).
            end = _local(day + timedelta(days=1), clock, tz)
            # Counted on the clock (a night when the clocks change is no longer).
            if _minute(clock) + 1440 - _minute(start_clock) > _OVERNIGHT:
                report.add(IMPORT_ASSUMED_TIME, "ends-before-start", at("end"), key="ends")
                end = None
    minutes_text = get("minutes")
    if minutes_text:
        minutes = _minutes(minutes_text)
        if minutes is None or minutes > MAX_MINUTES:
            report.add(
                IMPORT_VALUE_DROPPED, "bad-duration", at("minutes"), value=quoted(minutes_text)
            )
            minutes = None
        elif end is None:
            end = _after(start, minutes)
            minutes = None
    kind_text = get("kind").lower()
    kind = kind_text if kind_text in KINDS else _KIND_ALIASES.get(kind_text)
    if kind_text and kind is None:
        report.add(
            IMPORT_ASSUMED_STRUCTURE,
            "kind",
            at("kind"),
            key=f"kind:{kind_text}",
            value=quoted(kind_text),
        )
    speakers = [Person(n, affiliation=a) for n, a in _people(get("speakers"))]
    return Item(
        title=title,
        start=start,
        end=end,
        where=at("title"),
        ident=get("id") or None,
        room=clean_text(get("room")) or None,
        to_room=clean_text(get("to")) or None,
        speakers=speakers,
        kind=kind or derive_kind(title) or "talk",
        minutes=minutes,
        description=clean_notes(get("description")),
        url=clean_text(get("url")) or None,
        language=clean_text(get("language")) or None,
        part=clean_text(get("part")) or None,
        track=clean_text(get("track")) or None,
        free=get("contiguous").lower() in ("false", "no", "0"),
    )


def _speaker_cells(text: str) -> list[str]:
    """The speakers of a cell: separated by `;`, else by `,`, outside brackets (``Ann
    (ACME, Inc.); Bo``); where the brackets do not pair up, at every separator."""
    if not balanced(text):
        return text.split(";" if ";" in text else ",")
    by_semicolon = split_names(text, ";")
    return by_semicolon if len(by_semicolon) > 1 else split_names(text, ",")


@functools.lru_cache(_CACHE)
def _people(text: str) -> tuple[tuple[str, str | None], ...]:
    """The names and affiliations of a speakers cell."""
    return tuple(name_and_affiliation(p) for p in map(clean_text, _speaker_cells(text)) if p)


HEADER = (
    "id", "date", "start", "end", "minutes", "title", "kind", "speakers", "room", "transfer to",
    "part", "track", "description", "url", "language", "timezone", "contiguous",
)  # fmt: skip


def write(agenda: Agenda, report: Notes | None = None) -> bytes:
    """One row per session with local dates and times, UTF-8 with a BOM (so that
    spreadsheet programs read it as UTF-8)."""
    from ..flow import flows
    from ..timeline import build_timeline, part_key

    report = report if report is not None else Notes("<agenda>")
    timeline = build_timeline(agenda)
    # Parts whose room may be free between sessions (their own setting or their
    # track's): a conference schedule's gaps are no gaps when it comes back.
    free = [not flow.contiguous for flow in flows(agenda)]
    clock = timeline.clock
    venue = agenda.venue
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)

    def row(*cells: object) -> None:
        writer.writerow([escape_cell(c) if isinstance(c, str) else c for c in cells])

    for slot in timeline.slots:
        if slot.start is None or slot.end is None:
            report.add(EXPORT_NOT_CARRIED, "unresolved", key="unresolved", id=slot.id)
            continue
        session = slot.session
        start, end = clock.local(slot.start), clock.local(slot.end)

        def room_name(rid: str | None) -> str:
            if rid is None:
                return ""
            room = venue.rooms.get(rid) if venue is not None else None
            return room.name if room is not None else rid

        names = [agenda.speakers[r].label if r in agenda.speakers else r for r in session.speakers]
        part = agenda.parts[slot.part]
        start_clock, end_clock = (
            _clock_cell(start, clock, slot.start),
            _clock_cell(end, clock, slot.end),
        )
        row(
            slot.id,
            start.date().isoformat(),
            start_clock,
            end_clock if end.date() == start.date() else f"{end.date().isoformat()} {end_clock}",
            session.minutes if session.minutes is not None else "",
            session.title,
            session.kind,
            "; ".join(names),
            room_name(slot.room),
            room_name(session.to) if session.kind == "transfer" else "",
            part.title or part_key(agenda, slot.part),
            part.track or "",
            session.description or "",
            session.url or "",
            session.language or "",
            agenda.event.timezone,
            "false" if free[slot.part] else "",
        )
    return ("\ufeff" + out.getvalue()).encode()


def _clock_cell(local: datetime, clock: ZoneClock, instant: int) -> str:
    """``HH:MM``, with the UTC offset in the repeated hour of a night when the clocks go
    back (``02:30 UTC+02:00`` and ``02:30 UTC+01:00``), where the clock time alone names
    two instants. (An offset of seconds, as local mean times before 1900 had, cannot
    be written: such a time stays plain.)"""
    text = local.strftime("%H:%M")
    offset = local.utcoffset()
    if clock.is_plain(instant) or offset is None or offset.seconds % 60:
        return text
    return f"{text} UTC{offset_text(int(offset.total_seconds()))}"
