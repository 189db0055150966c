"""Issue 10: changeovers, breaks and free rooms; every conflicting pair, named so that a
person recognises it; one finding for a typo across midnight; side tracks."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import agenda_kit
from agenda_kit.cli import main
from agenda_kit.rules.naming import opaque
from agenda_kit.timeline import Flow, build_timeline

from .helpers import AGENDAS, SEED

OUTPUT = AGENDAS / "output"


def load(doc: dict[str, Any]) -> agenda_kit.Agenda:
    return agenda_kit.loads(json.dumps(doc), format="json")


def clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def names(report: agenda_kit.Report) -> list[str]:
    return [d.name for d in report.diagnostics]


# --- whole outputs, in English and Korean ------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", ["typo-cascade", "side-track", "all-pairs", "misspelt-key"])
def test_fixture_gives_its_whole_output(
    name: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = OUTPUT / f"{name}.yaml"
    expected = (OUTPUT / f"{name}.{lang}.txt").read_text("utf-8").replace("{file}", str(path))
    code = main(["check", "--lang", lang, str(path)])
    assert capsys.readouterr().out == expected
    # Warnings alone do not fail a run; the typo and the conflicts do; a misspelt key
    # is an invalid file (2), and the rules still ran on the rest of it.
    assert code == {"side-track": 0, "misspelt-key": 2}.get(name, 1)


def test_the_typo_is_read_as_meant_so_later_sessions_keep_their_times() -> None:
    timeline = build_timeline(agenda_kit.load(OUTPUT / "typo-cascade.yaml"))
    seoul = 9 * 3600  # Asia/Seoul is UTC+9 all year

    def local(instant: int | None) -> str:
        assert instant is not None
        return datetime.fromtimestamp(instant + seoul, UTC).strftime("%d %H:%M")

    got = {s.id: (local(s.start), local(s.end)) for s in timeline.slots}
    assert got == {
        "opening": ("18 13:30", "18 14:00"),
        "keynote": ("18 14:00", "18 14:45"),
        "panel": ("18 14:45", "18 15:05"),  # not 03:05 the next day
        "coffee": ("18 15:05", "18 15:20"),
        "talk-1": ("18 15:20", "18 16:00"),
        "talk-2": ("18 16:00", "18 16:40"),  # not 16:00 + 40 on the 19th
        "closing": ("18 16:40", "18 17:00"),
        "dinner": ("18 18:00", "18 18:30"),  # no reading explains it: the next start ends it
        "toast": ("18 18:30", "18 19:00"),
    }
    assert [s.id for s in timeline.slots if s.crossed] == ["panel", "dinner"]


def test_without_the_typo_fix_the_same_agenda_would_cascade() -> None:
    """The fixture is a cascade: written as a night programme, the same range ends the
    next day and pushes the later sessions there."""
    text = (OUTPUT / "typo-cascade.yaml").read_text("utf-8")
    night = text.replace("window: 13:30~17:00", "window: 13:30~04:00")
    found = names(agenda_kit.check(agenda_kit.loads(night, name="night.yaml")))
    assert "crosses-midnight" not in found
    assert found.count("duration-mismatch") >= 1


def test_a_range_across_midnight_without_any_window_still_ends_the_next_day() -> None:
    doc = {
        "agenda": 1,
        "event": {"id": "e", "title": "E", "date": "2025-06-18", "timezone": "UTC"},
        "parts": [
            {
                "sessions": [
                    {"id": "party", "title": "Party", "time": "22:00-02:00", "kind": "other"}
                ]
            }
        ],
    }
    agenda = load(doc)
    assert agenda_kit.check(agenda).diagnostics == []
    [party] = agenda_kit.sessions(agenda)
    assert party.minutes == 240


def test_json_output_names_the_subjects_of_each_conflict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = OUTPUT / "all-pairs.yaml"
    assert main(["check", "--format", "json", str(path)]) == 1
    data = json.loads(capsys.readouterr().out)
    subjects = [(d["name"], d["subjects"]) for d in data["diagnostics"]]
    both = ["emily-moffat-sadeghi", "travis-ravert"]
    expected = []
    for b, a in (("87", "56"), ("88", "56"), ("88", "87")):
        parts = {"87": "talks", "88": "posters"}[b]
        expected.append(
            ("room-conflict", {"sessions": [b, a], "parts": [parts], "rooms": ["s010"]})
        )
        for speaker in both:
            expected.append(
                ("speaker-conflict", {"sessions": [b, a], "parts": [parts], "speakers": [speaker]})
            )
    assert sorted(subjects, key=repr) == sorted(expected, key=repr)


# --- the seed and the flow settings --------------------------------------------------


def test_the_seed_reads_the_defaults_and_checks_clean() -> None:
    agenda = agenda_kit.load(SEED)
    assert build_timeline(agenda).flows == [Flow(), Flow()]
    assert agenda_kit.check(agenda).diagnostics == []


def test_a_part_takes_its_tracks_settings_and_overrides_them() -> None:
    agenda = agenda_kit.loads(
        "agenda: 1\n"
        "event: {id: e, title: E, date: 2025-03-18, timezone: UTC}\n"
        "tracks:\n"
        "  hall: {contiguous: false, changeover: 15, breaks: [12:00-13:00], window: 09:00-17:00}\n"
        "parts:\n"
        "  - {track: hall, sessions: []}\n"
        "  - {track: hall, changeover: 5, contiguous: true, fills-window: false, sessions: []}\n"
        "  - {sessions: []}\n"
    )
    assert build_timeline(agenda).flows == [
        Flow(False, 15, False, ((720, 780),), (540, 1020), True),
        Flow(True, 5, False, ((720, 780),), (540, 1020), False),
        Flow(),
    ]


@pytest.mark.parametrize(
    "field",
    ["changeover: -1", "changeover: 1441", "changeover: '15'", "contiguous: maybe",
     "breaks: [12:00]", "window: 9-17", "fills-window: 1"],
)  # fmt: skip
def test_wrong_flow_values_are_load_errors(field: str) -> None:
    with pytest.raises(agenda_kit.LoadError) as info:
        agenda_kit.loads(
            "agenda: 1\nevent: {id: e, title: E, date: 2025-03-18, timezone: UTC}\n"
            f"parts:\n  - {{{field}, sessions: []}}\n"
        )
    assert [d.code for d in info.value.diagnostics] == ["AK102"]


def test_free_time_in_a_contiguous_part_beyond_changeover_and_breaks_is_a_gap() -> None:
    def check(breaks: list[str], second: str) -> list[tuple[str, str]]:
        doc = {
            "agenda": 1,
            "event": {"id": "e", "title": "E", "date": "2025-06-18", "timezone": "UTC"},
            "parts": [
                {
                    "changeover": 10,
                    "breaks": breaks,
                    "sessions": [
                        {"id": "a", "title": "A", "time": "09:00-12:00"},
                        {"id": "b", "title": "B", "time": second},
                    ],
                }
            ],
        }
        return [(d.name, d.message) for d in agenda_kit.check(load(doc)).diagnostics]

    gap = ("gap", "100 minutes between `a` (ends 12:00) and `b` (starts 13:40)")
    assert check([], "12:10-14:00") == []  # the changeover
    assert check([], "13:40-14:00") == [gap]
    assert check(["12:00-13:30"], "13:40-14:00") == []  # lunch, then a changeover
    assert check(["12:05-13:30"], "13:40-14:00") == []  # a changeover on either side
    assert check(["12:11-13:30"], "13:40-14:00") == [gap]  # 11 minutes before lunch
    assert check(["12:00-13:29"], "13:40-14:00") == [gap]  # 11 minutes after lunch
    assert check(["12:00-12:30", "12:35-13:40"], "13:40-14:00") == []


# --- properties ----------------------------------------------------------------------


@st.composite
def spaced(draw: Any, distance: int) -> list[tuple[int, int]]:
    """Ranges within one day, ``distance`` minutes apart."""
    durations = draw(st.lists(st.integers(5, 90), min_size=2, max_size=8))
    start = draw(st.integers(0, max(0, 1439 - sum(durations) - distance * len(durations))))
    out = []
    for d in durations:
        out.append((start, start + d))
        start += d + distance
    return [(a, b) for a, b in out if b <= 1439]


def flow_document(ranges: list[tuple[int, int]], **flow: Any) -> dict[str, Any]:
    return {
        "agenda": 1,
        "event": {"id": "p", "title": "P", "date": "2025-06-18", "timezone": "Asia/Seoul"},
        "parts": [
            {
                "id": "p",
                **flow,
                "sessions": [
                    {"id": f"s{i}", "title": f"S{i}", "time": f"{clock(a)}-{clock(b)}"}
                    for i, (a, b) in enumerate(ranges)
                ],
            }
        ],
    }


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 60), st.data())
def test_a_boundary_moved_by_up_to_the_changeover_is_no_gap_and_beyond_it_one(
    changeover: int, data: Any
) -> None:
    ranges = data.draw(spaced(0), label="ranges")
    if len(ranges) < 2:
        return
    k = data.draw(st.integers(1, len(ranges) - 1), label="session")
    room = 1439 - ranges[-1][1]  # later sessions move with it, within the day
    shift = data.draw(st.integers(1, min(2 * changeover, room)) if room else st.just(0))
    if shift == 0:
        return
    moved = [*ranges[:k], *((a + shift, b + shift) for a, b in ranges[k:])]
    report = agenda_kit.check(load(flow_document(moved, changeover=changeover)))
    found = [(d.name, d.location.path) for d in report.diagnostics]
    if shift <= changeover:
        assert found == []
    else:
        assert found == [("gap", f"parts[0].sessions[{k}].time")]


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 60), st.data())
def test_a_required_changeover_shortened_gives_exactly_one_finding(
    changeover: int, data: Any
) -> None:
    ranges = data.draw(spaced(changeover), label="ranges")
    if len(ranges) < 2:
        return
    k = data.draw(st.integers(1, len(ranges) - 1), label="session")
    start, end = ranges[k]
    # Move the start of session k earlier (a shorter changeover, or an overlap) or later.
    low = max(ranges[k - 1][0] + 1, ranges[k - 1][1] - 30) - start
    shift = data.draw(st.integers(low, end - start - 1).filter(lambda s: s != 0), label="shift")
    moved = [*ranges[:k], (start + shift, end), *ranges[k + 1 :]]
    flow = {"contiguous": False, "changeover": changeover, "changeover-required": True}
    report = agenda_kit.check(load(flow_document(moved, **flow)))
    found = [(d.name, d.location.path) for d in report.diagnostics]
    at = f"parts[0].sessions[{k}].time"
    if shift > 0:
        assert found == []  # more free time in a free room is never a finding
    elif -shift <= changeover:
        assert found == [("short-changeover", at)]
    else:
        assert found == [("overlap", at)]


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 7), st.integers(1, 3), st.data())
def test_k_sessions_at_one_time_give_every_pair(k: int, people: int, data: Any) -> None:
    # Each session starts before all the earlier ones end: every pair overlaps.
    starts = sorted(data.draw(st.lists(st.integers(0, 59), min_size=k, max_size=k)))
    speakers = [f"p{i}" for i in range(people)]
    doc = {
        "agenda": 1,
        "event": {"id": "e", "title": "E", "date": "2025-06-18", "timezone": "UTC"},
        "venue": {"name": "V", "rooms": {"hall": {"name": "Hall"}}},
        "speakers": {s: {"name": s.upper()} for s in speakers},
        "parts": [
            {
                "track": f"t{i}",
                "room": "hall",
                "contiguous": False,
                "sessions": [
                    {
                        "id": f"s{i}",
                        "title": f"S{i}",
                        "time": f"{clock(600 + a)}-{clock(700 + a)}",
                        "speakers": speakers,
                    }
                ],
            }
            for i, a in enumerate(starts)
        ],
    }
    found = names(agenda_kit.check(load(doc)))
    pairs = k * (k - 1) // 2
    assert found.count("room-conflict") == pairs
    assert found.count("speaker-conflict") == pairs * people
    # The same sessions on one track overlap pairwise too.
    for part in doc["parts"]:
        part["track"] = "one"
    found = names(agenda_kit.check(load(doc)))
    assert (found.count("overlap"), found.count("room-conflict")) == (pairs, 0)
    assert found.count("speaker-conflict") == pairs * people


# --- naming --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ident", "expected"),
    [("56", True), ("2019-1234", True), ("a3f9c2e1", True),
     ("0b7c5a1e-2f4d-4e8a-9c3b-1d2e3f4a5b6c", True), ("7GZK3V", True),
     ("ada", False), ("talk-1", False), ("part-2-3", False), ("keynote", False),
     ("emily-moffat-sadeghi", False), ("AK201", False), ("deadbeef", False),
     ("pretalx-2025-RXCFVB", True), ("presentation_94", False)],
)  # fmt: skip
def test_opaque_ids(ident: str, expected: bool) -> None:
    assert opaque(ident) is expected


def test_ids_that_are_words_keep_their_short_messages() -> None:
    report = agenda_kit.check(agenda_kit.load(AGENDAS / "invalid" / "AK401_speaker-conflict.yaml"))
    assert [d.message for d in report.diagnostics] == [
        "`ada` is in `keynote` (09:00–10:00) and in `workshop` (09:30–11:00) at the same time"
    ]


def test_long_titles_are_shortened_in_messages(tmp_path: Path) -> None:
    title = "A very long title " * 6
    doc = {
        "agenda": 1,
        "event": {"id": "e", "title": "E", "date": "2025-06-18", "timezone": "UTC"},
        "parts": [
            {
                "sessions": [
                    {"id": "1", "title": title.strip(), "time": "09:00-10:00"},
                    {"id": "2", "title": "Short", "time": "09:30-10:30"},
                ]
            }
        ],
    }
    [overlap] = agenda_kit.check(load(doc)).diagnostics
    shortened = title[:59].rstrip() + "…"
    assert overlap.message == (
        f"`2` Short starts at 09:30, 30 minutes before `1` {shortened} ends at 10:00"
    )


def test_every_pair_is_reported_once() -> None:
    report = agenda_kit.check(agenda_kit.load(OUTPUT / "all-pairs.yaml"))
    keys = [(d.name, *d.speakers, *d.sessions) for d in report.diagnostics]
    assert len(keys) == len(set(keys)) == 9
    pairs = {frozenset(p) for p in itertools.combinations(["56", "87", "88"], 2)}
    assert {frozenset(d.sessions) for d in report.diagnostics} == pairs


def test_a_conference_day_past_midnight_reads_its_late_times_on_the_next_date() -> None:
    # 31C3: a room's day runs 11:30-02:15. In a part with that window of its own, a time
    # before the window opens is after midnight, with or without a session before it.
    agenda = agenda_kit.loads(
        "agenda: 1\n"
        "event: {id: c, title: C, date: 2014-12-27, timezone: Europe/Berlin}\n"
        "tracks:\n"
        "  saal-1: {contiguous: false, window: 11:30-02:15}\n"
        "parts:\n"
        "  - track: saal-1\n"
        "    sessions:\n"
        "      - {id: '1', time: 11:30-12:30, title: A}\n"
        "      - {id: '2', time: 23:00-23:45, title: B}\n"
        "      - {id: '3', time: 00:15-01:45, title: C}\n"
        "      - {id: '4', start: 01:45, end: 02:15, title: D}\n"
        "  - track: saal-1\n"
        "    date: 2014-12-28\n"
        "    sessions:\n"
        "      - {id: '5', time: 00:30-01:00, title: E}\n"
        "      - {id: '6', end: 02:15, title: F}\n"
    )
    got = [
        (s.id, s.start.strftime("%d %H:%M"), s.end.strftime("%d %H:%M"))
        for s in agenda_kit.sessions(agenda)
    ]
    assert got == [
        ("1", "27 11:30", "27 12:30"),
        ("2", "27 23:00", "27 23:45"),
        ("3", "28 00:15", "28 01:45"),
        ("4", "28 01:45", "28 02:15"),
        ("5", "29 00:30", "29 01:00"),
        ("6", "29 01:00", "29 02:15"),
    ]
    found = [(d.name, d.location.path) for d in agenda_kit.check(agenda).diagnostics]
    assert found == [("window-not-filled", "parts[1].sessions[0].time")]  # 28th: from 00:30


def test_thousands_of_sessions_at_one_time_give_a_bounded_number_of_pairs() -> None:
    from agenda_kit.rules.pairs import MAX_PAIRS

    n = 2000
    doc = {
        "agenda": 1,
        "event": {"id": "e", "title": "E", "date": "2025-06-18", "timezone": "UTC"},
        "speakers": {"ada": {"name": "Ada"}},
        "parts": [
            {
                "sessions": [
                    {"id": f"s{i}", "title": "S", "time": "09:00-10:00", "speakers": ["ada"]}
                    for i in range(n)
                ]
            }
        ],
    }
    found = names(agenda_kit.check(load(doc)))
    # Every pair among the first MAX_PAIRS + 1; then MAX_PAIRS per session.
    expected = sum(min(i, MAX_PAIRS) for i in range(n))
    assert (found.count("overlap"), found.count("speaker-conflict")) == (expected, expected)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.integers(8 * 60, 18 * 60), st.integers(5, 90)), min_size=2, max_size=9),
    st.fixed_dictionaries(
        {},
        optional={
            "contiguous": st.booleans(),
            "changeover": st.integers(0, 30),
            "changeover-required": st.booleans(),
            "breaks": st.just(["12:00-13:00"]),
            "fills-window": st.booleans(),
        },
    ),
    st.randoms(use_true_random=False),
)
def test_flow_findings_do_not_depend_on_the_order_in_the_file(
    ranges: list[tuple[int, int]], flow: dict[str, Any], rng: Any
) -> None:
    sessions = [
        {"id": f"s{i}", "title": f"S{i}", "time": f"{clock(a)}-{clock(a + d)}"}
        for i, (a, d) in enumerate(ranges)
    ]

    def run(items: list[dict[str, Any]], in_track: bool) -> list[tuple[str, str]]:
        doc: dict[str, Any] = {
            "agenda": 1,
            "event": {
                "id": "e", "title": "E", "date": "2025-06-18", "timezone": "Europe/Berlin",
                "window": "08:00-20:00",
            },
            "parts": [{"id": "p", "track": "t", "sessions": items}],
        }  # fmt: skip
        if in_track:
            doc["tracks"] = {"t": flow}
        else:
            doc["parts"][0].update(flow)
        report = agenda_kit.check(load(doc))
        return sorted((d.code, d.message) for d in report.diagnostics)

    shuffled = list(sessions)
    rng.shuffle(shuffled)
    # The same settings on the part or on its track, in any order of the sessions.
    assert run(sessions, False) == run(shuffled, False) == run(shuffled, True)


def test_only_unknown_keys_leave_a_partial_agenda_to_check() -> None:
    text = (OUTPUT / "misspelt-key.yaml").read_text("utf-8")
    with pytest.raises(agenda_kit.LoadError) as error:
        agenda_kit.loads(text, name="m.yaml")
    partial = error.value.partial
    assert [d.message for d in error.value.diagnostics] == [
        "unknown key `flor`",
        "unknown key `speaker`",
    ]
    assert partial is not None and partial.venue is not None
    assert partial.venue.rooms["main"].floor is None
    assert names(agenda_kit.check(partial)) == ["gap"]
    # Another kind of problem beside it: nothing is checked until the file is fixed.
    with pytest.raises(agenda_kit.LoadError) as error:
        agenda_kit.loads(text.replace("09:25-10:00", "9:25-25:00"), name="m.yaml")
    assert error.value.partial is None
