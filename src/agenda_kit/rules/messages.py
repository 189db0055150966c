"""Messages and hints of every finding, in English and Korean.

A finding carries a message key and its parameters; the text is made when the report
is, in the language asked for (``--lang``, ``event.lang``, else English). Codes, names
and JSON keys are the same in every language.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LANGUAGES", "Duration", "language", "render"]

LANGUAGES = ("en", "ko")


class Duration(int):
    """Seconds, written as minutes (or seconds, below one minute) in each language."""

    def text(self, lang: str) -> str:
        seconds = abs(int(self))
        minutes = (seconds + 30) // 60
        if minutes == 0:
            return f"{seconds}초" if lang == "ko" else f"{seconds} seconds"
        hours, rest = divmod(minutes, 60)
        if lang == "ko":
            text = f"{minutes}분"
            if hours >= 2:
                text += f"({hours}시간" + (f" {rest}분)" if rest else ")")
            return text
        text = f"{minutes} minute" + ("" if minutes == 1 else "s")
        if hours >= 2:
            text += f" ({hours} h" + (f" {rest} min)" if rest else ")")
        return text


def language(lang: str | None) -> str:
    """The supported language for a BCP 47 tag (``ko-KR`` -> ``ko``); English otherwise."""
    base = (lang or "en").split("-")[0].lower()
    return base if base in LANGUAGES else "en"


# key: (message, hint). Parameters in braces; Duration values become text per language.
EN: dict[str, tuple[str, str]] = {
    # load
    "unreadable-file.read": ("cannot read the file: {reason}", "Check the path."),
    "unreadable-file.utf8": (
        "not UTF-8: byte {byte} cannot be decoded",
        "Save the file as UTF-8.",
    ),
    "syntax-error": (
        "invalid {format}: {detail}",
        "Fix the syntax at the position given; quote values that contain ': ' or '#'.",
    ),
    "invalid-value.unknown-key": ("unknown key `{key}`", "Known keys here: {known}."),
    "invalid-value.unknown-key.suggest": ("unknown key `{key}`", "Did you mean `{suggestion}`?"),
    "invalid-value.missing": ("missing required key `{key}`", "Add `{key}:`."),
    "invalid-value.clock": (
        "`{key}`: {value} is not a time of day",
        "Write a time as HH:MM, from 00:00 to 23:59.",
    ),
    "invalid-value.range": (
        "`{key}`: {value} is not a time range",
        "Write a range as HH:MM-HH:MM (or with '~' or '–'), times from 00:00 to 23:59; the "
        "end may be 24:00.",
    ),
    "invalid-value.control": (
        "`{key}` contains a control character (such as a line break)",
        "Keep titles and names on one line; use `description` for longer text.",
    ),
    "invalid-value.id": (
        "`{key}`: {value} is not a valid id",
        "Use ASCII letters, digits, '_', '.' and '-', not starting with '.' or '-'.",
    ),
    "invalid-value.email": (
        "`{key}`: {value} is not an email address",
        "Write it as name@example.org.",
    ),
    "invalid-value.lang": (
        "`{key}`: {value} is not a language tag",
        "Use a BCP 47 tag such as `ko`, `en` or `en-GB`.",
    ),
    "invalid-value.color": (
        "`{key}`: {value} is not a colour",
        "Use a CSS colour name in lower case (`teal`) or `#rrggbb`.",
    ),
    "invalid-value.available": (
        "`{key}`: {value} is not a date with an optional time range",
        "Write `2025-03-18` (the whole day) or `2025-03-18 09:00-12:00`.",
    ),
    "invalid-value.time-type": (
        '`{key}`: expected a time as text, such as "15:00", got {value}',
        'Write the time in quotes: "15:00".',
    ),
    "invalid-value.quote": (
        "`{key}`: expected text, got the number {value}",
        'Put the value in quotes: `{key}: "{value}"`.',
    ),
    "invalid-value.number-time": (
        "`{key}`: expected a time such as 15:00, got the number {value}",
        "A YAML 1.1 tool read an unquoted time as a number (15:00 becomes 900); write the "
        "time again, in quotes if that tool writes the file.",
    ),
    "invalid-value.not-mapping": (
        "the document must be a mapping with `agenda`, `event` and `parts`",
        "Start from the example in docs/format.md.",
    ),
    "invalid-value.config-not-mapping": (
        "the settings must be a mapping (select, ignore, severity, rules, exceptions)",
        "See docs/configuration.md.",
    ),
    "invalid-value": (
        "`{key}`: {detail}",
        "Correct the value as the message says; the format reference lists every key.",
    ),
    # references and ids
    "duplicate-id.part": (
        "part id `{id}` is already used by {first}",
        "Give this part another id.",
    ),
    "duplicate-id.session": (
        "session id `{id}` is already used by {first}",
        "Give this session another id; ids become calendar UIDs.",
    ),
    "duplicate-id.derived": (
        "session id `{id}` (derived from its part and position) is already used by {first}",
        "Give this session an `id` of its own; ids become calendar UIDs.",
    ),
    "unknown-reference.room": (
        "{what} `{ref}` is not a room of the venue",
        "Define `{ref}` under `venue.rooms`, or correct the reference.",
    ),
    "unknown-reference.room.suggest": (
        "{what} `{ref}` is not a room of the venue",
        "Did you mean `{suggestion}`? Otherwise define `{ref}` under `venue.rooms`.",
    ),
    "unknown-reference.speaker": (
        "`{session}` names speaker `{ref}`, who is not defined",
        "Define `{ref}` under `speakers`, or correct the reference.",
    ),
    "unknown-reference.speaker.suggest": (
        "`{session}` names speaker `{ref}`, who is not defined",
        "Did you mean `{suggestion}`? Otherwise define `{ref}` under `speakers`.",
    ),
    "unreferenced.room": (
        "room `{ref}` is defined but no session uses it",
        "Remove it, or use it in a part or session.",
    ),
    "unreferenced.speaker": (
        "speaker `{ref}` is defined but speaks in no session",
        "Remove them, or add them to a session's `speakers`.",
    ),
    "missing-id": (
        "`{id}` has no `id`: its calendar UID depends on its part and position",
        "Give it an `id`, so that moving or inserting sessions keeps its calendar event.",
    ),
    "empty-title": ("`{id}` has an empty title", "Give the session a title."),
    "unused-ignore": (
        "`ignore: [{selector}]` on `{id}` suppresses nothing",
        "Remove `{selector}` from `ignore`.",
    ),
    "unused-ignore.unknown": (
        "`ignore: [{selector}]` on `{id}` names no rule",
        "Use a rule code (AK201), name (gap) or code prefix (AK2).",
    ),
    # time
    "gap": (
        "{gap} between `{a}` (ends {a_end}) and `{b}` (starts {b_start})",
        "Start `{b}` at {a_end}, or declare a break from {a_end} to {b_start}.",
    ),
    "gap.parent-start": (
        "{gap} between the start of `{parent}` ({p_start}) and its first part `{b}` "
        "(starts {b_start})",
        "Start `{b}` at {p_start}, or declare a break inside `{parent}`.",
    ),
    "gap.parent-end": (
        "{gap} between the end of `{a}` ({a_end}) and the end of `{parent}` ({p_end})",
        "End `{a}` at {p_end}, or declare a break inside `{parent}`.",
    ),
    "overlap": (
        "`{b}` starts at {b_start}, {overlap} before `{a}` ends at {a_end}",
        "Start `{b}` at {a_end}, shorten `{a}`, or move one of them to another track.",
    ),
    "outside-window.start": (
        "`{id}` starts {delta} before the window opens at {opens}",
        "Start `{id}` at {opens} or later, or widen `event.window`.",
    ),
    "outside-window.end": (
        "`{id}` ends {delta} after the window closes at {closes}",
        "End `{id}` by {closes}, or widen `event.window`.",
    ),
    "window-not-filled.start": (
        "track `{track}` starts at {start}, {delta} after the window opens at {opens}",
        "Start the first session at {opens}, or narrow `event.window`.",
    ),
    "window-not-filled.end": (
        "track `{track}` ends at {end}, {delta} before the window closes at {closes}",
        "End the last session at {closes}, or narrow `event.window`.",
    ),
    "duration-mismatch": (
        "`{id}` declares {declared} but runs {actual} ({start}–{end})",
        "Set `minutes: {actual_minutes}` or correct the times.",
    ),
    "outside-part-span.start": (
        "`{id}` starts {delta} before its part's span {span} opens",
        "Move the session into the part's span, or correct the part's `span`.",
    ),
    "outside-part-span.end": (
        "`{id}` ends {delta} after its part's span {span} closes at {closes}",
        "Move the session into the part's span, or correct the part's `span`.",
    ),
    "outside-parent.start": (
        "`{id}` starts {delta} before `{parent}`, which holds it, starts at {opens}",
        "Move `{id}` inside `{parent}`, or move it out of `children`.",
    ),
    "outside-parent.end": (
        "`{id}` ends {delta} after `{parent}`, which holds it, ends at {closes}",
        "Move `{id}` inside `{parent}`, or move it out of `children`.",
    ),
    "weekday-mismatch": (
        "{date} is a {actual}, not a {written}",
        "Write `weekday: {actual_ko}`, or correct `event.date`.",
    ),
    "weekday-mismatch.unknown": (
        "`{written}` is not a weekday name; {date} is a {actual}",
        "Write `weekday: {actual_ko}` or `weekday: {actual_short}`.",
    ),
    "unresolved-time.start": (
        "`{id}` has no start: it has no `time` or `start`, and nothing before it in its "
        "part says when it begins",
        "Give it a `time` or `start`, or give its part a `span`.",
    ),
    "unresolved-time.end": (
        "`{id}` has no end: it has no `time`, `end` or `minutes`, and nothing after it "
        "says when it ends",
        "Give it `minutes`, an `end`, or a `time` range.",
    ),
    "conflicting-time": (
        "`{id}` gives `time: {time}` and also `{other}`; `time` is used",
        "Keep `time`, or keep `start` and `end`, not both.",
    ),
    "non-positive-duration": (
        "`{id}` lasts {minutes} minutes",
        "Give the session a positive duration.",
    ),
    "duration-bounds.short": (
        "`{id}` lasts {actual}, shorter than the {bound} set for a {kind}",
        "Lengthen `{id}`, or change the bounds of `duration-bounds` for `{kind}`.",
    ),
    "duration-bounds.long": (
        "`{id}` lasts {actual}, longer than the {bound} set for a {kind}",
        "Shorten or split `{id}`, or change the bounds of `duration-bounds` for `{kind}`.",
    ),
    # rooms
    "missing-transfer.none": (
        "`{b}` in `{room_b}` follows `{a}` in `{room_a}` with no transfer; the venue needs {need}",
        "Add a `kind: transfer` session of {need} with `to: {room_b}` at {a_end}.",
    ),
    "missing-transfer.short": (
        "`{b}` in `{room_b}` follows `{a}` in `{room_a}` with only {have} of transfer; the "
        "venue needs {need}",
        "Make the transfer before `{b}` last {need}.",
    ),
    "missing-transfer.wrong-room": (
        "the transfer before `{b}` goes to `{heading}`, but `{b}` is in `{room_b}`",
        "Set the transfer's `to: {room_b}`, or move `{b}`.",
    ),
    "room-conflict": (
        "`{b}` ({track_b}) and `{a}` ({track_a}) are both in `{room}` at {b_start}, for {overlap}",
        "Move one of them to another room or time, or mark `{room}` as `shared: true`.",
    ),
    "capacity": (
        "`{id}` expects {attendance} people, but `{room}` holds {capacity}",
        "Move `{id}` to a larger room, or correct `attendance` or the room's `capacity`.",
    ),
    # speakers
    "speaker-conflict": (
        "`{speaker}` is in `{a}` ({a_start}–{a_end}) and in `{b}` ({b_start}–{b_end}) at "
        "the same time",
        "Move one of the two sessions, or give one of them another speaker.",
    ),
    "speaker-travel": (
        "`{speaker}` has {have} to get from `{a}` in `{room_a}` to `{b}` in `{room_b}`; the "
        "venue needs {need}",
        "Leave {need} between the two sessions, or hold them in the same room.",
    ),
    "speaker-unavailable": (
        "`{speaker}` is not available for `{id}` ({day} {start}–{end})",
        "Move `{id}` into a time when `{speaker}` is available ({available}).",
    ),
}

KO: dict[str, tuple[str, str]] = {
    "unreadable-file.read": ("파일을 읽을 수 없습니다: {reason}", "경로를 확인하세요."),
    "unreadable-file.utf8": (
        "UTF-8이 아닙니다: 바이트 {byte}를 해석할 수 없습니다",
        "파일을 UTF-8로 저장하세요.",
    ),
    "syntax-error": (
        "{format} 문법 오류: {detail}",
        "표시된 위치의 문법을 고치세요. ': '나 '#'가 들어간 값은 따옴표로 감싸세요.",
    ),
    "invalid-value.unknown-key": ("알 수 없는 키 `{key}`", "여기에 쓸 수 있는 키: {known}."),
    "invalid-value.unknown-key.suggest": ("알 수 없는 키 `{key}`", "`{suggestion}`의 오타인가요?"),
    "invalid-value.missing": ("필수 키 `{key}`가 없습니다", "`{key}:`를 추가하세요."),
    "invalid-value.clock": (
        "`{key}`: {value}는 올바른 시각이 아닙니다",
        "시각은 00:00부터 23:59까지 HH:MM 형식으로 쓰세요.",
    ),
    "invalid-value.range": (
        "`{key}`: {value}는 올바른 시간 범위가 아닙니다",
        "범위는 HH:MM-HH:MM 형식으로 쓰세요('~'나 '–'도 됩니다). 끝 시각은 24:00일 수 있습니다.",
    ),
    "invalid-value.control": (
        "`{key}`에 제어 문자(줄바꿈 등)가 들어 있습니다",
        "제목과 이름은 한 줄로 쓰고, 긴 글은 `description`에 쓰세요.",
    ),
    "invalid-value.id": (
        "`{key}`: {value}는 올바른 id가 아닙니다",
        "영문자, 숫자, '_', '.', '-'만 쓰고 '.'이나 '-'로 시작하지 마세요.",
    ),
    "invalid-value.email": (
        "`{key}`: {value}는 이메일 주소가 아닙니다",
        "name@example.org처럼 쓰세요.",
    ),
    "invalid-value.lang": (
        "`{key}`: {value}는 언어 태그가 아닙니다",
        "`ko`, `en`, `en-GB` 같은 BCP 47 태그를 쓰세요.",
    ),
    "invalid-value.color": (
        "`{key}`: {value}는 색이 아닙니다",
        "소문자 CSS 색 이름(`teal`)이나 `#rrggbb`를 쓰세요.",
    ),
    "invalid-value.available": (
        "`{key}`: {value}는 날짜(와 시간 범위)가 아닙니다",
        "`2025-03-18`(하루 종일)이나 `2025-03-18 09:00-12:00`처럼 쓰세요.",
    ),
    "invalid-value.time-type": (
        '`{key}`: "15:00" 같은 문자열 시각이 와야 하는데 {value}가 있습니다',
        '시각을 따옴표로 감싸세요: "15:00".',
    ),
    "invalid-value.quote": (
        "`{key}`: 문자열이 와야 하는데 숫자 {value}가 있습니다",
        '값을 따옴표로 감싸세요: `{key}: "{value}"`.',
    ),
    "invalid-value.number-time": (
        "`{key}`: 15:00 같은 시각이 와야 하는데 숫자 {value}가 있습니다",
        "YAML 1.1 도구가 따옴표 없는 시각을 숫자로 읽었습니다(15:00 → 900). 시각을 다시 쓰고, "
        "그 도구가 파일을 쓴다면 따옴표로 감싸세요.",
    ),
    "invalid-value.not-mapping": (
        "문서는 `agenda`, `event`, `parts`를 가진 매핑이어야 합니다",
        "docs/format.md의 예제에서 시작하세요.",
    ),
    "invalid-value.config-not-mapping": (
        "설정은 매핑이어야 합니다(select, ignore, severity, rules, exceptions)",
        "docs/configuration.md를 보세요.",
    ),
    "invalid-value": (
        "`{key}`: {detail}",
        "메시지에 따라 값을 고치세요. 모든 키는 형식 설명서에 있습니다.",
    ),
    "duplicate-id.part": ("부 id `{id}`는 이미 {first}에서 쓰입니다", "이 부에 다른 id를 주세요."),
    "duplicate-id.session": (
        "세션 id `{id}`는 이미 {first}에서 쓰입니다",
        "이 세션에 다른 id를 주세요. id는 캘린더 UID가 됩니다.",
    ),
    "duplicate-id.derived": (
        "세션 id `{id}`(부와 순서에서 만든 id)는 이미 {first}에서 쓰입니다",
        "이 세션에 고유한 `id`를 주세요. id는 캘린더 UID가 됩니다.",
    ),
    "unknown-reference.room": (
        "{what} `{ref}`는 행사장에 없는 방입니다",
        "`venue.rooms`에 `{ref}`를 정의하거나 참조를 고치세요.",
    ),
    "unknown-reference.room.suggest": (
        "{what} `{ref}`는 행사장에 없는 방입니다",
        "`{suggestion}`의 오타인가요? 아니면 `venue.rooms`에 `{ref}`를 정의하세요.",
    ),
    "unknown-reference.speaker": (
        "`{session}`의 발표자 `{ref}`가 정의되어 있지 않습니다",
        "`speakers`에 `{ref}`를 정의하거나 참조를 고치세요.",
    ),
    "unknown-reference.speaker.suggest": (
        "`{session}`의 발표자 `{ref}`가 정의되어 있지 않습니다",
        "`{suggestion}`의 오타인가요? 아니면 `speakers`에 `{ref}`를 정의하세요.",
    ),
    "unreferenced.room": (
        "방 `{ref}`가 정의되었지만 어느 세션도 쓰지 않습니다",
        "지우거나 부나 세션에서 쓰세요.",
    ),
    "unreferenced.speaker": (
        "발표자 `{ref}`가 정의되었지만 어느 세션에도 나오지 않습니다",
        "지우거나 세션의 `speakers`에 넣으세요.",
    ),
    "missing-id": (
        "`{id}`에 `id`가 없어 캘린더 UID가 부와 순서에 따라 바뀝니다",
        "`id`를 주면 세션을 옮기거나 끼워 넣어도 캘린더 일정이 유지됩니다.",
    ),
    "empty-title": ("`{id}`의 제목이 비어 있습니다", "세션에 제목을 주세요."),
    "unused-ignore": (
        "`{id}`의 `ignore: [{selector}]`가 아무것도 감추지 않습니다",
        "`ignore`에서 `{selector}`를 지우세요.",
    ),
    "unused-ignore.unknown": (
        "`{id}`의 `ignore: [{selector}]`는 어떤 규칙도 가리키지 않습니다",
        "규칙 코드(AK201), 이름(gap), 코드 접두어(AK2)를 쓰세요.",
    ),
    "gap": (
        "`{a}`({a_end} 종료)와 `{b}`({b_start} 시작) 사이가 {gap} 비어 있습니다",
        "`{b}`를 {a_end}에 시작하거나, {a_end}–{b_start}에 휴식(`kind: break`)을 넣으세요.",
    ),
    "gap.parent-start": (
        "`{parent}` 시작({p_start})과 첫 순서 `{b}`({b_start} 시작) 사이가 {gap} 비어 있습니다",
        "`{b}`를 {p_start}에 시작하거나, `{parent}` 안에 휴식을 넣으세요.",
    ),
    "gap.parent-end": (
        "`{a}` 종료({a_end})와 `{parent}` 종료({p_end}) 사이가 {gap} 비어 있습니다",
        "`{a}`를 {p_end}에 끝내거나, `{parent}` 안에 휴식을 넣으세요.",
    ),
    "overlap": (
        "`{b}`가 {b_start}에 시작해 `{a}`({a_end} 종료)와 {overlap} 겹칩니다",
        "`{b}`를 {a_end}에 시작하거나, `{a}`를 줄이거나, 둘 중 하나를 다른 트랙으로 옮기세요.",
    ),
    "outside-window.start": (
        "`{id}`가 행사 시작 시각 {opens}보다 {delta} 일찍 시작합니다",
        "`{id}`를 {opens} 이후에 시작하거나 `event.window`를 넓히세요.",
    ),
    "outside-window.end": (
        "`{id}`가 행사 종료 시각 {closes}보다 {delta} 늦게 끝납니다",
        "`{id}`를 {closes}까지 끝내거나 `event.window`를 넓히세요.",
    ),
    "window-not-filled.start": (
        "트랙 `{track}`이 {start}에 시작해 행사 시작 시각 {opens}보다 {delta} 늦습니다",
        "첫 세션을 {opens}에 시작하거나 `event.window`를 좁히세요.",
    ),
    "window-not-filled.end": (
        "트랙 `{track}`이 {end}에 끝나 행사 종료 시각 {closes}보다 {delta} 이릅니다",
        "마지막 세션을 {closes}에 끝내거나 `event.window`를 좁히세요.",
    ),
    "duration-mismatch": (
        "`{id}`의 소요 시간은 {declared}로 적혀 있지만 실제로는 {actual}입니다({start}–{end})",
        "`minutes: {actual_minutes}`로 고치거나 시각을 바로잡으세요.",
    ),
    "outside-part-span.start": (
        "`{id}`가 소속 부의 시간 {span}보다 {delta} 일찍 시작합니다",
        "세션을 부의 시간 안으로 옮기거나 부의 `span`을 고치세요.",
    ),
    "outside-part-span.end": (
        "`{id}`가 소속 부의 시간 {span}보다 {delta} 늦게({closes} 이후) 끝납니다",
        "세션을 부의 시간 안으로 옮기거나 부의 `span`을 고치세요.",
    ),
    "outside-parent.start": (
        "`{id}`가 자신을 담은 `{parent}`({opens} 시작)보다 {delta} 일찍 시작합니다",
        "`{id}`를 `{parent}` 안으로 옮기거나 `children`에서 빼세요.",
    ),
    "outside-parent.end": (
        "`{id}`가 자신을 담은 `{parent}`({closes} 종료)보다 {delta} 늦게 끝납니다",
        "`{id}`를 `{parent}` 안으로 옮기거나 `children`에서 빼세요.",
    ),
    "weekday-mismatch": (
        "{date}는 {actual_ko}요일이지 {written_ko}요일이 아닙니다",
        "`weekday: {actual_ko}`로 고치거나 `event.date`를 바로잡으세요.",
    ),
    "weekday-mismatch.unknown": (
        "`{written}`는 요일 이름이 아닙니다. {date}는 {actual_ko}요일입니다",
        "`weekday: {actual_ko}` 또는 `weekday: {actual_short}`로 쓰세요.",
    ),
    "unresolved-time.start": (
        "`{id}`의 시작 시각을 알 수 없습니다: `time`이나 `start`가 없고 앞에서도 정해지지 않습니다",
        "`time`이나 `start`를 주거나, 부에 `span`을 주세요.",
    ),
    "unresolved-time.end": (
        "`{id}`의 종료 시각을 알 수 없습니다: `time`, `end`, `minutes`가 없고 뒤에서도 정해지지 "
        "않습니다",
        "`minutes`, `end`, 또는 `time` 범위를 주세요.",
    ),
    "conflicting-time": (
        "`{id}`에 `time: {time}`과 `{other}`가 함께 있습니다. `time`을 씁니다",
        "`time`만 두거나 `start`와 `end`만 두세요.",
    ),
    "non-positive-duration": (
        "`{id}`의 소요 시간이 {minutes}분입니다",
        "세션에 양의 소요 시간을 주세요.",
    ),
    "duration-bounds.short": (
        "`{id}`의 길이 {actual}이(가) {kind}에 정한 최소 {bound}보다 짧습니다",
        "`{id}`를 늘리거나 `duration-bounds`의 `{kind}` 범위를 바꾸세요.",
    ),
    "duration-bounds.long": (
        "`{id}`의 길이 {actual}이(가) {kind}에 정한 최대 {bound}보다 깁니다",
        "`{id}`를 줄이거나 나누거나, `duration-bounds`의 `{kind}` 범위를 바꾸세요.",
    ),
    "missing-transfer.none": (
        "`{room_a}`의 `{a}` 다음에 `{room_b}`의 `{b}`가 이동 시간 없이 이어집니다. 행사장 "
        "이동에는 {need}이 필요합니다",
        "{a_end}에 `to: {room_b}`인 {need}짜리 `kind: transfer` 세션을 넣으세요.",
    ),
    "missing-transfer.short": (
        "`{room_a}`의 `{a}`에서 `{room_b}`의 `{b}`로 가는 이동 시간이 {have}뿐입니다. "
        "행사장 이동에는 {need}이 필요합니다",
        "`{b}` 앞의 이동 시간을 {need}으로 늘리세요.",
    ),
    "missing-transfer.wrong-room": (
        "`{b}` 앞의 이동은 `{heading}`로 가지만 `{b}`는 `{room_b}`에서 열립니다",
        "이동의 `to: {room_b}`로 고치거나 `{b}`를 옮기세요.",
    ),
    "room-conflict": (
        "`{b}`({track_b})와 `{a}`({track_a})가 {b_start}부터 {overlap} 동안 같은 방 "
        "`{room}`을 씁니다",
        "둘 중 하나를 다른 방이나 시간으로 옮기거나, `{room}`에 `shared: true`를 주세요.",
    ),
    "capacity": (
        "`{id}`의 예상 인원은 {attendance}명이지만 `{room}`의 수용 인원은 {capacity}명입니다",
        "`{id}`를 더 큰 방으로 옮기거나 `attendance`나 방의 `capacity`를 고치세요.",
    ),
    "speaker-conflict": (
        "`{speaker}`가 `{a}`({a_start}–{a_end})와 `{b}`({b_start}–{b_end})에 동시에 있습니다",
        "두 세션 중 하나를 옮기거나 한쪽의 발표자를 바꾸세요.",
    ),
    "speaker-travel": (
        "`{speaker}`가 `{room_a}`의 `{a}`에서 `{room_b}`의 `{b}`로 가는 데 {have}뿐입니다. "
        "행사장 이동에는 {need}이 필요합니다",
        "두 세션 사이에 {need}을 두거나 같은 방에서 여세요.",
    ),
    "speaker-unavailable": (
        "`{speaker}`는 `{id}`({day} {start}–{end}) 시간에 참석할 수 없습니다",
        "`{id}`를 `{speaker}`가 가능한 시간({available})으로 옮기세요.",
    ),
}

_TABLES = {"en": EN, "ko": KO}


def render(key: str, params: dict[str, Any], lang: str = "en") -> tuple[str, str]:
    """The message and hint of ``key`` in ``lang`` (English where a text is missing)."""
    message, hint = _TABLES.get(lang, EN).get(key) or EN[key]
    values = {k: (v.text(lang) if isinstance(v, Duration) else v) for k, v in params.items()}
    return message.format(**values), hint.format(**values)
