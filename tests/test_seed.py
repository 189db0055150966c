"""The seed agenda: faithful to the press release, clean, and each planted mistake found."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import agenda_kit
from agenda_kit.cli import main

from .helpers import ROOT, SEED

PRESS_RELEASE = ROOT.parent / "shared" / "seed" / "000_50a83b63428d34c7.txt"
# A schedule row of the release: "15:00~15:03 03‘ • 식순 및 내빈 소개 사회자"
ROW = re.compile(r"(\d\d:\d\d)~(\d\d:\d\d) (\d+)[‘’']\s+•\s*(.+)")


def test_seed_checks_clean() -> None:
    assert agenda_kit.check(agenda_kit.load(SEED)).diagnostics == []


@pytest.mark.skipif(not PRESS_RELEASE.exists(), reason="../shared/seed is not beside the clone")
def test_seed_matches_the_press_release_row_for_row() -> None:
    text = PRESS_RELEASE.read_text("utf-8")
    rows = ROW.findall(text)
    assert len(rows) == 13
    sessions = agenda_kit.sessions(agenda_kit.load(SEED))
    got = [(s.start.format("HH:mm"), s.end.format("HH:mm"), round(s.minutes)) for s in sessions]
    assert got == [(a, b, int(m)) for a, b, m, _ in rows]
    flat = re.sub(r"\s+", " ", text)
    for session, (*_, rest) in zip(sessions, rows, strict=True):
        assert session.title in flat, session.title
        assert session.title.split(" ")[0].strip("()") in rest
    assert {s.start.date().isoformat() for s in sessions} == {"2024-10-17"}
    assert {s.start.timezone_name for s in sessions} == {"Asia/Seoul"}


def test_seed_structure() -> None:
    agenda = agenda_kit.load(SEED)
    assert agenda.venue is not None
    assert (agenda.venue.name, agenda.venue.address) == ("윈덤 그랜드 부산", "부산 서구 등대로 27")
    rooms = {k: (r.name, r.floor) for k, r in agenda.venue.rooms.items()}
    assert rooms == {"grand-ballroom": ("그랜드볼룸", 2), "mare-hall": ("마레홀", 3)}
    assert [(p.title, p.span, p.room) for p in agenda.parts] == [
        ("1부 성과발표회", "15:00~16:00", "grand-ballroom"),
        ("2부 간담회", "16:00~17:20", "mare-hall"),
    ]
    move = agenda.parts[0].sessions[-1]
    assert (move.kind, move.minutes, move.to) == ("transfer", 5, "mare-hall")


def _line_of(text: str, marker: str) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), 1) if marker in line]
    assert len(lines) == 1, marker
    return lines[0]


# (variant, replacements, [(code, marker of the line the finding must point at)])
VARIANTS = [
    ("gap", [("time: 15:03~15:08, minutes: 5", "time: 15:03~15:06, minutes: 3")],
     [("AK201", "id: lecture")]),
    ("overlap", [("time: 15:08~15:33, minutes: 25", "time: 15:08~15:35, minutes: 27")],
     [("AK202", "id: best-practice")]),
    ("wrong duration", [("time: 15:33~15:43, minutes: 10", "time: 15:33~15:43, minutes: 12")],
     [("AK205", "id: best-practice")]),
    ("past the window", [("time: 17:15~17:20, minutes: 5", "time: 17:15~17:25, minutes: 10")],
     [("AK203", "id: closing"), ("AK206", "id: closing")]),
    ("removed transfer", [("      - {id: move,", "      # - {id: move,")],
     [("AK201", "id: welcome"), ("AK301", "id: welcome")]),
    ("wrong weekday", [("weekday: 목", "weekday: 금")], [("AK207", "weekday:")]),
    ("undefined speaker", [("speakers: [kised]", "speakers: [kisd]")],
     [("AK112", "kised: {name:"), ("AK111", "speakers: [kisd]")]),
    ("duplicated id", [("{id: talk-2,", "{id: talk-1,")], [("AK110", "(발표2)")]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "edits", "expected"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_broken_seed_variant(
    name: str,
    edits: list[tuple[str, str]],
    expected: list[tuple[str, str]],
    seed_text: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = seed_text
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "agenda.yaml"
    path.write_text(text, "utf-8")
    assert main(["check", "--format", "json", str(path)]) == 1
    found = json.loads(capsys.readouterr().out)["diagnostics"]
    assert [(d["code"], d["location"]["line"]) for d in found] == [
        (code, _line_of(text, marker)) for code, marker in expected
    ]
