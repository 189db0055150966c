"""``agenda-kit reflow FILE [--write | --diff]``: compute the times again from the
lengths, and write them back into the file where they stand."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic
    from ..model import Agenda
    from ..schedule import Change

NAME = "reflow"
HELP = "compute every session's times again from the lengths (minutes), in order"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the agenda file (.yaml, .json, .toml)")
    add_output_arguments(parser)
    parser.add_argument(
        "--fit",
        action="store_true",
        help="first change the lengths of flexible sessions so that every track fits its "
        "window (what `agenda-kit fit` proposes)",
    )


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    what = parser.add_mutually_exclusive_group()
    what.add_argument(
        "--write", action="store_true", help="write the new values into FILE, in place"
    )
    what.add_argument("--diff", action="store_true", help="print a unified diff, change nothing")
    parser.add_argument("--lang", choices=("en", "ko"), help="language of the messages")


def run(args: argparse.Namespace) -> int:
    from ._shared import _load, output_language

    agenda, settings = _load(args.file, args.lang)
    if agenda is None:
        return EXIT_ERROR
    lang = output_language(args.lang, settings, agenda)
    found: list[Diagnostic] = []
    minutes: dict[str, int] = {}
    if args.fit:
        from ..schedule import fit

        plan = fit(agenda, settings=settings, lang=lang)
        found += plan.diagnostics
        minutes = plan.minutes
    return finish(args, agenda, minutes, found, lang, key="reflow")


def finish(
    args: argparse.Namespace,
    agenda: Agenda,
    minutes: dict[str, int],
    found: list[Diagnostic],
    lang: str,
    *,
    key: str,
) -> int:
    """Reflow with ``minutes``, then print, diff or write: shared by `reflow` and `fit`."""
    from ..diagnostics import Report, Severity
    from ..findings.schedule import phrase
    from ..schedule import reflow
    from ._shared import report_to_stderr

    result = reflow(agenda, minutes=minutes, lang=lang)
    found = found + result.diagnostics
    errors = any(d.severity is Severity.ERROR for d in found)
    if key == "reflow" and not args.write and not args.diff:
        found = found + result.change_diagnostics(lang)
    if found:
        report_to_stderr(Report(found, files=1), lang)
    source = agenda.source
    file = args.file
    if errors:
        if args.write:
            print(phrase("reflow.refused", lang, file=file), file=sys.stderr)
        return EXIT_FINDINGS
    if not result.changes:
        none = "fit.fits" if key == "fit" else "reflow.none"
        print(phrase(none, lang, file=file), file=sys.stderr)
        return EXIT_OK
    text = _new_text(source.text, source.format, result.changes)
    if args.diff:
        import difflib

        sys.stdout.writelines(
            difflib.unified_diff(
                source.text.splitlines(keepends=True),
                text.splitlines(keepends=True),
                fromfile=file,
                tofile=file,
            )
        )
        return EXIT_FINDINGS
    if not args.write:
        n = len(minutes) if key == "fit" else len(result.changes)
        print(phrase(f"{key}.would", lang, file=file, n=n), file=sys.stderr)
        return EXIT_FINDINGS
    from ._shared import write_output

    written = write_output(file, [text.encode("utf-8")], lang)
    if not isinstance(written, int):
        report_to_stderr(Report([written], files=1), lang)
        return EXIT_ERROR
    print(phrase("reflow.wrote", lang, file=file, n=len(result.changes)), file=sys.stderr)
    return EXIT_OK


def _new_text(text: str, format: str, changes: list[Change]) -> str:
    """The file's new text, read back before it is written: it must load, and reflow
    must find nothing more to change in it (else it is a bug, and nothing is written)."""
    from ..loaders import loads
    from ..schedule import apply_to_text, reflow

    new = apply_to_text(text, format, changes)
    again = reflow(loads(new, format))  # type: ignore[arg-type]
    if again.changes:
        raise RuntimeError(f"reflow is not stable: {again.changes[0]}")
    return new
