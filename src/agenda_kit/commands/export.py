"""``agenda-kit export FILE -o OUT``: publish an agenda as a calendar."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import EXIT_ERROR, EXIT_OK

if TYPE_CHECKING:
    from ..model import Agenda

NAME = "export"
HELP = "write an agenda as an iCalendar (.ics) file, frab XML or JSON, CSV or JSON"
# The formats of --to; the registry in agenda_kit.exchange has the same names (a test
# keeps them equal), listed here so that building the parser imports nothing.
TO_FORMATS = ("ics", "frab-xml", "frab-json", "csv", "json")


def _duration(text: str) -> int:
    from ..ical.options import parse_duration

    try:
        return parse_duration(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _refresh(text: str) -> int | None:
    return None if text.strip().lower() == "none" else _duration(text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="agenda file")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file (default: standard output); written only on success",
    )
    parser.add_argument(
        "--force", action="store_true", help="export even when the checker finds errors"
    )
    parser.add_argument(
        "--to",
        choices=TO_FORMATS,
        help="output format (default: from OUT's extension, .ics .xml .csv .json; else ics)",
    )
    feed = parser.add_argument_group("calendar feed options")
    feed.add_argument(
        "--per",
        choices=("session", "part", "day"),
        default="session",
        help="one event per session (default), per part, or an all-day entry per day",
    )
    feed.add_argument(
        "--speaker",
        metavar="ID",
        action="append",
        default=[],
        help="only the sessions of this speaker: a personal feed (repeatable)",
    )
    feed.add_argument(
        "--remind",
        metavar="DURATION",
        type=_duration,
        action="append",
        default=[],
        help="a reminder this long before each event (15m, 1h, 1d); repeatable",
    )
    feed.add_argument(
        "--refresh",
        metavar="DURATION|none",
        type=_refresh,
        default=1440,
        help="how often subscribers fetch the feed again (default: 1d)",
    )


def run(args: argparse.Namespace) -> int:
    from ._shared import load_checked

    loaded = load_checked(args.file, force=args.force, refusal="Not exported")
    if isinstance(loaded, int):
        return loaded
    agenda, _ = loaded
    target_format = _target_format(args)
    if target_format != "ics":
        return _export_other(agenda, target_format, args)
    from ..ical.feed import iter_ical, write_ical
    from ..ical.options import FeedOptions, feed_problems

    problems = feed_problems(agenda, args.speaker)
    for problem in problems:
        print(f"agenda-kit export: {problem}", file=sys.stderr)
    if any(p.startswith("unknown speaker") for p in problems):
        return EXIT_ERROR
    options = FeedOptions(
        per=args.per,
        speakers=tuple(dict.fromkeys(args.speaker)),
        reminders=tuple(args.remind),
        refresh=args.refresh,
    )

    output = args.output
    if output in (None, "-"):
        out = sys.stdout.buffer
        for chunk in iter_ical(agenda, options=options):
            out.write(chunk)
        out.flush()
        return EXIT_OK
    target = Path(output)
    if target.is_dir():
        print(f"agenda-kit: {output}: is a directory", file=sys.stderr)
        return EXIT_ERROR
    try:
        size = write_ical(agenda, target, options=options)
    except OSError as exc:
        print(f"agenda-kit: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"Wrote {output} ({size} bytes).", file=sys.stderr)
    return EXIT_OK


def _target_format(args: argparse.Namespace) -> str:
    """``--to``, else the format of the output file's extension, else ics."""
    if args.to:
        return str(args.to)
    if args.output in (None, "-"):
        return "ics"
    from ..exchange import detect_export

    return detect_export(args.output) or "ics"


def _export_other(agenda: Agenda, target_format: str, args: argparse.Namespace) -> int:
    """Write a non-calendar format; what it cannot carry is said on standard error."""
    from ..exchange import Report, export, write_file

    if args.per != "session" or args.speaker or args.remind:
        print(
            "agenda-kit export: --per, --speaker and --remind are for calendars (--to ics)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    notes = Report()
    data = export(agenda, target_format, notes)
    sys.stderr.write(notes.render())
    output = args.output
    if output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    if Path(output).is_dir():
        print(f"agenda-kit: {output}: is a directory", file=sys.stderr)
        return EXIT_ERROR
    try:
        write_file(data, output)
    except OSError as exc:
        print(f"agenda-kit: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"Wrote {output} ({len(data)} bytes, {target_format}).", file=sys.stderr)
    return EXIT_OK
