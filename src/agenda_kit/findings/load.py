"""AK100-AK106: reading a file: unreadable, syntax, values of the wrong form, and the
limits and refusals of the loaders (load errors: the file is not checked further)."""

from __future__ import annotations

from ..diagnostics import Severity
from ._kind import Message, define

__all__ = [
    "DATE_OUT_OF_RANGE",
    "INPUT_LIMIT",
    "INVALID_VALUE",
    "SYNTAX_ERROR",
    "UNREADABLE_FILE",
    "UNSUPPORTED_TIMEZONE",
]

ERROR = Severity.ERROR

UNREADABLE_FILE = define(
    "AK100",
    "unreadable-file",
    ERROR,
    "The file cannot be read: it does not exist, is not a file, or is not UTF-8.",
    "Nothing can be checked in a file that cannot be read.",
    "Check the path, and save the file as UTF-8.",
    command="load",
    params={"byte": str, "reason": str},
    messages={
        "read": Message(
            en=(
                "cannot read the file: {reason}",
                "Check the path.",
            ),
            ko=(
                "파일을 읽을 수 없습니다: {reason}",
                "경로를 확인하세요.",
            ),
        ),
        "utf8": Message(
            en=(
                "not UTF-8: byte {byte} cannot be decoded",
                "Save the file as UTF-8.",
            ),
            ko=(
                "UTF-8이 아닙니다: 바이트 {byte}을/를 해석할 수 없습니다",
                "파일을 UTF-8로 저장하세요.",
            ),
        ),
    },
)

SYNTAX_ERROR = define(
    "AK101",
    "syntax-error",
    ERROR,
    "The file is not valid YAML, JSON or TOML (including duplicate keys).",
    "A syntax error hides everything after it.",
    "Fix the syntax at the position given; quote values that contain ': ' or '#'.",
    command="load",
    example="parts:\n  - sessions: [{title: Opening: welcome}]\n",
    fixed="parts:\n  - sessions: [{id: a, title: 'Opening: welcome', time: 09:00-09:30}]\n",
    params={"detail": str, "format": str},
    messages={
        "": Message(
            en=(
                "invalid {format}: {detail}",
                "Fix the syntax at the position given; quote values that contain ': ' or '#'.",
            ),
            ko=(
                "{format} 문법 오류: {detail}",
                "표시된 위치의 문법을 고치세요. ': '나 '#'가 들어간 값은 따옴표로 감싸세요.",
            ),
        ),
    },
)

INVALID_VALUE = define(
    "AK102",
    "invalid-value",
    ERROR,
    (
        "A value has the wrong type or form, a key is unknown or missing, a time such as 25:00 "
        "is impossible, or a time zone is unknown."
    ),
    (
        "The agenda cannot be built from values it cannot read; a typo in a key would otherwise "
        "be silently ignored."
    ),
    "Correct the value as the message says; the format reference lists every key.",
    command="load",
    example="parts:\n  - sessions:\n      - {title: Talk, time: 09:00-09:30, speakrs: [ada]}\n",
    fixed=(
        "speakers: {ada: {name: Ada}}\n"
        "parts:\n"
        "  - sessions:\n"
        "      - {id: a, title: Talk, time: 09:00-09:30, speakers: [ada]}\n"
    ),
    params={
        "detail": str,
        "key": str,
        "known": str,
        "suggestion": str,
        "value": str,
        "selector": str,
        "rule": str,
        "rules": str,
    },
    messages={
        # Settings (a settings file or the agenda's `x-agenda-kit` block).
        "unknown-rule": Message(
            en=(
                "`{key}`: `{selector}` names no rule",
                "Use a rule code (AK201), name (gap), code prefix (AK2) or ALL; "
                "`agenda-kit rule` lists them.",
            ),
            ko=(
                "`{key}`: `{selector}`에 해당하는 규칙이 없습니다",
                "규칙 코드(AK201), 이름(gap), 코드 접두어(AK2)나 ALL을 쓰세요. "
                "`agenda-kit rule`이 규칙을 보여 줍니다.",
            ),
        ),
        "no-options": Message(
            en=("`{key}`: this rule takes no options", "Rules with options: {rules}."),
            ko=("`{key}`: 이 규칙에는 옵션이 없습니다", "옵션이 있는 규칙: {rules}."),
        ),
        "option": Message(
            en=("`{key}`: {detail}", "See the options of `{rule}` with `agenda-kit rule {rule}`."),
            ko=("`{key}`: {detail}", "`agenda-kit rule {rule}`로 `{rule}`의 옵션을 보세요."),
        ),
        "unknown-key": Message(
            en=(
                "unknown key `{key}`",
                "Known keys here: {known}.",
            ),
            ko=(
                "알 수 없는 키 `{key}`",
                "여기에 쓸 수 있는 키: {known}.",
            ),
        ),
        "unknown-key.suggest": Message(
            en=(
                "unknown key `{key}`",
                "Did you mean `{suggestion}`?",
            ),
            ko=(
                "알 수 없는 키 `{key}`",
                "`{suggestion}`의 오타인가요?",
            ),
        ),
        "missing": Message(
            en=(
                "missing required key `{key}`",
                "Add `{key}:`.",
            ),
            ko=(
                "필수 키 `{key}`이/가 없습니다",
                "`{key}:`을/를 추가하세요.",
            ),
        ),
        "clock": Message(
            en=(
                "`{key}`: {value} is not a time of day",
                "Write a time as HH:MM, from 00:00 to 23:59.",
            ),
            ko=(
                "`{key}`: {value}은/는 올바른 시각이 아닙니다",
                "시각은 00:00부터 23:59까지 HH:MM 형식으로 쓰세요.",
            ),
        ),
        "range": Message(
            en=(
                "`{key}`: {value} is not a time range",
                (
                    "Write a range as HH:MM-HH:MM (or with '~' or '–'), times from 00:00 to "
                    "23:59; the end may be 24:00."
                ),
            ),
            ko=(
                "`{key}`: {value}은/는 올바른 시간 범위가 아닙니다",
                "범위는 HH:MM-HH:MM 형식으로 쓰세요('~'나 "
                "'–'도 됩니다). 끝 시각은 24:00일 수 있습니다.",
            ),
        ),
        "control": Message(
            en=(
                "`{key}` contains a control character (such as a line break)",
                "Keep titles and names on one line; use `description` for longer text.",
            ),
            ko=(
                "`{key}`에 제어 문자(줄바꿈 등)가 들어 있습니다",
                "제목과 이름은 한 줄로 쓰고, 긴 글은 `description`에 쓰세요.",
            ),
        ),
        "id": Message(
            en=(
                "`{key}`: {value} is not a valid id",
                "Use ASCII letters, digits, '_', '.' and '-', not starting with '.' or '-'.",
            ),
            ko=(
                "`{key}`: {value}은/는 올바른 id가 아닙니다",
                "영문자, 숫자, '_', '.', '-'만 쓰고 '.'이나 '-'로 시작하지 마세요.",
            ),
        ),
        "email": Message(
            en=(
                "`{key}`: {value} is not an email address",
                "Write it as name@example.org.",
            ),
            ko=(
                "`{key}`: {value}은/는 이메일 주소가 아닙니다",
                "name@example.org처럼 쓰세요.",
            ),
        ),
        "lang": Message(
            en=(
                "`{key}`: {value} is not a language tag",
                "Use a BCP 47 tag such as `ko`, `en` or `en-GB`.",
            ),
            ko=(
                "`{key}`: {value}은/는 언어 태그가 아닙니다",
                "`ko`, `en`, `en-GB` 같은 BCP 47 태그를 쓰세요.",
            ),
        ),
        "color": Message(
            en=(
                "`{key}`: {value} is not a colour",
                "Use a CSS colour name in lower case (`teal`) or `#rrggbb`.",
            ),
            ko=(
                "`{key}`: {value}은/는 색이 아닙니다",
                "소문자 CSS 색 이름(`teal`)이나 `#rrggbb`를 쓰세요.",
            ),
        ),
        "available": Message(
            en=(
                "`{key}`: {value} is not a date with an optional time range",
                "Write `2025-03-18` (the whole day) or `2025-03-18 09:00-12:00`.",
            ),
            ko=(
                "`{key}`: {value}은/는 날짜(와 시간 범위)가 아닙니다",
                "`2025-03-18`(하루 종일)이나 `2025-03-18 09:00-12:00`처럼 쓰세요.",
            ),
        ),
        "time-type": Message(
            en=(
                '`{key}`: expected a time as text, such as "15:00", got {value}',
                'Write the time in quotes: "15:00".',
            ),
            ko=(
                '`{key}`: "15:00" 같은 문자열 시각이 와야 하는데 {value}이/가 있습니다',
                '시각을 따옴표로 감싸세요: "15:00".',
            ),
        ),
        "quote": Message(
            en=(
                "`{key}`: expected text, got the number {value}",
                'Put the value in quotes: `{key}: "{value}"`.',
            ),
            ko=(
                "`{key}`: 문자열이 와야 하는데 숫자 {value}이/가 있습니다",
                '값을 따옴표로 감싸세요: `{key}: "{value}"`.',
            ),
        ),
        "number-time": Message(
            en=(
                "`{key}`: expected a time such as 15:00, got the number {value}",
                (
                    "A YAML 1.1 tool read an unquoted time as a number (15:00 becomes 900); "
                    "write the time again, in quotes if that tool writes the file."
                ),
            ),
            ko=(
                "`{key}`: 15:00 같은 시각이 와야 하는데 숫자 {value}이/가 있습니다",
                (
                    "YAML 1.1 도구가 따옴표 없는 시각을 숫자로 읽었습니다(15:00 "
                    "→ 900). 시각을 다시 쓰고, 그 도구가 파일을 쓴다면 "
                    "따옴표로 감싸세요."
                ),
            ),
        ),
        "not-mapping": Message(
            en=(
                "the document must be a mapping with `agenda`, `event` and `parts`",
                "Start from the example in docs/format.md.",
            ),
            ko=(
                "문서는 `agenda`, `event`, `parts`를 가진 매핑이어야 합니다",
                "docs/format.md의 예제에서 시작하세요.",
            ),
        ),
        "config-not-mapping": Message(
            en=(
                "the settings must be a mapping (select, ignore, severity, rules, exceptions)",
                "See docs/configuration.md.",
            ),
            ko=(
                "설정은 매핑이어야 합니다(select, ignore, severity, rules, exceptions)",
                "docs/configuration.md를 보세요.",
            ),
        ),
        "": Message(
            en=(
                "`{key}`: {detail}",
                "Correct the value as the message says; the format reference lists every key.",
            ),
            ko=(
                "`{key}`: {detail}",
                "메시지에 따라 값을 고치세요. 모든 키는 형식 설명서에 있습니다.",
            ),
        ),
    },
)

INPUT_LIMIT = define(
    "AK104",
    "input-limit",
    ERROR,
    "A file is larger, deeper or more repetitive than agenda-kit reads: over the size "
    "limit, nested too deeply, YAML aliases that expand too far, or too many sessions.",
    "Such files are how a reader is made to run out of memory or time (a billion "
    "laughs); no real agenda comes near the limits.",
    "Split the file, or check that it is the file you meant; if it is trusted, raise the "
    "limit in `[limits]` of `.agenda-kit.toml`. docs/security.md lists the limits.",
    command="load",
    # `found` and the plain "aliases" variant are kept for callers that count what they
    # refuse (the loaders stop at the limit, so they name the alias instead).
    params={"limit": int, "found": int, "anchor": str},
    sample={"limit": 10_000, "found": 250_000, "anchor": "row"},
    messages={
        "size": Message(
            en=(
                "the file is larger than {limit:,} bytes (limit max-bytes)",
                "Split the file; if it is trusted, raise `max-bytes` in [limits] of "
                ".agenda-kit.toml.",
            ),
            ko=(
                "파일이 {limit:,}바이트보다 큽니다(한도 max-bytes)",
                "파일을 나누세요. 믿을 수 있는 파일이면 .agenda-kit.toml의 [limits]에서 "
                "`max-bytes`를 늘리세요.",
            ),
        ),
        "depth": Message(
            en=(
                "the document nests more than {limit} levels deep (limit max-depth)",
                "Flatten the document; if it is trusted, raise `max-depth` in [limits] of "
                ".agenda-kit.toml.",
            ),
            ko=(
                "문서가 {limit}단계보다 깊게 중첩되어 있습니다(한도 max-depth)",
                "중첩을 줄이세요. 믿을 수 있는 파일이면 .agenda-kit.toml의 [limits]에서 "
                "`max-depth`를 늘리세요.",
            ),
        ),
        "alias-depth": Message(
            en=(
                "the alias *{anchor} nests the document more than {limit} levels deep "
                "(limit max-depth)",
                "Write the value out instead of the alias; if the file is trusted, raise "
                "`max-depth` in [limits] of .agenda-kit.toml.",
            ),
            ko=(
                "별칭 *{anchor}이/가 문서를 {limit}단계보다 깊게 중첩합니다(한도 max-depth)",
                "별칭 대신 값을 직접 쓰세요. 믿을 수 있는 파일이면 .agenda-kit.toml의 "
                "[limits]에서 `max-depth`를 늘리세요.",
            ),
        ),
        "aliases": Message(
            en=(
                "YAML aliases expand to more than {limit:,} values: refused",
                "Write the values out, or use fewer aliases.",
            ),
            ko=(
                "YAML 별칭이 값 {limit:,}개 넘게 펼쳐져 거부했습니다",
                "값을 직접 쓰거나 별칭을 줄이세요.",
            ),
        ),
        "alias-nodes": Message(
            en=(
                "alias expansion refused: the aliases up to *{anchor} stand for more than "
                "{limit:,} nodes (limit max-alias-nodes)",
                "Write the values out, or use fewer aliases; if the file is trusted, raise "
                "`max-alias-nodes` in [limits] of .agenda-kit.toml.",
            ),
            ko=(
                "별칭 펼치기 거부: *{anchor}까지의 별칭이 노드 {limit:,}개 넘게 펼쳐집니다"
                "(한도 max-alias-nodes)",
                "값을 직접 쓰거나 별칭을 줄이세요. 믿을 수 있는 파일이면 .agenda-kit.toml의 "
                "[limits]에서 `max-alias-nodes`를 늘리세요.",
            ),
        ),
        "sessions": Message(
            en=(
                "the agenda has more than {limit:,} sessions (limit max-sessions)",
                "Split the agenda; if it is trusted, raise `max-sessions` in [limits] of "
                ".agenda-kit.toml.",
            ),
            ko=(
                "아젠다의 세션이 {limit:,}개보다 많습니다(한도 max-sessions)",
                "아젠다를 나누세요. 믿을 수 있는 파일이면 .agenda-kit.toml의 [limits]에서 "
                "`max-sessions`를 늘리세요.",
            ),
        ),
    },
)

UNSUPPORTED_TIMEZONE = define(
    "AK105",
    "unsupported-timezone",
    ERROR,
    "`event.timezone` (or `--timezone`) is not a canonical IANA zone name: unknown to this "
    "machine's zone database, a path, or an old alias (`US/Pacific`, `Asia/Calcutta`).",
    "The zone name travels into every feed and invitation (TZID, VTIMEZONE); calendar "
    "clients know canonical names, and a path would read files.",
    "Use the canonical IANA name, such as `Europe/Berlin` or `Asia/Seoul`.",
    command="load",
    params={"value": str, "suggestion": str},
    sample={"value": "Asia/Calcutta", "suggestion": "Asia/Kolkata"},
    messages={
        "unknown": Message(
            en=(
                "`{value}` is not an IANA time zone",
                "Use a name such as `Europe/Berlin` or `Asia/Seoul`.",
            ),
            ko=(
                "`{value}`은/는 IANA 시간대가 아닙니다",
                "`Asia/Seoul`, `Europe/Berlin` 같은 이름을 쓰세요.",
            ),
        ),
        "machine": Message(
            en=(
                "`{value}` depends on the machine's time zone files",
                "Write `{suggestion}`, the name every machine knows.",
            ),
            ko=(
                "`{value}`은/는 이 컴퓨터의 시간대 파일에 따라 달라집니다",
                "어느 컴퓨터에서나 같은 이름 `{suggestion}`을/를 쓰세요.",
            ),
        ),
        "alias": Message(
            en=(
                "`{value}` is an old name of a time zone",
                "Write `{suggestion}`, the name calendars know.",
            ),
            ko=(
                "`{value}`은/는 시간대의 옛 이름입니다",
                "캘린더가 아는 이름 `{suggestion}`을/를 쓰세요.",
            ),
        ),
    },
)

DATE_OUT_OF_RANGE = define(
    "AK106",
    "date-out-of-range",
    ERROR,
    "A date lies outside the years agenda-kit supports.",
    "Time zone rules, iCalendar and the calendar clients do not agree outside them; such "
    "a date is almost always a typo (`0225-03-18`, `20250-03-18`).",
    "Correct the year.",
    command="load",
    params={"value": str, "first": str, "last": str},
    sample={"value": "0225-03-18", "first": "1900-01-01", "last": "2999-12-31"},
    messages={
        "": Message(
            en=(
                "{value} is outside the supported dates ({first} to {last})",
                "Correct the year.",
            ),
            ko=(
                "{value}은/는 지원하는 날짜({first}–{last}) 밖입니다",
                "연도를 고치세요.",
            ),
        ),
    },
)
