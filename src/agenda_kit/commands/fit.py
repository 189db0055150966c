"""``agenda-kit fit FILE [--write | --diff]``: propose the smallest change of lengths
that makes every track fit its window, and apply it with the times."""

from __future__ import annotations

import argparse

from . import EXIT_ERROR

NAME = "fit"
HELP = "fit every track into its window by changing the lengths of flexible sessions"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from .reflow import add_output_arguments

    parser.add_argument("file", metavar="FILE", help="the agenda file (.yaml, .json, .toml)")
    add_output_arguments(parser)
    parser.add_argument(
        "--strategy",
        choices=("priority", "proportional"),
        default="priority",
        help="who changes first: lower `flex.priority` first (default), or everyone "
        "flexible in proportion to how far they may change",
    )


def run(args: argparse.Namespace) -> int:
    from ..schedule import fit
    from ._shared import _load, output_language
    from .reflow import finish

    agenda, settings = _load(args.file, args.lang)
    if agenda is None:
        return EXIT_ERROR
    lang = output_language(args.lang, settings, agenda)
    plan = fit(agenda, settings=settings, strategy=args.strategy, lang=lang)
    return finish(args, agenda, plan.minutes, plan.diagnostics, lang, key="fit")
