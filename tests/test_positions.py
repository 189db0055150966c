"""Every syntax and value error at the line and column where the problem is."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import agenda_kit
from agenda_kit import LoadError
from agenda_kit.loaders.positions import index_json, index_toml

HEAD = (
    "agenda: 1\n"
    "event:\n"
    "  id: e\n"
    "  title: T\n"
    "  date: 2025-03-18\n"
    "  timezone: Asia/Seoul\n"
    "parts:\n"
    "  - sessions:\n"
    "      - {id: a, title: A, start: '09:00', minutes: 30}\n"
)


def where(text: str, fmt: str = "yaml") -> list[tuple[int, int, str]]:
    with pytest.raises(LoadError) as caught:
        agenda_kit.loads(text, fmt)  # type: ignore[arg-type]
    return [(d.location.line, d.location.column, d.message) for d in caught.value.diagnostics]


@pytest.mark.parametrize(("char", "code"), [("\x00", "0000"), ("\x1b", "001b")])
def test_a_raw_control_character_is_reported_where_it_is(char: str, code: str) -> None:
    text = HEAD + f"      - {{id: b, title: B{char}C, minutes: 5}}\n"
    assert where(text) == [
        (
            10,
            25,
            f"invalid YAML: unacceptable character #x{code}: special characters are not allowed",
        )
    ]


@pytest.mark.parametrize(
    ("fmt", "text", "expected"),
    [
        # An unclosed quote or bracket is reported where it opens, not after the end.
        (
            "yaml",
            HEAD + '      - {id: b, title: "B, minutes: 5}\n\n',
            (10, 24, "invalid YAML: while scanning a quoted scalar found unexpected end of stream"),
        ),
        (
            "yaml",
            HEAD + "      - {id: b, title: B, minutes: 5\n\n",
            (
                10,
                9,
                "invalid YAML: while parsing a flow mapping expected ',' or '}', but got "
                "'<stream end>'",
            ),
        ),
        (
            "yaml",
            HEAD + "      - id: b\n        speakers: [x, y\n",
            (
                11,
                19,
                "invalid YAML: while parsing a flow sequence expected ',' or ']', but got "
                "'<stream end>'",
            ),
        ),
        (
            "json",
            '{"agenda": 1,\n "parts": [1, 2\n\n',
            (2, 11, "invalid JSON: Expecting ',' delimiter"),
        ),
        (
            "json",
            '{"agenda": 1,\n "parts": [{"a": 1}\n',
            (2, 11, "invalid JSON: Expecting ',' delimiter"),
        ),
        ("toml", "agenda = 1\nparts = [1, 2\n\n", (2, 9, "invalid TOML: Unclosed array")),
        ("toml", 'agenda = 1\ntitle = """abc\n\n', (2, 9, "invalid TOML: Unterminated string")),
    ],
)
def test_a_document_that_ends_too_early(
    fmt: str, text: str, expected: tuple[int, int, str]
) -> None:
    assert where(text, fmt) == [expected]


def test_a_null_or_missing_time_zone_is_reported_on_its_line() -> None:
    null = HEAD.replace("timezone: Asia/Seoul", "timezone: null")
    assert where(null) == [(6, 13, "`timezone`: Input should be a valid string")]
    empty = HEAD.replace("timezone: Asia/Seoul", "timezone:   # to do")
    assert where(empty) == [(6, 3, "`timezone`: Input should be a valid string")]


def test_a_complex_key_is_reported_where_it_is() -> None:
    text = HEAD + "      - id: b\n        title: B\n        ? [id, title]\n        : x\n"
    assert where(text) == [(12, 11, "`('id', 'title')`: Keys should be strings")]


def test_a_key_that_cannot_be_a_key_is_reported_where_it_is() -> None:
    text = HEAD + "      - id: b\n        ? [{a: b}]\n        : x\n"
    assert where(text) == [
        (11, 11, "invalid YAML: while constructing a mapping found unhashable key")
    ]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_bom_marked_utf16_and_utf32_are_read(tmp_path: Path, encoding: str, suffix: str) -> None:
    doc = agenda_kit.loads(HEAD.replace("title: T", "title: 서울 🎉"))
    text = HEAD if suffix == ".yaml" else doc.model_dump_json(by_alias=True, exclude_none=True)
    text = text.replace("title: T", "title: 서울 🎉")
    path = tmp_path / f"a{suffix}"
    path.write_bytes("\ufeff".encode(encoding) + text.encode(encoding))
    loaded = agenda_kit.load(path)
    assert loaded.model_dump() == doc.model_dump()


def test_toml_is_utf8_only(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_bytes("\ufeffagenda = 1\n".encode("utf-16-le"))
    with pytest.raises(LoadError) as caught:
        agenda_kit.load(path)
    [d] = caught.value.diagnostics
    assert (d.location.line, d.location.column, d.message) == (
        1,
        1,
        "not UTF-8: byte 0xff cannot be decoded",
    )


def test_a_bad_byte_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(HEAD.encode().replace(b"title: T", b"title: \xed\x95\x9c\xff"))
    with pytest.raises(LoadError) as caught:
        agenda_kit.load(path)
    [d] = caught.value.diagnostics
    assert (d.location.line, d.location.column, d.message) == (
        4,
        11,
        "not UTF-8: byte 0xff cannot be decoded",
    )
    # UTF-16: a lone surrogate on line 4, after "  title: 한"
    text = HEAD.replace("title: T", "title: 한X").encode("utf-16-le")
    lone = "X".encode("utf-16-le")
    path.write_bytes(b"\xff\xfe" + text.replace(lone, b"\x00\xdc"))
    with pytest.raises(LoadError) as caught:
        agenda_kit.load(path)
    [d] = caught.value.diagnostics
    assert (d.location.line, d.location.column, d.code) == (4, 11, "AK100")
    assert d.message == "cannot read the file: not valid UTF-16-LE (bytes 00dc0a00)"


@pytest.mark.parametrize(
    ("zone", "variant", "message", "hint"),
    [
        ("localtime", "unknown", "`localtime` is not an IANA time zone", ""),
        ("posixrules", "unknown", "`posixrules` is not an IANA time zone", ""),
        ("Factory", "unknown", "`Factory` is not an IANA time zone", ""),
        (
            "right/UTC",
            "machine",
            "`right/UTC` depends on the machine's time zone files",
            "Write `UTC`, the name every machine knows.",
        ),
        (
            "posix/Asia/Seoul",
            "machine",
            "`posix/Asia/Seoul` depends on the machine's time zone files",
            "Write `Asia/Seoul`, the name every machine knows.",
        ),
        ("../../etc/localtime", "unknown", "`../../etc/localtime` is not an IANA time zone", ""),
        (
            "/usr/share/zoneinfo/UTC",
            "unknown",
            "`/usr/share/zoneinfo/UTC` is not an IANA time zone",
            "",
        ),
    ],
)
def test_machine_dependent_zones_are_refused(
    zone: str, variant: str, message: str, hint: str
) -> None:
    with pytest.raises(LoadError) as caught:
        agenda_kit.loads(HEAD.replace("Asia/Seoul", zone))
    [d] = caught.value.diagnostics
    assert (d.code, d.key, d.location.line, d.location.column) == (
        "AK105",
        f"unsupported-timezone.{variant}",
        6,
        13,
    )
    assert d.message == message
    assert d.hint == (hint or "Use a name such as `Europe/Berlin` or `Asia/Seoul`.")


@pytest.mark.parametrize(
    ("replace", "position", "code", "message"),
    [
        (
            "date: 2025-03-18",
            (5, 9),
            "AK106",
            "9999-12-31 is outside the supported dates (1900-01-01 to 2999-12-31)",
        ),
        (
            "date: 2025-03-18",
            (5, 9),
            "AK106",
            "0001-01-01 is outside the supported dates (1900-01-01 to 2999-12-31)",
        ),
        (
            "minutes: 30",
            (9, 52),
            "AK102",
            "`minutes`: Input should be less than or equal to 525600",
        ),
        (
            "minutes: 30",
            (9, 52),
            "AK102",
            "`minutes`: Input should be greater than or equal to -525600",
        ),
    ],
)
def test_values_outside_what_dates_hold_are_refused(
    replace: str, position: tuple[int, int], code: str, message: str
) -> None:
    value = message.removeprefix("`minutes`: ").split(" ")[0]
    if "minutes" in replace:
        value = "18446744073709551617" if "less" in message else "-99999999999999999999"
    text = HEAD.replace(replace, replace.split(":")[0] + ": " + value)
    assert where(text) == [(*position, message)]
    with pytest.raises(LoadError) as caught:
        agenda_kit.loads(text)
    assert [d.code for d in caught.value.diagnostics] == [code]


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_a_date_out_of_range_in_json_and_toml(fmt: str) -> None:
    # TOML gives a date object, JSON a string: both are refused as AK106 at the value.
    if fmt == "toml":
        text = 'agenda = 1\n[event]\nid = "e"\ntitle = "T"\ndate = 3000-01-01\n'
        text += 'timezone = "Asia/Seoul"\n'
        position = (5, 8)
    else:
        text = '{"agenda": 1, "event": {"id": "e", "title": "T", "date": "3000-01-01", '
        text += '"timezone": "Asia/Seoul"}}'
        position = (1, 58)
    with pytest.raises(LoadError) as caught:
        agenda_kit.loads(text, fmt)  # type: ignore[arg-type]
    found = [(d.code, d.location.line, d.location.column) for d in caught.value.diagnostics]
    assert ("AK106", *position) in found


@pytest.mark.parametrize(
    "url", ["x:\\nBEGIN:VEVENT", "https://a.example/ b", "example.org", "https://a\u2028b", 'a:"b"']
)
def test_a_url_must_be_a_uri(url: str) -> None:
    text = HEAD + "      - id: b\n        title: B\n        url: " + json.dumps(url) + "\n"
    [(line, column, message)] = where(text)
    assert (line, column) == (12, 14)
    assert message == (
        f"`url`: {url!r} is not a URL: give it a scheme (such as https:) and percent-encode "
        "spaces, quotes, backslashes and control characters"
    )


def test_source_index_does_not_hide_its_errors() -> None:
    from agenda_kit.loaders import Source

    source = Source("x.json", '{"a": ', "json")  # not a document json accepted
    with pytest.raises(IndexError):
        source.index  # noqa: B018


# --- the JSON and TOML position scanners agree with the parsers ------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
)
keys = st.text(max_size=6)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)


def paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    out = [(path, value)]
    if isinstance(value, dict):
        for key, item in value.items():
            out += paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += paths(item, (*path, i))
    return out


def offset(text: str, line: int, column: int) -> int:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    return starts[line - 1] + column - 1


@given(documents, st.sampled_from([None, 0, 2]), st.sampled_from([(", ", ": "), (",", ":")]))
def test_json_positions_point_at_each_value(
    doc: Any, indent: int | None, separators: tuple[str, str]
) -> None:
    text = json.dumps(doc, indent=indent, separators=separators, ensure_ascii=False)
    index = index_json(text)
    decoder = json.JSONDecoder()
    for path, value in paths(doc):
        line, column = index.values[path]
        parsed, _ = decoder.raw_decode(text, offset(text, line, column))
        assert parsed == value
        if path and isinstance(path[-1], str):
            (line, column), found = index.find(path, key=True)
            assert found == path
            key, _ = decoder.raw_decode(text, offset(text, line, column))
            assert key == path[-1]


def toml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return toml_string(value)
    return repr(value)


def toml_string(text: str) -> str:
    escaped = re.sub(
        r'["\\\x00-\x1f\x7f]',
        lambda m: "\\" + m.group() if m.group() in '"\\' else f"\\u{ord(m.group()):04x}",
        text,
    )
    return f'"{escaped}"'


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else toml_string(key)


def toml_inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(toml_inline(v) for v in value) + "]"
    return toml_scalar(value)


toml_scalars = st.one_of(
    st.booleans(),
    st.integers(-(10**18), 10**18),
    st.text(max_size=8),
    st.floats(allow_nan=False, allow_infinity=False),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=10,
)


@given(
    st.dictionaries(keys, toml_values, max_size=4),
    st.dictionaries(keys, st.dictionaries(keys, toml_values, max_size=3), max_size=3),
)
def test_toml_positions_point_at_each_value(top: dict[str, Any], tables: dict[str, Any]) -> None:
    lines = [f"{toml_key(k)} = {toml_inline(v)}  # note" for k, v in top.items()]
    for name, table in tables.items():
        if name in top:
            continue
        lines.append(f"\n[{toml_key(name)}]")
        lines += [f"{toml_key(k)} = {toml_inline(v)}" for k, v in table.items()]
    text = "\n".join(lines) + "\n"
    doc = tomllib.loads(text)
    index = index_toml(text)
    for path, value in paths(doc):
        if not path:
            continue
        at = offset(text, *index.values[path])
        if len(path) == 1 and path[0] in tables and path[0] not in top:
            assert text.startswith(f"[{toml_key(path[0])}]", at)
        else:
            assert text.startswith(toml_inline(value), at), (path, text[at : at + 20])
        if isinstance(path[-1], str):
            (line, column), found = index.find(path, key=True)
            assert found == path
            key_at = offset(text, line, column)
            if len(path) == 1 and path[0] in tables and path[0] not in top:
                key_at += 1  # a table header: at its "["
            assert text.startswith(toml_key(path[-1]), key_at)


# --- duplicate JSON keys ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ('{"a": 1, "b": {"x": 1, "x": 2}}', (1, 24)),
        ('{"a": 1,\n "b": {"x" : 1,\n   "x"\n :2}}', (3, 4)),
        ('{"a": "say \\": hi", "a": 2}', (1, 21)),
    ],
)
def test_a_repeated_json_key_is_found_however_it_is_written(
    text: str, position: tuple[int, int]
) -> None:
    from agenda_kit.loaders import Source, parse

    with pytest.raises(LoadError) as caught:
        parse(Source("d.json", text, "json"))
    [d] = caught.value.diagnostics
    assert (d.code, d.location.line, d.location.column) == ("AK101", *position)
    assert d.message.startswith("invalid JSON: duplicate key")


def test_an_escaped_quote_before_a_colon_is_not_a_repeated_key() -> None:
    from agenda_kit.loaders import Source, parse

    text = '{"a": "say \\": hi", "b": ["\\" :", {"c": "\\"\\n:"}]}'
    assert parse(Source("d.json", text, "json")) == json.loads(text)
