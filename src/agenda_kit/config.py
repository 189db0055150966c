"""Checker settings: where they are found, how they combine, what they decide.

Settings come from ``.agenda-kit.toml`` or ``[tool.agenda-kit]`` in ``pyproject.toml``
(the first found walking up from the agenda file), then the agenda's own
``x-agenda-kit`` block, then the command line; later sources win.
"""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic
from .model import CheckSettings
from .rules.policy import check_selectors

__all__ = ["CONFIG_FILES", "ConfigError", "discover", "load_settings"]

CONFIG_FILES = (".agenda-kit.toml", "pyproject.toml")


class ConfigError(Exception):
    """Settings that cannot be used; ``diagnostics`` say where and why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__(f"{diagnostics[0].location}: {diagnostics[0].message}")


def discover(start: Path) -> Path | None:
    """The settings file that applies to files in ``start`` (a directory), if any."""
    directory = start.resolve()
    for folder in (directory, *directory.parents):
        candidate = folder / ".agenda-kit.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _has_tool_table(candidate):
            return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    import tomllib

    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # let load_settings report it
    return isinstance(data.get("tool"), dict) and "agenda-kit" in data["tool"]


def load_settings(path: Path) -> CheckSettings:
    """Settings from a ``.agenda-kit.toml`` or a ``pyproject.toml``. Raises ConfigError."""
    from .loaders import LoadError, Source, parse, read_text, validate

    try:
        source = Source(str(path), read_text(path), "toml")
        data = parse(source)
        base: tuple[str | int, ...] = ()
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("agenda-kit", {})
            base = ("tool", "agenda-kit")
        settings = validate(CheckSettings, data, source, base)
    except LoadError as exc:
        raise ConfigError(exc.diagnostics) from None
    problems = check_selectors(settings, lambda p: source.locate((*base, *p)))
    if problems:
        raise ConfigError(problems)
    return settings
