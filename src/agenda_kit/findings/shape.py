"""AK103, AK110-AK114: the shape of an agenda beyond its types: ids, references to
speakers and rooms, titles, and inline suppressions."""

from __future__ import annotations

from ..diagnostics import Severity
from ._kind import Message, define
from .phrases import Phrase

__all__ = [
    "DUPLICATE_ID",
    "EMPTY_TITLE",
    "MISSING_ID",
    "UNKNOWN_REFERENCE",
    "UNREFERENCED",
    "UNUSED_IGNORE",
]

ERROR = Severity.ERROR
INFO = Severity.INFO
WARNING = Severity.WARNING


UNUSED_IGNORE = define(
    "AK103",
    "unused-ignore",
    WARNING,
    "A session's `ignore:` names a rule that reports nothing there, or no rule at all.",
    "A stale suppression hides the next real problem at that place.",
    "Remove the entry from `ignore`.",
    example="parts:\n  - sessions:\n      - {id: a, title: A, time: 09:00-09:30, ignore: [gap]}\n",
    fixed="parts:\n  - sessions:\n      - {id: a, title: A, time: 09:00-09:30}\n",
    params={"id": str, "selector": str},
    messages={
        "": Message(
            en=(
                "`ignore: [{selector}]` on `{id}` suppresses nothing",
                "Remove `{selector}` from `ignore`.",
            ),
            ko=(
                "`{id}`의 `ignore: [{selector}]`가 아무것도 감추지 않습니다",
                "`ignore`에서 `{selector}`을/를 지우세요.",
            ),
        ),
        "unknown": Message(
            en=(
                "`ignore: [{selector}]` on `{id}` names no rule",
                "Use a rule code (AK201), name (gap) or code prefix (AK2).",
            ),
            ko=(
                "`{id}`의 `ignore: [{selector}]`는 어떤 규칙도 가리키지 않습니다",
                "규칙 코드(AK201), 이름(gap), 코드 접두어(AK2)를 쓰세요.",
            ),
        ),
    },
)


DUPLICATE_ID = define(
    "AK110",
    "duplicate-id",
    ERROR,
    "Two sessions, or two parts, have the same id.",
    (
        "Ids name calendar events (their UIDs); two events with one UID overwrite each other in "
        "every calendar client."
    ),
    "Give one of them another id.",
    example=(
        "parts:\n"
        "  - sessions:\n"
        "      - {id: talk, title: A, time: 09:00-09:30}\n"
        "      - {id: talk, title: B, time: 09:30-10:00}\n"
    ),
    fixed=(
        "parts:\n"
        "  - sessions:\n"
        "      - {id: talk-a, title: A, time: 09:00-09:30}\n"
        "      - {id: talk-b, title: B, time: 09:30-10:00}\n"
    ),
    params={"first": str, "id": str},
    messages={
        "part": Message(
            en=(
                "part id `{id}` is already used by {first}",
                "Give this part another id.",
            ),
            ko=(
                "부 id `{id}`은/는 이미 {first}에서 쓰입니다",
                "이 부에 다른 id를 주세요.",
            ),
        ),
        "session": Message(
            en=(
                "session id `{id}` is already used by {first}",
                "Give this session another id; ids become calendar UIDs.",
            ),
            ko=(
                "세션 id `{id}`은/는 이미 {first}에서 쓰입니다",
                "이 세션에 다른 id를 주세요. id는 캘린더 UID가 됩니다.",
            ),
        ),
        "derived": Message(
            en=(
                (
                    "session id `{id}` (derived from its part and position) is already used by "
                    "{first}"
                ),
                "Give this session an `id` of its own; ids become calendar UIDs.",
            ),
            ko=(
                "세션 id `{id}`(부와 순서에서 만든 id)는 이미 {first}에서 쓰입니다",
                "이 세션에 고유한 `id`를 주세요. id는 캘린더 UID가 됩니다.",
            ),
        ),
    },
)


UNKNOWN_REFERENCE = define(
    "AK111",
    "unknown-reference",
    ERROR,
    "A speaker or room is referred to but not defined.",
    "A typo in a reference would publish the wrong room or a speaker without a name.",
    "Define it under `speakers:` or `venue.rooms:`, or correct the reference.",
    example=(
        "speakers: {ada: {name: Ada}}\n"
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30, speakers: [adda]}\n"
    ),
    fixed=(
        "speakers: {ada: {name: Ada}}\n"
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30, speakers: [ada]}\n"
    ),
    params={"ref": str, "session": str, "suggestion": str, "what": Phrase},
    messages={
        "room": Message(
            en=(
                "{what} `{ref}` is not a room of the venue",
                "Define `{ref}` under `venue.rooms`, or correct the reference.",
            ),
            ko=(
                "{what} `{ref}`은/는 행사장에 없는 방입니다",
                "`venue.rooms`에 `{ref}`을/를 정의하거나 참조를 고치세요.",
            ),
        ),
        "room.suggest": Message(
            en=(
                "{what} `{ref}` is not a room of the venue",
                "Did you mean `{suggestion}`? Otherwise define `{ref}` under `venue.rooms`.",
            ),
            ko=(
                "{what} `{ref}`은/는 행사장에 없는 방입니다",
                "`{suggestion}`의 오타인가요? 아니면 `venue.rooms`에 `{ref}`을/를 정의하세요.",
            ),
        ),
        "speaker": Message(
            en=(
                "`{session}` names speaker `{ref}`, who is not defined",
                "Define `{ref}` under `speakers`, or correct the reference.",
            ),
            ko=(
                "`{session}`의 발표자 `{ref}`이/가 정의되어 있지 않습니다",
                "`speakers`에 `{ref}`을/를 정의하거나 참조를 고치세요.",
            ),
        ),
        "speaker.suggest": Message(
            en=(
                "`{session}` names speaker `{ref}`, who is not defined",
                "Did you mean `{suggestion}`? Otherwise define `{ref}` under `speakers`.",
            ),
            ko=(
                "`{session}`의 발표자 `{ref}`이/가 정의되어 있지 않습니다",
                "`{suggestion}`의 오타인가요? 아니면 `speakers`에 `{ref}`을/를 정의하세요.",
            ),
        ),
    },
)


UNREFERENCED = define(
    "AK112",
    "unreferenced",
    INFO,
    "A room or speaker is defined but never used.",
    "Often a leftover from a removed session, or a reference spelled differently.",
    "Remove the definition, or use it.",
    example=(
        "speakers: {ada: {name: Ada}, bob: {name: Bob}}\n"
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30, speakers: [ada]}\n"
    ),
    fixed=(
        "speakers: {ada: {name: Ada}}\n"
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30, speakers: [ada]}\n"
    ),
    params={"ref": str},
    messages={
        "room": Message(
            en=(
                "room `{ref}` is defined but no session uses it",
                "Remove it, or use it in a part or session.",
            ),
            ko=(
                "방 `{ref}`이/가 정의되었지만 어느 세션도 쓰지 않습니다",
                "지우거나 부나 세션에서 쓰세요.",
            ),
        ),
        "speaker": Message(
            en=(
                "speaker `{ref}` is defined but speaks in no session",
                "Remove them, or add them to a session's `speakers`.",
            ),
            ko=(
                "발표자 `{ref}`이/가 정의되었지만 어느 세션에도 나오지 않습니다",
                "지우거나 세션의 `speakers`에 넣으세요.",
            ),
        ),
    },
)


MISSING_ID = define(
    "AK113",
    "missing-id",
    INFO,
    "A session has no explicit `id`.",
    (
        "Its calendar UID is then derived from its part and position (`part-1-3`): inserting a "
        "session before it changes the UID, and calendars show a new event instead of an update."
    ),
    "Give the session an `id`.",
    example="parts:\n  - sessions:\n      - {title: A, time: 09:00-09:30}\n",
    fixed="parts:\n  - sessions:\n      - {id: a, title: A, time: 09:00-09:30}\n",
    params={"id": str},
    messages={
        "": Message(
            en=(
                "`{id}` has no `id`: its calendar UID depends on its part and position",
                ("Give it an `id`, so that moving or inserting sessions keeps its calendar event."),
            ),
            ko=(
                "`{id}`에 `id`가 없어 캘린더 UID가 부와 순서에 따라 바뀝니다",
                "`id`를 주면 세션을 옮기거나 끼워 넣어도 캘린더 일정이 유지됩니다.",
            ),
        ),
    },
)


EMPTY_TITLE = define(
    "AK114",
    "empty-title",
    ERROR,
    "A session's title is empty.",
    "An empty title publishes an event nobody can recognise.",
    "Give the session a title.",
    example="parts:\n  - sessions:\n      - {id: a, title: '', time: 09:00-09:30}\n",
    fixed="parts:\n  - sessions:\n      - {id: a, title: Welcome, time: 09:00-09:30}\n",
    params={"id": str},
    messages={
        "": Message(
            en=(
                "`{id}` has an empty title",
                "Give the session a title.",
            ),
            ko=(
                "`{id}`의 제목이 비어 있습니다",
                "세션에 제목을 주세요.",
            ),
        ),
    },
)
