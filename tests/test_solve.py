"""Solve and re-plan with CP-SAT: every solved agenda passes the checker with no errors."""

from __future__ import annotations

import re
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agenda_kit import Agenda, check, load, loads, sessions
from agenda_kit.timeline import build_timeline

from .helpers import REALWORLD, SEED

pytest.importorskip("ortools", reason="the solver extra is not installed")

from agenda_kit.schedule import SolverMissing, apply_to_text, solve

SCHEDULES = REALWORLD / "schedules"
HEADER = (
    "agenda: 1\n"
    "event: {id: e, title: E, date: 2025-03-18, timezone: Europe/Berlin, window: 09:00-12:00}\n"
    "venue:\n"
    "  name: V\n"
    "  rooms: {a: {name: A, capacity: 100}, b: {name: B, capacity: 20}}\n"
)


def _errors(agenda: Agenda) -> list[str]:
    return [f"{d.code} {d.message}" for d in check(agenda).diagnostics if d.severity == "error"]


def _imported(name: str) -> Agenda:
    from agenda_kit.exchange import import_file

    return import_file(SCHEDULES / name).agenda


def _untimed(agenda: Agenda) -> Agenda:
    """The agenda with every time removed; lengths, rooms and speakers kept."""
    out = agenda.model_copy(deep=True)
    # Children too (the talks of GOOD 2025's reception): they then follow one another
    # from their parent's start, wherever the parent is placed.
    for slot in build_timeline(out).slots:
        if slot.start is not None and slot.end is not None:
            s = slot.session
            s.minutes = (slot.end - slot.start) // 60
            s.time = s.start = s.end = None
    return out


def _places(agenda: Agenda) -> dict[str, tuple[str, str | None]]:
    return {s.id: (s.start.isoformat(), s.room) for s in sessions(agenda)}


# --- the seed -----------------------------------------------------------------------


def test_the_seed_without_times_is_solved_back_to_its_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = SEED.read_text("utf-8")
    untimed = re.sub(r"time: \d\d:\d\d~\d\d:\d\d, ", "", original)
    untimed = untimed.replace("        time: 16:25~17:15\n", "")
    solution = solve(loads(untimed, name="seed.yaml"))
    assert solution.ok and solution.moved == []
    assert len(solution.placed) == 13
    assert _errors(solution.agenda) == []
    assert _places(solution.agenda) == _places(load(SEED))
    source = tmp_path / "seed.yaml"
    source.write_text(untimed, "utf-8")
    out = tmp_path / "solved.yaml"
    from agenda_kit.cli import main

    assert main(["solve", str(source), "-o", str(out), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == f"Wrote {out}: 13 sessions placed, 0 moved."
    assert _errors(load(out)) == []
    # Written in the file's own form: after `minutes`, with its `~`.
    assert "- {id: opening, minutes: 3, time: 15:00~15:03, kind: ceremony," in out.read_text()


# --- real schedules -----------------------------------------------------------------

REAL = [
    "31c3_schedule.xml",
    "debconf23.xml",
    "fosdem_2021.xml",
    "frab-camp2019.json",
    "good2025_schedule.json",
    "good2025_schedule.xml",
    "pretalx-rc3.json",
]


@pytest.mark.parametrize("name", REAL)
def test_real_schedules_without_times_are_solved_with_no_errors(name: str) -> None:
    agenda = _untimed(_imported(name))
    solution = solve(agenda, time_limit=60)
    assert solution.ok, solution.diagnostics
    assert len(solution.placed) == sum(len(p.sessions) for p in agenda.parts)
    assert _errors(solution.agenda) == []


def _without_room(agenda: Agenda, room: str) -> Agenda:
    out = agenda.model_copy(deep=True)
    assert out.venue is not None
    del out.venue.rooms[room]
    for part in out.parts:
        if part.room == room:
            part.room = None
        for s in part.sessions:
            if s.room == room:
                s.room = None
    return out


@pytest.mark.parametrize(
    "name",
    [
        "debconf23.xml",
        "fosdem_2021.xml",
        "good2025_schedule.json",
        "pretalx-rc3.json",
        pytest.param("31c3_schedule.xml", marks=pytest.mark.slow),
    ],
)
def test_a_room_closes_and_most_sessions_stay_where_they_were(name: str) -> None:
    published = _imported(name)
    # Every session, the talks inside another one included (they are in its room).
    rooms = Counter(s.room for s in sessions(published))
    closed = min(rooms, key=lambda r: (rooms[r], r or ""))  # the least used room
    assert closed is not None
    solution = solve(_without_room(published, closed), published=published, time_limit=10)
    assert solution.ok, solution.diagnostics
    assert _errors(solution.agenda) == []
    total = sum(rooms.values())
    before, after = _places(published), _places(solution.agenda)
    assert sorted(solution.moved) == sorted(k for k in before if before[k] != after[k])
    # Every session of the closed room moves; of the others, at most a tenth.
    in_closed = {k for k, (_, room) in before.items() if room == closed}
    assert in_closed <= set(solution.moved)
    assert len(set(solution.moved) - in_closed) <= total // 10
    if rooms[closed] <= total // 10:
        assert len(solution.moved) <= total // 10  # 90% kept where that is possible
    moved_findings = [d.sessions or d.params["id"] for d in solution.diagnostics]
    assert len(moved_findings) == len(solution.moved)


@pytest.mark.parametrize(
    "name", ["pretalx-rc3.json", "frab-camp2019.json", "good2025_schedule.xml", "debconf23.xml"]
)
def test_a_speaker_cannot_come_at_one_time_and_only_that_session_moves(name: str) -> None:
    published = _imported(name)
    timeline = build_timeline(published)
    clock = timeline.clock
    by_speaker = timeline.by_speaker()
    # The busiest speaker whose published sessions do not already overlap.
    speaker = max(
        (k for k, v in by_speaker.items() if all(a.end <= b.start for a, b in pairwise(v))),  # type: ignore[operator]
        key=lambda k: (len(by_speaker[k]), k),
    )
    first = by_speaker[speaker][0]
    assert first.start is not None and first.end is not None
    day = clock.local(first.start).date()
    days = {clock.local(s.start).date() for s in timeline.resolved() if s.start is not None}
    current = published.model_copy(deep=True)
    # Available every day of the event, except during their first session.
    current.speakers[speaker].available = [
        f"{day} 00:00-{clock.clock(first.start)}",
        f"{day} {clock.clock(first.end)}-24:00",
        *(str(d) for d in sorted(days - {day})),
    ]
    assert _errors(current) != []  # speaker-unavailable
    solution = solve(current, published=published, time_limit=10)
    assert solution.ok, solution.diagnostics
    assert _errors(solution.agenda) == []
    assert first.id in solution.moved
    total = len(timeline.resolved())
    assert len(solution.moved) <= max(1, total // 10)


# --- constraints, preferences and what cannot be solved -----------------------------


def test_rooms_capacity_preferences_and_one_room_per_track() -> None:
    text = HEADER + (
        "speakers:\n"
        "  ada:\n"
        "    name: Ada\n"
        "    available: ['2025-03-18 10:00-12:00']\n"
        "    prefers: ['2025-03-18 11:00-12:00']\n"
        "  bob: {name: Bob}\n"
        "tracks:\n"
        "  t: {contiguous: false, fills-window: false}\n"
        "parts:\n"
        "  - track: t\n"
        "    sessions:\n"
        "      - {id: big, title: Big, minutes: 60, attendance: 80, speakers: [ada]}\n"
        "      - {id: small, title: Small, minutes: 30, speakers: [bob]}\n"
        "      - {id: other, title: Other, minutes: 30, speakers: [bob]}\n"
    )
    solution = solve(loads(text), rooms=True)
    assert solution.ok
    assert _errors(solution.agenda) == []
    places = {s.id: (s.start.strftime("%H:%M"), s.room) for s in sessions(solution.agenda)}
    # `big` needs room a (80 people) and goes to Ada's preferred hour; the track keeps
    # to one room.
    assert places["big"] == ("11:00", "a")
    assert {room for _, room in places.values()} == {"a"}
    assert places["small"][0] != places["other"][0]


def test_a_session_that_fits_nowhere_is_named() -> None:
    text = HEADER + (
        "speakers:\n"
        "  ada: {name: Ada, available: ['2025-03-18 09:00-09:30']}\n"
        "parts:\n"
        "  - room: a\n"
        "    sessions:\n"
        "      - {id: long, title: Long, minutes: 60, speakers: [ada]}\n"
    )
    solution = solve(loads(text, name="a.yaml"))
    assert not solution.ok
    assert [(d.code, d.message) for d in solution.diagnostics] == [
        (
            "AK821",
            "session `long` fits nowhere: its 60 minutes within 09:00-12:00 and when `ada` "
            "can speak (2025-03-18 09:00-09:30)",
        )
    ]


def test_conflicting_sessions_are_named_together() -> None:
    text = HEADER + (
        "speakers:\n"
        "  ada: {name: Ada, available: ['2025-03-18 09:00-10:00']}\n"
        "tracks:\n"
        "  x: {contiguous: false, fills-window: false}\n"
        "  y: {contiguous: false, fills-window: false}\n"
        "parts:\n"
        "  - {track: x, room: a, sessions: [{id: one, title: One, minutes: 40, speakers: [ada]}]}\n"
        "  - {track: y, room: b, sessions: [{id: two, title: Two, minutes: 40, speakers: [ada]}]}\n"
        "  - {track: y, room: b, sessions: [{id: free, title: Free, minutes: 40}]}\n"
        "  - {track: z, sessions: [{id: own, title: Own, minutes: 40, speakers: [cy]}]}\n"
    ).replace("speakers:\n", "speakers:\n  cy: {name: Cy, available: ['2025-03-18 09:00-10:00']}\n")
    solution = solve(loads(text))
    assert [(d.code, d.message) for d in solution.diagnostics] == [
        (
            "AK821",
            "no agenda satisfies these together: the allowed times of `one`, `two`, with the "
            "rooms, tracks and speakers they share",
        )
    ]


def test_without_the_extra_the_message_is_clear(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from agenda_kit.cli import main

    monkeypatch.setitem(sys.modules, "ortools", None)
    monkeypatch.setitem(sys.modules, "ortools.sat.python", None)
    with pytest.raises(SolverMissing):
        solve(load(SEED))
    out = tmp_path / "out.yaml"
    assert main(["solve", str(SEED), "-o", str(out), "--lang", "en"]) == 2
    assert capsys.readouterr().err.splitlines()[:2] == [
        f"{SEED}:1:1: AK820 [error] solver-missing: solving needs the optional solver "
        "`ortools`, which is not installed",
        "  = help: Install it: pip install 'agenda-kit[solver]'",
    ]
    assert not out.exists()


def test_replan_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from agenda_kit.cli import main

    published = tmp_path / "published.yaml"
    published.write_text(
        HEADER
        + (
            "speakers: {ada: {name: Ada}, bob: {name: Bob}}\n"
            "tracks: {t: {contiguous: false, fills-window: false}}\n"
            "parts:\n"
            "  - track: t\n"
            "    room: a\n"
            "    sessions:\n"
            "      - {id: one, title: One, time: 09:00-10:00, speakers: [ada]}\n"
            "      - {id: two, title: Two, time: 10:00-11:00, speakers: [bob]}\n"
            "      - {id: three, title: Three, time: 11:00-12:00, speakers: [ada]}\n"
        ),
        "utf-8",
    )
    current = tmp_path / "current.yaml"
    # Bob can come only in the last hour now.
    current.write_text(
        published.read_text().replace(
            "bob: {name: Bob}", "bob: {name: Bob, available: ['2025-03-18 11:00-12:00']}"
        ),
        "utf-8",
    )
    out = tmp_path / "new.yaml"
    code = main(
        ["solve", str(current), "--from-published", str(published), "-o", str(out), "--lang", "en"]
    )
    err = capsys.readouterr().err
    assert code == 0, err
    assert _errors(load(out)) == []
    moved = [line.split("solve-moved: ")[1] for line in err.splitlines() if "AK823" in line]
    # two and three trade places: nothing else gives Bob 11:00 with fewer moves.
    assert sorted(moved) == [
        "`three` moves from 2025-03-18 11:00 a to 2025-03-18 10:00 a",
        "`two` moves from 2025-03-18 10:00 a to 2025-03-18 11:00 a",
    ]
    assert err.splitlines()[-1] == f"Wrote {out}: 0 sessions placed, 2 moved."


def test_a_moved_session_takes_the_sessions_inside_it_along() -> None:
    published = HEADER + (
        "speakers: {ada: {name: Ada}}\n"
        "tracks: {t: {contiguous: false, fills-window: false}}\n"
        "parts:\n"
        "  - track: t\n"
        "    room: a\n"
        "    sessions:\n"
        "      - id: reception\n"
        "        title: Reception\n"
        "        time: 09:00-10:00\n"
        "        speakers: [ada]\n"
        "        children:\n"
        "          - {id: lt-1, title: LT 1, time: 09:00-09:30}\n"
        "          - {id: lt-2, title: LT 2, time: 09:30-10:00}\n"
        "      - {id: talk, title: Talk, time: 10:00-11:00}\n"
    )
    current = published.replace(
        "{ada: {name: Ada}}", "{ada: {name: Ada, available: ['2025-03-18 11:00-12:00']}}"
    )
    solution = solve(loads(current), published=loads(published))
    # The talks inside it move with it, and are changes of the re-plan like it.
    assert solution.ok and solution.moved == ["reception", "lt-1", "lt-2"]
    assert [d.params["id"] for d in solution.diagnostics] == ["reception", "lt-1", "lt-2"]
    assert _errors(solution.agenda) == []
    text = apply_to_text(current, "yaml", solution.changes)
    assert text == current.replace("09:00-10:00\n", "11:00-12:00\n").replace(
        "time: 09:00-09:30", "time: 11:00-11:30"
    ).replace("time: 09:30-10:00", "time: 11:30-12:00")


def test_a_speaker_in_two_rooms_gets_the_transfer_time() -> None:
    text = HEADER.replace("  rooms:", "  transfers: [{from: a, to: b, minutes: 15}]\n  rooms:") + (
        "speakers: {ada: {name: Ada, available: ['2025-03-18 09:00-10:30']}}\n"
        "tracks:\n"
        "  x: {contiguous: false, fills-window: false}\n"
        "  y: {contiguous: false, fills-window: false}\n"
        "parts:\n"
        "  - {track: x, room: a, sessions: [{id: one, title: One, minutes: 30, speakers: [ada]}]}\n"
        "  - {track: y, room: b, sessions: [{id: two, title: Two, minutes: 30, speakers: [ada]}]}\n"
    )
    solution = solve(loads(text), step=5)
    assert solution.ok
    assert check(solution.agenda).diagnostics == []  # no speaker-travel warning either
    starts = sorted(s.start for s in sessions(solution.agenda))
    ends = sorted(s.end for s in sessions(solution.agenda))
    assert (starts[1] - ends[0]).total_seconds() >= 15 * 60


def test_errors_of_shape_are_reported_before_solving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from agenda_kit.cli import main

    path = tmp_path / "a.yaml"
    path.write_text(
        HEADER
        + "parts:\n  - room: closed\n    sessions:\n      - {id: a, title: A, minutes: 30}\n",
        "utf-8",
    )
    out = tmp_path / "out.yaml"
    assert main(["solve", str(path), "-o", str(out), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "AK111 [error] unknown-reference" in err.splitlines()[0]
    assert not out.exists()


@st.composite
def _conferences(draw: st.DrawFn) -> str:
    rooms = draw(st.integers(1, 3))
    people = draw(st.integers(1, 4))
    lines = [
        "agenda: 1",
        "event: {id: e, title: E, date: 2025-03-18, timezone: Europe/Berlin, window: 09:00-13:00}",
        "venue:",
        "  name: V",
        "  rooms: {" + ", ".join(f"r{r}: {{name: R{r}}}" for r in range(rooms)) + "}",
        "speakers:",
    ]
    for p in range(people):
        a = draw(st.integers(9, 12))
        b = draw(st.integers(a + 1, 13))
        available = (
            f", available: ['2025-03-18 {a:02d}:00-{b:02d}:00']" if draw(st.booleans()) else ""
        )
        lines.append(f"  p{p}: {{name: P{p}{available}}}")
    lines.append("parts:")
    n = 0
    for r in range(rooms):
        contiguous = draw(st.booleans())
        changeover = draw(st.sampled_from([0, 5, 10]))
        lines += [
            f"  - track: t{r}",
            f"    room: r{r}",
            f"    contiguous: {'true' if contiguous else 'false'}",
            f"    changeover: {changeover}",
            "    fills-window: false",
            "    sessions:",
        ]
        for _ in range(draw(st.integers(1, 4))):
            who = draw(st.lists(st.integers(0, people - 1), max_size=2, unique=True))
            minutes = draw(st.sampled_from([15, 20, 30, 45, 60]))
            names = ", ".join(f"p{w}" for w in who)
            lines.append(
                f"      - {{id: s{n}, title: S{n}, minutes: {minutes}, speakers: [{names}]}}"
            )
            n += 1
    return "\n".join(lines) + "\n"


@settings(max_examples=30)
@given(_conferences())
def test_whatever_solve_returns_passes_the_checker_or_is_reported_infeasible(text: str) -> None:
    solution = solve(loads(text), time_limit=10)
    if solution.ok:
        assert _errors(solution.agenda) == []
        assert solution.placed and not solution.moved
    else:
        assert {d.code for d in solution.diagnostics} == {"AK821"}
