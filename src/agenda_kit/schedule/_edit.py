"""Writing changed values back into the text of an agenda file, and nothing else.

Each change replaces one scalar where it stands (or adds one key beside another), so
comments, key order, quoting, flow or block style and every other byte stay as they
were: YAML through ruamel's node marks, JSON and TOML through the loader's positions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..loaders.positions import _TOML_SCALAR, _string_end

__all__ = ["Edit", "apply_edits"]

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Edit:
    """Set the value at ``path`` to ``value``; when it is not written, add it after
    the value at ``after`` (a sibling key)."""

    path: Path
    value: str | int
    after: Path | None = None


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    quote: str  # the quote character of a string ("" for a plain scalar or number)
    key_start: int  # where the key of the value starts (-1 for a list item)


def apply_edits(text: str, format: str, edits: Iterable[Edit]) -> str:
    """``text`` with every edit applied. Raises ``KeyError`` for a path not found."""
    edits = list(edits)
    if not edits:
        return text
    wanted = {e.path for e in edits} | {e.after for e in edits if e.after is not None}
    yaml = format == "yaml"
    tokens = _yaml_tokens(text) if yaml else _offset_tokens(text, format, wanted)
    pieces: list[tuple[int, int, str]] = []
    for edit in edits:
        token = tokens.get(edit.path)
        if token is not None:
            pieces.append((token.start, token.end, _scalar(edit.value, token.quote, format)))
            continue
        if edit.after is None or edit.after not in tokens:
            raise KeyError(edit.path)
        pieces.append(_insertion(text, format, tokens[edit.after], edit))
    out = text
    for start, end, new in sorted(pieces, reverse=True):
        out = out[:start] + new + out[end:]
    return out


def _scalar(value: str | int, quote: str, format: str) -> str:
    if isinstance(value, int):
        return str(value)
    if format == "yaml":
        if quote == "'":
            return "'" + value.replace("'", "''") + "'"
        if quote == '"':
            return json.dumps(value, ensure_ascii=False)
        return value  # times and clock ranges are plain scalars in YAML 1.2
    if quote == "'":  # a TOML literal string
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def _insertion(text: str, format: str, anchor: _Token, edit: Edit) -> tuple[int, int, str]:
    """A new key beside the value ``anchor``: on a line of its own at the key's indent
    when the neighbour stands on its own line, else in the same flow mapping."""
    key = str(edit.path[-1])
    line_start = text.rfind("\n", 0, anchor.key_start) + 1
    indent = text[line_start : anchor.key_start]
    own_line = indent.strip() == "" and format != "json"
    if format == "yaml":
        pair = f"{key}: {_scalar(edit.value, '', format)}"
    elif format == "json":
        pair = f"{json.dumps(key)}: {_scalar(edit.value, '', format)}"
    else:
        pair = f"{key} = {_scalar(edit.value, '', format)}"
    if own_line:  # after the rest of the line, so that a comment there stays put
        end = text.find("\n", anchor.end)
        end = len(text) if end < 0 else end
        return end, end, f"\n{indent}{pair}"
    return anchor.end, anchor.end, f", {pair}"


def _yaml_tokens(text: str) -> dict[Path, _Token]:
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

    yaml = YAML(typ="safe", pure=True)
    root = yaml.compose(text)
    out: dict[Path, _Token] = {}
    stack: list[tuple[Path, Node, int]] = [((), root, -1)] if root is not None else []
    while stack:
        path, node, key_start = stack.pop()
        if isinstance(node, ScalarNode):
            style = node.style if node.style in ("'", '"') else ""
            if node.style in ("|", ">"):
                continue  # a block scalar is never a time
            out[path] = _Token(node.start_mark.index, node.end_mark.index, style, key_start)
        elif isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode):
                    child = (*path, str(key_node.value))
                    stack.append((child, value_node, key_node.start_mark.index))
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                stack.append(((*path, i), item, -1))
    return out


_LINE = re.compile("\n")
_JSON_SCALAR = re.compile(r"[^,\]}\s]+")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)


def _offset_tokens(text: str, format: str, wanted: set[Path]) -> dict[Path, _Token]:
    from ..loaders.positions import index_json, index_toml

    index = index_json(text) if format == "json" else index_toml(text)
    starts = [0] + [m.end() for m in _LINE.finditer(text)]

    def offset(pos: tuple[int, int]) -> int:
        return starts[pos[0] - 1] + pos[1] - 1

    out: dict[Path, _Token] = {}
    for path in wanted:
        pos = index.values.get(path)
        if pos is None:
            continue
        i = offset(pos)
        char = text[i] if i < len(text) else ""
        if char in "[{" or (format == "toml" and text.startswith("[", i)):
            continue
        key = index.keys.get(path)
        key_start = offset(key) if key is not None else -1
        if char in "\"'":
            end = _string_end(text, i) if format == "toml" else _match_end(_JSON_STRING, text, i)
            if text.startswith(char * 3, i):
                continue  # a multi-line string is never a time
            out[path] = _Token(i, end, char, key_start)
        else:
            pattern = _TOML_SCALAR if format == "toml" else _JSON_SCALAR
            out[path] = _Token(i, _match_end(pattern, text, i), "", key_start)
    return out


def _match_end(pattern: re.Pattern[str], text: str, i: int) -> int:
    match = pattern.match(text, i)
    assert match is not None
    return match.end()


def set_in(model: Any, path: Path, value: str | int) -> None:
    """Set the field at ``path`` of a model (a copy being edited) to ``value``."""
    target = model
    for step in path[:-1]:
        target = target[step] if isinstance(step, int) else getattr(target, step)
    setattr(target, str(path[-1]), value)
