"""How the work grows with the size of an agenda (so that a step worse than linear
shows), what the importers cost, and invitations for many attendees.

Every step is timed at each size of ``Sizes.growth`` (1k, 10k, 100k sessions in a full
run) in this process, on the same generated agenda (bench/data.py: findings, shared
speakers, a clock change, long Korean titles). The ratio column is the time over the
time at the size ten times smaller: about 10 is linear, 100 quadratic.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from data import make_agenda, write_json, write_yaml
from harness import Results, Sizes, agenda_kit_cmd, count_label, mib, progress, seconds, spawn

__all__ = ["bench_growth", "bench_imports", "bench_invite"]

GROWTH_RATIO = 13.0  # per tenfold: linear with room for noise and cache effects
IMPORT_SECONDS = 10.0  # agenda-kit import of 100,000 CSV rows or .ics events
IMPORT_ROWS = 100_000
IMPORT_RUNS = 2  # runs at IMPORT_ROWS; the fastest counts
INVITE_ATTENDEES = 1_000
INVITE_SESSIONS = 100


GROWTH_RUNS = 3  # runs of each step at each size; the fastest counts


def _timed(fn: Callable[[], object]) -> float:
    """The fastest of GROWTH_RUNS runs: a single run of a few milliseconds moves by a
    third with the machine (a 1,000-session load takes 4-6 ms)."""
    fastest = float("inf")
    for _ in range(GROWTH_RUNS):
        t0 = time.perf_counter()
        fn()
        fastest = min(fastest, time.perf_counter() - t0)
    return fastest


def bench_growth(work: Path, sizes: Sizes, results: Results) -> None:
    """load (JSON and YAML), check and export at each size, and the growth per tenfold."""
    import agenda_kit
    from agenda_kit.ical.feed import write_ical

    steps: dict[str, list[float]] = {"load JSON": [], "load YAML": [], "check": [], "export": []}
    for n in sizes.growth:
        progress(f"growth: {n:,} sessions")
        data = make_agenda(n)
        path = write_json(work / f"growth-{n}.json", data)
        yaml_path = write_yaml(work / f"growth-{n}.yaml", data)
        del data
        agenda = agenda_kit.load(path)
        steps["load JSON"].append(_timed(lambda: agenda_kit.load(path)))  # noqa: B023
        steps["load YAML"].append(_timed(lambda: agenda_kit.load(yaml_path)))  # noqa: B023
        steps["check"].append(_timed(lambda: agenda_kit.check(agenda)))  # noqa: B023
        out = work / f"growth-{n}.ics"
        steps["export"].append(_timed(lambda: write_ical(agenda, out)))  # noqa: B023
    _growth_rows(results, sizes.growth, steps)


def _growth_rows(results: Results, counts: tuple[int, ...], steps: dict[str, list[float]]) -> None:
    for name, times in steps.items():
        for i, (n, took) in enumerate(zip(counts, times, strict=False)):
            label = f"growth: {name} {count_label(n)}" if i == 0 else f"  {name} {count_label(n)}"
            if i == 0:
                results.add(label, seconds(took))
                continue
            ratio = took / times[i - 1]
            tenfold = n == counts[i - 1] * 10
            results.add(
                label,
                seconds(took),
                f"{seconds(times[i - 1])} at {count_label(counts[i - 1])}",
                ratio,
                f"<= {GROWTH_RATIO:.0f} per tenfold" if tenfold else "-",
                ("PASS" if ratio <= GROWTH_RATIO else "FAIL") if tenfold else "info",
            )


def bench_imports(work: Path, sizes: Sizes, results: Results) -> None:
    """``agenda-kit import`` of .ics and CSV files made by our own export, at each size:
    the whole command (read, build, write the YAML, read it back and check it)."""
    steps: dict[str, list[float]] = {"import .ics": [], "import CSV": []}
    peaks: dict[str, int] = {}
    every: dict[str, list[float]] = {}
    for n in sizes.growth:
        progress(f"imports: {n:,} sessions")
        source = write_json(work / f"import-{n}.json", make_agenda(n))
        for fmt, suffix in (("import .ics", "ics"), ("import CSV", "csv")):
            exported = work / f"import-{n}.{suffix}"
            made = spawn([*agenda_kit_cmd(), "export", str(source), "-o", str(exported)])
            if made.returncode != 0:
                raise RuntimeError(f"export to {suffix} failed:\n{made.stderr}")
            limit = f"sessions={max(n, 10_000)}"
            cmd = [*agenda_kit_cmd(), "import", str(exported), "-q", "--limit", limit]
            # The largest size is imported twice and the faster run counts, as for the
            # CLI check: the machine's speed moves by 10-20 % from one run to the next.
            runs = []
            for _ in range(IMPORT_RUNS if n == IMPORT_ROWS else 1):
                run = spawn([*cmd, "-o", str(work / f"imported-{n}-{suffix}.yaml")])
                if run.returncode not in (0, 1):
                    raise RuntimeError(f"import of {suffix} failed:\n{run.stderr}")
                runs.append(run)
            steps[fmt].append(min(r.seconds for r in runs))
            if len(runs) > 1:
                every[fmt] = [r.seconds for r in runs]
            peaks[fmt] = max((r.maxrss for r in runs if r.maxrss is not None), default=0)
    _growth_rows(results, sizes.growth, steps)
    largest = sizes.growth[-1]
    for fmt, times in steps.items():
        full = largest == IMPORT_ROWS
        runs = every.get(fmt)
        shown = seconds(times[-1])
        if runs:
            shown += f" (min of {', '.join(f'{r:.2f}' for r in runs)})"
        results.add(
            f"agenda-kit {fmt} of {count_label(largest)}",
            shown,
            target=f"<= {IMPORT_SECONDS:.0f} s" if full else "-",
            status=("PASS" if times[-1] <= IMPORT_SECONDS else "FAIL") if full else "info",
        )
        if peaks.get(fmt):
            results.add("  peak RSS (whole process)", mib(peaks[fmt]))


def _attendees_csv(path: Path, count: int) -> Path:
    lines = ["email,name,role"]
    for i in range(count):
        lines.append(f"person{i}@example.org,Attendee {i} 참석자,REQ-PARTICIPANT")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def bench_invite(work: Path, sizes: Sizes, results: Results) -> None:
    """``invite --attendees`` of a 100-session agenda, and with ``--publish`` (one
    personal feed per attendee), for each attendee count: time, peak memory, growth."""
    agenda = make_agenda(INVITE_SESSIONS)
    agenda["event"]["organizer"] = {"name": "Programme 사무국", "email": "office@example.org"}
    source = write_json(work / "invite.json", agenda)
    previous: dict[str, float] = {}
    for count in sizes.attendees:
        csv = _attendees_csv(work / f"attendees-{count}.csv", count)
        for mode, extra in (("invitations", []), ("+ personal feeds", ["--publish"])):
            progress(f"invite: {count:,} attendees, {mode}")
            out = work / f"invite-{count}-{len(extra)}"
            cmd = [*agenda_kit_cmd(), "invite", str(source), "--attendees", str(csv)]
            run = spawn([*cmd, "-o", str(out), *extra])
            if run.returncode not in (0, 1):
                raise RuntimeError(f"invite failed ({run.returncode}):\n{run.stderr}")
            label = f"invite {count:,} attendees x {INVITE_SESSIONS} sessions, {mode}"
            before = previous.get(mode)
            results.add(
                label,
                seconds(run.seconds),
                f"{seconds(before)} at a tenth" if before is not None else "-",
                run.seconds / before if before is not None else None,
                f"<= {GROWTH_RATIO:.0f} per tenfold" if before is not None else "-",
                ("PASS" if run.seconds / before <= GROWTH_RATIO else "FAIL")
                if before is not None
                else "info",
            )
            if run.maxrss is not None:
                results.add("  peak RSS (whole process)", mib(run.maxrss))
            previous[mode] = run.seconds
