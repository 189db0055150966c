"""The command line: parse -> build -> execute. Exit codes: 0 clean, 1 findings,
2 usage errors, unreadable or invalid input, or an internal error."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .diagnostics import Report
from .loaders import LoadError, load
from .model import Agenda
from .reporters import REPORTERS, TextReporter
from .rules import check

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agenda-kit",
        description="Check event agendas like code and publish them as iCalendar.",
    )
    parser.add_argument("--version", action="version", version=f"agenda-kit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = commands.add_parser("check", help="check agenda files and report findings")
    p.add_argument("files", nargs="+", metavar="FILE", help="agenda files (.yaml, .json, .toml)")
    p.add_argument(
        "--format", choices=sorted(REPORTERS), default="text", help="output format (default: text)"
    )

    p = commands.add_parser("export", help="write an agenda as an iCalendar (.ics) file")
    p.add_argument("file", metavar="FILE", help="agenda file")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file (default: standard output); written only on success",
    )
    p.add_argument("--force", action="store_true", help="export even when the checker finds errors")

    commands.add_parser("schema", help="print the JSON Schema of the agenda format")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args.files, args.format)
        if args.command == "export":
            return _export(args.file, args.output, args.force)
        return _schema()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: say so without a wall of traceback
        if os.environ.get("AGENDA_KIT_DEBUG"):
            raise
        print(f"agenda-kit: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("  (set AGENDA_KIT_DEBUG=1 for a traceback, and please report it)", file=sys.stderr)
        return EXIT_ERROR


def _check(files: list[str], fmt: str) -> int:
    report = Report()
    unreadable = False
    for name in files:
        try:
            agenda = load(name)
        except LoadError as exc:
            report.diagnostics.extend(exc.diagnostics)
            report.files += 1
            unreadable = True
            continue
        report.extend(check(agenda))
    sys.stdout.write(REPORTERS[fmt]().render(report))
    if unreadable:
        return EXIT_ERROR
    return EXIT_OK if report.ok else EXIT_FINDINGS


def _load_or_report(name: str) -> Agenda | None:
    try:
        return load(name)
    except LoadError as exc:
        report = Report(list(exc.diagnostics), files=1)
        sys.stderr.write(TextReporter().render(report))
        return None


def _export(name: str, output: str | None, force: bool) -> int:
    agenda = _load_or_report(name)
    if agenda is None:
        return EXIT_ERROR
    report = check(agenda)
    if not report.ok and not force:
        sys.stderr.write(TextReporter().render(report))
        sys.stderr.write("Not exported: fix the errors above, or pass --force.\n")
        return EXIT_FINDINGS
    from .ical.feed import iter_ical, write_ical

    if output in (None, "-"):
        out = sys.stdout.buffer
        for chunk in iter_ical(agenda):
            out.write(chunk)
        out.flush()
        return EXIT_OK
    assert output is not None
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


def _schema() -> int:
    from .schema import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK
