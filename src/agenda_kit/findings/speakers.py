"""AK4xx: speakers."""

from __future__ import annotations

from ..diagnostics import Severity
from ._kind import Message, define
from ._text import Duration

__all__ = ["SPEAKER_CONFLICT", "SPEAKER_TRAVEL", "SPEAKER_UNAVAILABLE"]

ERROR = Severity.ERROR
WARNING = Severity.WARNING

SPEAKER_CONFLICT = define(
    "AK401",
    "speaker-conflict",
    ERROR,
    (
        "A speaker is in two sessions that overlap, in any tracks or rooms. Every such pair "
        "is reported (three sessions at one time: three findings per speaker); where ids "
        "are numbers or codes, the message adds the sessions' titles and the speaker's name."
    ),
    "Nobody can be in two places at once.",
    "Move one of the sessions, or give one of them another speaker.",
    example=(
        "speakers: {ada: {name: Ada}}\n"
        "parts:\n"
        "  - {track: a, sessions: [{id: one, title: One, time: 09:00-10:00, speakers: [ada]}]}\n"
        "  - {track: b, sessions: [{id: two, title: Two, time: 09:30-10:00, speakers: [ada]}]}\n"
    ),
    fixed=(
        "speakers: {ada: {name: Ada}}\n"
        "parts:\n"
        "  - {track: a, sessions: [{id: one, title: One, time: 09:00-09:30, speakers: [ada]}]}\n"
        "  - {track: b, sessions: [{id: two, title: Two, time: 09:30-10:00, speakers: [ada]}]}\n"
    ),
    # Labels are empty, or (where ids are opaque, as imported numbers are) a space and
    # the session's title or, in brackets, the speaker's name.
    params={
        "a": str,
        "a_end": str,
        "a_label": str,
        "a_start": str,
        "b": str,
        "b_end": str,
        "b_label": str,
        "b_start": str,
        "speaker": str,
        "speaker_label": str,
    },
    sample={
        "a": "56",
        "a_end": "17:00",
        "a_label": " Contributor Jam",
        "a_start": "13:00",
        "b": "87",
        "b_end": "14:00",
        "b_label": " Open OnDemand at OSC",
        "b_start": "13:30",
        "speaker": "emily-moffat-sadeghi",
        "speaker_label": " (Emily Moffat Sadeghi)",
    },
    messages={
        "": Message(
            en=(
                (
                    "`{speaker}`{speaker_label} is in `{a}`{a_label} ({a_start}–{a_end}) and "
                    "in `{b}`{b_label} ({b_start}–{b_end}) at the same time"
                ),
                "Move one of the two sessions, or give one of them another speaker.",
            ),
            ko=(
                "`{speaker}`{speaker_label}이/가 `{a}`{a_label}({a_start}–{a_end})와 "
                "`{b}`{b_label}({b_start}–{b_end})에 동시에 있습니다",
                "두 세션 중 하나를 옮기거나 한쪽의 발표자를 바꾸세요.",
            ),
        ),
    },
)

SPEAKER_TRAVEL = define(
    "AK402",
    "speaker-travel",
    WARNING,
    (
        "A speaker's consecutive sessions are in different rooms with less time between them "
        "than the venue's transfer minutes for that pair of rooms."
    ),
    "The speaker arrives late, and the session starts late.",
    "Leave the transfer time between the sessions, or hold them in the same room.",
    example=(
        "venue:\n"
        "  name: Hotel\n"
        "  rooms: {a: {name: A}, b: {name: B}}\n"
        "  transfers: [{from: a, to: b, minutes: 10}]\n"
        "speakers: {ada: {name: Ada}}\n"
        "parts:\n"
        "  - {track: x, room: a, sessions: [{id: one, title: "
        "One, time: 09:00-10:00, speakers: [ada]}]}\n"
        "  - {track: y, room: b, sessions: [{id: two, title: "
        "Two, time: 10:00-11:00, speakers: [ada]}]}\n"
    ),
    fixed=(
        "venue:\n"
        "  name: Hotel\n"
        "  rooms: {a: {name: A}, b: {name: B}}\n"
        "  transfers: [{from: a, to: b, minutes: 10}]\n"
        "speakers: {ada: {name: Ada}}\n"
        "parts:\n"
        "  - {track: x, room: a, sessions: [{id: one, title: "
        "One, time: 09:00-10:00, speakers: [ada]}]}\n"
        "  - {track: y, room: b, sessions: [{id: two, title: "
        "Two, time: 10:10-11:00, speakers: [ada]}]}\n"
    ),
    options="`default-minutes`: minutes needed between rooms the venue does not pair.",
    params={
        "a": str,
        "b": str,
        "have": Duration,
        "need": Duration,
        "room_a": str,
        "room_b": str,
        "speaker": str,
    },
    messages={
        "": Message(
            en=(
                (
                    "`{speaker}` has {have} to get from `{a}` in `{room_a}` to `{b}` in "
                    "`{room_b}`; the venue needs {need}"
                ),
                "Leave {need} between the two sessions, or hold them in the same room.",
            ),
            ko=(
                (
                    "`{speaker}`이/가 `{room_a}`의 `{a}`에서 "
                    "`{room_b}`의 `{b}`으로/로 가는 데 {have}뿐입니다. "
                    "행사장 이동에는 {need}이/가 필요합니다"
                ),
                "두 세션 사이에 {need}을/를 두거나 같은 방에서 여세요.",
            ),
        ),
    },
)

SPEAKER_UNAVAILABLE = define(
    "AK403",
    "speaker-unavailable",
    ERROR,
    (
        "A session lies outside its speaker's declared `available` ranges (dates and times in "
        "the event's zone)."
    ),
    "The speaker told you when they can come.",
    "Move the session into the speaker's available time.",
    example=(
        "speakers: {ada: {name: Ada, available: ['2025-03-18 09:00-12:00']}}\n"
        "parts:\n"
        "  - sessions: [{id: a, title: A, time: 13:00-14:00, speakers: [ada]}]\n"
    ),
    fixed=(
        "speakers: {ada: {name: Ada, available: ['2025-03-18 09:00-12:00']}}\n"
        "parts:\n"
        "  - sessions: [{id: a, title: A, time: 10:00-11:00, speakers: [ada]}]\n"
    ),
    params={"available": str, "day": str, "end": str, "id": str, "speaker": str, "start": str},
    messages={
        "": Message(
            en=(
                "`{speaker}` is not available for `{id}` ({day} {start}–{end})",
                "Move `{id}` into a time when `{speaker}` is available ({available}).",
            ),
            ko=(
                "`{speaker}`은/는 `{id}`({day} {start}–{end}) 시간에 참석할 수 없습니다",
                "`{id}`을/를 `{speaker}`이/가 가능한 시간({available})으로 옮기세요.",
            ),
        ),
    },
)
