"""What checker settings decide: which rules run, at which severity, with which options,
and which findings are excepted."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..findings import INVALID_VALUE
from ..findings import KINDS as RULES
from ..findings import Kind as Rule
from ..model import CheckSettings

__all__ = [
    "Policy",
    "check_selectors",
    "known_selector",
    "merge",
    "parse_selectors",
    "selector_matches",
]

_RANKS = {"info": 0, "warning": 1, "error": 2}


def selector_matches(selector: str, rule: Rule) -> int | None:
    """How specifically ``selector`` names ``rule`` (higher is more specific), or None.

    ``ALL`` < code prefix (``AK2`` < ``AK20``) < full code or name.
    """
    text = selector.strip()
    if text.upper() == "ALL":
        return 0
    if text == rule.name or text.upper() == rule.code:
        return 10
    if text.upper().startswith("AK") and rule.code.startswith(text.upper()):
        return len(text)
    return None


def known_selector(selector: str) -> bool:
    return any(selector_matches(selector, r) is not None for r in RULES.values())


def parse_selectors(text: str) -> list[str]:
    """``AK201,gap, AK3`` as a list (for --select and --ignore)."""
    return [part.strip() for part in text.split(",") if part.strip()]


def merge(*layers: CheckSettings | None) -> CheckSettings:
    """Later layers win: ``select`` replaces, ``ignore`` and exceptions add up,
    ``severity`` and rule options update key by key."""
    out = CheckSettings()
    for layer in layers:
        if layer is None:
            continue
        if layer.select is not None:
            out.select = list(layer.select)
        out.ignore = [*out.ignore, *layer.ignore]
        out.severity = {**out.severity, **layer.severity}
        out.fail_on = layer.fail_on or out.fail_on
        out.lang = layer.lang or out.lang
        rules = {k: dict(v) for k, v in out.rules.items()}
        for name, options in layer.rules.items():
            rules[name] = {**rules.get(name, {}), **options}
        out.rules = rules
        out.exceptions = [*out.exceptions, *layer.exceptions]
    return out


@dataclass
class Policy:
    """What the settings decide for each rule."""

    settings: CheckSettings = field(default_factory=CheckSettings)

    def enabled(self, rule: Rule) -> bool:
        select = _best(self.settings.select if self.settings.select is not None else ["ALL"], rule)
        if select is None:
            return False
        ignore = _best(self.settings.ignore, rule)
        return ignore is None or select > ignore

    def severity(self, rule: Rule) -> Severity:
        best: tuple[int, str] | None = None
        for selector, level in self.settings.severity.items():
            spec = selector_matches(selector, rule)
            if spec is not None and (best is None or spec >= best[0]):
                best = (spec, level)
        return Severity(best[1]) if best else rule.severity

    def options(self, rule: Rule) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for selector, options in self.settings.rules.items():
            if selector_matches(selector, rule) is not None:
                merged.update(options)
        return merged

    def excepted(
        self,
        rule: Rule,
        sessions: tuple[str, ...],
        rooms: tuple[str, ...],
        speakers: tuple[str, ...],
    ) -> bool:
        for exception in self.settings.exceptions:
            if selector_matches(exception.rule, rule) is None:
                continue
            scoped = exception.sessions or exception.rooms or exception.speakers
            if not scoped:
                return True
            if (
                set(exception.sessions) & set(sessions)
                or set(exception.rooms) & set(rooms)
                or set(exception.speakers) & set(speakers)
            ):
                return True
        return False

    def fails(self, severity: Severity) -> bool:
        """Whether a finding of ``severity`` fails the run (``fail-on``, default error)."""
        return _RANKS[severity.value] >= _RANKS[self.settings.fail_on or "error"]


def _best(selectors: list[str], rule: Rule) -> int | None:
    specs = [s for s in (selector_matches(x, rule) for x in selectors) if s is not None]
    return max(specs) if specs else None


def check_selectors(settings: CheckSettings, locate: Any) -> list[Diagnostic]:
    """Settings that name rules that do not exist, or give options a rule does not take
    (a typo would otherwise silently do nothing). ``locate`` maps a path in the settings
    to a Location."""
    from pydantic import ValidationError

    out = []
    places: list[tuple[str, tuple[str | int, ...]]] = []
    places += [(s, ("select", i)) for i, s in enumerate(settings.select or [])]
    places += [(s, ("ignore", i)) for i, s in enumerate(settings.ignore)]
    places += [(s, ("severity", s)) for s in settings.severity]
    places += [(s, ("rules", s)) for s in settings.rules]
    places += [(e.rule, ("exceptions", i, "rule")) for i, e in enumerate(settings.exceptions)]
    for selector, path in places:
        if not known_selector(selector):
            out.append(
                INVALID_VALUE.at(locate(path), "unknown-rule", key=str(path[0]), selector=selector)
            )
    for selector, options in settings.rules.items():
        takes = [n for n in OPTION_RULES if selector_matches(selector, RULES[n]) is not None]
        if not known_selector(selector):
            continue
        if not takes:
            out.append(
                INVALID_VALUE.at(
                    locate(("rules", selector)),
                    "no-options",
                    key=selector,
                    rules=", ".join(OPTION_RULES),
                )
            )
            continue
        for name in takes:
            try:
                _options()[name].validate_python(options)
            except ValidationError as exc:
                for error in exc.errors():
                    where = ("rules", selector, *error["loc"])
                    detail = error["msg"].removeprefix("Value error, ")
                    out.append(
                        INVALID_VALUE.at(
                            locate(where), "option", key=str(where[-1]), detail=detail, rule=name
                        )
                    )
    return out


@functools.cache
def _options() -> dict[str, Any]:
    from typing import Annotated, Literal

    from pydantic import BaseModel, ConfigDict, Field, StrictInt, TypeAdapter

    minutes = Annotated[StrictInt, Field(ge=0)]

    class Bounds(BaseModel):
        model_config = ConfigDict(extra="forbid")
        min: minutes | None = None
        max: minutes | None = None

    class Transfers(BaseModel):
        model_config = ConfigDict(extra="forbid", populate_by_name=True)
        default_minutes: minutes | None = Field(default=None, alias="default-minutes")

    kinds = Literal[
        "talk", "keynote", "ceremony", "discussion", "break", "transfer", "photo", "other"
    ]
    return {
        "duration-bounds": TypeAdapter(dict[kinds, Bounds]),
        "missing-transfer": TypeAdapter(Transfers),
        "speaker-travel": TypeAdapter(Transfers),
    }


OPTION_RULES = ("duration-bounds", "missing-transfer", "speaker-travel")
"""The rules that take options (validated on first use: start-up does not pay)."""
