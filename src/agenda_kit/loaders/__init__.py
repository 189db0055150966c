"""Reading agenda files (YAML 1.2, JSON, TOML) into the model, with source positions.

Loading rejects only what cannot be read or typed; every such problem is reported as
a diagnostic with file, line and column, and raised together as a ``LoadError``.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import types
import typing
from pathlib import Path as FsPath
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, Location, format_path
from ..model import Agenda
from ..rules.catalog import rule
from ..timespan import CLOCK_PATTERN, RANGE_PATTERN
from .positions import INDEXERS, Path, PositionIndex

__all__ = ["FORMATS", "LoadError", "Source", "detect_format", "load", "loads"]

Format = Literal["yaml", "json", "toml"]
FORMATS: tuple[Format, ...] = ("yaml", "json", "toml")
_SUFFIXES: dict[str, Format] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".toml": "toml",
}


class Source:
    """The text an agenda was read from; finds positions of document paths on demand."""

    __slots__ = ("_index", "file", "format", "text")

    def __init__(self, file: str, text: str, format: Format) -> None:
        self.file = file
        self.text = text
        self.format: Format = format
        self._index: PositionIndex | None = None

    @property
    def index(self) -> PositionIndex:
        if self._index is None:
            try:
                self._index = INDEXERS[self.format](self.text)
            except Exception:  # a document that loaded but cannot be indexed: no positions
                self._index = PositionIndex({}, {})
        return self._index

    def locate(self, path: Path, *, key: bool = False) -> Location:
        (line, column), _ = self.index.find(path, key=key)
        return Location(self.file, line, column, format_path(path))


class LoadError(Exception):
    """The file could not be read or typed. ``diagnostics`` says where and why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        first = diagnostics[0]
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(f"{first.location}: {first.message}{more}")


def detect_format(name: str) -> Format:
    """The format by file suffix; YAML (a superset of JSON) when the suffix says nothing."""
    return _SUFFIXES.get(FsPath(name).suffix.lower(), "yaml")


def load(path: str | FsPath, *, format: Format | None = None) -> Agenda:
    """Read and type the agenda file at ``path``. Raises ``LoadError``."""
    name = str(path)
    fmt = format or detect_format(name)
    try:
        raw = FsPath(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise LoadError(
            [_diag("unreadable-file", f"cannot read the file: {reason}", Location(name, 1, 1, ""))]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            [
                _diag(
                    "unreadable-file",
                    f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded",
                    Location(name, line, column, ""),
                    hint="Save the file as UTF-8.",
                )
            ]
        ) from None
    return loads(text, format=fmt, name=name)


def loads(text: str, format: Format = "yaml", *, name: str = "<string>") -> Agenda:
    """Read and type an agenda from text. Raises ``LoadError``."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    source = Source(name, text, format)
    data = _parse(source)
    try:
        agenda = Agenda.model_validate(data)
    except ValidationError as exc:
        raise LoadError([_translate(error, source) for error in exc.errors()]) from None
    agenda._source = source
    return agenda


def _diag(name: str, message: str, location: Location, hint: str = "") -> Diagnostic:
    r = rule(name)
    return Diagnostic(r.code, r.name, r.severity, message, location, hint or r.fix)


def _parse(source: Source) -> Any:
    text = source.text
    if source.format == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise LoadError(
                [
                    _diag(
                        "syntax-error",
                        f"invalid JSON: {exc.msg}",
                        Location(source.file, exc.lineno, exc.colno, ""),
                    )
                ]
            ) from None
    if source.format == "toml":
        import tomllib

        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            match = re.search(r"\(at line (\d+), column (\d+)\)", message)
            line, column = (int(match[1]), int(match[2])) if match else (1, 1)
            message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
            raise LoadError(
                [
                    _diag(
                        "syntax-error",
                        f"invalid TOML: {message}",
                        Location(source.file, line, column, ""),
                    )
                ]
            ) from None
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        if "duplicate key" in what:
            what = what.replace("found duplicate key", "duplicate key")
        raise LoadError(
            [
                _diag(
                    "syntax-error",
                    f"invalid YAML: {what}",
                    Location(source.file, line, column, ""),
                )
            ]
        ) from None
    except YAMLError as exc:
        raise LoadError(
            [
                _diag(
                    "syntax-error",
                    f"invalid YAML: {exc}",
                    Location(source.file, 1, 1, ""),
                )
            ]
        ) from None


def _yaml() -> Any:
    """A YAML 1.2 loader ('safe', pure Python: an unquoted 15:00 stays a string) that
    leaves dates as text, so that the model parses them and reports a bad one, such as
    2024-13-01, with its position instead of failing inside the YAML library."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _constructor()
    return yaml


@functools.cache
def _constructor() -> Any:
    from ruamel.yaml.constructor import SafeConstructor

    class Constructor(SafeConstructor):
        pass

    # On a subclass, ruamel copies the registry: other users of ruamel are unaffected.
    Constructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
    return Constructor


_PATTERN_TEXT = {
    CLOCK_PATTERN: ("is not a time of day", "Write a time as HH:MM, from 00:00 to 23:59."),
    RANGE_PATTERN: (
        "is not a time range",
        "Write a range as HH:MM-HH:MM (or with '~' or '–'), times from 00:00 to 23:59; "
        "the end may be 24:00.",
    ),
}


def _translate(error: Any, source: Source) -> Diagnostic:
    """A pydantic error as a diagnostic people can act on."""
    loc: Path = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    hint = ""
    key = False
    field_name = str(loc[-1]) if loc else "document"
    if kind == "extra_forbidden":
        key = True
        message = f"unknown key `{field_name}`"
        known = _fields_at(loc[:-1])
        close = difflib.get_close_matches(field_name, known, n=1, cutoff=0.6)
        if close:
            hint = f"Did you mean `{close[0]}`?"
        elif known:
            hint = "Known keys here: " + ", ".join(f"`{k}`" for k in sorted(known)) + "."
    elif kind == "missing":
        message = f"missing required key `{field_name}`"
        hint = f"Add `{field_name}:`."
    elif kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        what, hint = _PATTERN_TEXT.get(pattern, ("", ""))
        if what:
            message = f"`{field_name}`: {value!r} {what}"
        elif "\\x00" in pattern:
            message = f"`{field_name}` contains a control character (such as a line break)"
            hint = "Keep titles and names on one line; use `description` for longer text."
        elif pattern.startswith("^\\w"):
            message = f"`{field_name}`: {value!r} is not a valid id"
            hint = "Use letters, digits, '_', '.' and '-', starting with a letter or digit."
        else:
            message = f"`{field_name}`: {value!r} is not valid"
    elif kind == "string_type" and isinstance(value, int | float) and _is_clock(loc):
        message = f"`{field_name}`: expected a time such as 15:00, got the number {value!r}"
        hint = (
            "A YAML 1.1 tool read an unquoted time as a number (15:00 becomes 900); "
            "write the time again, in quotes if that tool writes the file."
        )
    elif kind == "model_type" and not loc:
        message = "the document must be a mapping with `agenda`, `event` and `parts`"
    else:
        message = error["msg"]
        message = message.removeprefix("Value error, ")
        message = f"`{field_name}`: {message}" if loc else message
    return Diagnostic(
        rule("invalid-value").code,
        "invalid-value",
        rule("invalid-value").severity,
        message,
        source.locate(loc, key=key),
        hint or rule("invalid-value").fix,
    )


def _is_clock(loc: Path) -> bool:
    return bool(loc) and loc[-1] in {"time", "start", "end", "window", "span"}


def _fields_at(loc: Path) -> list[str]:
    """Keys allowed in the mapping at ``loc`` of an agenda document."""
    model: Any = Agenda
    for segment in loc:
        model = _unwrap(model)
        if isinstance(model, type) and issubclass(model, BaseModel):
            field = next(
                (f for n, f in model.model_fields.items() if (f.alias or n) == segment), None
            )
            if field is None:
                return []
            model = field.annotation
        else:
            args = typing.get_args(model)
            if not args:
                return []
            model = args[-1]  # list[X] -> X, dict[K, X] -> X
    model = _unwrap(model)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [f.alias or n for n, f in model.model_fields.items()]
    return []


def _unwrap(annotation: Any) -> Any:
    """``X`` from ``X | None``."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            return options[0]
    return annotation
