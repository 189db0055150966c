"""Bombs and limits: every hostile document ends quickly in a positioned LoadError."""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

import pytest

import agenda_kit
from agenda_kit import LoadError, loaders
from agenda_kit.cli import main
from agenda_kit.loaders import DEFAULT_LIMITS, Limits
from agenda_kit.loaders._libyaml import available

HEAD = "agenda: 1\nevent:\n  id: e\n  title: T\n  date: 2025-03-18\n  timezone: Asia/Seoul\n"


@pytest.fixture(autouse=True, params=["libyaml", "ruamel"])
def yaml_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every limit holds on both YAML paths: libyaml (which hands what it will not read
    to ruamel) and ruamel alone."""
    if request.param == "ruamel":
        monkeypatch.setattr(loaders, "_fast_yaml", None)
    elif not available():
        pytest.skip("PyYAML with libyaml is not installed")
    return str(request.param)


# Generous: each of these finishes in milliseconds; before the limits they took 20 to
# 80 seconds or ran out of memory.
BOUND = 5.0


def refused(
    text: str, fmt: str = "yaml", code: str = "AK104", **kwargs: object
) -> tuple[str, int, int, float]:
    """The single diagnostic (message, line, column) of loading ``text``, and the time;
    its code must be ``code`` (AK104 input-limit unless said otherwise)."""
    began = time.perf_counter()
    with pytest.raises(LoadError) as caught:
        agenda_kit.loads(text, fmt, name="bomb", **kwargs)  # type: ignore[arg-type]
    took = time.perf_counter() - began
    [d] = caught.value.diagnostics
    assert (d.location.file, d.code) == ("bomb", code)
    if code == "AK104":  # every limit says how to raise it
        assert "in [limits] of .agenda-kit.toml" in d.hint
    return d.message, d.location.line, d.location.column, took


def laughs(levels: int = 10) -> list[str]:
    lines = ['  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"  a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    return lines


def test_billion_laughs_under_an_unknown_key_is_refused_at_the_alias() -> None:
    text = HEAD + "parts: []\nunknown:\n" + "\n".join(laughs()) + "\n"
    message, line, column, took = refused(text)
    # The aliases of a1 to a4 stand for 74,718 nodes; the first *a4 of a5 adds 66,430.
    assert (line, column) == (14, 12)
    assert message == (
        "alias expansion refused: the aliases up to *a4 stand for more than "
        "100,000 nodes (limit max-alias-nodes)"
    )
    assert took < BOUND


def test_children_repeated_through_aliases_are_refused() -> None:
    # 658 bytes in the report: millions of sessions once expanded.
    text = HEAD + "parts:\n  - sessions:\n    - &s0 {title: a, minutes: 1}\n"
    for i in range(1, 8):
        text += f"    - &s{i} {{title: a, children: [" + ", ".join([f"*s{i - 1}"] * 10) + "]}\n"
    assert len(text.encode()) < 1000
    message, line, column, took = refused(text)
    assert "alias expansion refused" in message and "*s4" in message  # on the line of s5
    assert (line, column) == (14, 33)
    assert took < BOUND


def test_a_few_aliases_still_load() -> None:
    text = HEAD + (
        "speakers:\n  ada: {name: Ada}\n"
        "parts:\n"
        "  - sessions:\n"
        "      - &talk {title: Talk, start: '10:00', minutes: 30, speakers: [ada]}\n"
        "      - *talk\n"
        "      - {<<: *talk, title: Other}\n"
    )
    agenda = agenda_kit.loads(text)
    assert [s.title for s in agenda.parts[0].sessions] == ["Talk", "Talk", "Other"]


def test_an_alias_inside_its_own_node_is_refused() -> None:
    message, line, column, _ = refused(HEAD + "parts: &p\n  - sessions: *p\n", code="AK101")
    assert message == (
        "invalid YAML: the alias *p is inside the node it names (a recursive structure)"
    )
    assert (line, column) == (8, 15)


def test_alias_expansion_limit_is_configurable() -> None:
    text = HEAD + "parts: []\nunknown:\n" + "\n".join(laughs(3)) + "\n"
    # 3 levels: 9 + 9 * 10 + ... fits the default, not a limit of 50.
    with pytest.raises(LoadError) as caught:
        agenda_kit.loads(text)
    assert "unknown key `unknown`" in caught.value.diagnostics[0].message
    message, line, column, _ = refused(text, limits=Limits(max_alias_nodes=50))
    assert "more than 50 nodes" in message
    assert (line, column) == (10, 32)  # the sixth *a0 (10 nodes each) of a1


def test_an_alias_cannot_nest_past_the_depth_limit() -> None:
    deep = "[" * 40 + "]" * 40
    b = "[*a, " + "[" * 25 + "*a" + "]" * 26
    text = HEAD + f"parts: []\nx:\n  a: &a {deep}\n  b: &b {b}\n"
    message, line, column, _ = refused(text)
    assert "nests the document more than 64 levels deep" in message
    assert (line, column) == (10, 39)  # the second *a: 40 levels under 28


@pytest.mark.parametrize(
    ("fmt", "text", "position"),
    [
        ("json", '{"agenda": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}", (1, 83)),
        ("yaml", "agenda: 1\nx: " + "[" * 100_000 + "]" * 100_000 + "\n", (2, 67)),
        ("toml", "agenda = 1\nx = " + "[" * 100_000 + "]" * 100_000 + "\n", (2, 69)),
        # Below the interpreter's own limit, the same message and place.
        ("json", '{"agenda": 1, "x": ' + "[" * 500 + "]" * 500 + "}", (1, 83)),
        ("toml", "agenda = 1\nx = " + "[" * 500 + "]" * 500 + "\n", (2, 69)),
        ("json", '{"x": ' + '{"a": ' * 100 + "1" + "}" * 100 + "}", (1, 1 + 6 + 6 * 63)),
    ],
)
def test_deep_nesting_is_refused_where_it_passes_the_limit(
    fmt: str, text: str, position: tuple[int, int]
) -> None:
    message, line, column, took = refused(text, fmt)
    assert message == "the document nests more than 64 levels deep (limit max-depth)"
    assert (line, column) == position
    assert took < BOUND


def test_sessions_nested_to_the_depth_limit_still_load() -> None:
    # Each level of children is two levels of the document (the list and the session).
    session = "{title: leaf, minutes: 5}"
    for _ in range(28):
        session = "{title: t, start: '10:00', minutes: 60, children: [" + session + "]}"
    agenda = agenda_kit.loads(HEAD + "parts:\n  - sessions: [" + session + "]\n")
    assert agenda_kit.check(agenda).broken is False


@pytest.mark.parametrize(
    ("fmt", "text", "position"),
    [
        ("yaml", "agenda: 1\nx: " + "1" * 5000 + "\n", (2, 4)),
        ("json", '{"agenda": 1,\n "x": ' + "1" * 5000 + "}", (2, 7)),
        ("toml", "agenda = 1\nx = " + "1" * 5000 + "\n", (2, 5)),
    ],
)
def test_a_number_of_thousands_of_digits(fmt: str, text: str, position: tuple[int, int]) -> None:
    message, line, column, _ = refused(text, fmt, code="AK101")
    assert message == f"invalid {fmt.upper()}: a number with more than 4,300 digits"
    assert (line, column) == position


def test_too_many_sessions() -> None:
    sessions = "".join(f"      - {{title: s{i}, minutes: 5}}\n" for i in range(12))
    text = HEAD + "parts:\n  - sessions:\n      - {title: first, start: '09:00', minutes: 5}\n"
    text += sessions
    message, line, column, _ = refused(text, limits=Limits(max_sessions=10))
    assert message == "the agenda has more than 10 sessions (limit max-sessions)"
    assert (line, column) == (19, 9)  # the eleventh session
    nested = HEAD + "parts:\n  - sessions:\n      - title: a\n        children:\n"
    nested += "".join(f"          - {{title: c{i}, minutes: 5}}\n" for i in range(3))
    _, line, column, _ = refused(nested, limits=Limits(max_sessions=3))
    assert (line, column) == (13, 13)


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    # 50 MB and one byte: a comment, so that only the size is wrong.
    with path.open("wb") as out:
        out.write(HEAD.encode() + b"parts: []\n#")
        out.truncate(DEFAULT_LIMITS.max_bytes + 1)
    began = time.perf_counter()
    with pytest.raises(LoadError) as caught:
        agenda_kit.load(path)
    assert time.perf_counter() - began < BOUND
    [d] = caught.value.diagnostics
    assert (d.code, d.location.line, d.location.column) == ("AK104", 1, 1)
    assert d.message == "the file is larger than 52,428,800 bytes (limit max-bytes)"
    assert d.hint == (
        "Split the file; if it is trusted, raise `max-bytes` in [limits] of .agenda-kit.toml."
    )
    small = tmp_path / "small.yaml"
    small.write_text(HEAD + "parts: []\n" + "#" * 100 + "\n", "utf-8")
    with pytest.raises(LoadError) as caught:
        agenda_kit.load(small, limits=Limits(max_bytes=100))
    assert "larger than 100 bytes" in caught.value.diagnostics[0].message
    with pytest.raises(LoadError) as caught:
        agenda_kit.loads(small.read_text("utf-8"), limits=Limits(max_bytes=100))
    assert caught.value.diagnostics[0].key == "input-limit.size"


def test_limits_are_validated() -> None:
    with pytest.raises(ValueError, match="max_depth must be at most 200"):
        Limits(max_depth=10_000)
    with pytest.raises(ValueError, match="positive integer"):
        Limits(max_sessions=0)
    assert Limits.from_mapping({"max-sessions": 5}) == Limits(max_sessions=5)
    with pytest.raises(ValueError, match="unknown limit `max-things`"):
        Limits.from_mapping({"max-things": 5})


def test_limits_from_the_settings_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    agenda = tmp_path / "a.yaml"
    agenda.write_text(
        HEAD
        + "parts:\n  - sessions:\n      - {id: s0, title: s, start: '09:00', minutes: 5}\n"
        + "".join(f"      - {{id: s{i}, title: s, minutes: 5}}\n" for i in (1, 2)),
        "utf-8",
    )
    assert main(["check", "--format", "concise", str(agenda)]) == 0
    capsys.readouterr()
    (tmp_path / ".agenda-kit.toml").write_text("[limits]\nmax-sessions = 2\n", "utf-8")
    assert main(["check", "--format", "concise", str(agenda)]) == 2
    out = capsys.readouterr().out
    assert f"{agenda}:11:9: AK104 [error] input-limit: the agenda has more than 2 sessions" in out
    # export reads the same limits
    assert main(["export", str(agenda), "-o", str(tmp_path / "a.ics")]) == 2
    assert "more than 2 sessions" in capsys.readouterr().err
    assert not (tmp_path / "a.ics").exists()


def test_an_agenda_cannot_set_its_own_limits() -> None:
    text = HEAD + "parts: []\nx-agenda-kit:\n  limits:\n    max-sessions: 1000000000\n"
    message, line, column, _ = refused(text, code="AK102")
    assert message == (
        "`x-agenda-kit`: `limits` cannot be set in the agenda itself (they apply while it is "
        "read): set them in .agenda-kit.toml"
    )
    assert (line, column) == (9, 3)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_never_blocks_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "real.yaml").write_text(
        HEAD + "parts:\n  - sessions:\n      - {id: s, title: s, start: '09:00', minutes: 5}\n",
        "utf-8",
    )
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    results: list[int] = []
    # In a thread, so that a regression fails the test instead of hanging the suite.
    worker = threading.Thread(target=lambda: results.append(main(["check", str(tmp_path)])))
    worker.daemon = True
    worker.start()
    worker.join(30)
    assert results == [0]  # the folder: the FIFO is skipped
    assert capsys.readouterr().out == "All checks passed (1 file).\n"
    worker = threading.Thread(
        target=lambda: results.append(main(["check", "--format", "concise", str(fifo)]))
    )
    worker.daemon = True
    worker.start()
    worker.join(30)
    assert results == [0, 2]  # named: refused, not read
    assert capsys.readouterr().out.startswith(
        f"{fifo}:1:1: AK100 [error] unreadable-file: cannot read the file: not a regular file"
    )


@pytest.mark.parametrize("opener", ["[", "{a: ", "[{a: "])
def test_flow_openers_are_refused_as_the_scanner_reads_them(opener: str) -> None:
    # ruamel's scanner keeps a possible key per open bracket and rescans up to a
    # thousand of them for every token, so a line of brackets cost 1.7 s of scanning
    # before the composer refused the first level past the limit (a fuzzing "hang"
    # under load); the scanner now refuses them itself, in under 0.1 s.
    from agenda_kit.loaders import _yaml
    from agenda_kit.loaders.limits import LimitExceeded

    text = "agenda: 1\nx:\n  t: " + opener * (5_000_000 // len(opener)) + "\n"
    with pytest.raises(LimitExceeded) as caught:
        for _ in _yaml(Limits(max_depth=64)).scan(text):  # tokens only, no composer
            pass
    # Two block mappings around it: the 63rd bracket makes 65 levels.
    line3 = text.split("\n")[2]
    brackets = [i for i, c in enumerate(line3) if c in "[{"]
    assert (caught.value.line, caught.value.column) == (3, brackets[62] + 1)
    message, line, column, took = refused(text)
    assert message == "the document nests more than 64 levels deep (limit max-depth)"
    # The composer counts the keys of flow mappings as levels too, so it may refuse a
    # few characters earlier; never later.
    assert line == 3
    assert brackets[61] < column <= caught.value.column
    assert took < BOUND


def test_an_anchor_defined_again_loads_without_a_warning() -> None:
    # YAML 1.2 allows it (an alias takes the latest definition). pytest turns warnings
    # into errors here, so a ReusedAnchorWarning from ruamel fails this test; the
    # unknown keys make the loader look positions up, the second YAML read.
    text = HEAD + "x1: &a 1\nx2: &a 2\nparts: []\n"
    with pytest.raises(LoadError) as caught:
        agenda_kit.loads(text, "yaml", name="a.yaml")
    assert [(d.location.line, d.code, d.message) for d in caught.value.diagnostics] == [
        (7, "AK102", "unknown key `x1`"),
        (8, "AK102", "unknown key `x2`"),
    ]
