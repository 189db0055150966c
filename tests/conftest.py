"""Fixtures and hooks of the whole suite (the shared helpers are in tests/helpers.py)."""

from __future__ import annotations

import pytest
from hypothesis import settings

# The shared paths and helpers live in tests/helpers.py; test modules import them from
# there, never from each other or from this file.
from .helpers import ROOT, SEED

# A slow or loaded CI machine must not turn a passing property into a deadline failure.
settings.register_profile("default", deadline=None, print_blob=True)
settings.load_profile("default")


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
