"""Agenda tables people already keep as data: a YAML or JSON list of session records
(a Jekyll ``_data/agenda.yml``), or the YAML front matter of a Markdown page.

Each record is a mapping such as ``{time: "8:30 - 8:40", speaker: …, title: …}``. Its
keys are read like the columns of a CSV table (the same names in English, German,
French and Korean, and ``--map field=key`` for any other), and its values the same way
(``csv._row``), so that a record and a table row mean the same thing. What only records
have is handled here: lists of speakers, HTML and Markdown marks in titles and names,
a speaker field that holds the slot's name (``speaker: Coffee Break`` with no title),
month-and-day starts (``Tue Aug 6 8:30 AM``) and slots that hold parallel sessions
without times of their own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from ..diagnostics import Location
from ..findings import (
    IMPORT_ASSUMED_STRUCTURE,
    IMPORT_ASSUMED_ZONE,
    IMPORT_SKIPPED,
    IMPORT_UNKNOWN_COLUMN,
    IMPORT_WRONG_FORMAT,
)
from ..loaders import Source, parse
from ..timespan import is_zone
from ._build import EventInfo, imported
from ._common import (
    Imported,
    Item,
    Notes,
    Options,
    clean_text,
    derive_kind,
    import_error,
    limit_error,
    nothing_readable,
)
from .csv import _KNOWN, COLUMNS, _dates, _header_key, _row

__all__ = ["read"]

# Keys that records use beside the CSV column names.
_EXTRA = {"position": "affiliation", "affiliation": "affiliation", "organisation":
          "affiliation", "organization": "affiliation", "institution": "affiliation",
          "vname": "room", "venue": "room", "who": "speakers", "by": "speakers",
          "length": "minutes", "hour": "time", "hours": "time", "when": "time"}  # fmt: skip
_FIELDS = (*COLUMNS, "affiliation")
_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)[^<>]*>")
_BREAK_TAG = re.compile(r"<\s*br\s*/?\s*>", re.I)
_MARKDOWN = re.compile(r"(\*\*|__|\*|`)")
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
# "Tue Aug 6 8:30 AM", "August 6, 2024 08:30", "6 Aug 2024 8:30"
_MONTH_DAY = re.compile(
    r"^\s*(?:[A-Za-z]{3,9}\.?,?\s+)??(?:(?P<m1>[A-Za-z]{3,9})\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>[A-Za-z]{3,9})\.?),?"
    r"(?:\s+(?P<year>\d{4}))?,?(?:\s+(?P<clock>\d{1,2}[:.h]\d\d(?:\s*[AaPp]\.?[Mm]\.?)?))?\s*$"
)


Path = tuple[str | int, ...]


def read(data: bytes, name: str, options: Options) -> Imported:
    """A list of session records (YAML, JSON, or a Markdown page's front matter) as an
    agenda. Raises ``LoadError`` when nothing in it reads as a session."""
    report = Notes(name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise import_error(
            IMPORT_WRONG_FORMAT, "records", name, line, root="text that is not UTF-8"
        ) from None
    text = _front_matter(text)
    source = Source(name, text, "json" if text.lstrip().startswith(("[", "{")) else "yaml")
    document = parse(source)  # raises LoadError at the line and column
    found = _record_list(document)
    if found is None:
        raise import_error(IMPORT_WRONG_FORMAT, "records", name, root=type(document).__name__)
    base, records = found
    if base:
        where = source.locate(base, key=True)
        report.add(IMPORT_ASSUMED_STRUCTURE, "records-key", where, value=f"`{base[0]}`")
    if len(records) > options.limits.sessions:
        line = source.locate((*base, options.limits.sessions)).line
        raise limit_error("sessions", options.limits.sessions, name, line, start=line)
    meta: Mapping[str, Any] = document if isinstance(document, dict) else {}
    keys = _key_map(records, options, report, name)
    zone = options.timezone or _zone(meta, records, keys)
    if zone is None:
        zone = "UTC"
        report.add(IMPORT_ASSUMED_ZONE, "utc")
    event_day = options.date or _loose_date(_text(meta.get("date")), None)
    reading = _Reading(source, base, keys, ZoneInfo(zone), report)
    items = reading.items(records, Options(options.timezone, event_day, options.title))
    if not items:
        raise nothing_readable(report, name)
    title = options.title or clean_text(_text(meta.get("title"))) or _stem(name)
    return imported(items, zone, EventInfo(title=title), report, "records")


class _Reading:
    """The records of one document read as CSV rows are."""

    def __init__(
        self, source: Source, base: Path, keys: dict[str, str], tz: ZoneInfo, report: Notes
    ) -> None:
        self.source, self.base, self.keys, self.tz, self.report = source, base, keys, tz, report

    def items(self, records: list[Any], options: Options) -> list[Item]:
        values = [_values(r, self.keys) if isinstance(r, dict) else {} for r in records]
        _resolve_month_days(values, options.date)
        dates, _, _ = _dates([v["date"] for v in values if v.get("date")])
        items: list[Item] = []
        holder: dict[str, str] | None = None
        for index, (record, fields) in enumerate(zip(records, values, strict=True)):
            path: Path = (*self.base, index)
            if not isinstance(record, dict):
                where = self.source.locate(path)
                self.report.add(IMPORT_SKIPPED, "record", where, value=type(record).__name__)
                continue
            if _holds_parallel(fields, values, index):
                holder = fields
                self.report.add(
                    IMPORT_ASSUMED_STRUCTURE,
                    "parallel-slot",
                    self.source.locate(path),
                    key=f"parallel:{index}",
                    value=repr(fields.get("title", "")[:80]),
                )
                continue
            if holder is not None and not (fields.get("start") or fields.get("time")):
                for key in ("start", "time", "end", "minutes", "date"):
                    if holder.get(key):
                        fields.setdefault(key, holder[key])
            else:
                holder = None
            at = self._at(path, record)
            _speaker_as_title(fields, at("speakers"), self.report)
            get = functools.partial(_field, fields)
            item = _row(get, at, dates, self.tz, options, self.report)
            if item is not None:
                items.append(item)
        return items

    def _at(self, path: Path, record: dict[str, Any]) -> Callable[[str], Location]:
        def at(column: str) -> Location:
            key = self.keys.get(column)
            if key is not None and key in record:
                return self.source.locate((*path, key))
            return self.source.locate(path)

        return at


def _field(fields: dict[str, str], column: str) -> str:
    return fields.get(column, "")


def _front_matter(text: str) -> str:
    """The YAML front matter of a Markdown page, at its own line numbers (the lines
    around it blank), or the text itself when it has none."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return text
    for number, line in enumerate(lines[1:], 1):
        if line.strip() in ("---", "..."):
            return "\n" * 1 + "\n".join(lines[1:number]) + "\n"
    return text


def _record_list(document: Any) -> tuple[Path, list[Any]] | None:
    """The list of records: the document, or the first list of mappings in it (the
    ``schedule`` of a front matter)."""
    if isinstance(document, list) and any(isinstance(r, dict) for r in document):
        return (), document
    if isinstance(document, dict):
        for key, value in document.items():
            if isinstance(value, list) and any(isinstance(r, dict) for r in value):
                return (str(key),), value
    return None


def _key_map(records: list[Any], options: Options, report: Notes, name: str) -> dict[str, str]:
    """Field -> the record key that holds it: ``--map`` first, then known names."""
    seen: dict[str, None] = {}
    for record in records:
        if isinstance(record, dict):
            seen.update(dict.fromkeys(str(k) for k in record))
    keys: dict[str, str] = {}
    wanted = {source: field for field, source in options.columns.items()}
    unknown = []
    for key in seen:
        field = wanted.get(key)
        if field is None and key not in options.columns.values():
            header = _header_key(key)
            field = _KNOWN.get(header) or _EXTRA.get(header)
        if field is not None and field not in keys:
            keys[field] = key
        elif field is None:
            unknown.append(key)
    if unknown:
        report.add(IMPORT_UNKNOWN_COLUMN, "", Location(name, 1, 1, ""), column=", ".join(unknown))
    return keys


def _values(record: dict[str, Any], keys: dict[str, str]) -> dict[str, str]:
    """The record's fields as the texts a CSV row would hold."""
    fields: dict[str, str] = {}
    for field, key in keys.items():
        value = record.get(key)
        if value is None:
            continue
        if field == "speakers" and isinstance(value, list):
            fields[field] = "; ".join(_plain(_text(v)) for v in value if _text(v).strip())
        elif field in ("title", "speakers", "affiliation", "room"):
            fields[field] = _plain(_text(value))
        else:
            fields[field] = _text(value).strip()
    speakers = fields.get("speakers", "")
    if speakers and ";" not in speakers:
        # "Nat Abramenko and Caragh Green", "A, B and C"
        fields["speakers"] = "; ".join(
            p.strip() for p in re.split(r",|\band\b|&", speakers) if p.strip()
        )
    affiliation = fields.pop("affiliation", "")
    names = [n for n in fields.get("speakers", "").split(";") if n.strip()]
    if affiliation and len(names) == 1 and "(" not in names[0]:
        # The ; keeps the commas of the affiliation ("SCImPULSE, BioDynaMo") in it.
        fields["speakers"] = f"{names[0].strip()} ({affiliation});"
    return fields


def _text(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _plain(text: str) -> str:
    """Text without the HTML tags and Markdown emphasis marks of a web page's data:
    ``<br>`` is a separator, ``</b>``, ``**`` and the like are dropped."""
    text = _BREAK_TAG.sub(" — ", text)
    text = _TAG.sub("", text)
    text = _MARKDOWN.sub("", text)
    return " ".join(text.split())


def _zone(meta: Mapping[str, Any], records: list[Any], keys: dict[str, str]) -> str | None:
    for value in (meta.get("timezone"), meta.get("time_zone")):
        if isinstance(value, str) and is_zone(value):
            return value
    key = keys.get("timezone")
    if key:
        for record in records:
            value = record.get(key) if isinstance(record, dict) else None
            if isinstance(value, str) and is_zone(value):
                return value
    return None


def _loose_date(text: str, year: int | None) -> date | None:
    """A date written for people: ``2023-03-13``, ``13th March 2023``, ``March 13,
    2023``, ``Aug 6`` (with ``year``)."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = _MONTH_DAY.match(text)
    if not match or match["clock"]:
        return None
    return _month_day(match, year)


def _month_day(match: re.Match[str], year: int | None) -> date | None:
    month = _MONTHS.get((match["m1"] or match["m2"] or "")[:3].lower())
    day = int(match["d1"] or match["d2"])
    year = int(match["year"]) if match["year"] else year
    if month is None or year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve_month_days(values: list[dict[str, str]], event_day: date | None) -> None:
    """``start: "Tue Aug 6 8:30 AM"``: the date (its year from the event's date) and the
    clock, as an ISO date-time the CSV row reader takes. Left as it is when no year is
    known: the row is then skipped for want of a date, and the hint names ``--date``."""
    year = event_day.year if event_day else None
    for fields in values:
        for key in ("start", "end"):
            match = _MONTH_DAY.match(fields.get(key, ""))
            if not match or not match["clock"]:
                continue
            day = _month_day(match, year)
            # Without a year the clock stays, and the row has no date (the finding
            # names --date).
            fields[key] = f"{day.isoformat()} {match['clock']}" if day else match["clock"]


def _holds_parallel(fields: dict[str, str], values: list[dict[str, str]], index: int) -> bool:
    """A slot with a time, no room and no speakers, followed by sessions without times
    of their own that have rooms: it holds those parallel sessions."""
    if not (fields.get("start") or fields.get("time")) or fields.get("room"):
        return False
    if fields.get("speakers") or index + 1 >= len(values):
        return False
    following = values[index + 1]
    return not (following.get("start") or following.get("time")) and bool(following.get("room"))


def _speaker_as_title(fields: dict[str, str], where: Location, report: Notes) -> None:
    """``speaker: Coffee Break`` with an empty title names the slot, not a person;
    ``speaker: Panel Discussion`` beside a title names its kind."""
    speakers = fields.get("speakers", "")
    if not speakers:
        return
    if not fields.get("title"):
        fields["title"] = fields.pop("speakers").replace("; ", ", ")
        report.add(IMPORT_ASSUMED_STRUCTURE, "speaker-title", where, key="speaker-title")
        return
    kind = derive_kind(speakers) if ";" not in speakers.rstrip(";") else None
    if kind is not None and "(" not in speakers:
        del fields["speakers"]
        fields.setdefault("kind", kind)
        report.add(
            IMPORT_ASSUMED_STRUCTURE,
            "speaker-kind",
            where,
            key=f"speaker-kind:{speakers}",
            value=repr(speakers.rstrip(";")),
            component=kind,
        )


def _stem(name: str) -> str:
    from pathlib import Path

    return Path(name).stem or "Imported agenda"
