"""The agenda for people: a Markdown table, a self-contained web page, an SVG timeline.

``markdown(agenda)``, ``html(agenda, report=None)`` and ``svg(agenda, report=None)``
return text; ``report`` (from ``agenda_kit.check``) marks its findings on the sessions
they concern. Labels and dates are in ``lang``, else the agenda's ``event.lang``.
"""

from __future__ import annotations

from .html import html
from .markdown import markdown
from .svg import svg

__all__ = ["FORMATS", "html", "markdown", "svg"]

FORMATS = ("md", "html", "svg")
"""The formats of ``agenda-kit render --format``."""
