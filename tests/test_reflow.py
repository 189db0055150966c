"""Reflow: times computed again from the lengths, written back where they stand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agenda_kit import check, load, loads
from agenda_kit.schedule import Change, apply_to_text, reflow

from .helpers import AGENDAS, SEED


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from agenda_kit.cli import main

    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def _errors(text: str, format: str = "yaml") -> list[str]:
    report = check(loads(text, format))  # type: ignore[arg-type]
    return [f"{d.code} {d.message}" for d in report.diagnostics if d.severity == "error"]


# --- files that already tile --------------------------------------------------------


@pytest.mark.parametrize(
    "path", [SEED, *sorted((AGENDAS / "valid").iterdir())], ids=lambda p: p.name
)
def test_a_file_that_already_tiles_is_left_byte_identical(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert reflow(load(path)).changes == []
    copy = tmp_path / path.name
    data = path.read_bytes()
    copy.write_bytes(data)
    code, out, err = _cli(["reflow", "--write", str(copy), "--lang", "en"], capsys)
    assert (code, out) == (0, "")
    assert err == f"{copy}: the times already follow the lengths; nothing to change.\n"
    assert copy.read_bytes() == data


_TIME = re.compile(r"time: \d\d:\d\d~\d\d:\d\d")


def test_every_time_of_the_seed_comes_back_from_its_durations(tmp_path: Path) -> None:
    original = SEED.read_text("utf-8")
    # Every session's time wrong (the same minute for all): the minutes and the spans
    # of the two parts are all that is left to go by.
    scrambled, n = _TIME.subn("time: 09:00~09:01", original)
    assert n == 13
    agenda = loads(scrambled, name="seed.yaml")
    result = reflow(agenda)
    assert result.ok
    assert len(result.changes) == 13
    assert apply_to_text(scrambled, "yaml", result.changes) == original


def test_a_longer_lecture_moves_everything_after_it(seed_text: str) -> None:
    text = seed_text.replace("minutes: 25,", "minutes: 30,")
    result = reflow(loads(text))
    s = ("parts", 0, "sessions")
    t = ("parts", 1, "sessions")
    assert result.changes == [
        Change((*s, 2, "time"), "lecture", "15:08~15:33", "15:08~15:38"),
        Change((*s, 3, "time"), "best-practice", "15:33~15:43", "15:38~15:48"),
        Change((*s, 4, "time"), "awards", "15:43~15:55", "15:48~16:00"),
        Change((*s, 5, "time"), "move", "15:55~16:00", "16:00~16:05"),
        Change((*t, 0, "time"), "welcome", "16:00~16:02", "16:05~16:07"),
        Change((*t, 1, "time"), "opening-remarks", "16:02~16:05", "16:07~16:10"),
        Change((*t, 2, "time"), "greetings", "16:05~16:08", "16:10~16:13"),
        Change((*t, 3, "time"), "talk-1", "16:08~16:15", "16:13~16:20"),
        Change((*t, 4, "time"), "talk-2", "16:15~16:25", "16:20~16:30"),
        Change((*t, 5, "time"), "dialogue", "16:25~17:15", "16:30~17:20"),
        Change((*t, 6, "time"), "closing", "17:15~17:20", "17:20~17:25"),
        # The parts followed one another: the second still starts where the first ends.
        Change(("parts", 0, "span"), "part-1", "15:00~16:00", "15:00~16:05"),
        Change(("parts", 1, "span"), "part-2", "16:00~17:20", "16:05~17:25"),
    ]
    # The new agenda is what the checker then sees: one error, the end past the window.
    assert [(d.code, d.location.path) for d in check(result.agenda).diagnostics] == [
        ("AK203", "parts[1].sessions[6].time")
    ]


# --- writing: comments, quoting, formats --------------------------------------------

HEADER = "agenda: 1\nevent: {id: e, title: E, date: 2025-03-18, timezone: Europe/Berlin}\n"


def test_comments_quoting_and_layout_stay_as_they_were() -> None:
    text = HEADER + (
        "parts:\n"
        "  - sessions:   # the morning\n"
        "      - id: a\n"
        "        title: A\n"
        '        time: "9:00 - 9:40"   # quoted, unpadded, spaced\n'
        "        minutes: 30\n"
        "      - {id: b, title: B, time: '09:45-10:00', minutes: 15}  # a 5-minute gap\n"
        "      - {id: c, title: C, start: 10:00, end: 10:20}\n"
    )
    result = reflow(loads(text))
    assert apply_to_text(text, "yaml", result.changes) == HEADER + (
        "parts:\n"
        "  - sessions:   # the morning\n"
        "      - id: a\n"
        "        title: A\n"
        '        time: "9:00 - 9:30"   # quoted, unpadded, spaced\n'
        "        minutes: 30\n"
        "      - {id: b, title: B, time: '09:30-09:45', minutes: 15}  # a 5-minute gap\n"
        "      - {id: c, title: C, start: 09:45, end: 10:05}\n"
    )


def test_json_and_toml_keep_their_structure() -> None:
    json_text = (AGENDAS / "valid" / "small.json").read_text("utf-8")
    grown = json_text.replace('"minutes": 30, "title": "Hello"', '"minutes": 20, "title": "Hello"')
    result = reflow(loads(grown, "json"))
    assert apply_to_text(grown, "json", result.changes) == grown.replace(
        '"time": "10:00-10:30"', '"time": "10:00-10:20"'
    ).replace('"start": "10:30"', '"start": "10:20"')
    toml_text = (AGENDAS / "valid" / "small.toml").read_text("utf-8")
    changed = toml_text.replace("minutes = 30", "minutes = 45", 1)
    assert changed != toml_text
    result = reflow(loads(changed, "toml"))
    assert apply_to_text(changed, "toml", result.changes) == changed.replace(
        'time = "10:00-10:30"', 'time = "10:00-10:45"'
    ).replace('start = "10:30"', 'start = "10:45"')


def test_a_required_changeover_adds_a_start_to_sessions_without_a_time() -> None:
    text = HEADER + (
        "parts:\n"
        "  - changeover: 10\n"
        "    changeover-required: true\n"
        "    sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30}\n"
        "      - {id: b, title: B, minutes: 20}\n"
        "      - id: c\n"
        "        title: C\n"
        "        minutes: 15\n"
    )
    assert _errors(text) == [
        "AK215 `b` starts at 09:30, when `a` ends; the changeover needs 10 minutes",
        "AK215 `c` starts at 09:50, when `b` ends; the changeover needs 10 minutes",
    ]
    result = reflow(loads(text))
    new = apply_to_text(text, "yaml", result.changes)
    assert new == HEADER + (
        "parts:\n"
        "  - changeover: 10\n"
        "    changeover-required: true\n"
        "    sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30}\n"
        "      - {id: b, title: B, minutes: 20, start: 09:40}\n"
        "      - id: c\n"
        "        title: C\n"
        "        minutes: 15\n"
        "        start: 10:10\n"
    )
    assert check(loads(new)).diagnostics == []
    assert reflow(loads(new)).changes == []


def test_a_start_is_added_in_json_and_toml_too() -> None:
    json_text = (
        '{"agenda": 1, "event": {"id": "e", "title": "E", "date": "2025-03-18", '
        '"timezone": "UTC"},\n'
        ' "parts": [{"changeover": 10, "changeover-required": true, "sessions": [\n'
        '   {"id": "a", "title": "A", "time": "09:00-09:30"},\n'
        '   {"id": "b", "title": "B", "minutes": 20}\n'
        " ]}]}\n"
    )
    new = apply_to_text(json_text, "json", reflow(loads(json_text, "json")).changes)
    assert new == json_text.replace('"minutes": 20}', '"minutes": 20, "start": "09:40"}')
    assert check(loads(new, "json")).diagnostics == []
    toml_text = (
        'agenda = 1\n[event]\nid = "e"\ntitle = "E"\ndate = 2025-03-18\ntimezone = "UTC"\n'
        "[[parts]]\nchangeover = 10\nchangeover-required = true\n"
        '[[parts.sessions]]\nid = "a"\ntitle = "A"\ntime = "09:00-09:30"\n'
        '[[parts.sessions]]\nid = "b"\ntitle = "B"\nminutes = 20 # twenty\n'
    )
    new = apply_to_text(toml_text, "toml", reflow(loads(toml_text, "toml")).changes)
    assert new == toml_text + 'start = "09:40"\n'
    assert check(loads(new, "toml")).diagnostics == []


def test_parts_are_taken_in_the_order_of_their_spans_not_of_the_file() -> None:
    text = HEADER + (
        "parts:\n"
        "  - id: afternoon\n"
        "    span: 13:30-14:30\n"
        "    sessions:\n"
        "      - {id: c, title: C, time: 13:30-14:00, minutes: 30}\n"
        "      - {id: d, title: D, time: 14:00-14:30, minutes: 30}\n"
        "  - id: morning\n"
        "    span: 09:00-10:00\n"
        "    breaks: [10:00-13:30]\n"
        "    sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30, minutes: 20}\n"
        "      - {id: b, title: B, time: 09:30-10:00, minutes: 30}\n"
    )
    result = reflow(loads(text))
    assert result.diagnostics == []
    assert [(c.id, c.old, c.new) for c in result.changes] == [
        ("a", "09:00-09:30", "09:00-09:20"),
        ("b", "09:30-10:00", "09:20-09:50"),
        ("morning", "09:00-10:00", "09:00-09:50"),
    ]


# --- what reflow cannot do ----------------------------------------------------------


def test_a_fixed_session_keeps_its_time_and_says_what_runs_into_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEADER + (
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:50, minutes: 60}\n"
        "      - {id: b, title: B, time: 09:50-10:00, fixed: true}\n"
    )
    path = tmp_path / "fixed.yaml"
    path.write_text(text, "utf-8")
    code, out, err = _cli(["reflow", "--write", str(path), "--lang", "en"], capsys)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{path}:6:33: AK802 [error] reflow-anchor: the sessions before fixed `b` end at "
        "10:00, 10 minutes after it starts at 09:50",
        "  = help: Shorten a session before `b` (`agenda-kit fit`), or move it.",
        "Found 1 error in 1 file.",
        f"{path} was not written: fix the errors above.",
    ]
    assert path.read_text("utf-8") == text


def test_a_session_without_a_length_is_named() -> None:
    text = HEADER + (
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, start: 09:00}\n"
        "      - {id: b, title: B, time: 09:30-10:00}\n"
    )
    # `a` ends where `b` starts: a length from the times, which reflow keeps.
    assert reflow(loads(text)).changes == []
    text_b = HEADER + "parts:\n  - sessions:\n      - {id: a, title: A, start: 09:00}\n"
    result = reflow(loads(text_b, name="a.yaml"))
    assert [(d.code, d.message, str(d.location)) for d in result.diagnostics] == [
        (
            "AK801",
            "session `a` has no length: reflow cannot place the sessions after it",
            "a.yaml:5:9",
        )
    ]


def test_a_chain_past_midnight_that_the_file_cannot_say_is_refused() -> None:
    text = HEADER + (
        "parts:\n"
        "  - changeover: 10\n"
        "    changeover-required: true\n"
        "    sessions:\n"
        "      - {id: a, title: A, time: 21:00-23:00}\n"
        "      - {id: b, title: B, minutes: 40}\n"
        "      - {id: c, title: C, minutes: 30}\n"
    )
    result = reflow(loads(text, name="late.yaml"))
    # b fits before midnight (23:10-23:50); c would start at 00:00 the next day.
    assert [(d.code, d.message, str(d.location)) for d in result.diagnostics] == [
        (
            "AK804",
            "session `c` would start at 2025-03-19 00:00, past midnight, which its part cannot say",
            "late.yaml:9:9",
        )
    ]
    assert not result.ok


def test_the_cli_lists_diffs_and_speaks_korean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEADER + (
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30, minutes: 20}\n"
        "      - {id: b, title: B, time: 09:30-10:00}\n"
    )
    path = tmp_path / "a.yaml"
    path.write_text(text, "utf-8")
    code, out, err = _cli(["reflow", str(path), "--lang", "ko"], capsys)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{path}:5:33: AK803 [info] reflow-change: `a`: `time` 09:00-09:30 -> 09:00-09:20",
        "  = help: `agenda-kit reflow --write`로 파일에 쓰세요.",
        f"{path}:6:33: AK803 [info] reflow-change: `b`: `time` 09:30-10:00 -> 09:20-09:50",
        "  = help: `agenda-kit reflow --write`로 파일에 쓰세요.",
        "정보 2개를 찾았습니다 (파일 1개).",
        f"{path}: 값 2개가 바뀝니다. --write로 쓰고 --diff로 볼 수 있습니다.",
    ]
    code, out, err = _cli(["reflow", "--diff", str(path)], capsys)
    assert (code, err) == (1, "")
    assert out.splitlines()[:2] == [f"--- {path}", f"+++ {path}"]
    assert [line for line in out.splitlines()[2:] if line[:1] in "+-"] == [
        "-      - {id: a, title: A, time: 09:00-09:30, minutes: 20}",
        "-      - {id: b, title: B, time: 09:30-10:00}",
        "+      - {id: a, title: A, time: 09:00-09:20, minutes: 20}",
        "+      - {id: b, title: B, time: 09:20-09:50}",
    ]
    assert path.read_text("utf-8") == text
    code, out, err = _cli(["reflow", "nowhere.yaml"], capsys)
    assert code == 2 and "nowhere.yaml" in err


# --- properties ---------------------------------------------------------------------


@st.composite
def _agendas(draw: st.DrawFn) -> str:
    # At most 14 hours from at latest 10:00: the day ends by midnight (a `start` after
    # midnight would be read on the day the part starts).
    lengths = draw(st.lists(st.integers(1, 90), min_size=1, max_size=8))
    changeover = draw(st.integers(0, 15))
    required = draw(st.booleans())
    start = draw(st.integers(0, 10 * 60))  # minutes after midnight
    block = draw(st.booleans())
    lines = [
        "parts:",
        f"  - changeover: {changeover}",
        f"    changeover-required: {'true' if required else 'false'}",
        "    sessions:",
    ]
    for i, length in enumerate(lengths):
        # Some sessions carry a time, often a wrong one: reflow must rewrite it.
        written = draw(st.sampled_from(["", "time", "start"])) if i else "time"
        fields = {"id": f"s{i}", "title": f"S{i}", "minutes": str(length)}
        if written:
            a = start if i == 0 else draw(st.integers(0, 20 * 60))
            b = min(a + draw(st.integers(1, 200)), 23 * 60 + 59)
            clock = f"{a // 60:02d}:{a % 60:02d}"
            fields[written] = clock if written == "start" else f"{clock}-{b // 60:02d}:{b % 60:02d}"
        if block:
            lines.append(f"      - id: {fields.pop('id')}")
            lines += [f"        {k}: {v}" for k, v in fields.items()]
        else:
            lines.append("      - {" + ", ".join(f"{k}: {v}" for k, v in fields.items()) + "}")
    return HEADER + "\n".join(lines) + "\n"


@given(_agendas())
def test_reflow_makes_an_agenda_the_checker_accepts_and_is_idempotent(text: str) -> None:
    result = reflow(loads(text))
    assert result.ok
    new = apply_to_text(text, "yaml", result.changes)
    agenda = loads(new)
    # The written text and the returned agenda are the same agenda.
    assert agenda.model_dump() == result.agenda.model_dump()
    assert [d for d in check(agenda).diagnostics if d.severity != "info"] == []
    again = reflow(agenda)
    assert again.changes == []
    assert apply_to_text(new, "yaml", again.changes) == new


def test_a_range_ending_at_midnight_is_left_as_written() -> None:
    # 31C3's import writes `23:00-00:00`; reflow must not rewrite it as `23:00-24:00`.
    text = (
        "agenda: 1\n"
        "event: {id: e, title: Night, date: 2025-05-17, timezone: Europe/Berlin}\n"
        "parts:\n"
        "  - contiguous: false\n"
        "    sessions:\n"
        "      - {id: a, time: 22:00-23:00, title: A}\n"
        "      - {id: b, time: 23:00-00:00, title: B}\n"
        "      - {id: c, time: 00:00-01:00, title: C}\n"
    )
    result = reflow(loads(text, name="n.yaml"))
    assert result.changes == []
    assert apply_to_text(text, "yaml", result.changes) == text
