"""The benchmark harness: result rows and their table, timing in-process and in fresh
processes, peak memory, profiles and import times. It knows nothing of what is measured
(targets.py) or of the data (data.py)."""

from __future__ import annotations

import cProfile
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Json = dict[str, Any]

# Measurements that need a fresh process run this script with --child MODE.
RUN = Path(__file__).with_name("run.py")
LAUNCH = Path(__file__).with_name("launch.py")


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
    export_sessions: int  # for the export against its floor
    growth: tuple[int, ...]  # sizes for the growth per tenfold (scale.py)
    attendees: tuple[int, ...]  # invitations of a 100-session agenda (scale.py)


# The sizes of a full run and of --quick.
FULL = Sizes(
    sessions=100_000,
    yaml_sessions=10_000,
    startup_runs=10,
    reps=3,
    cli_reps=2,
    write_reps=5,
    export_sessions=10_000,
    growth=(1_000, 10_000, 100_000),
    attendees=(100, 1_000),
)
QUICK = Sizes(
    sessions=10_000,
    yaml_sessions=1_000,
    startup_runs=3,
    reps=2,
    cli_reps=1,
    write_reps=3,
    export_sessions=2_000,
    growth=(500, 5_000),
    attendees=(20, 200),
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


@dataclass
class Results:
    """What a run found: the table, notes printed after it, and profiles to print for
    missed targets with --profile (made only then: each costs a run)."""

    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    profiles: list[tuple[str, Callable[[], str]]] = field(default_factory=list)

    def add(self, *args: Any, **kwargs: Any) -> None:
        self.rows.append(Row(*args, **kwargs))

    @property
    def missed(self) -> list[str]:
        return [r.name.strip() for r in self.rows if r.status == "FAIL"]


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


def with_bytecode(work: Path) -> None:
    """Let the commands this run starts use compiled bytecode, as an installed package
    does (pip compiles it on install).

    With ``PYTHONDONTWRITEBYTECODE`` set (as in some CI and development shells), a
    package imported from its source folder is compiled again by every process, while
    the baselines' installed packages are not: agenda_kit's start-up then counts the
    compiler (about a fifth of it). Bytecode goes to a folder of this run
    (``PYTHONPYCACHEPREFIX``), never into the source tree; each command's warm-up run
    writes it.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")


def without_bytecode() -> dict[str, str]:
    """The environment of a command that compiles what it imports from source anew."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def spawn(cmd: Sequence[str], env: dict[str, str] | None = None) -> Child:
    """Run ``cmd``; wall time and (where the OS reports it) the child's own peak RSS.

    On POSIX the command is started by launch.py, a small process, so that its peak
    RSS is its own and not this (large) process's memory at the fork.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        if hasattr(os, "fork") and hasattr(os, "wait4"):
            with tempfile.TemporaryDirectory() as tmp:
                result = Path(tmp) / "result.json"
                launcher = [sys.executable, str(LAUNCH), str(result), *cmd]
                subprocess.run(launcher, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env)
                facts = json.loads(result.read_text(encoding="utf-8"))
            elapsed, returncode, maxrss = facts["seconds"], facts["returncode"], facts["maxrss"]
        else:  # pragma: no cover - Windows
            t0 = time.perf_counter()
            proc = subprocess.run(
                list(cmd), stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env
            )
            elapsed, returncode, maxrss = time.perf_counter() - t0, proc.returncode, None
        out.seek(0)
        err.seek(0)
        return Child(
            elapsed,
            returncode,
            maxrss,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
        )


def best_of(
    cmd: Sequence[str], runs: int, env: dict[str, str] | None = None
) -> tuple[float, Child]:
    """Minimum wall time of ``runs`` runs after one warm-up run (page cache, .pyc files)."""
    first = spawn(cmd, env)
    times = [spawn(cmd, env).seconds for _ in range(runs)]
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
    child = spawn([sys.executable, str(RUN), "--child", "profile-cli", str(path)])
    return child.stdout.rstrip() or child.stderr.rstrip()


def loaded(names: Sequence[str]) -> set[str]:
    return {n for n in names if any(m == n or m.startswith(n + ".") for m in sys.modules)}


def run_child(mode: str, *args: str) -> Json:
    child = spawn([sys.executable, str(RUN), "--child", mode, *args])
    if child.returncode != 0:
        raise RuntimeError(f"child {mode} failed ({child.returncode}):\n{child.stderr}")
    result: Json = json.loads(child.stdout.strip().splitlines()[-1])
    return result


def memory_text(result: Json) -> str:
    """Peak RSS of a measured step, as growth over the RSS before it where known."""
    if result.get("rss_before") is None:
        return f"{mib(result['peak'])} (process peak)"
    return f"+{mib(result['peak'] - result['rss_before'])} (peak {mib(result['peak'])})"


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
