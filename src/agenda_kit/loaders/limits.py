"""Bounds on what one agenda file may cost to load: size, nesting, aliases, sessions.

An agenda is untrusted input. A few hundred bytes of YAML can name the same node
millions of times through aliases, and a document nested a hundred thousand levels
deep exhausts the interpreter's stack; both must end in a positioned error, quickly,
before anything expands them. The defaults are far above any real agenda (the
benchmark agenda of 100,000 sessions is 11 MB and nests 8 levels deep).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from itertools import chain, repeat
from typing import Any

__all__ = [
    "DEFAULT_LIMITS",
    "LimitExceeded",
    "Limits",
    "count_sessions",
    "guarded_composer",
    "holds",
    "limits_from",
    "over_size",
    "scan_brackets",
    "too_deep",
]


@dataclass(frozen=True)
class Limits:
    """What one agenda file may cost. Pass ``agenda_kit.loaders.Limits(...)`` to
    ``load``/``loads``, or set ``[limits]`` in ``.agenda-kit.toml`` (``[tool.agenda-kit.limits]``
    in ``pyproject.toml``) for the command line."""

    max_bytes: int = 50 * 1024 * 1024
    """Size of the file (or text) in bytes (UTF-8 for text)."""
    max_depth: int = 64
    """Nesting of mappings and lists (sessions inside sessions count two levels each)."""
    max_alias_nodes: int = 100_000
    """Nodes a YAML document may reach through aliases (``*name``) and merge keys, in
    total: each use of an alias counts every node under its anchor."""
    max_sessions: int = 500_000
    """Sessions in the agenda, children included."""

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"Limits.{field.name} must be a positive integer, not {value!r}")
        if self.max_depth > MAX_DEPTH_CEILING:
            # Deeper documents need more Python stack than the interpreter has.
            raise ValueError(f"Limits.max_depth must be at most {MAX_DEPTH_CEILING}")

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Limits:
        """Limits from a settings table with keys such as ``max-bytes`` or ``max_bytes``."""
        known = {f.name for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            name = str(key).replace("-", "_")
            if name not in known:
                raise ValueError(
                    f"unknown limit `{key}`; known: "
                    + ", ".join(f"`{n.replace('_', '-')}`" for n in sorted(known))
                )
            values[name] = value
        return cls(**values)


def limits_from(settings: Any) -> Limits:
    """The limits a ``CheckSettings`` (from a settings file) sets, over the defaults."""
    table = getattr(settings, "limits", None)
    if table is None:
        return DEFAULT_LIMITS
    return dataclasses.replace(DEFAULT_LIMITS, **table.model_dump(exclude_none=True))


MAX_DEPTH_CEILING = 200
DEFAULT_LIMITS = Limits()


class LimitExceeded(Exception):
    """A limit was reached at line:column: ``variant`` of AK104 input-limit and its
    values; or, with ``refused``, a structure that is not read (AK101, its detail)."""

    def __init__(
        self,
        variant: str,
        *,
        line: int = 0,
        column: int = 0,
        refused: str = "",
        **params: Any,
    ) -> None:
        super().__init__(refused or variant)
        self.variant = variant
        self.refused = refused
        self.params = params
        self.line, self.column = line, column


def guarded_composer(limits: Limits) -> Any:
    """A ruamel Composer class that counts what aliases expand to while composing.

    ruamel builds one node per anchor and hands the same node to every alias; it is
    the later walks (construction, validation, error messages) that expand it. So each
    alias use adds the size of its anchor's node to a running total, and the expanded
    depth of the alias is checked too; an alias of a node that contains it is refused.
    """
    from ._composer import GuardedComposer

    return type("GuardedComposer", (GuardedComposer,), {"limits": limits})


def guarded_scanner(limits: Limits) -> Any:
    """A ruamel Scanner class that refuses flow collections nested past ``max_depth``."""
    from ._composer import GuardedScanner

    return type("GuardedScanner", (GuardedScanner,), {"limits": limits})


def over_size(text: str, limits: Limits) -> bool:
    """Whether ``text`` is over ``limits.max_bytes`` in UTF-8 (characters are at most 4
    bytes: only a text near the limit pays for the encoding)."""
    return (
        len(text) * 4 > limits.max_bytes
        and len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes
    )


def holds(text: str, data: Any, limits: Limits) -> bool:
    """Whether the YAML ``text``, written from ``data`` (plain data, tuples for lists),
    is within ``limits`` as ``loads`` measures it: its size, its nesting (the YAML
    reader counts the scalars of the deepest collections as a level more) and its
    sessions. Aliases are not counted: a writer of plain data writes none."""
    return not (
        over_size(text, limits)
        or too_deep(data, limits.max_depth - 1)
        or count_sessions(data, limits) is not None
    )


def too_deep(data: Any, max_depth: int) -> bool:
    """Whether ``data`` (parsed JSON or TOML, or plain data with tuples for lists that
    is to be written) nests deeper than ``max_depth``.

    Level by level, containers only: no recursion, and no Python call per container
    (this runs on every load of a large JSON agenda): the values of a whole level are
    chained in C, and one loop sorts out the objects and arrays among them.
    """
    dicts: list[dict[Any, Any]] = [data] if type(data) is dict else []
    lists: list[list[Any] | tuple[Any, ...]] = [data] if type(data) in (list, tuple) else []
    for _ in range(max_depth):
        values = chain(chain.from_iterable(map(dict.values, dicts)), chain.from_iterable(lists))
        dicts, lists = [], []
        add_dict, add_list = dicts.append, lists.append
        for value in values:
            kind = type(value)
            if kind is dict:
                add_dict(value)
            elif kind is list or kind is tuple:  # a tuple (plain data to be written) too
                add_list(value)
        if not dicts and not lists:
            return False
    return True


def count_sessions(data: Any, limits: Limits) -> tuple[str | int, ...] | None:
    """Where the sessions of ``data`` (of any shape) exceed ``max_sessions``, if they do:
    the path of the first session over the limit."""
    if _count(data) <= limits.max_sessions:
        return None
    return _first_over(data, limits)


def _count(data: Any) -> int:
    """The sessions of ``data``, counted list by list (no Python call per session)."""
    parts = data.get("parts") if isinstance(data, dict) else None
    if not isinstance(parts, list):
        return 0
    lists = [p.get("sessions") for p in parts if isinstance(p, dict)]
    count = 0
    while lists:
        items = [x for x in lists if isinstance(x, list)]
        count += sum(map(len, items))
        lists = []
        for sessions in items:
            try:  # dict.get in C on each session
                found = list(filter(None, map(dict.get, sessions, repeat("children"))))
            except TypeError:  # a session that is not an object: the model reports it
                found = [s.get("children") for s in sessions if isinstance(s, dict)]
            lists += found
    return count


def _first_over(data: Any, limits: Limits) -> tuple[str | int, ...] | None:
    parts = data.get("parts") if isinstance(data, dict) else None
    if not isinstance(parts, list):
        return None
    count = 0
    for p, part in enumerate(parts):
        sessions = part.get("sessions") if isinstance(part, dict) else None
        if not isinstance(sessions, list):
            continue
        stack: list[tuple[list[Any], tuple[str | int, ...]]] = [
            (sessions, ("parts", p, "sessions"))
        ]
        while stack:
            items, path = stack.pop()
            for i, session in enumerate(items):
                count += 1
                if count > limits.max_sessions:
                    return (*path, i)
                children = session.get("children") if isinstance(session, dict) else None
                if isinstance(children, list) and children:
                    stack.append((children, (*path, i, "children")))
    return None


def scan_brackets(text: str, format: str, max_depth: int | None = None) -> int | None:
    """In JSON or TOML ``text``: the offset of the first bracket that nests deeper than
    ``max_depth``; without ``max_depth``, of the innermost bracket, brace or string left
    open (where a document that ends too early should be reported). None if none."""
    stack: list[int] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "[{":
            stack.append(i)
            if max_depth is not None and len(stack) > max_depth:
                return i
        elif c in "]}":
            if stack:
                stack.pop()
        elif c == '"' or (c == "'" and format == "toml"):
            end, closed = _string_end(text, i, format)
            if not closed and max_depth is None:
                return i  # an unclosed string: where it opens
            i = end
            continue
        elif c == "#" and format == "toml":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        i += 1
    if max_depth is not None:
        return None
    return stack[-1] if stack else None


def _string_end(text: str, i: int, format: str) -> tuple[int, bool]:
    """After the string that opens at ``i``, and whether it is closed (a string that is
    not ends at the end of its line, or of the text for a TOML multi-line string)."""
    c = text[i]
    triple = format == "toml" and text.startswith(c * 3, i)
    close = c * 3 if triple else c
    j, n = i + len(close), len(text)
    while j < n and not text.startswith(close, j):
        if c == '"' and text[j] == "\\":
            j += 1
        elif not triple and text[j] == "\n":
            break
        j += 1
    if j >= n or not text.startswith(close, j):
        return j, False
    return j + len(close), True
