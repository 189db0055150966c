"""The agenda as an SVG timeline: one lane per room, sessions to scale, room changes
as arrows between lanes, the findings of ``agenda-kit check`` on their sessions."""

from __future__ import annotations

from ..diagnostics import Report
from ..model import Agenda
from ._env import environment
from ._layout import layout
from ._view import AgendaView, build_view

__all__ = ["render_svg", "svg"]


def _number(value: float) -> str:
    # Two decimals at most, and never "-0": the same agenda gives the same bytes.
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def render_svg(view: AgendaView) -> str:
    template = environment(True).get_template("timeline.svg.j2")
    return template.render(v=view, L=view.label, lay=layout(view), n=_number)


def svg(agenda: Agenda, report: Report | None = None, *, lang: str | None = None) -> str:
    """The agenda as a standalone SVG timeline (it scales down to fit a page when
    placed inline); sessions named by a finding of ``report`` are outlined and carry
    the finding's rule name, and sessions that overlap in a room are hatched."""
    return render_svg(build_view(agenda, report=report, lang=lang))
