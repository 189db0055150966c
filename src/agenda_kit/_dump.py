"""Agendas written back as agenda files, in the house style: the YAML that
``agenda-kit import`` writes (keys in reading order, one line per short session), the
same document as JSON, or as TOML. ``load`` reads each of them back to an equal agenda.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .loaders import Format
    from .model import Agenda

__all__ = ["dump", "dumps"]


def dumps(agenda: Agenda, format: Format = "yaml") -> str:
    """The agenda as the text of an agenda file in ``format`` (``"yaml"``, ``"json"``
    or ``"toml"``); values that are defaults are left out."""
    # Imported here: importing agenda_kit (and checking) never loads the writers.
    from .exchange.agenda_yaml import dump as yaml_dump
    from .exchange.agenda_yaml import plain

    if format == "yaml":
        return yaml_dump(agenda)
    if format == "json":
        return json.dumps(plain(agenda, mode="json"), ensure_ascii=False, indent=2) + "\n"
    if format == "toml":
        return _toml(plain(agenda, mode="json"))
    raise ValueError(f"unknown format {format!r}; expected one of yaml, json, toml")


def dump(agenda: Agenda, path: str | Path, *, format: Format | None = None) -> None:
    """Write the agenda to ``path`` (UTF-8), in ``format`` or the one its suffix names
    (``.yaml``/``.yml``, ``.json``, ``.toml``; YAML otherwise).

    The file is replaced whole or not at all: the text is written beside it and moved
    into place, so a failed run never leaves half a file.
    """
    from ._files import write_atomic
    from .loaders import detect_format

    target = Path(path)
    text = dumps(agenda, format or detect_format(str(target)))
    write_atomic(target, [text.encode("utf-8")])


# TOML -------------------------------------------------------------------------------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
_ESCAPES["\r"] = "\\r"
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) else _string(name)


def _string(text: str) -> str:
    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _ESCAPES.get(char) or f"\\u{ord(char):04x}"

    return '"' + _NEEDS_ESCAPE.sub(escape, text) + '"'


def _value(value: Any) -> str:
    """A value written inline (strings, numbers, booleans, arrays, inline tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        items = [f"{_key(k)} = {_value(v)}" for k, v in value.items() if v is not None]
        return "{ " + ", ".join(items) + " }" if items else "{}"
    raise TypeError(f"cannot write {type(value).__name__} in TOML")


def _is_table(value: Any) -> bool:
    return isinstance(value, dict) and bool(value)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(_is_table(v) for v in value)


def _table(data: dict[str, Any], path: tuple[str, ...], out: list[str]) -> None:
    """``data`` as the lines of a table: its plain keys first, then its sub-tables and
    arrays of tables (TOML has no way back to a table's keys after a sub-table)."""
    for key, value in data.items():
        if value is None or _is_table(value) or _is_table_array(value):
            continue
        out.append(f"{_key(key)} = {_value(value)}")
    for key, value in data.items():
        here = (*path, _key(key))
        if _is_table(value):
            # A table of tables only needs no header of its own: theirs define it.
            if not all(_is_table(v) or _is_table_array(v) for v in value.values()):
                out.append("")
                out.append(f"[{'.'.join(here)}]")
            _table(value, here, out)
        elif _is_table_array(value):
            for item in value:
                out.append("")
                out.append(f"[[{'.'.join(here)}]]")
                _table(item, here, out)


def _toml(data: dict[str, Any]) -> str:
    out: list[str] = []
    _table(data, (), out)
    return "\n".join(out).lstrip("\n") + "\n"
