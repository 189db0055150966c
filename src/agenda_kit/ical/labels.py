"""The words a feed puts around the agenda's own text, in the feed's language.

Every word comes from the phrase catalogue (``findings.phrases``, the ``feed.*``
entries); this module only picks the language and keeps the rendered words, which
repeat in every event of a feed.
"""

from __future__ import annotations

from functools import lru_cache

from ..findings import resolve_language, say
from ..model import KINDS, Agenda

__all__ = ["Labels", "feed_language", "labels"]


def feed_language(agenda: Agenda, lang: str | None = None) -> str:
    """The language of a feed: ``lang`` (the command's ``--lang`` or settings), else
    the agenda's ``event.lang``, else English."""
    return resolve_language(lang, None, agenda.event.lang)


class Labels:
    """The feed's words in one language: ``Labels("ko").floor(2)`` is ``2층``."""

    __slots__ = ("_kinds", "day_template", "lang", "speakers")

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.speakers = say("feed.speakers", lang)
        self._kinds = {kind: say(f"feed.kind.{kind}", lang) for kind in KINDS}

    def floor(self, floor: object) -> str:
        return say("feed.floor", self.lang, floor=floor)

    def day(self, n: int, total: int) -> str:
        return say("feed.day", self.lang, n=n, total=total)

    def kind(self, kind: str) -> str:
        """A session kind as people read it (an unknown one as it is)."""
        return self._kinds.get(kind, kind)


@lru_cache(maxsize=8)
def labels(lang: str) -> Labels:
    """The (shared) labels of ``lang``."""
    return Labels(lang)
