"""Helpers the commands share."""

from __future__ import annotations

import sys

from ..diagnostics import Report
from ..loaders import LoadError, load
from ..model import Agenda
from ..reporters import TextReporter

__all__ = ["load_or_report", "report_to_stderr"]


def report_to_stderr(report: Report) -> None:
    sys.stderr.write(TextReporter().render(report))


def load_or_report(name: str) -> Agenda | None:
    """The agenda at ``name``, or None after printing why it cannot be loaded."""
    try:
        return load(name)
    except LoadError as exc:
        report_to_stderr(Report(list(exc.diagnostics), files=1))
        return None
