"""The error every load problem is raised as, and how its diagnostics are made."""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic, Location
from ..rules.catalog import rule

__all__ = ["LoadError"]


class LoadError(Exception):
    """The file could not be read or typed. ``diagnostics`` says where and why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        first = diagnostics[0]
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(f"{first.location}: {first.message}{more}")


def diag(
    name: str,
    key: str,
    params: dict[str, Any],
    file: str,
    line: int = 1,
    column: int = 1,
    path: str = "",
) -> Diagnostic:
    from ..rules.messages import render

    r = rule(name)
    message, hint = render(key, params)
    return Diagnostic(
        r.code, r.name, r.severity, message, Location(file, line, column, path), hint,
        url=r.url, key=key, params=params,
    )  # fmt: skip
