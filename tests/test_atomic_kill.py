"""The atomic writer under SIGKILL, and byte-identical outputs under any hash seed.

``agenda-kit export`` and ``agenda-kit invite`` run on a generated 20,000-session agenda
and are killed at 10 random moments each, in the part of the run that writes: every file
is afterwards either its previous version or its new one (never a mix, never
truncated), and a run started after the kill finishes the job with exactly the bytes of
an uninterrupted run. A kill between the link and the rename of a finished temporary
file can leave it (a whole copy of the new version): the next run removes it.

These run for a minute or more (each kill is a fresh process that loads the agenda):
they are marked ``slow``; ``pytest -m "not slow"`` leaves them out, ``make test`` and CI
run them.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from agenda_kit.ical.state import STATE_FILE, read_state

from .helpers import ROOT

pytestmark = pytest.mark.slow

# Kills land where the run writes (the load before it cannot lose anything), so ten of
# them test what twenty spread over the whole run did. 20,000 sessions give a write
# phase (20,000 VEVENTs; 200 invitations of sp1) long enough for kills to land inside.
KILLS = 10
SESSIONS = 20_000
MESSAGES = SESSIONS // 100  # sp1 speaks in 1 of 100 sessions


def big_agenda(sessions: int, suffix: str = "") -> dict[str, Any]:
    """``sessions`` one-minute talks in parts of 1,000, 100 speakers with addresses (so
    ``sp1`` speaks in 1 of 100 sessions)."""
    parts = []
    for first in range(0, sessions, 1000):
        day = first // 1000
        rows = []
        for i in range(first, min(sessions, first + 1000)):
            row: dict[str, Any] = {
                "id": f"s{i}",
                "title": f"Talk {i}{suffix}",
                "minutes": 1,
                "speakers": [f"sp{i % 100}"],
            }
            if i == first:
                row["start"] = "00:00"
            rows.append(row)
        parts.append(
            {
                "id": f"d{day}",
                "date": f"2024-{1 + day // 28:02d}-{1 + day % 28:02d}",
                "room": "r",
                "sessions": rows,
            }
        )
    return {
        "agenda": 1,
        "event": {
            "id": "big",
            "title": "Big",
            "date": "2024-01-01",
            "timezone": "Europe/Berlin",
            "organizer": {"name": "Org", "email": "org@example.org"},
        },
        "venue": {"name": "Venue", "rooms": {"r": {"name": "Room"}}},
        "speakers": {
            f"sp{k}": {"name": f"Speaker {k}", "email": f"sp{k}@example.org"} for k in range(100)
        },
        "parts": parts,
    }


def cli(
    args: list[str], epoch: int, seed: str = "0", *, quiet: bool = False
) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(PYTHONPATH=str(ROOT / "src"), SOURCE_DATE_EPOCH=str(epoch), PYTHONHASHSEED=seed)
    return subprocess.Popen(
        [sys.executable, "-m", "agenda_kit", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL if quiet else subprocess.PIPE,
    )


def finish(args: list[str], epoch: int, seed: str = "0") -> float:
    """Run to the end; the seconds it took."""
    began = time.monotonic()
    process = cli(args, epoch, seed)
    _, err = process.communicate(timeout=600)
    assert process.returncode == 0, err.decode()
    return time.monotonic() - began


def kill_after(args: list[str], epoch: int, seconds: float) -> None:
    process = cli(args, epoch, quiet=True)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()


def tree(folder: Path) -> dict[str, bytes]:
    """Every entry below ``folder`` (hidden ones too) with its bytes; folders as b"/"."""
    out = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        out[name] = b"/" if path.is_dir() else path.read_bytes()
    return out


LEFTOVER = re.compile(r"^(.*/)?\.(.+)\.[0-9a-f]{12}\.tmp$")


def leftovers(found: dict[str, bytes], after: dict[str, bytes]) -> dict[str, bytes]:
    """The temporary files a kill left between link and rename: each must be a whole
    copy of its new version (the next run removes them)."""
    out = {}
    for name, data in found.items():
        match = LEFTOVER.match(name)
        if match:
            target = (match[1] or "") + match[2]
            assert data == after[target], f"{name}: a leftover that is not whole"
            out[name] = data
    return out


@pytest.fixture(scope="module")
def agendas(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("big")
    old, new = folder / "old.json", folder / "new.json"
    old.write_text(json.dumps(big_agenda(SESSIONS)))
    new.write_text(json.dumps(big_agenda(SESSIONS, " (revised)")))
    return old, new


def kill_points(total: float, rng: random.Random) -> list[float]:
    """Moments in the second half of the run, where it builds and writes the feed, and a
    little past its end (a kill that comes too late must change nothing either)."""
    return sorted(rng.uniform(0.5 * total, 1.05 * total) for _ in range(KILLS))


def test_a_killed_export_leaves_the_previous_file_or_the_new_one(
    agendas: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = agendas
    out = tmp_path / "feed.ics"
    finish(["export", str(old), "-o", str(out)], 1)
    before = out.read_bytes()
    reference = tmp_path / "reference.ics"
    total = finish(["export", str(new), "-o", str(reference)], 2)
    after = reference.read_bytes()
    assert before != after
    rng = random.Random(8)
    outcomes = []
    for moment in kill_points(total, rng):
        kill_after(["export", str(new), "-o", str(out)], 2, moment)
        data = out.read_bytes()
        assert data in (before, after), f"killed after {moment:.2f}s: a mix of both"
        found = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
        extra = leftovers(found, {"feed.ics": after})
        assert sorted(set(found) - set(extra)) == ["feed.ics", "reference.ics"]
        outcomes.append(data == after)
        out.write_bytes(before)
    assert not all(outcomes), "no kill hit the run before it finished"
    finish(["export", str(new), "-o", str(out)], 2)  # removes what the kills left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.ics", "reference.ics"]


def kill_while_writing(args: list[str], epoch: int, watched: Path, delay: float) -> None:
    """Start a run and kill it ``delay`` seconds after it first replaced a file in
    ``watched`` (a rename changes the folder's mtime): a kill in the writing phase."""
    mark = watched.stat().st_mtime_ns
    process = cli(args, epoch, quiet=True)
    try:
        while process.poll() is None and watched.stat().st_mtime_ns == mark:
            time.sleep(0.002)
        time.sleep(delay)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()


def test_a_killed_invite_run_loses_nothing_and_the_next_run_completes_it(
    agendas: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = agendas
    first = tmp_path / "first"
    invite = ["invite", "--to", "sp1", "--publish"]
    finish([*invite, str(old), "-o", str(first)], 1)
    before = tree(first)
    done = tmp_path / "done"
    shutil.copytree(first, done)
    folder = "sp1@example.org"
    began = time.monotonic()
    process = cli([*invite, str(new), "-o", str(done)], 2, quiet=True)
    mark = (done / folder).stat().st_mtime_ns
    while process.poll() is None and (done / folder).stat().st_mtime_ns == mark:
        time.sleep(0.002)
    writing = time.monotonic()
    assert process.wait() == 0
    window = time.monotonic() - writing
    assert window < time.monotonic() - began
    after = tree(done)
    assert set(before) == set(after) and len(after) == MESSAGES + 3  # folder, calendar, state
    changed = {name for name in after if after[name] != before[name]}
    assert len(changed) == MESSAGES + 2  # every .ics, the calendar and the state
    rng = random.Random(9)
    partial = 0
    for trial_no in range(KILLS):
        delay = rng.uniform(0, 1.1 * window)
        trial = tmp_path / "trial"
        shutil.rmtree(trial, ignore_errors=True)
        shutil.copytree(first, trial)
        kill_while_writing([*invite, str(new), "-o", str(trial)], 2, trial / folder, delay)
        now = tree(trial)
        where = f"killed {delay:.3f}s into writing"
        extra = leftovers(now, after)
        for name in extra:
            del now[name]
        assert set(now) == set(before), f"{where}: files came or went"
        for name, data in now.items():
            assert data in (before[name], after[name]), f"{where}: {name} is neither old nor new"
        read_state(trial / STATE_FILE)  # whole and valid
        partial += 0 < sum(now[n] == after[n] for n in changed) < len(changed)
        # A full run takes long: every fifth trial, and each with leftovers, is completed.
        if trial_no % 5 == 0 or extra:
            finish([*invite, str(new), "-o", str(trial)], 2)
            assert tree(trial) == after, f"{where}: the next run differs"
    # Kills before the first or after the last rewritten .ics are fine too; enough of
    # them must land in between for the test to mean something.
    assert partial >= KILLS // 4, "the kills did not hit the run while it was writing"


@pytest.mark.parametrize("command", ["export", "invite"])
def test_the_same_input_gives_the_same_bytes_under_any_hash_seed(
    command: str, tmp_path: Path
) -> None:
    agenda = tmp_path / "agenda.json"
    # 500 sessions, 100 speakers and two attendees: some 1,200 files, enough sets and
    # dicts of names for a hash seed to reorder anything that depends on one.
    agenda.write_text(json.dumps(big_agenda(500)))
    outputs = []
    for seed in ("0", "1", "4242", "random"):
        out = tmp_path / f"out-{seed}"
        if command == "export":
            out.mkdir()
            args = ["export", str(agenda), "-o", str(out / "feed.ics")]
        else:
            attendees = tmp_path / "attendees.csv"
            attendees.write_text("email,name\nzoe@example.org,Zoë\nal@example.org,Al\n")
            args = ["invite", str(agenda), "--to", "all", "--attendees", str(attendees)]
            args += ["--eml", "--publish", "--remind", "15m", "-o", str(out)]
        finish(args, 1_700_000_000, seed)
        outputs.append(tree(out))
    if command == "export":
        assert list(outputs[0]) == ["feed.ics"]
    else:
        assert len(outputs[0]) > 1_000
    assert all(o == outputs[0] for o in outputs[1:])
