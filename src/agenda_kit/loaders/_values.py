"""Pydantic's validation errors as diagnostics people can act on: the key, the value,
what was meant (a close key, quotes around a time), at the position of the value."""

from __future__ import annotations

import datetime as dt
import reprlib
import types
import typing
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .. import model
from ..diagnostics import Diagnostic, Location, format_path
from ..findings import DATE_OUT_OF_RANGE, INVALID_VALUE, UNSUPPORTED_TIMEZONE
from ..model import URL_PATTERN, Agenda
from ..timespan import (
    AVAILABLE_PATTERN,
    CLOCK_PATTERN,
    END_CLOCK_PATTERN,
    FIRST_DATE,
    LAST_DATE,
    RANGE_PATTERN,
    is_zone,
    zone_suggestion,
)
from .positions import Path

if TYPE_CHECKING:
    from . import Source

__all__ = ["ObjectSource", "translate_error"]


class ObjectSource:
    """Where a model built or changed in code is: no file, no line; the path in the
    object tree (``parts[0].sessions[2].time``) says where."""

    __slots__ = ("file",)
    format = "python"

    def __init__(self, file: str) -> None:
        self.file = file

    def locate(self, path: Path, *, key: bool = False) -> Location:
        del key  # an object has no separate place for its keys
        return Location(self.file, 0, 0, format_path(path))


_PATTERN_VARIANTS = {
    CLOCK_PATTERN: "clock",
    END_CLOCK_PATTERN: "clock",
    RANGE_PATTERN: "range",
    AVAILABLE_PATTERN: "available",
    model.TEXT_PATTERN: "control",
    model.NOTES_PATTERN: "control",
    model.ID_PATTERN: "id",
    model.EMAIL_PATTERN: "email",
    model.LANG_PATTERN: "lang",
    model.COLOR_PATTERN: "color",
}

# A value quoted in a message: bounded, so that a huge or deeply nested value under a
# wrong key costs a line, not the memory of the whole value.
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 200
_SHORT.maxlevel = 3


def translate_error(
    error: Any, source: Source | ObjectSource, root: type[BaseModel], base: Path = ()
) -> Diagnostic:
    """One pydantic error of validating ``root`` (found at ``base`` in ``source``)."""
    loc: Path = tuple(error["loc"])
    where = source.locate((*base, *loc), key=error["type"] == "extra_forbidden")
    refused = _refused_value(error, loc, where)
    if refused is not None:
        return refused
    variant, params = _invalid_value(error, loc, source, root)
    return INVALID_VALUE.at(where, variant, **params)


def _refused_value(error: Any, loc: Path, where: Location) -> Diagnostic | None:
    """AK105 for a time zone the model refused, AK106 for a date outside the supported
    years; None for every other error (AK102). Decided from the value, not the text of
    the model's message."""
    if error["type"] != "value_error":
        return None
    value = error.get("input")
    if loc and loc[-1] == "timezone" and isinstance(value, str) and not is_zone(value):
        better = zone_suggestion(value)
        if better is not None:
            return UNSUPPORTED_TIMEZONE.at(where, "machine", value=value, suggestion=better)
        return UNSUPPORTED_TIMEZONE.at(where, "unknown", value=value)
    day = _as_date(value)
    if day is not None and not FIRST_DATE <= day <= LAST_DATE:
        first, last = FIRST_DATE.isoformat(), LAST_DATE.isoformat()
        return DATE_OUT_OF_RANGE.at(where, value=day.isoformat(), first=first, last=last)
    return None


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _invalid_value(
    error: Any, loc: Path, source: Source | ObjectSource, root: type[BaseModel]
) -> tuple[str, dict[str, Any]]:
    """The variant of AK102 invalid-value and its values."""
    kind = error["type"]
    value = error.get("input")
    field_name = _field_label(loc)
    params: dict[str, Any] = {"key": field_name, "value": _SHORT.repr(value)}
    if kind == "extra_forbidden":
        import difflib  # only for a misspelt key: off the start-up path

        known = _fields_at(root, loc[:-1])
        close = difflib.get_close_matches(field_name, known, n=1, cutoff=0.6)
        if close:
            params["suggestion"] = close[0]
            return "unknown-key.suggest", params
        params["known"] = ", ".join(f"`{k}`" for k in sorted(known)) or "none"
        return "unknown-key", params
    if kind == "missing":
        return "missing", params
    if kind == "string_pattern_mismatch":
        return _pattern_variant(error, value, params)
    if kind == "string_type" and isinstance(value, int | float) and _is_clock(loc):
        return ("number-time" if source.format == "yaml" else "time-type"), params
    if kind == "string_type" and isinstance(value, dt.time):
        params["value"] = value.strftime("%H:%M")
        return "time-type", params
    if kind == "string_type" and isinstance(value, int | float | bool):
        return "quote", params
    if kind == "model_type" and not loc:
        return ("not-mapping" if root is Agenda else "config-not-mapping"), params
    params["detail"] = error["msg"].removeprefix("Value error, ")
    return "", params


def _pattern_variant(error: Any, value: Any, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    pattern = error.get("ctx", {}).get("pattern", "")
    if pattern == URL_PATTERN:
        params["detail"] = (
            f"{value!r} is not a URL: give it a scheme (such as https:) "
            "and percent-encode spaces, quotes, backslashes and control characters"
        )
        return "", params
    if pattern in _PATTERN_VARIANTS:
        return _PATTERN_VARIANTS[pattern], params
    params["detail"] = f"{value!r} is not valid"  # pragma: no cover - every pattern has one
    return "", params  # pragma: no cover


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
    current: Any = root
    for segment in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = next(
                (f for n, f in current.model_fields.items() if _key(n, f) == segment), None
            )
            if field is None:
                return []
            current = field.annotation
        else:
            args = typing.get_args(current)
            if not args:
                return []
            current = args[-1]  # list[X] -> X, dict[K, X] -> X
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [_key(n, f) for n, f in current.model_fields.items()]
    return []


def _key(name: str, field: FieldInfo) -> str:
    """The key of a field in a file (``fills-window`` for ``fills_window``)."""
    alias = field.validation_alias or field.alias
    return alias if isinstance(alias, str) else name


def _unwrap(annotation: Any) -> Any:
    """``X`` from ``X | None``."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            return options[0]
    return annotation
