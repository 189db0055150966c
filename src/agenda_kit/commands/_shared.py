"""Helpers the commands share."""

from __future__ import annotations

import sys

from ..diagnostics import Report
from ..findings import resolve_language
from ..loaders import LoadError, load
from ..model import Agenda, CheckSettings
from ..reporters import TextReporter

__all__ = ["load_checked", "load_or_report", "output_language", "report_to_stderr"]


def output_language(
    flag: str | None,
    settings: CheckSettings | None = None,
    agenda: Agenda | None = None,
) -> str:
    """The language a command writes in: ``--lang``, else the settings file's ``lang``,
    else the agenda's ``event.lang``, else English. Call it with what is known so far
    (a file that could not be loaded has no agenda; a broken settings file, no settings)."""
    return resolve_language(
        flag,
        settings.lang if settings is not None else None,
        agenda.event.lang if agenda is not None else None,
    )


def report_to_stderr(report: Report) -> None:
    sys.stderr.write(TextReporter().render(report))


def load_or_report(name: str) -> Agenda | None:
    """The agenda at ``name``, or None after printing why it cannot be loaded.

    The limits of the settings file that applies to it (``[limits]``) bound the load.
    """
    from pathlib import Path

    from ..config import ConfigError, discover, load_settings
    from ..loaders import limits_from

    try:
        found = discover(Path(name).parent)
        limits = limits_from(load_settings(found) if found else None)
        return load(name, limits=limits)
    except (LoadError, ConfigError) as exc:
        report_to_stderr(Report(list(exc.diagnostics), files=1))
        return None


def load_checked(name: str, *, force: bool, refusal: str) -> tuple[Agenda, Report] | int:
    """The agenda at ``name`` and its report, the findings printed; or the exit code when
    it cannot be loaded (2) or has errors and ``force`` is not set (1)."""
    from ..rules import check

    agenda = load_or_report(name)
    if agenda is None:
        return 2
    report = check(agenda)
    if report.diagnostics:
        report_to_stderr(report)
    if not report.ok and not force:
        sys.stderr.write(f"{refusal}: fix the errors above, or pass --force.\n")
        return 1
    return agenda, report
