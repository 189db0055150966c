"""``agenda-kit solve FILE -o OUT [--from-published PREVIOUS]``: place the sessions
without times into days, windows and rooms, or re-plan a published agenda with the
fewest moves. Needs the `solver` extra (OR-Tools)."""

from __future__ import annotations

import argparse
import sys

from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

NAME = "solve"
HELP = (
    "place sessions without times into the event's days, windows and rooms (or re-plan a "
    "published agenda with the fewest moves); needs agenda-kit[solver]"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the agenda file (.yaml, .json, .toml)")
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="where to write the solved agenda"
    )
    parser.add_argument(
        "--from-published",
        metavar="PREVIOUS",
        help="the agenda as published: move as few of its sessions as possible",
    )
    parser.add_argument(
        "--rooms",
        action="store_true",
        help="also choose the room of sessions whose room is not given or no longer exists",
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="stop the solver after this long (default: 30)",
    )
    parser.add_argument(
        "--step", type=int, default=5, metavar="MINUTES", help="grid of start times (default: 5)"
    )
    parser.add_argument("--lang", choices=("en", "ko"), help="language of the messages")


def run(args: argparse.Namespace) -> int:
    from ..diagnostics import Location, Report
    from ..findings.schedule import SOLVER_MISSING, phrase
    from ..rules import check
    from ..schedule import apply_to_text
    from ..schedule.solve import SolverMissing, solve
    from ._shared import _load, output_language, report_to_stderr, write_output

    agenda, settings = _load(args.file, args.lang)
    if agenda is None:
        return EXIT_ERROR
    lang = output_language(args.lang, settings, agenda)
    published = None
    if args.from_published:
        published, _ = _load(args.from_published, lang)
        if published is None:
            return EXIT_ERROR
    # Errors of shape (ids, references, titles) are not the solver's to fix: say so
    # before solving rather than write an agenda that still has them.
    before = check(agenda, settings=settings, lang=lang)
    shape = [d for d in before.diagnostics if d.severity == "error" and d.code.startswith("AK1")]
    if shape:
        report_to_stderr(Report(shape, files=1), lang)
        return EXIT_FINDINGS
    if args.step < 1 or args.time_limit <= 0:
        print("agenda-kit solve: --step and --time-limit must be positive", file=sys.stderr)
        return EXIT_ERROR
    try:
        solution = solve(
            agenda,
            published=published,
            rooms=args.rooms,
            time_limit=args.time_limit,
            step=args.step,
            lang=lang,
        )
    except SolverMissing:
        where = Location(args.file, 1, 1, "")
        report_to_stderr(Report([SOLVER_MISSING.at(where, lang=lang, module="ortools")]), lang)
        return EXIT_ERROR
    report_to_stderr(Report(solution.diagnostics, files=1), lang)
    if not solution.ok:
        return EXIT_FINDINGS
    source = agenda.source
    text = apply_to_text(source.text, source.format, solution.changes)
    from ..loaders import loads

    written = loads(text, source.format, name=args.output)
    report = check(written, settings=settings, lang=lang)
    if report.errors:  # a bug: the solver's model and the checker disagree
        report_to_stderr(report, lang)
        return EXIT_ERROR
    result = write_output(args.output, [text.encode("utf-8")], lang)
    if not isinstance(result, int):
        report_to_stderr(Report([result], files=1), lang)
        return EXIT_ERROR
    placed = len(solution.placed)
    moved = len(solution.moved)
    print(
        phrase("solve.wrote", lang, path=args.output, placed=placed, moved=moved), file=sys.stderr
    )
    return EXIT_OK
