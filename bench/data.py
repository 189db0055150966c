"""The benchmark data: a realistic agenda of any size, as JSON or YAML, and a tiny one.

One part per day and track, rooms with transfers, speakers shared across rooms and
days (each speaks in another track every day, never in two places at once), speakers
who never speak, every way of giving a time, breaks and keynotes, multi-line
descriptions, long titles in Korean and English with commas and semicolons (escaping
and line folding), and a night when the clocks go back (the event is in Europe/Berlin
and its second day is 2024-10-27). The schedule tiles every track exactly, so what the
checker reports is the planted findings: one AK112 (info) per unused speaker.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

__all__ = [
    "TINY",
    "UNUSED_SPEAKERS",
    "Json",
    "make_agenda",
    "to_yaml",
    "write_json",
    "write_yaml",
]

Json = dict[str, Any]

TRACKS = 4
SESSIONS_PER_PART = 1000  # 1000 sessions of 1, 1 and 2 minutes fit in one day
SPEAKERS = 300  # who speak
UNUSED_SPEAKERS = 50  # who never do: one info finding each (AK112 unreferenced)
FIRST_DAY = date(2024, 10, 26)
FALL_BACK = date(2024, 10, 27)  # Europe/Berlin: 03:00 summer time is 02:00 again
DURATIONS = (1, 1, 2)

TINY = """\
agenda: 1
event: {id: tiny, title: Tiny, date: 2024-10-17, timezone: Asia/Seoul}
venue:
  name: Hall
  rooms:
    main-hall: {name: Main hall, floor: 1}
speakers:
  ada: {name: Ada Lovelace, affiliation: Analytical Engines}
parts:
  - id: morning
    room: main-hall
    sessions:
      - {id: welcome, time: "09:00-09:10", minutes: 10, kind: ceremony, title: Welcome}
      - {id: talk, minutes: 30, title: Notes on the engine, speakers: [ada]}
      - {id: coffee, minutes: 20, kind: break, title: Coffee}
"""


def make_agenda(sessions: int, *, title: str = "Big", unused: int = UNUSED_SPEAKERS) -> Json:
    """A realistic agenda: days x tracks parts, rooms, speakers, mixed time forms.

    Every session has a unique id and the schedule tiles each track and day exactly;
    what the checker reports is ``unused`` info findings (AK112), one per speaker who
    never speaks.
    """
    parts: list[Json] = []
    number = 0
    while number < sessions:
        day, track = divmod(len(parts), TRACKS)
        count = min(SESSIONS_PER_PART, sessions - number)
        parts.append(_part(day, track, number, count))
        number += count
    return {
        "agenda": 1,
        "event": {
            "id": "big",
            "title": title,
            "date": FIRST_DAY.isoformat(),
            "timezone": "Europe/Berlin",
            "lang": "en",
            "description": "A synthetic agenda for the benchmarks.",
        },
        "venue": _venue(),
        "speakers": _speakers(unused),
        "parts": parts,
    }


def _venue() -> Json:
    rooms = {
        f"room-{t}": {"name": f"Hall {chr(65 + t)}", "floor": t + 1, "capacity": 100 * (t + 1)}
        for t in range(TRACKS)
    }
    transfers = [
        {"from": f"room-{t}", "to": f"room-{t + 1}", "minutes": 5} for t in range(TRACKS - 1)
    ]
    return {
        "name": "Convention Center",
        "address": "27 Harbour Road, Busan",
        "rooms": rooms,
        "transfers": transfers,
    }


def _speakers(unused: int) -> Json:
    speakers: Json = {}
    for k in range(SPEAKERS + unused):
        speaker: Json = {"name": f"Speaker {k} 발표자"}
        if k % 2:
            speaker["affiliation"] = f"Company {k % 37}, Inc."
        speakers[f"sp-{k}"] = speaker
    return speakers


def _part(day: int, track: int, first: int, count: int) -> Json:
    """One day of one track: ``count`` sessions numbered from ``first``."""
    rows: list[Json] = []
    clock = 0  # minutes elapsed since midnight
    fall_back = FIRST_DAY + timedelta(days=day) == FALL_BACK
    talks = 0
    for i in range(count):
        minutes = DURATIONS[i % len(DURATIONS)]
        row: Json = {"id": f"s{first + i}"}
        if i == 0:
            row["start"] = "00:00"
        # On the night the clocks go back, the wall clock repeats 02:00-03:00 (an hour
        # later than elapsed time after it); an explicit time there would be ambiguous.
        a = clock - 60 if fall_back and clock >= 180 else clock
        b = a + minutes
        if i % 10 == 5 and not (fall_back and 120 <= a < 180):
            row["time"] = f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}"
        row["minutes"] = minutes
        if i % 25 == 12:
            row["kind"] = "break"
            row["title"] = "Coffee break"
        else:
            talks += 1
            _talk(row, i, first + i, day, track, talks)
        if i % 20 == 0:
            row["description"] = f"Abstract of talk {first + i}.\nQuestions, answers; notes."
        if i % 50 == 7:
            row["room"] = f"room-{track}"
        rows.append(row)
        clock += minutes
    return {
        "id": f"d{day + 1:02d}-t{track}",
        "title": f"Day {day + 1} · Track {track}",
        "date": (FIRST_DAY + timedelta(days=day)).isoformat(),
        "track": f"t{track}",
        "room": f"room-{track}",
        "sessions": rows,
    }


def _talk(row: Json, i: int, number: int, day: int, track: int, talks: int) -> None:
    """Title, speakers and kind of the ``i``-th session of a part (not a break)."""
    if i % 4 == 0:
        row["title"] = (
            f"Talk {number}: scheduling, calendars; and time zones in practice — "
            f"일정 관리와 시간대, 다국어 일정표와 달력 내보내기의 실제 ({day + 1}일차)"
        )
    else:
        row["title"] = f"Talk {number}"
    # A pool of speakers per track and day; the pools move one track along every day,
    # so a speaker speaks in every room over the days but never in two at once.
    pool = SPEAKERS // TRACKS
    base = (track + day) % TRACKS * pool
    row["speakers"] = [f"sp-{base + talks % pool}"]
    if i % 3 == 0:
        row["speakers"].append(f"sp-{base + (talks * 7 + 1) % pool}")
    if i % 7 == 0:
        row["kind"] = "keynote" if i % 2 else "discussion"


def _is_leaf(value: Any) -> bool:
    return not isinstance(value, dict | list) or (
        isinstance(value, list) and all(not isinstance(v, dict | list) for v in value)
    )


def _flow(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _flow_mapping(mapping: Json) -> str:
    return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in mapping.items()) + "}"


def to_yaml(data: Any, indent: int = 0) -> Iterator[str]:
    """Block-style YAML like the examples: mappings of scalars become one flow line."""
    pad = " " * indent
    if isinstance(data, dict):
        for key, value in data.items():
            name = _flow(key) if key.startswith("$") else key
            if _is_leaf(value):
                yield f"{pad}{name}: {_flow(value)}"
            elif isinstance(value, dict) and all(_is_leaf(v) for v in value.values()):
                yield f"{pad}{name}: {_flow_mapping(value)}"
            else:
                yield f"{pad}{name}:"
                yield from to_yaml(value, indent + 2)
    else:
        for item in data:
            if isinstance(item, dict) and all(_is_leaf(v) for v in item.values()):
                yield f"{pad}- {_flow_mapping(item)}"
            else:
                lines = list(to_yaml(item, indent + 2))
                yield f"{pad}- {lines[0].lstrip()}"
                yield from lines[1:]


def write_json(path: Path, data: Json) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def write_yaml(path: Path, data: Json) -> Path:
    path.write_text("\n".join(to_yaml(data)) + "\n", encoding="utf-8")
    return path
