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
    # Invitations: subjects, the e-mail's text, and what changed (ical/invite/wording.py).
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
    # What `invite` prints: the plan, one line per message, and the summary line.
    "invite.change.new": Template("new", "새 초대"),
    "invite.change.rescheduled": Template("rescheduled", "일정 변경"),
    "invite.change.updated": Template("updated", "내용 변경"),
    "invite.change.reinstated": Template("reinstated", "다시 초대"),
    "invite.change.cancelled": Template("cancelled", "취소"),
    "invite.change.unchanged": Template("unchanged", "변경 없음"),
    "invite.plan-line": Template(
        "{change}{what}: {recipient} {uid} SEQUENCE:{sequence} -> {path}",
        "{change}{what}: {recipient} {uid} SEQUENCE:{sequence} -> {path}",
    ),
    "invite.what": Template(" ({what})", " ({what})"),
    "invite.messages.one": Template("{n} message to send", "보낼 메시지 {n}개"),
    "invite.messages.other": Template("{n} messages to send", "보낼 메시지 {n}개"),
    "invite.changes": Template(" ({changes})", "({changes})"),
    "invite.change-count": Template("{n} {change}", "{change} {n}개"),
    "invite.unchanged": Template(
        ", {n} unchanged (not rewritten)", ", 변경 없음 {n}개(다시 쓰지 않음)"
    ),
    "invite.calendars.one": Template(", {n} calendar", ", 캘린더 {n}개"),
    "invite.calendars.other": Template(", {n} calendars", ", 캘린더 {n}개"),
    "invite.done": Template("{folder}: {summary}.", "{folder}: {summary}."),
    "invite.dry-run": Template(
        "Dry run: {summary}; nothing written.", "시험 실행: {summary}. 아무것도 쓰지 않았습니다."
    ),
    "invite.waiting": Template(
        "{folder}: another agenda-kit invite run is writing here; waiting",
        "{folder}: 다른 agenda-kit invite 실행이 이 폴더에 쓰고 있어 기다립니다",
    ),
    "invite.refused": Template(
        "No invitations written: fix the errors above, or pass --force.",
        "초대장을 쓰지 않았습니다: 위의 오류를 고치거나 --force를 주세요.",
    ),
    "invite.sessions.one": Template("{n} session", "세션 {n}개"),
    "invite.sessions.other": Template("{n} sessions", "세션 {n}개"),
    # Why a value read back (state file, previous mailing, attendee list) is refused.
    "invite.problem.string": Template("must be a string", "문자열이어야 합니다"),
    "invite.problem.empty": Template("must not be empty", "비어 있으면 안 됩니다"),
    "invite.problem.long": Template("is longer than {limit} characters", "{limit}자보다 깁니다"),
    "invite.problem.control": Template(
        "it has the control character {char}", "제어 문자 {char}이/가 있습니다"
    ),
    "invite.problem.too-long": Template(
        "it is longer than {limit} characters", "{limit}자보다 깁니다"
    ),
    "invite.problem.refused": Template("is refused: {problem}", "쓸 수 없습니다: {problem}"),
    "invite.problem.utc": Template(
        "is not a UTC time like {example}", "{example} 같은 UTC 시각이 아닙니다"
    ),
    "invite.problem.canonical": Template(
        "is not written in the canonical form", "표준 형식으로 쓰여 있지 않습니다"
    ),
    "invite.problem.address-empty": Template("the address is empty", "주소가 비어 있습니다"),
    "invite.problem.address-long": Template(
        "the address is longer than {limit} characters", "주소가 {limit}자보다 깁니다"
    ),
    "invite.problem.address-refused": Template(
        "the address is refused: {problem}", "주소를 쓸 수 없습니다: {problem}"
    ),
    "invite.problem.address-form": Template(
        "an address is local-part@domain", "주소는 local-part@domain 형식입니다"
    ),
    "invite.problem.address-local": Template(
        "the part before @ is neither a dot-atom nor a quoted string",
        "@ 앞부분이 dot-atom도 따옴표로 묶은 문자열도 아닙니다",
    ),
    "invite.problem.address-domain": Template(
        "the domain is not a host name or an address literal",
        "도메인이 호스트 이름도 주소 리터럴도 아닙니다",
    ),
    "invite.problem.role": Template(
        "a ROLE is a token of letters, digits and hyphens (such as REQ-PARTICIPANT)",
        "ROLE은 글자, 숫자, 하이픈으로 된 토큰입니다(REQ-PARTICIPANT 등)",
    ),
    "invite.problem.method": Template("must be REQUEST or CANCEL", "REQUEST나 CANCEL이어야 합니다"),
    "invite.problem.status": Template(
        "must be {want} for METHOD {method}", "METHOD {method}에는 {want}이어야 합니다"
    ),
    "invite.problem.sequence": Template(
        "must be 0 to 2147483647", "0에서 2147483647 사이여야 합니다"
    ),
    "invite.problem.digest": Template(
        "must be 32 lower-case hex digits", "소문자 16진수 32자리여야 합니다"
    ),
    "invite.problem.list": Template("must be a list", "목록이어야 합니다"),
    "invite.problem.via": Template(
        "may only hold `speaker` and `attendee`", "`speaker`와 `attendee`만 쓸 수 있습니다"
    ),
    "invite.problem.entry": Template(
        "has an entry that {problem}", "항목 하나가 다음과 같습니다: {problem}"
    ),
    "invite.problem.kind": Template("must be session or part", "session이나 part여야 합니다"),
    "invite.problem.file": Template(
        "must be a path FOLDER/NAME.ics inside the output folder",
        "출력 폴더 안의 FOLDER/NAME.ics 경로여야 합니다",
    ),
    "invite.problem.folder": Template(
        "is not in the folder this tool names for the recipient",
        "이 도구가 수신자에게 정하는 폴더에 있지 않습니다",
    ),
    "invite.problem.eml": Template(
        "must be the path of its .ics with .eml for .ics",
        ".ics 경로에서 .ics를 .eml로 바꾼 것이어야 합니다",
    ),
    "invite.problem.field": Template(
        "is not a field of a state record", "상태 기록의 항목이 아닙니다"
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
