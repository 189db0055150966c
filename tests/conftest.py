"""Shared helpers: fixture agendas with their expected diagnostics written inside them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import settings

# A slow or loaded CI machine must not turn a passing property into a deadline failure.
settings.register_profile("default", deadline=None, print_blob=True)
settings.load_profile("default")

ROOT = Path(__file__).resolve().parent.parent
AGENDAS = Path(__file__).resolve().parent / "agendas"
SEED = ROOT / "examples" / "technopark-2024.yaml"
REALWORLD = ROOT.parent / "shared" / "realworld"

# The control characters the model rejects in text (C0, DEL and C1).
CONTROLS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))]

_EXPECT = re.compile(r"^# expect: (\d+):(\d+) (AK\d{3}) ([a-z-]+): (.*)$")


def expected_diagnostics(path: Path) -> list[tuple[int, int, str, str, str]]:
    """``# expect: LINE:COL CODE name: message`` lines of a fixture (or its .expect file)."""
    sidecar = path.with_name(path.name + ".expect")
    text = sidecar.read_text("utf-8") if sidecar.exists() else path.read_text("utf-8")
    out = []
    for line in text.splitlines():
        match = _EXPECT.match(line)
        if match:
            out.append((int(match[1]), int(match[2]), match[3], match[4], match[5]))
        elif line.startswith("# expect"):
            raise AssertionError(f"malformed expectation in {path}: {line}")
    return out


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text("utf-8")


def pytest_sessionstart(session: pytest.Session) -> None:
    # CI lays ../shared beside the clone; without it dozens of tests would skip quietly.
    if _in_ci() and not (ROOT.parent / "shared").is_dir():
        raise pytest.UsageError(f"CI=true but {ROOT.parent / 'shared'} is missing")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Under ``CI=true`` a skip is a failure: CI installs every client the tests use."""
    outcome = yield
    report = outcome.get_result()
    if _in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, where nothing may skip: {reason}"


def _in_ci() -> bool:
    import os

    return os.environ.get("CI", "").lower() == "true"
