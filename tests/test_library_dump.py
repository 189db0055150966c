"""agenda_kit.dump and dumps: the house style of `agenda-kit import`, and load -> dump ->
load gives the same agenda in every format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import agenda_kit
from agenda_kit.cli import main

from .helpers import REALWORLD, SEED

FORMATS = ("yaml", "json", "toml")


def test_dumps_writes_what_agenda_kit_import_writes(tmp_path: Path) -> None:
    out = tmp_path / "imported.yaml"
    source = REALWORLD / "schedules" / "frab-camp2019.json"
    assert main(["import", "-q", str(source), "-o", str(out)]) in (0, 1)
    written = out.read_text("utf-8")
    body = "".join(line for line in written.splitlines(True) if not line.startswith("#"))
    assert agenda_kit.dumps(agenda_kit.load(out)) == body


def test_the_seed_round_trips_through_every_format_and_its_file(tmp_path: Path) -> None:
    seed = agenda_kit.load(SEED)
    for fmt, suffix in (("yaml", ".yml"), ("json", ".json"), ("toml", ".toml")):
        path = tmp_path / f"seed{suffix}"
        agenda_kit.dump(seed, path)
        assert path.read_text("utf-8") == agenda_kit.dumps(seed, fmt)
        assert agenda_kit.load(path).model_dump() == seed.model_dump()
        assert agenda_kit.check(agenda_kit.load(path)).to_dict()["diagnostics"] == []
    forced = tmp_path / "seed.txt"
    agenda_kit.dump(seed, forced, format="json")
    assert forced.read_text("utf-8") == agenda_kit.dumps(seed, "json")


def test_the_yaml_is_the_seed_file_minus_its_comments() -> None:
    seed = SEED.read_text("utf-8")
    dumped = agenda_kit.dumps(agenda_kit.load(SEED))
    assert agenda_kit.loads(dumped).model_dump() == agenda_kit.loads(seed).model_dump()
    assert dumped.startswith("agenda: 1\nevent:\n  id: technopark-2024\n")


def test_an_unknown_format_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    path = tmp_path / "out.yaml"
    path.write_text("old", "utf-8")
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        agenda_kit.dump(agenda_kit.load(SEED), path, format="xml")  # type: ignore[arg-type]
    assert path.read_text("utf-8") == "old"


# --- generated agendas ----------------------------------------------------------------

# Text the model takes: no control characters; everything else, YAML and TOML
# indicators, quotes, line separators and astral characters included.
_CHARS = st.characters(exclude_categories=("Cc", "Cs"))
TEXT = st.text(_CHARS, min_size=1, max_size=12)
NOTES = st.text(st.one_of(_CHARS, st.sampled_from("\n\t")), max_size=20)
IDS = st.from_regex(r"[a-z0-9_][a-z0-9_.\-]{0,6}", fullmatch=True)
CLOCK = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))


@st.composite
def sessions(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    out: dict[str, Any] = {"title": draw(st.text(_CHARS, max_size=12))}
    if draw(st.booleans()):
        out["id"] = draw(IDS)
    timing = draw(st.sampled_from(["time", "start", "none"]))
    if timing == "time":
        out["time"] = f"{draw(CLOCK)}-{draw(CLOCK)}"
    elif timing == "start":
        out["start"] = draw(CLOCK)
        out["minutes"] = draw(st.integers(0, 600))
    else:
        out["minutes"] = draw(st.integers(-5, 120))
    extra = {
        "kind": st.sampled_from(agenda_kit.model.KINDS),
        "speakers": st.lists(IDS, max_size=2),
        "room": IDS,
        "description": NOTES,
        "url": st.just("https://example.org/a?b=c&d=%20"),
        "attendance": st.integers(0, 10**9),
        "ignore": st.lists(st.sampled_from(["gap", "AK2", "ALL"]), max_size=2),
        "fixed": st.booleans(),
        "flex": st.fixed_dictionaries({}, optional={"min": st.integers(0, 60)}),
    }
    for key, strategy in extra.items():
        if draw(st.booleans()):
            out[key] = draw(strategy)
    if depth == 0 and draw(st.integers(0, 4)) == 0:
        out["children"] = draw(st.lists(sessions(depth=1), max_size=2))
    return out


@st.composite
def agendas(draw: st.DrawFn) -> agenda_kit.Agenda:
    event: dict[str, Any] = {
        "id": draw(IDS),
        "title": draw(TEXT),
        "date": draw(st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31))).isoformat(),
        "timezone": draw(st.sampled_from(["Asia/Seoul", "Europe/Berlin", "UTC"])),
    }
    if draw(st.booleans()):
        event["window"] = f"{draw(CLOCK)}-{draw(CLOCK)}"
    if draw(st.booleans()):
        event["description"] = draw(NOTES)
    doc: dict[str, Any] = {"agenda": 1, "event": event}
    rooms = draw(st.dictionaries(IDS, st.fixed_dictionaries({"name": TEXT}), max_size=3))
    if rooms or draw(st.booleans()):
        transfers = [
            {"from": a, "to": b, "minutes": draw(st.integers(0, 30))}
            for a, b in zip(list(rooms), list(rooms)[1:], strict=False)
        ]
        doc["venue"] = {"name": draw(TEXT), "rooms": rooms, "transfers": transfers}
    doc["speakers"] = draw(
        st.dictionaries(
            IDS,
            st.fixed_dictionaries(
                {"name": TEXT}, optional={"affiliation": TEXT, "email": st.just("a@b.c")}
            ),
            max_size=3,
        )
    )
    doc["parts"] = draw(
        st.lists(
            st.fixed_dictionaries(
                {"sessions": st.lists(sessions(), max_size=4)},
                optional={
                    "id": IDS,
                    "title": TEXT,
                    "contiguous": st.booleans(),
                    "changeover-required": st.booleans(),
                    "breaks": st.lists(st.just("12:00-13:00"), max_size=1),
                },
            ),
            max_size=3,
        )
    )
    if draw(st.booleans()):
        doc["x-agenda-kit"] = {"ignore": ["gap"], "severity": {"AK2": "warning"}}
    return agenda_kit.Agenda.model_validate(doc)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agenda=agendas())
def test_load_dump_load_is_the_identity(fmt: str, agenda: agenda_kit.Agenda) -> None:
    text = agenda_kit.dumps(agenda, fmt)  # type: ignore[arg-type]
    again = agenda_kit.loads(text, fmt)  # type: ignore[arg-type]
    assert again.model_dump() == agenda.model_dump()
    assert agenda_kit.dumps(again, fmt) == text  # type: ignore[arg-type]
