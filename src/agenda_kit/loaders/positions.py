"""Source positions of values and keys in YAML, JSON and TOML documents.

Positions are only needed when there is something to report, so they are computed
lazily, from the text, after the fast load: the hot path never pays for them.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable

__all__ = ["DuplicateKey", "PositionIndex", "index_json", "index_toml", "index_yaml"]

Path = tuple[str | int, ...]
Pos = tuple[int, int]  # 1-based line and column


class PositionIndex:
    """Positions of the values (and of the keys) of a document, by path."""

    __slots__ = ("keys", "values")

    def __init__(self, values: dict[Path, Pos], keys: dict[Path, Pos]) -> None:
        self.values = values
        self.keys = keys

    def find(self, path: Path, *, key: bool = False) -> tuple[Pos, Path]:
        """Position of ``path`` or of its nearest ancestor that has one, and that path."""
        probe = tuple(path)
        while True:
            table = self.keys if key else self.values
            if probe in table:
                return table[probe], probe
            if key and probe in self.values:
                return self.values[probe], probe
            if not probe:
                return (1, 1), ()
            probe = probe[:-1]


def index_yaml(text: str) -> PositionIndex:
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

    values: dict[Path, Pos] = {}
    keys: dict[Path, Pos] = {}
    root = YAML(typ="safe", pure=True).compose(text)
    stack: list[tuple[Path, Node]] = [((), root)] if root is not None else []
    while stack:
        path, node = stack.pop()
        values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                child = (*path, str(key_node.value))
                keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                stack.append((child, value_node))
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                stack.append(((*path, i), item))
    return PositionIndex(values, keys)


_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_SCALAR = re.compile(r"[^,\]}\s]+")


class DuplicateKey(Exception):
    """A key that appears twice in one JSON object."""

    def __init__(self, key: str, line: int, column: int) -> None:
        super().__init__(key)
        self.key, self.line, self.column = key, line, column


def index_json(text: str, *, strict: bool = False) -> PositionIndex:
    """Index a document that ``json.loads`` accepted.

    With ``strict``, a key that appears twice in one object raises ``DuplicateKey``.
    """
    offsets: dict[Path, int] = {}
    key_offsets: dict[Path, int] = {}

    def skip(i: int) -> int:
        match = _WS.match(text, i)
        return match.end() if match else i

    def value(i: int, path: Path) -> int:
        i = skip(i)
        offsets[path] = i
        char = text[i]
        if char == "{":
            i = skip(i + 1)
            if text[i] == "}":
                return i + 1
            while True:
                i = skip(i)
                match = _STRING.match(text, i)
                assert match is not None
                child = (*path, json.loads(match.group()))
                if strict and child in key_offsets:
                    line = text.count("\n", 0, i) + 1
                    raise DuplicateKey(str(child[-1]), line, i - (text.rfind("\n", 0, i) + 1) + 1)
                key_offsets[child] = i
                i = skip(match.end()) + 1  # past ':'
                i = skip(value(i, child))
                if text[i] == ",":
                    i += 1
                    continue
                return i + 1
        if char == "[":
            i = skip(i + 1)
            if text[i] == "]":
                return i + 1
            index = 0
            while True:
                i = skip(value(i, (*path, index)))
                index += 1
                if text[i] == ",":
                    i += 1
                    continue
                return i + 1
        match = (_STRING if char == '"' else _SCALAR).match(text, i)
        assert match is not None
        return match.end()

    value(0, ())
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def to_pos(offset: int) -> Pos:
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    return PositionIndex(
        {p: to_pos(o) for p, o in offsets.items()},
        {p: to_pos(o) for p, o in key_offsets.items()},
    )


_TOML_KEY = re.compile(
    r"""\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=\s*"""
)
_TOML_PART = re.compile(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""")


def _toml_names(dotted: str) -> list[str]:
    return [p.strip("\"'") for p in _TOML_PART.findall(dotted)]


def index_toml(text: str) -> PositionIndex:
    """Line-exact positions of TOML tables and keys.

    Values inside inline tables and arrays get the position of their key line.
    """
    values: dict[Path, Pos] = {}
    keys: dict[Path, Pos] = {}
    array_index: dict[Path, int] = {}
    current: Path = ()
    in_multiline: str | None = None

    def resolve(names: list[str]) -> Path:
        path: Path = ()
        for name in names:
            path = (*path, name)
            if path in array_index:
                path = (*path, array_index[path])
        return path

    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        stripped = line.strip()
        column = len(line) - len(line.lstrip()) + 1
        if stripped.startswith("[["):
            names = _toml_names(stripped[2 : stripped.find("]]")])
            parent = resolve(names[:-1])
            array = (*parent, names[-1])
            array_index[array] = array_index.get(array, -1) + 1
            current = (*array, array_index[array])
            values.setdefault(array, (number, column))
            values[current] = (number, column)
        elif stripped.startswith("["):
            current = resolve(_toml_names(stripped[1 : stripped.find("]")]))
            values[current] = (number, column)
        else:
            match = _TOML_KEY.match(line)
            if match is None:
                continue
            path = (*current, *_toml_names(match.group(1)))
            keys[path] = (number, column)
            values[path] = (number, match.end() + 1)
            rest = line[match.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_multiline = quote
    return PositionIndex(values, keys)


INDEXERS: dict[str, Callable[[str], PositionIndex]] = {
    "yaml": index_yaml,
    "json": index_json,
    "toml": index_toml,
}
