"""The message catalogue for everything people read that is not a finding: summary
lines, command output, and the labels written into feeds, invitations and e-mails.

One entry per key, every language beside the other; ``say`` renders one in the
language a command resolved (``resolve_language``). Counted phrases have ``.one``
and ``.other`` forms (Korean uses ``.other`` alone). Add labels here, not in the
writers: a writer asks for ``say("label.room", lang, room=...)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ._text import Localized, Template, language

__all__ = ["PHRASES", "Phrase", "count", "say"]

_PHRASES: dict[str, Template] = {
    # The last line of `check` (and of every report a command prints).
    "summary.clean": Template(
        "All checks passed ({files}).",
        "모든 검사를 통과했습니다 ({files}).",
    ),
    "summary.found": Template("Found {counts} in {files}.", "{counts}을/를 찾았습니다 ({files})."),
    "count.files.one": Template("{n} file", "파일 {n}개"),
    "count.files.other": Template("{n} files", "파일 {n}개"),
    "count.errors.one": Template("{n} error", "오류 {n}개"),
    "count.errors.other": Template("{n} errors", "오류 {n}개"),
    "count.warnings.one": Template("{n} warning", "경고 {n}개"),
    "count.warnings.other": Template("{n} warnings", "경고 {n}개"),
    "count.infos.one": Template("{n} info", "정보 {n}개"),
    "count.infos.other": Template("{n} info", "정보 {n}개"),
    "list.separator": Template(", ", ", "),
    # Words the calendar feed puts around the agenda's own text (ical/), and what
    # `agenda-kit export` says besides its findings (commands/export.py).
    "feed.speakers": Template("Speakers", "담당"),
    "feed.floor": Template("floor {floor}", "{floor}층"),
    "feed.part": Template("Part", "순서"),
    "feed.day": Template("day {n} of {total}", "{n}일차"),
    # Session kinds in CATEGORIES. English keeps the agenda's own words, which calendar
    # users have filtered on since the first release.
    "feed.kind.talk": Template("talk", "발표"),
    "feed.kind.keynote": Template("keynote", "기조연설"),
    "feed.kind.ceremony": Template("ceremony", "행사"),
    "feed.kind.discussion": Template("discussion", "토론"),
    "feed.kind.break": Template("break", "휴식"),
    "feed.kind.transfer": Template("transfer", "이동"),
    "feed.kind.photo": Template("photo", "사진 촬영"),
    "feed.kind.other": Template("other", "기타"),
    "feed.wrote": Template("Wrote {path} ({size} bytes).", "{path}에 썼습니다 ({size}바이트)."),
    "feed.wrote-format": Template(
        "Wrote {path} ({size} bytes, {format}).", "{path}에 썼습니다 ({size}바이트, {format})."
    ),
    # Invitations: subjects, the e-mail's text, and what changed (ical/invite.py).
    "invite.new": Template("Invitation", "초대"),
    "invite.update": Template("Updated invitation", "변경된 초대"),
    "invite.cancel": Template("Cancelled", "취소"),
    "invite.intro-new": Template(
        "You are invited to the following session of {event}.", "{event}의 다음 순서에 초대합니다."
    ),
    "invite.intro-update": Template(
        "This session of {event} has changed: {what}.",
        "{event}의 이 순서가 변경되었습니다: {what}.",
    ),
    "invite.intro-cancel": Template(
        "This session of {event} has been cancelled.", "{event}의 이 순서가 취소되었습니다."
    ),
    "invite.when": Template("When", "일시"),
    "invite.where": Template("Where", "장소"),
    "invite.organizer": Template("Organizer", "주최"),
    "invite.link": Template("Link", "링크"),
    "invite.time": Template("time", "시간"),
    "invite.place": Template("place", "장소"),
    "invite.title": Template("title", "제목"),
    "invite.details": Template("details", "내용"),
    "invite.footer": Template(
        "Your calendar program can add this invitation and reply to it.",
        "캘린더 프로그램에서 이 초대를 추가하고 회신할 수 있습니다.",
    ),
    # What refers to a room, in `unknown-reference` findings.
    "ref.transfer-from": Template("transfer from", "이동 출발지"),
    "ref.transfer-to": Template("transfer to", "이동 도착지"),
    "ref.part-room": Template("part `{part}` room", "부 `{part}`의 방"),
    "ref.session-room": Template("`{session}` room", "`{session}`의 방"),
    "ref.session-to": Template("`{session}` transfer destination", "`{session}`의 이동 도착지"),
}

PHRASES: Mapping[str, Template] = MappingProxyType(_PHRASES)
"""Every phrase by key (read-only; entries are added in this module)."""


class Phrase(Localized):
    """A phrase of the catalogue as a finding's value, worded when the finding is:
    ``UNKNOWN_REFERENCE.on(path, "room", what=Phrase("ref.part-room", part="main"), ...)``."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, **params: Any) -> None:
        if key not in _PHRASES:
            raise KeyError(f"no phrase {key!r}")
        self.key = key
        self.params = params

    def text(self, lang: str) -> str:
        return say(self.key, lang, **self.params)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash((self.key, tuple(sorted(self.params.items()))))

    def __repr__(self) -> str:
        return f"Phrase({self.key!r}, **{self.params!r})"


def say(key: str, lang: str = "en", **params: Any) -> str:
    """The phrase ``key`` with ``params`` in ``lang`` (a KeyError for an unknown key)."""
    return _PHRASES[key].render(language(lang), params)


def count(key: str, n: int, lang: str = "en") -> str:
    """A counted phrase: ``count("count.errors", 2)`` is ``2 errors`` (``오류 2개``)."""
    lang = language(lang)
    form = "one" if n == 1 and lang == "en" else "other"
    return say(f"{key}.{form}", lang, n=n)
