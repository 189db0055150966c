"""``agenda-kit export FILE -o OUT``: publish an agenda as a calendar.

Everything the command says is a finding of the registry (the checker's, and AK5xx for
what export itself refuses or leaves out), printed once at the end in the run's language
(``--lang``, else the settings' ``lang``, else ``event.lang``) and ``--format``; only the
line saying what was written is a phrase of its own.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic, Location
    from ..model import Agenda

NAME = "export"
HELP = "write an agenda as an iCalendar (.ics) file, frab XML or JSON, CSV or JSON"
# The formats of --to; the registry in agenda_kit.exchange has the same names (a test
# keeps them equal), listed here so that building the parser imports nothing.
TO_FORMATS = ("ics", "frab-xml", "frab-json", "csv", "json")
# How findings are printed (a subset of agenda_kit.reporters.REPORTERS; the calendar
# itself may be on standard output, so findings go to standard error).
FORMATS = ("text", "json")


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
    parser.add_argument(
        "--lang",
        choices=("en", "ko"),
        help="language of messages and of the words the feed adds "
        "(default: the settings' lang, else the agenda's event.lang)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="how findings are printed on standard error (default: text)",
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


class Run:
    """What one export says: its findings in order, and the language and format of
    their output."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.lang = args.lang or "en"
        self.found: list[Diagnostic] = []

    def add(self, *found: Diagnostic) -> None:
        self.found.extend(found)

    def finish(self, code: int, written: str = "") -> int:
        """Print the findings (and in text, the line saying what was written); ``code``."""
        from ..diagnostics import Report
        from ..reporters import JsonReporter, TextReporter

        report = Report(list(self.found), files=1, lang=self.lang)
        if self.args.format == "json":
            sys.stderr.write(JsonReporter(lang=self.lang).render(report))
            return code
        if self.found:
            sys.stderr.write(TextReporter(lang=self.lang).render(report))
        if written:
            sys.stderr.write(written + "\n")
        return code


def run(args: argparse.Namespace) -> int:
    from ..findings.export import OPTION_NOT_FOR_FORMAT, REFUSED_WITH_ERRORS
    from ..rules import check

    out = Run(args)
    agenda = _load(args.file, out)
    if agenda is None:
        return out.finish(EXIT_ERROR)
    report = check(agenda, lang=out.lang)
    out.add(*report.diagnostics)
    if not report.ok and not args.force:
        out.add(
            REFUSED_WITH_ERRORS.at(
                _top(agenda, args.file), "export", lang=out.lang, errors=report.errors
            )
        )
        return out.finish(EXIT_FINDINGS)
    target_format = _target_format(args)
    if target_format != "ics":
        if args.per != "session" or args.speaker or args.remind:
            found = OPTION_NOT_FOR_FORMAT.at(
                _top(agenda, args.file), lang=out.lang, format=target_format
            )
            out.add(found)
            return out.finish(EXIT_ERROR)
        return _export_other(agenda, target_format, out)
    from ..ical.feed import iter_ical
    from ..ical.options import FeedOptions, feed_problems

    problems = feed_problems(agenda, args.speaker, out.lang)
    out.add(*problems)
    if any(p.code == "AK501" for p in problems):
        return out.finish(EXIT_ERROR)
    options = FeedOptions(
        per=args.per,
        speakers=tuple(dict.fromkeys(args.speaker)),
        reminders=tuple(args.remind),
        refresh=args.refresh,
        lang=out.lang,
    )
    return _write(out, iter_ical(agenda, options=options), None)


def _load(name: str, out: Run) -> Agenda | None:
    """The agenda at ``name`` within the limits of its settings file; the run's language
    resolved from ``--lang``, the settings and ``event.lang``. None when it cannot be
    loaded (the findings say why)."""
    from ..config import ConfigError, discover, load_settings
    from ..findings import resolve_language
    from ..loaders import LoadError, limits_from, load
    from ..rules.policy import merge

    args = out.args
    try:
        found = discover(Path(name).parent)
        settings = load_settings(found) if found else None
    except ConfigError as exc:
        out.add(*exc.diagnostics)
        return None
    out.lang = resolve_language(args.lang, settings.lang if settings else None)
    try:
        agenda = load(name, limits=limits_from(settings))
    except LoadError as exc:
        out.add(*exc.diagnostics)
        return None
    # The agenda's own `x-agenda-kit` block is settings too, after the file's.
    lang = merge(settings, agenda.x_agenda_kit).lang
    out.lang = resolve_language(args.lang, lang, agenda.event.lang)
    return agenda


def _top(agenda: Agenda, name: str) -> Location:
    """The start of the agenda file: where a finding about the whole agenda points."""
    from ..diagnostics import Location

    source = agenda.source
    return Location(source.file if source is not None else name, 1, 1, "")


def _write(out: Run, chunks: Iterable[bytes], target_format: str | None) -> int:
    """Write to ``-o`` (or standard output) and finish the run."""
    from ..findings import say
    from ._shared import write_output

    output = out.args.output
    if output in (None, "-"):
        stream = sys.stdout.buffer
        for chunk in chunks:
            stream.write(chunk)
        stream.flush()
        return out.finish(EXIT_OK)
    result = write_output(output, chunks, out.lang)
    if not isinstance(result, int):
        out.add(result)
        return out.finish(EXIT_ERROR)
    if target_format is None:
        return out.finish(EXIT_OK, say("feed.wrote", out.lang, path=output, size=result))
    written = say("feed.wrote-format", out.lang, path=output, size=result, format=target_format)
    return out.finish(EXIT_OK, written)


def _target_format(args: argparse.Namespace) -> str:
    """``--to``, else the format of the output file's extension, else ics."""
    if args.to:
        return str(args.to)
    if args.output in (None, "-"):
        return "ics"
    from ..exchange import detect_export

    return detect_export(args.output) or "ics"


def _export_other(agenda: Agenda, target_format: str, out: Run) -> int:
    """Write a non-calendar format; what it cannot carry is AK507 findings, placed at
    the session or key of the agenda they concern."""
    from ..exchange import Notes, export

    notes = Notes(out.args.file)
    data = export(agenda, target_format, notes)
    out.add(*(_placed(agenda, finding, out) for finding in notes.found))
    return _write(out, [data], target_format)


def _placed(agenda: Agenda, finding: Diagnostic, out: Run) -> Diagnostic:
    """A writer's finding at the session it names (``id``) or at `event.timezone` for a
    zone the format cannot name; else at the top of the agenda."""
    from dataclasses import replace

    from ..timeline import build_timeline

    source = agenda.source
    top = _top(agenda, out.args.file)
    where = top
    params = finding.params or {}
    ident = params.get("id")
    if source is not None and isinstance(ident, str):
        for slot in build_timeline(agenda).slots:
            if slot.id == ident:
                where = source.locate(slot.path)
                break
    elif source is not None and "zone" in params:
        where = source.locate(("event", "timezone"))
    return replace(finding, location=where)
