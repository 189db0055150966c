"""Findings as data: severities, locations, diagnostics and the report of a run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["Diagnostic", "Location", "Path", "PathPart", "Report", "Severity", "format_path"]


class Severity(StrEnum):
    """How bad a finding is. Ordered: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def __str__(self) -> str:
        return self.value


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

PathPart = str | int
Path = tuple[PathPart, ...]


def format_path(path: Iterable[PathPart]) -> str:
    """``parts[1].sessions[3].time`` from ``("parts", 1, "sessions", 3, "time")``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is: file, 1-based line and column, and the path in the document.

    An agenda built in code has no lines: ``line`` and ``column`` are then 0, ``file``
    names the object (``<agenda>``, ``<Session>``) and ``path`` says where in it the
    finding is (``parts[0].sessions[2].time``).
    """

    file: str
    line: int
    column: int
    path: str

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "path": self.path}

    @property
    def positioned(self) -> bool:
        """Whether the location has a line and column (it is in a file)."""
        return self.line > 0

    def __str__(self) -> str:
        if self.line > 0:
            return f"{self.file}:{self.line}:{self.column}"
        return f"{self.file}:{self.path}" if self.path else self.file


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding of the checker (or of the loader)."""

    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    hint: str = ""
    related: tuple[Location, ...] = ()
    url: str = field(default="", compare=False, repr=False)
    # The message key and its values, so that the text can be made in another language.
    key: str = field(default="", compare=False, repr=False)
    params: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    # What the finding is about, by id: configured exceptions and tools that link
    # findings to the agenda's objects read these rather than the message.
    sessions: tuple[str, ...] = field(default=(), compare=False, repr=False)
    parts: tuple[str, ...] = field(default=(), compare=False, repr=False)
    speakers: tuple[str, ...] = field(default=(), compare=False, repr=False)
    rooms: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def subjects(self) -> dict[str, list[str]]:
        """The ids the finding names, by what they are (empty kinds left out)."""
        found = {
            "sessions": self.sessions,
            "parts": self.parts,
            "speakers": self.speakers,
            "rooms": self.rooms,
        }
        return {k: list(v) for k, v in found.items() if v}

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "location": self.location.to_dict(),
            "hint": self.hint,
        }
        if self.related:
            data["related"] = [loc.to_dict() for loc in self.related]
        if self.url:
            data["url"] = self.url
        subjects = self.subjects
        if subjects:
            data["subjects"] = subjects
        return data


@dataclass(slots=True)
class Report:
    """The findings of one run over one or more files, in document order per file."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    failed: bool = False  # a finding at or above the run's fail-on level
    broken: bool = False  # a file could not be read or typed, or settings are invalid
    rules: dict[str, str] = field(default_factory=dict)  # code -> name of the rules that ran
    checked: list[str] = field(default_factory=list)  # the files, clean ones included
    fail_on: Severity = Severity.ERROR
    lang: str | None = None  # the language the run asked for (reporters write in it)

    def fails(self, severity: Severity) -> bool:
        """Whether a finding of ``severity`` fails the run."""
        return severity.rank >= self.fail_on.rank

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def infos(self) -> int:
        return self.count(Severity.INFO)

    @property
    def ok(self) -> bool:
        """True when nothing at error level was found."""
        return self.errors == 0

    def extend(self, other: Report) -> None:
        self.diagnostics.extend(other.diagnostics)
        self.files += other.files
        self.failed = self.failed or other.failed
        self.broken = self.broken or other.broken
        self.rules.update(other.rules)
        self.checked.extend(other.checked)
        # Over several files, the strictest fail-on of any of them.
        self.fail_on = min(self.fail_on, other.fail_on, key=lambda s: s.rank)
        self.lang = self.lang or other.lang

    @property
    def exit_code(self) -> int:
        """2 when a file or the settings could not be used, 1 with failing findings, else 0."""
        return 2 if self.broken else 1 if self.failed else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "diagnostics": [d.to_dict() for d in self.diagnostics],
            "summary": {
                "files": self.files,
                "errors": self.errors,
                "warnings": self.warnings,
                "infos": self.infos,
            },
        }
