"""agenda_kit speed targets, as ratios against baselines measured in the same run.

Usage: ``python bench/run.py [--quick] [--strict] [--profile]``. See bench/README.md.

Every benchmark times the project and a baseline on the same machine in the same run, so
the ratio (not the absolute time) is what a target is about; the one absolute target
(load and check 100,000 sessions in under 2 s) is printed with its ratio too. The exit
status is 0 unless ``--strict`` is given and a target is missed. The data is made by
data.py, measured by targets.py, with the tools of harness.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from harness import FULL, QUICK, Results, print_table, with_bytecode
from scale import bench_growth, bench_imports, bench_invite
from targets import bench_export, bench_load_check, bench_startup, child_main

PARTS = ("startup", "load", "export", "growth", "imports", "invite")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
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
    parser.add_argument(
        "--only",
        action="append",
        choices=PARTS,
        help="run only these benchmarks (repeatable; default: all)",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main(args.child[0], args.child[1:])

    sizes = QUICK if args.quick else FULL
    if args.sessions:
        sizes = dataclasses.replace(sizes, sessions=args.sessions)
    results = Results()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="agenda-kit-bench-") as tmp:
        work = Path(tmp)
        with_bytecode(work)
        only = set(args.only or PARTS)
        if "startup" in only:
            bench_startup(work, sizes, results)
        if "load" in only or "export" in only:
            source = bench_load_check(work, sizes, results)
            if "export" in only:
                bench_export(work, source, sizes, results)
        if "growth" in only:
            bench_growth(work, sizes, results)
        if "imports" in only:
            bench_imports(work, sizes, results)
        if "invite" in only:
            bench_invite(work, sizes, results)
        print(
            f"agenda_kit benchmarks ({'quick' if args.quick else 'full'}; python "
            f"{sys.version.split()[0]}, {os.cpu_count()} CPUs; "
            f"{time.perf_counter() - started:.0f} s)"
        )
        print_table(results.rows)
        for note in results.notes:
            print()
            print(note)
        if args.profile:
            for name, profile in results.profiles:
                print()
                print(f"Missed target: {name}; top 10 by cumulative time (cProfile):")
                print(profile())
    missed = results.missed
    print()
    print("Targets missed: " + "; ".join(missed) if missed else "All targets met.", flush=True)
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
