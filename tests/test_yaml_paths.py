"""The two YAML paths (libyaml through PyYAML, and ruamel.yaml in pure Python) give the
same data, the same positions and the same diagnostics, for every fixture and for
generated agendas written in many YAML styles."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import agenda_kit
from agenda_kit import LoadError, loaders
from agenda_kit.loaders import DEFAULT_LIMITS, Limits, Source, parse
from agenda_kit.loaders._libyaml import available, load_fast
from agenda_kit.loaders.limits import LimitExceeded
from agenda_kit.loaders.locate import TreeLocator
from agenda_kit.loaders.positions import index_yaml

from .helpers import AGENDAS, INVITE, REALWORLD, ROOT

pytestmark = pytest.mark.skipif(not available(), reason="PyYAML with libyaml is not installed")

FIXTURES = sorted(
    [
        *AGENDAS.rglob("*.yaml"),
        *AGENDAS.rglob("*.yml"),
        *(ROOT / "examples").rglob("*.yaml"),
        *INVITE.rglob("*.yaml"),
        *REALWORLD.glob("agendas/*.y*ml"),
    ]
)


def ruamel_only(fn: Any, *args: Any, **kwargs: Any) -> Any:
    saved = loaders._fast_yaml
    loaders._fast_yaml = None
    try:
        return fn(*args, **kwargs)
    finally:
        loaders._fast_yaml = saved


def outcome(text: str, limits: Limits = DEFAULT_LIMITS) -> tuple[str, Any]:
    """What loading and checking ``text`` gives: the agenda and its findings, or the
    load error's diagnostics."""
    try:
        agenda = agenda_kit.loads(text, "yaml", name="a.yaml", limits=limits)
    except LoadError as exc:
        return "error", [d.to_dict() for d in exc.diagnostics]
    found = [d.to_dict() for d in agenda_kit.check(agenda).diagnostics]
    return "agenda", (agenda.model_dump(mode="json"), found)


def same_data(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def every_path(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            out += every_path(item, (*path, str(key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += every_path(item, (*path, i))
    return out


def assert_same_reading(text: str, limits: Limits = DEFAULT_LIMITS) -> bool:
    """Both paths read ``text`` alike; True when the fast path took it (or refused it,
    as it does for aliases past the limit)."""
    try:
        fast, refused = load_fast(text, limits), False
    except LimitExceeded:
        fast, refused = None, True
    slow_source = Source("a.yaml", text, "yaml")
    try:
        slow = ruamel_only(parse, slow_source, limits)
    except LoadError as exc:
        assert fast is None, "libyaml read what ruamel refuses"
        error = [d.to_dict() for d in exc.diagnostics]
        assert outcome(text, limits) == ("error", error)  # a refusal: the same one
        return refused
    assert not refused, "the fast path refused what ruamel reads"
    if fast is None:
        return False
    data, tree = fast
    assert same_data(data, slow)
    index, locator = index_yaml(text), TreeLocator(tree)
    probes = every_path(slow)
    probes += [(*p, "missing") for p in probes] + [(*p, 0) for p in probes]
    for path in probes:
        for key in (False, True):
            assert locator.find(path, key=key) == index.find(path, key=key), (path, key)
    return True


def assert_same_outcome(text: str, limits: Limits = DEFAULT_LIMITS) -> None:
    assert outcome(text, limits) == ruamel_only(outcome, text, limits)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_fixture_reads_alike_on_both_paths(path: Path) -> None:
    text = path.read_text("utf-8")
    took = assert_same_reading(text)
    assert_same_outcome(text)
    if "syntax-error" not in path.name and "duplicate-key" not in path.name:
        assert took, "the fast path gave this fixture to ruamel"


def test_the_fixtures_are_many() -> None:
    assert len(FIXTURES) > 40


# --- scalars the YAML 1.2 core schema reads otherwise than YAML 1.1 -----------------

PLAIN = [
    "15:00",
    "15:00~15:03",
    "09:30-10:00",
    "1:30:00",
    "190:20:30",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "true",
    "False",
    "TRUE",
    "null",
    "~",
    "Null",
    "NULL",
    "nil",
    "012",
    "0o17",
    "0x1F",
    "0b101",
    "1_000",
    "+12",
    "-0",
    "1e3",
    "1.5e3",
    "1.",
    ".5",
    "-.inf",
    ".NaN",
    "+.INF",
    "2024-10-17",
    "2024-10-17 09:00:00",
    "2024-10-17T09:00:00Z",
    "12e",
    "0x",
    "1__2",
    "_1",
    "abc",
    "3 apples",
    "-",
    "0.0.1",
    "-_",
    "+_",
    "0x_",
    "0o_",
    "0b_",
    "._",
    "-._",
    "1_000_",
]


@pytest.mark.parametrize("scalar", PLAIN)
def test_plain_scalars_resolve_as_ruamel_resolves_them(scalar: str) -> None:
    for text in (f"a: {scalar}\n", f"- {scalar}\n", f"{{a: {scalar}, {scalar}: b}}\n"):
        assert_same_reading(text)


@pytest.mark.parametrize("scalar", ["-_", "+_", "0x_", "0o_", "0b_", "._", "-._"])
def test_a_number_pattern_without_digits_is_text_on_both_paths(scalar: str) -> None:
    # These match ruamel's int or float pattern, and converting them failed with a
    # ValueError: `agenda-kit check` said "internal error" instead of reading a title.
    text = (
        "agenda: 1\nevent: {id: e, title: " + scalar + ", date: 2025-03-18, "
        "timezone: Asia/Seoul}\nparts: []\n"
    )
    for read in (agenda_kit.loads, lambda t: ruamel_only(agenda_kit.loads, t)):
        assert read(text).event.title == scalar


@pytest.mark.parametrize(
    "text",
    [
        'a: "x\ty"\n',
        "a: 'x\ty'\n",
        'a: "x\n\ty"\n',
        '{a: "\tx", 한국어: "q\t"}\n',
        "- 'a\t'\n- \"\tb\"\n",
    ],
)
def test_tabs_inside_quotes_are_read_by_libyaml(text: str) -> None:
    assert assert_same_reading(text)


def test_an_unquoted_time_in_a_flow_mapping_stays_text() -> None:
    fast = load_fast("- {id: a, time: 15:00~15:03, minutes: 3}\n", DEFAULT_LIMITS)
    assert fast is not None
    assert fast[0] == [{"id": "a", "time": "15:00~15:03", "minutes": 3}]


# --- what the fast path leaves to ruamel, and why the results still agree ----------


@pytest.mark.parametrize(
    "text",
    [
        "%YAML 1.1\n---\na: yes\n",
        "a: !!str 15:00\n",
        "a: !custom x\n",
        "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",
        "? [a, b]\n: c\n",
        "a: 1\na: 2\n",
        "1: a\n'1': b\n",
        "1: a\n01: b\n",
        "a: =\n",
        "a: 1\n---\nb: 2\n",
        "a: [1, 2\n",
        "a: 'x\n",
        "a: \u2028b\n",
        "a: b\u2028c: d\n",
        "a: b\u2029c: d\n",
        "a: x\x85y\n",
        "a: *nowhere\n",
        "a: &x [1, *x]\n",
        "a:\n\t- b\n",
        "a: x\t\n",
        "a:\t1\n",
        "a: tab\there\n",
        "{a: tab\there}\n",
        "a: 'x'\t\n",
        "a: 'x'\nb: y\t# c\n",
        "a: b: c\n",
        "- a\nb: c\n",
        "a: \ufeffb\n",
        "a: \x07\n",
    ],
)
def test_what_the_fast_path_leaves_reads_alike(text: str) -> None:
    assert not assert_same_reading(text)
    assert_same_outcome(text)


# --- generated agendas in many YAML styles -------------------------------------------

WORDS = st.sampled_from(
    [
        "Talk",
        "일정 관리와 시간대",
        "Coffee, tea; and cake",
        "yes",
        "no",
        "15:00",
        "null",
        "#hash",
        "a: b",
        "- dash",
        "[x]",
        "quote ' and \"",
        "tab\there",
        "multi\nline",
        " padded ",
        "",
        "ümlaut 😀",
        "12",
        "1.5",
        "true",
        "~",
    ]
)
IDS = st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True)


def scalar_text(value: Any, style: str) -> str:
    """``value`` written as a YAML scalar in one of several styles."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if style == "plain" and value and value.strip() == value and "\n" not in value:
        return value
    if style == "single" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped.replace("\t", "\\t") + '"'


def write(value: Any, style: st.DrawFn, indent: int = 0) -> list[str]:
    """Block YAML for ``value``, flow or block per collection as drawn."""
    pad = " " * indent
    kind = style(st.sampled_from(["plain", "single", "double"]))
    if isinstance(value, dict):
        if not value or style(st.booleans()):
            return [pad + flow(value, style)]
        lines = []
        for key, item in value.items():
            head = f"{pad}{scalar_text(key, 'plain')}:"
            if isinstance(item, dict | list) and item and not style(st.booleans()):
                lines.append(head + (f"  # {key}" if style(st.booleans()) else ""))
                lines += write(item, style, indent + 2)
            elif isinstance(item, dict | list):
                lines.append(head + " " + flow(item, style))
            else:
                lines.append(head + " " + scalar_text(item, kind))
        return lines
    if isinstance(value, list):
        if not value or style(st.booleans()):
            return [pad + flow(value, style)]
        lines = []
        for item in value:
            if isinstance(item, dict) and item and not style(st.booleans()):
                inner = write(item, style, indent + 2)
                lines.append(pad + "- " + inner[0].lstrip())
                lines += inner[1:]
            elif isinstance(item, dict | list):
                lines.append(pad + "- " + flow(item, style))
            else:
                lines.append(pad + "- " + scalar_text(item, kind))
        return lines
    return [pad + scalar_text(value, kind)]


def flow(value: Any, style: st.DrawFn) -> str:
    kind = style(st.sampled_from(["single", "double", "plain"]))
    if isinstance(value, dict):
        inner = ", ".join(f"{scalar_text(k, 'plain')}: {flow(v, style)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v, style) for v in value) + "]"
    if kind == "plain" and isinstance(value, str) and any(c in value for c in ",[]{}#:"):
        kind = "double"
    return scalar_text(value, kind)


@st.composite
def agendas(draw: st.DrawFn) -> dict[str, Any]:
    speakers = draw(st.lists(IDS, min_size=1, max_size=5, unique=True))
    sessions = []
    for i in range(draw(st.integers(0, 6))):
        session: dict[str, Any] = {"id": f"s{i}", "title": draw(WORDS)}
        session["minutes"] = draw(st.sampled_from([5, 30, 45, "30", 0, -5, 1.5]))
        if draw(st.booleans()):
            session["time"] = draw(st.sampled_from(["15:00~15:30", "09:00-09:30", "9:00", 900]))
        if draw(st.booleans()):
            session["speakers"] = draw(st.lists(st.sampled_from([*speakers, "nobody"])))
        if draw(st.booleans()):
            session["kind"] = draw(st.sampled_from(["talk", "break", "keynote", "bogus"]))
        if draw(st.integers(0, 9)) == 0:
            session[draw(st.sampled_from(["titel", "extra", "minute"]))] = draw(WORDS)
        sessions.append(session)
    agenda: dict[str, Any] = {
        "agenda": 1,
        "event": {
            "id": draw(IDS),
            "title": draw(WORDS),
            "date": draw(st.sampled_from(["2024-10-17", "2024-13-01", "2024-03-31"])),
            "timezone": draw(st.sampled_from(["Asia/Seoul", "Europe/Berlin", "EST", "Mars/X"])),
        },
        "speakers": {s: {"name": draw(WORDS)} for s in speakers},
        "parts": [
            {
                "id": "p",
                "start": draw(st.sampled_from(["09:00", "9:00", "23:30", "25:00"])),
                "sessions": sessions,
            }
        ],
    }
    if draw(st.booleans()):
        agenda["event"]["lang"] = draw(st.sampled_from(["en", "ko", "yes", "xx-YY"]))
    return agenda


@given(agendas(), st.data())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_agendas_read_alike(agenda: dict[str, Any], data: st.DataObject) -> None:
    lines = write(agenda, data.draw)
    if data.draw(st.booleans()):
        lines.insert(0, "# a generated agenda")
    if data.draw(st.booleans()):
        lines.insert(0, "---")
    newline = data.draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines) + newline
    assert_same_reading(text)
    assert_same_outcome(text)


@given(st.integers(1, 5), st.integers(1, 12), st.integers(2, 20))
@settings(max_examples=40, deadline=None)
def test_aliases_and_limits_read_alike(levels: int, fan: int, max_depth: int) -> None:
    lines = ["agenda: 1", "extra:", "  a0: &a0 [x, y]"]
    for i in range(1, levels):
        lines.append(f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * fan) + "]")
    lines.append("  deep: " + "[" * max_depth + "]" * max_depth)
    text = "\n".join(lines) + "\n"
    for limits in (
        DEFAULT_LIMITS,
        Limits(max_alias_nodes=50, max_depth=max_depth),
        Limits(max_depth=max_depth),
    ):
        assert_same_reading(text, limits)
        assert_same_outcome(text, limits)


def test_the_fast_path_refuses_an_alias_bomb_itself_as_ruamel_does() -> None:
    # Aliases past the limit, then 200 KB more: the fast path refuses at the alias
    # (the pure-Python reader took seconds to reach it), with ruamel's diagnostic.
    lines = ["agenda: 1", "extra:", "  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 7)]
    lines += ["  more: [" + ", ".join(["[lol, lol]"] * 20_000) + "]"]
    text = "\n".join(lines) + "\n"
    with pytest.raises(LimitExceeded) as caught:
        load_fast(text, DEFAULT_LIMITS)
    assert (caught.value.variant, caught.value.params) == (
        "alias-nodes",
        {"anchor": "a4", "limit": 100_000},
    )
    assert (caught.value.line, caught.value.column) == (8, 12)
    assert assert_same_reading(text)  # refused by the fast path, as by ruamel
    assert (
        outcome(text)
        == ruamel_only(outcome, text)
        == (
            "error",
            [
                {
                    "code": "AK104",
                    "name": "input-limit",
                    "severity": "error",
                    "message": "alias expansion refused: the aliases up to *a4 stand for more "
                    "than 100,000 nodes (limit max-alias-nodes)",
                    "location": {"file": "a.yaml", "line": 8, "column": 12, "path": ""},
                    "hint": "Write the values out, or use fewer aliases; if the file is "
                    "trusted, raise `max-alias-nodes` in [limits] of .agenda-kit.toml.",
                    "url": "https://github.com/agenda-kit/agenda-kit/blob/main/docs/rules/input-limit.md",
                }
            ],
        )
    )
    # A repeated key before it: ruamel reports that only after composing the whole
    # document, so the alias is still what is refused, and refused by the fast path.
    repeated = text.replace("agenda: 1\n", "agenda: 1\nagenda: 1\n", 1)
    with pytest.raises(LimitExceeded):
        load_fast(repeated, DEFAULT_LIMITS)
    assert assert_same_reading(repeated)
    assert outcome(repeated)[1][0]["location"]["line"] == 9
    assert outcome(repeated) == ruamel_only(outcome, repeated)
    # With a tab outside quotes (which ruamel may refuse first), ruamel decides.
    tabbed = text.replace("extra:", "extra:\t", 1)
    assert load_fast(tabbed, DEFAULT_LIMITS) is None
    assert outcome(tabbed) == ruamel_only(outcome, tabbed)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",
        "a: &x {b: 1, b: 2}\nc: [*x, *x]\n",
        "{1: a, 1.0: b}\n",
        "{.nan: a, .nan: b}\n",
        "- {a: 1, a: 1}\n- &y [*z]\n",
    ],
)
def test_a_repeated_key_is_left_to_ruamel(text: str) -> None:
    assert load_fast(text, DEFAULT_LIMITS) is None
    assert_same_outcome(text)


def test_aliases_of_a_mapping_with_a_repeated_key_count_as_ruamel_counts() -> None:
    # x holds 2 pairs in ruamel's node (5 nodes), whatever the repeated key: 12 uses
    # of it pass 50 there (the 11th), and must here too, at the same alias.
    text = "a: &x {b: 1, b: 2}\nc: [" + ", ".join(["*x"] * 12) + "]\n"
    limits = Limits(max_alias_nodes=50)
    with pytest.raises(LimitExceeded) as caught:
        load_fast(text, limits)
    assert (caught.value.line, caught.value.column) == (2, 45)  # the 11th *x
    assert outcome(text, limits) == ruamel_only(outcome, text, limits)


@pytest.mark.parametrize(
    "tail",
    [
        "b: [*a, *a: x]\n",
        "b:\n- *a\n- *a: x\n",
        "b: {x: *a, *a: y}\n",
        "b: [*a, *a:]\n",
        "b: [*a, *a?]\n",
        "b: *a\nc: *a:\n",
        "b: *a\n*a: x\n",
        "b: [*a, *a]\n",
    ],
)
def test_an_alias_past_the_limit_that_ruamel_names_otherwise_is_left_to_it(tail: str) -> None:
    # Found in review: libyaml ends an alias's name at `:` or `?`, ruamel does not
    # (`*a:` names `a:`), and an alias may be a key: there the fast path must not refuse
    # for the limit first; both paths give ruamel's finding.
    text = "a: &a [1, 2, 3, 4, 5, 6]\n" + tail
    limits = Limits(max_alias_nodes=10)
    assert outcome(text, limits) == ruamel_only(outcome, text, limits)
