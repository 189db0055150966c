"""The agenda as one self-contained web page: print-ready on A4, readable on a phone.

The page fetches nothing (its style and script are inline, and its Content Security
Policy allows exactly those two by hash, so nothing an agenda says can load or run
anything else). Parallel tracks stand side by side where the screen is wide; a small
script marks the session running now, and the page reads the same without it.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib.resources import files

from markupsafe import Markup

from ..diagnostics import Report
from ..model import Agenda
from ._env import environment
from ._view import AgendaView, build_view

__all__ = ["LONG_NOTE", "OPEN_FINDINGS", "html", "render_html"]

LONG_NOTE = 160
"""Descriptions longer than this (characters) fold away behind a "More" switch."""
OPEN_FINDINGS = 10
"""Up to this many findings are listed open at the top; more are folded (each session
still carries its own)."""


@cache
def _asset(name: str) -> str:
    return (files("agenda_kit.render") / "templates" / name).read_text("utf-8")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def render_html(view: AgendaView) -> str:
    css, script = _asset("agenda.css"), _asset("now.js")
    clock = view.timeline.clock

    def iso(instant: int) -> str:
        return clock.local(instant).isoformat()

    template = environment(True).get_template("agenda.html.j2")
    return template.render(
        v=view,
        L=view.label,
        iso=iso,
        css=Markup(css),
        script=Markup(script),
        style_hash=_hash(css),
        script_hash=_hash(script),
        long_note=LONG_NOTE,
        open_findings=OPEN_FINDINGS,
    )


def html(agenda: Agenda, report: Report | None = None, *, lang: str | None = None) -> str:
    """The agenda as a self-contained HTML page; the findings of ``report`` (from
    ``agenda_kit.check``) are marked on their sessions and listed at the top."""
    return render_html(build_view(agenda, report=report, lang=lang))
