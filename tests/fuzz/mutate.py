"""Mutations of corpus files: bytes (flips, insertions, deletions, splices) and documents
(a value replaced by another type or an extreme, duplicate keys, YAML anchors and alias
bombs, deep nesting), re-serialised in the seed's own format.

Every choice comes from the ``random.Random`` given, so a case is reproducible from its
seed and number alone.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
import re
import tomllib
from typing import Any

from .corpus import Seed, _toml_key, parse_yaml

# Bytes and strings that have broken parsers and writers before (or should not).
INTERESTING: tuple[bytes, ...] = tuple(
    s.encode("utf-8", "surrogatepass") if isinstance(s, str) else s
    for s in (
        "\r", "\n", "\r\n", "\x00", "\x1b", "\x7f", "\x85", "\u0085", "\u2028", "\u2029",
        "\uffff", "\ufffe", "\ufeff", "\U0001f600", "\u202e", "é", "한국어", "\t",
        "\\ud800", "\\udfff", "\\u0000", "\\uffff", "\\n", "^n", "^'", "%0D%0A",
        "&a ", "*a", "&a [1, 2]", "<<: *a", "? [id, title]\n: x", "!!binary aGk=", "!!str ",
        "%YAML 1.1\n", "---\n", "...\n", "'", '"', "[", "]", "{", "}", ":", ": ", "- ", "#",
        ",", ";", "=", "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "0", "-0", "1e999",
        "99999999999999999999999999999999", "1" * 5000, "-9223372036854775809", "NaN", ".inf",
        "null", "~", "true", "0001-01-01", "9999-12-31", "0000-00-00", "2024-02-30",
        "24:00", "23:59-24:00", "00:00-24:00", "25:61", "02:30", "localtime", "posixrules",
        "right/UTC", "Mars/Olympus", "UTC", "+14:00", "-12:00", "Z",
        "<", ">", "&", "&#0;", "&#xFFFF;", "]]>", "<![CDATA[x]]>", "<x/>",
        "<!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'>]>", "&a;",
        "BEGIN:VEVENT\r\n", "END:VEVENT\r\n", "BEGIN:VTIMEZONE\r\n", "END:VCALENDAR\r\n",
        "DTSTART:00010101T000000Z\r\n", "DTSTART;TZID=Nowhere/Zone:99991231T235959\r\n",
        "DTEND;VALUE=DATE:99991231\r\n", "RRULE:FREQ=YEARLY;BYDAY=5SU\r\n",
        "TZOFFSETTO:+2500\r\n", "DURATION:PT9999999999H\r\n", "DURATION:-P1D\r\n",
        "X-WR-TIMEZONE:localtime\r\n", "ATTENDEE;ROLE=^n^nX:mailto:a%0D%0Ab@x\r\n", " ",
        "\r\n ", "mailto:a@b", "a\r\nBcc: x@evil.example",
        "A" * 10000, "x" * 200 + "\n",
    )
)  # fmt: skip

EXTREMES: tuple[Any, ...] = (
    None, True, False, 0, -1, 2**63, -(2**63) - 1, 2**64 + 1, 1.5, -0.0, 1e308,
    "", " ", "x" * 3000, "0001-01-01", "9999-12-31", dt.date(1, 1, 1), dt.date(9999, 12, 31),
    "24:00", "00:00-24:00", "23:00-01:00", "9999:99", "P1D", "-5", "1" * 400,
    "localtime", "right/UTC", "Etc/GMT+14", "a\r\nb", "a\x00b", "a\x1bb", "\u0085\u2028",
    "\uffff", "=1+1", "\ud800", [], {}, [1], {"x": 1},
)  # fmt: skip

HUGE = "__FUZZ_HUGE__"
DEEP = "__FUZZ_DEEP__"


def mutate(rng: random.Random, seed: Seed, corpus: list[Seed]) -> tuple[bytes, str]:
    """A mutated copy of ``seed``, and the names of the mutations applied."""
    data = seed.data
    names = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
        op = rng.choice(OPS)
        if op is structured and not seed.kind.startswith(("agenda:", "import:frab-json")):
            op = rng.choice(OPS)
        try:
            data = op(rng, data, seed, corpus)
        except (RecursionError, ValueError, TypeError, UnicodeError):
            # The fuzzer's own writer gave up on this document: a byte mutation instead.
            op = insert
            data = op(rng, data, seed, corpus)
        names.append(op.__name__)
    return data, "+".join(names)


def _pos(rng: random.Random, data: bytes) -> int:
    # Half the time at a line start or after ": ", where structure changes most.
    if data and rng.random() < 0.5:
        marks = [m.end() for m in re.finditer(rb"\n|: |=|>", data[:200_000])]
        if marks:
            return rng.choice(marks)
    return rng.randint(0, len(data))


def flip(rng: random.Random, data: bytes, seed: Seed, corpus: list[Seed]) -> bytes:
    if not data:
        return b"\xff"
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(out))
        out[i] = rng.choice((out[i] ^ (1 << rng.randrange(8)), rng.randrange(256)))
    return bytes(out)


def insert(rng: random.Random, data: bytes, seed: Seed, corpus: list[Seed]) -> bytes:
    i = _pos(rng, data)
    return data[:i] + rng.choice(INTERESTING) + data[i:]


def replace_token(rng: random.Random, data: bytes, seed: Seed, corpus: list[Seed]) -> bytes:
    """A number, date, clock time or quoted word replaced by something interesting."""
    tokens = list(re.finditer(rb"\d{4}-\d\d-\d\d|\d\d?:\d\d|\d+|\"[^\"\n]{0,40}\"", data[:200_000]))
    if not tokens:
        return insert(rng, data, seed, corpus)
    m = rng.choice(tokens)
    return data[: m.start()] + rng.choice(INTERESTING) + data[m.end() :]


def delete(rng: random.Random, data: bytes, seed: Seed, corpus: list[Seed]) -> bytes:
    if not data:
        return data
    i = rng.randrange(len(data))
    return data[:i] + data[i + rng.choice((1, 1, 2, 8, 64, 1024)) :]


def duplicate(rng: random.Random, data: bytes, seed: Seed, corpus: list[Seed]) -> bytes:
    """A line (or run of lines) repeated: duplicate keys, elements, rows, properties."""
    lines = data.splitlines(keepends=True)
    if not lines:
        return data
    i = rng.randrange(len(lines))
    j = min(len(lines), i + rng.choice((1, 1, 2, 5, 20)))
    return b"".join(lines[:j] + lines[i:j] * rng.choice((1, 1, 2, 50)) + lines[j:])


def splice(rng: random.Random, data: bytes, seed: Seed, corpus: list[Seed]) -> bytes:
    other = rng.choice(corpus).data
    a = data.splitlines(keepends=True)
    b = other.splitlines(keepends=True)
    if not a or not b:
        return data + other[:1000]
    i, j = rng.randrange(len(a)), rng.randrange(len(b))
    return b"".join(a[:i] + b[j : j + rng.choice((1, 5, 50, 10_000))] + a[i:])


def encode(rng: random.Random, data: bytes, seed: Seed, corpus: list[Seed]) -> bytes:
    """Byte-order marks, other encodings, line-ending changes, a long line."""
    choice = rng.randrange(7)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return b"\xef\xbb\xbf" + data
    if choice == 0:
        return b"\xef\xbb\xbf" + data
    if choice == 1:
        return text.encode("utf-16")  # with its BOM
    if choice == 2:
        return text.encode("utf-16-be")
    if choice == 3:
        return data.replace(b"\n", b"\r")
    if choice == 4:
        return data.replace(b"\n", b"\r\n")
    if choice == 5:
        return text.encode("latin-1", "replace")
    i = _pos(rng, data)
    return data[:i] + b"y" * rng.choice((5000, 100_000, 1_000_000)) + data[i:]


def nest(rng: random.Random, data: bytes, seed: Seed, corpus: list[Seed]) -> bytes:
    """Deep nesting where a value is: brackets, braces, block mappings, XML elements."""
    depth = rng.choice((50, 1000, 5000, 100_000))
    i = _pos(rng, data)
    if seed.format == "frab-xml":
        inner = b"<a>" * depth + b"x" + b"</a>" * depth
    elif rng.random() < 0.5:
        inner = b"[" * depth + b"1" + b"]" * depth
    else:
        inner = b"{a: " * depth + b"1" + b"}" * depth
    return data[:i] + inner + data[i:]


def bomb(rng: random.Random, data: bytes, seed: Seed, corpus: list[Seed]) -> bytes:
    """A billion-laughs alias bomb, under an unknown key or in the document's lists."""
    levels = rng.choice((4, 9, 12))
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    text = "x-bomb:\n" + "".join(f"  {line}\n" for line in lines)
    return data.rstrip(b"\n") + b"\n" + text.encode()


def structured(rng: random.Random, data: bytes, seed: Seed, corpus: list[Seed]) -> bytes:
    """Parse, change one node (type, extreme value, duplicate key, aliases), write back."""
    fmt = seed.format if seed.kind.startswith("agenda:") else "json"
    doc = _parse(data, fmt) if len(data) < 300_000 else None
    if not isinstance(doc, dict | list):
        return insert(rng, data, seed, corpus)
    nodes = _walk(doc)
    if not nodes:
        return insert(rng, data, seed, corpus)
    parent, key = rng.choice(nodes)
    kind = rng.randrange(5)
    deep = 0
    dup = None
    if kind == 0:
        value: Any = rng.choice(EXTREMES)
        if value == "1" * 400 and rng.random() < 0.5:
            value = HUGE
    elif kind == 1:  # another node's value: a type confusion that still looks real
        p2, k2 = rng.choice(nodes)
        value = copy.deepcopy(p2[k2])  # a copy: an ancestor would make a cycle
    elif kind == 2:  # the value nested deep (written as flow brackets after dumping)
        deep = rng.choice((10, 200, 3000, 50_000))
        value = DEEP
    elif kind == 3 and isinstance(parent, dict):  # a duplicate key
        dup = (id(parent), key, rng.choice((*EXTREMES, parent[key])))
        value = parent[key]
    else:  # the same list in several places: YAML writes it with an anchor and aliases
        value = parent[key]
        if fmt == "yaml":
            for _ in range(rng.choice((1, 2, 3))):
                value = [value] * 8
    inner = _scalar(parent[key], "json", None) if deep else ""
    parent[key] = value
    out = _dump(doc, fmt, dup)
    if deep:
        nested = ("[" * deep + inner + "]" * deep).encode("utf-8", "surrogatepass")
        out = out.replace(f'"{DEEP}"'.encode(), nested)
    return out.replace(f'"{HUGE}"'.encode(), b"9" * 5000)


OPS = (flip, insert, insert, replace_token, delete, duplicate, splice, encode, nest, bomb)
OPS = (*OPS, structured, structured, structured)


def _parse(data: bytes, fmt: str) -> Any:
    try:
        if fmt == "json":
            return json.loads(data)
        if fmt == "toml":
            return tomllib.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return None
    return parse_yaml(data)


def _walk(node: Any) -> list[tuple[Any, Any]]:
    """(container, key) of every node, each shared container once (aliases expand)."""
    out: list[tuple[Any, Any]] = []
    seen: set[int] = set()
    stack = [node]
    while stack and len(out) < 50_000:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        items = current.items() if isinstance(current, dict) else enumerate(current)
        for key, value in list(items):
            out.append((current, key))
            if isinstance(value, dict | list):
                stack.append(value)
    return out


def _dump(doc: Any, fmt: str, dup: tuple[int, Any, Any] | None = None) -> bytes:
    out: list[str] = []
    if fmt == "yaml":
        _yaml(doc, 0, out, {}, dup)
    elif fmt == "toml" and isinstance(doc, dict):
        for key, value in doc.items():
            out.append(f"{_toml_key(key)} = {_scalar(value, 'toml', dup)}\n")
            if dup and dup[0] == id(doc) and dup[1] == key:
                out.append(f"{_toml_key(key)} = {_scalar(dup[2], 'toml', None)}\n")
    else:
        out.append(_scalar(doc, "json", dup))
    return "".join(out).encode("utf-8", "surrogatepass")


def _string(value: str) -> str:
    return json.dumps(value)  # \uXXXX escapes, lone surrogates included


def _scalar(value: Any, fmt: str, dup: tuple[int, Any, Any] | None) -> str:
    """JSON (or TOML inline) text of ``value``; a duplicate key where ``dup`` says."""
    if isinstance(value, dict):
        pairs = list(value.items())
        if dup and dup[0] == id(value):
            pairs.append((dup[1], dup[2]))
        sep = ": " if fmt == "json" else " = "
        return (
            "{"
            + ", ".join(
                f"{_string(str(k)) if fmt == 'json' else _toml_key(k)}{sep}{_scalar(v, fmt, dup)}"
                for k, v in pairs
            )
            + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v, fmt, dup) for v in value) + "]"
    if value is None:
        return "null" if fmt == "json" else '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return json.dumps(value) if fmt == "json" else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return _string(value.isoformat()) if fmt == "json" else value.isoformat()
    return _string(str(value))


def _shared(node: Any, counts: dict[int, int]) -> None:
    if isinstance(node, dict | list):
        counts[id(node)] = counts.get(id(node), 0) + 1
        if counts[id(node)] == 1:
            for v in node.values() if isinstance(node, dict) else node:
                _shared(v, counts)


def _yaml(node: Any, indent: int, out: list[str], seen: dict[int, str], dup: Any) -> None:
    """Block YAML; a node met twice gets an anchor, then aliases (how a YAML library
    writes shared objects), so alias expansion is fuzzed with real documents."""
    if indent == 0:
        counts: dict[int, int] = {}
        _shared(node, counts)
        seen = {k: "" for k, n in counts.items() if n > 1}
    pad = " " * indent
    if isinstance(node, dict):
        pairs = list(node.items())
        if dup and dup[0] == id(node):
            pairs.append((dup[1], dup[2]))
        for key, value in pairs:
            out.append(f"{pad}{_string(str(key))}:")
            _yaml_value(value, indent, out, seen, dup)
    elif isinstance(node, list):
        for value in node:
            out.append(f"{pad}-")
            _yaml_value(value, indent, out, seen, dup)


def _yaml_value(value: Any, indent: int, out: list[str], seen: dict[int, str], dup: Any) -> None:
    if isinstance(value, dict | list) and value:
        if seen.get(id(value)):
            out.append(f" *{seen[id(value)]}\n")
            return
        anchor = ""
        if id(value) in seen:
            seen[id(value)] = anchor = f"n{sum(1 for v in seen.values() if v)}"
            anchor = f" &{anchor}"
        if indent > 400 or len(out) > 200_000:  # too deep or big for block style: flow
            out.append(anchor + " " + _scalar(value, "json", dup) + "\n")
            return
        out.append(f"{anchor}\n")
        _yaml(value, indent + 2, out, seen, dup)
        return
    if isinstance(value, dt.date | dt.datetime | dt.time):
        out.append(f" {value.isoformat()}\n")
    elif isinstance(value, bool) or value is None or isinstance(value, int | float):
        text = json.dumps(value).replace("Infinity", ".inf").replace("NaN", ".nan")
        out.append(f" {text}\n")
    elif isinstance(value, dict | list):
        out.append(" " + ("{}" if isinstance(value, dict) else "[]") + "\n")
    else:
        out.append(f" {_string(value)}\n")
