"""``agenda-kit export FILE -o OUT``: publish an agenda as a calendar."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

NAME = "export"
HELP = "write an agenda as an iCalendar (.ics) file"


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

    output = args.output
    if output in (None, "-"):
        out = sys.stdout.buffer
        for chunk in iter_ical(agenda):
            out.write(chunk)
        out.flush()
        return EXIT_OK
    target = Path(output)
    if target.is_dir():
        print(f"agenda-kit: {output}: is a directory", file=sys.stderr)
        return EXIT_ERROR
    try:
        size = write_ical(agenda, target)
    except OSError as exc:
        print(f"agenda-kit: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"Wrote {output} ({size} bytes).", file=sys.stderr)
    return EXIT_OK
