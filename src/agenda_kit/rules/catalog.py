"""The registry of finding kinds: stable code, name, default severity and docs text.

Codes are never reused. Families by hundreds: AK1xx load and shape, AK2xx time,
AK3xx rooms and venue, AK4xx speakers, AK5xx calendar output. Each rule's example is
a complete agenda (after the standard header, unless it has its own ``event``) that
triggers it, and ``fixed`` the same agenda corrected; a test holds both to that.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Severity

__all__ = ["HEADER", "RULES", "RULES_BY_CODE", "Rule", "render_markdown", "render_text", "rule"]

DOCS_URL = "https://github.com/agenda-kit/agenda-kit/blob/main/docs/rules/{name}.md"
HEADER = "agenda: 1\nevent: {id: demo, title: Demo, date: 2025-03-18, timezone: Europe/Berlin}\n"


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    fix: str
    example: str = ""
    fixed: str = ""
    options: str = ""

    @property
    def url(self) -> str:
        return DOCS_URL.format(name=self.name)

    @property
    def loads(self) -> bool:
        """Whether this is a load error (the file is not checked further)."""
        return self.code < "AK103"


E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

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
        example="parts:\n  - sessions: [{title: Opening: welcome}]\n",
        fixed="parts:\n  - sessions: [{id: a, title: 'Opening: welcome', time: 09:00-09:30}]\n",
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
        example="parts:\n  - sessions:\n      - {title: Talk, time: 09:00-09:30, speakrs: [ada]}\n",
        fixed="speakers: {ada: {name: Ada}}\nparts:\n  - sessions:\n"
        "      - {id: a, title: Talk, time: 09:00-09:30, speakers: [ada]}\n",
    ),
    Rule(
        "AK103",
        "unused-ignore",
        W,
        "A session's `ignore:` names a rule that reports nothing there, or no rule at all.",
        "A stale suppression hides the next real problem at that place.",
        "Remove the entry from `ignore`.",
        example="parts:\n  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30, ignore: [gap]}\n",
        fixed="parts:\n  - sessions:\n      - {id: a, title: A, time: 09:00-09:30}\n",
    ),
    Rule(
        "AK110",
        "duplicate-id",
        E,
        "Two sessions, or two parts, have the same id.",
        "Ids name calendar events (their UIDs); two events with one UID overwrite each other "
        "in every calendar client.",
        "Give one of them another id.",
        example="parts:\n  - sessions:\n      - {id: talk, title: A, time: 09:00-09:30}\n"
        "      - {id: talk, title: B, time: 09:30-10:00}\n",
        fixed="parts:\n  - sessions:\n      - {id: talk-a, title: A, time: 09:00-09:30}\n"
        "      - {id: talk-b, title: B, time: 09:30-10:00}\n",
    ),
    Rule(
        "AK111",
        "unknown-reference",
        E,
        "A speaker or room is referred to but not defined.",
        "A typo in a reference would publish the wrong room or a speaker without a name.",
        "Define it under `speakers:` or `venue.rooms:`, or correct the reference.",
        example="speakers: {ada: {name: Ada}}\nparts:\n  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30, speakers: [adda]}\n",
        fixed="speakers: {ada: {name: Ada}}\nparts:\n  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30, speakers: [ada]}\n",
    ),
    Rule(
        "AK112",
        "unreferenced",
        INFO,
        "A room or speaker is defined but never used.",
        "Often a leftover from a removed session, or a reference spelled differently.",
        "Remove the definition, or use it.",
        example="speakers: {ada: {name: Ada}, bob: {name: Bob}}\nparts:\n  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30, speakers: [ada]}\n",
        fixed="speakers: {ada: {name: Ada}}\nparts:\n  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30, speakers: [ada]}\n",
    ),
    Rule(
        "AK113",
        "missing-id",
        INFO,
        "A session has no explicit `id`.",
        "Its calendar UID is then derived from its part and position (`part-1-3`): "
        "inserting a session before it changes the UID, and calendars show a new event "
        "instead of an update.",
        "Give the session an `id`.",
        example="parts:\n  - sessions:\n      - {title: A, time: 09:00-09:30}\n",
        fixed="parts:\n  - sessions:\n      - {id: a, title: A, time: 09:00-09:30}\n",
    ),
    Rule(
        "AK114",
        "empty-title",
        E,
        "A session's title is empty.",
        "An empty title publishes an event nobody can recognise.",
        "Give the session a title.",
        example="parts:\n  - sessions:\n      - {id: a, title: '', time: 09:00-09:30}\n",
        fixed="parts:\n  - sessions:\n      - {id: a, title: Welcome, time: 09:00-09:30}\n",
    ),
    Rule(
        "AK201",
        "gap",
        E,
        "Within a track and a day, a session starts after the previous one ended (also "
        "between the sessions inside a session).",
        "An unexplained gap is usually a typo; a pause should be declared so that people "
        "see it in the published programme.",
        "Move the session to the end of the previous one, or declare a `kind: break` session.",
        example="parts:\n  - sessions:\n      - {id: a, title: A, time: 09:00-09:30}\n"
        "      - {id: b, title: B, time: 09:35-10:00}\n",
        fixed="parts:\n  - sessions:\n      - {id: a, title: A, time: 09:00-09:30}\n"
        "      - {id: pause, title: Pause, time: 09:30-09:35, kind: break}\n"
        "      - {id: b, title: B, time: 09:35-10:00}\n",
    ),
    Rule(
        "AK202",
        "overlap",
        E,
        "Within a track and a day, a session starts before the previous one ended.",
        "One track cannot hold two sessions at once.",
        "Start the session when the previous one ends, shorten the previous one, or put the "
        "session on another track.",
        example="parts:\n  - sessions:\n      - {id: a, title: A, time: 09:00-09:40}\n"
        "      - {id: b, title: B, time: 09:30-10:00}\n",
        fixed="parts:\n  - sessions:\n      - {id: a, title: A, time: 09:00-09:30}\n"
        "      - {id: b, title: B, time: 09:30-10:00}\n",
    ),
    Rule(
        "AK203",
        "outside-window",
        E,
        "A session starts before the event window opens or ends after it closes.",
        "The window is when the venue is booked and people are invited.",
        "Move or shorten the session, or widen `event.window`.",
        example="event: {id: demo, title: Demo, date: 2025-03-18, timezone: Europe/Berlin,"
        " window: 09:00-10:00}\nparts:\n  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-10:15}\n",
        fixed="event: {id: demo, title: Demo, date: 2025-03-18, timezone: Europe/Berlin,"
        " window: 09:00-10:00}\nparts:\n  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-10:00}\n",
    ),
    Rule(
        "AK204",
        "window-not-filled",
        W,
        "A track's first session starts after the window opens, or its last ends before it closes.",
        "People arrive at the announced time; an empty start or end is often a forgotten session.",
        "Add the missing session, or narrow `event.window`.",
        example="event: {id: demo, title: Demo, date: 2025-03-18, timezone: Europe/Berlin,"
        " window: 09:00-10:00}\nparts:\n  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:45}\n",
        fixed="event: {id: demo, title: Demo, date: 2025-03-18, timezone: Europe/Berlin,"
        " window: 09:00-10:00}\nparts:\n  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-10:00}\n",
    ),
    Rule(
        "AK205",
        "duration-mismatch",
        E,
        "The declared `minutes` differ from the time between start and end.",
        "One of the two numbers is wrong, and readers of the programme see both.",
        "Correct `minutes` or the times.",
        example="parts:\n  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:25, minutes: 30}\n",
        fixed="parts:\n  - sessions:\n      - {id: a, title: A, time: 09:00-09:30, minutes: 30}\n",
    ),
    Rule(
        "AK206",
        "outside-part-span",
        E,
        "A session lies outside the declared `span` of its part.",
        "The part's span is announced in the overview; its sessions must keep to it.",
        "Move the session, or correct the part's `span`.",
        example="parts:\n  - span: 09:00-10:00\n    sessions:\n"
        "      - {id: a, title: A, time: 09:00-10:10}\n",
        fixed="parts:\n  - span: 09:00-10:10\n    sessions:\n"
        "      - {id: a, title: A, time: 09:00-10:10}\n",
    ),
    Rule(
        "AK207",
        "weekday-mismatch",
        E,
        "`event.weekday` does not agree with `event.date`.",
        "Invitations that name the wrong weekday send people on the wrong day.",
        "Correct the weekday or the date.",
        example="event: {id: demo, title: Demo, date: 2025-03-18, weekday: Wed,"
        " timezone: Europe/Berlin}\nparts:\n  - sessions: [{id: a, title: A, time: 09:00-09:30}]\n",
        fixed="event: {id: demo, title: Demo, date: 2025-03-18, weekday: Tue,"
        " timezone: Europe/Berlin}\nparts:\n  - sessions: [{id: a, title: A, time: 09:00-09:30}]\n",
    ),
    Rule(
        "AK208",
        "unresolved-time",
        E,
        "A session's start or end cannot be derived: it has no time, and neither the "
        "previous session nor its part say when it starts or ends.",
        "A session without a time cannot be checked or published.",
        "Give the session a `time`, a `start`, or `minutes`.",
        example="parts:\n  - sessions:\n      - {id: a, title: A, minutes: 30}\n",
        fixed="parts:\n  - sessions:\n      - {id: a, title: A, start: 09:00, minutes: 30}\n",
    ),
    Rule(
        "AK209",
        "conflicting-time",
        E,
        "A session gives its time twice in different ways (`time` together with `start` or `end`).",
        "It is not clear which of the two is meant.",
        "Keep `time`, or keep `start` and `end`, not both.",
        example="parts:\n  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30, start: 09:05}\n",
        fixed="parts:\n  - sessions:\n      - {id: a, title: A, time: 09:00-09:30}\n",
    ),
    Rule(
        "AK210",
        "non-positive-duration",
        E,
        "A session lasts zero minutes or less (`minutes: 0`, or an end at its start).",
        "A session without duration is invisible in most calendars and is usually a typo.",
        "Give the session a positive duration.",
        example="parts:\n  - sessions:\n      - {id: a, title: A, start: 09:00, minutes: 0}\n",
        fixed="parts:\n  - sessions:\n      - {id: a, title: A, start: 09:00, minutes: 10}\n",
    ),
    Rule(
        "AK211",
        "duration-bounds",
        W,
        "A session is shorter or longer than the bounds set for its kind (by default a "
        "`talk` or `keynote` over 3 hours, a `transfer` under 1 minute or over 1 hour).",
        "Lengths far from the usual for their kind are usually typos (`minutes: 300` for 30).",
        "Correct the length, or set the bounds for the kind in the configuration.",
        example="parts:\n  - sessions:\n      - {id: a, title: A, start: 09:00, minutes: 300}\n",
        fixed="parts:\n  - sessions:\n      - {id: a, title: A, start: 09:00, minutes: 30}\n",
        options="Bounds in minutes per kind: `[tool.agenda-kit.rules.duration-bounds]` "
        "`talk = {min = 5, max = 120}`.",
    ),
    Rule(
        "AK212",
        "outside-parent",
        E,
        "A session inside another (`children`) starts before or ends after it.",
        "The sessions held by a session (lightning talks in a reception) must lie inside it.",
        "Move the inner session inside its parent, or out of `children`.",
        example="parts:\n  - sessions:\n      - id: reception\n        title: Reception\n"
        "        time: 18:00-19:00\n        children:\n"
        "          - {id: lt-1, title: Lightning 1, time: 18:00-18:30}\n"
        "          - {id: lt-2, title: Lightning 2, time: 18:30-19:10}\n",
        fixed="parts:\n  - sessions:\n      - id: reception\n        title: Reception\n"
        "        time: 18:00-19:00\n        children:\n"
        "          - {id: lt-1, title: Lightning 1, time: 18:00-18:30}\n"
        "          - {id: lt-2, title: Lightning 2, time: 18:30-19:00}\n",
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
        example="venue:\n  name: Hotel\n  rooms: {a: {name: A}, b: {name: B}}\n"
        "  transfers: [{from: a, to: b, minutes: 5}]\nparts:\n  - room: a\n    sessions:\n"
        "      - {id: one, title: One, time: 09:00-09:30}\n"
        "      - {id: two, title: Two, time: 09:30-10:00, room: b}\n",
        fixed="venue:\n  name: Hotel\n  rooms: {a: {name: A}, b: {name: B}}\n"
        "  transfers: [{from: a, to: b, minutes: 5}]\nparts:\n  - room: a\n    sessions:\n"
        "      - {id: one, title: One, time: 09:00-09:30}\n"
        "      - {id: move, title: Move, time: 09:30-09:35, kind: transfer, to: b}\n"
        "      - {id: two, title: Two, time: 09:35-10:00, room: b}\n",
        options="`default-minutes`: minutes needed between rooms the venue does not pair.",
    ),
    Rule(
        "AK302",
        "room-conflict",
        E,
        "Two sessions of different tracks use the same room at overlapping times.",
        "A room holds one session at a time, unless it is a hall with several stages.",
        "Move one session to another room or time, or mark the room `shared: true`.",
        example="venue: {name: Hotel, rooms: {hall: {name: Hall}}}\nparts:\n"
        "  - {track: a, room: hall, sessions: [{id: one, title: One, time: 09:00-10:00}]}\n"
        "  - {track: b, room: hall, sessions: [{id: two, title: Two, time: 09:30-10:00}]}\n",
        fixed="venue: {name: Hotel, rooms: {hall: {name: Hall, shared: true}}}\nparts:\n"
        "  - {track: a, room: hall, sessions: [{id: one, title: One, time: 09:00-10:00}]}\n"
        "  - {track: b, room: hall, sessions: [{id: two, title: Two, time: 09:30-10:00}]}\n",
    ),
    Rule(
        "AK303",
        "capacity",
        W,
        "The expected attendance (of the session, else its part, else the event) exceeds "
        "the room's `capacity`.",
        "People left standing in the corridor.",
        "Move the session to a larger room, or correct `attendance` or `capacity`.",
        example="venue: {name: Hotel, rooms: {lab: {name: Lab, capacity: 20}}}\nparts:\n"
        "  - room: lab\n    sessions: [{id: a, title: A, time: 09:00-10:00, attendance: 35}]\n",
        fixed="venue: {name: Hotel, rooms: {lab: {name: Lab, capacity: 40}}}\nparts:\n"
        "  - room: lab\n    sessions: [{id: a, title: A, time: 09:00-10:00, attendance: 35}]\n",
    ),
    Rule(
        "AK401",
        "speaker-conflict",
        E,
        "A speaker is in two sessions that overlap, in any tracks or rooms.",
        "Nobody can be in two places at once.",
        "Move one of the sessions, or give one of them another speaker.",
        example="speakers: {ada: {name: Ada}}\nparts:\n"
        "  - {track: a, sessions: [{id: one, title: One, time: 09:00-10:00, speakers: [ada]}]}\n"
        "  - {track: b, sessions: [{id: two, title: Two, time: 09:30-10:00, speakers: [ada]}]}\n",
        fixed="speakers: {ada: {name: Ada}}\nparts:\n"
        "  - {track: a, sessions: [{id: one, title: One, time: 09:00-09:30, speakers: [ada]}]}\n"
        "  - {track: b, sessions: [{id: two, title: Two, time: 09:30-10:00, speakers: [ada]}]}\n",
    ),
    Rule(
        "AK402",
        "speaker-travel",
        W,
        "A speaker's consecutive sessions are in different rooms with less time between "
        "them than the venue's transfer minutes for that pair of rooms.",
        "The speaker arrives late, and the session starts late.",
        "Leave the transfer time between the sessions, or hold them in the same room.",
        example="venue:\n  name: Hotel\n  rooms: {a: {name: A}, b: {name: B}}\n"
        "  transfers: [{from: a, to: b, minutes: 10}]\nspeakers: {ada: {name: Ada}}\nparts:\n"
        "  - {track: x, room: a, sessions: [{id: one, title: One, time: 09:00-10:00,"
        " speakers: [ada]}]}\n"
        "  - {track: y, room: b, sessions: [{id: two, title: Two, time: 10:00-11:00,"
        " speakers: [ada]}]}\n",
        fixed="venue:\n  name: Hotel\n  rooms: {a: {name: A}, b: {name: B}}\n"
        "  transfers: [{from: a, to: b, minutes: 10}]\nspeakers: {ada: {name: Ada}}\nparts:\n"
        "  - {track: x, room: a, sessions: [{id: one, title: One, time: 09:00-10:00,"
        " speakers: [ada]}]}\n"
        "  - {track: y, room: b, sessions: [{id: two, title: Two, time: 10:10-11:00,"
        " speakers: [ada]}]}\n",
        options="`default-minutes`: minutes needed between rooms the venue does not pair.",
    ),
    Rule(
        "AK403",
        "speaker-unavailable",
        E,
        "A session lies outside its speaker's declared `available` ranges (dates and times "
        "in the event's zone).",
        "The speaker told you when they can come.",
        "Move the session into the speaker's available time.",
        example="speakers: {ada: {name: Ada, available: ['2025-03-18 09:00-12:00']}}\nparts:\n"
        "  - sessions: [{id: a, title: A, time: 13:00-14:00, speakers: [ada]}]\n",
        fixed="speakers: {ada: {name: Ada, available: ['2025-03-18 09:00-12:00']}}\nparts:\n"
        "  - sessions: [{id: a, title: A, time: 10:00-11:00, speakers: [ada]}]\n",
    ),
]

RULES: dict[str, Rule] = {r.name: r for r in _ALL}
RULES_BY_CODE: dict[str, Rule] = {r.code: r for r in _ALL}


def rule(name: str) -> Rule:
    """The rule called ``name`` (a KeyError for an unknown name is a bug)."""
    return RULES[name]


def example_document(text: str) -> str:
    """A rule's example as a complete agenda: the standard header unless it has an event."""
    return "agenda: 1\n" + text if text.startswith("event:") else HEADER + text


def render_text(r: Rule) -> str:
    """A rule's documentation page, in Markdown (also what `agenda-kit rule` prints)."""
    out = [
        f"# {r.name} ({r.code})",
        "",
        f"Default severity: **{r.severity}**.",
        "",
        "## What it checks",
        "",
        r.summary,
        "",
        "## Why",
        "",
        r.why,
    ]
    if r.example:
        out += ["", "## Example", "", "```yaml", example_document(r.example).rstrip(), "```"]
    out += ["", "## Fix", "", r.fix]
    if r.fixed:
        out += ["", "```yaml", example_document(r.fixed).rstrip(), "```"]
    if r.code == "AK100":
        out += ["", "For example `agenda-kit check missing.yaml` for a file that does not exist."]
    if r.options:
        out += ["", "## Options", "", r.options]
    return "\n".join(out) + "\n"


def render_markdown() -> str:
    """docs/rules/README.md, generated from this registry (a test keeps it in sync)."""
    out = [
        "# Rules",
        "",
        "<!-- Generated from src/agenda_kit/rules/catalog.py by `agenda-kit rule --write-docs "
        "docs/rules`. -->",
        "",
        "Every finding has a stable code (never reused), a name, a default severity, a "
        "location (file, line, column and the path in the document) and a hint. Families: "
        "AK1xx load and shape, AK2xx time, AK3xx rooms and venue, AK4xx speakers, "
        "AK5xx calendar output. AK100–AK102 are load errors: the file is not checked "
        "further, and `agenda-kit check` exits with 2. `agenda-kit rule NAME` prints a "
        "rule's page.",
        "",
        "| code | name | severity | what it checks |",
        "| --- | --- | --- | --- |",
    ]
    out += [f"| {r.code} | [`{r.name}`]({r.name}.md) | {r.severity} | {r.summary} |" for r in _ALL]
    return "\n".join(out) + "\n"
