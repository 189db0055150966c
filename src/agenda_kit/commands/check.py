"""``agenda-kit check FILE...``: report every finding of every file."""

from __future__ import annotations

import argparse
import sys

from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

NAME = "check"
HELP = "check agenda files and report findings"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from ..reporters import REPORTERS

    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="agenda files (.yaml, .json, .toml)"
    )
    parser.add_argument(
        "--format", choices=sorted(REPORTERS), default="text", help="output format (default: text)"
    )


def run(args: argparse.Namespace) -> int:
    from ..diagnostics import Report
    from ..loaders import LoadError, load
    from ..reporters import REPORTERS
    from ..rules import check

    report = Report()
    unreadable = False
    for name in args.files:
        try:
            agenda = load(name)
        except LoadError as exc:
            report.diagnostics.extend(exc.diagnostics)
            report.files += 1
            unreadable = True
            continue
        report.extend(check(agenda))
    sys.stdout.write(REPORTERS[args.format]().render(report))
    if unreadable:
        return EXIT_ERROR
    return EXIT_OK if report.ok else EXIT_FINDINGS
