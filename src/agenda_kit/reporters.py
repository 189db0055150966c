"""Output formats for a report. A new format is one class in ``REPORTERS``.

Reporters know only diagnostics and the registry's data: what a finding is, not which
rule made it or how. Their own words (the summary line) come from the phrase catalogue,
in the language the run resolved.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import PurePath
from typing import Any, ClassVar
from urllib.parse import quote

from .diagnostics import Diagnostic, Location, Report, Severity
from .findings import KINDS_BY_CODE, translate
from .findings.phrases import count, say

__all__ = [
    "REPORTERS",
    "ConciseReporter",
    "GithubReporter",
    "GitlabReporter",
    "JsonReporter",
    "JunitReporter",
    "Reporter",
    "SarifReporter",
    "TextReporter",
    "summary_line",
]

_TOOL = "agenda-kit"
_TOOL_URI = "https://github.com/agenda-kit/agenda-kit"


class Reporter:
    """Renders a report as text. ``color`` asks for ANSI colours (text formats only)."""

    name: ClassVar[str]

    def __init__(self, *, color: bool = False, version: str = "", lang: str | None = None) -> None:
        self.color = color
        self.version = version
        self.lang = lang  # None: the language the report was made in

    def language(self, report: Report) -> str:
        return self.lang or report.lang or "en"

    def render(self, report: Report) -> str:
        """The report in this format, every text in the run's language."""
        return self.format(self.localized(report))

    def format(self, report: Report) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def localized(self, report: Report) -> Report:
        """The report with each finding's message and hint made in the language of the
        output: text is rendered here, at the edge, whatever language it was made in."""
        lang = self.language(report)
        found = [translate(d, lang) for d in report.diagnostics]
        if all(a is b for a, b in zip(found, report.diagnostics, strict=True)):
            return report
        return replace(report, diagnostics=found)

    def paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text


_SEVERITY_COLOR = {Severity.ERROR: "1;31", Severity.WARNING: "1;33", Severity.INFO: "1;36"}


class TextReporter(Reporter):
    """One line per finding in the ruff style, its other party, a help line, a summary."""

    name = "text"

    def format(self, report: Report) -> str:
        out: list[str] = []
        for d in report.diagnostics:
            out.append(self.line(d))
            for related in d.related:
                # A location without a line (an agenda built in code) is its path already.
                shown = f"{related} ({related.path})" if related.positioned else str(related)
                out.append(f"  {self.paint('=', '34')} see: {shown}")
            if d.hint:
                out.append(f"  {self.paint('=', '34')} {self.paint('help', '1')}: {d.hint}")
        out.append(summary_line(report, self.language(report)))
        return "\n".join(out) + "\n"

    def line(self, d: Diagnostic) -> str:
        where = self.paint(str(d.location), "1")
        severity = self.paint(f"[{d.severity}]", _SEVERITY_COLOR[d.severity])
        code = self.paint(d.code, "31" if d.severity is Severity.ERROR else "33")
        return f"{where}: {code} {severity} {d.name}: {d.message}"


class ConciseReporter(TextReporter):
    """One line per finding, and the summary."""

    name = "concise"

    def format(self, report: Report) -> str:
        lines = [self.line(d) for d in report.diagnostics]
        return "\n".join([*lines, summary_line(report, self.language(report))]) + "\n"


def summary_line(report: Report, lang: str = "en") -> str:
    """``Found 3 errors, 1 warning in 2 files.``, in ``lang``."""
    files = count("count.files", report.files, lang)
    if not report.diagnostics:
        return say("summary.clean", lang, files=files)
    counts = [
        count(f"count.{key}", n, lang)
        for key, n in (
            ("errors", report.errors),
            ("warnings", report.warnings),
            ("infos", report.infos),
        )
        if n
    ]
    return say("summary.found", lang, counts=say("list.separator", lang).join(counts), files=files)


class JsonReporter(Reporter):
    """The report as JSON (``version`` 1): diagnostics and a summary."""

    name = "json"

    def format(self, report: Report) -> str:
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: annotations on the files of a pull request."""

    name = "github"
    LEVELS: ClassVar[dict[Severity, str]] = {
        Severity.ERROR: "error",
        Severity.WARNING: "warning",
        Severity.INFO: "notice",
    }

    def format(self, report: Report) -> str:
        out = []
        for d in report.diagnostics:
            loc = d.location
            place = f",line={loc.line},col={loc.column}" if loc.positioned else ""
            props = (
                f"file={_gh_property(loc.file)}{place},title={_gh_property(f'{d.code} {d.name}')}"
            )
            message = d.message + (f"\n{d.hint}" if d.hint else "")
            out.append(f"::{self.LEVELS[d.severity]} {props}::{_gh_data(message)}")
        out.append(summary_line(report, self.language(report)))
        return "\n".join(out) + "\n"


def _uri(file: str) -> str:
    return quote(PurePath(file).as_posix(), safe="/")


def _physical(loc: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(loc.file)}}
    if loc.positioned:  # SARIF lines start at 1: a code-built agenda's finding has none
        physical["region"] = {"startLine": loc.line, "startColumn": loc.column}
    return physical


class SarifReporter(Reporter):
    """SARIF 2.1.0, for code-scanning tools."""

    name = "sarif"
    LEVELS: ClassVar[dict[Severity, str]] = {
        Severity.ERROR: "error",
        Severity.WARNING: "warning",
        Severity.INFO: "note",
    }

    def rule(self, code: str, name: str) -> dict[str, Any]:
        """A reportingDescriptor: what code-scanning pages show for the rule."""
        out: dict[str, Any] = {"id": code, "name": name}
        kind = KINDS_BY_CODE.get(code)
        if kind is not None and kind.name == name:
            out["shortDescription"] = {"text": kind.summary}
            out["fullDescription"] = {"text": f"{kind.summary} {kind.why}"}
            out["help"] = {"text": kind.fix}
            out["defaultConfiguration"] = {"level": self.LEVELS[kind.severity]}
            out["helpUri"] = kind.url
        return out

    def format(self, report: Report) -> str:
        rules: dict[str, dict[str, Any]] = {
            code: self.rule(code, name) for code, name in sorted(report.rules.items())
        }
        for d in report.diagnostics:
            rules.setdefault(d.code, self.rule(d.code, d.name))
            if d.url:
                rules[d.code]["helpUri"] = d.url
        order = {code: i for i, code in enumerate(rules)}
        results = []
        for d in report.diagnostics:
            location: dict[str, Any] = {"physicalLocation": _physical(d.location)}
            if d.location.path:
                location["logicalLocations"] = [
                    {"fullyQualifiedName": d.location.path, "kind": "member"}
                ]
            result: dict[str, Any] = {
                "ruleId": d.code,
                "ruleIndex": order[d.code],
                "level": self.LEVELS[d.severity],
                "message": {"text": d.message + (f" ({d.hint})" if d.hint else "")},
                "locations": [location],
            }
            if d.related:
                result["relatedLocations"] = [
                    {"id": i, "physicalLocation": _physical(r), "message": {"text": r.path}}
                    for i, r in enumerate(d.related)
                ]
            results.append(result)
        driver: dict[str, Any] = {
            "name": _TOOL,
            "informationUri": _TOOL_URI,
            "rules": list(rules.values()),
        }
        if self.version:
            driver["version"] = self.version
        log = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {"tool": {"driver": driver}, "results": results, "columnKind": "unicodeCodePoints"}
            ],
        }
        return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


class JunitReporter(Reporter):
    """JUnit XML: one test case per file and rule; a finding at or above the fail-on
    level is a failure, others are written to the test case's output."""

    name = "junit"

    def format(self, report: Report) -> str:
        # Imported here: xml.sax.saxutils brings urllib.request, http.client and ssl,
        # 10-20 ms that every other report (and so every check) would pay at start-up.
        from xml.sax.saxutils import escape, quoteattr

        by_file: dict[str, list[Diagnostic]] = {}
        for d in report.diagnostics:
            by_file.setdefault(d.location.file, []).append(d)
        files = list(dict.fromkeys([*by_file, *report.checked]))
        suites = []
        total = failures = 0
        for file in files:
            found = by_file.get(file, [])
            rules = dict(report.rules)
            for d in found:
                rules.setdefault(d.code, d.name)
            cases = []
            suite_failures = 0
            for code, name in sorted(rules.items()):
                mine = [d for d in found if d.code == code]
                failing = [d for d in mine if report.fails(d.severity)]
                body = ""
                if failing:
                    suite_failures += 1
                    text = "\n".join(f"{d.location}: {d.message}" for d in mine)
                    body = (
                        f"<failure message={quoteattr(f'{len(mine)} finding(s)')} "
                        f"type={quoteattr(failing[0].severity.value)}>{escape(text)}</failure>"
                    )
                elif mine:
                    text = "\n".join(f"{d.location}: [{d.severity}] {d.message}" for d in mine)
                    body = f"<system-out>{escape(text)}</system-out>"
                cases.append(
                    f"    <testcase classname={quoteattr(file)} name={quoteattr(f'{code} {name}')}"
                    + (f">{body}</testcase>" if body else "/>")
                )
            total += len(cases)
            failures += suite_failures
            suites.append(
                f'  <testsuite name={quoteattr(file)} tests="{len(cases)}" '
                f'failures="{suite_failures}" errors="0">\n' + "\n".join(cases) + "\n  </testsuite>"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites name="{_TOOL}" tests="{total}" failures="{failures}" errors="0">\n'
            + "".join(s + "\n" for s in suites)
            + "</testsuites>\n"
        )


class GitlabReporter(Reporter):
    """GitLab code quality report (JSON)."""

    name = "gitlab"
    LEVELS: ClassVar[dict[Severity, str]] = {
        Severity.ERROR: "major",
        Severity.WARNING: "minor",
        Severity.INFO: "info",
    }

    def format(self, report: Report) -> str:
        import hashlib  # OpenSSL's library: loaded only for this format

        issues = []
        seen: dict[str, int] = {}
        for d in report.diagnostics:
            basis = f"{d.location.file}\0{d.code}\0{d.location.path}\0{d.message}"
            digest = hashlib.sha256(basis.encode()).hexdigest()[:32]
            seen[digest] = seen.get(digest, 0) + 1
            if seen[digest] > 1:  # fingerprints must be unique
                digest = hashlib.sha256(f"{basis}\0{seen[digest]}".encode()).hexdigest()[:32]
            issue = {
                "type": "issue",
                "check_name": d.code,
                "description": f"{d.code} {d.name}: {d.message}",
                "categories": ["Bug Risk"],
                "severity": self.LEVELS[d.severity],
                "fingerprint": digest,
                # GitLab requires a line: an agenda built in code has none, so its first.
                "location": {
                    "path": d.location.file,
                    "lines": {"begin": max(d.location.line, 1)},
                },
            }
            issues.append(issue)
        return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


REPORTERS: dict[str, type[Reporter]] = {
    r.name: r
    for r in (
        TextReporter,
        ConciseReporter,
        JsonReporter,
        GithubReporter,
        SarifReporter,
        JunitReporter,
        GitlabReporter,
    )
}
