"""The command line: parse -> build -> execute. Exit codes: 0 clean, 1 findings,
2 usage errors, unreadable or invalid input, or an internal error."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from . import __version__
from .commands import EXIT_ERROR, EXIT_OK

__all__ = ["COMMANDS", "build_parser", "main"]

# One module per subcommand, by the name it is called with, in the order `--help`
# lists them; a new command is one module and one entry here. A run imports only the
# module of its command (`agenda-kit check` must start fast).
COMMANDS: dict[str, str] = {
    "check": "check",
    "export": "export",
    "import": "import_",
    "invite": "invite",
    "render": "render",
    "reflow": "reflow",
    "fit": "fit",
    "solve": "solve",
    "publish": "publish",
    "send": "send",
    "schema": "schema",
    "rule": "rule",
}


def _command(name: str) -> ModuleType:
    return importlib.import_module(f"{__package__}.commands.{COMMANDS[name]}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of the command ``only``."""
    parser = argparse.ArgumentParser(
        prog="agenda-kit",
        description="Check event agendas like code and publish them as iCalendar.",
    )
    parser.add_argument("--version", action="version", version=f"agenda-kit {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS if only is None else (only,):
        command = _command(name)
        sub = subparsers.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command of ``argv`` (default: the process's arguments) and return its exit
    code. Run as the program (no ``argv``), it ends the process itself (see ``_exit``)."""
    result = _run(argv)
    if argv is None:
        _exit(result)
    return result


def _exit(code: int) -> NoReturn:
    """Flush the output and end the process without the interpreter's teardown.

    A large agenda leaves hundreds of thousands of objects behind, with cycles among
    them (a session's slot and its timeline): the final collection and teardown took
    0.4 to 0.6 s after `check` of 100,000 sessions had printed its result, a fifth of
    the whole run. Everything the command writes is closed by then (files are written
    whole and renamed into place); only the standard streams are buffered. mypy ends
    its runs the same way.
    """
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe or stream: there is nothing more to say.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(code)


def _run(argv: Sequence[str] | None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    # The command comes first: only its module is needed. Anything else (--help, a
    # misspelt command) gets the whole parser, and its message lists every command.
    only = words[0] if words and words[0] in COMMANDS else None
    args = build_parser(only).parse_args(words)
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
