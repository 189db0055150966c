"""Source positions of values and keys in YAML, JSON and TOML documents.

Positions are only needed when there is something to report, so they are computed
lazily, from the text, after the fast load: the hot path never pays for them.
"""

from __future__ import annotations

import bisect
import json
import re
import sys
from collections.abc import Callable
from typing import Any

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
    from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

    values: dict[Path, Pos] = {}
    keys: dict[Path, Pos] = {}
    from .limits import MAX_DEPTH_CEILING, Limits, guarded_composer, guarded_scanner

    yaml = YAML(typ="safe", pure=True)
    # Positions are looked up for a document that loaded, under whatever limits it was
    # loaded with: the scanner guard at the highest depth a setting allows, and no
    # warning for an anchor defined again (YAML 1.2 allows it).
    loose = Limits(max_depth=MAX_DEPTH_CEILING, max_alias_nodes=sys.maxsize)
    yaml.Scanner, yaml.Composer = guarded_scanner(loose), guarded_composer(loose)
    root = yaml.compose(text)
    stack: list[tuple[Path, Node]] = [((), root)] if root is not None else []
    while stack:
        path, node = stack.pop()
        if path not in values:  # an empty value is placed at its key (below)
            values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                child = (*path, _key_of(key_node))
                at = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                keys[child] = at
                if not isinstance(key_node, ScalarNode):  # an error there is about the key
                    values[child] = at
                elif (
                    isinstance(value_node, ScalarNode)
                    and value_node.value == ""
                    and (value_node.style is None)
                ):  # `timezone:` with nothing after it: the scanner's mark is the next token
                    values[child] = at
                stack.append((child, value_node))
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                stack.append(((*path, i), item))
    return PositionIndex(values, keys)


def _key_of(node: Any) -> str:
    """A mapping key as pydantic names it in an error's path: the text of a scalar, the
    text of a tuple for a complex key such as ``? [id, title]``."""
    return str(_key_value(node))


def _key_value(node: Any) -> Any:
    if isinstance(node.value, list):
        return tuple(_key_value(item) for item in node.value if not isinstance(item, tuple))
    return node.value


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
    return _to_positions(text, offsets, key_offsets)


_TOML_BARE = re.compile(r"[A-Za-z0-9_-]+")
_TOML_SCALAR = re.compile(r"[^,\]}\s#]+(?:[ T][0-9:.+\-Z]+)?")


def index_toml(text: str) -> PositionIndex:
    """Positions of TOML tables, keys and values, inside inline tables and arrays too.

    A scanner over a document that ``tomllib`` accepted: it has no error handling of its
    own, so a document it does not understand raises (IndexError, AssertionError)
    rather than giving wrong positions.
    """
    scanner = _TomlScanner(text)
    scanner.document()
    return _to_positions(text, scanner.values, scanner.keys)


class _TomlScanner:
    """Offsets of the values and keys of a TOML document, by path."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.values: dict[Path, int] = {}
        self.keys: dict[Path, int] = {}
        self.array_index: dict[Path, int] = {}

    def document(self) -> None:
        text = self.text
        current: Path = ()
        i = 0
        while True:
            i = self.skip(i, True)
            if i >= self.n:
                return
            if text.startswith("[[", i):
                names, _, i = self.key(i + 2)
                array = (*self.resolve(names[:-1]), names[-1])
                self.array_index[array] = self.array_index.get(array, -1) + 1
                current = (*array, self.array_index[array])
                self.values.setdefault(array, i)
                self.values[current] = text.rfind("[[", 0, i)
                i = text.index("]]", i) + 2
            elif text[i] == "[":
                start = i
                names, _, i = self.key(i + 1)
                current = self.resolve(names)
                self.values[current] = start
                i = text.index("]", i) + 1
            else:
                i = self.key_value(i, current)

    def skip(self, i: int, newlines: bool) -> int:
        text, n = self.text, self.n
        while i < n:
            c = text[i]
            if c in " \t\r" or (newlines and c == "\n"):
                i += 1
            elif c == "#":
                while i < n and text[i] != "\n":
                    i += 1
            else:
                break
        return i

    def key(self, i: int) -> tuple[list[str], list[int], int]:
        """The names of a dotted key at ``i``, where each starts, and the offset after it."""
        text = self.text
        names, starts = [], []
        while True:
            i = self.skip(i, False)
            starts.append(i)
            if text[i] in "\"'":
                end = _string_end(text, i)
                raw = text[i:end]
                names.append(json.loads(raw) if raw[0] == '"' else raw[1:-1])
                i = end
            else:
                match = _TOML_BARE.match(text, i)
                assert match is not None
                names.append(match.group())
                i = match.end()
            i = self.skip(i, False)
            if i < self.n and text[i] == ".":
                i += 1
                continue
            return names, starts, i

    def key_value(self, i: int, table: Path) -> int:
        """``key = value`` at ``i`` in ``table``; the offset after the value."""
        names, starts, i = self.key(i)
        for depth in range(1, len(names) + 1):
            self.keys.setdefault((*table, *names[:depth]), starts[depth - 1])
        i = self.skip(i, False) + 1  # past '='
        return self.value(i, (*table, *names))

    def value(self, i: int, path: Path) -> int:
        text = self.text
        i = self.skip(i, False)
        self.values[path] = i
        c = text[i]
        if c in "\"'":
            return _string_end(text, i)
        if c == "[":
            return self.array(i + 1, path)
        if c == "{":
            return self.inline_table(i + 1, path)
        match = _TOML_SCALAR.match(text, i)
        assert match is not None
        return match.end()

    def array(self, i: int, path: Path) -> int:
        index = 0
        while True:
            i = self.skip(i, True)
            if self.text[i] == "]":
                return i + 1
            i = self.skip(self.value(i, (*path, index)), True)
            index += 1
            if self.text[i] == ",":
                i += 1

    def inline_table(self, i: int, path: Path) -> int:
        while True:
            i = self.skip(i, False)
            if self.text[i] == "}":
                return i + 1
            i = self.skip(self.key_value(i, path), False)
            if self.text[i] == ",":
                i += 1

    def resolve(self, names: list[str]) -> Path:
        """The path of a table header: arrays of tables at their latest element."""
        path: Path = ()
        for name in names:
            path = (*path, name)
            if path in self.array_index:
                path = (*path, self.array_index[path])
        return path


def _string_end(text: str, i: int) -> int:
    """The index after the TOML string starting at ``i`` (any of the four kinds)."""
    quote = text[i]
    if text.startswith(quote * 3, i):
        end = text.index(quote * 3, i + 3)
        while text.startswith(quote, end + 3):  # up to two quotes may close the content
            end += 1
        return end + 3
    j = i + 1
    while text[j] != quote:
        j += 2 if quote == '"' and text[j] == "\\" else 1
    return j + 1


def _to_positions(text: str, values: dict[Path, int], keys: dict[Path, int]) -> PositionIndex:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def to_pos(offset: int) -> Pos:
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    return PositionIndex(
        {p: to_pos(o) for p, o in values.items()}, {p: to_pos(o) for p, o in keys.items()}
    )


INDEXERS: dict[str, Callable[[str], PositionIndex]] = {
    "yaml": index_yaml,
    "json": index_json,
    "toml": index_toml,
}
