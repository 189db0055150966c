"""Properties of the checker: tiling, single moved boundaries, and invariance."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import agenda_kit

# Dates on which none of these zones changes its clocks, so that moving an agenda
# between them keeps every duration.
CALM_DATES = [date(2024, 10, 17), date(2025, 1, 15), date(2025, 6, 18), date(2025, 12, 1)]
ZONES = ["Asia/Seoul", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"]
ANY_ZONES = [*ZONES, "Australia/Lord_Howe", "America/St_Johns", "Pacific/Chatham", "UTC"]


def document(sessions: list[dict[str, Any]], zone: str, day: date) -> dict[str, Any]:
    return {
        "agenda": 1,
        "event": {"id": "prop", "title": "Property", "date": day.isoformat(), "timezone": zone},
        "parts": [{"id": "p", "sessions": sessions}],
    }


def load(doc: dict[str, Any]) -> agenda_kit.Agenda:
    return agenda_kit.loads(json.dumps(doc), format="json")


def clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@st.composite
def tiled_minutes(draw: Any) -> list[tuple[int, int]]:
    """Contiguous wall-clock ranges within one day: [(start, end), ...]."""
    durations = draw(st.lists(st.integers(1, 90), min_size=2, max_size=12))
    start = draw(st.integers(0, max(0, 1439 - sum(durations))))
    out = []
    for d in durations:
        out.append((start, min(start + d, 1439)))
        start += d
    return [(a, b) for a, b in out if a < b]


DAYS = st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(1, 180), min_size=1, max_size=15), st.integers(0, 1439),
       st.sampled_from(ANY_ZONES), DAYS)  # fmt: skip
def test_durations_alone_always_tile(
    durations: list[int], first: int, zone: str, day: date
) -> None:
    # Across midnight and across any clock change: durations are real time.
    sessions: list[dict[str, Any]] = [
        {"id": f"s{i}", "title": f"S{i}", "minutes": m} for i, m in enumerate(durations)
    ]
    sessions[0]["start"] = clock(first)
    report = agenda_kit.check(load(document(sessions, zone, day)))
    assert report.diagnostics == []
    got = agenda_kit.sessions(load(document(sessions, zone, day)))
    assert [round(s.minutes) for s in got] == durations


@settings(max_examples=150, deadline=None)
@given(tiled_minutes(), st.sampled_from(ANY_ZONES), DAYS)
def test_explicit_contiguous_ranges_tile(
    ranges: list[tuple[int, int]], zone: str, day: date
) -> None:
    sessions = [
        {"id": f"s{i}", "title": f"S{i}", "time": f"{clock(a)}-{clock(b)}"}
        for i, (a, b) in enumerate(ranges)
    ]
    names = {d.name for d in agenda_kit.check(load(document(sessions, zone, day))).diagnostics}
    assert not names & {"gap", "overlap"}


@settings(max_examples=150, deadline=None)
@given(tiled_minutes(), st.data(), st.sampled_from(["Asia/Seoul", "Asia/Kolkata", "UTC"]))
def test_moving_one_boundary_gives_one_finding_there(
    ranges: list[tuple[int, int]], data: Any, zone: str
) -> None:
    assume(len(ranges) >= 2)
    k = data.draw(st.integers(1, len(ranges) - 1), label="session")
    prev_start, _ = ranges[k - 1]
    start, end = ranges[k]
    # Move the start of session k (not its end), keeping it after the previous start
    # and before its own end.
    new_start = data.draw(
        st.integers(prev_start + 1, end - 1).filter(lambda s: s != start), label="start"
    ) if end - prev_start > 2 else None  # fmt: skip
    assume(new_start is not None)
    assert new_start is not None
    ranges = [*ranges[:k], (new_start, end), *ranges[k + 1 :]]
    sessions = [
        {"id": f"s{i}", "title": f"S{i}", "time": f"{clock(a)}-{clock(b)}"}
        for i, (a, b) in enumerate(ranges)
    ]
    report = agenda_kit.check(load(document(sessions, zone, date(2025, 6, 18))))
    expected = "gap" if new_start > start else "overlap"
    assert [(d.name, d.location.path) for d in report.diagnostics] == [
        (expected, f"parts[0].sessions[{k}].time")
    ]
    minutes = abs(new_start - start)
    assert f"{minutes} minute" in report.diagnostics[0].message


@st.composite
def messy_sessions(draw: Any) -> list[dict[str, Any]]:
    """Sessions with explicit times that may leave gaps or overlap, some with minutes."""
    out = []
    for i in range(draw(st.integers(2, 10))):
        a = draw(st.integers(6 * 60, 20 * 60))
        b = a + draw(st.integers(1, 120))
        session: dict[str, Any] = {
            "id": f"s{i}",
            "title": f"S{i}",
            "time": f"{clock(a)}-{clock(b)}",
        }
        if draw(st.booleans()):
            session["minutes"] = draw(st.integers(1, 120))
        out.append(session)
    return out


def findings(report: agenda_kit.Report) -> list[tuple[str, str]]:
    return sorted((d.code, d.message) for d in report.diagnostics)


@settings(max_examples=100, deadline=None)
@given(messy_sessions(), st.randoms(use_true_random=False), st.sampled_from(ZONES),
       st.sampled_from(ZONES), st.sampled_from(CALM_DATES))  # fmt: skip
def test_findings_do_not_depend_on_file_order_or_zone(
    sessions: list[dict[str, Any]], rng: Any, zone: str, other_zone: str, day: date
) -> None:
    base = findings(agenda_kit.check(load(document(sessions, zone, day))))
    shuffled = list(sessions)
    rng.shuffle(shuffled)
    assert findings(agenda_kit.check(load(document(shuffled, zone, day)))) == base
    assert findings(agenda_kit.check(load(document(sessions, other_zone, day)))) == base
