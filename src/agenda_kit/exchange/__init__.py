"""Agendas to and from other formats: frab/pretalx schedule XML and JSON, iCalendar,
CSV and plain-text agenda tables.

One module per format; this registry names them, finds a format from a file name or
its first bytes, and loads a module only when it is used (the checker never pays for
the XML and calendar parsers). Every import comes with ``Notes``: findings of the
registry (AK6xx) for what was assumed (a time zone guessed from offsets), skipped (an
event without a start) or could not be mapped (a field the agenda format has no place
for); an import that cannot be made raises ``LoadError`` with one such finding.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from .._files import write_atomic
from .._renamed import old_name
from ..findings import IMPORT_LIMIT, IMPORT_UNREADABLE
from ..model import Agenda
from ._common import (
    LIMIT_NAMES,
    Imported,
    ImportLimits,
    Notes,
    Options,
    import_error,
    limit_error,
)

__all__ = [
    "EXPORTS",
    "IMPORTS",
    "LIMIT_NAMES",
    "Format",
    "ImportLimits",
    "Imported",
    "Notes",
    "Options",
    "detect_export",
    "detect_import",
    "export",
    "import_bytes",
    "import_file",
    "write_file",
]


Reader = Callable[[bytes, str, Options], Imported]
Writer = Callable[[Agenda, Notes], bytes]


@dataclass(frozen=True, slots=True)
class Format:
    """A foreign format: its name on the command line, module, and file name endings."""

    name: str
    module: str
    suffixes: tuple[str, ...]
    description: str

    def reader(self) -> Reader:
        return cast(Reader, importlib.import_module(f"{__name__}.{self.module}").read)

    def writer(self) -> Writer:
        return cast(Writer, importlib.import_module(f"{__name__}.{self.module}").write)


IMPORTS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("frab-xml", "frab_xml", (".xml",), "frab/pentabarf/pretalx/wafer schedule.xml"),
        Format("frab-json", "frab_json", (".json",), "frab/pretalx schedule.json"),
        Format("ics", "ics", (".ics", ".ical", ".ifb", ".icalendar"), "iCalendar (RFC 5545)"),
        Format("csv", "csv", (".csv", ".tsv"), "a spreadsheet table with a header row"),
        Format("text", "text", (".txt", ".text", ".md"), "a plain-text agenda table"),
        Format(
            "records",
            "records",
            (".yml", ".yaml"),
            "a YAML or JSON list of session records (a Jekyll data file, a page's front matter)",
        ),
    )
}

EXPORTS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("frab-xml", "frab_xml", (".xml",), "schedule.xml (c3voc XSD)"),
        Format("frab-json", "frab_json", (), "schedule.json (c3voc JSON Schema)"),
        Format("csv", "csv", (".csv",), "one row per session"),
        Format("json", "agenda_json", (".json",), "the agenda file format, as JSON"),
        Format("ics", "ics", (".ics",), "an iCalendar feed"),
    )
}


def detect_import(name: str, head: bytes = b"") -> str:
    """The import format of a file, by its name ending or else by its first bytes."""
    suffix = Path(name).suffix.lower()
    if suffix in (".md", ".markdown") and head.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
        return "records"  # a page whose front matter holds the agenda
    for fmt in IMPORTS.values():
        if suffix in fmt.suffixes:
            return fmt.name
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        return "frab-xml"
    if text.startswith((b"{", b"[")):
        return "frab-json"
    if text[:15].upper().startswith((b"BEGIN:VCALENDAR", b"BEGIN:VEVENT")):
        return "ics"
    return "text"


def detect_export(name: str) -> str | None:
    """The export format an output file name asks for, or None."""
    suffix = Path(name).suffix.lower()
    for fmt in EXPORTS.values():
        if suffix in fmt.suffixes:
            return fmt.name
    return None


def import_bytes(
    data: bytes, format: str, *, name: str = "<input>", options: Options | None = None
) -> Imported:
    """Import ``data`` in the given format. Raises ``agenda_kit.LoadError``."""
    if format not in IMPORTS:
        raise ValueError(f"unknown import format {format!r}; expected one of {', '.join(IMPORTS)}")
    options = options or Options()
    if len(data) > options.limits.input_bytes:
        raise limit_error("input_bytes", options.limits.input_bytes, name)
    try:
        return IMPORTS[format].reader()(data, name, options)
    except RecursionError:
        raise import_error(IMPORT_LIMIT, "depth", name) from None


def import_file(
    path: str | Path, format: str | None = None, *, options: Options | None = None
) -> Imported:
    """Import the file at ``path`` (format from its name or content when not given)."""
    name = str(path)
    limit = (options or Options()).limits.input_bytes
    try:
        with Path(path).open("rb") as file:
            # One byte more than the limit is enough to refuse; a larger file (or an
            # endless one, such as a device) is not read to its end.
            data = file.read(limit + 1)
    except OSError as exc:
        reason = str(exc.strerror or exc)
        raise import_error(IMPORT_UNREADABLE, "read", name, reason=reason) from None
    return import_bytes(data, format or detect_import(name, data[:64]), name=name, options=options)


def export(agenda: Agenda, format: str, report: Notes | None = None) -> bytes:
    """The agenda in an export format; what it cannot carry is added to ``report``
    (findings such as AK507 export-not-carried)."""
    if format not in EXPORTS:
        raise ValueError(f"unknown export format {format!r}; expected one of {', '.join(EXPORTS)}")
    return EXPORTS[format].writer()(agenda, report if report is not None else Notes("<agenda>"))


def write_file(data: bytes, path: str | Path) -> None:
    """Write ``data`` to ``path`` atomically: an existing file survives any failure."""
    write_atomic(path, [data])


def __getattr__(name: str) -> Any:
    # Names of agenda-kit 0.x: Report clashed with agenda_kit.diagnostics.Report, Limits
    # with agenda_kit.loaders.Limits.
    return old_name(
        __name__, name, {"Report": ("Notes", Notes), "Limits": ("ImportLimits", ImportLimits)}
    )
