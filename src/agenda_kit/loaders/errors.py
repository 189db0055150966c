"""The error every load problem is raised as, and how its diagnostics are made."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Location
from ..findings import INPUT_LIMIT, SYNTAX_ERROR, UNREADABLE_FILE, Kind

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

__all__ = ["LoadError", "diag", "invalid", "limit_error", "syntax_error", "unreadable"]


class LoadError(ValueError):
    """An agenda (or settings) that could not be read or typed. ``diagnostics`` says
    where and why: file, line and column for a file; for a model built or changed in
    code, the file ``<Session>`` (the class) and the path of the field."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        # When the only problems are unknown keys (a misspelt `flor:`), the agenda as it
        # loads without them, so that a checker can still run its rules on it.
        self.partial: Any = None
        first = diagnostics[0]
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(f"{first.location}: {first.message}{more}")


def diag(kind: Kind, variant: str, where: Location, **params: Any) -> Diagnostic:
    """A diagnostic of ``kind`` at ``where`` (text in English; reporters translate it)."""
    return kind.at(where, variant, **params)


def at(file: str, line: int = 1, column: int = 1, path: str = "") -> Location:
    return Location(file, line, column, path)


def syntax_error(format: str, detail: str, where: Location) -> LoadError:
    """AK101 for ``format`` (YAML, JSON, TOML) at ``where``."""
    return LoadError([diag(SYNTAX_ERROR, "", where, format=format, detail=detail)])


def limit_error(variant: str, where: Location, **params: Any) -> LoadError:
    """AK104: a limit of ``Limits`` reached (``variant``: size, depth, alias-depth, ...)."""
    return LoadError([diag(INPUT_LIMIT, variant, where, **params)])


def unreadable(variant: str, where: Location, **params: Any) -> LoadError:
    """AK100: the file cannot be read (``read``) or decoded (``utf8``)."""
    return LoadError([diag(UNREADABLE_FILE, variant, where, **params)])


def invalid(model: type[BaseModel], exc: ValidationError) -> LoadError:
    """The error of building or changing a ``model`` in code: every problem, worded as
    the loader words it, at the path of the field (``<Session>:start``)."""
    from ._values import ObjectSource, translate_error

    source = ObjectSource(f"<{model.__name__}>")
    return LoadError([translate_error(error, source, model) for error in exc.errors()])
