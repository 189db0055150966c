"""Reading agenda files (YAML 1.2, JSON, TOML) into the model, with source positions.

Loading rejects only what cannot be read or typed; every such problem is reported as
a diagnostic with file, line and column, and raised together as a ``LoadError``.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path as FsPath
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from .._gc import paused_gc
from ..diagnostics import Location, format_path
from ..model import Agenda
from ._libyaml import load_fast
from ._values import translate_error
from .errors import LoadError, at, limit_error, syntax_error
from .limits import (
    DEFAULT_LIMITS,
    LimitExceeded,
    Limits,
    count_sessions,
    guarded_composer,
    guarded_scanner,
    limits_from,
    over_size,
    scan_brackets,
    too_deep,
)
from .locate import JsonLocator, TreeLocator
from .positions import INDEXERS, DuplicateKey, Path, PositionIndex, index_json
from .reading import decode, head_text, read_bytes, read_text, size_error

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "Format",
    "Limits",
    "LoadError",
    "Source",
    "decode",
    "detect_format",
    "head_text",
    "limits_from",
    "load",
    "loads",
    "parse",
    "read_bytes",
    "read_text",
    "validate",
]

_M = TypeVar("_M", bound=BaseModel)

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

    __slots__ = ("_index", "_locator", "file", "format", "text")

    def __init__(self, file: str, text: str, format: Format) -> None:
        self.file = file
        self.text = text
        self.format: Format = format
        self._index: PositionIndex | None = None
        # What finds one path (JSON, and YAML read by libyaml) without indexing them all.
        self._locator: JsonLocator | TreeLocator | None = None

    @property
    def index(self) -> PositionIndex:
        """The positions of every value of the document (built on first use)."""
        if self._index is None:
            self._index = INDEXERS[self.format](self.text)
        return self._index

    def locate(self, path: Path, *, key: bool = False) -> Location:
        finder: JsonLocator | TreeLocator | PositionIndex | None = self._locator
        if finder is None:
            if self.format == "json" and self._index is None:
                finder = self._locator = JsonLocator(self.text)
            else:
                finder = self.index
        (line, column), _ = finder.find(path, key=key)
        return Location(self.file, line, column, format_path(path))


def detect_format(name: str) -> Format:
    """The format by file suffix; YAML (a superset of JSON) when the suffix says nothing."""
    return _SUFFIXES.get(FsPath(name).suffix.lower(), "yaml")


def load(
    path: str | FsPath, *, format: Format | None = None, limits: Limits | None = None
) -> Agenda:
    """Read and type the agenda file at ``path``. Raises ``LoadError``.

    ``limits`` bounds what the file may cost (size, nesting, aliases, sessions).
    """
    name = str(path)
    fmt = format or detect_format(name)
    return loads(read_text(path, format=fmt, limits=limits), format=fmt, name=name, limits=limits)


def loads(
    text: str, format: Format = "yaml", *, name: str = "<string>", limits: Limits | None = None
) -> Agenda:
    """Read and type an agenda from text. Raises ``LoadError``."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    limits = limits or DEFAULT_LIMITS
    if over_size(text, limits):
        raise size_error(limits, name)
    source = Source(name, text, format)
    with paused_gc():
        data = parse(source, limits)
        over = count_sessions(data, limits)
        if over is not None:
            raise limit_error("sessions", source.locate(over), limit=limits.max_sessions)
        try:
            agenda = validate(Agenda, data, source)
        except LoadError as exc:
            if exc.partial is not None:
                exc.partial._source = source
            raise
    agenda._source = source
    return agenda


def validate(model: type[_M], data: Any, source: Source, base: Path = ()) -> _M:
    """``data`` (parsed from ``source``, found at ``base`` in it) as a ``model``."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        found = [translate_error(error, source, model, base) for error in errors]
        found.sort(key=lambda d: (d.location.line, d.location.column))
        error = LoadError(found)
        error.partial = _without_unknown_keys(model, data, errors)
        raise error from None


def _without_unknown_keys(model: type[_M], data: Any, errors: list[Any]) -> _M | None:
    """The model of ``data`` with its unknown keys left out, when they are all that is
    wrong (else None): one run of the checker then reports the misspelt key and the
    rules' findings together."""
    if not errors or any(e["type"] != "extra_forbidden" for e in errors):
        return None
    for error in errors:
        *where, key = error["loc"]
        node = data
        try:
            for step in where:
                node = node[step]
            del node[key]
        except (KeyError, IndexError, TypeError):
            return None
    try:
        return model.model_validate(data)
    except ValidationError:
        return None


def parse(source: Source, limits: Limits | None = None) -> Any:
    """The data of a document: JSON, TOML or YAML 1.2. Raises ``LoadError``."""
    limits = limits or DEFAULT_LIMITS
    if source.format == "yaml":
        return _parse_yaml(source, limits)
    read = _parse_json if source.format == "json" else _parse_toml
    data = read(source, limits)
    if type(data) in (dict, list) and too_deep(data, limits.max_depth):
        raise _deep(source, limits)
    return data


def _deep(source: Source, limits: Limits) -> LoadError:
    offset = scan_brackets(source.text, source.format, limits.max_depth) or 0
    where = at(source.file, *_line_column(source.text, offset))
    return limit_error("depth", where, limit=limits.max_depth)


def _parse_json(source: Source, limits: Limits) -> Any:
    text = source.text
    duplicated = False

    # A Python call per object, about 40% of json.loads on the benchmark agenda; the
    # sound ways to count keys in the text instead cost as much (bench/README.md).
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicated
        out = dict(items)
        duplicated = duplicated or len(out) < len(items)
        return out

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except RecursionError:
        raise _deep(source, limits) from None
    except json.JSONDecodeError as exc:
        line, column = exc.lineno, exc.colno
        if not text[exc.pos :].strip():  # ended too early: where the open thing starts
            opener = scan_brackets(text, "json")
            if opener is not None:
                line, column = _line_column(text, opener)
        raise syntax_error("JSON", exc.msg, at(source.file, line, column)) from None
    except ValueError as exc:  # a number Python will not convert (thousands of digits)
        raise _huge_number(source, exc) from None
    if duplicated:  # JSON allows it, but the second value would silently win
        try:
            index_json(text, strict=True)
        except DuplicateKey as dup:
            where = at(source.file, dup.line, dup.column)
            raise syntax_error("JSON", f'duplicate key "{dup.key}"', where) from None
    return data


def _parse_toml(source: Source, limits: Limits) -> Any:
    import tomllib

    text = source.text
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise _deep(source, limits) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line, column = (int(match[1]), int(match[2])) if match else _line_column(text, len(text))
        if match is None or line > text.count("\n") + 1 or "Unclosed" in message:
            opener = scan_brackets(text, "toml")
            if opener is not None:
                line, column = _line_column(text, opener)
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise syntax_error("TOML", message, at(source.file, line, column)) from None
    except ValueError as exc:  # a number Python will not convert (thousands of digits)
        raise _huge_number(source, exc) from None


def _parse_yaml(source: Source, limits: Limits) -> Any:
    if _fast_yaml is not None:
        try:
            fast = _fast_yaml(source.text, limits)
        except LimitExceeded as exc:
            raise _limit_exceeded(source, exc) from None
        if fast is not None:
            data, tree = fast
            source._locator = TreeLocator(tree)
            return data
    return _parse_yaml_ruamel(source, limits)


def _parse_yaml_ruamel(source: Source, limits: Limits) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    text = source.text
    try:
        return _yaml(limits).load(text)
    except LimitExceeded as exc:
        raise _limit_exceeded(source, exc) from None
    except ValueError as exc:  # a number Python will not convert (thousands of digits)
        raise _huge_number(source, exc) from None
    except RecursionError:  # pragma: no cover - max_depth stops well before the stack ends
        raise limit_error("depth", at(source.file), limit=limits.max_depth) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if (
            exc.context_mark is not None
            and exc.problem_mark is not None
            and not text[exc.problem_mark.index :].strip()
        ):  # ended too early (an unclosed quote or bracket): where it opens
            mark = exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        if "duplicate key" in what:
            what = what.replace("found duplicate key", "duplicate key")
        raise syntax_error("YAML", what, at(source.file, line, column)) from None
    except ReaderError as exc:
        line, column = _line_column(text, exc.position)
        detail = (
            f"unacceptable character #x{exc.character:04x}: {exc.reason}"
            if isinstance(exc.character, int)
            else str(exc)
        )
        raise syntax_error("YAML", detail, at(source.file, line, column)) from None
    except YAMLError as exc:
        raise syntax_error("YAML", str(exc), at(source.file)) from None


def _limit_exceeded(source: Source, exc: LimitExceeded) -> LoadError:
    where = at(source.file, exc.line, exc.column)
    if exc.refused:
        return syntax_error("YAML", exc.refused, where)
    return limit_error(exc.variant, where, **exc.params)


# The libyaml path (None: ruamel only). Tests set it to None to compare the two.
_fast_yaml: Callable[[str, Limits], tuple[Any, Any] | None] | None = load_fast

_HUGE_NUMBER = re.compile(rf"[0-9][0-9_]{{{sys.get_int_max_str_digits() or 4300},}}")


def _huge_number(source: Source, exc: ValueError) -> LoadError:
    """The error for a number with more digits than Python converts (a parser stops
    there with a bare ValueError): at the first such run of digits."""
    if "integer string conversion" not in str(exc):
        raise exc
    match = _HUGE_NUMBER.search(source.text)
    line, column = _line_column(source.text, match.start()) if match else (1, 1)
    detail = f"a number with more than {sys.get_int_max_str_digits():,} digits"
    return syntax_error(source.format.upper(), detail, at(source.file, line, column))


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _yaml(limits: Limits = DEFAULT_LIMITS) -> Any:
    """A YAML 1.2 loader ('safe', pure Python: an unquoted 15:00 stays a string) that
    leaves dates as text, so that the model parses them and reports a bad one, such as
    2024-13-01, with its position instead of failing inside the YAML library."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _constructor()
    yaml.Composer = guarded_composer(limits)
    yaml.Scanner = guarded_scanner(limits)
    return yaml


@functools.cache
def _constructor() -> Any:
    from ruamel.yaml.constructor import ConstructorError, SafeConstructor

    class Constructor(SafeConstructor):
        def check_mapping_key(
            self, node: Any, key_node: Any, mapping: Any, key: Any, value: Any
        ) -> bool:
            # A list key holding a mapping (`? [{a: b}]`) is a tuple, which says it is
            # hashable until it is hashed.
            try:
                hash(key)
            except TypeError:
                where, problem = node.start_mark, key_node.start_mark
                context = "while constructing a mapping"
                raise ConstructorError(context, where, "found unhashable key", problem) from None
            return bool(super().check_mapping_key(node, key_node, mapping, key, value))

        # ruamel's YAML 1.2 patterns let `_` stand anywhere in a number, so `-_`, `0x_`
        # and `._` are taken for numbers and then fail to convert (a ValueError without
        # a position). They hold no digit: they are text, as the YAML 1.2 core schema
        # has them (the libyaml path reads them so too).
        def construct_yaml_int(self, node: Any) -> Any:
            digits = node.value.replace("_", "").lstrip("+-")
            if digits in ("", "0b", "0x", "0o"):
                return node.value
            return super().construct_yaml_int(node)

        def construct_yaml_float(self, node: Any) -> Any:
            if node.value.replace("_", "").lstrip("+-") == ".":
                return node.value
            return super().construct_yaml_float(node)

    # On a subclass, ruamel copies the registry: other users of ruamel are unaffected.
    Constructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
    Constructor.add_constructor("tag:yaml.org,2002:int", Constructor.construct_yaml_int)
    Constructor.add_constructor("tag:yaml.org,2002:float", Constructor.construct_yaml_float)
    return Constructor
