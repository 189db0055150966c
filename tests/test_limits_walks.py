"""The loader's walks over parsed data (the depth limit and the session count) and the
characters its YAML fast path leaves to ruamel, against plain references."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from agenda_kit.loaders import Limits
from agenda_kit.loaders.limits import count_sessions, too_deep

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=3))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=2), inner, max_size=4)
    ),
    max_leaves=40,
)


def depth(value: Any) -> int:
    """Levels of objects and arrays (a scalar is 0)."""
    if type(value) is dict:
        return 1 + max(map(depth, value.values()), default=0)
    if type(value) is list:
        return 1 + max(map(depth, value), default=0)
    return 0


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(values, max_size=4), st.dictionaries(st.text(max_size=2), values)))
def test_too_deep_is_the_depth_against_the_limit(data: Any) -> None:
    levels = depth(data)
    for limit in range(1, levels + 2):
        assert too_deep(data, limit) == (levels > limit)


# Sessions of any shape: objects with or without children, and things that are not
# sessions at all (the model reports those; they are counted as the loader finds them).
sessions = st.recursive(
    st.one_of(st.fixed_dictionaries({"title": st.just("t")}), scalars),
    lambda inner: st.fixed_dictionaries(
        {"children": st.one_of(st.lists(inner, max_size=4), scalars)}
    ),
    max_leaves=30,
)
agendas = st.fixed_dictionaries(
    {
        "parts": st.one_of(
            st.lists(
                st.one_of(st.fixed_dictionaries({"sessions": st.lists(sessions)}), scalars),
                max_size=4,
            ),
            scalars,
        )
    }
)


def first_over(data: Any, limit: int) -> tuple[str | int, ...] | None:
    """The path of session number ``limit + 1``, parts in order, each list before the
    children lists found in it (last found, first counted), recursively."""
    parts = data.get("parts")
    if not isinstance(parts, list):
        return None
    count = 0
    for p, part in enumerate(parts):
        found = part.get("sessions") if isinstance(part, dict) else None
        if not isinstance(found, list):
            continue
        stack: list[tuple[list[Any], tuple[str | int, ...]]] = [(found, ("parts", p, "sessions"))]
        while stack:
            items, path = stack.pop()
            for i, item in enumerate(items):
                count += 1
                if count > limit:
                    return (*path, i)
                children = item.get("children") if isinstance(item, dict) else None
                if isinstance(children, list) and children:
                    stack.append((children, (*path, i, "children")))
    return None


@settings(max_examples=300, deadline=None)
@given(agendas)
def test_the_session_count_finds_the_first_session_over_the_limit(data: dict[str, Any]) -> None:
    total = 0  # the sessions: the first over a limit of ``total`` is None
    while first_over(data, total) is not None:
        total += 1
    for limit in range(1, total + 2):
        assert count_sessions(data, Limits(max_sessions=limit)) == first_over(data, limit)


def test_the_characters_left_to_ruamel_are_those_it_does_not_print() -> None:
    from agenda_kit.loaders._libyaml import _UNUSUAL

    unusual = re.compile(_UNUSUAL)

    def printable(code: int) -> bool:  # ruamel.yaml's reader (NON_PRINTABLE), less NEL
        return (  # and less LS and PS, which libyaml reads as line breaks
            code in (0x09, 0x0A, 0x0D)
            or 0x20 <= code <= 0x7E
            or (0xA0 <= code <= 0xD7FF and code not in (0x2028, 0x2029))
            or 0xE000 <= code <= 0xFEFE  # the byte order mark inside a text is unusual
            or 0xFF00 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF
        )

    wrong = [c for c in range(0x110000) if bool(unusual.match(chr(c))) == printable(c)]
    assert wrong == []
