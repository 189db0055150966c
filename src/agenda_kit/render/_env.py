"""The Jinja2 environments of the writers, and what each does to the agenda's text.

Every value a template prints passes through the environment's escaping: HTML and SVG
autoescape (and drop the characters XML cannot hold), Markdown backslash-escapes what
Markdown or the HTML inside it would read as markup. Text the writers make themselves
(times, numbers) is marked safe with ``Markup``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

__all__ = ["environment", "md_escape", "xml_text"]

# Characters XML 1.0 does not allow at all (an SVG with one is not well-formed, and the
# browser shows an error instead of the drawing); the model lets U+FFFE and U+FFFF through.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What Markdown (GitHub's included) reads as markup inside a line: emphasis, code,
# links, inline HTML, table cells, strikethrough, headings' closing marks.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
# `&amp;`, `&#60;`: an entity would be decoded; a lone `&` is text.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def xml_text(value: Any) -> Any:
    """``value`` as text XML can carry (U+FFFD for what it cannot); others unchanged."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _NOT_XML.sub("\ufffd", value)
    return value


def md_escape(value: Any) -> Any:
    """``value`` as Markdown text that reads as itself (``Markup`` is left as written)."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    text = _NOT_XML.sub("\ufffd", str(value))
    return _ENTITY.sub(r"\\&", _MD_SPECIAL.sub(r"\\\1", text))


@cache
def environment(markup: bool) -> Environment:
    """The environment for HTML and SVG (``markup``), or for Markdown."""
    common: dict[str, Any] = {
        "loader": PackageLoader("agenda_kit.render", "templates"),
        "undefined": StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if markup:
        return Environment(autoescape=True, finalize=xml_text, **common)
    return Environment(autoescape=False, finalize=md_escape, **common)
