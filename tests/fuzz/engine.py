"""Runs cases in worker processes, guards each target against hangs and memory
exhaustion, deduplicates failures and writes one reproducer folder per distinct failure.

Case ``n`` of seed ``s`` depends on nothing but ``(s, n)`` and the corpus, so a run is
the same whatever the number of workers, and any case can be replayed alone.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import random
import resource
import select
import shutil
import signal
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import corpus as corpus_mod
from .corpus import Seed
from .mutate import mutate
from .targets import Crash, Hang, Run, frame_key, run_case, scratch

STEP_SECONDS = 5.0  # per target: more than any valid corpus file needs by a wide margin
MEMORY_BYTES = 3 << 30  # per worker: an alias bomb ends in MemoryError, not in swapping
MAX_SEED = 2_000_000
HARD_SECONDS = 15.0  # a target still running after this is killed (SIGKILL)


@dataclass
class Failure:
    key: str  # exception type and innermost agenda_kit frame
    case: int
    target: str
    seed_name: str
    kind: str
    mutations: str
    message: str
    trace: str
    data: bytes = b""
    context: bytes = b""
    count: int = 1


@dataclass
class Result:
    cases: int = 0
    steps: int = 0
    seconds: float = 0.0
    failures: dict[str, Failure] = field(default_factory=dict)
    capped: bool = False


def _guard(seconds: float, current: Path | None = None) -> Callable[[str, Callable[[], Any]], Any]:
    def on_alarm(signum: int, frame: Any) -> None:
        raise Hang(f"over {seconds:g} s")

    def guard(target: str, fn: Callable[[], Any]) -> Any:
        if current is not None:  # for the parent, should it have to kill this process
            current.write_text(f"{time.monotonic()}\t{target}")
        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return fn()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    return guard


def weights(seeds: list[Seed]) -> list[float]:
    # Big real files are slow to run: picked less often, never left out.
    return [min(1.0, 16_000 / max(1, len(s.data))) for s in seeds]


def make_case(seed: int, case: int, seeds: list[Seed], w: list[float]) -> tuple[Seed, bytes, str]:
    rng = random.Random(f"{seed}:{case}")
    base = rng.choices(seeds, weights=w)[0]
    guard = _guard(10.0)
    try:
        data, names = guard("mutate", lambda: mutate(rng, base, seeds))
    except Hang:
        data, names = base.data, "none (mutation timed out)"
    return base, data[: MAX_SEED * 4], names


def execute(
    data: bytes,
    kind: str,
    seed: int,
    case: int,
    context: bytes,
    tmp: Path,
    step_seconds: float,
    current: Path | None = None,
) -> Run:
    run = Run(random.Random(f"{seed}:{case}:targets"), tmp, _guard(step_seconds, current))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a warning is not a failure of the input
        run_case(data, kind, run, context)
    return run


_WORKER: dict[str, Any] = {}


def _init(realworld: str | None, step_seconds: float, hard: float, memory: int) -> None:
    seeds = corpus_mod.discover(Path(realworld) if realworld else None)
    _WORKER.update(seeds=seeds, w=weights(seeds), tmp=scratch(), step=step_seconds, mem=memory)
    _WORKER["hard"] = hard


def _batch(args: tuple[int, list[int], float]) -> tuple[int, int, list[Failure]]:
    seed, cases, deadline = args
    done = steps = 0
    found: list[Failure] = []
    for case in cases:
        if time.monotonic() > deadline:
            break
        n, failures = _isolated(seed, case)
        done += 1
        steps += n
        found.extend(failures)
    return done, steps, found


def _isolated(seed: int, case: int) -> tuple[int, list[Failure]]:
    """One case in a forked child with a memory limit, killed when it outlives its time:
    a loop inside C code (a regular expression, a parser) never sees the alarm."""
    seeds, w, tmp, step = _WORKER["seeds"], _WORKER["w"], _WORKER["tmp"], _WORKER["step"]
    base, data, names = make_case(seed, case, seeds, w)
    current = tmp / "current-target"
    current.write_text(f"{time.monotonic()}\tmutate")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, send the findings, never return into the pool
        os.close(read_end)
        code = 0
        try:
            if _WORKER["mem"]:
                resource.setrlimit(resource.RLIMIT_AS, (_WORKER["mem"], _WORKER["mem"]))
            run = execute(data, base.kind, seed, case, base.context, tmp, step, current)
            found = [_failure(target, exc, case, base, names, data) for target, exc in run.failures]
            payload = pickle.dumps((run.steps, found))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    chunks: list[bytes] = []
    hard = _WORKER["hard"]
    started = time.monotonic()
    case_limit = time.monotonic() + 4 * hard
    killed = False
    while True:
        # Killed when one target outlives ``hard`` (the child writes when each starts),
        # or the whole case four times that.
        text = current.read_text()
        if "\t" in text:  # else caught mid-write: the last value read still holds
            started = float(text.partition("\t")[0])
        limit = min(case_limit, started + hard)
        remaining = limit - time.monotonic()
        if remaining <= 0:
            os.kill(pid, signal.SIGKILL)
            killed = True
            break
        ready, _, _ = select.select([read_end], [], [], min(remaining, 0.25))
        if ready:
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    if not killed and chunks:
        steps, found = pickle.loads(b"".join(chunks))
        return steps, found
    target = current.read_text().partition("\t")[2] or "unknown"
    why = "killed after the case's time limit" if killed else f"child died ({status})"
    exc = Hang(why) if killed else Crash(why)
    return 1, [_failure(target, exc, case, base, names, data)]


def _failure(
    target: str, exc: BaseException, case: int, base: Seed, names: str, data: bytes
) -> Failure:
    trace = getattr(exc, "fuzz_trace", "") or "".join(traceback.format_exception(exc))
    key = getattr(exc, "fuzz_key", "") or frame_key(exc, target)
    return Failure(
        key, case, target, base.name, base.kind, names,
        f"{type(exc).__name__}: {exc}"[:300], trace[-4000:], data, base.context,
    )  # fmt: skip


def fuzz(
    *,
    seed: int,
    cases: int,
    jobs: int,
    seconds: float,
    realworld: Path | None = None,
    step_seconds: float = STEP_SECONDS,
    hard_seconds: float = HARD_SECONDS,
    memory: int = MEMORY_BYTES,
    progress: Callable[[Result], None] | None = None,
) -> Result:
    """Run cases ``0 .. cases-1`` (or until ``seconds`` pass) on ``jobs`` processes."""
    start = time.monotonic()
    deadline = start + seconds
    batch = 25
    work = [(seed, list(range(i, min(cases, i + batch))), deadline) for i in range(0, cases, batch)]
    result = Result()
    ctx = multiprocessing.get_context("fork")
    init = (str(realworld) if realworld else None, step_seconds, hard_seconds, memory)
    with ctx.Pool(jobs, initializer=_init, initargs=init, maxtasksperchild=50) as pool:
        for done, steps, found in pool.imap(_batch, work):
            result.cases += done
            result.steps += steps
            for f in found:
                old = result.failures.get(f.key)
                if old is None or f.case < old.case:  # the first case: the same for any -j
                    f.count += old.count if old else 0
                    result.failures[f.key] = f
                else:
                    old.count += 1
            if progress:
                result.seconds = time.monotonic() - start
                progress(result)
    result.seconds = time.monotonic() - start
    result.capped = result.cases < cases
    return result


def slug(key: str) -> str:
    text = "".join(c if c.isalnum() else "-" for c in key)
    return "-".join(p for p in text.split("-") if p)[:120]


def save(result: Result, folder: Path, seed: int) -> dict[str, Path]:
    """One folder per distinct failure: the input, the agenda it belongs to, what failed."""
    if folder.exists():
        shutil.rmtree(folder)
    out = {}
    for key, f in sorted(result.failures.items()):
        where = folder / slug(key)
        where.mkdir(parents=True)
        (where / "input.bin").write_bytes(f.data)
        if f.context:
            (where / "context.yaml").write_bytes(f.context)
        info = {
            "key": key, "target": f.target, "kind": f.kind, "seed": seed, "case": f.case,
            "corpus_file": f.seed_name, "mutations": f.mutations, "count": f.count,
            "message": f.message, "traceback": f.trace,
        }  # fmt: skip
        (where / "failure.json").write_text(json.dumps(info, indent=1, ensure_ascii=False))
        out[key] = where
    return out


def repro_command(where: Path) -> str:
    return f"PYTHONPATH=src python -m tests.fuzz --replay {where}"


def replay(where: Path, step_seconds: float = STEP_SECONDS) -> list[tuple[str, BaseException]]:
    """Run a saved failure's input again, in this process, through the same targets."""
    info = json.loads((where / "failure.json").read_text())
    data = (where / "input.bin").read_bytes()
    context = (where / "context.yaml").read_bytes() if (where / "context.yaml").exists() else b""
    tmp = scratch()
    try:
        run = execute(data, info["kind"], info["seed"], info["case"], context, tmp, step_seconds)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return run.failures


def run_one(seed: int, case: int, realworld: Path | None, step_seconds: float) -> Failure | None:
    """Case ``case`` of seed ``seed`` made again from the corpus and run in this process
    (what a long run printed when it found a failure), without a saved folder."""
    seeds = corpus_mod.discover(realworld)
    base, data, names = make_case(seed, case, seeds, weights(seeds))
    tmp = scratch()
    try:
        run = execute(data, base.kind, seed, case, base.context, tmp, step_seconds)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    found = [_failure(target, exc, case, base, names, data) for target, exc in run.failures]
    return found[0] if found else None


def iter_summary(result: Result, saved: dict[str, Path]) -> Iterator[str]:
    for key, f in sorted(result.failures.items()):
        yield f"- {key}  [{f.target}; {f.count} case(s); first: case {f.case} from {f.seed_name}]"
        yield f"    {f.message.splitlines()[0] if f.message else ''}"
        if key in saved:
            yield f"    repro: {repro_command(saved[key])}"
