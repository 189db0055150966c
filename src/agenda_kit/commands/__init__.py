"""The subcommands of ``agenda-kit``, one module each.

A command module has ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) ->
int``. Command modules import what they need inside ``run``, so that building the
parser stays cheap (``agenda-kit check`` must start fast).
"""

from __future__ import annotations

import argparse
from typing import Protocol

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "Command"]

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Command(Protocol):
    NAME: str
    HELP: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...
