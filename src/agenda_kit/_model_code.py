"""Models built and changed in code: the Python values constructors take besides the
file's text (times, dates, durations), the keyword arguments an ``__init__`` passes on,
the loader's error for a refused value, and paths into the object tree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

__all__ = [
    "availability",
    "available",
    "base_init",
    "child",
    "clock",
    "given",
    "invalid",
    "minutes",
    "next_key",
    "range_",
    "ranges",
]


def clock(value: Any) -> Any:
    """``13:50`` for ``time(13, 50)``; anything else is left to the model to refuse."""
    if isinstance(value, dt.time) and value.tzinfo is None and not value.second | value.microsecond:
        return f"{value.hour:02d}:{value.minute:02d}"
    return value


def range_(value: Any) -> Any:
    """``13:50-14:30`` for a pair of times (or clock texts)."""
    if isinstance(value, tuple | list) and len(value) == 2:
        start, end = (clock(v) for v in value)
        if isinstance(start, str) and isinstance(end, str):
            return f"{start}-{end}"
    return value


def ranges(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [range_(v) for v in value]
    return value


def available(value: Any) -> Any:
    """``2025-03-18 09:00-12:00`` for ``(date(2025, 3, 18), time(9), time(12))``."""
    if isinstance(value, tuple | list) and len(value) == 3 and isinstance(value[0], dt.date):
        clocks = range_(value[1:])
        if not isinstance(value[0], dt.datetime) and isinstance(clocks, str):
            return f"{value[0].isoformat()} {clocks}"
    return value


def availability(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [available(v) for v in value]
    return value


def minutes(value: Any) -> Any:
    """Whole minutes for a ``timedelta`` of whole minutes."""
    if isinstance(value, dt.timedelta):
        whole, rest = divmod(value, dt.timedelta(minutes=1))
        if not rest:
            return whole
    return value


_F = TypeVar("_F", bound=Callable[..., None])


def base_init(init: _F) -> _F:
    """Mark an ``__init__`` as one validation need not call: pydantic calls a model's
    own ``__init__`` for every nested object it validates unless it is marked so (the
    marker of pydantic's own ``BaseModel.__init__``). Files are validated without it;
    only code that calls a constructor goes through it."""
    setattr(init, "__pydantic_base_init__", True)  # noqa: B010 - not a known attribute
    return init


def invalid(model: type[BaseModel], exc: ValidationError) -> Exception:
    """The loader's error for a model built or changed in code: the same readable
    messages, with the path of the field instead of a line and column."""
    # Imported here: the loaders import the model, and the model knows no findings
    # until something is wrong (import-linter ignores this one import by name).
    from .loaders.errors import invalid as loader_error

    return loader_error(model, exc)


def given(model: type[BaseModel], values: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments of an explicit ``__init__`` that differ from the field
    defaults (so that ``model_fields_set`` says what the caller gave)."""
    out = {}
    for name, field in model.model_fields.items():
        value = values[name]
        default = field.get_default(call_default_factory=True)
        if value is default or (type(value) is type(default) and value == default):
            continue
        out[name] = value
    return out


def next_key(current: Any, path: str, pos: int) -> str:
    """The key at ``pos``: a mapping's keys may hold dots (``speakers.a.b``), so the
    longest key of the mapping that the path goes on with is the one."""
    if isinstance(current, dict):
        fitting: list[str] = [
            k
            for k in current
            if path.startswith(k, pos) and path[pos + len(k) : pos + len(k) + 1] in ("", ".", "[")
        ]
        if fitting:
            return max(fitting, key=len)
    end = pos
    while end < len(path) and path[end] not in ".[":
        end += 1
    return path[pos:end]


def child(current: Any, key: str) -> Any:
    if isinstance(current, dict):
        return current[key]
    if isinstance(current, BaseModel):
        for name, field in type(current).model_fields.items():
            alias = field.validation_alias
            if key in (name, alias):
                return getattr(current, name)
    raise KeyError(key)
