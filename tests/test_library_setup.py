"""The test setup explains itself: `make interop-deps` without npm or without the npm
registry says so in one line and lets `make test` go on, and the ical.js tests then
skip with that reason. Run on a copy of the Makefile and the lock file, with a stand-in
npm, so that the real tests/interop/node_modules is never touched."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from . import interop_helpers
from .helpers import ROOT

NO_REGISTRY = (
    "npm could not install ical.js (is the npm registry reachable? see build/npm-ci.log): "
    "the ical.js interop tests will be skipped"
)


def copy_of_the_setup(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "tests" / "interop").mkdir(parents=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(ROOT / "tests" / "interop" / name, tmp_path / "tests" / "interop" / name)
    return tmp_path


def stand_in_npm(folder: Path, script: str) -> dict[str, str]:
    """An environment whose only npm is ``script`` (and which has make, python3)."""
    folder.mkdir()
    npm = folder / "npm"
    npm.write_text(f"#!/bin/sh\n{script}\n", "utf-8")
    npm.chmod(0o755)
    # Only the tools the recipe uses: the machine's own npm must stay out of reach.
    tools = folder / "tools"
    tools.mkdir()
    (tools / "python3").symlink_to(sys.executable)  # a shim (pyenv) would need its PATH
    for name in ("make", "sh", "mkdir", "rm", "tee"):
        found = shutil.which(name)
        assert found is not None, name
        (tools / name).symlink_to(found)
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{tools}"}


def make_interop_deps(root: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", "interop-deps"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def no_ical_js(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """interop_helpers looking at an empty node_modules and a note in ``tmp_path``."""
    monkeypatch.setattr(interop_helpers, "INTEROP", tmp_path / "tests" / "interop")
    monkeypatch.setattr(interop_helpers, "ICALJS_NOTE", tmp_path / "build" / "interop-deps.txt")
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")  # node is there
    return tmp_path


def test_an_unreachable_registry_is_one_line_and_the_ical_js_tests_say_why(
    tmp_path: Path, no_ical_js: Path
) -> None:
    root = copy_of_the_setup(no_ical_js)
    env = stand_in_npm(
        tmp_path / "bin", "echo 'npm ERR! network getaddrinfo ENOTFOUND registry' >&2; exit 1"
    )
    done = make_interop_deps(root, env)
    assert (done.returncode, done.stdout, done.stderr) == (0, NO_REGISTRY + "\n", "")
    assert "ENOTFOUND" in (root / "build" / "npm-ci.log").read_text("utf-8")
    assert interop_helpers.missing_reason.__wrapped__("ical.js") == (
        "ical.js: npm could not install ical.js (is the npm registry reachable? see "
        "build/npm-ci.log); tests/interop/node_modules is empty"
    )


def test_without_npm_it_says_so(tmp_path: Path, no_ical_js: Path) -> None:
    root = copy_of_the_setup(no_ical_js)
    env = stand_in_npm(tmp_path / "bin", "exit 1")
    (tmp_path / "bin" / "npm").unlink()
    done = make_interop_deps(root, env)
    assert (done.returncode, done.stdout) == (
        0,
        "npm not found: the ical.js interop tests will be skipped\n",
    )
    assert interop_helpers.missing_reason.__wrapped__("ical.js") == (
        "ical.js: npm not found; tests/interop/node_modules is empty"
    )


def test_an_install_that_matches_the_lock_is_kept_and_a_good_install_leaves_no_note(
    tmp_path: Path,
) -> None:
    root = copy_of_the_setup(tmp_path)
    modules = root / "tests" / "interop" / "node_modules"
    modules.mkdir()
    shutil.copy(ROOT / "tests" / "interop" / "package-lock.json", modules / ".package-lock.json")
    lock = (modules / ".package-lock.json").read_text("utf-8")
    # npm's own copy of the lock has no root entry: make it so, as npm does.
    data = json.loads(lock)
    data["packages"].pop("", None)
    (modules / ".package-lock.json").write_text(json.dumps(data), "utf-8")
    env = stand_in_npm(tmp_path / "bin", "echo called > npm-was-called; exit 1")
    done = make_interop_deps(root, env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert not (root / "tests" / "interop" / "npm-was-called").exists()
    assert not (root / "build" / "interop-deps.txt").exists()
    data["packages"]["node_modules/ical.js"]["version"] = "0.0.1"  # an older install
    (modules / ".package-lock.json").write_text(json.dumps(data), "utf-8")
    env = stand_in_npm(tmp_path / "bin2", "echo called > npm-was-called; exit 0")
    done = make_interop_deps(root, env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert (root / "tests" / "interop" / "npm-was-called").exists()
    assert not (root / "build" / "interop-deps.txt").exists()


# --- install commands in the docs -------------------------------------------------------

# The install commands that work before a release: from a clone, from the repository at
# a commit or branch, or from a wheel built from it (tests/test_wheel.py runs that one).
_WORKING_INSTALLS = re.compile(
    r"pip install (--quiet )?(--upgrade pip|build|-e \.|-e '\.\[[a-z,]+\]'"
    r'|"agenda-kit(\[[a-z,]+\])? @ git\+https://github\.com/agenda-kit/agenda-kit@[\w.]+"'
    r"|dist/agenda_kit-[\d.]+-py3-none-any\.whl|/path/to/agenda-kit\S*)$"
)


def test_every_install_command_in_the_docs_is_one_that_works_before_a_release() -> None:
    found = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        in_code = False
        for line in page.read_text("utf-8").splitlines():
            if line.lstrip().startswith("```"):
                in_code = not in_code
                continue
            command = line.split("#")[0].strip().removeprefix("- run: ").removeprefix("- ")
            if in_code and "pip install" in command:
                command = command[command.index("pip install") :].strip()
                if not _WORKING_INSTALLS.match(command):
                    found.append(f"{page.relative_to(ROOT)}: {command}")
    assert found == []


def test_no_page_pins_a_release_that_does_not_exist() -> None:
    pinned = [
        f"{page.relative_to(ROOT)}: {line.strip()}"
        for page in sorted((ROOT / "docs").rglob("*.md"))
        for line in page.read_text("utf-8").splitlines()
        if re.match(r"\s*rev:\s*v\d", line)
    ]
    assert pinned == []
