"""``agenda-kit import SOURCE [--from FORMAT] -o agenda.yaml``: an agenda file from a
frab/pretalx schedule, a calendar, a spreadsheet table or a plain-text agenda."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import EXIT_ERROR, EXIT_OK

if TYPE_CHECKING:
    from ..exchange import Imported

NAME = "import"
HELP = "make an agenda file from frab/pretalx XML or JSON, iCalendar, CSV or plain text"
# The formats of --from; agenda_kit.exchange.IMPORTS has the same names (a test keeps
# them equal), listed here so that building the parser imports nothing.
FROM_FORMATS = ("frab-xml", "frab-json", "ics", "csv", "text")
# At most this many notes are copied into the header comment of the written file.
_NOTES_IN_FILE = 30


# The defaults of agenda_kit.exchange.Limits (a test keeps them equal), here so that
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
        "-q", "--quiet", action="store_true", help="do not list what was assumed or skipped"
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
    from ..diagnostics import Report
    from ..exchange import Limits, Options, import_file, write_file
    from ..loaders import LoadError, loads
    from ..rules import check
    from ._shared import report_to_stderr

    options = Options(
        timezone=args.timezone,
        date=args.date,
        title=args.title,
        limits=Limits(**dict(args.limit)),
    )
    try:
        imported = import_file(args.source, args.format, options=options)
    except LoadError as exc:
        report_to_stderr(Report(list(exc.diagnostics), files=1))
        sys.stderr.write("Nothing was written.\n")
        return EXIT_ERROR
    text = agenda_text(imported, args.source)
    output = args.output
    name = output if output not in (None, "-") else "<stdout>"
    try:
        # The file must load as written: the loader may refuse what the import built
        # (its own limits), and then nothing is written.
        agenda = loads(text, name=name)
    except LoadError as exc:
        report_to_stderr(Report(list(exc.diagnostics), files=1))
        sys.stderr.write("Nothing was written.\n")
        return EXIT_ERROR
    if not args.quiet:
        sys.stderr.write(imported.report.render())
    findings = check(agenda)
    sessions = sum(len(p.sessions) for p in agenda.parts)
    days = len({p.date or agenda.event.date for p in agenda.parts})
    rooms = len(agenda.venue.rooms) if agenda.venue else 0
    summary = (
        f"Imported {_count(sessions, 'session')}, {_count(rooms, 'room')}, "
        f"{_count(days, 'day')} "
        f"from {args.source} ({imported.format})"
    )
    if output in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        if Path(output).is_dir():
            print(f"agenda-kit: {output}: is a directory", file=sys.stderr)
            return EXIT_ERROR
        try:
            write_file(text.encode(), output)
        except OSError as exc:
            print(f"agenda-kit: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_ERROR
        summary += f" into {output}"
    counts = f"{findings.errors} errors, {findings.warnings} warnings"
    print(f"{summary}; agenda-kit check finds {counts}.", file=sys.stderr)
    return EXIT_OK


def agenda_text(imported: Imported, source: str) -> str:
    """The agenda file an import writes: YAML with a comment saying where it came from
    and what was assumed (the comment is neutralised: nothing in it leaves it)."""
    from ..exchange._common import visible
    from ..exchange.agenda_yaml import dump

    notes = imported.report.notes
    header = [
        f"Imported from {visible(Path(source).name)} ({imported.format}) by agenda-kit import.",
    ]
    if notes:
        header.append("What the import assumed, skipped or could not map:")
        header += [f"  {note}" for note in notes[:_NOTES_IN_FILE]]
        if len(notes) > _NOTES_IN_FILE:
            header.append(f"  … and {len(notes) - _NOTES_IN_FILE} more (run the import again)")
    return dump(imported.agenda, comment="\n".join(header))


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
