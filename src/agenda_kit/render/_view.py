"""The agenda as people read it: days, parts and rows with their words already chosen.

Every writer (Markdown, HTML, SVG) formats this one view, built from the timeline, so
that times, minutes, room names and findings read the same in each. Text from the
agenda stays as written here; each writer escapes it for its own format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import pendulum

from ..diagnostics import Diagnostic, Report
from ..findings import resolve_language, translate
from ..findings.render import DATE_FORMATS, label
from ..model import Agenda
from ..timeline import DEFAULT_TRACK, Slot, Timeline, build_timeline, part_key
from ..timespan import format_minutes, parse_range

__all__ = ["AgendaView", "DayView", "Mark", "PartView", "Row", "build_view", "date_label"]

_SPACES = re.compile(r"\s+")
_SEVERITY_ORDER = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Mark:
    """A finding of ``agenda-kit check`` about one session."""

    code: str
    rule: str
    severity: str
    message: str


@dataclass(slots=True)
class Row:
    """One session: a row of the table, a block of the timeline."""

    id: str
    title: str
    kind: str
    start: int | None  # UTC seconds
    end: int | None
    time: str  # local wall-clock range, empty when the time could not be resolved
    minutes: int | None
    presenters: str
    note: str  # the description, on one line
    room: str | None  # room id
    room_label: str
    track: str
    change: str  # a transfer's room change: "(2층 그랜드볼룸 → 3층 마레홀)"
    to: str | None  # room id a transfer leads to
    depth: int
    parent: str | None  # the id of the session this one is inside
    marks: list[Mark] = field(default_factory=list)

    @property
    def badges(self) -> list[Mark]:
        """One mark per rule (a session between two gaps has two `gap` findings): the
        rule's worst severity, its messages one per line."""
        by_rule: dict[str, list[Mark]] = {}
        for mark in self.marks:
            by_rule.setdefault(mark.rule, []).append(mark)
        return [
            Mark(
                marks[0].code,
                rule,
                min((m.severity for m in marks), key=_SEVERITY_ORDER.index),
                "\n".join(dict.fromkeys(m.message for m in marks)),
            )
            for rule, marks in by_rule.items()
        ]

    @property
    def severity(self) -> str:
        """The worst severity of the session's findings, or ""."""
        found = {m.severity for m in self.marks}
        return next((s for s in _SEVERITY_ORDER if s in found), "")

    @property
    def item(self) -> str:
        """The title, with a transfer's room change after it."""
        return f"{self.title} {self.change}" if self.change else self.title


@dataclass(slots=True)
class PartView:
    key: str
    title: str
    room: str | None
    room_label: str
    track: str
    rows: list[Row]


@dataclass(slots=True)
class DayView:
    ordinal: int
    label: str
    iso: str
    parts: list[PartView]

    @property
    def tracks(self) -> list[tuple[str, list[PartView]]]:
        """The day's parts by track, tracks in order of first appearance."""
        out: dict[str, list[PartView]] = {}
        for part in self.parts:
            out.setdefault(part.track, []).append(part)
        return list(out.items())


@dataclass(slots=True)
class AgendaView:
    lang: str
    title: str
    when: str
    place: str
    description: str
    zone: str
    days: list[DayView]
    timeline: Timeline
    findings: list[Mark]  # every finding of the report, in its order

    def label(self, key: str, **params: object) -> str:
        return label(key, self.lang, **params)

    def rows(self) -> Iterable[Row]:
        for day in self.days:
            for part in day.parts:
                yield from part.rows


def date_label(day: date, lang: str) -> str:
    """``2024년 10월 17일 (목)`` / ``Thursday 17 October 2024`` (pendulum's locales)."""
    return pendulum.date(day.year, day.month, day.day).format(
        DATE_FORMATS["long"].get(lang), locale=lang
    )


def one_line(text: str | None) -> str:
    return _SPACES.sub(" ", text).strip() if text else ""


class _Builder:
    def __init__(self, agenda: Agenda, lang: str, report: Report | None) -> None:
        self.agenda = agenda
        self.lang = lang
        self.timeline = build_timeline(agenda)
        self.rooms = agenda.venue.rooms if agenda.venue else {}
        self.findings, self.marks = _marks(report, lang)

    def room_label(self, room: str | None) -> str:
        if room is None:
            return ""
        found = self.rooms.get(room)
        if found is None:
            return room
        if found.floor is None:
            return found.name
        return label("render.room-floor", self.lang, room=found.name, floor=found.floor)

    def clock_range(self, slot: Slot) -> str:
        if slot.start is None or slot.end is None:
            return ""
        clock = self.timeline.clock
        return label(
            "render.range", self.lang, start=clock.clock(slot.start), end=clock.clock(slot.end)
        )

    def row(self, slot: Slot, depth: int, before: str | None = None) -> Row:
        """``before``: the room of the session before it, where a transfer leaves from."""
        session = slot.session
        speakers = self.agenda.speakers
        presenters = ", ".join(
            speakers[s].label if s in speakers else s for s in dict.fromkeys(session.speakers)
        )
        change = ""
        src = before or slot.room
        if session.kind == "transfer" and session.to is not None and src is not None:
            change = label(
                "render.room-change",
                self.lang,
                src=self.room_label(src),
                dst=self.room_label(session.to),
            )
        minutes = None
        if slot.start is not None and slot.end is not None:
            minutes = round((slot.end - slot.start) / 60)
        return Row(
            id=slot.id,
            title=session.title,
            kind=session.kind,
            start=slot.start,
            end=slot.end,
            time=self.clock_range(slot),
            minutes=minutes,
            presenters=presenters,
            note=one_line(session.description),
            room=slot.room,
            room_label=self.room_label(slot.room),
            track=slot.track,
            change=change,
            to=session.to if session.kind == "transfer" else None,
            depth=depth,
            parent=slot.parent.id if slot.parent is not None else None,
            marks=self.marks.get(slot.id, []),
        )

    def days(self) -> list[DayView]:
        agenda = self.agenda
        by_part: dict[int, list[Slot]] = {}
        children: dict[int, list[Slot]] = {}
        for slot in self.timeline.slots:
            if slot.parent is None:
                by_part.setdefault(slot.part, []).append(slot)
            else:
                children.setdefault(slot.parent.order, []).append(slot)
        days: dict[int, DayView] = {}
        for index, part in enumerate(agenda.parts):
            day = part.date or agenda.event.date
            view = days.get(day.toordinal())
            if view is None:
                view = DayView(day.toordinal(), date_label(day, self.lang), day.isoformat(), [])
                days[day.toordinal()] = view
            rows: list[Row] = []
            before: str | None = None
            for slot in sorted(by_part.get(index, []), key=_when):
                self._add(rows, slot, children, 0, before)
                before = slot.session.to if slot.session.kind == "transfer" else slot.room
            room = self.room_label(part.room)
            view.parts.append(
                PartView(
                    key=part_key(agenda, index),
                    title=part.title or room or part.track or part_key(agenda, index),
                    room=part.room,
                    room_label=room,
                    track=part.track or DEFAULT_TRACK,
                    rows=rows,
                )
            )
        return [days[k] for k in sorted(days)]

    def _add(
        self,
        rows: list[Row],
        slot: Slot,
        children: dict[int, list[Slot]],
        depth: int,
        before: str | None = None,
    ) -> None:
        rows.append(self.row(slot, depth, before))
        for child in sorted(children.get(slot.order, []), key=_when):
            self._add(rows, child, children, depth + 1)


def _when(slot: Slot) -> tuple[int, int, int]:
    # Unresolved sessions keep their place in the file, after the resolved ones.
    if slot.start is None or slot.end is None:
        return (1 << 62, 1 << 62, slot.order)
    return (slot.start, slot.end, slot.order)


def _marks(report: Report | None, lang: str) -> tuple[list[Mark], dict[str, list[Mark]]]:
    """Every finding of ``report`` in ``lang``, and the findings of each session."""
    found: list[Mark] = []
    by_session: dict[str, list[Mark]] = {}
    for diagnostic in report.diagnostics if report is not None else ():
        mark = _mark(translate(diagnostic, lang))
        found.append(mark)
        for session in dict.fromkeys(diagnostic.sessions):
            by_session.setdefault(session, []).append(mark)
    return found, by_session


def _mark(d: Diagnostic) -> Mark:
    return Mark(d.code, d.name, d.severity.value, d.message)


def build_view(
    agenda: Agenda, *, report: Report | None = None, lang: str | None = None
) -> AgendaView:
    """The view of ``agenda`` in ``lang`` (else ``event.lang``, else English), with the
    findings of ``report`` attached to the sessions they name."""
    chosen = resolve_language(lang, None, agenda.event.lang)
    builder = _Builder(agenda, chosen, report)
    days = builder.days()
    event = agenda.event
    when = " – ".join(dict.fromkeys([days[0].label, days[-1].label])) if days else ""
    if not days:
        when = date_label(event.date, chosen)
    if event.window and len(days) <= 1:
        a, b = parse_range(event.window)
        when += " " + label("render.range", chosen, start=format_minutes(a), end=format_minutes(b))
    place = ""
    if agenda.venue is not None:
        venue = agenda.venue
        place = (
            label("render.place", chosen, venue=venue.name, address=venue.address)
            if venue.address
            else venue.name
        )
    return AgendaView(
        lang=chosen,
        title=event.title,
        when=when,
        place=place,
        description=one_line(event.description),
        zone=event.timezone,
        days=days,
        timeline=builder.timeline,
        findings=builder.findings,
    )
