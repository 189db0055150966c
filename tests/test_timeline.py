"""Resolving times: derived times, midnight, clock changes, and the zone in JSON."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

import agenda_kit
from agenda_kit import ScheduledSession

from .helpers import AGENDAS


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def resolved(name: str) -> list[tuple[str, datetime, datetime]]:
    sessions = agenda_kit.sessions(agenda_kit.load(AGENDAS / "valid" / name))
    return [(s.id, s.start.astimezone(UTC), s.end.astimezone(UTC)) for s in sessions]


def test_derived_times() -> None:
    # America/New_York on 2025-03-18 is EDT, UTC-4.
    assert resolved("derived-times.yaml") == [
        ("welcome", utc(2025, 3, 18, 13, 0), utc(2025, 3, 18, 13, 15)),  # ends at next start
        ("keynote", utc(2025, 3, 18, 13, 15), utc(2025, 3, 18, 14, 0)),
        ("coffee", utc(2025, 3, 18, 14, 0), utc(2025, 3, 18, 14, 15)),
        ("panel", utc(2025, 3, 18, 14, 15), utc(2025, 3, 18, 15, 0)),  # end - minutes
        ("lightning", utc(2025, 3, 18, 15, 0), utc(2025, 3, 18, 15, 45)),
        ("closing", utc(2025, 3, 18, 15, 45), utc(2025, 3, 18, 16, 0)),  # ends with window
    ]


def test_ranges_across_midnight_end_the_next_day() -> None:
    # Europe/Berlin in May is CEST, UTC+2.
    assert resolved("midnight.yaml") == [
        ("tour", utc(2025, 5, 17, 20, 0), utc(2025, 5, 17, 21, 30)),
        ("concert", utc(2025, 5, 17, 21, 30), utc(2025, 5, 17, 22, 30)),
        ("talk", utc(2025, 5, 17, 22, 30), utc(2025, 5, 17, 23, 15)),
        ("last", utc(2025, 5, 17, 23, 15), utc(2025, 5, 18, 0, 0)),
    ]


def test_fall_back_night_uses_real_elapsed_time() -> None:
    # 2024-10-27: 03:00 CEST (01:00Z) becomes 02:00 CET. 01:30 CEST is 23:30Z.
    sessions = agenda_kit.sessions(agenda_kit.load(AGENDAS / "valid" / "dst-fall-back.yaml"))
    # Compared in UTC: Python never finds a time in a repeated hour equal to a time in
    # another zone, whatever the instants.
    assert [(s.start.astimezone(UTC), s.end.astimezone(UTC)) for s in sessions] == [
        (utc(2024, 10, 26, 23, 30), utc(2024, 10, 27, 1, 30)),
        (utc(2024, 10, 27, 1, 30), utc(2024, 10, 27, 2, 0)),
        (utc(2024, 10, 27, 2, 0), utc(2024, 10, 27, 3, 0)),
    ]
    b = sessions[1]
    # The second 02:30: wall clock 02:30 at +01:00, not the first 02:30 at +02:00.
    assert (b.start.format("HH:mm Z"), b.start.timezone_name) == ("02:30 +01:00", "Europe/Berlin")
    assert [round(s.minutes) for s in sessions] == [120, 30, 60]


def test_spring_forward_gap_time_moves_forward() -> None:
    agenda = agenda_kit.loads(
        "agenda: 1\nevent: {id: e, title: T, date: 2025-03-30, timezone: Europe/Berlin}\n"
        "parts:\n  - sessions:\n      - {id: a, time: 01:30-02:30, title: Into the gap}\n"
    )
    (a,) = agenda_kit.sessions(agenda)
    # 02:30 does not exist that night; RFC 5545 reads it with the offset before the gap.
    assert (a.start.astimezone(UTC), a.end.astimezone(UTC)) == (
        utc(2025, 3, 30, 0, 30),
        utc(2025, 3, 30, 1, 30),
    )
    assert a.end.format("HH:mm") == "03:30"


def test_zone_name_survives_a_json_round_trip() -> None:
    for session in agenda_kit.sessions(agenda_kit.load(AGENDAS / "valid" / "dst-fall-back.yaml")):
        text = session.model_dump_json()
        assert '"timezone":"Europe/Berlin"' in text
        back = ScheduledSession.model_validate_json(text)
        assert back == session
        assert back.start.timezone_name == back.end.timezone_name == "Europe/Berlin"
        assert back.start.timestamp() == session.start.timestamp()
        assert back.end.timestamp() == session.end.timestamp()


def test_a_night_window_spans_two_dates() -> None:
    # Part two is dated the next day; its sessions belong to the night that began the
    # day before, so the two parts tile one window.
    agenda = agenda_kit.loads(
        "agenda: 1\n"
        "event: {id: night, title: N, date: 2025-05-17, timezone: Europe/Berlin,"
        " window: 22:00-02:00}\n"
        "parts:\n"
        "  - {id: late, sessions: [{id: a, title: A, time: 22:00-24:00}]}\n"
        "  - {id: later, date: 2025-05-18, sessions: [{id: b, title: B, time: 00:00-02:00}]}\n"
    )
    assert agenda_kit.check(agenda).diagnostics == []
    agenda.parts[1].sessions[0].time = "00:10-02:00"
    assert [d.message for d in agenda_kit.check(agenda).diagnostics] == [
        "10 minutes between `a` (ends 00:00) and `b` (starts 00:10)"
    ]


def test_a_start_only_session_ends_when_the_next_part_begins() -> None:
    agenda = agenda_kit.loads(
        "agenda: 1\n"
        "event: {id: e, title: E, date: 2025-03-18, timezone: UTC, window: 09:00-13:00}\n"
        "parts:\n"
        "  - {id: morning, sessions: [{id: a, title: A, start: 09:00},"
        " {id: b, title: B, start: 10:30}]}\n"
        "  - {id: noon, span: 12:00-13:00, sessions: [{id: c, title: C}]}\n"
    )
    assert resolved_of(agenda) == [
        ("a", utc(2025, 3, 18, 9, 0), utc(2025, 3, 18, 10, 30)),
        ("b", utc(2025, 3, 18, 10, 30), utc(2025, 3, 18, 12, 0)),
        ("c", utc(2025, 3, 18, 12, 0), utc(2025, 3, 18, 13, 0)),
    ]
    assert agenda_kit.check(agenda).diagnostics == []


def resolved_of(agenda: agenda_kit.Agenda) -> list[tuple[str, datetime, datetime]]:
    return [
        (s.id, s.start.astimezone(UTC), s.end.astimezone(UTC)) for s in agenda_kit.sessions(agenda)
    ]


@given(
    st.sampled_from(["Pacific/Kiritimati", "Etc/GMT+12", "America/New_York", "Asia/Seoul"]),
    st.integers(-(10**13), 10**13) | st.integers(-1_893_456_000, 32_503_680_000),
    st.integers(-(10**9), 10**9),
    st.integers(-(10**8), 10**8),
)
def test_zone_clock_conversions_are_total(zone: str, instant: int, day: int, minute: int) -> None:
    """Arithmetic on times (a year-long session after a year-long session...) may leave
    the years dates hold; conversions then clamp instead of raising."""
    from agenda_kit.timespan import MAX_INSTANT, MIN_INSTANT, ZoneClock

    clock = ZoneClock(zone)
    local = clock.local(instant)
    assert 1 <= local.year <= 9999
    assert clock.day_of(instant) == local.toordinal()
    assert re.fullmatch(r"\d\d:\d\d", clock.clock(instant))
    back = clock.to_utc(day, minute)
    assert MIN_INSTANT <= back <= MAX_INSTANT
    # In the supported years (whole-minute offsets, unlike the local mean time of the
    # 1800s), a plain local time round-trips to the instant's minute.
    if -1_893_456_000 <= instant < 32_503_680_000:  # 1910 to 3000
        wall = clock.local(instant)
        if clock.is_plain(instant):
            assert clock.to_utc(wall.toordinal(), wall.hour * 60 + wall.minute) == instant - (
                instant % 60
            )
