"""The checker: rules over the timeline of an agenda, reported as diagnostics."""

from __future__ import annotations

from ..diagnostics import Diagnostic, Location, Report, format_path
from ..model import Agenda
from ..timeline import Path, Timeline, build_timeline
from . import references, rooms, timing
from .base import Check, Finding
from .catalog import RULES, RULES_BY_CODE, Rule, rule

__all__ = ["CHECKS", "RULES", "RULES_BY_CODE", "Rule", "check", "rule"]

CHECKS: tuple[Check, ...] = (
    references.duplicate_ids,
    references.references,
    timing.weekday,
    timing.tiling,
    timing.window,
    timing.durations,
    timing.part_spans,
    rooms.transfers,
)


def check(agenda: Agenda, timeline: Timeline | None = None) -> Report:
    """Every finding of every rule, in document order."""
    timeline = timeline or build_timeline(agenda)
    findings: list[Finding] = [
        Finding(p.rule, p.path, p.message, p.hint) for p in timeline.problems
    ]
    for run in CHECKS:
        findings.extend(run(timeline))
    source = agenda.source
    file = source.file if source is not None else "<agenda>"

    def locate(path: Path, key: bool = False) -> Location:
        if source is not None:
            loc: Location = source.locate(path, key=key)
            return loc
        return Location(file, 1, 1, format_path(path))

    diagnostics = []
    for f in findings:
        r = rule(f.rule)
        diagnostics.append(
            Diagnostic(
                r.code,
                r.name,
                r.severity,
                f.message,
                locate(f.path, f.key),
                _sentence(f.hint or r.fix),
                tuple(locate(p) for p in f.related),
            )
        )
    # Document order: by position in the file, and (for an agenda built in Python,
    # which has no positions) by the path of the finding.
    diagnostics.sort(key=lambda d: (d.location.line, d.location.column, _order(d), d.code))
    return Report(diagnostics, files=1)


def _order(diagnostic: Diagnostic) -> tuple[tuple[int, int | str], ...]:
    parts = diagnostic.location.path.replace("]", "").replace("[", ".").split(".")
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."
