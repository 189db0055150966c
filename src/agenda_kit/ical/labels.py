"""The words a feed puts around the agenda's own text, in the feed's language.

Every word comes from the phrase catalogue (``findings.phrases``, the ``feed.*``
entries); this module only picks the language and keeps the rendered words, which
repeat in every event of a feed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..findings import LANGUAGES, PHRASES, resolve_language, say
from ..model import KINDS, Agenda

__all__ = ["Labels", "feed_language", "labels", "split_room_label"]


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

    def room(self, name: str, floor: object | None) -> str:
        """A room as people read it: ``Hall (floor 2)``, ``Hall (2층)``."""
        return name if floor is None else f"{name} ({self.floor(floor)})"

    def day(self, n: int, total: int) -> str:
        return say("feed.day", self.lang, n=n, total=total)

    def kind(self, kind: str) -> str:
        """A session kind as people read it (an unknown one as it is)."""
        return self._kinds.get(kind, kind)


@lru_cache(maxsize=8)
def labels(lang: str) -> Labels:
    """The (shared) labels of ``lang``."""
    return Labels(lang)


@lru_cache(maxsize=1)
def _room_patterns() -> tuple[re.Pattern[str], ...]:
    out = []
    for lang in LANGUAGES:
        before, _, after = PHRASES["feed.floor"].get(lang).partition("{floor}")
        out.append(
            re.compile(
                rf"(?P<name>.+) \({re.escape(before)}(?P<floor>[^()]+?){re.escape(after)}\)",
                re.DOTALL,
            )
        )
    return tuple(out)


def split_room_label(text: str) -> tuple[str, int | str | None]:
    """The room's name and floor in a label ``Labels.room`` wrote, in any language
    (``Hall (2층)`` is ``("Hall", 2)``); the text and None when it has no floor.

    For a reader of feeds that must take a room's name from LOCATION: the words come
    from the same catalogue entry as the writer's, so a changed label cannot break it.
    """
    for pattern in _room_patterns():
        found = pattern.fullmatch(text)
        if found:
            floor = found["floor"]
            # A floor the model takes as a number (at most 9 digits); longer is text.
            number = re.fullmatch(r"-?[0-9]{1,9}", floor)
            return found["name"], int(floor) if number else floor
    return text, None
