"""Fit: the smallest change of flexible lengths that makes a track fill its window."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agenda_kit import check, loads
from agenda_kit.schedule import apply_to_text, fit, reflow

HEADER = (
    "agenda: 1\n"
    "event: {id: e, title: E, date: 2025-03-18, timezone: Europe/Berlin, window: 09:00-10:00}\n"
)


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from agenda_kit.cli import main

    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def _grown_seed(seed_text: str, *, flexible: bool = True) -> str:
    text = seed_text.replace("minutes: 25,", "minutes: 30,")
    if flexible:
        text = text.replace(
            "        minutes: 50\n", "        minutes: 50\n        flex: {min: 40, max: 60}\n"
        )
    return text


def test_the_seed_example_end_to_end(
    seed_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "seed.yaml"
    path.write_text(_grown_seed(seed_text), "utf-8")
    code, out, err = _cli(["check", str(path), "--lang", "en"], capsys)
    assert code == 1 and "AK205" in out  # the lecture's 30 minutes against its 15:08~15:33
    code, out, err = _cli(["fit", str(path), "--lang", "en"], capsys)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{path}:65:29: AK810 [warning] fit-overrun: track `main` on 2024-10-17 ends at 17:25, "
        "5 minutes after its window closes at 17:20",
        "  = help: Apply the proposed lengths with `agenda-kit fit --write`.",
        f"{path}:59:18: AK812 [info] fit-change: `dialogue`: 50 -> 45 minutes",
        "  = help: Apply it with `agenda-kit fit --write`.",
        "Found 1 warning, 1 info in 1 file.",
        f"{path}: lengths to change: 1; --write applies them (and the times), --diff shows them.",
    ]
    code, out, err = _cli(["reflow", "--fit", "--write", str(path), "--lang", "en"], capsys)
    assert code == 0
    assert err.splitlines()[-1] == f"{path}: wrote the changed values (13)."
    code, out, err = _cli(["check", str(path)], capsys)
    assert (code, out) == (0, "모든 검사를 통과했습니다 (파일 1개).\n")
    written = path.read_text("utf-8")
    assert written == _grown_seed(seed_text).replace(
        "        time: 16:25~17:15\n        minutes: 50\n",
        "        time: 16:30~17:15\n        minutes: 45\n",
    ).replace("span: 15:00~16:00", "span: 15:00~16:05").replace(
        "span: 16:00~17:20", "span: 16:05~17:20"
    ).replace("time: 15:08~15:33", "time: 15:08~15:38").replace(
        "time: 15:33~15:43", "time: 15:38~15:48"
    ).replace("time: 15:43~15:55", "time: 15:48~16:00").replace(
        "time: 15:55~16:00", "time: 16:00~16:05"
    ).replace("time: 16:00~16:02", "time: 16:05~16:07").replace(
        "time: 16:02~16:05", "time: 16:07~16:10"
    ).replace("time: 16:05~16:08", "time: 16:10~16:13").replace(
        "time: 16:08~16:15", "time: 16:13~16:20"
    ).replace("time: 16:15~16:25", "time: 16:20~16:30")
    # Once fitted, nothing more to fit or to reflow.
    assert _cli(["fit", str(path), "--lang", "en"], capsys)[0] == 0
    assert _cli(["reflow", str(path)], capsys)[0] == 0


def test_nothing_flexible_says_what_the_rigid_sessions_need(
    seed_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "seed.yaml"
    text = _grown_seed(seed_text, flexible=False)
    path.write_text(text, "utf-8")
    code, out, err = _cli(["fit", "--write", str(path), "--lang", "en"], capsys)
    assert (code, out) == (1, "")
    assert err.splitlines()[2:5] == [
        f"{path}:64:29: AK813 [error] fit-infeasible: track `main` on 2024-10-17: the "
        "sessions that cannot change alone need 145 minutes (2 h 25 min) of the 140 minutes "
        "(2 h 20 min) from 15:00 to 17:20",
        "  = help: Allow sessions to change (`flex`), drop one, or widen the window.",
        "Found 1 error, 1 warning in 1 file.",
    ]
    assert path.read_text("utf-8") == text  # nothing written


def test_priority_first_then_in_proportion() -> None:
    text = HEADER + (
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, minutes: 30, flex: {min: 10, priority: 1}}\n"
        "      - {id: b, title: B, minutes: 30, flex: {min: 20}}\n"
        "      - {id: c, title: C, minutes: 20, flex: {min: 10}}\n"
    )
    # 80 minutes in a 60-minute window: 20 to take. b and c (priority 0) may give 10 and
    # 10: they give all of it, a keeps its length.
    assert fit(loads(text)).minutes == {"b": 20, "c": 10}
    # In proportion, over everyone: a may give 20, b 10, c 10 (of 40): 10, 5, 5.
    assert fit(loads(text), strategy="proportional").minutes == {"a": 20, "b": 25, "c": 15}
    # More than priority 0 can give: a gives the rest.
    more = text.replace("minutes: 20, flex: {min: 10}", "minutes: 30, flex: {min: 25}")
    assert fit(loads(more)).minutes == {"a": 15, "b": 20, "c": 25}


def test_free_time_at_the_end_is_filled_and_fixed_sessions_stay() -> None:
    text = HEADER + (
        "x-agenda-kit:\n"
        "  flex: {discussion: {max: 40}}\n"
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, minutes: 10, kind: discussion}\n"
        "      - {id: b, title: B, time: 09:10-09:20, fixed: true, kind: discussion}\n"
        "      - {id: c, title: C, minutes: 20, kind: discussion}\n"
    )
    plan = fit(loads(text))
    # b is fixed: only c (whose kind may last 40 minutes) fills the 30 free minutes.
    assert plan.minutes == {"c": 40}
    assert [(d.code, d.message) for d in plan.diagnostics] == [
        (
            "AK811",
            "track `main` on 2025-03-18 ends at 09:40, 20 minutes before its window closes "
            "at 10:00",
        ),
        ("AK812", "`c`: 20 -> 40 minutes"),
    ]
    fitted = reflow(loads(text), minutes=plan.minutes).agenda
    assert check(fitted).diagnostics == []


def test_a_segment_before_a_fixed_session_is_fitted_to_it() -> None:
    text = HEADER + (
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, minutes: 40, flex: {min: 20}}\n"
        "      - {id: b, title: B, time: 09:30-10:00, fixed: true}\n"
    )
    plan = fit(loads(text))
    assert plan.minutes == {"a": 30}
    assert [d.code for d in plan.diagnostics] == ["AK810", "AK812"]
    assert plan.diagnostics[0].message == (
        "the sessions before fixed `b` end at 09:40, 10 minutes after it starts at 09:30"
    )
    result = reflow(loads(text), minutes=plan.minutes)
    assert result.ok and check(result.agenda).diagnostics == []


def test_too_short_even_at_the_longest() -> None:
    text = (
        HEADER + "parts:\n  - sessions:\n      - {id: a, title: A, minutes: 20, flex: {max: 30}}\n"
    )
    plan = fit(loads(text))
    assert not plan.fits
    assert plan.diagnostics[-1].message == (
        "track `main` on 2025-03-18: even at their longest the sessions fill 30 minutes of "
        "the 60 minutes from 09:00 to 10:00 (30 minutes free)"
    )


# --- properties ---------------------------------------------------------------------


@st.composite
def _flexible(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, int]], int]:
    n = draw(st.integers(1, 8))
    items = []
    for _ in range(n):
        low = draw(st.integers(1, 60))
        high = draw(st.integers(low, 90))
        length = draw(st.integers(low, high))
        items.append((length, low, high))
    window = draw(st.integers(10, 600))
    lines = ["parts:", "  - sessions:"]
    for i, (length, low, high) in enumerate(items):
        priority = draw(st.integers(0, 2))
        lines.append(
            f"      - {{id: s{i}, title: S{i}, minutes: {length}, "
            f"flex: {{min: {low}, max: {high}, priority: {priority}}}}}"
        )
    end = 8 * 60 + window
    header = (
        "agenda: 1\nevent: {id: e, title: E, date: 2025-03-18, timezone: UTC, "
        f"window: 08:00-{end // 60:02d}:{end % 60:02d}}}\n"
    )
    return header + "\n".join(lines) + "\n", items, window


@given(_flexible())
def test_fit_fits_within_every_bound_or_says_it_cannot(
    case: tuple[str, list[tuple[int, int, int]], int],
) -> None:
    text, items, window = case
    agenda = loads(text)
    plan = fit(agenda)
    lows, highs = sum(i[1] for i in items), sum(i[2] for i in items)
    if not lows <= window <= highs:
        assert not plan.fits
        assert [d.code for d in plan.diagnostics if d.severity == "error"] == ["AK813"]
        return
    assert plan.fits
    for i, (length, low, high) in enumerate(items):
        assert low <= plan.minutes.get(f"s{i}", length) <= high
    result = reflow(agenda, minutes=plan.minutes)
    new = loads(apply_to_text(text, "yaml", result.changes))
    assert [d for d in check(new).diagnostics if d.severity != "info"] == []
    assert fit(new).minutes == {}
