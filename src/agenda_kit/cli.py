"""The command line: parse -> build -> execute. Exit codes: 0 clean, 1 findings,
2 usage errors, unreadable or invalid input, or an internal error."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from . import __version__
from .commands import (
    EXIT_ERROR,
    EXIT_OK,
    check,
    export,
    fit,
    import_,
    invite,
    publish,
    reflow,
    render,
    rule,
    schema,
    send,
    solve,
)

__all__ = ["COMMANDS", "build_parser", "main"]

# One module per subcommand; a new command is one module and one entry here.
COMMANDS: tuple[ModuleType, ...] = (
    check,
    export,
    import_,
    invite,
    render,
    reflow,
    fit,
    solve,
    publish,
    send,
    schema,
    rule,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agenda-kit",
        description="Check event agendas like code and publish them as iCalendar.",
    )
    parser.add_argument("--version", action="version", version=f"agenda-kit {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        sub = subparsers.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result: int = args.run(args)
        return result
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
