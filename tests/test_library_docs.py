"""Every Python example of docs/library.md runs, in order, in a folder with the
examples; the ```text block after an example is exactly what it prints."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest

from .helpers import ROOT

PAGE = ROOT / "docs" / "library.md"
# A Python block, and the text block that follows it (if one does, with nothing but
# blank lines between them).
_EXAMPLE = re.compile(r"^```python\n(.*?)^```\n(?:\n*^```text\n(.*?)^```)?", re.S | re.M)


def examples(page: Path) -> list[tuple[str, str | None]]:
    return [(m[1], m[2]) for m in _EXAMPLE.finditer(page.read_text("utf-8"))]


def test_every_example_prints_what_the_page_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # one DTSTAMP for the feeds
    found = examples(PAGE)
    assert len(found) >= 7
    namespace: dict[str, object] = {"__name__": "library_md"}
    shown, printed = [], []
    for index, (code, output) in enumerate(found):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"docs/library.md example {index + 1}", "exec"), namespace)
        if output is not None:
            shown.append(output)
            printed.append(out.getvalue())
    assert printed == shown
    assert sorted(os.listdir(tmp_path)) == ["examples", "meetup.ics", "meetup.yaml"]


def test_every_example_has_its_output_or_prints_nothing() -> None:
    # An example without a text block must print nothing (else its output is unchecked).
    assert all(output is not None or "print(" not in code for code, output in examples(PAGE))
