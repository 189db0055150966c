"""The interoperability harness, shared by every test that checks a file we write.

Three independent iCalendar parsers read each file and give JSON of one shape:

- libical (Evolution, KDE, many servers), through its GObject bindings in the system
  Python: ``tests/interop/libical_dump.py``;
- ical.js (Thunderbird, many web calendars), from npm: ``tests/interop/icaljs_dump.mjs``;
- icalendar, in-process: ``icalendar_dump`` reproduces the dump scripts' shape.

A parser that is not installed skips its tests, except in CI (``CI=true``), where that
is a failure: CI must have every parser. Reads are cached by file content, so a test
that rewrites a file reads it again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest

import agenda_kit

ROOT = Path(__file__).resolve().parent.parent
INTEROP = ROOT / "tests" / "interop"
SEED = ROOT / "examples" / "technopark-2024.yaml"
SYSTEM_PYTHON = "/usr/bin/python3"
ICALJS_NOTE = ROOT / "build" / "interop-deps.txt"  # written by `make interop-deps`
STAMP = datetime(2024, 10, 1, tzinfo=UTC)  # a fixed DTSTAMP: the files are reproducible

PARSERS = ("libical", "ical.js", "icalendar")
EXTERNAL = ("libical", "ical.js")

Dump = dict[str, Any]


# --- which parsers this machine has ---------------------------------------------------


def skip_or_fail(reason: str) -> None:
    """Skip a test whose parser is missing; in CI (``CI=true``) fail it instead."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: every interop parser must be installed)", pytrace=False)
    pytest.skip(reason)


@functools.cache
def missing_reason(parser: str) -> str | None:
    """Why ``parser`` cannot run here, or None when it can."""
    if parser == "libical":
        if not Path(SYSTEM_PYTHON).exists():
            return f"libical: {SYSTEM_PYTHON} not found"
        probe = subprocess.run(
            [
                SYSTEM_PYTHON,
                "-c",
                "import gi; gi.require_version('ICalGLib', '3.0'); "
                "from gi.repository import ICalGLib",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode != 0:
            last = (probe.stderr.strip().splitlines() or ["?"])[-1]
            return (
                f"libical: {SYSTEM_PYTHON} cannot import ICalGLib 3.0 ({last}); "
                "install python3-gi and gir1.2-ical-3.0"
            )
    elif parser == "ical.js":
        if shutil.which("node") is None:
            return "ical.js: node is not installed"
        if not (INTEROP / "node_modules" / "ical.js" / "package.json").exists():
            # `make interop-deps` leaves why it could not install ical.js (no npm, no
            # registry) in this file: the skip says that rather than "missing".
            note = ICALJS_NOTE.read_text("utf-8").strip() if ICALJS_NOTE.exists() else ""
            if note:
                return f"ical.js: {note.partition(':')[0]}; tests/interop/node_modules is empty"
            return "ical.js: tests/interop/node_modules/ical.js is missing; run `make interop-deps`"
    return None


def require(parser: str) -> None:
    reason = missing_reason(parser)
    if reason is not None:
        skip_or_fail(reason)


# --- the parsers, each giving the same JSON shape -----------------------------------

LIBICAL = [SYSTEM_PYTHON, str(INTEROP / "libical_dump.py")]
ICALJS = ["node", str(INTEROP / "icaljs_dump.mjs")]


def _run_dump(command: list[str], *paths: Path) -> Any:
    done = subprocess.run(
        [*command, *(str(p) for p in paths)],
        capture_output=True,
        check=False,
        timeout=600,
        cwd=INTEROP,
    )
    stderr = done.stderr.decode("utf-8", "replace").strip()
    shown = " ".join(str(p) for p in paths[:3]) + (" ..." if len(paths) > 3 else "")
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} {shown} exited {done.returncode}:\n{stderr}")
    try:
        return json.loads(done.stdout.decode("utf-8"))
    except ValueError as exc:
        pytest.fail(f"{' '.join(command)} {shown} printed no JSON ({exc}):\n{stderr}")


def libical_dump(path: Path) -> Dump:
    result: Dump = _run_dump(LIBICAL, path)
    return result


def icaljs_dump(path: Path) -> Dump:
    result: Dump = _run_dump(ICALJS, path)
    return result


def _icalendar_time(value: object) -> tuple[str | None, bool]:
    """(UTC ISO string or None, floating) of a decoded DTSTART/DTEND."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return None, True
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), False
    if isinstance(value, date):
        return None, True  # an all-day date has no instant
    raise AssertionError(f"not a date or date-time: {value!r}")


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _trigger(value: Any) -> str | None:
    """An alarm's TRIGGER as RFC 5545 writes a duration (``-PT15M``), as the others give it."""
    if not isinstance(value, timedelta):
        return _text(value)
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    days, rest = divmod(abs(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    clock += f"{seconds}S" if seconds else ""
    if not days and not clock:
        clock = "0S"
    return f"{sign}P{f'{days}D' if days else ''}{'T' + clock if clock else ''}"


def _all_day(value: Any) -> str | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    return None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _names(component: Any) -> list[str]:
    """The names of a component's own properties, in order."""
    return [str(name) for name, _ in component.property_items(recursive=False, sorted=False)][1:-1]


def icalendar_dump(data: bytes) -> Dump:
    """What icalendar reads, in the dump scripts' shape. Takes the file's bytes.

    icalendar takes a TZID it knows from the zone database (zoneinfo), not from the
    file's VTIMEZONE: the other two parsers check the VTIMEZONEs.
    """
    calendar = icalendar.Calendar.from_ical(data)
    events = []
    for event in calendar.walk("VEVENT"):
        start = event.get("DTSTART")
        end = event.get("DTEND")
        start_utc, start_floating = _icalendar_time(event.decoded("DTSTART"))
        end_utc, end_floating = _icalendar_time(event.end)
        organizer = event.get("ORGANIZER")
        geo = event.get("GEO")
        stamp = event.get("DTSTAMP")
        events.append(
            {
                "uid": str(event["UID"]),
                "summary": str(event["SUMMARY"]) if "SUMMARY" in event else None,
                "location": str(event["LOCATION"]) if "LOCATION" in event else None,
                "start_utc": start_utc,
                "end_utc": end_utc,
                "tzid": start.params.get("TZID"),
                "end_tzid": end.params.get("TZID") if end is not None else None,
                "floating": start_floating or end_floating,
                "sequence": int(event["SEQUENCE"]) if "SEQUENCE" in event else None,
                "status": _text(event.get("STATUS")),
                "dtstamp": iso_utc(stamp.dt) if stamp is not None else None,
                "organizer": {"address": str(organizer), "cn": _text(organizer.params.get("CN"))}
                if organizer is not None
                else None,
                "attendees": [
                    {
                        "address": str(a),
                        "cn": _text(a.params.get("CN")),
                        "role": _text(a.params.get("ROLE")),
                        "partstat": _text(a.params.get("PARTSTAT")),
                        "rsvp": _text(a.params.get("RSVP")),
                    }
                    for a in _as_list(event.get("ATTENDEE"))
                ],
                "alarms": [
                    {
                        "action": _text(alarm.get("ACTION")),
                        "trigger": _trigger(alarm.decoded("TRIGGER")),
                        "description": _text(alarm.get("DESCRIPTION")),
                    }
                    for alarm in event.walk("VALARM")
                ],
                "related_to": [str(r) for r in _as_list(event.get("RELATED-TO"))],
                "url": _text(event.get("URL")),
                "geo": [geo.latitude, geo.longitude] if geo is not None else None,
                "description": _text(event.get("DESCRIPTION")),
                "start_date": _all_day(event.decoded("DTSTART")),
                "end_date": _all_day(event.decoded("DTEND")) if "DTEND" in event else None,
                "properties": _names(event),
            }
        )
    values: dict[str, str] = {}
    for name, value in calendar.property_items(recursive=False, sorted=False)[1:-1]:
        kind = getattr(value, "params", {}).get("VALUE")
        values[f"{name};VALUE={kind}" if kind else str(name)] = str(value)
    return {
        "parser": f"icalendar {icalendar.__version__}",
        "events": events,
        "problems": [],
        "calendar": {
            "method": values.get("METHOD"),
            "properties": _names(calendar),
            "values": values,
        },
    }


@functools.cache
def _read(parser: str, path: Path, content: str) -> Dump:
    del content  # part of the cache key only: a rewritten file is read again
    if parser == "libical":
        return libical_dump(path)
    if parser == "ical.js":
        return icaljs_dump(path)
    if parser == "icalendar":
        return icalendar_dump(path.read_bytes())
    raise ValueError(f"unknown parser {parser!r}")


def read_with(parser: str, path: Path) -> Dump:
    """The events ``parser`` reads from the .ics file at ``path`` (skips if it is missing)."""
    require(parser)
    return _read(parser, path, hashlib.sha256(path.read_bytes()).hexdigest())


def read_many(parser: str, paths: list[Path]) -> list[Dump]:
    """What ``parser`` reads from each of ``paths``, in one process for all of them."""
    require(parser)
    if parser == "icalendar":
        return [icalendar_dump(p.read_bytes()) for p in paths]
    command = LIBICAL if parser == "libical" else ICALJS
    out: list[Dump] = []
    for i in range(0, len(paths), 200):  # keep command lines short
        chunk = paths[i : i + 200]
        result = _run_dump(command, *chunk)
        out.extend(result["files"] if len(chunk) > 1 else [result])
    return out


def times(dump: Dump) -> dict[str, tuple[str | None, str | None]]:
    """UID -> (start_utc, end_utc); a repeated UID fails the test."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for event in dump["events"]:
        assert event["uid"] not in out, f"{dump['parser']}: UID {event['uid']} repeats"
        out[event["uid"]] = (event["start_utc"], event["end_utc"])
    return out


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def expected_times(agenda: agenda_kit.Agenda) -> dict[str, tuple[str | None, str | None]]:
    """UID -> (start, end) in UTC as agenda_kit's own API resolves the sessions."""
    return {
        f"{agenda.event.id}-{s.id}@agenda-kit": (iso_utc(s.start), iso_utc(s.end))
        for s in agenda_kit.sessions(agenda)
    }


def export(agenda: agenda_kit.Agenda, path: Path) -> Path:
    path.write_bytes(agenda_kit.to_ical(agenda, stamp=STAMP))
    return path


def _view(dump: Dump) -> list[tuple[Any, ...]]:
    return [
        (e["uid"], e["start_utc"], e["end_utc"], e["start_date"], e["end_date"])
        for e in dump["events"]
    ]


def check_files(paths: list[Path]) -> dict[str, list[Dump]]:
    """Every file read by all three parsers, and found clean by each.

    - libical: no X-LIC-ERROR, and its iTIP restriction check finds nothing (no
      INVALID-ITIP);
    - no parser reports a problem, and no time is floating (all-day dates aside);
    - an iTIP message (METHOD REQUEST or CANCEL) holds one UID;
    - the three agree on every event's UID, UTC start and end (or all-day dates).

    Returns the dumps by parser, in the order of ``paths``.
    """
    assert paths, "no files to check"
    dumps = {parser: read_many(parser, paths) for parser in PARSERS}
    for i, path in enumerate(paths):
        libical = dumps["libical"][i]
        assert libical["x_lic_errors"] == [], (path, libical["x_lic_errors"])
        check = libical["restriction_check"]
        assert check == {"valid": True, "errors": []}, (path, check)
        for parser in PARSERS:
            dump = dumps[parser][i]
            assert dump["problems"] == [], (parser, path)
            floating = [e["uid"] for e in dump["events"] if e["floating"] and not e["start_date"]]
            assert floating == [], (parser, path)
        assert _view(dumps["libical"][i]) == _view(dumps["icalendar"][i]), path
        assert _view(dumps["ical.js"][i]) == _view(dumps["icalendar"][i]), path
        if dumps["icalendar"][i]["calendar"]["method"] in ("REQUEST", "CANCEL"):
            assert len({e["uid"] for e in dumps["icalendar"][i]["events"]}) == 1, path
    return dumps
