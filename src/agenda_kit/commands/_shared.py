"""Helpers the commands share."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from ..diagnostics import Diagnostic, Report
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


def report_to_stderr(report: Report, lang: str | None = None) -> None:
    """The report as text on standard error, in ``lang`` (else the report's language)."""
    sys.stderr.write(TextReporter(lang=lang).render(report))


def load_or_report(name: str, lang: str | None = None) -> Agenda | None:
    """The agenda at ``name``, or None after printing why it cannot be loaded (in
    ``lang``, else the language of the settings file that applies to it).

    The limits of the settings file that applies to it (``[limits]``) bound the load.
    """
    agenda, _ = _load(name, lang)
    return agenda


def _load(name: str, lang: str | None) -> tuple[Agenda | None, CheckSettings | None]:
    from pathlib import Path

    from ..config import ConfigError, discover, load_settings
    from ..loaders import limits_from

    settings = None
    try:
        found = discover(Path(name).parent)
        settings = load_settings(found) if found else None
        return load(name, limits=limits_from(settings)), settings
    except (LoadError, ConfigError) as exc:
        report = Report(list(exc.diagnostics), files=1)
        report_to_stderr(report, output_language(lang, settings))
        return None, settings


def load_checked(
    name: str, *, force: bool, refusal: str, lang: str | None = None
) -> tuple[Agenda, Report] | int:
    """The agenda at ``name`` and its report, the findings printed; or the exit code when
    it cannot be loaded (2) or has errors and ``force`` is not set (1). Findings are in
    ``lang`` (``--lang``), else the settings file's language, else the agenda's."""
    from ..rules import check

    agenda, settings = _load(name, lang)
    if agenda is None:
        return 2
    report = check(agenda, lang=output_language(lang, settings, agenda))
    if report.diagnostics:
        report_to_stderr(report)
    if not report.ok and not force:
        sys.stderr.write(f"{refusal}: fix the errors above, or pass --force.\n")
        return 1
    return agenda, report


def write_output(output: str, chunks: Iterable[bytes], lang: str) -> int | Diagnostic:
    """Write ``chunks`` to the file ``output`` atomically (``agenda_kit._files``): the
    number of bytes, or an AK503 finding saying why nothing was written (an existing
    file is then left as it was)."""
    from pathlib import Path

    from .._files import write_atomic
    from ..diagnostics import Location
    from ..findings.export import OUTPUT_UNWRITABLE

    where = Location(output, 1, 1, "")
    if Path(output).is_dir():
        return OUTPUT_UNWRITABLE.at(where, lang=lang, path=output, reason="Is a directory")
    try:
        return write_atomic(output, chunks)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return OUTPUT_UNWRITABLE.at(where, lang=lang, path=output, reason=reason)
