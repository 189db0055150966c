"""Solve and re-plan against size: `python bench/solve.py` prints a Markdown table.

Generated conferences of 100 to 1,000 sessions in 5 to 20 rooms, one part per room and
day (free time allowed), over days that include the spring-forward night of
Europe/Berlin; a third of the sessions have two speakers, speakers are shared across
rooms and days, a tenth of them have `available` ranges, and titles are long and
Korean. Each row: the time to place every session (with the solver's time limit), the
errors the checker finds in the result (must be 0), and the sessions moved by two
re-plans of the solved agenda: the least used room closes; one speaker cannot come to
one of their sessions. Needs the `solver` extra.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from agenda_kit import Agenda, check
from agenda_kit.schedule import Solution, solve
from agenda_kit.timeline import build_timeline

SIZES = [(100, 5), (300, 10), (1000, 20), (1000, 5)]
WORDS = ["지역", "중소기업", "정책", "협업", "방안", "성과", "데이터", "플랫폼", "혁신", "인재"]


def make_agenda(sessions: int, rooms: int, seed: int = 1) -> Agenda:
    """A conference of ``sessions`` sessions in ``rooms`` rooms, without times."""
    rng = random.Random(seed)
    per_room_day = 10  # about 7 of the 9 hours of a day filled
    days = -(-sessions // (rooms * per_room_day))
    speakers: dict[str, dict[str, Any]] = {
        f"sp{i}": {"name": f"발표자 {i}"} for i in range(max(2, sessions // 2))
    }
    first = dt.date(2025, 3, 28)  # the clocks change on the night of the 30th
    names = list(speakers)
    parts: list[dict[str, Any]] = []
    n = 0
    for d in range(days):
        for r in range(rooms):
            part_sessions = []
            for _ in range(per_room_day):
                if n == sessions:
                    break
                title = " ".join(rng.choices(WORDS, k=8)) + f", 제{n}부; 토론"
                who = rng.sample(names, 2 if n % 3 == 0 else 1)
                part_sessions.append(
                    {
                        "id": f"s{n}",
                        "title": title,
                        "minutes": rng.choice([25, 30, 40, 45, 50]),
                        "speakers": who,
                    }
                )
                n += 1
            if part_sessions:
                parts.append(
                    {
                        "date": str(first + dt.timedelta(days=d)),
                        "track": f"r{r}",
                        "room": f"r{r}",
                        "sessions": part_sessions,
                    }
                )
    # A tenth of the speakers can come only 09:00-15:00 on the first day they speak.
    days_of: dict[str, set[str]] = {}
    for part in parts:
        for session in part["sessions"]:
            for who in session["speakers"]:
                days_of.setdefault(who, set()).add(part["date"])
    for i, (name, speaker) in enumerate(speakers.items()):
        if i % 10 == 0 and name in days_of:
            first_day, *rest = sorted(days_of[name])
            speaker["available"] = [f"{first_day} 09:00-15:00", *rest]
    data = {
        "agenda": 1,
        "event": {
            "id": "bench",
            "title": "벤치마크 학회",
            "date": str(first),
            "timezone": "Europe/Berlin",
            "window": "09:00-18:00",
        },
        "venue": {"name": "V", "rooms": {f"r{r}": {"name": f"{r}호실"} for r in range(rooms)}},
        "speakers": speakers,
        "tracks": {f"r{r}": {"contiguous": False, "fills-window": False} for r in range(rooms)},
        "parts": parts,
    }
    return Agenda.model_validate(data)


def errors(agenda: Agenda) -> int:
    return sum(1 for d in check(agenda).diagnostics if d.severity == "error")


def _moved(solution: Solution) -> str:
    """Sessions moved, or why there is no re-plan (a closed room may leave too little)."""
    if not solution.ok:
        return str(solution.status).lower()
    assert errors(solution.agenda) == 0
    return str(len(solution.moved))


def replan_room(published: Agenda, limit: float) -> tuple[str, float]:
    used = Counter(p.room for p in published.parts for _ in p.sessions)
    closed = min(used, key=lambda r: (used[r], r or ""))
    current = published.model_copy(deep=True)
    assert current.venue is not None and closed is not None
    del current.venue.rooms[closed]
    for part in current.parts:
        if part.room == closed:
            part.room = None
    start = time.perf_counter()
    solution = solve(current, published=published, time_limit=limit)
    return _moved(solution), time.perf_counter() - start


def replan_speaker(published: Agenda, limit: float) -> tuple[str, float]:
    timeline = build_timeline(published)
    clock = timeline.clock
    busiest = max(timeline.by_speaker().items(), key=lambda kv: (len(kv[1]), kv[0]))
    name, slots = busiest
    first = slots[0]
    assert first.start is not None and first.end is not None
    day = clock.local(first.start).date()
    days = sorted({clock.local(s.start).date() for s in timeline.resolved() if s.start})
    current = published.model_copy(deep=True)
    current.speakers[name].available = [
        f"{day} 00:00-{clock.clock(first.start)}",
        f"{day} {clock.clock(first.end)}-24:00",
        *(str(d) for d in days if d != day),
    ]
    start = time.perf_counter()
    solution = solve(current, published=published, time_limit=limit)
    return _moved(solution), time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--replan-limit", type=float, default=20.0)
    parser.add_argument("--quick", action="store_true", help="only the smallest size")
    parser.add_argument(
        "--size", action="append", default=[], metavar="SESSIONSxROOMS", help="e.g. 1000x5"
    )
    args = parser.parse_args()
    print(
        "| sessions | rooms | days | solve (s) | status | errors | room closes: moved | "
        "re-plan (s) | speaker cannot come: moved | re-plan (s) |"
    )
    print("| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    sizes = [tuple(int(x) for x in size.split("x")) for size in args.size] or SIZES
    for sessions, rooms in sizes[:1] if args.quick else sizes:
        agenda = make_agenda(sessions, rooms)
        days = len({p.date for p in agenda.parts})
        start = time.perf_counter()
        solution = solve(agenda, time_limit=args.time_limit)
        took = time.perf_counter() - start
        if not solution.ok:
            print(f"| {sessions} | {rooms} | {days} | {took:.1f} | {solution.status} | - | | | | |")
            continue
        published = solution.agenda
        bad = errors(published)
        moved_room, room_s = replan_room(published, args.replan_limit)
        moved_speaker, speaker_s = replan_speaker(published, args.replan_limit)
        print(
            f"| {sessions} | {rooms} | {days} | {took:.1f} | {solution.status} | {bad} | "
            f"{moved_room} | {room_s:.1f} | {moved_speaker} | {speaker_s:.1f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
