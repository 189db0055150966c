"""``python -m tests.fuzz``: the long fuzzing run, and the replay of a saved failure."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from .corpus import realworld_dir
from .engine import (
    HARD_SECONDS,
    STEP_SECONDS,
    Result,
    fuzz,
    iter_summary,
    replay,
    run_one,
    save,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--time", type=float, default=24 * 3600, help="seconds at most")
    parser.add_argument("--step-seconds", type=float, default=STEP_SECONDS, help="per target")
    parser.add_argument("--hard-seconds", type=float, default=HARD_SECONDS, help="per case")
    parser.add_argument("--out", type=Path, default=Path("build/fuzz-failures"))
    parser.add_argument("--realworld", type=Path, default=None)
    parser.add_argument("--replay", type=Path, metavar="FAILURE_DIR")
    parser.add_argument("--case", type=int, help="run only this case of --seed, in-process")
    args = parser.parse_args(argv)
    if args.case is not None:
        found = run_one(args.seed, args.case, args.realworld or realworld_dir(), args.step_seconds)
        if found:
            print(f"--- {found.key} [{found.target}; from {found.seed_name}; {found.mutations}]")
            print(found.trace)
        print(f"seed {args.seed} case {args.case}: {'a failure' if found else 'no failure'}")
        return 1 if found else 0
    if args.replay:
        failures = replay(args.replay, args.step_seconds)
        for target, exc in failures:
            print(f"--- {target}")
            traceback.print_exception(exc, file=sys.stdout)
        print(f"{len(failures)} failure(s)")
        return 1 if failures else 0
    real = args.realworld or realworld_dir()
    print(f"corpus: repository fixtures + {real or 'no real-world files'}", flush=True)
    last = [0]
    told: set[str] = set()

    def progress(r: Result) -> None:
        for key, f in r.failures.items():
            if key not in told:  # at once, so that a run stopped early still says it
                told.add(key)
                first = f.message.splitlines()[0] if f.message else ""
                where = f"{f.target}; case {f.case} from {f.seed_name}"
                print(f"new failure: {key} [{where}]: {first}", flush=True)
        if r.cases - last[0] >= 1000:
            last[0] = r.cases
            rate = r.cases / r.seconds if r.seconds else 0
            print(f"{r.cases} cases, {len(r.failures)} distinct failures, "
                  f"{r.seconds:.0f} s ({rate:.1f}/s)", flush=True)  # fmt: skip

    result = fuzz(
        seed=args.seed, cases=args.cases, jobs=args.jobs, seconds=args.time,
        realworld=real, step_seconds=args.step_seconds, hard_seconds=args.hard_seconds,
        progress=progress,
    )  # fmt: skip
    saved = save(result, args.out, args.seed)
    for line in iter_summary(result, saved):
        print(line)
    rate = result.cases / result.seconds if result.seconds else 0
    print(
        f"seed {args.seed}: {result.cases} cases ({result.steps} target runs), "
        f"{len(result.failures)} distinct failures, {result.seconds:.0f} s ({rate:.1f} cases/s)"
        + (" [time cap reached]" if result.capped else "")
    )
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
