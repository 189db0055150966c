"""The fast YAML path: libyaml's C scanner and parser (through PyYAML), composed and
constructed here with YAML 1.2 scalars, as ruamel.yaml's safe loader would.

ruamel.yaml's pure-Python parser costs about 0.9 ms a session; libyaml's events cost a
tenth of that. This path takes only what it reads exactly as the ruamel path reads it:
plain documents of mappings, sequences, scalars, anchors and aliases. For anything
else (a directive, an explicit tag, a merge key, a key that is not a scalar, a
repeated key, a character the two libraries may count differently, a limit reached,
any syntax error) it answers ``None`` and the caller reads the text with ruamel, which
then gives its own value or its own error. So both paths give the same data, the same
positions and the same messages; this one is only faster. One refusal is made here:
aliases that expand past ``max_alias_nodes`` raise ``LimitExceeded`` at the alias, as
ruamel's composer would there (a file made to be refused should not cost seconds of
pure-Python parsing).

Positions are kept as a light tree, ``(line, column, children)`` per node, 1-based:
``children`` is None for a scalar, a list for a sequence, and for a mapping a dict of
the key's text to ``(key line, key column, node)``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from .limits import LimitExceeded, Limits

__all__ = ["Node", "available", "load_fast"]

Node = tuple[int, int, Any]

# What ruamel.yaml's reader refuses (its NON_PRINTABLE), what libyaml may count as a line
# break where ruamel does not, or read otherwise (NEL, LS, PS, a BOM inside). Tabs are
# taken only inside quoted scalars: ruamel 0.19 refuses a tab after a value or inside
# a plain one, where libyaml reads it (see ``_tabs_quoted``). Written as the characters
# it matches, not as the complement of what is printable: the same set, compiled ten
# times faster (a negated class of wide ranges makes the compiler build a big bitmap).
_UNUSUAL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
# What may follow an alias that both libraries end at the same place: ruamel takes `:`,
# `?` and the like into an alias's name (`*a:` names `a:`), libyaml does not.
_ALIAS_END = frozenset(["", " ", "\t", "\r", "\n", ",", "]", "}"])

# ruamel.yaml's YAML 1.2 implicit resolvers (resolver.py), tried in its order for the
# first character of a plain scalar. A timestamp stays text (the model parses dates),
# so the only tags that matter are these; `<<` (merge) and `=` (value) go to ruamel.
_BOOL = r"^(?:true|True|TRUE|false|False|FALSE)$"
_FLOAT = r"""^(?:
     [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$"""
_INT = r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+)$"""
_NULL = r"^(?:~|null|Null|NULL|)$"
_SPECIAL = r"^(?:<<|=)$"

_INF = 1e300
while _INF != _INF * _INF:
    _INF *= _INF
# One object, as in ruamel: a second `.nan` key is then the same key (a repeated key).
_NAN = -_INF / _INF


# What is left of a scalar that ruamel's int pattern takes (it allows `_` anywhere)
# once the underscores, the sign and the base are gone, when it holds no digit.
_NO_DIGITS = frozenset({"", "0b", "0x", "0o"})


class _Fallback(Exception):
    """Not read here: the ruamel path reads it."""


def _int(text: str) -> int | str:
    value = text.replace("_", "")
    sign = -1 if value[0] == "-" else 1
    if value[0] in "+-":
        value = value[1:]
    if value in _NO_DIGITS:  # `-_`, `0x_`: no number (ruamel failed on them): text
        return text
    if value == "0":
        return 0
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if value.startswith("0o"):
        return sign * int(value[2:], 8)
    return sign * int(value)


def _float(text: str) -> float | str:
    value = text.replace("_", "").lower()
    sign = -1 if value[0] == "-" else 1
    if value[0] in "+-":
        value = value[1:]
    if value == ".":  # `._`: no number (ruamel failed on it): text
        return text
    if value == ".inf":
        return sign * _INF
    if value == ".nan":
        return _NAN
    return sign * float(value)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], Callable[[str], Any]]:
    """The text the fast path leaves to ruamel, and how a plain scalar reads. Compiled
    on the first YAML load, not on import (the check of a JSON file never needs them)."""
    unusual = re.compile(_UNUSUAL)
    is_bool, is_float, is_int = (
        re.compile(_BOOL).match,
        re.compile(_FLOAT, re.X).match,
        re.compile(_INT, re.X).match,
    )
    is_null, is_special = re.compile(_NULL).match, re.compile(_SPECIAL).match

    def plain(text: str) -> Any:
        """A plain scalar by ruamel's YAML 1.2 resolvers (by first character, in order)."""
        first = text[:1]
        if first in "tTfF" and first and is_bool(text):
            return text.lower() == "true"
        if first in "-+0123456789." and first:
            if is_float(text):
                return _float(text)
            if first != "." and is_int(text):
                return _int(text)
        if first in "<=" and first and is_special(text):
            raise _Fallback
        if first in "~nN" and is_null(text):  # "" is in every string
            return None
        return text

    return unusual, plain


def available() -> bool:
    """Whether PyYAML with libyaml is installed."""
    try:
        from yaml import _yaml  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        return False
    return True


def load_fast(text: str, limits: Limits) -> tuple[Any, Node | None] | None:
    """The data of ``text`` and its position tree, or None: read it with ruamel.

    Raises ``LimitExceeded`` where aliases expand past ``limits.max_alias_nodes``."""
    if _patterns()[0].search(text) is not None:
        return None
    try:
        from yaml import YAMLError
        from yaml._yaml import CParser  # type: ignore[import-untyped]
    except ImportError:
        return None
    builder = _Builder(CParser(text), text, limits, quoted="\t" in text)
    try:
        result = builder.document()
    except (_Fallback, YAMLError, ValueError, IndexError, RecursionError):
        return None
    if builder.quoted is not None and not _tabs_quoted(text, builder.quoted):
        return None
    return result


def _tabs_quoted(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether every tab of ``text`` is inside one of ``spans`` (the quoted scalars, in
    document order)."""
    at = text.find("\t")
    for start, end in spans:
        while start <= at < end:
            at = text.find("\t", at + 1)
        if at < 0:
            return True
        if at < start:
            return False
    return at < 0


class _Builder:
    """Data and positions from libyaml's events, with ruamel's guards (GuardedComposer):
    depth, what aliases expand to, an alias inside its own node."""

    def __init__(self, parser: Any, text: str, limits: Limits, *, quoted: bool = False) -> None:
        self.parser = parser
        self.text = text
        self.limits = limits
        # Where the quoted scalars are, when the text has tabs to account for.
        self.quoted: list[tuple[int, int]] | None = [] if quoted else None
        self.anchors: dict[str, tuple[Any, Node, bool]] = {}
        self.shape: dict[int, tuple[int, int]] = {}
        self.expanded = 0
        self.repeated = False

    def document(self) -> tuple[Any, Node | None]:
        from yaml.events import (  # type: ignore[import-untyped]
            DocumentStartEvent,
            StreamEndEvent,
            StreamStartEvent,
        )

        get = self.parser.get_event
        if type(get()) is not StreamStartEvent:  # pragma: no cover - libyaml always starts so
            raise _Fallback
        event = get()
        if type(event) is StreamEndEvent:
            return None, None
        if type(event) is not DocumentStartEvent or event.version or event.tags:
            raise _Fallback
        data, node = self.root()
        if self.repeated:
            raise _Fallback  # ruamel's message for the repeated key
        get()  # the end of the document
        if type(get()) is not StreamEndEvent:  # another document: ruamel refuses it
            raise _Fallback
        return data, node

    def root(self) -> tuple[Any, Node]:  # noqa: C901, PLR0915 - one loop keeps it fast
        from yaml.events import (
            AliasEvent,
            MappingEndEvent,
            MappingStartEvent,
            ScalarEvent,
            SequenceEndEvent,
            SequenceStartEvent,
        )

        get = self.parser.get_event
        max_depth = self.limits.max_depth
        anchors = self.anchors
        opened: set[str] = set()
        # One frame per open collection: [data, children, node, anchor, key, key text,
        # key line, key column]; a mapping's key is _NONE while its key is awaited.
        stack: list[list[Any]] = []
        plain = _patterns()[1]
        none = _NONE
        while True:
            event = get()
            kind = type(event)
            if kind is ScalarEvent:
                if len(stack) >= max_depth or event.tag is not None:
                    raise _Fallback
                mark = event.start_mark
                value = event.value
                if event.implicit[0]:
                    data = plain(value)
                    # An empty value is placed at its key (as the ruamel index does).
                    empty = value == ""
                else:
                    data, empty = value, False
                    if self.quoted is not None and event.style in ("'", '"'):
                        self.quoted.append((mark.index, event.end_mark.index))
                node: Node = (mark.line + 1, mark.column + 1, None)
                if event.anchor is not None:
                    anchors[event.anchor] = (data, node, empty)
                    # ruamel's constructor may not take a key's anchor as ours does.
                    if stack and type(stack[-1][1]) is dict and stack[-1][4] is none:
                        raise _Fallback
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if len(stack) >= max_depth or event.tag is not None:
                    raise _Fallback
                if stack and type(stack[-1][1]) is dict and stack[-1][4] is none:
                    raise _Fallback  # a collection as a key
                mark = event.start_mark
                mapping = kind is MappingStartEvent
                children: Any = {} if mapping else []
                data = {} if mapping else []
                node = (mark.line + 1, mark.column + 1, children)
                anchor = event.anchor
                if anchor is not None:
                    anchors[anchor] = (data, node, False)
                    opened.add(anchor)
                stack.append([data, children, node, anchor, none, "", 0, 0])
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                data, node, anchor = frame[0], frame[2], frame[3]
                empty = False
                if anchor is not None:
                    opened.discard(anchor)
            elif kind is AliasEvent:
                anchor = event.anchor
                if anchor in opened or anchor not in anchors:
                    raise _Fallback
                if stack and type(stack[-1][1]) is dict and stack[-1][4] is none:
                    raise _Fallback  # an alias as a key
                data, node, empty = anchors[anchor]
                count, height = self.measure(data)
                self.expanded += count
                if (
                    self.expanded > self.limits.max_alias_nodes
                    and self.quoted is None
                    and self.text[event.end_mark.index : event.end_mark.index + 1] in _ALIAS_END
                ):
                    # Refused here, as ruamel refuses it at the same alias: reading on
                    # with the pure-Python parser to that alias took seconds.
                    raise LimitExceeded(
                        "alias-nodes",
                        anchor=anchor,
                        limit=self.limits.max_alias_nodes,
                        line=event.start_mark.line + 1,
                        column=event.start_mark.column + 1,
                    )
                if (
                    self.expanded > self.limits.max_alias_nodes
                    or len(stack) + height + 1 > max_depth
                ):
                    raise _Fallback
            else:  # pragma: no cover - libyaml sends nothing else inside a document
                raise _Fallback
            if not stack:
                return data, node
            frame = stack[-1]
            children = frame[1]
            if type(children) is list:
                frame[0].append(data)
                children.append(node)
            elif frame[4] is none:  # a key (a scalar: the others fell back above)
                text = event.value
                if text in children or data in frame[0] or (type(data) is float and data != data):
                    # Repeated: ruamel says so, but only once the whole document is
                    # composed, so an alias past the limit later on is refused first.
                    # Read on with the pair kept under a key of its own, so that what
                    # aliases expand to is counted as ruamel's node counts it.
                    self.repeated = True
                    data = text = _Repeated()
                frame[4], frame[5], frame[6], frame[7] = data, text, node[0], node[1]
            else:
                frame[0][frame[4]] = data
                at = (frame[6], frame[7])
                children[frame[5]] = (*at, (*at, None) if empty else node)
                frame[4] = none

    def measure(self, data: Any) -> tuple[int, int]:
        """Nodes and height of constructed ``data``, as GuardedComposer measures its node
        (a mapping's keys are scalars here: one node each)."""
        if type(data) is dict:
            children = list(data.values())
            count, height = 1 + len(children), 1 if children else 0
        elif type(data) is list:
            children, count, height = data, 1, 0
        else:
            return 1, 0
        known = self.shape.get(id(data))
        if known is not None:
            return known
        for child in children:
            c, h = self.measure(child)
            count += c
            height = max(height, h + 1)
            if count > self.limits.max_alias_nodes:
                break
        self.shape[id(data)] = (count, height)
        return count, height


class _Repeated:
    """The key a repeated key is read under (the document then goes to ruamel)."""


class _None:
    """The key a mapping frame waits for (None is a key YAML can have)."""


_NONE = _None()
