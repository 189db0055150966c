"""The checker: rules over the timeline of an agenda, reported as diagnostics."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .._gc import paused_gc
from ..diagnostics import Diagnostic, Location, Report, Severity, format_path
from ..findings import KINDS as RULES
from ..findings import KINDS_BY_CODE as RULES_BY_CODE
from ..findings import UNUSED_IGNORE, kind, resolve_language, translate
from ..findings import Kind as Rule
from ..findings import kind as rule
from ..model import Agenda, CheckSettings
from ..timeline import Path, Slot, Timeline, build_timeline, part_key
from . import references, rooms, speakers, timing
from .base import Finding
from .policy import Policy, check_selectors, known_selector, merge, selector_matches

__all__ = ["CHECKS", "RULES", "RULES_BY_CODE", "Rule", "check", "check_built", "rule", "translate"]


@dataclass(frozen=True, slots=True)
class Registered:
    """A check function, the rules it reports, and the rule whose options it takes."""

    run: Callable[..., Iterator[Finding]]
    produces: tuple[str, ...]
    options: str | None = None


CHECKS: tuple[Registered, ...] = (
    Registered(references.duplicate_ids, ("duplicate-id",)),
    Registered(references.references, ("unknown-reference",)),
    Registered(references.unreferenced, ("unreferenced",)),
    Registered(references.missing_ids, ("missing-id",)),
    Registered(references.empty_titles, ("empty-title",)),
    Registered(timing.weekday, ("weekday-mismatch",)),
    Registered(timing.tiling, ("gap", "overlap", "short-changeover")),
    Registered(timing.children, ("gap", "overlap", "outside-parent", "short-changeover")),
    Registered(timing.window, ("outside-window", "window-not-filled")),
    Registered(timing.durations, ("duration-mismatch",)),
    Registered(timing.positive_durations, ("non-positive-duration",)),
    Registered(timing.duration_bounds, ("duration-bounds",), "duration-bounds"),
    Registered(timing.part_spans, ("outside-part-span",)),
    Registered(rooms.transfers, ("missing-transfer",), "missing-transfer"),
    Registered(rooms.room_conflicts, ("room-conflict",)),
    Registered(rooms.capacity, ("capacity",)),
    Registered(speakers.speaker_conflicts, ("speaker-conflict",)),
    Registered(speakers.speaker_travel, ("speaker-travel",), "speaker-travel"),
    Registered(speakers.availability, ("speaker-unavailable",)),
)


def check(
    agenda: Agenda,
    *,
    settings: CheckSettings | None = None,
    overrides: CheckSettings | None = None,
    lang: str | None = None,
) -> Report:
    """Every finding of every enabled rule, in document order.

    ``settings`` (from a settings file) come first, then the agenda's own
    ``x-agenda-kit`` block, then ``overrides`` (the command line). Messages are in
    ``lang``, else the settings' ``lang``, else ``event.lang``, else English.
    """
    with paused_gc():
        return _check(agenda, settings=settings, overrides=overrides, lang=lang)


def check_built(agenda: Agenda, timeline: Timeline) -> Report:
    """``check(agenda)`` with ``timeline``, built of this very agenda and unchanged since
    (an import builds one to verify its agenda): it is not built again."""
    if timeline.agenda is not agenda:
        raise ValueError("the timeline is another agenda's")
    with paused_gc():
        return _check(agenda, timeline=timeline)


def _check(
    agenda: Agenda,
    *,
    settings: CheckSettings | None = None,
    overrides: CheckSettings | None = None,
    lang: str | None = None,
    timeline: Timeline | None = None,
) -> Report:
    block = agenda.x_agenda_kit
    if block is not None:
        source = agenda.source
        problems = check_selectors(
            block,
            lambda path: (
                source.locate(("x-agenda-kit", *path))
                if source is not None
                else Location("<agenda>", 0, 0, format_path(("x-agenda-kit", *path)))
            ),
        )
        if problems:  # settings that cannot be used: like a load error
            return Report(problems, files=1, broken=True)
    policy = Policy(merge(settings, block, overrides))
    lang = resolve_language(lang, policy.settings.lang, agenda.event.lang)
    if timeline is None:
        timeline = build_timeline(agenda)
    enabled = {name for name, r in RULES.items() if policy.enabled(r)}
    findings: list[Finding] = [
        kind(p.rule).on(p.path, p.message.partition(".")[2], sessions=(p.session,), **p.params)
        for p in timeline.problems
    ]
    for registered in CHECKS:
        if not enabled.intersection(registered.produces):
            continue
        if registered.options is not None:
            options = policy.options(RULES[registered.options])
            findings.extend(registered.run(timeline, options))
        else:
            findings.extend(registered.run(timeline))
    kept = _apply_policy(findings, policy, enabled, timeline)
    diagnostics = _diagnostics(agenda, kept, policy, lang)
    return Report(
        diagnostics,
        files=1,
        failed=any(policy.fails(d.severity) for d in diagnostics),
        rules={
            r.code: r.name for r in RULES.values() if r.name in enabled and r.command == "check"
        },
        checked=[agenda.source.file if agenda.source is not None else "<agenda>"],
        fail_on=Severity(policy.settings.fail_on or "error"),
        lang=lang,
    )


def _apply_policy(
    findings: list[Finding], policy: Policy, enabled: set[str], timeline: Timeline
) -> list[Finding]:
    """Drop findings of disabled rules, excepted ones and those suppressed inline; add
    `unused-ignore` for inline suppressions that suppress nothing."""
    inline: dict[Path, tuple[Slot, list[str]]] = {
        slot.path: (slot, list(slot.session.ignore))
        for slot in timeline.slots
        if slot.session.ignore
    }
    used: set[tuple[Path, int]] = set()
    kept = []
    for f in findings:
        r = RULES[f.rule]
        if f.rule not in enabled or policy.excepted(r, f.sessions, f.rooms, f.speakers):
            continue
        if inline and _suppressed(f, r, inline, used):
            continue
        kept.append(f)
    if "unused-ignore" in enabled:
        for path, (slot, selectors) in inline.items():
            for index, selector in enumerate(selectors):
                if (path, index) in used:
                    continue
                if not known_selector(selector):
                    variant = "unknown"
                elif any(selector_matches(selector, RULES[name]) is not None for name in enabled):
                    variant = ""
                else:
                    continue  # it names only rules that are off anyway
                kept.append(
                    UNUSED_IGNORE.on(
                        (*path, "ignore", index),
                        variant,
                        sessions=(slot.id,),
                        id=slot.id,
                        selector=selector,
                    )
                )
    return kept


def _suppressed(
    finding: Finding,
    r: Rule,
    inline: dict[Path, tuple[Slot, list[str]]],
    used: set[tuple[Path, int]],
) -> bool:
    path = finding.path
    for length in range(len(path), 3, -1):
        entry = inline.get(path[:length])
        if entry is None:
            continue
        for index, selector in enumerate(entry[1]):
            if selector_matches(selector, r) is not None:
                used.add((path[:length], index))
                return True
    return False


def _diagnostics(
    agenda: Agenda, findings: list[Finding], policy: Policy, lang: str
) -> list[Diagnostic]:
    source = agenda.source
    file = source.file if source is not None else "<agenda>"

    def locate(path: Path, key: bool = False) -> Location:
        if source is not None:
            loc: Location = source.locate(path, key=key)
            return loc
        return Location(file, 0, 0, format_path(path))

    diagnostics = []
    for f in findings:
        r = f.kind
        path = f.path
        index = path[1] if len(path) > 1 and path[0] == "parts" else None
        parts = (part_key(agenda, index),) if isinstance(index, int) else ()
        diagnostics.append(
            r.at(
                locate(path, f.on_key),
                f.variant,
                lang=lang,
                severity=policy.severity(r),
                related=tuple(locate(p) for p in f.related),
                sessions=f.sessions,
                parts=parts,
                speakers=f.speakers,
                rooms=f.rooms,
                **f.params,
            )
        )
    # Document order: by position in the file, and (for an agenda built in Python,
    # which has no positions) by the path of the finding.
    diagnostics.sort(key=lambda d: (d.location.line, d.location.column, _order(d), d.code))
    return diagnostics


def _order(diagnostic: Diagnostic) -> tuple[tuple[int, int | str], ...]:
    parts = diagnostic.location.path.replace("]", "").replace("[", ".").split(".")
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)
