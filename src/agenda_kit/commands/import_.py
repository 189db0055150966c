"""``agenda-kit import SOURCE [--from FORMAT] -o agenda.yaml``: an agenda file from a
frab/pretalx schedule, a calendar, a spreadsheet table or a plain-text agenda."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import EXIT_ERROR, EXIT_OK

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic
    from ..exchange import Imported, Notes
    from ..model import Agenda

NAME = "import"
HELP = "make an agenda file from frab/pretalx XML or JSON, iCalendar, CSV or plain text"
# The formats of --from; agenda_kit.exchange.IMPORTS has the same names (a test keeps
# them equal), listed here so that building the parser imports nothing.
FROM_FORMATS = ("frab-xml", "frab-json", "ics", "csv", "text", "records")
# The fields --map can name; agenda_kit.exchange.csv.COLUMNS has the same (a test keeps
# them equal), listed here so that building the parser imports nothing.
MAP_FIELDS = (
    "date", "time", "start", "end", "minutes", "title", "speakers", "room", "kind",
    "description", "part", "track", "id", "url", "language", "to", "timezone",
    "affiliation", "contiguous",
)  # fmt: skip
# At most this many notes are copied into the header comment of the written file.
_NOTES_IN_FILE = 30


# The defaults of agenda_kit.exchange.ImportLimits (a test keeps them equal), here so that
# building the parser imports nothing.
LIMIT_DEFAULTS = {"input_bytes": 64 * 1024 * 1024, "sessions": 10_000, "line_length": 1_000_000}


def _limit(text: str) -> tuple[str, int]:
    name, _, value = text.partition("=")
    name = name.strip().replace("-", "_")
    if name not in LIMIT_DEFAULTS or not value.strip().isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(
            f"expected NAME=N with NAME one of {', '.join(LIMIT_DEFAULTS)} and N a positive "
            f"whole number, not {text!r}"
        )
    return name, int(value)


def _map(text: str) -> list[tuple[str, str]]:
    pairs = []
    for piece in text.split(","):
        field, _, column = piece.partition("=")
        field, column = field.strip(), column.strip()
        if field not in MAP_FIELDS or not column:
            raise argparse.ArgumentTypeError(
                f"expected FIELD=COLUMN[,FIELD=COLUMN…] with FIELD one of "
                f"{', '.join(MAP_FIELDS)}, not {piece.strip()!r}"
            )
        pairs.append((field, column))
    return pairs


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _zone(text: str) -> str:
    from ..timespan import is_zone

    if not is_zone(text):
        raise argparse.ArgumentTypeError(
            f"unknown time zone {text!r}: use an IANA name such as Europe/Berlin"
        )
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="the file to import")
    parser.add_argument(
        "--from",
        dest="format",
        choices=FROM_FORMATS,
        help="its format (default: from the extension, else from its first bytes)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="agenda file to write (default: standard output); written only on success",
    )
    parser.add_argument(
        "--timezone",
        metavar="ZONE",
        type=_zone,
        help="the event's IANA zone, for sources that give none or only UTC offsets",
    )
    parser.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        type=_day,
        help="the event's date, for tables and texts that give none",
    )
    parser.add_argument("--title", metavar="TEXT", help="the event's title (text and CSV)")
    parser.add_argument(
        "--map",
        metavar="FIELD=COLUMN",
        type=_map,
        action="append",
        default=[],
        help="the column (CSV) or key (records) that holds a field, for names agenda-kit "
        "does not know: --map time=slot,title=talk,speakers=who (repeatable)",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="do not list what was assumed or skipped"
    )
    parser.add_argument(
        "--format",
        dest="report_format",
        choices=("text", "json"),
        default="text",
        help="the report on standard error: text (default) or json",
    )
    parser.add_argument(
        "--lang",
        choices=("en", "ko"),
        help="language of the report (default: the settings' lang, else the imported "
        "event's language)",
    )
    parser.add_argument(
        "--limit",
        metavar="NAME=N",
        type=_limit,
        action="append",
        default=[],
        help=f"raise or lower a limit on what is read ({', '.join(LIMIT_DEFAULTS)}; "
        "default " + ", ".join(f"{k}={v}" for k, v in LIMIT_DEFAULTS.items()) + ")",
    )


def run(args: argparse.Namespace) -> int:
    from .._gc import paused_gc
    from ..config import ConfigError, discover, load_settings
    from ..exchange import ImportLimits, Options, import_file, write_file
    from ..findings import resolve_language
    from ..loaders import LoadError
    from ..rules import check, check_built

    output = args.output
    to_stdout = output in (None, "-")
    # The settings that apply to the agenda being written: those of its folder.
    folder = Path.cwd() if to_stdout else Path(output).absolute().parent
    try:
        found = discover(folder) if folder.is_dir() else None
        settings = load_settings(found) if found else None
    except ConfigError as exc:
        return _fail(list(exc.diagnostics), args, resolve_language(args.lang))
    settings_lang = settings.lang if settings is not None else None
    options = Options(
        timezone=args.timezone,
        date=args.date,
        title=args.title,
        limits=ImportLimits(**dict(args.limit)),
        columns={field: column for pairs in args.map for field, column in pairs},
    )
    try:
        # Hundreds of thousands of rows, items and models, and no cycles among them:
        # the collector would scan the growing heap again and again (see _gc.py).
        with paused_gc():
            imported = import_file(args.source, args.format, options=options)
    except LoadError as exc:
        return _fail(list(exc.diagnostics), args, resolve_language(args.lang, settings_lang))
    lang = resolve_language(args.lang, settings_lang, imported.agenda.event.lang)
    text, data = written(imported, args.source)
    name = output if not to_stdout else "<stdout>"
    try:
        agenda = as_loaded(imported.agenda, text, data, name)
    except LoadError as exc:
        return _fail([*imported.notes.found, *exc.diagnostics], args, lang, imported.notes)
    built = imported.timeline
    if built is not None and built.agenda is agenda:
        findings = check_built(agenda, built)  # the timeline that verified the import
    else:
        findings = check(agenda)
    if not to_stdout:
        problem = _write(text, output, write_file)
        if problem is not None:
            return _fail([*imported.notes.found, problem], args, lang, imported.notes)
    facts = {
        "source": args.source,
        "format": imported.format,
        "output": None if to_stdout else output,
        "sessions": sum(len(p.sessions) for p in agenda.parts),
        "rooms": len(agenda.venue.rooms) if agenda.venue else 0,
        "days": len({p.date or agenda.event.date for p in agenda.parts}),
        "check": {"errors": findings.errors, "warnings": findings.warnings},
    }
    if to_stdout:
        sys.stdout.write(text)
        sys.stdout.flush()
    sys.stderr.write(_report(imported.notes, args, lang, facts))
    return EXIT_OK


def _write(text: str, output: str, write_file: Callable[[bytes, str], None]) -> Diagnostic | None:
    """Write the agenda file, or the finding that says why it could not be written."""
    from ..diagnostics import Location
    from ..findings import OUTPUT_UNWRITABLE

    where = Location(output, 1, 1, "")
    if Path(output).is_dir():
        return OUTPUT_UNWRITABLE.at(where, path=output, reason="Is a directory")
    try:
        write_file(text.encode(), output)
    except OSError as exc:
        return OUTPUT_UNWRITABLE.at(where, path=output, reason=str(exc.strerror or exc))
    return None


def _fail(
    found: list[Diagnostic], args: argparse.Namespace, lang: str, notes: Notes | None = None
) -> int:
    """Report why nothing was imported (exit 2): the findings, and that nothing was written."""
    from ..diagnostics import Report
    from ..findings.imports import IMPORT_NOTHING_WRITTEN
    from ..reporters import TextReporter

    if args.report_format == "json":
        facts = {"source": args.source, "output": None, "written": False}
        sys.stderr.write(_json(found, notes, lang, facts))
        return EXIT_ERROR
    report = Report(found, files=1, broken=True, lang=lang)
    sys.stderr.write(TextReporter(lang=lang).render(report))
    sys.stderr.write(IMPORT_NOTHING_WRITTEN.render(lang, {}) + "\n")
    return EXIT_ERROR


def _report(notes: Notes, args: argparse.Namespace, lang: str, facts: dict[str, Any]) -> str:
    """What a successful import says: its findings (unless --quiet) and a summary."""
    from ..findings import count
    from ..findings.imports import IMPORT_COUNTS, IMPORT_SUMMARY, IMPORT_SUMMARY_INTO

    if args.report_format == "json":
        return _json(notes.found, notes, lang, {**facts, "written": True})
    separator = ", "
    what = separator.join(
        IMPORT_COUNTS[key][0 if facts[key] == 1 and lang == "en" else 1].render(
            lang, {"n": facts[key]}
        )
        for key in ("sessions", "rooms", "days")
    )
    checked = facts["check"]
    counts = separator.join(
        [
            count("count.errors", checked["errors"], lang),
            count("count.warnings", checked["warnings"], lang),
        ]
    )
    values = {"what": what, "source": facts["source"], "format": facts["format"], "counts": counts}
    if facts["output"] is None:
        summary = IMPORT_SUMMARY.render(lang, values)
    else:
        summary = IMPORT_SUMMARY_INTO.render(lang, {**values, "output": facts["output"]})
    lines = [] if args.quiet else notes.lines(lang, hints=True)
    return "".join(f"{line}\n" for line in [*lines, summary])


def _json(found: list[Diagnostic], notes: Notes | None, lang: str, facts: dict[str, Any]) -> str:
    """The findings of an import, translated and counted, and what it made, as JSON."""
    import json

    from ..diagnostics import Report
    from ..findings import translate

    report = Report([translate(d, lang) for d in found], files=1)
    data = report.to_dict()
    for entry, finding in zip(data["diagnostics"], found, strict=True):
        entry["count"] = max(notes.count(finding), 1) if notes is not None else 1
    data["import"] = facts
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_loaded(agenda: Agenda, text: str, data: dict[str, Any], name: str) -> Agenda:
    """The agenda that ``text``, written from ``data`` (the plain data of ``agenda``),
    loads as. The file must load as written, and the loader may refuse what the import
    built (its own limits: size, nesting, sessions): then nothing is written, and the
    loader's refusal says why. Within those limits the text reads back as ``data`` and
    ``data`` validates as ``agenda`` (the writer's contract, tested on every fixture,
    real schedule and generated agenda in tests/test_agenda_yaml_writer.py and
    tests/test_exchange_realworld.py): the agenda is checked as built, without the
    half of a large import that reading the text again took."""
    from ..loaders import DEFAULT_LIMITS, loads
    from ..loaders.limits import holds

    if not holds(text, data, DEFAULT_LIMITS):
        return loads(text, name=name)  # raises the loader's refusal, at its place
    return agenda


def written(imported: Imported, source: str) -> tuple[str, dict[str, Any]]:
    """The agenda file an import writes, and the plain data it holds: YAML with a
    comment saying where it came from and what was assumed (the comment is
    neutralised: nothing in it leaves it). The comment is English whatever the
    report's language: the file's content does not depend on who ran the import."""
    from ..exchange._common import visible
    from ..exchange.agenda_yaml import dump_with_data

    notes = imported.notes.lines("en")
    header = [
        f"Imported from {visible(Path(source).name)} ({imported.format}) by agenda-kit import.",
    ]
    if notes:
        header.append("What the import assumed, skipped or could not map:")
        header += [f"  {note}" for note in notes[:_NOTES_IN_FILE]]
        if len(notes) > _NOTES_IN_FILE:
            header.append(f"  … and {len(notes) - _NOTES_IN_FILE} more (run the import again)")
    return dump_with_data(imported.agenda, comment="\n".join(header))
