"""What is measured: the three benchmarks of bench/README.md and their targets, and the
measurements that need a fresh process (``run.py --child MODE``)."""

from __future__ import annotations

import gc
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from data import TINY, UNUSED_SPEAKERS, make_agenda, write_json, write_yaml
from harness import (
    Results,
    Sizes,
    agenda_kit_cmd,
    best_of,
    count_label,
    importtime_report,
    loaded,
    median_time,
    memory_text,
    mib,
    peak_rss,
    profile_cli,
    profile_top,
    progress,
    reset_peak,
    run_child,
    seconds,
    spawn,
    tool,
    verdict,
    without_bytecode,
)

__all__ = ["bench_export", "bench_load_check", "bench_startup", "child_main"]

STARTUP_RATIO = 0.6  # agenda-kit check tiny.yaml / check-jsonschema on a tiny file
LOAD_CHECK_SECONDS = 2.0  # load + check of 100,000 sessions
AGAIN_SECONDS = 1.5  # each agenda_kit.check(load(...)) of them in one process
LOAD_CHECK_SESSIONS = 100_000  # the size the absolute targets are stated for
FINDINGS_RATIO = 1.15  # with UNUSED_SPEAKERS findings / the same agenda without them
PEAK_MIB = 400  # peak RSS of `check` and `export` of 100,000 sessions (whole process)
YAML_SECONDS = 1.5  # agenda-kit check of 10,000 sessions from YAML
YAML_SESSIONS = 10_000
EXPORT_RATIO = 3.0  # load + write_ical / the floor script (floor.py)
EXPORT_SESSIONS = 10_000  # the size the export ratio is stated for
FORBIDDEN_AT_STARTUP = ("icalendar", "pendulum")
STAMP = datetime(2024, 10, 1, tzinfo=UTC)  # fixed DTSTAMP: identical output every run


# --------------------------------------------------------------------------- 1. startup


def bench_startup(work: Path, sizes: Sizes, results: Results) -> None:
    from ruamel.yaml import YAML

    from agenda_kit.schema import json_schema

    progress("startup: agenda-kit check vs check-jsonschema")
    tiny_yaml = work / "tiny.yaml"
    tiny_yaml.write_text(TINY, encoding="utf-8")
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
        results.add(
            "startup: check tiny.yaml",
            seconds(ours),
            "no check-jsonschema",
            target=f"<= {STARTUP_RATIO}",
            status="skip",
        )
    else:
        _startup_ratio(
            ours, [*checker, "--schemafile", str(schema)], tiny_yaml, tiny_json, sizes, results
        )
    python_itself = min(spawn([sys.executable, "-c", "pass"]).seconds for _ in range(3))
    results.add("  bare python -c pass (min of 3)", seconds(python_itself))
    _forbidden_imports(tiny_yaml, results)


def _startup_ratio(
    ours: float,
    checker: list[str],
    tiny_yaml: Path,
    tiny_json: Path,
    sizes: Sizes,
    results: Results,
) -> None:
    theirs, other = best_of([*checker, str(tiny_json)], sizes.startup_runs)
    if other.returncode != 0:
        raise RuntimeError(f"check-jsonschema failed:\n{other.stdout}{other.stderr}")
    ratio = ours / theirs
    results.add(
        "startup: check tiny.yaml (min)",
        seconds(ours),
        seconds(theirs),
        ratio,
        f"<= {STARTUP_RATIO}",
        verdict(ratio <= STARTUP_RATIO),
    )
    same, _ = best_of([*checker, str(tiny_yaml)], sizes.startup_runs)
    results.add(
        "  vs. check-jsonschema on the same tiny.yaml", seconds(ours), seconds(same), ours / same
    )
    # What a shell with PYTHONDONTWRITEBYTECODE measures: agenda_kit from its source
    # folder compiled by every run, check-jsonschema's installed bytecode read.
    bare = without_bytecode()
    compiling, _ = best_of([*agenda_kit_cmd(), "check", str(tiny_yaml)], sizes.startup_runs, bare)
    plain, _ = best_of([*checker, str(tiny_json)], sizes.startup_runs, bare)
    results.add(
        "  without bytecode (PYTHONDONTWRITEBYTECODE=1)",
        seconds(compiling),
        seconds(plain),
        compiling / plain,
    )
    if ratio > STARTUP_RATIO:
        results.notes.append(importtime_report())
        results.profiles.append(
            ("startup: check tiny.yaml (cold process)", lambda: profile_cli(tiny_yaml))
        )


def _forbidden_imports(tiny_yaml: Path, results: Results) -> None:
    """Pass/fail rows: neither importing the CLI nor checking loads the calendar stack."""
    result = run_child("imports", str(tiny_yaml))
    for key, label in (("import", "import agenda_kit.cli"), ("check", "cli check tiny.yaml")):
        found = result[key]
        results.add(
            f"  {label}: no {'/'.join(FORBIDDEN_AT_STARTUP)}",
            "loads " + ", ".join(found) if found else "none loaded",
            target="none loaded",
            status=verdict(not found),
        )


# --------------------------------------------------------------------------- 2. load+check


def bench_load_check(work: Path, sizes: Sizes, results: Results) -> Path:
    """Load and check of a large JSON agenda in-process and as the CLI, and of a YAML
    one; returns the JSON file (the export benchmark reads it)."""
    n = sizes.sessions
    progress(f"load+check: generating {n:,} sessions")
    path = write_json(work / f"agenda-{n}.json", make_agenda(n))
    clean = write_json(work / f"clean-{n}.json", make_agenda(n, unused=0))
    base = _load_check_in_process(path, clean, n, sizes, results)
    _load_check_cli(path, n, base, sizes, results)
    progress("load+check: memory")
    results.add("  load+check peak RSS growth", memory_text(run_child("load-check", str(path))))
    _load_check_yaml(work, sizes, results)
    return path


def _load_check_in_process(
    path: Path, clean: Path, n: int, sizes: Sizes, results: Results
) -> float:
    """The in-process rows and their phases; returns the json.loads baseline."""
    import agenda_kit

    limit = LOAD_CHECK_SECONDS * n / LOAD_CHECK_SESSIONS
    again_limit = AGAIN_SECONDS * n / LOAD_CHECK_SESSIONS
    scaled = "" if n == LOAD_CHECK_SESSIONS else " (scaled)"
    phases: dict[str, list[float]] = {"parse": [], "load": [], "check": [], "clean": []}
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

    def without_findings() -> None:
        # Timed as ``ours`` is: the agenda is freed after the clock stops, not inside.
        t0 = time.perf_counter()
        agenda = agenda_kit.load(clean)
        agenda_kit.check(agenda)
        phases["clean"].append(time.perf_counter() - t0)

    progress("load+check: in-process")
    base = median_time(lambda: json.loads(path.read_bytes()), sizes.reps)
    # The first call of a process (no gc.collect before it: as a user meets it), then
    # the same agenda again in the same process.
    t0 = time.perf_counter()
    ours()
    first = time.perf_counter() - t0
    # With and without the findings in turn, so that both meet the machine in the same
    # phase (its speed moves by 10-20 % within a minute).
    times = []
    for _ in range(sizes.reps):
        times.append(median_time(ours, 1))
        median_time(without_findings, 1)  # its time goes to phases["clean"]
    took = statistics.median(times)
    again = max(a + b for a, b in zip(phases["load"][1:], phases["check"][1:], strict=True))
    median_time(lambda: phases["parse"].append(_parse_only(path)), sizes.reps)
    label = count_label(n)
    results.add(
        f"load+check {label} JSON, {UNUSED_SPEAKERS} findings (in-process)",
        seconds(took),
        f"{seconds(base)} json.loads",
        took / base,
        f"< {limit:.2f} s{scaled}",
        verdict(took < limit),
    )
    results.add(
        "  first call of the process",
        seconds(first),
        target=f"<= {again_limit:.2f} s{scaled}",
        status=verdict(first <= again_limit),
    )
    results.add(
        "  later calls (slowest)",
        seconds(again),
        target=f"<= {again_limit:.2f} s{scaled}",
        status=verdict(again <= again_limit),
    )
    clean_took = statistics.median(phases["clean"])
    results.add(
        "  with findings vs. the same agenda without",
        seconds(took),
        f"{seconds(clean_took)} clean",
        took / clean_took,
        f"<= {FINDINGS_RATIO}",
        verdict(took / clean_took <= FINDINGS_RATIO),
    )
    results.add("  of which load", seconds(statistics.median(phases["load"])))
    parsed = statistics.median(phases["parse"])
    results.add(
        "    of which read+parse+limits",
        seconds(parsed),
        f"{seconds(base)} json.loads",
        parsed / base,
    )
    results.add("  of which check", seconds(statistics.median(phases["check"])))
    if findings[-1] != UNUSED_SPEAKERS:
        results.add("  findings", str(findings[-1]), target=str(UNUSED_SPEAKERS), status="FAIL")
    if took >= limit:

        def both() -> None:
            agenda_kit.check(agenda_kit.load(path))

        results.profiles.append(
            (f"load+check {label} JSON (in-process)", lambda: profile_top(both))
        )
    return base


def _parse_only(path: Path) -> float:
    """The loader's own parse: json.loads with the duplicate-key hook, the depth check
    and the session count, without the model; its time."""
    from agenda_kit.loaders import DEFAULT_LIMITS, Source, parse, read_text
    from agenda_kit.loaders.limits import count_sessions

    t0 = time.perf_counter()
    data = parse(Source(str(path), read_text(path, format="json"), "json"))
    count_sessions(data, DEFAULT_LIMITS)
    return time.perf_counter() - t0


def _load_check_cli(path: Path, n: int, base: float, sizes: Sizes, results: Results) -> None:
    progress("load+check: CLI subprocess")
    runs = [spawn([*agenda_kit_cmd(), "check", str(path)]) for _ in range(sizes.cli_reps)]
    cli = min(r.seconds for r in runs)
    if runs[0].returncode != 0:  # info findings only: exit status 0
        results.add(
            "  agenda-kit check exit status", str(runs[0].returncode), target="0", status="FAIL"
        )
    # The CLI pays a fixed startup, so its target is not scaled down for --quick.
    full_size = n == LOAD_CHECK_SESSIONS
    label = count_label(n)
    results.add(
        f"agenda-kit check {label}.json (CLI, min)",
        seconds(cli),
        f"{seconds(base)} json.loads",
        cli / base,
        f"< {LOAD_CHECK_SECONDS:.2f} s" if full_size else "-",
        verdict(cli < LOAD_CHECK_SECONDS) if full_size else "info",
    )
    if full_size and cli >= LOAD_CHECK_SECONDS:
        results.profiles.append(
            (f"agenda-kit check {label}.json (CLI, cold process)", lambda: profile_cli(path))
        )
    rss = [r.maxrss for r in runs if r.maxrss is not None]
    if rss:
        results.add(
            "  CLI peak RSS (whole process)",
            mib(max(rss)),
            target=f"<= {PEAK_MIB} MiB" if full_size else "-",
            status=verdict(max(rss) <= PEAK_MIB << 20) if full_size else "info",
        )


def _load_check_yaml(work: Path, sizes: Sizes, results: Results) -> None:
    import agenda_kit
    from agenda_kit import loaders

    m = sizes.yaml_sessions
    progress(f"load+check: YAML, {m:,} sessions")
    yaml_path = write_yaml(work / f"agenda-{m}.yaml", make_agenda(m))
    yaml_phase: list[float] = []

    def ours_yaml() -> None:
        t0 = time.perf_counter()
        agenda = agenda_kit.load(yaml_path)
        yaml_phase.append(time.perf_counter() - t0)
        agenda_kit.check(agenda)

    def ruamel_load() -> None:
        saved, loaders._fast_yaml = loaders._fast_yaml, None
        try:
            agenda_kit.load(yaml_path)
        finally:
            loaders._fast_yaml = saved

    yaml_json = json.dumps(make_agenda(m), ensure_ascii=False)
    base_yaml = median_time(lambda: json.loads(yaml_json), sizes.reps)
    took_yaml = median_time(ours_yaml, sizes.reps)
    results.add(
        f"load+check {count_label(m)} YAML (in-process)",
        seconds(took_yaml),
        f"{seconds(base_yaml)} json.loads",
        took_yaml / base_yaml,
    )
    fast = statistics.median(yaml_phase)
    slow = median_time(ruamel_load, 1)
    results.add(
        "  load: libyaml path vs. ruamel path",
        seconds(fast),
        f"{seconds(slow)} ruamel",
        fast / slow,
    )
    runs = [spawn([*agenda_kit_cmd(), "check", str(yaml_path)]) for _ in range(sizes.cli_reps)]
    cli = min(r.seconds for r in runs)
    full_size = m == YAML_SESSIONS
    results.add(
        f"agenda-kit check {count_label(m)}.yaml (CLI, min)",
        seconds(cli),
        f"{seconds(base_yaml)} json.loads",
        cli / base_yaml,
        f"<= {YAML_SECONDS:.2f} s" if full_size else "-",
        verdict(cli <= YAML_SECONDS) if full_size else "info",
    )
    memory = run_child("load-check", str(yaml_path))
    results.add("  YAML load+check peak RSS growth", memory_text(memory))


# --------------------------------------------------------------------------- 3. export


def bench_export(work: Path, source: Path, sizes: Sizes, results: Results) -> None:
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

    def write(buffering: int) -> Callable[[], None]:
        def run() -> None:
            with open(copy, "wb", buffering=buffering) as f:
                for chunk in chunks:
                    f.write(chunk)

        return run

    base = median_time(write(1 << 20), sizes.write_reps)  # the buffer write_ical uses
    syscalls = median_time(write(0), sizes.write_reps)  # one write(2) per event
    took = median_time(ours, sizes.reps)
    ratio = took / base
    label = count_label(n)
    # Information: what formatting costs over writing the bytes (the target is the
    # ratio to the floor script, below).
    results.add(f"write_ical {label} events (warm)", seconds(took), f"{seconds(base)} write", ratio)
    if events != n:
        results.add("  VEVENTs written", f"{events:,}", target=f"{n:,}", status="FAIL")
    results.add(
        "  vs. one write(2) per event", seconds(took), f"{seconds(syscalls)} write", took / syscalls
    )
    results.add("  .ics size", mib(sum(len(c) for c in chunks)))

    progress("export: cold run and memory")
    cold = run_child("export", str(source), str(work / "cold.ics"))
    results.add(
        "  write_ical cold (+icalendar import)",
        seconds(cold["seconds"]),
        f"{seconds(base)} write",
        cold["seconds"] / base,
    )
    results.add("  export peak RSS growth", memory_text(cold))
    cli = spawn([*agenda_kit_cmd(), "export", str(source), "-o", str(work / "cli.ics")])
    full_size = n == LOAD_CHECK_SESSIONS
    if cli.maxrss is not None:
        results.add(
            f"agenda-kit export {label}.json -o .ics: peak RSS",
            mib(cli.maxrss),
            target=f"<= {PEAK_MIB} MiB" if full_size else "-",
            status=verdict(cli.maxrss <= PEAK_MIB << 20) if full_size else "info",
        )
    _export_floor(work, sizes, results)


def _export_floor(work: Path, sizes: Sizes, results: Results) -> None:
    """load + write_ical against the floor script and the icalendar object build."""
    import agenda_kit
    from agenda_kit.ical.feed import write_ical
    from floor import floor, icalendar_build

    n = sizes.export_sessions
    label = count_label(n)
    progress(f"export: {n:,} sessions against the floor and icalendar")
    source = write_json(work / f"export-{n}.json", make_agenda(n))
    out = work / "floor-ours.ics"

    def ours() -> None:
        write_ical(agenda_kit.load(source), out, stamp=STAMP)

    ours()  # warm-up: imports icalendar
    took = median_time(ours, sizes.reps)
    plain = median_time(lambda: floor(source, work / "floor.ics"), sizes.reps)
    objects = median_time(lambda: icalendar_build(source, work / "icalendar.ics"), 1)
    ratio = took / plain
    results.add(
        f"load + write_ical {label} sessions",
        seconds(took),
        f"{seconds(plain)} floor.py",
        ratio,
        f"<= {EXPORT_RATIO}" if n == EXPORT_SESSIONS else "-",
        verdict(ratio <= EXPORT_RATIO) if n == EXPORT_SESSIONS else "info",
    )
    results.add(
        "  vs. the icalendar object build", seconds(took), f"{seconds(objects)}", took / objects
    )
    if ratio > EXPORT_RATIO:
        results.profiles.append((f"load + write_ical {label}", lambda: profile_top(ours)))


# --------------------------------------------------------------------------- children


def _quiet_check(args: Sequence[str]) -> int:
    import agenda_kit.cli

    with open(os.devnull, "w", encoding="utf-8") as null:
        saved, sys.stdout = sys.stdout, null
        try:
            return agenda_kit.cli.main(["check", *args])
        finally:
            sys.stdout = saved


def _child_profile_cli(args: Sequence[str]) -> object:
    return profile_top(lambda: _quiet_check(args))


def _child_imports(args: Sequence[str]) -> object:
    import agenda_kit.cli  # noqa: F401

    after_import = sorted(loaded(FORBIDDEN_AT_STARTUP))
    code = _quiet_check(args)
    return {"import": after_import, "check": sorted(loaded(FORBIDDEN_AT_STARTUP)), "code": code}


def _child_load_check(args: Sequence[str]) -> object:
    import agenda_kit

    gc.collect()
    before = reset_peak()
    t0 = time.perf_counter()
    report = agenda_kit.check(agenda_kit.load(Path(args[0])))
    elapsed = time.perf_counter() - t0
    return {
        "seconds": elapsed,
        "rss_before": before,
        "peak": peak_rss(),
        "findings": len(report.diagnostics),
    }


def _child_export(args: Sequence[str]) -> object:
    import agenda_kit
    from agenda_kit.ical.feed import write_ical

    agenda = agenda_kit.load(Path(args[0]))
    gc.collect()
    before = reset_peak()
    t0 = time.perf_counter()
    size = write_ical(agenda, args[1], stamp=STAMP)  # cold: imports icalendar too
    elapsed = time.perf_counter() - t0
    return {"seconds": elapsed, "rss_before": before, "peak": peak_rss(), "bytes": size}


_CHILDREN: dict[str, Callable[[Sequence[str]], object]] = {
    "profile-cli": _child_profile_cli,
    "imports": _child_imports,
    "load-check": _child_load_check,
    "export": _child_export,
}


def child_main(mode: str, args: Sequence[str]) -> int:
    """A measurement that needs a fresh process; prints one JSON object (a profile: text)."""
    child = _CHILDREN.get(mode)
    if child is None:
        raise SystemExit(f"unknown child mode {mode!r}")
    result = child(args)
    print(result if isinstance(result, str) else json.dumps(result))
    return 0
