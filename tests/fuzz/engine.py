"""Runs cases in worker processes, guards each target against hangs and memory
exhaustion, deduplicates failures and writes one reproducer folder per distinct failure.

Case ``n`` of seed ``s`` depends on nothing but ``(s, n)`` and the corpus, so a run is
the same whatever the number of workers, and any case can be replayed alone.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import resource
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
from .targets import Hang, Run, run_case, scratch

SRC = str(Path(__file__).resolve().parents[2] / "src" / "agenda_kit")
STEP_SECONDS = 5.0  # per target: more than any valid corpus file needs by a wide margin
MEMORY_BYTES = 3 << 30  # per worker: an alias bomb ends in MemoryError, not in swapping
MAX_SEED = 2_000_000


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


def frame_key(exc: BaseException, target: str) -> str:
    """``Type at agenda_kit/file.py:line in function`` (innermost frame in the package)."""
    if isinstance(exc, Hang):
        return f"Hang in {target}"
    inner = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.startswith(SRC):
            inner = frame
    name = type(exc).__name__
    if name in ("Unreadable", "Escaped"):
        return f"{name} in {target.rsplit(':', 1)[0] if 'read-back' in target else target}"
    if inner is None:
        return f"{name} in {target} (outside agenda_kit)"
    where = os.path.relpath(inner.filename, Path(SRC).parent)
    return f"{name} at {where}:{inner.lineno} in {inner.name}"


def _guard(seconds: float) -> Callable[[str, Callable[[], Any]], Any]:
    def on_alarm(signum: int, frame: Any) -> None:
        raise Hang(f"over {seconds:g} s")

    def guard(target: str, fn: Callable[[], Any]) -> Any:
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
    return base, data[:MAX_SEED * 4], names


def execute(
    data: bytes, kind: str, seed: int, case: int, context: bytes, tmp: Path, step_seconds: float
) -> Run:
    run = Run(random.Random(f"{seed}:{case}:targets"), tmp, _guard(step_seconds))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a warning is not a failure of the input
        run_case(data, kind, run, context)
    return run


_WORKER: dict[str, Any] = {}


def _init(realworld: str | None, step_seconds: float, memory: int) -> None:
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    seeds = corpus_mod.discover(Path(realworld) if realworld else None)
    _WORKER.update(seeds=seeds, w=weights(seeds), tmp=scratch(), step=step_seconds)


def _batch(args: tuple[int, list[int], float]) -> tuple[int, int, list[Failure]]:
    seed, cases, deadline = args
    seeds, w, tmp = _WORKER["seeds"], _WORKER["w"], _WORKER["tmp"]
    done = steps = 0
    found: list[Failure] = []
    for case in cases:
        if time.monotonic() > deadline:
            break
        base, data, names = make_case(seed, case, seeds, w)
        run = execute(data, base.kind, seed, case, base.context, tmp, _WORKER["step"])
        done += 1
        steps += run.steps
        for target, exc in run.failures:
            trace = "".join(traceback.format_exception(exc))[-4000:]
            found.append(Failure(
                frame_key(exc, target), case, target, base.name, base.kind, names,
                f"{type(exc).__name__}: {exc}"[:300], trace, data, base.context,
            ))  # fmt: skip
    return done, steps, found


def fuzz(
    *,
    seed: int,
    cases: int,
    jobs: int,
    seconds: float,
    realworld: Path | None = None,
    step_seconds: float = STEP_SECONDS,
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
    init = (str(realworld) if realworld else None, step_seconds, memory)
    with ctx.Pool(jobs, initializer=_init, initargs=init, maxtasksperchild=20) as pool:
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


def iter_summary(result: Result, saved: dict[str, Path]) -> Iterator[str]:
    for key, f in sorted(result.failures.items()):
        yield f"- {key}  [{f.target}; {f.count} case(s); first: case {f.case} from {f.seed_name}]"
        yield f"    {f.message.splitlines()[0] if f.message else ''}"
        if key in saved:
            yield f"    repro: {repro_command(saved[key])}"
