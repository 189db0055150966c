"""The short fuzzing run of ``make test``: a fixed seed, a bounded number of cases and a
time cap, so that CI sees the same cases every time. Each distinct failure is listed
with the command that replays its saved reproducer."""

from __future__ import annotations

import os
from pathlib import Path

from .corpus import ROOT, discover
from .engine import fuzz, iter_summary, save
from .targets import EXPECTED, Injection, Unreadable, read_back

SEED = 20241017
# Bounded twice: by the number of cases (the same cases on every machine) and by time
# (a slow machine stops early rather than slowing the suite down).
CASES = int(os.environ.get("AGENDA_KIT_FUZZ_CASES", "120"))
SECONDS = float(os.environ.get("AGENDA_KIT_FUZZ_SECONDS", "50"))
OUT = ROOT / "build" / "fuzz-failures" / "short"


def test_corpus_covers_every_format() -> None:
    """Every loader and import format has seeds; a new format without any fails here."""
    from agenda_kit.exchange import IMPORTS
    from agenda_kit.loaders import FORMATS

    kinds = {seed.kind for seed in discover()}
    assert {f"agenda:{f}" for f in FORMATS} <= kinds
    assert {f"import:{f}" for f in IMPORTS if f != "text"} <= kinds
    assert {"state:", "previous:"} <= kinds


def test_read_back_refuses_what_its_parser_cannot_read() -> None:
    """The oracle can fail: an XML writer's U+FFFF or a broken CSV quote is caught."""
    for fmt, data in (
        ("frab-xml", "<schedule><title>\uffff</title></schedule>".encode()),
        ("csv", b'a,"b\n'),
        ("json", b'{"a": NaN}'),
        ("ics", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"),
    ):
        try:
            read_back(fmt, data)
        except Unreadable:
            continue
        raise AssertionError(f"{fmt}: {data!r} was read back")
    try:
        read_back("csv", b"title,minutes\r\n=HYPERLINK(1),-5\r\n")
    except Injection:
        pass
    else:
        raise AssertionError("a formula in a CSV cell was not caught")
    read_back("csv", b"title,minutes\r\n'=1,-5\r\n")  # a quoted formula and a number pass
    assert EXPECTED  # the documented errors are what a target may raise


def test_short_fuzz_run() -> None:
    jobs = min(2, os.cpu_count() or 1)
    result = fuzz(seed=SEED, cases=CASES, jobs=jobs, seconds=SECONDS, hard_seconds=15)
    saved = save(result, OUT, SEED)
    lines = "\n".join(iter_summary(result, saved))
    assert result.cases > 0
    assert not result.failures, (
        f"{len(result.failures)} distinct failure(s) in {result.cases} cases "
        f"(seed {SEED}); reproducers in {Path(OUT).relative_to(ROOT)}:\n{lines}"
    )
