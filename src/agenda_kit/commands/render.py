"""``agenda-kit render FILE --format md|html|svg``: the agenda for people to read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import EXIT_ERROR, EXIT_OK

if TYPE_CHECKING:
    from ..diagnostics import Report

NAME = "render"
HELP = "write an agenda as a Markdown table, a web page (HTML) or an SVG timeline"
# The formats of --format (agenda_kit.render.FORMATS, listed here so that building the
# parser imports nothing), and the extensions that choose one when --format is left out.
FORMATS = ("md", "html", "svg")
EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".svg": "svg"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="agenda file")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: from OUT's extension, .md .html .svg; else md)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file (default: standard output); written only on success",
    )
    parser.add_argument("--lang", choices=("en", "ko"), help="language of labels and dates")


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.output not in (None, "-"):
        return EXTENSIONS.get(Path(args.output).suffix.lower(), "md")
    return "md"


def _found(report: Report, file: str, lang: str) -> str:
    from ..findings import count, say
    from ..findings.render import label

    counts = [
        count(key, n, lang)
        for key, n in (
            ("count.errors", report.errors),
            ("count.warnings", report.warnings),
            ("count.infos", report.infos),
        )
        if n
    ]
    return label("render.found", lang, counts=say("list.separator", lang).join(counts), file=file)


def run(args: argparse.Namespace) -> int:
    from ..config import ConfigError, discover, load_settings
    from ..findings import resolve_language
    from ..loaders import LoadError, limits_from, load
    from ..render import html, markdown, svg
    from ..rules import check
    from ._shared import report_to_stderr

    output = args.output
    try:
        found = discover(Path(args.file).parent)
        settings = load_settings(found) if found else None
        agenda = load(args.file, limits=limits_from(settings))
    except (LoadError, ConfigError) as exc:
        from ..diagnostics import Report

        report_to_stderr(Report(list(exc.diagnostics), files=1))
        return EXIT_ERROR
    block = agenda.x_agenda_kit
    lang = resolve_language(
        args.lang,
        (block.lang if block else None) or (settings.lang if settings else None),
        agenda.event.lang,
    )
    report = check(agenda, settings=settings, lang=lang)
    if report.diagnostics:
        # Rendered all the same: a timeline is where an overlap is seen. The details
        # are `agenda-kit check`'s to print.
        print(_found(report, args.file, lang), file=sys.stderr)
    kind = _format(args)
    if kind == "md":
        text = markdown(agenda, lang=lang)
    elif kind == "html":
        text = html(agenda, report, lang=lang)
    else:
        text = svg(agenda, report, lang=lang)
    data = text.encode("utf-8")
    if output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    from ..diagnostics import Report
    from ..findings import say
    from ._shared import report_to_stderr, write_output

    written = write_output(output, [data], lang)
    if not isinstance(written, int):
        report_to_stderr(Report([written], files=1, lang=lang), lang)
        return EXIT_ERROR
    print(say("feed.wrote-format", lang, path=output, size=written, format=kind), file=sys.stderr)
    return EXIT_OK
