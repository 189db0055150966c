"""Reading agenda files (YAML 1.2, JSON, TOML) into the model, with source positions.

Loading rejects only what cannot be read or typed; every such problem is reported as
a diagnostic with file, line and column, and raised together as a ``LoadError``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
import reprlib
import sys
import types
import typing
from pathlib import Path as FsPath
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from .. import model
from .._gc import paused_gc
from ..diagnostics import Diagnostic, Location, format_path
from ..model import URL_PATTERN, Agenda
from ..rules.catalog import rule
from ..timespan import AVAILABLE_PATTERN, CLOCK_PATTERN, END_CLOCK_PATTERN, RANGE_PATTERN
from .errors import LoadError
from .errors import diag as _diag
from .limits import (
    DEFAULT_LIMITS,
    LimitExceeded,
    Limits,
    count_sessions,
    guarded_composer,
    limits_from,
    scan_brackets,
    too_deep,
)
from .positions import INDEXERS, DuplicateKey, Path, PositionIndex, index_json
from .reading import _limit_error, _size_message, decode, head_text, read_bytes, read_text

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
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

M = TypeVar("M", bound=BaseModel)

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
            self._index = INDEXERS[self.format](self.text)
        return self._index

    def locate(self, path: Path, *, key: bool = False) -> Location:
        (line, column), _ = self.index.find(path, key=key)
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
    # Characters are at most 4 bytes: only texts near the limit pay for the encoding.
    if (
        len(text) * 4 > limits.max_bytes
        and len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes
    ):
        raise _limit_error(_size_message(limits), name)
    source = Source(name, text, format)
    with paused_gc():
        data = parse(source, limits)
        problem = count_sessions(data, limits)
        if problem is not None:
            detail, path = problem
            raise LoadError([_limit_diag(detail, source.locate(path), format)])
        agenda = validate(Agenda, data, source)
    agenda._source = source
    return agenda


def validate(model: type[M], data: Any, source: Source, base: Path = ()) -> M:
    """``data`` (parsed from ``source``, found at ``base`` in it) as a ``model``."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        found = [_translate(error, source, model, base) for error in exc.errors()]
        found.sort(key=lambda d: (d.location.line, d.location.column))
        raise LoadError(found) from None


def parse(source: Source, limits: Limits | None = None) -> Any:
    """The data of a document: JSON, TOML or YAML 1.2. Raises ``LoadError``."""
    limits = limits or DEFAULT_LIMITS
    if source.format == "yaml":
        return _parse_yaml(source, limits)
    data = _parse_json(source) if source.format == "json" else _parse_toml(source)
    if type(data) in (dict, list) and too_deep(data, limits.max_depth):
        raise _deep(source, limits)
    return data


def _deep(source: Source, limits: Limits) -> LoadError:
    offset = scan_brackets(source.text, source.format, limits.max_depth) or 0
    line, column = _line_column(source.text, offset)
    detail = f"the document nests more than {limits.max_depth} levels deep (limit max-depth)"
    return LoadError([_limit_diag(detail, Location(source.file, line, column, ""), source.format)])


def _parse_json(source: Source) -> Any:
    text = source.text
    duplicated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicated
        out = dict(items)
        duplicated = duplicated or len(out) < len(items)
        return out

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except RecursionError:
        raise _deep(source, DEFAULT_LIMITS) from None
    except json.JSONDecodeError as exc:
        line, column = exc.lineno, exc.colno
        if not text[exc.pos :].strip():  # ended too early: where the open thing starts
            opener = scan_brackets(text, "json")
            if opener is not None:
                line, column = _line_column(text, opener)
        raise LoadError([_diag(
            "syntax-error", "syntax-error", {"format": "JSON", "detail": exc.msg},
            source.file, line, column,
        )]) from None  # fmt: skip
    except ValueError as exc:  # a number Python will not convert (thousands of digits)
        raise _huge_number(source, exc) from None
    if duplicated:  # JSON allows it, but the second value would silently win
        try:
            index_json(text, strict=True)
        except DuplicateKey as dup:
            raise LoadError([_diag(
                "syntax-error", "syntax-error",
                {"format": "JSON", "detail": f'duplicate key "{dup.key}"'},
                source.file, dup.line, dup.column,
            )]) from None  # fmt: skip
    return data


def _parse_toml(source: Source) -> Any:
    import tomllib

    text = source.text
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise _deep(source, DEFAULT_LIMITS) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line, column = (int(match[1]), int(match[2])) if match else _line_column(text, len(text))
        if match is None or line > text.count("\n") + 1 or "Unclosed" in message:
            opener = scan_brackets(text, "toml")
            if opener is not None:
                line, column = _line_column(text, opener)
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise LoadError([_diag(
            "syntax-error", "syntax-error", {"format": "TOML", "detail": message},
            source.file, line, column,
        )]) from None  # fmt: skip
    except ValueError as exc:  # a number Python will not convert (thousands of digits)
        raise _huge_number(source, exc) from None


def _parse_yaml(source: Source, limits: Limits) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    text = source.text
    try:
        return _yaml(limits).load(text)
    except LimitExceeded as exc:
        raise LoadError(
            [
                _limit_diag(
                    exc.detail,
                    Location(source.file, exc.line, exc.column, ""),
                    "yaml",
                    limit=exc.limit,
                )
            ]
        ) from None
    except ValueError as exc:  # a number Python will not convert (thousands of digits)
        raise _huge_number(source, exc) from None
    except RecursionError:  # pragma: no cover - max_depth stops well before the stack ends
        detail = "the document nests too deep"
        raise LoadError([_limit_diag(detail, Location(source.file, 1, 1, ""), "yaml")]) from None
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
        raise LoadError([_diag(
            "syntax-error", "syntax-error", {"format": "YAML", "detail": what},
            source.file, line, column,
        )]) from None  # fmt: skip
    except ReaderError as exc:
        line, column = _line_column(text, exc.position)
        detail = (
            f"unacceptable character #x{exc.character:04x}: {exc.reason}"
            if isinstance(exc.character, int)
            else str(exc)
        )
        raise LoadError([_diag(
            "syntax-error", "syntax-error", {"format": "YAML", "detail": detail},
            source.file, line, column,
        )]) from None  # fmt: skip
    except YAMLError as exc:
        raise LoadError([_diag(
            "syntax-error", "syntax-error", {"format": "YAML", "detail": str(exc)}, source.file
        )]) from None  # fmt: skip


_HUGE_NUMBER = re.compile(rf"[0-9][0-9_]{{{sys.get_int_max_str_digits() or 4300},}}")


def _huge_number(source: Source, exc: ValueError) -> LoadError:
    """The error for a number with more digits than Python converts (a parser stops
    there with a bare ValueError): at the first such run of digits."""
    if "integer string conversion" not in str(exc):
        raise exc
    match = _HUGE_NUMBER.search(source.text)
    line, column = _line_column(source.text, match.start()) if match else (1, 1)
    digits = sys.get_int_max_str_digits()
    return LoadError([_diag(
        "syntax-error", "syntax-error",
        {"format": source.format.upper(), "detail": f"a number with more than {digits:,} digits"},
        source.file, line, column,
    )])  # fmt: skip


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _limit_diag(
    detail: str, location: Location, format: str = "agenda", *, limit: bool = True
) -> Diagnostic:
    # A limit is reported as a syntax error (AK101): the document cannot be read as
    # given. The detail names the limit and how to raise it.
    from ..rules.messages import render

    r = rule("syntax-error")
    if limit:
        detail += "; raise it in [limits] of .agenda-kit.toml if the file is trusted"
    params = {"format": format.upper() if format != "agenda" else format, "detail": detail}
    message, hint = render("syntax-error", params)
    return Diagnostic(
        r.code, r.name, r.severity, message, location, hint,
        url=r.url, key="syntax-error", params=params,
    )  # fmt: skip


def _yaml(limits: Limits = DEFAULT_LIMITS) -> Any:
    """A YAML 1.2 loader ('safe', pure Python: an unquoted 15:00 stays a string) that
    leaves dates as text, so that the model parses them and reports a bad one, such as
    2024-13-01, with its position instead of failing inside the YAML library."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _constructor()
    yaml.Composer = guarded_composer(limits)
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
                raise ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    "found unhashable key", key_node.start_mark,
                ) from None  # fmt: skip
            return bool(super().check_mapping_key(node, key_node, mapping, key, value))

    # On a subclass, ruamel copies the registry: other users of ruamel are unaffected.
    Constructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
    return Constructor


_PATTERN_KEYS = {
    CLOCK_PATTERN: "invalid-value.clock",
    END_CLOCK_PATTERN: "invalid-value.clock",
    RANGE_PATTERN: "invalid-value.range",
    AVAILABLE_PATTERN: "invalid-value.available",
    model.TEXT_PATTERN: "invalid-value.control",
    model.NOTES_PATTERN: "invalid-value.control",
    model.ID_PATTERN: "invalid-value.id",
    model.EMAIL_PATTERN: "invalid-value.email",
    model.LANG_PATTERN: "invalid-value.lang",
    model.COLOR_PATTERN: "invalid-value.color",
}


# A value quoted in a message: bounded, so that a huge or deeply nested value under a
# wrong key costs a line, not the memory of the whole value.
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 200
_SHORT.maxlevel = 3


def _translate(error: Any, source: Source, model: type[BaseModel], base: Path) -> Diagnostic:
    """A pydantic error as a diagnostic people can act on."""
    from ..rules.messages import render

    loc: Path = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    field_name = _field_label(loc)
    params: dict[str, Any] = {"key": field_name, "value": _SHORT.repr(value)}
    on_key = False
    if kind == "extra_forbidden":
        on_key = True
        known = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(field_name, known, n=1, cutoff=0.6)
        if close:
            key, params["suggestion"] = "invalid-value.unknown-key.suggest", close[0]
        else:
            key = "invalid-value.unknown-key"
            params["known"] = ", ".join(f"`{k}`" for k in sorted(known)) or "none"
    elif kind == "missing":
        key = "invalid-value.missing"
    elif kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        if pattern == URL_PATTERN:
            key, params["detail"] = (
                "invalid-value",
                f"{value!r} is not a URL: give it a scheme (such as https:) "
                "and percent-encode spaces, quotes, backslashes and control characters",
            )
        elif pattern in _PATTERN_KEYS:
            key = _PATTERN_KEYS[pattern]
        else:  # pragma: no cover - every pattern of the model has its message
            key, params["detail"] = "invalid-value", f"{value!r} is not valid"
    elif kind == "string_type" and isinstance(value, int | float) and _is_clock(loc):
        key = "invalid-value.number-time" if source.format == "yaml" else "invalid-value.time-type"
    elif kind == "string_type" and isinstance(value, dt.time):
        key, params["value"] = "invalid-value.time-type", value.strftime("%H:%M")
    elif kind == "string_type" and isinstance(value, int | float | bool):
        key = "invalid-value.quote"
    elif kind == "model_type" and not loc:
        key = "invalid-value.not-mapping" if model is Agenda else "invalid-value.config-not-mapping"
    else:
        key, params["detail"] = "invalid-value", error["msg"].removeprefix("Value error, ")
    message, hint = render(key, params)
    r = rule("invalid-value")
    return Diagnostic(
        r.code, r.name, r.severity, message, source.locate((*base, *loc), key=on_key), hint,
        url=r.url, key=key, params=params,
    )  # fmt: skip


def _field_label(loc: Path) -> str:
    """``available[0]`` for ("speakers", "ada", "available", 0): the last key and indices."""
    if not loc:
        return "document"
    tail = len(loc)
    while tail > 0 and isinstance(loc[tail - 1], int):
        tail -= 1
    if tail == 0:
        return format_path(loc)
    return str(loc[tail - 1]) + "".join(f"[{i}]" for i in loc[tail:])


def _is_clock(loc: Path) -> bool:
    return bool(loc) and loc[-1] in {"time", "start", "end", "window", "span"}


def _fields_at(root: type[BaseModel], loc: Path) -> list[str]:
    """Keys allowed in the mapping at ``loc`` of a document of type ``root``."""
    model: Any = root
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
