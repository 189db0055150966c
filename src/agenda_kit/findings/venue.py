"""AK3xx: rooms and the venue."""

from __future__ import annotations

from ..diagnostics import Severity
from ._kind import Message, define
from ._text import Duration

__all__ = ["CAPACITY", "MISSING_TRANSFER", "ROOM_CONFLICT"]

ERROR = Severity.ERROR
WARNING = Severity.WARNING

MISSING_TRANSFER = define(
    "AK301",
    "missing-transfer",
    ERROR,
    (
        "Consecutive sessions of a track are in different rooms with no transfer session between "
        "them as long as the venue's transfer minutes for that pair of rooms."
    ),
    (
        "People need time to move; without a transfer session the next session starts before "
        "they arrive."
    ),
    (
        "Add a `kind: transfer` session with `to:` the next room, lasting at least the venue's "
        "transfer minutes."
    ),
    example=(
        "venue:\n"
        "  name: Hotel\n"
        "  rooms: {a: {name: A}, b: {name: B}}\n"
        "  transfers: [{from: a, to: b, minutes: 5}]\n"
        "parts:\n"
        "  - room: a\n"
        "    sessions:\n"
        "      - {id: one, title: One, time: 09:00-09:30}\n"
        "      - {id: two, title: Two, time: 09:30-10:00, room: b}\n"
    ),
    fixed=(
        "venue:\n"
        "  name: Hotel\n"
        "  rooms: {a: {name: A}, b: {name: B}}\n"
        "  transfers: [{from: a, to: b, minutes: 5}]\n"
        "parts:\n"
        "  - room: a\n"
        "    sessions:\n"
        "      - {id: one, title: One, time: 09:00-09:30}\n"
        "      - {id: move, title: Move, time: 09:30-09:35, kind: transfer, to: b}\n"
        "      - {id: two, title: Two, time: 09:35-10:00, room: b}\n"
    ),
    options="`default-minutes`: minutes needed between rooms the venue does not pair.",
    params={
        "a": str,
        "a_end": str,
        "b": str,
        "have": Duration,
        "heading": str,
        "need": Duration,
        "room_a": str,
        "room_b": str,
    },
    messages={
        "none": Message(
            en=(
                (
                    "`{b}` in `{room_b}` follows `{a}` in `{room_a}` with no transfer; the venue "
                    "needs {need}"
                ),
                "Add a `kind: transfer` session of {need} with `to: {room_b}` at {a_end}.",
            ),
            ko=(
                (
                    "`{room_a}`의 `{a}` 다음에 `{room_b}`의 "
                    "`{b}`이/가 이동 시간 없이 이어집니다. 행사장 이동에는 "
                    "{need}이/가 필요합니다"
                ),
                "{a_end}에 `to: {room_b}`인 {need}짜리 `kind: transfer` 세션을 넣으세요.",
            ),
        ),
        "short": Message(
            en=(
                (
                    "`{b}` in `{room_b}` follows `{a}` in `{room_a}` with only {have} of "
                    "transfer; the venue needs {need}"
                ),
                "Make the transfer before `{b}` last {need}.",
            ),
            ko=(
                (
                    "`{room_a}`의 `{a}`에서 `{room_b}`의 "
                    "`{b}`으로/로 가는 이동 시간이 {have}뿐입니다. 행사장 이동에는 "
                    "{need}이/가 필요합니다"
                ),
                "`{b}` 앞의 이동 시간을 {need}으로/로 늘리세요.",
            ),
        ),
        "wrong-room": Message(
            en=(
                "the transfer before `{b}` goes to `{heading}`, but `{b}` is in `{room_b}`",
                "Set the transfer's `to: {room_b}`, or move `{b}`.",
            ),
            ko=(
                "`{b}` 앞의 이동은 `{heading}`으로/로 가지만 `{b}`은/는 `{room_b}`에서 열립니다",
                "이동의 `to: {room_b}`으로/로 고치거나 `{b}`을/를 옮기세요.",
            ),
        ),
    },
)

ROOM_CONFLICT = define(
    "AK302",
    "room-conflict",
    ERROR,
    (
        "Two sessions of different tracks use the same room at overlapping times. Every such "
        "pair is reported; where ids are numbers or codes, the message adds the titles."
    ),
    "A room holds one session at a time, unless it is a hall with several stages.",
    "Move one session to another room or time, or mark the room `shared: true`.",
    example=(
        "venue: {name: Hotel, rooms: {hall: {name: Hall}}}\n"
        "parts:\n"
        "  - {track: a, room: hall, sessions: [{id: one, title: One, time: 09:00-10:00}]}\n"
        "  - {track: b, room: hall, sessions: [{id: two, title: Two, time: 09:30-10:00}]}\n"
    ),
    fixed=(
        "venue: {name: Hotel, rooms: {hall: {name: Hall, shared: true}}}\n"
        "parts:\n"
        "  - {track: a, room: hall, sessions: [{id: one, title: One, time: 09:00-10:00}]}\n"
        "  - {track: b, room: hall, sessions: [{id: two, title: Two, time: 09:30-10:00}]}\n"
    ),
    # Labels: empty, or the session's title after a space where ids are opaque.
    params={
        "a": str,
        "a_label": str,
        "b": str,
        "b_label": str,
        "b_start": str,
        "overlap": Duration,
        "room": str,
        "track_a": str,
        "track_b": str,
    },
    messages={
        "": Message(
            en=(
                (
                    "`{b}`{b_label} ({track_b}) and `{a}`{a_label} ({track_a}) are both in "
                    "`{room}` at {b_start}, for {overlap}"
                ),
                "Move one of them to another room or time, or mark `{room}` as `shared: true`.",
            ),
            ko=(
                (
                    "`{b}`{b_label}({track_b})과/와 `{a}`{a_label}({track_a})이/가 {b_start}부터 "
                    "{overlap} 동안 같은 방 "
                    "`{room}`을/를 씁니다"
                ),
                "둘 중 하나를 다른 방이나 시간으로 옮기거나, `{room}`에 `shared: true`를 주세요.",
            ),
        ),
    },
)

CAPACITY = define(
    "AK303",
    "capacity",
    WARNING,
    (
        "The expected attendance (of the session, else its part, else the event) exceeds the "
        "room's `capacity`."
    ),
    "People left standing in the corridor.",
    "Move the session to a larger room, or correct `attendance` or `capacity`.",
    example=(
        "venue: {name: Hotel, rooms: {lab: {name: Lab, capacity: 20}}}\n"
        "parts:\n"
        "  - room: lab\n"
        "    sessions: [{id: a, title: A, time: 09:00-10:00, attendance: 35}]\n"
    ),
    fixed=(
        "venue: {name: Hotel, rooms: {lab: {name: Lab, capacity: 40}}}\n"
        "parts:\n"
        "  - room: lab\n"
        "    sessions: [{id: a, title: A, time: 09:00-10:00, attendance: 35}]\n"
    ),
    params={"attendance": int, "capacity": int, "id": str, "room": str},
    messages={
        "": Message(
            en=(
                "`{id}` expects {attendance} people, but `{room}` holds {capacity}",
                ("Move `{id}` to a larger room, or correct `attendance` or the room's `capacity`."),
            ),
            ko=(
                "`{id}`의 예상 인원은 {attendance}명이지만 "
                "`{room}`의 수용 인원은 {capacity}명입니다",
                "`{id}`을/를 더 큰 방으로 옮기거나 `attendance`나 방의 `capacity`를 고치세요.",
            ),
        ),
    },
)
