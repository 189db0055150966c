"""``agenda-kit check PATH...``: report every finding of every agenda file."""

from __future__ import annotations

import argparse
import json
import os
import re
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import EXIT_ERROR, EXIT_OK

if TYPE_CHECKING:
    from ..diagnostics import Report
    from ..model import CheckSettings
    from ..reporters import Reporter

NAME = "check"
HELP = "check agenda files (or the agenda files below directories) and report findings"

AGENDA_SUFFIXES = (".yaml", ".yml", ".json", ".toml")
SKIP_DIRS = {".git", ".hg", ".venv", "venv", "node_modules", "__pycache__", "build", "dist"}
# An agenda file says so in its first lines: `agenda: 1`, `"agenda": 1` or `agenda = 1`.
_LOOKS_LIKE_AGENDA = re.compile(r"""(?m)^\s*\{?\s*["']?agenda["']?\s*[:=]""")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from ..reporters import REPORTERS

    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="agenda files (.yaml, .yml, .json, .toml), or directories to search for them",
    )
    parser.add_argument(
        "--format", choices=list(REPORTERS), default="text", help="output format (default: text)"
    )
    for option, help in (
        (
            "--select",
            "check only these rules: comma-separated codes (AK201), names (gap), "
            "code prefixes (AK2) or ALL",
        ),
        ("--ignore", "do not check these rules (same forms as --select)"),
    ):
        parser.add_argument(option, metavar="RULES", action="append", default=[], help=help)
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        help="the lowest severity that fails the run (default: error)",
    )
    parser.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit with 0 even when there are findings (2 still means the tool could not run)",
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="settings file (.agenda-kit.toml or pyproject.toml) instead of searching for one",
    )
    parser.add_argument(
        "--show-config",
        action="store_true",
        help="print the settings that apply to the first file, and exit",
    )
    parser.add_argument(
        "--lang",
        choices=("en", "ko"),
        help="language of messages, hints and the summary (default: the settings file's "
        "`lang`, else the agenda's `event.lang`, else English)",
    )
    parser.add_argument(
        "--skip-other",
        action="store_true",
        help="skip named files that are not agendas (no top-level `agenda` key), as a "
        "pre-commit hook given every YAML file needs",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text output (auto: on a terminal, unless NO_COLOR is set)",
    )


def agenda_files(paths: list[str], *, skip_other: bool = False) -> tuple[list[Path], list[str]]:
    """The files to check, and the paths that do not exist."""
    files: list[Path] = []
    missing: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(_walk(path)))
        elif path.exists():
            if not skip_other or _is_agenda(path):
                files.append(path)
        else:
            missing.append(name)
    return files, missing


def _is_agenda(path: Path) -> bool:
    """Whether the file says it is an agenda in its first lines. A file that cannot be
    read is one (the loader then says why); only regular files are opened, without
    blocking (a FIFO named *.yaml would otherwise wait for a writer forever)."""
    from ..loaders import head_text

    try:
        head = head_text(path, 4096)
    except OSError:
        return True  # let the loader report it
    return head is None or bool(_LOOKS_LIKE_AGENDA.search(head))


def _walk(folder: Path) -> list[Path]:
    out = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")]
        for name in names:
            path = Path(root, name)
            if path.suffix.lower() in AGENDA_SUFFIXES and _is_regular(path) and _is_agenda(path):
                out.append(path)
    return out


def _is_regular(path: Path) -> bool:
    """A regular file (through symbolic links): FIFOs, sockets and devices in a searched
    folder are not agendas, and reading one could block."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def run(args: argparse.Namespace) -> int:
    from .. import __version__
    from ..config import ConfigError, load_settings
    from ..diagnostics import Report
    from ..reporters import REPORTERS

    overrides = _overrides(args)
    if overrides is None:
        return EXIT_ERROR
    reporter = REPORTERS[args.format](color=_use_color(args), version=__version__, lang=args.lang)
    try:
        explicit = load_settings(Path(args.config)) if args.config else None
    except ConfigError as exc:
        broken = Report(list(exc.diagnostics), files=1, broken=True, lang=args.lang)
        sys.stdout.write(reporter.render(broken))
        return EXIT_ERROR
    files, missing = agenda_files(args.paths, skip_other=args.skip_other)
    settings = _Settings(explicit)
    if args.show_config:
        return _show_config(files, settings, overrides, reporter)
    if not files and not missing and not args.skip_other:
        sys.stderr.write(
            "agenda-kit: no agenda files found (files with a top-level `agenda` key)\n"
        )
        return EXIT_ERROR
    report = _check_files(files, missing, settings, overrides, args.lang)
    sys.stdout.write(reporter.render(report))
    if report.broken:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    return report.exit_code


def _overrides(args: argparse.Namespace) -> CheckSettings | None:
    """The settings the command line gives, or None after saying which selector is wrong."""
    from ..model import CheckSettings
    from ..rules.policy import known_selector, parse_selectors

    overrides = CheckSettings.model_validate(
        {
            "select": [s for v in args.select for s in parse_selectors(v)] or None,
            "ignore": [s for v in args.ignore for s in parse_selectors(v)],
            "fail-on": args.fail_on,
            "lang": args.lang,
        }
    )
    for option, values in (("--select", overrides.select or []), ("--ignore", overrides.ignore)):
        for selector in values:
            if not known_selector(selector):
                print(
                    f"agenda-kit: {option}: `{selector}` names no rule (use a code such as "
                    "AK201, a name such as gap, a prefix such as AK2, or ALL)",
                    file=sys.stderr,
                )
                return None
    return overrides


class _Settings:
    """The settings file that applies to each file (``--config``, else the one found
    walking up from its folder), read once per folder. Raises ``ConfigError``."""

    def __init__(self, explicit: CheckSettings | None) -> None:
        self.explicit = explicit
        self.cache: dict[Path, CheckSettings | None] = {}

    def __call__(self, file: Path) -> CheckSettings | None:
        from ..config import discover, load_settings

        if self.explicit is not None:
            return self.explicit
        folder = file.parent.resolve()
        if folder not in self.cache:
            found = discover(folder)
            self.cache[folder] = load_settings(found) if found else None
        return self.cache[folder]


def _show_config(
    files: list[Path], settings: _Settings, overrides: CheckSettings, reporter: Reporter
) -> int:
    """Print the settings that apply to the first file (agenda block and flags merged)."""
    from ..config import ConfigError
    from ..diagnostics import Report
    from ..loaders import LoadError, limits_from, load
    from ..rules.policy import merge

    first = files[0] if files else Path.cwd() / "agenda.yaml"
    try:
        base = settings(first)
        agenda = load(first, limits=limits_from(base)) if files else None
    except (ConfigError, LoadError) as exc:
        broken = Report(list(exc.diagnostics), files=1, broken=True, lang=overrides.lang)
        sys.stdout.write(reporter.render(broken))
        return EXIT_ERROR
    block = agenda.x_agenda_kit if agenda is not None else None
    merged = merge(base, block, overrides)
    sys.stdout.write(
        json.dumps(merged.model_dump(by_alias=True, exclude_none=True), indent=2) + "\n"
    )
    return EXIT_OK


def _check_files(
    files: list[Path],
    missing: list[str],
    settings: _Settings,
    overrides: CheckSettings,
    flag: str | None,
) -> Report:
    """One report over every file. Its language is the first file's (``--lang``, else
    its settings' ``lang``, else its ``event.lang``); a file that cannot be read states
    a language only through ``--lang`` or its settings."""
    from ..config import ConfigError
    from ..diagnostics import Location, Report
    from ..findings import UNREADABLE_FILE
    from ..loaders import LoadError, limits_from, load
    from ..rules import check

    report = Report()
    for name in missing:
        reason = "No such file or directory"
        where = Location(name, 1, 1, "")
        lang = _stated_language(flag, _settings_or_none(settings, Path(name)))
        found = [UNREADABLE_FILE.at(where, "read", reason=reason)]
        report.extend(Report(found, files=1, broken=True, lang=lang))
    for file in files:
        base = None
        try:
            base = settings(file)
            agenda = load(file, limits=limits_from(base))
        except (ConfigError, LoadError) as exc:
            lang = _stated_language(flag, base)
            found = list(exc.diagnostics)
            partial = getattr(exc, "partial", None)
            if partial is not None:
                # Only unknown keys were wrong: the rules run on the rest (exit 2 stays).
                ruled = check(partial, settings=base, overrides=overrides, lang=flag)
                found += ruled.diagnostics
                lang = ruled.lang
            report.extend(Report(found, files=1, broken=True, checked=[str(file)], lang=lang))
            continue
        report.extend(check(agenda, settings=base, overrides=overrides, lang=flag))
    return report


def _settings_or_none(settings: _Settings, file: Path) -> CheckSettings | None:
    from ..config import ConfigError

    try:
        return settings(file)
    except ConfigError:
        return None


def _stated_language(flag: str | None, settings: CheckSettings | None) -> str | None:
    """The language of a file that could not be loaded, when the flag or its settings
    name one (else None: the next file's agenda may say)."""
    from ._shared import output_language

    if flag or (settings is not None and settings.lang):
        return output_language(flag, settings)
    return None


def _use_color(args: argparse.Namespace) -> bool:
    if args.format not in ("text", "concise") or args.color == "never":
        return False
    if args.color == "always":
        return True
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
