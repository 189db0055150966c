"""AK2xx: time: sessions against each other, the window, their parts and the calendar."""

from __future__ import annotations

from ..diagnostics import Severity
from ._kind import Message, define
from ._text import Duration

__all__ = [
    "CONFLICTING_TIME",
    "CROSSES_MIDNIGHT",
    "DURATION_BOUNDS",
    "DURATION_MISMATCH",
    "GAP",
    "NONEXISTENT_TIME",
    "NON_POSITIVE_DURATION",
    "OUTSIDE_PARENT",
    "OUTSIDE_PART_SPAN",
    "OUTSIDE_WINDOW",
    "OVERLAP",
    "SHORT_CHANGEOVER",
    "UNRESOLVED_TIME",
    "WEEKDAY_MISMATCH",
    "WINDOW_NOT_FILLED",
]

ERROR = Severity.ERROR
WARNING = Severity.WARNING

GAP = define(
    "AK201",
    "gap",
    ERROR,
    (
        "Within a track and a day, a session starts after the previous one ended (also between "
        "the sessions inside a session)."
    ),
    (
        "An unexplained gap is usually a typo; a pause should be declared so that people see it "
        "in the published programme. Free time that is planned is declared on the part or its "
        "track: a changeover between sessions (`changeover: 15`), breaks without a session "
        "(`breaks: [12:30-13:30]`), or a room that may be free between sessions "
        "(`contiguous: false`)."
    ),
    "Move the session to the end of the previous one, or declare a `kind: break` session.",
    example=(
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30}\n"
        "      - {id: b, title: B, time: 09:35-10:00}\n"
    ),
    fixed=(
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30}\n"
        "      - {id: pause, title: Pause, time: 09:30-09:35, kind: break}\n"
        "      - {id: b, title: B, time: 09:35-10:00}\n"
    ),
    params={
        "a": str,
        "a_end": str,
        "b": str,
        "b_start": str,
        "gap": Duration,
        "p_end": str,
        "p_start": str,
        "parent": str,
    },
    messages={
        "": Message(
            en=(
                "{gap} between `{a}` (ends {a_end}) and `{b}` (starts {b_start})",
                "Start `{b}` at {a_end}, or declare a break from {a_end} to {b_start}.",
            ),
            ko=(
                "`{a}`({a_end} 종료)와 `{b}`({b_start} 시작) 사이가 {gap} 비어 있습니다",
                "`{b}`을/를 {a_end}에 시작하거나, {a_end}–{b_start}에 "
                "휴식(`kind: break`)을 넣으세요.",
            ),
        ),
        "parent-start": Message(
            en=(
                (
                    "{gap} between the start of `{parent}` ({p_start}) and its first part `{b}` "
                    "(starts {b_start})"
                ),
                "Start `{b}` at {p_start}, or declare a break inside `{parent}`.",
            ),
            ko=(
                "`{parent}` 시작({p_start})과 첫 순서 "
                "`{b}`({b_start} 시작) 사이가 {gap} 비어 있습니다",
                "`{b}`을/를 {p_start}에 시작하거나, `{parent}` 안에 휴식을 넣으세요.",
            ),
        ),
        "parent-end": Message(
            en=(
                "{gap} between the end of `{a}` ({a_end}) and the end of `{parent}` ({p_end})",
                "End `{a}` at {p_end}, or declare a break inside `{parent}`.",
            ),
            ko=(
                "`{a}` 종료({a_end})와 `{parent}` 종료({p_end}) 사이가 {gap} 비어 있습니다",
                "`{a}`을/를 {p_end}에 끝내거나, `{parent}` 안에 휴식을 넣으세요.",
            ),
        ),
    },
)

OVERLAP = define(
    "AK202",
    "overlap",
    ERROR,
    (
        "Within a track and a day, a session starts before another one ended. Every such "
        "pair is reported; where ids are numbers or codes, the message adds the titles."
    ),
    "One track cannot hold two sessions at once.",
    (
        "Start the session when the previous one ends, shorten the previous one, or put the "
        "session on another track."
    ),
    example=(
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:40}\n"
        "      - {id: b, title: B, time: 09:30-10:00}\n"
    ),
    fixed=(
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:30}\n"
        "      - {id: b, title: B, time: 09:30-10:00}\n"
    ),
    # Labels: empty, or the session's title after a space where ids are opaque.
    params={
        "a": str,
        "a_end": str,
        "a_label": str,
        "b": str,
        "b_label": str,
        "b_start": str,
        "overlap": Duration,
    },
    messages={
        "": Message(
            en=(
                "`{b}`{b_label} starts at {b_start}, {overlap} before `{a}`{a_label} ends at "
                "{a_end}",
                "Start `{b}` at {a_end}, shorten `{a}`, or move one of them to another track.",
            ),
            ko=(
                "`{b}`{b_label}이/가 {b_start}에 시작해 `{a}`{a_label}({a_end} 종료)와 "
                "{overlap} 겹칩니다",
                "`{b}`을/를 {a_end}에 시작하거나, `{a}`을/를 "
                "줄이거나, 둘 중 하나를 다른 트랙으로 옮기세요.",
            ),
        ),
    },
)

OUTSIDE_WINDOW = define(
    "AK203",
    "outside-window",
    ERROR,
    "A session starts before the event window opens or ends after it closes.",
    "The window is when the venue is booked and people are invited.",
    "Move or shorten the session, or widen `event.window`.",
    example=(
        "event: {id: demo, title: Demo, date: 2025-03-18, "
        "timezone: Europe/Berlin, window: 09:00-10:00}\n"
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-10:15}\n"
    ),
    fixed=(
        "event: {id: demo, title: Demo, date: 2025-03-18, "
        "timezone: Europe/Berlin, window: 09:00-10:00}\n"
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-10:00}\n"
    ),
    params={"closes": str, "delta": Duration, "id": str, "opens": str},
    messages={
        "start": Message(
            en=(
                "`{id}` starts {delta} before the window opens at {opens}",
                "Start `{id}` at {opens} or later, or widen `event.window`.",
            ),
            ko=(
                "`{id}`이/가 행사 시작 시각 {opens}보다 {delta} 일찍 시작합니다",
                "`{id}`을/를 {opens} 이후에 시작하거나 `event.window`를 넓히세요.",
            ),
        ),
        "end": Message(
            en=(
                "`{id}` ends {delta} after the window closes at {closes}",
                "End `{id}` by {closes}, or widen `event.window`.",
            ),
            ko=(
                "`{id}`이/가 행사 종료 시각 {closes}보다 {delta} 늦게 끝납니다",
                "`{id}`을/를 {closes}까지 끝내거나 `event.window`를 넓히세요.",
            ),
        ),
    },
)

WINDOW_NOT_FILLED = define(
    "AK204",
    "window-not-filled",
    WARNING,
    "A track's first session starts after the window opens, or its last ends before it closes.",
    "People arrive at the announced time; an empty start or end is often a forgotten session.",
    (
        "Add the missing session, or narrow `event.window`. A short side track beside the "
        "main programme says `fills-window: false` (on its part or in `tracks`), or gives "
        "itself its own `window`."
    ),
    example=(
        "event: {id: demo, title: Demo, date: 2025-03-18, "
        "timezone: Europe/Berlin, window: 09:00-10:00}\n"
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:45}\n"
    ),
    fixed=(
        "event: {id: demo, title: Demo, date: 2025-03-18, "
        "timezone: Europe/Berlin, window: 09:00-10:00}\n"
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, time: 09:00-10:00}\n"
    ),
    params={"closes": str, "delta": Duration, "end": str, "opens": str, "start": str, "track": str},
    messages={
        "start": Message(
            en=(
                "track `{track}` starts at {start}, {delta} after the window opens at {opens}",
                (
                    "Start the first session at {opens}, narrow `event.window`, or, for a side "
                    "track, set `fills-window: false` or its own `window` on its part or track."
                ),
            ),
            ko=(
                "트랙 `{track}`이/가 {start}에 시작해 행사 시작 시각 {opens}보다 {delta} 늦습니다",
                "첫 세션을 {opens}에 시작하거나 `event.window`를 좁히세요. 곁가지 트랙이면 "
                "부나 트랙에 `fills-window: false`나 별도의 `window`를 주세요.",
            ),
        ),
        "end": Message(
            en=(
                "track `{track}` ends at {end}, {delta} before the window closes at {closes}",
                (
                    "End the last session at {closes}, narrow `event.window`, or, for a side "
                    "track, set `fills-window: false` or its own `window` on its part or track."
                ),
            ),
            ko=(
                "트랙 `{track}`이/가 {end}에 끝나 행사 종료 시각 {closes}보다 {delta} 이릅니다",
                "마지막 세션을 {closes}에 끝내거나 `event.window`를 좁히세요. 곁가지 트랙이면 "
                "부나 트랙에 `fills-window: false`나 별도의 `window`를 주세요.",
            ),
        ),
    },
)

DURATION_MISMATCH = define(
    "AK205",
    "duration-mismatch",
    ERROR,
    "The declared `minutes` differ from the time between start and end.",
    "One of the two numbers is wrong, and readers of the programme see both.",
    "Correct `minutes` or the times.",
    example="parts:\n  - sessions:\n      - {id: a, title: A, time: 09:00-09:25, minutes: 30}\n",
    fixed="parts:\n  - sessions:\n      - {id: a, title: A, time: 09:00-09:30, minutes: 30}\n",
    params={
        "actual": Duration,
        "actual_minutes": int,
        "declared": Duration,
        "end": str,
        "id": str,
        "start": str,
    },
    messages={
        "": Message(
            en=(
                "`{id}` declares {declared} but runs {actual} ({start}–{end})",
                "Set `minutes: {actual_minutes}` or correct the times.",
            ),
            ko=(
                "`{id}`의 소요 시간은 {declared}으로/로 적혀 "
                "있지만 실제로는 {actual}입니다({start}–{end})",
                "`minutes: {actual_minutes}`으로/로 고치거나 시각을 바로잡으세요.",
            ),
        ),
    },
)

OUTSIDE_PART_SPAN = define(
    "AK206",
    "outside-part-span",
    ERROR,
    "A session lies outside the declared `span` of its part.",
    "The part's span is announced in the overview; its sessions must keep to it.",
    "Move the session, or correct the part's `span`.",
    example=(
        "parts:\n"
        "  - span: 09:00-10:00\n"
        "    sessions:\n"
        "      - {id: a, title: A, time: 09:00-10:10}\n"
    ),
    fixed=(
        "parts:\n"
        "  - span: 09:00-10:10\n"
        "    sessions:\n"
        "      - {id: a, title: A, time: 09:00-10:10}\n"
    ),
    params={"closes": str, "delta": Duration, "id": str, "span": str},
    messages={
        "start": Message(
            en=(
                "`{id}` starts {delta} before its part's span {span} opens",
                "Move the session into the part's span, or correct the part's `span`.",
            ),
            ko=(
                "`{id}`이/가 소속 부의 시간 {span}보다 {delta} 일찍 시작합니다",
                "세션을 부의 시간 안으로 옮기거나 부의 `span`을 고치세요.",
            ),
        ),
        "end": Message(
            en=(
                "`{id}` ends {delta} after its part's span {span} closes at {closes}",
                "Move the session into the part's span, or correct the part's `span`.",
            ),
            ko=(
                "`{id}`이/가 소속 부의 시간 {span}보다 {delta} 늦게({closes} 이후) 끝납니다",
                "세션을 부의 시간 안으로 옮기거나 부의 `span`을 고치세요.",
            ),
        ),
    },
)

WEEKDAY_MISMATCH = define(
    "AK207",
    "weekday-mismatch",
    ERROR,
    "`event.weekday` does not agree with `event.date`.",
    "Invitations that name the wrong weekday send people on the wrong day.",
    "Correct the weekday or the date.",
    example=(
        "event: {id: demo, title: Demo, date: 2025-03-18, weekday: Wed, timezone: Europe/Berlin}\n"
        "parts:\n"
        "  - sessions: [{id: a, title: A, time: 09:00-09:30}]\n"
    ),
    fixed=(
        "event: {id: demo, title: Demo, date: 2025-03-18, weekday: Tue, timezone: Europe/Berlin}\n"
        "parts:\n"
        "  - sessions: [{id: a, title: A, time: 09:00-09:30}]\n"
    ),
    params={
        "actual": str,
        "actual_ko": str,
        "actual_short": str,
        "date": str,
        "suggest": str,
        "written": str,
        "written_ko": str,
    },
    messages={
        # `suggest` is the actual weekday in the form the agenda wrote it (`Tue`,
        # `tuesday`, `화`, `화요일`): an English agenda is not told to write Korean.
        "": Message(
            en=(
                "{date} is a {actual}, not a {written}",
                "Write `weekday: {suggest}`, or correct `event.date`.",
            ),
            ko=(
                "{date}은/는 {actual_ko}요일이지 {written_ko}요일이 아닙니다",
                "`weekday: {suggest}`으로/로 고치거나 `event.date`를 바로잡으세요.",
            ),
        ),
        "unknown": Message(
            en=(
                "`{written}` is not a weekday name; {date} is a {actual}",
                "Write `weekday: {actual_short}` (or `weekday: {actual_ko}`).",
            ),
            ko=(
                "`{written}`은/는 요일 이름이 아닙니다. {date}은/는 {actual_ko}요일입니다",
                "`weekday: {actual_ko}` 또는 `weekday: {actual_short}`으로/로 쓰세요.",
            ),
        ),
    },
)

UNRESOLVED_TIME = define(
    "AK208",
    "unresolved-time",
    ERROR,
    (
        "A session's start or end cannot be derived: it has no time, and neither the previous "
        "session nor its part say when it starts or ends."
    ),
    "A session without a time cannot be checked or published.",
    "Give the session a `time`, a `start`, or `minutes`.",
    example="parts:\n  - sessions:\n      - {id: a, title: A, minutes: 30}\n",
    fixed="parts:\n  - sessions:\n      - {id: a, title: A, start: 09:00, minutes: 30}\n",
    params={"id": str},
    messages={
        "start": Message(
            en=(
                (
                    "`{id}` has no start: it has no `time` or `start`, and nothing before it in "
                    "its part says when it begins"
                ),
                "Give it a `time` or `start`, or give its part a `span`.",
            ),
            ko=(
                "`{id}`의 시작 시각을 알 수 없습니다: `time`이나 "
                "`start`가 없고 앞에서도 정해지지 않습니다",
                "`time`이나 `start`를 주거나, 부에 `span`을 주세요.",
            ),
        ),
        "end": Message(
            en=(
                (
                    "`{id}` has no end: it has no `time`, `end` or `minutes`, and nothing after "
                    "it says when it ends"
                ),
                "Give it `minutes`, an `end`, or a `time` range.",
            ),
            ko=(
                "`{id}`의 종료 시각을 알 수 없습니다: `time`, "
                "`end`, `minutes`가 없고 뒤에서도 정해지지 않습니다",
                "`minutes`, `end`, 또는 `time` 범위를 주세요.",
            ),
        ),
    },
)

CONFLICTING_TIME = define(
    "AK209",
    "conflicting-time",
    ERROR,
    "A session gives its time twice in different ways (`time` together with `start` or `end`).",
    "It is not clear which of the two is meant.",
    "Keep `time`, or keep `start` and `end`, not both.",
    example="parts:\n  - sessions:\n      - {id: a, title: A, time: 09:00-09:30, start: 09:05}\n",
    fixed="parts:\n  - sessions:\n      - {id: a, title: A, time: 09:00-09:30}\n",
    params={"id": str, "other": str, "time": str},
    messages={
        "": Message(
            en=(
                "`{id}` gives `time: {time}` and also `{other}`; `time` is used",
                "Keep `time`, or keep `start` and `end`, not both.",
            ),
            ko=(
                "`{id}`에 `time: {time}`과/와 `{other}`이/가 함께 있습니다. `time`을 씁니다",
                "`time`만 두거나 `start`와 `end`만 두세요.",
            ),
        ),
    },
)

NON_POSITIVE_DURATION = define(
    "AK210",
    "non-positive-duration",
    ERROR,
    "A session lasts zero minutes or less (`minutes: 0`, or an end at its start).",
    "A session without duration is invisible in most calendars and is usually a typo.",
    "Give the session a positive duration.",
    example="parts:\n  - sessions:\n      - {id: a, title: A, start: 09:00, minutes: 0}\n",
    fixed="parts:\n  - sessions:\n      - {id: a, title: A, start: 09:00, minutes: 10}\n",
    params={"id": str, "minutes": int},
    messages={
        "": Message(
            en=(
                "`{id}` lasts {minutes} minutes",
                "Give the session a positive duration.",
            ),
            ko=(
                "`{id}`의 소요 시간이 {minutes}분입니다",
                "세션에 양의 소요 시간을 주세요.",
            ),
        ),
    },
)

DURATION_BOUNDS = define(
    "AK211",
    "duration-bounds",
    WARNING,
    (
        "A session is shorter or longer than the bounds set for its kind (by default a `talk` or "
        "`keynote` over 3 hours, a `transfer` under 1 minute or over 1 hour)."
    ),
    "Lengths far from the usual for their kind are usually typos (`minutes: 300` for 30).",
    "Correct the length, or set the bounds for the kind in the configuration.",
    example="parts:\n  - sessions:\n      - {id: a, title: A, start: 09:00, minutes: 300}\n",
    fixed="parts:\n  - sessions:\n      - {id: a, title: A, start: 09:00, minutes: 30}\n",
    options=(
        "Bounds in minutes per kind: `[tool.agenda-kit.rules.duration-bounds]` `talk = {min = 5, "
        "max = 120}`."
    ),
    params={"actual": Duration, "bound": Duration, "id": str, "kind": str},
    messages={
        "short": Message(
            en=(
                "`{id}` lasts {actual}, shorter than the {bound} set for a {kind}",
                "Lengthen `{id}`, or change the bounds of `duration-bounds` for `{kind}`.",
            ),
            ko=(
                "`{id}`의 길이 {actual}이/가 {kind}에 정한 최소 {bound}보다 짧습니다",
                "`{id}`을/를 늘리거나 `duration-bounds`의 `{kind}` 범위를 바꾸세요.",
            ),
        ),
        "long": Message(
            en=(
                "`{id}` lasts {actual}, longer than the {bound} set for a {kind}",
                (
                    "Shorten or split `{id}`, or change the bounds of `duration-bounds` for "
                    "`{kind}`."
                ),
            ),
            ko=(
                "`{id}`의 길이 {actual}이/가 {kind}에 정한 최대 {bound}보다 깁니다",
                "`{id}`을/를 줄이거나 나누거나, `duration-bounds`의 `{kind}` 범위를 바꾸세요.",
            ),
        ),
    },
)

OUTSIDE_PARENT = define(
    "AK212",
    "outside-parent",
    ERROR,
    "A session inside another (`children`) starts before or ends after it.",
    "The sessions held by a session (lightning talks in a reception) must lie inside it.",
    "Move the inner session inside its parent, or out of `children`.",
    example=(
        "parts:\n"
        "  - sessions:\n"
        "      - id: reception\n"
        "        title: Reception\n"
        "        time: 18:00-19:00\n"
        "        children:\n"
        "          - {id: lt-1, title: Lightning 1, time: 18:00-18:30}\n"
        "          - {id: lt-2, title: Lightning 2, time: 18:30-19:10}\n"
    ),
    fixed=(
        "parts:\n"
        "  - sessions:\n"
        "      - id: reception\n"
        "        title: Reception\n"
        "        time: 18:00-19:00\n"
        "        children:\n"
        "          - {id: lt-1, title: Lightning 1, time: 18:00-18:30}\n"
        "          - {id: lt-2, title: Lightning 2, time: 18:30-19:00}\n"
    ),
    params={"closes": str, "delta": Duration, "id": str, "opens": str, "parent": str},
    messages={
        "start": Message(
            en=(
                "`{id}` starts {delta} before `{parent}`, which holds it, starts at {opens}",
                "Move `{id}` inside `{parent}`, or move it out of `children`.",
            ),
            ko=(
                "`{id}`이/가 자신을 담은 `{parent}`({opens} 시작)보다 {delta} 일찍 시작합니다",
                "`{id}`을/를 `{parent}` 안으로 옮기거나 `children`에서 빼세요.",
            ),
        ),
        "end": Message(
            en=(
                "`{id}` ends {delta} after `{parent}`, which holds it, ends at {closes}",
                "Move `{id}` inside `{parent}`, or move it out of `children`.",
            ),
            ko=(
                "`{id}`이/가 자신을 담은 `{parent}`({closes} 종료)보다 {delta} 늦게 끝납니다",
                "`{id}`을/를 `{parent}` 안으로 옮기거나 `children`에서 빼세요.",
            ),
        ),
    },
)

NONEXISTENT_TIME = define(
    "AK213",
    "nonexistent-time",
    ERROR,
    "A session's time falls in the hour the clocks skip on a spring-forward night (02:30 "
    "on 2025-03-30 in Europe/Berlin, where the clocks jump from 02:00 to 03:00).",
    "That wall-clock time never happens: calendars move it forward by the length of the "
    "jump, so the session shows at another time than written, or lasts no time at all.",
    "Write a time before the jump or after it.",
    example="event: {id: demo, title: Demo, date: 2025-03-30, timezone: Europe/Berlin}\n"
    "parts:\n  - sessions: [{id: a, title: A, time: 02:30-03:30}]\n",
    fixed="event: {id: demo, title: Demo, date: 2025-03-30, timezone: Europe/Berlin}\n"
    "parts:\n  - sessions: [{id: a, title: A, time: 03:00-03:30}]\n",
    params={"id": str, "time": str, "date": str, "jump_from": str, "jump_to": str},
    messages={
        "": Message(
            en=(
                "{time} does not exist on {date} (clocks jump from {jump_from} to {jump_to})",
                "Write the time of `{id}` before {jump_from} or from {jump_to} on.",
            ),
            ko=(
                "{date}에는 {time}이/가 없습니다"
                "(시계가 {jump_from}에서 {jump_to}으로/로 건너뜁니다)",
                "`{id}`의 시각을 {jump_from} 전이나 {jump_to} 이후로 쓰세요.",
            ),
        ),
    },
)

CROSSES_MIDNIGHT = define(
    "AK214",
    "crosses-midnight",
    ERROR,
    (
        "A session's range crosses midnight (its end is before its start) where neither the "
        "event's window nor its part's span or window does."
    ),
    (
        "Outside a night programme, `14:45~3:05` is a typo for 15:05 far more often than a "
        "12-hour session. Read literally, it ends the next day and moves every later "
        "session with it: one typo gives a dozen findings."
    ),
    (
        "Correct the end (the finding says which time was probably meant). A programme that "
        "does run past midnight declares it with a window that crosses midnight (`window: "
        "20:00-02:00` on the event, the part or its track). The rest of the agenda is "
        "checked as if the probable time had been written, so the sessions after the typo "
        "are not reported as well. Without any window or span, a range that crosses "
        "midnight ends the next day, as before."
    ),
    example=(
        "event: {id: demo, title: Demo, date: 2025-03-18, "
        "timezone: Europe/Berlin, window: 13:30-17:00}\n"
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, time: 13:30-14:45}\n"
        "      - {id: b, title: B, time: 14:45~3:05}\n"
        "      - {id: c, title: C, minutes: 115}\n"
    ),
    fixed=(
        "event: {id: demo, title: Demo, date: 2025-03-18, "
        "timezone: Europe/Berlin, window: 13:30-17:00}\n"
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: A, time: 13:30-14:45}\n"
        "      - {id: b, title: B, time: 14:45~15:05}\n"
        "      - {id: c, title: C, minutes: 115}\n"
    ),
    params={
        "end": str,
        "field": str,
        "id": str,
        "intended": str,
        "start": str,
        "suggest": str,
    },
    messages={
        "": Message(
            en=(
                (
                    "`{id}` runs {start}–{end} across midnight, outside a night window; "
                    "{start}–{intended} was probably meant"
                ),
                (
                    "Write `{field}: {suggest}`; for a programme that runs past midnight, give "
                    "the event or the part a window that crosses midnight."
                ),
            ),
            ko=(
                (
                    "`{id}`이/가 {start}–{end}으로/로 자정을 넘깁니다(밤 시간대가 아님). "
                    "{start}–{intended}을/를 뜻한 것 같습니다"
                ),
                (
                    "`{field}: {suggest}`으로/로 고치세요. 자정을 넘기는 프로그램이면 "
                    "행사나 부에 자정을 넘는 `window`를 주세요."
                ),
            ),
        ),
        "unknown": Message(
            en=(
                "`{id}` runs {start}–{end} across midnight, outside a night window",
                (
                    "Correct the end of `{id}`; for a programme that runs past midnight, give "
                    "the event or the part a window that crosses midnight."
                ),
            ),
            ko=(
                "`{id}`이/가 {start}–{end}으로/로 자정을 넘깁니다(밤 시간대가 아님)",
                (
                    "`{id}`의 종료 시각을 고치세요. 자정을 넘기는 프로그램이면 "
                    "행사나 부에 자정을 넘는 `window`를 주세요."
                ),
            ),
        ),
    },
)

SHORT_CHANGEOVER = define(
    "AK215",
    "short-changeover",
    ERROR,
    (
        "Two consecutive sessions of a track leave less time between them than the "
        "`changeover` their part or track requires (`changeover-required: true`)."
    ),
    (
        "A room that must be cleared, cabled or aired between sessions cannot start the next "
        "one on time; the audience waits and the whole track runs late."
    ),
    (
        "Leave the changeover between the two sessions, or shorten the earlier one. A "
        "`kind: break` or `kind: transfer` session needs no changeover before or after it."
    ),
    example=(
        "parts:\n"
        "  - changeover: 15\n"
        "    changeover-required: true\n"
        "    contiguous: false\n"
        "    sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:50}\n"
        "      - {id: b, title: B, time: 09:55-10:30}\n"
    ),
    fixed=(
        "parts:\n"
        "  - changeover: 15\n"
        "    changeover-required: true\n"
        "    contiguous: false\n"
        "    sessions:\n"
        "      - {id: a, title: A, time: 09:00-09:45}\n"
        "      - {id: b, title: B, time: 10:00-10:30}\n"
    ),
    params={
        "a": str,
        "a_end": str,
        "a_label": str,
        "b": str,
        "b_label": str,
        "b_start": str,
        "have": Duration,
        "need": Duration,
    },
    messages={
        "": Message(
            en=(
                (
                    "only {have} between `{a}`{a_label} (ends {a_end}) and `{b}`{b_label} "
                    "(starts {b_start}); the changeover needs {need}"
                ),
                "Start `{b}` {need} after `{a}` ends, or end `{a}` earlier.",
            ),
            ko=(
                (
                    "`{a}`{a_label}({a_end} 종료)과/와 `{b}`{b_label}({b_start} 시작) 사이가 "
                    "{have}뿐입니다. 교체 시간은 {need}이/가 필요합니다"
                ),
                "`{b}`을/를 `{a}` 종료 {need} 뒤에 시작하거나 `{a}`을/를 일찍 끝내세요.",
            ),
        ),
        "none": Message(
            en=(
                (
                    "`{b}`{b_label} starts at {b_start}, when `{a}`{a_label} ends; the "
                    "changeover needs {need}"
                ),
                "Start `{b}` {need} after `{a}` ends, or end `{a}` earlier.",
            ),
            ko=(
                (
                    "`{b}`{b_label}이/가 `{a}`{a_label}이/가 끝나는 {b_start}에 바로 "
                    "시작합니다. 교체 시간은 {need}이/가 필요합니다"
                ),
                "`{b}`을/를 `{a}` 종료 {need} 뒤에 시작하거나 `{a}`을/를 일찍 끝내세요.",
            ),
        ),
    },
)
