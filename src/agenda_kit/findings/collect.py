"""Findings of a command collected as data: every problem of a run is reported, and one
that repeats (773 events without a date) is counted once, at its first place."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Report, Severity
from ._kind import translate

__all__ = ["Collector"]


@dataclass(slots=True)
class Collector:
    """What an import, export or invitation run found, in the order it was found.

    ``add(IMPORT_SKIPPED.at(where, "no-date"))``; a finding with the key of an earlier
    one (by default its code, variant and values) raises that one's ``count``.
    """

    found: list[Diagnostic] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    _first: dict[str, int] = field(default_factory=dict, repr=False)

    def add(self, diagnostic: Diagnostic, *, key: str | None = None) -> None:
        key = key if key is not None else _key(diagnostic)
        index = self._first.get(key)
        if index is not None:
            self.counts[key] += 1
            return
        self._first[key] = len(self.found)
        self.counts[key] = 1
        self.found.append(diagnostic)

    def count(self, diagnostic: Diagnostic, *, key: str | None = None) -> int:
        """How often ``diagnostic`` (or one with its key) was added."""
        return self.counts.get(key if key is not None else _key(diagnostic), 0)

    def report(self, *, files: int = 1, lang: str | None = None) -> Report:
        """The findings as a report (``broken`` when one of them is an error)."""
        return Report(
            list(self.found),
            files=files,
            broken=any(d.severity is Severity.ERROR for d in self.found),
            lang=lang,
        )

    def translated(self, lang: str) -> list[Diagnostic]:
        """The findings with their text in ``lang``."""
        return [translate(d, lang) for d in self.found]


def _key(diagnostic: Diagnostic) -> str:
    params = sorted((k, repr(v)) for k, v in (diagnostic.params or {}).items())
    return f"{diagnostic.key or diagnostic.code}\0{params}"
