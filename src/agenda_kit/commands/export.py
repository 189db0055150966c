"""``agenda-kit export FILE -o OUT``: publish an agenda as a calendar."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

NAME = "export"
HELP = "write an agenda as an iCalendar (.ics) file"


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
    from ..rules import check
    from ._shared import load_or_report, report_to_stderr

    agenda = load_or_report(args.file)
    if agenda is None:
        return EXIT_ERROR
    report = check(agenda)
    if report.diagnostics:
        report_to_stderr(report)
    if not report.ok and not args.force:
        sys.stderr.write("Not exported: fix the errors above, or pass --force.\n")
        return EXIT_FINDINGS
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
