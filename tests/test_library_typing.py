"""Code that uses agenda_kit passes mypy --strict with and without the pydantic plugin:
tests/typing/ (every model built, the public API used) and every Python example of
the README, docs/library.md and docs/getting-started.md."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import ROOT

TYPING = ROOT / "tests" / "typing"
PAGES = ("README.md", "docs/library.md", "docs/getting-started.md")
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def python_blocks(page: str) -> list[str]:
    return _BLOCK.findall((ROOT / page).read_text("utf-8"))


def test_the_pages_have_examples_to_check() -> None:
    assert {page: len(python_blocks(page)) > 0 for page in PAGES} == dict.fromkeys(PAGES, True)


@pytest.mark.parametrize("config", ["mypy-plugin.ini", "mypy-plain.ini"])
def test_examples_and_typing_files_pass_mypy_strict(config: str, tmp_path: Path) -> None:
    files = sorted(str(p) for p in TYPING.glob("*.py"))
    for page in PAGES:
        stem = re.sub(r"\W", "_", Path(page).stem.lower())
        # A page's examples are one program (later ones use what earlier ones made).
        module = tmp_path / f"example_{stem}.py"
        module.write_text("\n".join(python_blocks(page)), "utf-8")
        files.append(str(module))
    env = {**os.environ, "MYPYPATH": str(ROOT / "src")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(TYPING / config),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--no-error-summary",
            *files,
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_typing_script_builds_an_agenda_that_loads_back() -> None:
    sys.path.insert(0, str(TYPING))
    try:
        import build_models
    finally:
        sys.path.remove(str(TYPING))
    import agenda_kit

    agenda = build_models.build()
    assert build_models.change(agenda) == "09:05"
    again = agenda_kit.loads(agenda_kit.dumps(agenda))
    assert again.model_dump() == agenda.model_dump()
    assert again.venue is not None and again.venue.transfers[0].from_ == "a"
    assert build_models.limits().max_sessions == 50
