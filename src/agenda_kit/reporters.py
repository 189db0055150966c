"""Output formats for a report. A new format is one class in ``REPORTERS``."""

from __future__ import annotations

import json
from typing import ClassVar, Protocol

from .diagnostics import Report

__all__ = ["REPORTERS", "JsonReporter", "Reporter", "TextReporter"]


class Reporter(Protocol):
    name: ClassVar[str]

    def render(self, report: Report) -> str: ...


class TextReporter:
    """One line per finding in the ruff style, a help line, and a summary line."""

    name: ClassVar[str] = "text"

    def render(self, report: Report) -> str:
        out: list[str] = []
        for d in report.diagnostics:
            out.append(f"{d.location}: {d.code} [{d.severity}] {d.name}: {d.message}")
            for related in d.related:
                out.append(f"  = see: {related} ({related.path})")
            if d.hint:
                out.append(f"  = help: {d.hint}")
        out.append(summary_line(report))
        return "\n".join(out) + "\n"


def summary_line(report: Report) -> str:
    files = f"{report.files} file" + ("" if report.files == 1 else "s")
    if not report.diagnostics:
        return f"All checks passed ({files})."
    counts = [
        _plural(report.errors, "error"),
        _plural(report.warnings, "warning"),
        _plural(report.infos, "info"),
    ]
    return "Found " + ", ".join(c for c in counts if c) + f" in {files}."


def _plural(n: int, word: str) -> str:
    if n == 0:
        return ""
    return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")


class JsonReporter:
    """The report as JSON (``version`` 1): diagnostics and a summary."""

    name: ClassVar[str] = "json"

    def render(self, report: Report) -> str:
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


REPORTERS: dict[str, type[Reporter]] = {r.name: r for r in (TextReporter, JsonReporter)}
