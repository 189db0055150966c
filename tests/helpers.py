"""Helpers the test modules share: paths of the fixtures, the expectations written in
fixture agendas, and running the command line. Test modules import these from here,
never from one another (and not from conftest, which pytest loads as a plugin)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

__all__ = [
    "AGENDAS",
    "CONTROLS",
    "HERBST",
    "INVITE",
    "REALWORLD",
    "ROOT",
    "SCENARIO",
    "SEED",
    "T1",
    "T2",
    "T3",
    "changed_scenario",
    "expected_diagnostics",
    "lines",
    "run",
]

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


# --- invitations: the scenario agendas and running `agenda-kit invite` ---------------

INVITE = Path(__file__).resolve().parent / "invite"
HERBST = INVITE / "herbst-2024.yaml"
SCENARIO = INVITE / "scenario.yaml"
T1, T2, T3 = "1727773200", "1728032400", "1728291600"  # 1, 4 and 7 October 2024, 09:00Z


def run(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, epoch: str
) -> tuple[int, list[str], str]:
    """``agenda-kit ARGS`` with SOURCE_DATE_EPOCH=epoch: (exit code, stdout lines, stderr)."""
    from agenda_kit.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    code = main(args)
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def lines(data: bytes) -> list[str]:
    """The unfolded content lines of an .ics."""
    out: list[str] = []
    for raw in data.decode().split("\r\n"):
        if raw.startswith(" "):
            out[-1] += raw[1:]
        elif raw:
            out.append(raw)
    return out


def changed_scenario(path: Path) -> Path:
    """The scenario agenda with the keynote moved by 10 minutes, talk B retitled and talk
    C removed."""
    text = SCENARIO.read_text("utf-8")
    text = text.replace("time: 09:00-10:00", "time: 09:10-10:10")
    text = text.replace("time: 10:00-10:30, kind: break", "time: 10:10-10:30, kind: break")
    text = text.replace("title: Talk B", "title: Talk B (new title)")
    text = text.replace(
        "      - {id: talk-c, time: 12:00-12:30, title: Talk C, speakers: [ana]}\n", ""
    )
    path.write_text(text, "utf-8")
    return path
