"""``agenda-kit rule [NAME]``: explain a rule, or list them all."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import EXIT_ERROR, EXIT_OK

NAME = "rule"
HELP = "explain a finding (by code or name), or list every finding of every command"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", metavar="NAME", help="a rule code (AK201) or name (gap)")
    parser.add_argument(
        "--write-docs",
        metavar="DIR",
        help="write the rule pages (README.md and one page per rule) to DIR",
    )


def run(args: argparse.Namespace) -> int:
    from ..findings import KINDS as RULES
    from ..findings import KINDS_BY_CODE as RULES_BY_CODE
    from ..findings.docs import render_markdown, render_text

    if args.write_docs:
        folder = Path(args.write_docs)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "README.md").write_text(render_markdown(), "utf-8")
        for r in RULES.values():
            (folder / f"{r.name}.md").write_text(render_text(r), "utf-8")
        print(f"Wrote {len(RULES) + 1} pages to {folder}.", file=sys.stderr)
        return EXIT_OK
    if args.name is None:
        width = max(len(r.name) for r in RULES.values())
        for r in RULES.values():
            sys.stdout.write(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.summary}\n")
        return EXIT_OK
    found = RULES.get(args.name) or RULES_BY_CODE.get(args.name.upper())
    if found is None:
        print(
            f"agenda-kit: no rule called {args.name!r}; `agenda-kit rule` lists them",
            file=sys.stderr,
        )
        return EXIT_ERROR
    sys.stdout.write(render_text(found))
    return EXIT_OK
