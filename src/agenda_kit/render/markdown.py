"""The agenda as a Markdown table, laid out like the seed press release's schedule."""

from __future__ import annotations

from markupsafe import Markup

from ..model import Agenda
from ._env import environment
from ._view import AgendaView, build_view

__all__ = ["markdown", "render_markdown"]


def render_markdown(view: AgendaView) -> str:
    template = environment(False).get_template("agenda.md.j2")
    return template.render(v=view, L=view.label, safe=Markup)


def markdown(agenda: Agenda, *, lang: str | None = None) -> str:
    """The agenda as Markdown: the event header, then per day one table (part, time
    range, minutes, item, presenter) with each part's room and floor and a transfer as
    its own row, ready to paste into a document."""
    return render_markdown(build_view(agenda, lang=lang))
