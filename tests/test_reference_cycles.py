"""A checked agenda is freed as soon as it is dropped: nothing the checker builds
holds a reference cycle. (A cycle left a 100,000-session agenda to the cyclic
collector, whose full collection then landed in some later call of a process: a
third of a second, and the memory held until then.)"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator

import pytest

import agenda_kit

from .helpers import AGENDAS, SEED


@pytest.fixture
def saved_garbage() -> Iterator[None]:
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


@pytest.mark.parametrize(
    "path",
    [
        SEED,
        AGENDAS / "valid" / "dst-fall-back.yaml",
        AGENDAS / "invalid" / "AK213_nonexistent-time.yaml",
    ],
    ids=lambda p: p.name,
)
@pytest.mark.usefixtures("saved_garbage")
def test_a_checked_agenda_leaves_no_cyclic_garbage(path: object) -> None:
    agenda = agenda_kit.load(path)  # type: ignore[arg-type]
    report = agenda_kit.check(agenda)
    assert report.diagnostics is not None
    del agenda, report
    gc.collect()
    ours = Counter(
        type(o).__name__ for o in gc.garbage if type(o).__module__.startswith("agenda_kit")
    )
    assert ours == Counter()
