"""agenda_kit speed targets, as ratios against baselines measured in the same run.

Usage: ``python bench/run.py [--quick] [--strict] [--profile]``. See bench/README.md.

Every benchmark times the project and a baseline on the same machine in the same run, so
the ratio (not the absolute time) is what a target is about; the one absolute target
(load and check 100,000 sessions in under 2 s) is printed with its ratio too. The exit
status is 0 unless ``--strict`` is given and a target is missed.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import gc
import io
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

# Targets (see bench/README.md).
STARTUP_RATIO = 0.6  # agenda-kit check tiny.yaml / check-jsonschema on a tiny file
LOAD_CHECK_SECONDS = 2.0  # load + check of 100,000 sessions
LOAD_CHECK_SESSIONS = 100_000  # the size the absolute target is stated for
EXPORT_RATIO = 3.0  # write_ical / writing the same bytes
FORBIDDEN_AT_STARTUP = ("icalendar", "pendulum")

STAMP = datetime(2024, 10, 1, tzinfo=UTC)  # fixed DTSTAMP: identical output every run
TRACKS = 4
SESSIONS_PER_PART = 1000  # 1000 sessions of 1, 1 and 2 minutes fit in one day
SPEAKERS = 300

Json = dict[str, Any]


# --------------------------------------------------------------------------- results


@dataclass
class Row:
    """One line of the result table."""

    name: str
    measured: str
    baseline: str = "-"
    ratio: float | None = None
    target: str = "-"
    status: str = "info"  # PASS, FAIL, info or skip


@dataclass
class Sizes:
    sessions: int
    yaml_sessions: int
    startup_runs: int
    reps: int
    cli_reps: int
    write_reps: int


FULL = Sizes(
    sessions=100_000, yaml_sessions=10_000, startup_runs=10, reps=3, cli_reps=2, write_reps=5
)
QUICK = Sizes(
    sessions=10_000, yaml_sessions=1_000, startup_runs=3, reps=2, cli_reps=1, write_reps=3
)


def seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.3f} s"


def mib(value: float) -> str:
    return f"{value / (1 << 20):.1f} MiB"


def count_label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else f"{n:,}"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def print_table(rows: Sequence[Row]) -> None:
    header = ("benchmark", "measured", "baseline", "ratio", "target", "result")
    cells = [
        (
            r.name,
            r.measured,
            r.baseline,
            "-" if r.ratio is None else f"{r.ratio:.2f}",
            r.target,
            r.status,
        )
        for r in rows
    ]
    widths = [max(len(c[i]) for c in [header, *cells]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    print(line)
    for n, cell in enumerate([header, *cells]):
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(cell, widths, strict=True))
            ).rstrip()
        )
        if n == 0:
            print(line)
    print(line)


def progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- test data


def make_agenda(sessions: int, *, title: str = "Big") -> Json:
    """A realistic agenda: days x tracks parts, rooms, speakers, mixed time forms.

    Every session has a unique id and the schedule tiles each track and day exactly, so
    the checker finds nothing (a clean run is the common, fast path).
    """
    base = date(2024, 10, 17)
    rooms = {
        f"room-{t}": {"name": f"Hall {chr(65 + t)}", "floor": t + 1, "capacity": 100 * (t + 1)}
        for t in range(TRACKS)
    }
    transfers = [
        {"from": f"room-{t}", "to": f"room-{t + 1}", "minutes": 5} for t in range(TRACKS - 1)
    ]
    speakers: Json = {}
    for k in range(SPEAKERS):
        speaker: Json = {"name": f"Speaker {k} 발표자"}
        if k % 2:
            speaker["affiliation"] = f"Company {k % 37}, Inc."
        speakers[f"sp-{k}"] = speaker
    parts: list[Json] = []
    durations = (1, 1, 2)
    number = 0
    part_no = 0
    while number < sessions:
        day, track = divmod(part_no, TRACKS)
        count = min(SESSIONS_PER_PART, sessions - number)
        clock = 0  # minutes after midnight
        talks = 0
        rows: list[Json] = []
        for i in range(count):
            minutes = durations[i % len(durations)]
            row: Json = {"id": f"s{number}"}
            if i == 0:
                row["start"] = "00:00"
            if i % 10 == 5:
                a, b = clock, clock + minutes
                row["time"] = f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}"
            row["minutes"] = minutes
            if i % 25 == 12:
                row["kind"] = "break"
                row["title"] = "Coffee break"
            else:
                if i % 4 == 0:
                    row["title"] = (
                        f"Talk {number}: scheduling, calendars; and time zones in practice — "
                        f"일정 관리와 시간대 ({day + 1}일차)"
                    )
                else:
                    row["title"] = f"Talk {number}"
                # Each track has speakers of its own, so that nobody is in two places,
                # and every speaker speaks.
                pool = SPEAKERS // TRACKS
                talks += 1
                row["speakers"] = [f"sp-{track * pool + talks % pool}"]
                if i % 3 == 0:
                    row["speakers"].append(f"sp-{track * pool + (talks * 7 + 1) % pool}")
                if i % 7 == 0:
                    row["kind"] = "keynote" if i % 2 else "discussion"
            if i % 20 == 0:
                row["description"] = f"Abstract of talk {number}.\nQuestions, answers; notes."
            if i % 50 == 7:
                row["room"] = f"room-{track}"
            rows.append(row)
            clock += minutes
            number += 1
        parts.append(
            {
                "id": f"d{day + 1:02d}-t{track}",
                "title": f"Day {day + 1} · Track {track}",
                "date": (base + timedelta(days=day)).isoformat(),
                "track": f"t{track}",
                "room": f"room-{track}",
                "sessions": rows,
            }
        )
        part_no += 1
    return {
        "agenda": 1,
        "event": {
            "id": "big",
            "title": title,
            "date": base.isoformat(),
            "timezone": "Asia/Seoul",
            "lang": "en",
            "description": "A synthetic agenda for the benchmarks.",
        },
        "venue": {
            "name": "Convention Center",
            "address": "27 Harbour Road, Busan",
            "rooms": rooms,
            "transfers": transfers,
        },
        "speakers": speakers,
        "parts": parts,
    }


def _is_leaf(value: Any) -> bool:
    return not isinstance(value, dict | list) or (
        isinstance(value, list) and all(not isinstance(v, dict | list) for v in value)
    )


def _flow(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


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


def _flow_mapping(mapping: Json) -> str:
    return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in mapping.items()) + "}"


def write_json(path: Path, data: Json) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def write_yaml(path: Path, data: Json) -> Path:
    path.write_text("\n".join(to_yaml(data)) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- timing


def median_time(fn: Callable[[], object], reps: int) -> float:
    times = []
    for _ in range(reps):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


@dataclass
class Child:
    seconds: float
    returncode: int
    maxrss: int | None  # bytes
    stdout: str
    stderr: str


def spawn(cmd: Sequence[str]) -> Child:
    """Run ``cmd``; wall time and (where the OS reports it) the child's own peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        maxrss: int | None = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - t0
            proc.returncode = os.waitstatus_to_exitcode(status)
            scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
            maxrss = usage.ru_maxrss * scale
        else:  # pragma: no cover - Windows
            proc.wait()
            elapsed = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        return Child(
            elapsed,
            proc.returncode,
            maxrss,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
        )


def best_of(cmd: Sequence[str], runs: int) -> tuple[float, Child]:
    """Minimum wall time of ``runs`` runs after one warm-up run (page cache, .pyc files)."""
    first = spawn(cmd)
    times = [spawn(cmd).seconds for _ in range(runs)]
    return min(times), first


def tool(name: str) -> list[str] | None:
    """A console script of this interpreter's environment (else on PATH)."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return [str(here)]
    found = shutil.which(name)
    return [found] if found else None


def agenda_kit_cmd() -> list[str]:
    return tool("agenda-kit") or [sys.executable, "-m", "agenda_kit"]


def profile_top(fn: Callable[[], object], limit: int = 10) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    fn()
    profiler.disable()
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    # The import machinery's own frames say nothing about which module is slow.
    skip = r"^(?!.*(<frozen importlib|builtins\.exec|builtins\.__import__))"
    stats.sort_stats(pstats.SortKey.CUMULATIVE).print_stats(skip, limit)
    text = buffer.getvalue()
    start = text.find("   ncalls")
    return text[start:].rstrip() if start >= 0 else text.rstrip()


# --------------------------------------------------------------------------- memory probes


def _proc_status() -> dict[str, int]:
    """VmRSS and VmHWM (peak) of this process in bytes, from /proc (Linux)."""
    values: dict[str, int] = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":", 1)
                values[key] = int(value.split()[0]) * 1024
    return values


def reset_peak() -> int | None:
    """Reset the peak RSS of this process; its current RSS, or None where impossible."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
        return _proc_status()["VmRSS"]
    except (OSError, KeyError):
        return None


def peak_rss() -> int:
    try:
        return _proc_status()["VmHWM"]
    except (OSError, KeyError):
        import resource

        scale = 1 if sys.platform == "darwin" else 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def profile_cli(path: Path) -> str:
    """cProfile of ``agenda-kit check FILE`` in a fresh process, imports included."""
    child = spawn([sys.executable, __file__, "--child", "profile-cli", str(path)])
    return child.stdout.rstrip() or child.stderr.rstrip()


def child_main(mode: str, args: Sequence[str]) -> int:
    """Measurements that need a fresh process; prints one JSON object."""
    if mode == "profile-cli":

        def cli() -> None:
            import agenda_kit.cli

            with open(os.devnull, "w", encoding="utf-8") as null:
                saved, sys.stdout = sys.stdout, null
                try:
                    agenda_kit.cli.main(["check", *args])
                finally:
                    sys.stdout = saved

        print(profile_top(cli))
        return 0
    if mode == "imports":
        import agenda_kit.cli

        after_import = sorted(_loaded(FORBIDDEN_AT_STARTUP))
        with open(os.devnull, "w", encoding="utf-8") as null:
            saved, sys.stdout = sys.stdout, null
            try:
                code = agenda_kit.cli.main(["check", *args])
            finally:
                sys.stdout = saved
        print(
            json.dumps(
                {
                    "import": after_import,
                    "check": sorted(_loaded(FORBIDDEN_AT_STARTUP)),
                    "code": code,
                }
            )
        )
        return 0

    import agenda_kit
    from agenda_kit.ical.feed import write_ical

    source = Path(args[0])
    if mode == "load-check":
        gc.collect()
        before = reset_peak()
        t0 = time.perf_counter()
        report = agenda_kit.check(agenda_kit.load(source))
        elapsed = time.perf_counter() - t0
        print(
            json.dumps(
                {
                    "seconds": elapsed,
                    "rss_before": before,
                    "peak": peak_rss(),
                    "findings": len(report.diagnostics),
                }
            )
        )
        return 0
    if mode == "export":
        agenda = agenda_kit.load(source)
        gc.collect()
        before = reset_peak()
        t0 = time.perf_counter()
        size = write_ical(agenda, args[1], stamp=STAMP)  # cold: imports icalendar too
        elapsed = time.perf_counter() - t0
        print(
            json.dumps(
                {
                    "seconds": elapsed,
                    "rss_before": before,
                    "peak": peak_rss(),
                    "bytes": size,
                }
            )
        )
        return 0
    raise SystemExit(f"unknown child mode {mode!r}")


def _loaded(names: Sequence[str]) -> set[str]:
    return {n for n in names if any(m == n or m.startswith(n + ".") for m in sys.modules)}


def run_child(mode: str, *args: str) -> Json:
    child = spawn([sys.executable, __file__, "--child", mode, *args])
    if child.returncode != 0:
        raise RuntimeError(f"child {mode} failed ({child.returncode}):\n{child.stderr}")
    result: Json = json.loads(child.stdout.strip().splitlines()[-1])
    return result


def memory_text(result: Json) -> str:
    """Peak RSS of a measured step, as growth over the RSS before it where known."""
    if result.get("rss_before") is None:
        return f"{mib(result['peak'])} (process peak)"
    return f"+{mib(result['peak'] - result['rss_before'])} (peak {mib(result['peak'])})"


# --------------------------------------------------------------------------- benchmarks


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


def importtime(runs: int = 3) -> dict[str, tuple[int, int]]:
    """``-X importtime`` of ``agenda_kit.cli``: module -> (self, cumulative) microseconds.

    Each is the minimum over ``runs`` runs; names keep their indentation (the tree).
    """
    best: dict[str, tuple[int, int]] = {}
    for _ in range(runs):
        child = spawn([sys.executable, "-X", "importtime", "-c", "import agenda_kit.cli"])
        for line in child.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            self_us, cumulative_us, name = line.removeprefix("import time:").split("|")
            key = name.rstrip()
            current = (int(self_us), int(cumulative_us))
            old = best.get(key)
            best[key] = (
                current if old is None else (min(old[0], current[0]), min(old[1], current[1]))
            )
    return best


def importtime_report(limit: int = 10) -> str:
    times = importtime()
    total = max((c for _, c in times.values()), default=0)

    def table(key: int) -> str:
        ranked = sorted(times.items(), key=lambda kv: kv[1][key], reverse=True)[:limit]
        return "\n".join(
            f"  {c / 1000:8.1f} ms {s / 1000:8.1f} ms  {name if key else name.strip()}"
            for name, (s, c) in ranked
        )

    return (
        f"Startup over target; imports of agenda_kit.cli take {total / 1000:.0f} ms "
        "(python -X importtime, min of 3 runs).\n"
        f"By cumulative time (the tree):\n    cumulative       self  module\n{table(1)}\n"
        f"By self time (where it is spent):\n    cumulative       self  module\n{table(0)}"
    )


def bench_startup(
    work: Path,
    sizes: Sizes,
    rows: list[Row],
    notes: list[str],
    profiles: list[tuple[str, Callable[[], str]]],
) -> None:
    from agenda_kit.schema import json_schema

    progress("startup: agenda-kit check vs check-jsonschema")
    tiny_yaml = work / "tiny.yaml"
    tiny_yaml.write_text(TINY, encoding="utf-8")
    from ruamel.yaml import YAML

    tiny_data = YAML(typ="safe", pure=True).load(TINY)
    tiny_data["event"]["date"] = str(tiny_data["event"]["date"])
    tiny_json = write_json(work / "tiny.json", tiny_data)
    schema = work / "s.json"
    schema.write_text(json.dumps(json_schema()), encoding="utf-8")

    ours, first = best_of([*agenda_kit_cmd(), "check", str(tiny_yaml)], sizes.startup_runs)
    if first.returncode != 0:
        raise RuntimeError(f"agenda-kit check tiny.yaml failed:\n{first.stdout}{first.stderr}")
    checker = tool("check-jsonschema")
    if checker is None:
        rows.append(
            Row(
                "startup: check tiny.yaml",
                seconds(ours),
                "no check-jsonschema",
                target=f"<= {STARTUP_RATIO}",
                status="skip",
            )
        )
    else:
        theirs, other = best_of(
            [*checker, "--schemafile", str(schema), str(tiny_json)], sizes.startup_runs
        )
        if other.returncode != 0:
            raise RuntimeError(f"check-jsonschema failed:\n{other.stdout}{other.stderr}")
        ratio = ours / theirs
        rows.append(
            Row(
                "startup: check tiny.yaml (min)",
                seconds(ours),
                seconds(theirs),
                ratio,
                f"<= {STARTUP_RATIO}",
                verdict(ratio <= STARTUP_RATIO),
            )
        )
        same, _ = best_of(
            [*checker, "--schemafile", str(schema), str(tiny_yaml)], sizes.startup_runs
        )
        rows.append(
            Row(
                "  vs. check-jsonschema on the same tiny.yaml",
                seconds(ours),
                seconds(same),
                ours / same,
            )
        )
        if ratio > STARTUP_RATIO:
            notes.append(importtime_report())
            profiles.append(
                ("startup: check tiny.yaml (cold process)", lambda: profile_cli(tiny_yaml))
            )
    python_itself = min(spawn([sys.executable, "-c", "pass"]).seconds for _ in range(3))
    rows.append(Row("  bare python -c pass (min of 3)", seconds(python_itself)))

    result = run_child("imports", str(tiny_yaml))
    for key, label in (("import", "import agenda_kit.cli"), ("check", "cli check tiny.yaml")):
        loaded = result[key]
        rows.append(
            Row(
                f"  {label}: no {'/'.join(FORBIDDEN_AT_STARTUP)}",
                "loads " + ", ".join(loaded) if loaded else "none loaded",
                target="none loaded",
                status=verdict(not loaded),
            )
        )


def bench_load_check(
    work: Path, sizes: Sizes, rows: list[Row], profiles: list[tuple[str, Callable[[], str]]]
) -> Path:
    import agenda_kit

    n = sizes.sessions
    progress(f"load+check: generating {n:,} sessions")
    path = write_json(work / f"agenda-{n}.json", make_agenda(n))
    limit = LOAD_CHECK_SECONDS * n / LOAD_CHECK_SESSIONS
    scaled = "" if n == LOAD_CHECK_SESSIONS else " (scaled)"

    def baseline() -> None:
        json.loads(path.read_bytes())

    phases: dict[str, list[float]] = {"load": [], "check": []}
    findings: list[int] = []

    def ours() -> None:
        t0 = time.perf_counter()
        agenda = agenda_kit.load(path)
        t1 = time.perf_counter()
        report = agenda_kit.check(agenda)
        t2 = time.perf_counter()
        phases["load"].append(t1 - t0)
        phases["check"].append(t2 - t1)
        findings.append(len(report.diagnostics))

    def both() -> None:
        agenda_kit.check(agenda_kit.load(path))

    progress("load+check: in-process")
    base = median_time(baseline, sizes.reps)
    took = median_time(ours, sizes.reps)
    label = count_label(n)
    rows.append(
        Row(
            f"load+check {label} JSON (in-process)",
            seconds(took),
            f"{seconds(base)} json.loads",
            took / base,
            f"< {limit:.2f} s{scaled}",
            verdict(took < limit),
        )
    )
    rows.append(Row("  of which load", seconds(statistics.median(phases["load"]))))
    rows.append(Row("  of which check", seconds(statistics.median(phases["check"]))))
    if findings[-1]:
        rows.append(Row("  findings (expected 0)", str(findings[-1]), status="FAIL"))
    if took >= limit:
        profiles.append((f"load+check {label} JSON (in-process)", lambda: profile_top(both)))

    progress("load+check: CLI subprocess")
    cmd = [*agenda_kit_cmd(), "check", str(path)]
    runs = [spawn(cmd) for _ in range(sizes.cli_reps)]
    cli = min(r.seconds for r in runs)
    if runs[0].returncode != 0:
        rows.append(
            Row(
                "  agenda-kit check exit status", str(runs[0].returncode), target="0", status="FAIL"
            )
        )
    # The CLI pays a fixed startup, so its target is not scaled down for --quick.
    full_size = n == LOAD_CHECK_SESSIONS
    rows.append(
        Row(
            f"agenda-kit check {label}.json (CLI, min)",
            seconds(cli),
            f"{seconds(base)} json.loads",
            cli / base,
            f"< {LOAD_CHECK_SECONDS:.2f} s" if full_size else "-",
            verdict(cli < LOAD_CHECK_SECONDS) if full_size else "info",
        )
    )
    if full_size and cli >= LOAD_CHECK_SECONDS:
        profiles.append(
            (f"agenda-kit check {label}.json (CLI, cold process)", lambda: profile_cli(path))
        )
    rss = [r.maxrss for r in runs if r.maxrss is not None]
    if rss:
        rows.append(Row("  CLI peak RSS (whole process)", mib(max(rss))))
    progress("load+check: memory")
    memory = run_child("load-check", str(path))
    rows.append(Row("  load+check peak RSS growth", memory_text(memory)))

    m = sizes.yaml_sessions
    progress(f"load+check: YAML, {m:,} sessions")
    yaml_path = write_yaml(work / f"agenda-{m}.yaml", make_agenda(m))
    yaml_phase: list[float] = []
    yaml_text = yaml_path.read_text(encoding="utf-8")

    def parse_yaml() -> None:
        from ruamel.yaml import YAML

        YAML(typ="safe", pure=True).load(yaml_text)

    def ours_yaml() -> None:
        t0 = time.perf_counter()
        agenda = agenda_kit.load(yaml_path)
        yaml_phase.append(time.perf_counter() - t0)
        agenda_kit.check(agenda)

    yaml_json = json.dumps(make_agenda(m), ensure_ascii=False)
    base_yaml = median_time(lambda: json.loads(yaml_json), sizes.reps)
    took_yaml = median_time(ours_yaml, 1)
    rows.append(
        Row(
            f"load+check {count_label(m)} YAML (informational)",
            seconds(took_yaml),
            f"{seconds(base_yaml)} json.loads",
            took_yaml / base_yaml,
        )
    )
    rows.append(Row("  of which load (YAML parse + model)", seconds(yaml_phase[-1])))
    rows.append(Row("  of which ruamel.yaml parse alone", seconds(median_time(parse_yaml, 1))))
    memory = run_child("load-check", str(yaml_path))
    rows.append(Row("  YAML load+check peak RSS growth", memory_text(memory)))
    return path


def bench_export(
    work: Path,
    source: Path,
    sizes: Sizes,
    rows: list[Row],
    profiles: list[tuple[str, Callable[[], str]]],
) -> None:
    import agenda_kit
    from agenda_kit.ical.feed import write_ical

    n = sizes.sessions
    progress(f"export: write_ical of {n:,} events")
    agenda = agenda_kit.load(source)
    out = work / "out.ics"
    copy = work / "copy.ics"

    def ours() -> None:
        write_ical(agenda, out, stamp=STAMP)

    ours()  # warm-up: imports icalendar (a cold export is measured in a child below)
    data = out.read_bytes()
    pieces = data.split(b"BEGIN:VEVENT")
    chunks = [pieces[0], *(b"BEGIN:VEVENT" + p for p in pieces[1:])]
    events = len(chunks) - 1
    del data, pieces

    def baseline() -> None:
        with open(copy, "wb", buffering=1 << 20) as f:  # the buffer write_ical uses
            for chunk in chunks:
                f.write(chunk)

    def unbuffered() -> None:
        with open(copy, "wb", buffering=0) as f:  # one write(2) per event
            for chunk in chunks:
                f.write(chunk)

    base = median_time(baseline, sizes.write_reps)
    syscalls = median_time(unbuffered, sizes.write_reps)
    took = median_time(ours, sizes.reps)
    ratio = took / base
    label = count_label(n)
    rows.append(
        Row(
            f"write_ical {label} events (warm)",
            seconds(took),
            f"{seconds(base)} write",
            ratio,
            f"<= {EXPORT_RATIO}",
            verdict(ratio <= EXPORT_RATIO),
        )
    )
    if events != n:
        rows.append(Row("  VEVENTs written", f"{events:,}", target=f"{n:,}", status="FAIL"))
    rows.append(
        Row(
            "  vs. one write(2) per event",
            seconds(took),
            f"{seconds(syscalls)} write",
            took / syscalls,
        )
    )
    rows.append(Row("  .ics size", mib(sum(len(c) for c in chunks))))
    if ratio > EXPORT_RATIO:
        profiles.append((f"write_ical {label} events", lambda: profile_top(ours)))

    progress("export: cold run and memory")
    cold = run_child("export", str(source), str(work / "cold.ics"))
    rows.append(
        Row(
            "  write_ical cold (+icalendar import)",
            seconds(cold["seconds"]),
            f"{seconds(base)} write",
            cold["seconds"] / base,
        )
    )
    rows.append(Row("  export peak RSS growth", memory_text(cold)))


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument(
        "--strict", action="store_true", help="exit with status 1 when a target is missed"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="print the top 10 functions (cProfile) of every missed target",
    )
    parser.add_argument("--sessions", type=int, help="sessions for load+check and export")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main(args.child[0], args.child[1:])

    sizes = QUICK if args.quick else FULL
    if args.sessions:
        sizes = dataclasses.replace(sizes, sessions=args.sessions)
    rows: list[Row] = []
    notes: list[str] = []
    profiles: list[tuple[str, Callable[[], str]]] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="agenda-kit-bench-") as tmp:
        work = Path(tmp)
        bench_startup(work, sizes, rows, notes, profiles)
        source = bench_load_check(work, sizes, rows, profiles)
        bench_export(work, source, sizes, rows, profiles)
        print(
            f"agenda_kit benchmarks ({'quick' if args.quick else 'full'}; python "
            f"{sys.version.split()[0]}, {os.cpu_count()} CPUs; "
            f"{time.perf_counter() - started:.0f} s)"
        )
        print_table(rows)
        for note in notes:
            print()
            print(note)
        if args.profile:
            for name, profile in profiles:
                print()
                print(f"Missed target: {name}; top 10 by cumulative time (cProfile):")
                print(profile())
    missed = [r.name.strip() for r in rows if r.status == "FAIL"]
    print()
    print("Targets missed: " + "; ".join(missed) if missed else "All targets met.", flush=True)
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
