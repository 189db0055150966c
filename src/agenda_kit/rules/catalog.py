"""The registry of finding kinds: stable code, name, default severity and docs text.

Codes are never reused. Families by hundreds: AK1xx load and shape, AK2xx time,
AK3xx rooms and venue, AK4xx speakers, AK5xx calendar output.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Severity

__all__ = ["RULES", "RULES_BY_CODE", "Rule", "rule"]

DOCS_URL = "https://github.com/agenda-kit/agenda-kit/blob/main/docs/rules.md#{name}"


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    fix: str

    @property
    def url(self) -> str:
        return DOCS_URL.format(name=self.name)


E, W = Severity.ERROR, Severity.WARNING

_ALL = [
    Rule(
        "AK100",
        "unreadable-file",
        E,
        "The file cannot be read: it does not exist, is not a file, or is not UTF-8.",
        "Nothing can be checked in a file that cannot be read.",
        "Check the path, and save the file as UTF-8.",
    ),
    Rule(
        "AK101",
        "syntax-error",
        E,
        "The file is not valid YAML, JSON or TOML (including duplicate keys).",
        "A syntax error hides everything after it.",
        "Fix the syntax at the position given; quote values that contain ': ' or '#'.",
    ),
    Rule(
        "AK102",
        "invalid-value",
        E,
        "A value has the wrong type or form, a key is unknown or missing, a time such as "
        "25:00 is impossible, or a time zone is unknown.",
        "The agenda cannot be built from values it cannot read; a typo in a key would "
        "otherwise be silently ignored.",
        "Correct the value as the message says; the format reference lists every key.",
    ),
    Rule(
        "AK110",
        "duplicate-id",
        E,
        "Two sessions, or two parts, have the same id.",
        "Ids name calendar events (their UIDs); two events with one UID overwrite each other "
        "in every calendar client.",
        "Give one of them another id.",
    ),
    Rule(
        "AK111",
        "unknown-reference",
        E,
        "A speaker or room is referred to but not defined.",
        "A typo in a reference would publish the wrong room or a speaker without a name.",
        "Define it under `speakers:` or `venue.rooms:`, or correct the reference.",
    ),
    Rule(
        "AK201",
        "gap",
        E,
        "Within a track and a day, a session starts after the previous one ended.",
        "An unexplained gap is usually a typo; a pause should be declared so that people "
        "see it in the published programme.",
        "Move the session to the end of the previous one, or declare a `kind: break` session.",
    ),
    Rule(
        "AK202",
        "overlap",
        E,
        "Within a track and a day, a session starts before the previous one ended.",
        "One track cannot hold two sessions at once.",
        "Start the session when the previous one ends, shorten the previous one, or put the "
        "session on another track.",
    ),
    Rule(
        "AK203",
        "outside-window",
        E,
        "A session starts before the event window opens or ends after it closes.",
        "The window is when the venue is booked and people are invited.",
        "Move or shorten the session, or widen `event.window`.",
    ),
    Rule(
        "AK204",
        "window-not-filled",
        W,
        "A track's first session starts after the window opens, or its last ends before it closes.",
        "People arrive at the announced time; an empty start or end is often a forgotten session.",
        "Add the missing session, or narrow `event.window`.",
    ),
    Rule(
        "AK205",
        "duration-mismatch",
        E,
        "The declared `minutes` differ from the time between start and end.",
        "One of the two numbers is wrong, and readers of the programme see both.",
        "Correct `minutes` or the times.",
    ),
    Rule(
        "AK206",
        "outside-part-span",
        E,
        "A session lies outside the declared `span` of its part.",
        "The part's span is announced in the overview; its sessions must keep to it.",
        "Move the session, or correct the part's `span`.",
    ),
    Rule(
        "AK207",
        "weekday-mismatch",
        E,
        "`event.weekday` does not agree with `event.date`.",
        "Invitations that name the wrong weekday send people on the wrong day.",
        "Correct the weekday or the date.",
    ),
    Rule(
        "AK208",
        "unresolved-time",
        E,
        "A session's start or end cannot be derived: it has no time, and neither the "
        "previous session nor its part say when it starts or ends.",
        "A session without a time cannot be checked or published.",
        "Give the session a `time`, a `start`, or `minutes`.",
    ),
    Rule(
        "AK209",
        "conflicting-time",
        E,
        "A session gives its time twice in different ways (`time` together with `start` or `end`).",
        "It is not clear which of the two is meant.",
        "Keep `time`, or keep `start` and `end`, not both.",
    ),
    Rule(
        "AK301",
        "missing-transfer",
        E,
        "Consecutive sessions of a track are in different rooms with no transfer session "
        "between them as long as the venue's transfer minutes for that pair of rooms.",
        "People need time to move; without a transfer session the next session starts "
        "before they arrive.",
        "Add a `kind: transfer` session with `to:` the next room, lasting at least the "
        "venue's transfer minutes.",
    ),
]

RULES: dict[str, Rule] = {r.name: r for r in _ALL}
RULES_BY_CODE: dict[str, Rule] = {r.code: r for r in _ALL}


def rule(name: str) -> Rule:
    """The rule called ``name`` (a KeyError for an unknown name is a bug)."""
    return RULES[name]


def render_markdown() -> str:
    """docs/rules.md, generated from this registry (a test keeps the file in sync)."""
    out = [
        "# Rules",
        "",
        "<!-- Generated from src/agenda_kit/rules/catalog.py; after changing a rule run: "
        "python -c 'import agenda_kit.rules.catalog as c; print(c.render_markdown(), end=\"\")'"
        " > docs/rules.md -->",
        "",
        "Every finding has a stable code (never reused), a name, a default severity, a "
        "location (file, line, column and the path in the document) and a hint. Families: "
        "AK1xx load and shape, AK2xx time, AK3xx rooms and venue, AK4xx speakers, "
        "AK5xx calendar output. AK100–AK102 are load errors: the file is not checked "
        "further, and `agenda-kit check` exits with 2.",
        "",
        "| code | name | severity | what it checks |",
        "| --- | --- | --- | --- |",
    ]
    out += [f"| {r.code} | [`{r.name}`](#{r.name}) | {r.severity} | {r.summary} |" for r in _ALL]
    for r in _ALL:
        out += [
            "",
            f"## {r.name}",
            "",
            f"**{r.code}**, {r.severity} by default.",
            "",
            f"**What it checks.** {r.summary}",
            "",
            f"**Why.** {r.why}",
            "",
            f"**Fix.** {r.fix}",
            "",
            f"**Example.** {_example(r)}",
        ]
    return "\n".join(out) + "\n"


def _example(r: Rule) -> str:
    if r.code == "AK100":
        return "`agenda-kit check missing.yaml` for a file that does not exist."
    folder = "broken" if r.code < "AK110" else "invalid"
    return f"`tests/agendas/{folder}/{r.code}_*` in the repository."
