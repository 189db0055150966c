"""``agenda-kit schema``: the JSON Schema of the agenda format."""

from __future__ import annotations

import argparse
import json
import sys

from . import EXIT_OK

NAME = "schema"
HELP = "print the JSON Schema of the agenda format"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options


def run(args: argparse.Namespace) -> int:
    from ..schema import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK
