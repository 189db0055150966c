"""The docs pages of the registry: one page per kind of finding, and the index
(docs/rules/, written by ``agenda-kit rule --write-docs``; a test keeps them in sync)."""

from __future__ import annotations

from ._kind import KINDS, Kind

__all__ = ["HEADER", "example_document", "render_markdown", "render_text"]

HEADER = "agenda: 1\nevent: {id: demo, title: Demo, date: 2025-03-18, timezone: Europe/Berlin}\n"

_REPORTED_BY = {
    "load": "`agenda-kit check` (and every command that reads an agenda), when loading",
    "check": "`agenda-kit check`",
    "export": "`agenda-kit export` (and `invite`, which writes files too)",
    "import": "`agenda-kit import`",
    "invite": "`agenda-kit invite`",
    "schedule": "the scheduler",
    "deliver": "delivery (CalDAV, SMTP)",
}


def example_document(text: str) -> str:
    """A rule's example as a complete agenda: the standard header unless it has an event."""
    return "agenda: 1\n" + text if text.startswith("event:") else HEADER + text


def _samples(k: Kind) -> list[str]:
    """Each variant's message rendered with the kind's sample values, per language."""
    out = []
    for variant, message in k.messages.items():
        if not message.names <= k.sample.keys():
            continue
        values = {name: k.sample[name] for name in message.names}
        for lang in ("en", "ko"):
            text, hint = k.text(variant, values, lang)
            out.append(f"- `{lang}`: {text}  \n  = help: {hint}")
    return out


def render_text(k: Kind) -> str:
    """A kind's documentation page, in Markdown (also what `agenda-kit rule` prints)."""
    out = [
        f"# {k.name} ({k.code})",
        "",
        f"Default severity: **{k.severity}**.",
    ]
    if k.command not in ("load", "check"):
        out += ["", f"Reported by {_REPORTED_BY[k.command]}."]
    out += ["", "## What it checks", "", k.summary, "", "## Why", "", k.why]
    if k.example:
        out += ["", "## Example", "", "```yaml", example_document(k.example).rstrip(), "```"]
    elif k.sample:
        samples = _samples(k)
        if samples:
            out += ["", "## Example", "", *samples]
    out += ["", "## Fix", "", k.fix]
    if k.fixed:
        out += ["", "```yaml", example_document(k.fixed).rstrip(), "```"]
    if k.code == "AK100":
        out += ["", "For example `agenda-kit check missing.yaml` for a file that does not exist."]
    if k.options:
        out += ["", "## Options", "", k.options]
    return "\n".join(out) + "\n"


_FAMILIES = [
    ("AK1xx", "load and shape: reading a file, ids, references, titles", "check"),
    ("AK2xx", "time: tiling, the window, durations, the calendar", "check"),
    ("AK3xx", "rooms and venue", "check"),
    ("AK4xx", "speakers", "check"),
    (
        "AK5xx",
        "calendar output and export: what a feed cannot carry, refusals to write",
        "export, invite",
    ),
    ("AK6xx", "import: sources that cannot be imported, and what an import assumed", "import"),
    (
        "AK7xx",
        "invitations: the organizer, attendees, the state file, the previous mailing",
        "invite",
    ),
    ("AK8xx", "scheduling: reflow, fit, solve and re-plan", "reflow, fit, solve"),
    (
        "AK9xx",
        "delivery: `agenda-kit publish` (CalDAV) and `agenda-kit send` (SMTP)",
        "publish, send",
    ),
]


def render_markdown() -> str:
    """docs/rules/README.md, generated from the registry (a test keeps it in sync)."""
    out = [
        "# Rules",
        "",
        "<!-- Generated from src/agenda_kit/findings/ by `agenda-kit rule --write-docs "
        "docs/rules`. -->",
        "",
        "Every finding of every command has a stable code (never reused), a name, a default "
        "severity, a location where there is one (file, line, column and the path in the "
        "document), a hint, and its text in English and Korean. AK100–AK102 and AK104–AK106 "
        "are load errors: the file is not checked further, and `agenda-kit check` exits with "
        "2. `agenda-kit rule NAME` prints a rule's page.",
        "",
        "## Families",
        "",
        "| codes | what | reported by |",
        "| --- | --- | --- |",
    ]
    out += [f"| {codes} | {what} | {by} |" for codes, what, by in _FAMILIES]
    out += [
        "",
        "## Languages",
        "",
        "Messages, hints and summary lines are in English or Korean: `--lang`, else the "
        "settings file's `lang`, else the agenda's `event.lang`, else English. Codes, names "
        "and JSON keys are the same in every language. Korean particles (은/는, 이/가, 을/를, "
        "과/와, 으로/로) follow the word before them: a Hangul syllable by its final consonant "
        "(ㄹ takes 로); a number by how it is read in Sino-Korean (`3` 삼, `20` 이십, `100` 백); "
        "a single Latin letter or an acronym by the Korean names of its letters (`ID` 아이디, "
        "`URL` 유알엘); another Latin word by how its ending is said (`networking` 네트워킹, "
        "`room` 룸, `hall` 홀 end in a consonant; `talk` 토크 does not). Closing quotes, "
        "backticks and brackets are skipped to the word inside.",
        "",
        "## All findings",
        "",
        "| code | name | severity | what it checks |",
        "| --- | --- | --- | --- |",
    ]
    out += [
        f"| {k.code} | [`{k.name}`]({k.name}.md) | {k.severity} | {k.summary} |"
        for k in KINDS.values()
    ]
    return "\n".join(out) + "\n"
