"""Issue 10: what import reads off a conference schedule's times (conference days past
midnight, sessions inside sessions, changeovers, shared breaks), on small cases, as
properties, and on the real schedules, checked against the sources themselves."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

import agenda_kit
from agenda_kit.exchange import import_bytes, import_file
from agenda_kit.exchange._layout import common_changeover, day_change, nesting, shared_breaks

from .helpers import REALWORLD

# --- day_change -------------------------------------------------------------------


def test_a_day_that_ends_before_midnight_changes_at_midnight() -> None:
    assert day_change([(9 * 60, 60), (17 * 60, 60)]) == 0


def test_days_that_run_past_midnight_change_in_the_quiet_hours() -> None:
    # 11:30 until 02:15 (31C3): nothing runs 02:15-11:30; the first full hour is 03:00.
    spans = [(11 * 60 + 30, 90), (23 * 60 + 30, 90), (60 + 30, 45)]
    assert day_change(spans) == 3 * 60


def test_a_quiet_stretch_without_a_full_hour_changes_where_it_starts() -> None:
    # Busy all day but 04:10-04:40.
    spans = [(4 * 60 + 40, 23 * 60 + 30)]
    assert day_change(spans) == 4 * 60 + 10


def test_a_free_afternoon_is_not_where_a_day_changes() -> None:
    # A night programme 22:00-01:30 and a late morning: the day changes at 02:00.
    spans = [(22 * 60, 60), (23 * 60 + 15, 60), (30, 60), (11 * 60, 60)]
    assert day_change(spans) == 2 * 60


@given(st.lists(st.tuples(st.integers(0, 1439), st.integers(1, 600)), min_size=1, max_size=30))
def test_the_day_changes_where_fewest_sessions_run(spans: list[tuple[int, int]]) -> None:
    running = [0] * 1440
    for start, length in spans:
        for minute in range(start, start + length):
            running[minute % 1440] += 1
    change = day_change(spans)
    assert 0 <= change < 720
    assert running[change] == min(running[:720])
    if running[0] == min(running[:720]):
        assert change == 0


# --- nesting ----------------------------------------------------------------------


def test_talks_inside_a_reception_are_its_children() -> None:
    hour = 3600
    spans = [
        (18 * hour, 20 * hour, "hall"),  # the reception
        (18 * hour, 18 * hour + 900, "hall"),
        (19 * hour, 19 * hour + 900, "hall"),
        (19 * hour, 19 * hour + 900, "foyer"),  # another room
        (19 * hour + 1800, 21 * hour, "hall"),  # runs past the reception
        (18 * hour, 20 * hour, "hall"),  # as long as the reception: not inside it
    ]
    assert nesting(spans) == {1: 0, 2: 0}


spans_strategy = st.lists(
    st.tuples(st.integers(0, 200), st.integers(1, 100), st.sampled_from(["a", "b", None])).map(
        lambda t: (t[0] * 60, t[0] * 60 + t[1] * 60, t[2])
    ),
    max_size=25,
)


@given(spans_strategy)
def test_a_child_lies_inside_its_shortest_longer_holder(
    spans: list[tuple[int, int, str | None]],
) -> None:
    def inside(a: tuple[int, int, str | None], b: tuple[int, int, str | None]) -> bool:
        return (
            a[2] is not None
            and a[2] == b[2]
            and b[0] <= a[0]
            and a[1] <= b[1]
            and b[1] - b[0] > a[1] - a[0]
        )

    parents = nesting(spans)
    for index, span in enumerate(spans):
        holders = [j for j, other in enumerate(spans) if inside(span, other)]
        if not holders:
            assert index not in parents
            continue
        parent = parents[index]
        assert parent in holders
        shortest = min(spans[j][1] - spans[j][0] for j in holders)
        assert spans[parent][1] - spans[parent][0] == shortest


# --- changeovers and breaks ---------------------------------------------------------


def test_the_changeover_is_the_usual_short_gap() -> None:
    assert common_changeover([15, 15, 15, 5, 90]) == 15
    assert common_changeover([10]) is None  # one gap is no habit
    assert common_changeover([5, 10, 15, 20]) is None  # no gap length is the rule
    assert common_changeover([60, 60, 45]) is None  # pauses, not changeovers


def test_breaks_are_the_free_time_every_room_shares() -> None:
    rooms = [
        [(540, 720), (780, 1020)],  # 09:00-12:00, 13:00-17:00
        [(600, 750), (780, 960)],  # 10:00-12:30, 13:00-16:00
    ]
    assert shared_breaks(rooms) == [(750, 780)]
    assert shared_breaks(rooms[:1]) == []


@given(st.lists(st.lists(st.tuples(st.integers(0, 1400), st.integers(1, 300)), max_size=6),
                min_size=2, max_size=5))  # fmt: skip
def test_no_session_runs_in_a_shared_break(rooms: list[list[tuple[int, int]]]) -> None:
    spans = [[(s, s + n) for s, n in room] for room in rooms]
    for start, end in shared_breaks(spans):
        assert end - start >= 30
        assert not any(a < end and start < b for room in spans for a, b in room)


# --- the import -------------------------------------------------------------------

CSV = """date,start,end,title,room
2025-05-17,22:00,23:00,Opening,Hall
2025-05-17,22:00,22:50,Quiz,Club
2025-05-17,23:15,00:15,Concert,Hall
2025-05-18,00:30,01:30,Late talk,Hall
2025-05-18,11:00,12:00,Morning,Hall
2025-05-18,11:00,12:00,Workshop,Club
"""


def test_a_night_belongs_to_the_conference_day_before() -> None:
    imported = import_bytes(CSV.encode(), "csv", name="night.csv")
    agenda = imported.agenda
    layout = [(p.date, p.track, [s.title for s in p.sessions]) for p in agenda.parts]
    first, second = agenda.event.date, agenda.event.date.replace(day=18)
    assert agenda.event.date.isoformat() == "2025-05-17"
    assert layout == [
        (None, "hall", ["Opening", "Concert"]),
        (second, "hall", ["Late talk"]),
        (None, "club", ["Quiz"]),
        (second, "hall", ["Morning"]),
        (second, "club", ["Workshop"]),
    ]
    assert first.isoformat() == "2025-05-17"
    notes = [n.message for n in imported.notes.found if n.key.endswith("day-change")]
    assert notes == [
        "the schedule's days run past midnight: a session that starts before 02:00 belongs "
        "to the conference day before (its part is dated the next day)"
    ]
    # Every session keeps its instant (a CSV is no conference schedule: its free time
    # stays a gap, as for an agenda kept by hand).
    resolved = agenda_kit.sessions(agenda)
    got = sorted((s.start.format("YYYY-MM-DD HH:mm"), s.title) for s in resolved)
    rows = [line.split(",") for line in CSV.splitlines()[1:]]
    want = sorted((f"{r[0]} {r[1]}", r[3]) for r in rows)
    assert got == want


needs_realworld = pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld is absent")


@needs_realworld
def test_no_part_of_31c3_spans_two_conference_days() -> None:
    path = REALWORLD / "schedules/31c3_schedule.xml"
    # The conference day of each event, as the source's <day> elements say.
    source_day = {
        event.get("id"): day.get("index")
        for day in ET.parse(path).getroot().iter("day")
        for event in day.iter("event")
    }
    agenda = import_file(path).agenda
    days_per_part = [{source_day[s.id] for s in part.sessions} for part in agenda.parts]
    assert all(len(days) == 1 for days in days_per_part)
    # Each night after midnight is a part of its own, dated the next day.
    late = [p for p in agenda.parts if all(s.time and s.time < "03:00" for s in p.sessions)]
    assert late and all(p.date is not None for p in late)
    assert sorted(Counter(len(d) for d in days_per_part)) == [1]


@needs_realworld
@pytest.mark.parametrize(
    "name", ["schedules/good2025_schedule.xml", "schedules/good2025_schedule.json"]
)
def test_the_good_reception_holds_its_four_talks(name: str) -> None:
    agenda = import_file(REALWORLD / name).agenda
    holders = [s for p in agenda.parts for s in p.sessions if s.children]
    assert [(h.title, h.kind, len(h.children)) for h in holders] == [
        ("Idea Marketplace and Reception (Hors D'oeuvres)", "other", 4)
    ]
    (reception,) = holders
    report = agenda_kit.check(agenda)
    subjects = {reception.id, *(c.id for c in reception.children)}
    assert not [d for d in report.diagnostics if subjects & set(_ids(d.message))]


def _ids(message: str) -> list[str]:
    return message.split("`")[1::2]


@needs_realworld
def test_every_imported_child_lies_inside_its_parent_in_the_same_room() -> None:
    for name in ("schedules/good2025_schedule.xml", "ics/jres_2022.ics", "schedules/debconf23.xml"):
        agenda = import_file(REALWORLD / name).agenda
        resolved = {s.id: s for s in agenda_kit.sessions(agenda)}
        for part in agenda.parts:
            for parent in part.sessions:
                for child in parent.children:
                    p, c = resolved[parent.id], resolved[child.id]
                    assert p.start <= c.start and c.end <= p.end
                    assert c.end - c.start < p.end - p.start
                    assert c.room == p.room


def test_talks_inside_a_reception_import_as_its_children() -> None:
    def event(uid: str, start: str, end: str, title: str) -> str:
        return (
            f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20250101T000000Z\r\n"
            f"DTSTART;TZID=America/New_York:20250318T{start}00\r\n"
            f"DTEND;TZID=America/New_York:20250318T{end}00\r\n"
            f"SUMMARY:{title}\r\nLOCATION:Hall\r\nEND:VEVENT\r\n"
        )

    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        + event("r", "1800", "2000", "Reception")
        + event("1", "1810", "1820", "One")
        + event("2", "1830", "1840", "Two")
        + event("3", "1850", "1900", "Three")
        + "END:VCALENDAR\r\n"
    )
    imported = import_bytes(ics.encode(), "ics", name="r.ics")
    agenda = imported.agenda
    (part,) = agenda.parts
    assert [(s.title, [c.title for c in s.children]) for s in part.sessions] == [
        ("Reception", ["One", "Two", "Three"])
    ]
    assert [d.code for d in agenda_kit.check(agenda).diagnostics] == []
    nested = [n.message for n in imported.notes.found if n.key.endswith(".nested")]
    assert nested == [
        "sessions that lie inside 'Reception' in the same room are its `children` (3)"
    ]
    # The same rows in a table kept by hand stay rows: one inside another is a slip.
    csv = "date,start,end,title,room\n" + "".join(
        f"2025-03-18,{a},{b},{t},Hall\n"
        for a, b, t in [("18:00", "20:00", "Reception"), ("18:10", "18:20", "One")]
    )
    table = import_bytes(csv.encode(), "csv", name="r.csv").agenda
    assert [len(s.children) for s in table.parts[0].sessions] == [0, 0]
