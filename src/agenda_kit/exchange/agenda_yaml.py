"""An agenda written as a readable agenda file: YAML like the hand-written examples, with
keys in reading order and one line per session where a session fits on one line.

The text is written here directly, for this one document shape, in the layout
ruamel.yaml's round-trip dumper gave it (indentation mapping 2, sequence 4, offset 2):
ruamel's emitter took about 3 ms a session, most of a 100,000-row import. Each scalar
is written plain only where it is plain-safe in block and in flow context and reads
back as the same string under YAML 1.2 (ruamel's resolver, which the libyaml path of
the loaders copies); anything else is quoted, and text with a control, a line
separator or a character YAML does not carry raw is double-quoted with escapes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from .._gc import paused_gc
from ..model import Agenda, Session
from ._common import visible

__all__ = ["comment_text", "dump", "dump_with_data", "plain"]

_ORDER: dict[str, tuple[str, ...]] = {
    "agenda": ("$schema", "agenda", "event", "venue", "speakers", "parts", "x-agenda-kit"),
    "event": ("id", "title", "date", "weekday", "timezone", "window"),
    "part": ("id", "title", "date", "span", "room", "track"),
    "session": ("id", "time", "start", "end", "minutes", "kind", "title", "speakers", "room", "to"),
    "transfer": ("from", "to", "minutes"),
}
_LAST = {"part": ("sessions",), "session": ("children",)}
# A session is written on one line when it is this short and has no multi-line text.
_FLOW_WIDTH = 160
# A literal block (``|``) shows text as it is, so it can hold only what a YAML stream
# holds unescaped, with LF as its only line break: CR, NEL, U+2028/U+2029 would be read
# as line breaks of their own, U+FFFF and the BOM not at all. The same characters are
# the ones a scalar of any style can carry only as an escape (double-quoted).
_ESCAPED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# Double-quoted text in any of these cases: an escape is needed (a tab too: no plain
# or single-quoted scalar holds one safely), or the text starts with an indicator.
# ruamel wrote `?x` and `:x` plain in a flow mapping, where its own parser failed.
_DOUBLE_CHAR = re.compile(
    r"[\t\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
_DOUBLE_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Not plain in any context: a document marker at the start, `: ` or a final `:` (a
# key), ` #` (a comment), a line break, a space at either end (lost when read). Each
# alternative starts with a character, so that the search skips to those characters
# (what is only at the start is tested apart).
_NOT_PLAIN = re.compile(r":(?: |$)| (?:#|$)|\n")
# Not plain inside a flow collection either: its separators and brackets.
_NOT_FLOW_PLAIN = re.compile(r":(?: |$)| (?:#|$)|\n|[,\[\]{}]")


def _needs_double(text: str) -> bool:
    """Whether non-empty ``text`` can only be written double-quoted."""
    return text[0] in _DOUBLE_FIRST or _DOUBLE_CHAR.search(text) is not None


def _not_plain(text: str, flow: bool) -> bool:
    """Whether non-empty ``text`` cannot be plain in block (or ``flow``) context for
    its characters (what it would mean is ``_NOT_STR``)."""
    return (
        text[0] == " "
        or text.startswith("...")
        or (_NOT_FLOW_PLAIN if flow else _NOT_PLAIN).search(text) is not None
    )


# What a plain scalar means other than a string under ruamel.yaml's YAML 1.2 resolver
# (bool, float, int, null, timestamp, merge, value), which the libyaml path copies.
# ruamel tries a pattern only on text starting with one of the pattern's first
# characters: none starts with `_`, though the int pattern matches `_1`.
_NOT_STR = re.compile(
    r"""(?!_)(?:
        true|True|TRUE|false|False|FALSE
       |[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
       |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
       |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
       |[-+]?\.(?:inf|Inf|INF)
       |\.(?:nan|NaN|NAN)
       |[-+]?0b[0-1_]+
       |[-+]?0o?[0-7_]+
       |[-+]?[0-9_]+
       |[-+]?0x[0-9a-fA-F_]+
       |<<
       |~|null|Null|NULL|
       |[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
       |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?
       |=
    )""",
    re.X,
)
_DQ_ESCAPE = re.compile(r"[\"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_SHORT_ESCAPES = {
    "\0": "\\0",
    "\x07": "\\a",
    "\x08": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    '"': '\\"',
    "\\": "\\\\",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
# A key longer than this (with ruamel's `!!str` counted) is written `? key`, as ruamel
# did: YAML allows an implicit key of at most 1024 characters.
_SIMPLE_KEY = 122


def _ordered(data: dict[str, Any], kind: str) -> dict[str, Any]:
    first = [k for k in _ORDER[kind] if k in data]
    last = [k for k in _LAST.get(kind, ()) if k in data]
    middle = [k for k in data if k not in first and k not in last]
    return {k: data[k] for k in (*first, *middle, *last)}


def _field_order(model: type[Any], kind: str) -> tuple[str, ...]:
    """The keys of a dumped ``model`` in reading order, as ``_ordered`` puts them."""
    names = [f.serialization_alias or name for name, f in model.model_fields.items()]
    return tuple(_ordered(dict.fromkeys(names), kind))


def _sessions_ordered(sessions: list[dict[str, Any]], order: tuple[str, ...]) -> list[Any]:
    """Each session (and child) in reading order: its keys follow the model's fields."""
    out = []
    for s in sessions:
        ordered = {k: s[k] for k in order if k in s}
        if len(ordered) != len(s):  # pragma: no cover - a key the model does not have
            ordered = _ordered(s, "session")
        if "children" in ordered:
            ordered["children"] = _sessions_ordered(ordered["children"], order)
        out.append(ordered)
    return out


def plain(agenda: Agenda, *, mode: str = "python") -> dict[str, Any]:
    """The agenda as plain data in reading order, without values that are defaults."""
    data = agenda.model_dump(mode=mode, by_alias=True, exclude_defaults=True)
    data = _ordered(data, "agenda")
    data["event"] = _ordered(data["event"], "event")
    venue = data.get("venue")
    if venue and "transfers" in venue:
        venue["transfers"] = [_ordered(t, "transfer") for t in venue["transfers"]]

    order = _field_order(Session, "session")
    data["parts"] = [_ordered(p, "part") for p in data["parts"]]
    for part in data["parts"]:
        part["sessions"] = _sessions_ordered(part["sessions"], order)
    return data


def comment_text(text: str) -> str:
    """``text`` made safe as YAML comment lines: each line of it (split at LF only)
    keeps no character a YAML reader takes for a line break (CR, NEL, U+2028 …) or
    cannot read (controls, U+FFFF), so that no part of it leaves the comment."""
    return "\n".join(visible(line) for line in text.split("\n"))


def _comment_lines(comment: str) -> str:
    lines = comment_text(comment)
    if lines.endswith("\n"):
        lines = lines[:-1]
    out = []
    for line in lines.split("\n"):
        # A line that is a comment already stays as it is; any other gets `# `.
        stripped = line.strip()
        out.append(f"# {line}\n" if stripped and stripped[0] != "#" else f"{line}\n")
    return "".join(out)


def _double(text: str) -> str:
    def escape(match: re.Match[str]) -> str:
        ch = match[0]
        short = _SHORT_ESCAPES.get(ch)
        if short is not None:
            return short
        code = ord(ch)
        return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}"

    return '"' + _DQ_ESCAPE.sub(escape, text) + '"'


# Plain in any context for certain: a letter first, then letters, digits, spaces, dots
# and dashes, not a space last, and not one of YAML 1.2's words (most titles and names:
# one match instead of three).
_SURELY_PLAIN = re.compile(r"[^\W\d_](?:[\w .\-]*[\w.\-])?")
_WORDS = frozenset(("true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL"))


def _text(text: str, flow: bool) -> str:
    """``text`` as a one-line scalar (plain, single- or double-quoted) in block or flow
    context: plain only where that reads back as this very string."""
    if _SURELY_PLAIN.fullmatch(text) and text not in _WORDS:
        return text
    if not text:
        return "''"
    if _needs_double(text):
        return _double(text)
    if not _not_plain(text, flow) and not _NOT_STR.fullmatch(text):
        return text
    if "'" in text or "\n" in text:
        return _double(text)
    return f"'{text}'"


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return repr(value).lower()


def _scalar(value: Any, flow: bool) -> str:
    """A value that is not a collection, None or multi-line text, as YAML."""
    if isinstance(value, str):
        return _text(value, flow)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} {value!r} in an agenda file")


def _literal(text: str) -> bool:
    return "\n" in text and not _ESCAPED.search(text)


def _one_line(value: dict[str, Any]) -> bool:
    # Its texts alone (without their quotes) may be too long already: no repr then.
    size = 0
    for v in value.values():
        kind = type(v)
        if kind is str and "\n" not in v:
            size += len(v)
            continue
        if kind is int or kind is tuple:
            continue
        if (
            isinstance(v, dict)
            or (isinstance(v, list) and any(isinstance(x, dict) for x in v))
            or (isinstance(v, str) and "\n" in v)
        ):
            return False
    return size <= _FLOW_WIDTH and len(repr(value)) <= _FLOW_WIDTH


# After what a value is written: a simple key's colon, a sequence's dash, or the
# colon of a `? key` line.
_KEY, _DASH, _QKEY = 0, 1, 2


class _Writer:
    """Appends the YAML text of the agenda's parts to ``out``."""

    def __init__(self) -> None:
        self.out: list[str] = []
        # Whether the text so far ends with a `|+` block (the document then ends `...`).
        self.open_ended = False
        # Text in flow context, and keys there, as written: ids, times, kinds and field
        # names come back thousands of times.
        self.flow_text: dict[str, str] = {}
        self.flow_keys: dict[Any, str] = {}
        # A key of a block mapping as written, and whether it is a `? key`.
        self.block_keys: dict[Any, tuple[str, bool]] = {}

    def flow(self, value: Any) -> str:
        """``value`` inside a flow collection."""
        kind = type(value)
        if kind is str:
            text = self.flow_text.get(value)
            if text is None:
                text = self.flow_text[value] = _text(value, True)
            return text
        if kind is int:
            return str(value)
        if isinstance(value, dict):
            return self.flow_map(value)
        if isinstance(value, list | tuple):
            return self.flow_seq(value)
        if value is None:
            return "null"
        return _scalar(value, True)

    def flow_seq(self, items: list[Any] | tuple[Any, ...]) -> str:
        parts = []
        for item in items:
            if isinstance(item, dict) and len(item) == 1:
                # A one-entry mapping in a flow sequence is written without braces.
                ((k, v),) = item.items()
                parts.append(f"{self.flow_key(k)}: {self.flow(v)}")
            else:
                parts.append(self.flow(item))
        return "[" + ", ".join(parts) + "]"

    def flow_map(self, mapping: dict[Any, Any]) -> str:
        # ``flow`` inlined for text and numbers: a session is a flow mapping.
        keys = self.flow_keys
        texts = self.flow_text
        parts = []
        for k, v in mapping.items():
            key = keys.get(k)
            if key is None:
                key = self.flow_key(k)
            kind = type(v)
            if kind is str:
                text = texts.get(v)
                if text is None:
                    text = texts[v] = _text(v, True)
            elif kind is int:
                text = str(v)
            else:
                text = self.flow(v)
            parts.append(f"{key}: {text}")
        return "{" + ", ".join(parts) + "}"

    def flow_key(self, key: Any) -> str:
        text = self.flow_keys.get(key)
        if text is None:
            text = _scalar(key, True)
            if isinstance(key, str) and (len(key) > _SIMPLE_KEY or "\n" in key):
                text = f"? {text} "
            self.flow_keys[key] = text
        return text

    def block_map(self, mapping: dict[Any, Any], indent: int, inline: bool) -> None:
        """``mapping`` with its keys at column ``indent``; the first on the current line
        when ``inline`` (after a dash or a `? key` colon)."""
        first = inline
        for key, value in mapping.items():
            self.entry(key, value, indent, inline=first)
            first = False

    def entry(
        self, key: Any, value: Any, indent: int, *, inline: bool = False, flow: bool = False
    ) -> None:
        """``key: value`` at column ``indent``; ``flow``: a mapping written on one line."""
        out = self.out
        if not inline:
            out.append(" " * indent)
        self.open_ended = False
        written = self.block_keys.get(key)
        if written is None:
            text = _scalar(key, False)
            explicit = isinstance(key, str) and (len(key) > _SIMPLE_KEY or "\n" in key)
            written = self.block_keys[key] = (f"? {text}\n" if explicit else f"{text}:", explicit)
        if written[1]:
            out.append(f"{written[0]}{' ' * indent}:")
            after = _QKEY
        else:
            out.append(written[0])
            after = _KEY
        if flow:
            out.append(f" {self.flow_map(value)}\n")
        else:
            self.value(value, indent, after)

    def block_seq(self, items: list[Any] | tuple[Any, ...], column: int, inline: bool) -> None:
        """``items`` with their dashes at ``column``; the first on the current line when
        ``inline``."""
        out = self.out
        pad = " " * column
        first = inline
        literal = not isinstance(items, tuple)
        for item in items:
            if not first:
                out.append(pad)
            first = False
            self.open_ended = False
            out.append("-")
            self.value(item, column, _DASH, literal=literal)

    def value(self, value: Any, at: int, after: int, *, literal: bool = True) -> None:
        """``value`` after a key's colon, a dash or a `? key` colon at column ``at``
        (what it holds goes at ``at + 2``); ``literal``: multi-line text may be a
        literal block (ruamel left the items of tuples as they were)."""
        out = self.out
        if type(value) is str:
            if literal and "\n" in value and not _ESCAPED.search(value):
                self.literal(value, at + 2)
            else:
                out.append(f" {_text(value, False)}\n")
        elif isinstance(value, dict):
            if not value:
                out.append(" {}\n")
            elif after == _KEY:
                out.append("\n")
                self.block_map(value, at + 2, False)
            else:
                out.append(" ")
                self.block_map(value, at + 2, True)
        elif isinstance(value, list | tuple):
            if not value:
                out.append(" []\n")
            elif isinstance(value, list) and not any(isinstance(v, dict | list) for v in value):
                out.append(f" {self.flow_seq(value)}\n")
            elif after == _KEY:
                out.append("\n")
                self.block_seq(value, at + 2, False)
            else:
                out.append("   ")
                self.block_seq(value, at + 4, True)
        elif value is None:
            out.append(" \n" if after == _DASH else "\n")
        elif literal and isinstance(value, str) and _literal(value):
            self.literal(value, at + 2)
        else:
            out.append(f" {_scalar(value, False)}\n")

    def literal(self, text: str, indent: int) -> None:
        hints = "2" if text[0] in " \n" else ""
        if text[-1] != "\n":
            hints += "-"
        elif len(text) == 1 or text[-2] == "\n":
            hints += "+"
            self.open_ended = True
        pad = " " * indent
        body = "\n".join(pad + line if line else "" for line in text.split("\n"))
        self.out.append(f" |{hints}\n{body}" + ("" if text[-1] == "\n" else "\n"))

    def session(self, session: dict[str, Any], column: int) -> None:
        """A session of a part: one flow line when it fits, else a block mapping."""
        self.open_ended = False
        if _one_line(session):
            self.out.append(f"{' ' * column}- {self.flow_map(session)}\n")
        else:
            self.out.append(" " * column + "-")
            self.value(session, column, _DASH)


def dump(agenda: Agenda, *, comment: str = "") -> str:
    """The agenda as YAML 1.2 text; ``comment`` lines go at the top, neutralised."""
    return dump_with_data(agenda, comment=comment)[0]


def dump_with_data(agenda: Agenda, *, comment: str = "") -> tuple[str, dict[str, Any]]:
    """The agenda as YAML 1.2 text, and the plain data (``plain(agenda)``) it was written
    from: the data the text reads back as (tests/test_agenda_yaml_writer.py)."""
    # A dict per session and no cycles: the collector would scan the heap again and
    # again (see _gc.py).
    with paused_gc():
        data = plain(agenda)
        return _dump(data, comment), data


def _dump(data: dict[str, Any], comment: str) -> str:
    writer = _Writer()
    out = writer.out
    if comment:
        out.append(_comment_lines(comment))
    for key, value in data.items():
        if key == "venue" and value:
            out.append("venue:\n")
            for field, item in value.items():
                if field == "rooms" and item:
                    out.append("  rooms:\n")
                    for rid, room in item.items():
                        writer.entry(rid, room, 4, flow=True)
                elif field == "transfers" and item:
                    out.append("  transfers:\n")
                    for transfer in item:
                        out.append(f"    - {writer.flow_map(transfer)}\n")
                else:
                    writer.entry(field, item, 2)
        elif key == "speakers" and value:
            out.append("speakers:\n")
            for sid, speaker in value.items():
                writer.entry(sid, speaker, 2, flow=_one_line(speaker))
        elif key == "parts" and value:
            out.append("parts:\n")
            for part in value:
                out.append("  -")
                first = True
                for field, item in part.items():
                    if field == "sessions" and item:
                        out.append(" sessions:\n" if first else "    sessions:\n")
                        for session in item:
                            writer.session(session, 6)
                    else:
                        if first:
                            out.append(" ")
                        writer.entry(field, item, 4, inline=first)
                    first = False
        else:
            writer.entry(key, value, 0)
    if writer.open_ended:
        out.append("...\n")
    return "".join(out)
