"""AK6xx: import (frab XML/JSON, iCalendar, CSV, text tables): sources that cannot be
imported (errors, exit 2), and what an import skipped, left out or assumed (notes)."""

from __future__ import annotations

from ..diagnostics import Diagnostic, Location, Severity
from ._kind import Message, define, translate
from ._text import Localized, Template

__all__ = [
    "IMPORT_ASSUMED_STRUCTURE",
    "IMPORT_ASSUMED_TIME",
    "IMPORT_ASSUMED_ZONE",
    "IMPORT_ENTITIES_REFUSED",
    "IMPORT_LIMIT",
    "IMPORT_MALFORMED",
    "IMPORT_NO_EVENTS",
    "IMPORT_SKIPPED",
    "IMPORT_TIMES",
    "IMPORT_UNKNOWN_COLUMN",
    "IMPORT_UNREADABLE",
    "IMPORT_VALUE_DROPPED",
    "IMPORT_WRONG_FORMAT",
    "Quoted",
]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def _m(en: str, en_hint: str, ko: str, ko_hint: str) -> Message:
    return Message(en=(en, en_hint), ko=(ko, ko_hint))


class Quoted(Localized):
    """Another finding's message as the value of a finding (``no event can be imported:
    {first}``), worded in the language of the finding that quotes it."""

    __slots__ = ("finding",)

    def __init__(self, finding: Diagnostic) -> None:
        self.finding = finding

    def text(self, lang: str) -> str:
        return translate(self.finding, lang).message

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Quoted) and self.finding == other.finding

    def __hash__(self) -> int:
        return hash(self.finding)

    def __repr__(self) -> str:
        return f"Quoted({self.finding.key!r}, {self.finding.location})"


#: How often an import finding was repeated, after its message.
IMPORT_TIMES = Template("({count} times)", "({count}회)")

_AGAIN = "Export the file again from its tool."
_AGAIN_KO = "원래 도구에서 파일을 다시 내보내세요."

IMPORT_UNREADABLE = define(
    "AK600",
    "import-unreadable",
    ERROR,
    "The file to import cannot be read: it does not exist, is empty, or is not text in "
    "the encoding its format requires.",
    "Nothing can be imported from a file that cannot be read.",
    "Check the path; save the file as UTF-8.",
    command="import",
    params={"reason": str, "byte": str},
    sample={"reason": "No such file or directory", "byte": "0xff"},
    messages={
        "read": _m(
            "cannot read the file: {reason}",
            "Check the path.",
            "파일을 읽을 수 없습니다: {reason}",
            "경로를 확인하세요.",
        ),
        "utf8": _m(
            "not UTF-8: byte {byte} cannot be decoded",
            "Save the file as UTF-8.",
            "UTF-8이 아닙니다: 바이트 {byte}을/를 해석할 수 없습니다",
            "파일을 UTF-8로 저장하세요.",
        ),
        "empty": _m(
            "the file is empty: expected a header row and sessions",
            "Import the right file.",
            "파일이 비어 있습니다: 머리글 행과 세션이 있어야 합니다",
            "올바른 파일을 가져오세요.",
        ),
    },
)

IMPORT_MALFORMED = define(
    "AK601",
    "import-malformed",
    ERROR,
    "The file is not well-formed in its own syntax (JSON, XML).",
    "A syntax error hides everything after it. (Agenda files report this as "
    "`syntax-error`; an import has its own code, since the file is not an agenda.)",
    "Fix the file at the position given, or export it again from its tool.",
    command="import",
    params={"format": str, "detail": str, "field": str, "value": str},
    sample={"format": "XML", "detail": "mismatched tag"},
    messages={
        "": _m(
            "invalid {format}: {detail}",
            _AGAIN,
            "{format} 문법 오류: {detail}",
            _AGAIN_KO,
        ),
        "csv-open-quote": _m(
            "the quote that opens this {format} cell is never closed: the cell would run "
            "to the end of the file",
            'Close the quote, or double it ("") where it is part of the text.',
            "이 {format} 칸을 여는 따옴표가 닫히지 않아 칸이 파일 끝까지 이어집니다",
            '따옴표를 닫거나, 글자의 일부라면 두 번("") 쓰세요.',
        ),
        "model": _m(
            "the imported `{field}`{value} cannot be written: {detail}",
            "Fix that value in the source, or report the file as an import bug.",
            "가져온 `{field}`{value}을/를 쓸 수 없습니다: {detail}",
            "원본의 그 값을 고치거나 가져오기 버그로 알려 주세요.",
        ),
    },
)

IMPORT_WRONG_FORMAT = define(
    "AK602",
    "import-wrong-format",
    ERROR,
    "The file is well-formed but not of the format asked for (or detected): not a frab "
    "schedule, not an iCalendar file, a table without the columns a session needs.",
    "Reading a file as the wrong format would import nonsense.",
    "Pass the right `--from` format, or import the right file.",
    command="import",
    params={"root": str, "columns": str, "header": str},
    sample={"root": "html", "columns": "title and start", "header": "'Name', 'Raum'"},
    messages={
        "frab-json": _m(
            "not a frab schedule: expected an object with `schedule.conference`",
            "Pass the right `--from` format.",
            "frab 일정이 아닙니다: `schedule.conference`가 있는 객체여야 합니다",
            "올바른 `--from` 형식을 주세요.",
        ),
        "frab-xml": _m(
            "not a frab schedule: the root element is <{root}>, not <schedule>",
            "Pass the right `--from` format.",
            "frab 일정이 아닙니다: 최상위 요소가 <schedule>이 아니라 <{root}>입니다",
            "올바른 `--from` 형식을 주세요.",
        ),
        "ics": _m(
            "not an iCalendar file: no BEGIN:VCALENDAR and no BEGIN:VEVENT",
            "Pass the right `--from` format.",
            "iCalendar 파일이 아닙니다: BEGIN:VCALENDAR도 BEGIN:VEVENT도 없습니다",
            "올바른 `--from` 형식을 주세요.",
        ),
        "records": _m(
            "no list of session records: the document is a {root}",
            "Import a YAML or JSON list of mappings, or a page whose front matter holds one.",
            "세션 레코드 목록이 없습니다: 문서가 {root}입니다",
            "매핑의 목록인 YAML이나 JSON, 또는 머리말에 그런 목록이 있는 페이지를 가져오세요.",
        ),
        "one-column": _m(
            "the header row has one column: expected columns separated by commas, "
            "semicolons or tabs",
            "Separate the columns with commas, semicolons or tabs.",
            "머리글 행에 열이 하나뿐입니다: 쉼표, 세미콜론, 탭으로 나뉜 열이 있어야 합니다",
            "열을 쉼표, 세미콜론, 탭으로 나누세요.",
        ),
        "columns": _m(
            "no column for {columns}: the header has {header}",
            "Name the columns title and start (or time); docs/interchange.md lists the others.",
            "{columns}에 해당하는 열이 없습니다: 머리글은 {header}입니다",
            "열 이름을 title과 start(또는 time)로 쓰세요. 나머지는 docs/interchange.md에 있습니다.",
        ),
        "text": _m(
            "no agenda rows found: expected lines such as `15:00~15:30 30' • Title`",
            "Each session is a line with a time range, then its title.",
            "아젠다 행이 없습니다: `15:00~15:30 30' • 제목` 같은 행이 있어야 합니다",
            "세션마다 시간 범위와 제목이 있는 행을 쓰세요.",
        ),
        "xml-codec": _m(
            "not readable XML: the declared encoding {header} is unknown",
            "Save the file as UTF-8.",
            "읽을 수 없는 XML입니다: 선언된 인코딩 {header}을/를 알 수 없습니다",
            "파일을 UTF-8로 저장하세요.",
        ),
    },
)

IMPORT_NO_EVENTS = define(
    "AK603",
    "import-no-events",
    ERROR,
    "The file holds no sessions, or none of them could be read.",
    "An agenda without sessions is not worth writing; the reasons are in the notes.",
    "Import the right file, or fix the first problem the message names.",
    command="import",
    params={"what": str, "first": Localized, "more": int, "cut": Localized},
    sample=(_NO_EVENTS_SAMPLE := {"what": "no <day>/<room>/<event> elements", "more": 3}),
    messages={
        "": _m(
            "the schedule has no events ({what})",
            "Import the right file.",
            "일정에 행사가 없습니다({what})",
            "올바른 파일을 가져오세요.",
        ),
        "unreadable": _m(
            "no event can be imported: {first} (and {more} more problems)",
            "Fix the first problem, or export the file again.",
            "가져올 수 있는 일정이 없습니다: {first}(그 밖의 문제 {more}개)",
            "첫 문제를 고치거나 파일을 다시 내보내세요.",
        ),
        "unreadable-one": _m(
            "no event can be imported: {first}",
            "Fix the problem, or export the file again.",
            "가져올 수 있는 일정이 없습니다: {first}",
            "문제를 고치거나 파일을 다시 내보내세요.",
        ),
        "unreadable-cut": _m(
            "no event can be imported: {first}; {cut}",
            "Fix the first problem, or export the file again.",
            "가져올 수 있는 일정이 없습니다: {first}; {cut}",
            "첫 문제를 고치거나 파일을 다시 내보내세요.",
        ),
        "ics": _m(
            "the calendar has no events: no VEVENT",
            "Import the right file.",
            "캘린더에 일정이 없습니다: VEVENT가 없습니다",
            "올바른 파일을 가져오세요.",
        ),
        "ics-holds": _m(
            "the calendar has no events: no VEVENT (it holds {what})",
            "Import the right file.",
            "캘린더에 일정이 없습니다: VEVENT가 없습니다({what}만 있습니다)",
            "올바른 파일을 가져오세요.",
        ),
        "range": _m(
            "no session can be imported: dates outside the years 1000 to 8999 are not imported",
            "Check the dates of the source.",
            "가져올 수 있는 세션이 없습니다: 1000년부터 8999년까지 밖의 날짜는 가져오지 않습니다",
            "원본의 날짜를 확인하세요.",
        ),
        "no-year": _m(
            "the text gives no date with a year: pass --date YYYY-MM-DD",
            "Dates are read as 2024-10-17, 2024년 10월 17일, ’24.10.17 or 17 October 2024.",
            "본문에 연도가 있는 날짜가 없습니다: --date YYYY-MM-DD를 주세요",
            "날짜는 2024-10-17, 2024년 10월 17일, ’24.10.17, 17 October 2024 꼴로 읽습니다.",
        ),
    },
)

IMPORT_ENTITIES_REFUSED = define(
    "AK604",
    "import-entities-refused",
    ERROR,
    "The XML declares or uses entities (a DTD, external or expanding entities).",
    "Entities are how XML files read local files or expand to gigabytes (billion laughs); "
    "frab schedules need none.",
    "Export the schedule again without a DOCTYPE.",
    command="import",
    params={"detail": str},
    sample={"detail": "EntitiesForbidden(name='lol')"},
    messages={
        "": _m(
            "refused: the XML declares or uses entities ({detail})",
            "Remove the DOCTYPE.",
            "거부했습니다: XML이 엔티티를 선언하거나 씁니다({detail})",
            "DOCTYPE을 지우세요.",
        ),
    },
)

IMPORT_UNKNOWN_COLUMN = define(
    "AK605",
    "import-unknown-column",
    WARNING,
    "A table has columns the importer does not read.",
    "Their content is not in the agenda; a misspelt column name loses a whole column.",
    "Rename the column to one of those docs/interchange.md lists, or ignore the note.",
    command="import",
    params={"column": str},
    sample={"column": "Raum, Notiz"},
    messages={
        "": _m(
            "columns not read: {column}",
            "Known columns are listed in docs/interchange.md.",
            "읽지 않은 열: {column}",
            "읽는 열은 docs/interchange.md에 있습니다.",
        ),
    },
)

IMPORT_SKIPPED = define(
    "AK606",
    "import-skipped",
    WARNING,
    "An entry of the source (a row, event, line or component) could not be read and was left out.",
    "The agenda misses that session; the note says where it is in the source.",
    "Fix the entry at the position given and import again.",
    command="import",
    params={"value": str, "detail": str, "count": int, "component": str},
    sample={
        "value": "'9 Uhr'",
        "detail": "DTSTART '2025-13-01' is not a date or date-time",
        "count": 2,
        "component": "VTODO",
    },
    messages={
        "record": _m(
            "a record that is a {value}, not a mapping of fields",
            "Write each session as a mapping (`title:`, `time:` …).",
            "필드 매핑이 아니라 {value}인 레코드",
            "세션마다 매핑(`title:`, `time:` …)으로 쓰세요.",
        ),
        "no-start": _m(
            "a row without a start time",
            "Give the row a start.",
            "시작 시각이 없는 행",
            "행에 시작 시각을 주세요.",
        ),
        "bad-start": _m(
            "a row whose start {value} is not a time of day",
            "Write the start as HH:MM.",
            "시작 {value}이/가 시각이 아닌 행",
            "시작을 HH:MM으로 쓰세요.",
        ),
        "bad-date": _m(
            "a row whose date {value} is not a date",
            "Write the date as YYYY-MM-DD.",
            "날짜 {value}이/가 날짜가 아닌 행",
            "날짜를 YYYY-MM-DD로 쓰세요.",
        ),
        "no-date": _m(
            "a row without a date",
            "Pass --date, or add a date column.",
            "날짜가 없는 행",
            "--date를 주거나 날짜 열을 넣으세요.",
        ),
        "bad-end": _m(
            "a row whose end {value} is not a time",
            "Write the end as HH:MM.",
            "끝 {value}이/가 시각이 아닌 행",
            "끝을 HH:MM으로 쓰세요.",
        ),
        "impossible-time": _m(
            "a row with an impossible time {value}",
            "Correct the time.",
            "있을 수 없는 시각 {value}이/가 있는 행",
            "시각을 고치세요.",
        ),
        "no-rooms": _m(
            "a day without a `rooms` object was skipped",
            _AGAIN,
            "`rooms` 객체가 없는 날을 건너뛰었습니다",
            _AGAIN_KO,
        ),
        "not-object": _m(
            "an event that is not an object was skipped",
            _AGAIN,
            "객체가 아닌 일정을 건너뛰었습니다",
            _AGAIN_KO,
        ),
        "no-when": _m(
            "an event with neither a `date` nor a `start` was skipped",
            "Give it a date.",
            "`date`도 `start`도 없는 일정을 건너뛰었습니다",
            "날짜를 주세요.",
        ),
        "no-dtstart": _m(
            "an event without DTSTART",
            "Give the event a DTSTART.",
            "DTSTART가 없는 일정",
            "일정에 DTSTART를 주세요.",
        ),
        "bad-event": _m(
            "an event whose {detail}",
            _AGAIN,
            "다음 문제가 있는 일정: {detail}",
            _AGAIN_KO,
        ),
        "cancelled": _m(
            "cancelled events were left out",
            "Nothing to do.",
            "취소된 일정은 뺐습니다",
            "할 일은 없습니다.",
        ),
        "components": _m(
            "{count} {component} component(s): only VEVENTs are sessions",
            "Nothing to do.",
            "{component} 구성 요소 {count}개: 세션이 되는 것은 VEVENT뿐입니다",
            "할 일은 없습니다.",
        ),
        "overview": _m(
            "{count} overview entries (a feed per part or per day) are not sessions",
            "Nothing to do.",
            "개요 항목 {count}개(부나 날마다의 항목)는 세션이 아닙니다",
            "할 일은 없습니다.",
        ),
        "line": _m(
            "{value} is not a content line (NAME:value); a line fold without its leading space?",
            _AGAIN,
            "{value}은/는 내용 행(NAME:value)이 아닙니다. 접힌 줄의 앞 공백이 빠졌나요?",
            _AGAIN_KO,
        ),
        "syntax": _m(
            "{detail}",
            _AGAIN,
            "{detail}",
            _AGAIN_KO,
        ),
        "continuation": _m(
            "a continuation line with nothing before it",
            _AGAIN,
            "앞에 아무것도 없는 이어지는 행",
            _AGAIN_KO,
        ),
        "blank": _m(
            "blank lines (not allowed in iCalendar) were ignored",
            "Nothing to do.",
            "빈 행(iCalendar에서 허용되지 않음)은 무시했습니다",
            "할 일은 없습니다.",
        ),
        "param": _m(
            "a malformed parameter {value} of {component}",
            _AGAIN,
            "{component}의 잘못된 매개변수 {value}",
            _AGAIN_KO,
        ),
        "end-without-begin": _m(
            "END:{component} without a BEGIN:{component}",
            _AGAIN,
            "BEGIN:{component} 없는 END:{component}",
            _AGAIN_KO,
        ),
        "bad-time": _m(
            "an event whose {component} {value} is not a date or date-time",
            "Write it as YYYYMMDD or YYYYMMDDTHHMMSS.",
            "{component} {value}이/가 날짜나 날짜-시각이 아닌 일정",
            "YYYYMMDD나 YYYYMMDDTHHMMSS로 쓰세요.",
        ),
        "ics-duration": _m(
            "an event whose DURATION {value} is not a duration",
            "Write it as PT1H30M.",
            "DURATION {value}이/가 길이가 아닌 일정",
            "PT1H30M처럼 쓰세요.",
        ),
        "long-duration": _m(
            "an event whose DURATION {value} is longer than a year",
            "Check the duration.",
            "DURATION {value}이/가 1년보다 긴 일정",
            "길이를 확인하세요.",
        ),
        "negative-duration": _m(
            "an event whose DURATION {value} is negative",
            "Check the duration.",
            "DURATION {value}이/가 음수인 일정",
            "길이를 확인하세요.",
        ),
        "range": _m(
            "an event: dates outside the years 1000 to 8999 are not imported",
            "Check the dates of the source.",
            "일정: 1000년부터 8999년까지 밖의 날짜는 가져오지 않습니다",
            "원본의 날짜를 확인하세요.",
        ),
        "range-session": _m(
            "a session: dates outside the years 1000 to 8999 are not imported",
            "Check the dates of the source.",
            "세션: 1000년부터 8999년까지 밖의 날짜는 가져오지 않습니다",
            "원본의 날짜를 확인하세요.",
        ),
        "range-row": _m(
            "a row dated {value}: dates outside the years 1000 to 8999 are not imported",
            "Check the dates of the source.",
            "날짜가 {value}인 행: 1000년부터 8999년까지 밖의 날짜는 가져오지 않습니다",
            "원본의 날짜를 확인하세요.",
        ),
        "no-day-date": _m(
            "an event without a `date` on a day without a date was skipped",
            "Give the event or its day a date.",
            "날짜 없는 날의 `date` 없는 일정을 건너뛰었습니다",
            "일정이나 그날에 날짜를 주세요.",
        ),
        "hours": _m(
            "announced hours {value} are not times of day",
            "Write them as HH:MM-HH:MM.",
            "안내된 시간 {value}은/는 시각이 아닙니다",
            "HH:MM-HH:MM으로 쓰세요.",
        ),
    },
)

IMPORT_VALUE_DROPPED = define(
    "AK607",
    "import-value-dropped",
    INFO,
    "A value of the source cannot be carried into the agenda (an id or language tag the "
    "agenda does not admit, a duration that is not one, repetitions) and was left out.",
    "The agenda is imported without it; the note says which.",
    "Fix the value in the source, or add it to the agenda by hand.",
    command="import",
    params={"value": str, "declared": int, "length": int, "zone": str, "limit": int},
    sample={"value": "'english'", "declared": 30, "length": 25, "zone": "W. Europe", "limit": 2000},
    messages={
        "bad-id": _m(
            "source ids that are not valid agenda ids were left out (ids are letters, digits, "
            "'_', '.' and '-')",
            "Nothing to do; ids were made from the titles.",
            "아젠다 id로 쓸 수 없는 원본 id는 뺐습니다(id는 영문자, 숫자, '_', '.', '-')",
            "할 일은 없습니다. 제목으로 id를 만들었습니다.",
        ),
        "lang": _m(
            "language {value} is not a language tag: left out",
            "Use a BCP 47 tag such as `en`.",
            "언어 {value}은/는 언어 태그가 아니어서 뺐습니다",
            "`ko` 같은 BCP 47 태그를 쓰세요.",
        ),
        "duration": _m(
            "a stated duration of {declared} minutes differs from the times ({length} "
            "minutes): the times are kept",
            "Check which of the two is right.",
            "적힌 길이 {declared}분이 시각({length}분)과 달라 시각을 따랐습니다",
            "둘 중 어느 것이 맞는지 확인하세요.",
        ),
        "bad-duration": _m(
            "a duration {value} that is not a duration",
            "Write it as HH:MM or minutes.",
            "길이 {value}은/는 길이가 아닙니다",
            "HH:MM이나 분으로 쓰세요.",
        ),
        "repeating": _m(
            "repeating events (RRULE, RDATE): only the first occurrence is imported",
            "Add the other occurrences as sessions.",
            "반복 일정(RRULE, RDATE)은 첫 회만 가져왔습니다",
            "나머지 회차는 세션으로 넣으세요.",
        ),
        "zone": _m(
            "the time zone {zone!r} is not an IANA zone name",
            "Pass --timezone.",
            "시간대 {zone!r}은/는 IANA 시간대 이름이 아닙니다",
            "--timezone을 주세요.",
        ),
        "frab-start": _m(
            "`start` {value} is not a time of day",
            "Write it as HH:MM.",
            "`start` {value}은/는 시각이 아닙니다",
            "HH:MM으로 쓰세요.",
        ),
        "frab-date": _m(
            "`date` {value} is not a date and time",
            "Write it as an ISO 8601 date and time.",
            "`date` {value}은/는 날짜와 시각이 아닙니다",
            "ISO 8601 날짜와 시각으로 쓰세요.",
        ),
        "charset": _m(
            "unknown CHARSET {value}: value left encoded",
            "Save the file as UTF-8.",
            "알 수 없는 CHARSET {value}: 값을 인코딩된 채로 두었습니다",
            "파일을 UTF-8로 저장하세요.",
        ),
        "charset-failed": _m(
            "CHARSET {value} cannot decode this value: value left encoded",
            "Save the file as UTF-8.",
            "CHARSET {value}(으)로는 이 값을 디코딩할 수 없습니다: 값을 인코딩된 채로 두었습니다",
            "파일을 UTF-8로 저장하세요.",
        ),
        "url": _m(
            "the link {value} is not a URL: left out",
            "Write links with their scheme, such as https://.",
            "링크 {value}은/는 URL이 아니어서 뺐습니다",
            "https:// 같은 스킴을 붙여 링크를 쓰세요.",
        ),
        "long-title": _m(
            "a title of {length:,} characters was cut to {limit:,}, the most a one-line text holds",
            "The whole title begins the session's description; shorten the title in the source.",
            "제목({length:,}자)을 한 줄 텍스트의 최대인 {limit:,}자로 잘랐습니다",
            "제목 전체는 세션 설명의 맨 앞에 두었습니다. 원본에서 제목을 줄이세요.",
        ),
        "long-room": _m(
            "a room name of {length:,} characters was cut to {limit:,}, "
            "the most a one-line text holds",
            "Shorten it in the source.",
            "방 이름({length:,}자)을 한 줄 텍스트의 최대인 {limit:,}자로 잘랐습니다",
            "원본에서 줄이세요.",
        ),
        "long-part": _m(
            "a part name of {length:,} characters was cut to {limit:,}, "
            "the most a one-line text holds",
            "Shorten it in the source.",
            "부 이름({length:,}자)을 한 줄 텍스트의 최대인 {limit:,}자로 잘랐습니다",
            "원본에서 줄이세요.",
        ),
        "long-track": _m(
            "a track name of {length:,} characters was cut to {limit:,}, "
            "the most a one-line text holds",
            "Shorten it in the source.",
            "트랙 이름({length:,}자)을 한 줄 텍스트의 최대인 {limit:,}자로 잘랐습니다",
            "원본에서 줄이세요.",
        ),
        "long-speaker": _m(
            "a speaker's name of {length:,} characters was cut to {limit:,}, "
            "the most a one-line text holds",
            "Shorten it in the source.",
            "연사 이름({length:,}자)을 한 줄 텍스트의 최대인 {limit:,}자로 잘랐습니다",
            "원본에서 줄이세요.",
        ),
        "long-affiliation": _m(
            "an affiliation of {length:,} characters was cut to {limit:,}, "
            "the most a one-line text holds",
            "Shorten it in the source.",
            "소속({length:,}자)을 한 줄 텍스트의 최대인 {limit:,}자로 잘랐습니다",
            "원본에서 줄이세요.",
        ),
        "long-event": _m(
            "the event's title of {length:,} characters was cut to {limit:,}, "
            "the most a one-line text holds",
            "Shorten it in the source.",
            "행사 제목({length:,}자)을 한 줄 텍스트의 최대인 {limit:,}자로 잘랐습니다",
            "원본에서 줄이세요.",
        ),
        "long-weekday": _m(
            "the event's weekday label of {length:,} characters was cut to {limit:,}, "
            "the most a one-line text holds",
            "Shorten it in the source.",
            "행사 요일 표기({length:,}자)를 한 줄 텍스트의 최대인 {limit:,}자로 잘랐습니다",
            "원본에서 줄이세요.",
        ),
        "long-address": _m(
            "the venue's address of {length:,} characters was cut to {limit:,}, "
            "the most a one-line text holds",
            "Shorten it in the source.",
            "장소 주소({length:,}자)를 한 줄 텍스트의 최대인 {limit:,}자로 잘랐습니다",
            "원본에서 줄이세요.",
        ),
        "long-uid": _m(
            "a UID of {length:,} characters was left out (at most {limit:,}): the "
            "session's id makes its UID",
            "Shorten the UIDs in the source if calendars must keep them.",
            "{length:,}자인 UID는 뺐습니다(최대 {limit:,}자). 세션 id로 UID를 만듭니다",
            "캘린더가 UID를 유지해야 하면 원본에서 줄이세요.",
        ),
        "long-venue": _m(
            "the venue's name of {length:,} characters was cut to {limit:,}, "
            "the most a one-line text holds",
            "Shorten it in the source.",
            "장소 이름({length:,}자)을 한 줄 텍스트의 최대인 {limit:,}자로 잘랐습니다",
            "원본에서 줄이세요.",
        ),
    },
)

IMPORT_ASSUMED_ZONE = define(
    "AK608",
    "import-assumed-zone",
    INFO,
    "The source names no usable time zone, so the importer chose one (from its UTC "
    "offsets, UTC, or `--timezone`).",
    "The agenda's zone decides every time in its feeds; a guess deserves a look.",
    "Pass `--timezone` with the event's zone.",
    command="import",
    params={"zone": str, "named": str, "offsets": str},
    sample={"zone": "Europe/Berlin", "named": "CET", "offsets": "+01:00, +02:00"},
    messages={
        "guessed": _m(
            "the source names no time zone: {zone} guessed from its UTC offsets ({offsets})",
            "Pass --timezone to choose.",
            "원본에 시간대가 없어 UTC 오프셋({offsets})으로 {zone}을/를 골랐습니다",
            "--timezone으로 정하세요.",
        ),
        "utc": _m(
            "the source gives no time zone and no UTC offsets: its times are read as UTC",
            "Pass --timezone with the event's zone.",
            "원본에 시간대도 UTC 오프셋도 없어 시각을 UTC로 읽었습니다",
            "--timezone으로 행사 시간대를 주세요.",
        ),
        "floating": _m(
            "times without a zone (floating) are read as UTC",
            "Pass --timezone with the event's zone.",
            "시간대 없는(floating) 시각은 UTC로 읽었습니다",
            "--timezone으로 행사 시간대를 주세요.",
        ),
        "override": _m(
            "the source names the zone {named!r}; --timezone {zone} is used",
            "Nothing to do.",
            "원본의 시간대는 {named!r}이지만 --timezone {zone}을/를 씁니다",
            "할 일은 없습니다.",
        ),
        "several": _m(
            "events use several zones ({named}): the agenda is in {zone}",
            "Check the times.",
            "일정이 여러 시간대({named})를 써서 아젠다는 {zone}입니다",
            "시각을 확인하세요.",
        ),
        "csv-unknown-zone": _m(
            "`timezone` {named!r} is not an IANA zone name: the row is read in {zone}",
            "Write an IANA name such as Europe/Berlin, or pass --timezone.",
            "`timezone` {named!r}은/는 IANA 시간대 이름이 아니어서 이 행을 {zone}으로/로 "
            "읽었습니다",
            "Asia/Seoul 같은 IANA 이름을 쓰거나 --timezone을 주세요.",
        ),
        "not-iana": _m(
            "TZID {named!r} is not an IANA zone: read as {zone}",
            "Pass --timezone.",
            "TZID {named!r}은/는 IANA 시간대가 아니어서 {zone}으로/로 읽었습니다",
            "--timezone을 주세요.",
        ),
        "all-utc": _m(
            "all times are in UTC and no zone is named: the agenda is in UTC",
            "Pass --timezone to show local times.",
            "모든 시각이 UTC이고 시간대 이름이 없어 아젠다를 UTC로 했습니다",
            "--timezone을 주면 현지 시각으로 보입니다.",
        ),
        "schedule-utc": _m(
            "the source names no time zone and all its dates are in UTC: the agenda is in UTC",
            "Pass --timezone with the event's zone.",
            "원본에 시간대가 없고 날짜가 모두 UTC여서 아젠다를 UTC로 했습니다",
            "--timezone으로 행사 시간대를 주세요.",
        ),
        "text": _m(
            "the text names no time zone: {zone}",
            "Pass --timezone to choose.",
            "본문에 시간대가 없어 {zone}으로/로 했습니다",
            "--timezone으로 정하세요.",
        ),
        "text-ko": _m(
            "the text names no time zone: {zone} (it is written in Korean)",
            "Pass --timezone to choose.",
            "본문에 시간대가 없어 {zone}으로/로 했습니다(한국어로 쓰여 있습니다)",
            "--timezone으로 정하세요.",
        ),
        "property": _m(
            "`VTIMEZONE: {zone}` is written as a property, not a component: read as the "
            "calendar's zone",
            _AGAIN,
            "`VTIMEZONE: {zone}`이/가 구성 요소가 아닌 속성으로 쓰여 있어 "
            "캘린더 시간대로 읽었습니다",
            _AGAIN_KO,
        ),
        "vtimezone": _m(
            "TZID {named!r} is not an IANA zone: its VTIMEZONE rules are used",
            "Nothing to do.",
            "TZID {named!r}은/는 IANA 시간대가 아니어서 VTIMEZONE 규칙을 씁니다",
            "할 일은 없습니다.",
        ),
        "vtimezone-bad": _m(
            "the VTIMEZONE of {named!r} cannot be read: {offsets}",
            _AGAIN,
            "{named!r}의 VTIMEZONE을 읽을 수 없습니다: {offsets}",
            _AGAIN_KO,
        ),
        "offset": _m(
            "TZID {named!r} is read as the offset {offsets}",
            "Pass --timezone with the event's zone.",
            "TZID {named!r}을/를 오프셋 {offsets}으로/로 읽었습니다",
            "--timezone으로 행사 시간대를 주세요.",
        ),
        "unknown-tzid": _m(
            "TZID {named!r} is neither an IANA zone nor defined by a VTIMEZONE: its times are "
            "read in the agenda's zone",
            "Pass --timezone, or export the file again with its VTIMEZONE.",
            "TZID {named!r}은/는 IANA 시간대도 아니고 VTIMEZONE도 없어 아젠다 시간대로 읽었습니다",
            "--timezone을 주거나 VTIMEZONE과 함께 다시 내보내세요.",
        ),
        "date-utc": _m(
            "`date` values are given in UTC: converted to {zone} (they agree with `start`)",
            "Nothing to do.",
            "`date` 값이 UTC여서 {zone}으로/로 바꿨습니다(`start`와 맞습니다)",
            "할 일은 없습니다.",
        ),
        "utc-local": _m(
            "`date` values marked UTC hold local times (they equal `start`): read in {zone}",
            "Nothing to do.",
            "UTC로 표시된 `date` 값이 현지 시각이어서(`start`와 같습니다) {zone}에서 읽었습니다",
            "할 일은 없습니다.",
        ),
    },
)

IMPORT_ASSUMED_TIME = define(
    "AK609",
    "import-assumed-time",
    INFO,
    "A session's time had to be completed or adjusted: no end, seconds, the repeated hour "
    "of a clock change, dates derived from days, all-day events.",
    "The agenda's times are whole minutes with an end; what the source left open was filled.",
    "Check the sessions the note names.",
    command="import",
    params={"zone": str, "title": str, "want": str, "got": str},
    sample={
        "zone": "Europe/Berlin",
        "title": "Opening",
        "want": "01:30-02:30 UTC",
        "got": "01:30-02:00 UTC",
    },
    messages={
        "no-end": _m(
            "sessions without an end or duration end when the next session starts",
            "Check the last session of each day.",
            "끝이나 길이가 없는 세션은 다음 세션이 시작할 때 끝납니다",
            "날마다 마지막 세션을 확인하세요.",
        ),
        "seconds": _m(
            "times with seconds were cut to the minute (agendas count whole minutes)",
            "Nothing to do.",
            "초가 있는 시각은 분 단위로 잘랐습니다(아젠다는 분 단위입니다)",
            "할 일은 없습니다.",
        ),
        "fold": _m(
            "a start in the repeated hour of a clock change was moved to its first occurrence",
            "Check the session's time.",
            "시간 변경으로 반복되는 시각의 시작을 첫 번째 시각으로 옮겼습니다",
            "세션 시각을 확인하세요.",
        ),
        "ends-before-start": _m(
            "a session ends before it starts: imported without an end",
            "Give it an end.",
            "세션이 시작 전에 끝나서 끝 없이 가져왔습니다",
            "끝 시각을 주세요.",
        ),
        "no-date": _m(
            "events have no `date`: dated by their day and `start`, in {zone}",
            "Nothing to do.",
            "일정에 `date`가 없어 날과 `start`로 {zone}에서 날짜를 정했습니다",
            "할 일은 없습니다.",
        ),
        "all-day": _m(
            "all-day events are sessions from midnight to midnight",
            "Give them times.",
            "종일 일정은 자정부터 자정까지의 세션이 됩니다",
            "시각을 주세요.",
        ),
        "inexact": _m(
            "{title!r} could not be written with its exact times ({want}); it reads {got}",
            "Check the session's time.",
            "{title!r}의 시각을 그대로({want}) 쓸 수 없어 {got}으로/로 썼습니다",
            "세션 시각을 확인하세요.",
        ),
        "zero-length": _m(
            "events with neither DTEND nor DURATION take no time (RFC 5545)",
            "Give them a DTEND.",
            "DTEND도 DURATION도 없는 일정은 길이가 0입니다(RFC 5545)",
            "DTEND를 주세요.",
        ),
        "no-duration": _m(
            "an event without a `duration` ends when the next one in its room starts",
            "Check the last event of each room.",
            "`duration`이 없는 일정은 같은 방의 다음 일정이 시작할 때 끝납니다",
            "방마다 마지막 일정을 확인하세요.",
        ),
        "date-start": _m(
            "`date` and `start` disagree ({want} against {got}): `date` is used",
            "Check the session's time.",
            "`date`와 `start`가 다릅니다({want}, {got}): `date`를 따랐습니다",
            "세션 시각을 확인하세요.",
        ),
        "event-day": _m(
            "the event is on {want} as the text says here",
            "Pass --date to choose.",
            "본문의 이곳에 따라 행사 날짜를 {want}으로/로 했습니다",
            "--date로 정하세요.",
        ),
        "event-day-hours": _m(
            "the event is on {want} from {got} as the text says here",
            "Pass --date to choose.",
            "본문의 이곳에 따라 행사를 {want} {got}으로/로 했습니다",
            "--date로 정하세요.",
        ),
        "day-first": _m(
            "dates such as 03/04/2025 are read day first (03 April)",
            "Write dates as YYYY-MM-DD.",
            "03/04/2025 같은 날짜는 일/월 순서(4월 3일)로 읽었습니다",
            "날짜를 YYYY-MM-DD로 쓰세요.",
        ),
    },
)

IMPORT_ASSUMED_STRUCTURE = define(
    "AK610",
    "import-assumed-structure",
    INFO,
    "The importer chose how to lay the source out as an agenda: tracks per room, parts, "
    "the venue's and event's names, speakers read from titles, an encoding.",
    "An agenda has tracks, parts and names a foreign format may not have.",
    "Check the agenda, and rename or regroup where the choice does not fit.",
    command="import",
    params={"value": str, "count": int, "encoding": str, "component": str, "time": str},
    sample={"value": "'schedule'", "count": 3, "encoding": "Windows-1252", "time": "03:00"},
    messages={
        "tracks": _m(
            "sessions in different rooms run at the same time: each room is a track of its own",
            "Nothing to do.",
            "여러 방의 세션이 동시에 열려 방마다 트랙을 만들었습니다",
            "할 일은 없습니다.",
        ),
        "free-rooms": _m(
            "the rooms of a conference schedule may be free between sessions "
            "(`contiguous: false` on its parts): time without a session is not a gap",
            "Remove `contiguous: false` where the sessions must follow one another.",
            "학술대회 일정의 방은 세션 사이에 비어도 됩니다"
            "(순서마다 `contiguous: false`): 세션이 없는 시간은 빈틈이 아닙니다",
            "세션이 이어져야 하는 곳에서는 `contiguous: false`를 지우세요.",
        ),
        "day-change": _m(
            "the schedule's days run past midnight: a session that starts before {time} "
            "belongs to the conference day before (its part is dated the next day)",
            "Check the parts of each night.",
            "일정의 하루가 자정을 넘깁니다. {time} 전에 시작하는 세션은 전날 일정에 속합니다"
            "(그 부의 날짜는 다음 날입니다)",
            "밤마다 부를 확인하세요.",
        ),
        "nested": _m(
            "sessions that lie inside {value} in the same room are its `children` ({count})",
            "Move them out of `children` if they are separate sessions.",
            "같은 방에서 {value} 안에 열리는 세션 {count}개를 그 `children`으로 넣었습니다",
            "따로 열리는 세션이면 `children`에서 빼세요.",
        ),
        "changeover": _m(
            "the sessions of {value} keep {count} minutes between them: `changeover: {count}`",
            "Nothing to do.",
            "{value}의 세션 사이에 {count}분씩 비어 있어 `changeover: {count}`로 했습니다",
            "할 일은 없습니다.",
        ),
        "breaks": _m(
            "every room is free at {value} on {component}: declared as `breaks`",
            "Nothing to do.",
            "{component}에는 {value}에 모든 방이 비어 있어 `breaks`로 했습니다",
            "할 일은 없습니다.",
        ),
        "records-key": _m(
            "the sessions are the records under {value}",
            "Nothing to do.",
            "{value} 아래의 레코드를 세션으로 읽었습니다",
            "할 일은 없습니다.",
        ),
        "parallel-slot": _m(
            "{value} holds the parallel sessions after it, which have no times of their "
            "own: they take its time, and it is not a session itself",
            "Check the parallel sessions.",
            "{value}은/는 뒤따르는 병행 세션을 묶는 칸입니다. 시각이 없는 그 세션들은 이 칸의 "
            "시각을 따르고, 이 칸은 세션이 아닙니다",
            "병행 세션을 확인하세요.",
        ),
        "speaker-title": _m(
            "a record with no title names its slot in the speaker field "
            "(`speaker: Coffee Break`): that is its title, and it has no speakers",
            "Check the titles.",
            "제목이 없는 레코드는 발표자 필드에 칸 이름(`speaker: Coffee Break`)이 있어 "
            "그것을 제목으로 하고 발표자는 없는 것으로 했습니다",
            "제목을 확인하세요.",
        ),
        "plenary": _m(
            "the sessions without a room (track {value}) are for everyone: that track may "
            "be free between them, and the rooms' parts declare them as `breaks`",
            "Check the breaks of the rooms' parts.",
            "방이 없는 세션(트랙 {value})은 모두를 위한 것이어서 그 트랙은 세션 사이에 비어도 "
            "되고, 방마다 부에 `breaks`로 넣었습니다",
            "방마다 부의 breaks를 확인하세요.",
        ),
        "speaker-kind": _m(
            "the speaker field {value} names what the session is, not a person: its kind "
            "is `{component}` and it has no speakers",
            "Check the speakers.",
            "발표자 필드 {value}은/는 사람이 아니라 세션의 종류를 나타내 kind를 "
            "`{component}`(으)로 하고 발표자는 없는 것으로 했습니다",
            "발표자를 확인하세요.",
        ),
        "no-room-track": _m(
            "{count} sessions have no room: they are on track {value}",
            "Give them a room.",
            "방이 없는 세션 {count}개는 트랙 {value}에 넣었습니다",
            "세션에 방을 주세요.",
        ),
        "venue": _m(
            "the source names no venue: the venue is called {value}",
            "Rename the venue.",
            "원본에 행사장 이름이 없어 이름을 {value}으로/로 했습니다",
            "행사장 이름을 고치세요.",
        ),
        "title": _m(
            "the event's title is the file's name {value}",
            "Pass --title.",
            "행사 제목은 파일 이름 {value}입니다",
            "--title을 주세요.",
        ),
        "speakers": _m(
            "speakers were read from the titles or descriptions",
            "Check the speakers.",
            "발표자를 제목이나 설명에서 읽었습니다",
            "발표자를 확인하세요.",
        ),
        "kind": _m(
            "kind {value} has no matching kind: read from the title",
            "Use a known kind.",
            "종류 {value}에 맞는 kind가 없어 제목으로 정했습니다",
            "알려진 kind를 쓰세요.",
        ),
        "encoding": _m(
            "not UTF-8: read as {encoding}",
            "Save the file as UTF-8.",
            "UTF-8이 아니어서 {encoding}으로/로 읽었습니다",
            "파일을 UTF-8로 저장하세요.",
        ),
        "duplicate-uid": _m(
            "UID {value} is used by {count} events: they are kept as separate sessions",
            "Nothing to do.",
            "UID {value}을/를 일정 {count}개가 써서 따로따로 세션으로 두었습니다",
            "할 일은 없습니다.",
        ),
        "text": _m(
            "line breaks and control characters in titles became spaces",
            "Nothing to do.",
            "제목의 줄바꿈과 제어 문자는 공백으로 바꿨습니다",
            "할 일은 없습니다.",
        ),
        "nesting": _m(
            "the calendar's components are not nested as RFC 5545 says ({value}): read as "
            "they stand",
            _AGAIN,
            "캘린더 구성 요소가 RFC 5545대로 중첩되어 있지 않아({value}) 있는 그대로 읽었습니다",
            _AGAIN_KO,
        ),
        "vcalendar-nested": _m(
            "a VCALENDAR inside a VCALENDAR: read as one calendar",
            "Nothing to do.",
            "VCALENDAR 안의 VCALENDAR는 하나의 캘린더로 읽었습니다",
            "할 일은 없습니다.",
        ),
        "no-end-tag": _m(
            "BEGIN:{value} (line {count}) has no END: ended by END:{component}",
            _AGAIN,
            "BEGIN:{value}({count}행)에 END가 없어 END:{component}에서 끝냈습니다",
            _AGAIN_KO,
        ),
        "truncated": _m(
            "the file ends inside {value} (line {count}): it looks cut off",
            "Check that the file is complete.",
            "파일이 {value} 안({count}행)에서 끝나 잘린 것 같습니다",
            "파일이 온전한지 확인하세요.",
        ),
        "own-feed-other": _m(
            "{count} events without agenda-kit's structure (no X-AGENDA-KIT-SESSION) were "
            "read as any calendar's events",
            "Check their rooms and speakers; exported again, they carry the structure.",
            "agenda-kit 구조(X-AGENDA-KIT-SESSION)가 없는 일정 {count}개를 여느 캘린더의 "
            "일정처럼 읽었습니다",
            "방과 발표자를 확인하세요. 다시 내보내면 구조가 함께 적힙니다.",
        ),
        "outside": _m(
            "the events are not inside a VCALENDAR",
            "Nothing to do.",
            "일정이 VCALENDAR 안에 있지 않습니다",
            "할 일은 없습니다.",
        ),
        "no-summary": _m(
            "events without SUMMARY have an empty title",
            "Give them titles.",
            "SUMMARY가 없는 일정은 제목이 비어 있습니다",
            "제목을 주세요.",
        ),
        "pretalx": _m(
            "speakers were split off pretalx titles (`Title - Name [Affiliation]`)",
            "Check the speakers.",
            "pretalx 제목(`제목 - 이름 [소속]`)에서 발표자를 떼어 냈습니다",
            "발표자를 확인하세요.",
        ),
        "description-speakers": _m(
            "speakers were read from `Speaker:` lines of descriptions",
            "Check the speakers.",
            "설명의 `Speaker:` 행에서 발표자를 읽었습니다",
            "발표자를 확인하세요.",
        ),
        "part-split": _m(
            "part `{value}` is split in pieces: one is `{component}`",
            "Check the parts.",
            "부 `{value}`을/를 여러 조각으로 나눴습니다. 그중 하나는 `{component}`입니다",
            "부를 확인하세요.",
        ),
        "frab-kind": _m(
            "event type {value} has no matching kind: read as `{component}`",
            "Nothing to do.",
            "일정 유형 {value}에 맞는 kind가 없어 `{component}`으로/로 읽었습니다",
            "할 일은 없습니다.",
        ),
        "persons": _m(
            "a <person> outside <persons> lists several names: split at commas",
            "Check the speakers.",
            "<persons> 밖의 <person>에 이름이 여럿 있어 쉼표로 나눴습니다",
            "발표자를 확인하세요.",
        ),
        "remarks": _m(
            "the remarks column (who speaks) was told from the title by its form in {count} "
            "rows (a role such as 장관, a list such as 기업, 부산TP): check the speakers",
            "Check the speakers.",
            "비고 열(발표자)을 {count}개 행에서 형태로 제목과 구별했습니다(장관 같은 직함, "
            "기업, 부산TP 같은 목록). 발표자를 확인하세요",
            "발표자를 확인하세요.",
        ),
    },
)

_WHERE = Location("schedule.ics", 12, 1, "")
_NO_EVENTS_SAMPLE["first"] = Quoted(IMPORT_SKIPPED.at(_WHERE, "no-dtstart"))
_NO_EVENTS_SAMPLE["cut"] = Quoted(
    IMPORT_ASSUMED_STRUCTURE.at(_WHERE, "truncated", value="VEVENT", count=12)
)

IMPORT_LIMIT = define(
    "AK611",
    "import-limit",
    ERROR,
    "The file to import is beyond one of the limits of `agenda-kit import`: larger than "
    "`input_bytes`, with more sessions than `sessions`, a line longer than `line_length`, "
    "or nested too deeply.",
    "Limits bound the time and memory a hostile or broken file can cost; real schedules "
    "are far below them (FOSDEM 2021: 1.7 MB, about 800 events).",
    "If the file is genuine, raise the limit: `agenda-kit import --limit NAME=N`.",
    command="import",
    params={"limit": int, "start": int},
    sample={"limit": 10_000, "start": 12},
    messages={
        "input_bytes": _m(
            "refused: the file is larger than {limit} bytes (limit input_bytes)",
            "If the file is genuine, raise the limit: agenda-kit import --limit input_bytes=N.",
            "거부했습니다: 파일이 {limit}바이트보다 큽니다(한도 input_bytes)",
            "올바른 파일이면 한도를 올리세요: agenda-kit import --limit input_bytes=N.",
        ),
        "sessions": _m(
            "refused: the file has more than {limit} sessions (limit sessions)",
            "If the file is genuine, raise the limit: agenda-kit import --limit sessions=N.",
            "거부했습니다: 파일의 세션이 {limit}개보다 많습니다(한도 sessions)",
            "올바른 파일이면 한도를 올리세요: agenda-kit import --limit sessions=N.",
        ),
        "line_length": _m(
            "refused: the line that starts on line {start} is longer than {limit} characters "
            "(bytes in a calendar) (limit line_length)",
            "If the file is genuine, raise the limit: agenda-kit import --limit line_length=N.",
            "거부했습니다: {start}행에서 시작하는 행이 {limit}자(캘린더는 바이트)보다 깁니다"
            "(한도 line_length)",
            "올바른 파일이면 한도를 올리세요: agenda-kit import --limit line_length=N.",
        ),
        "depth": _m(
            "refused: the file nests too deeply to be read",
            "Export the file again from its tool.",
            "거부했습니다: 파일이 너무 깊이 중첩되어 읽을 수 없습니다",
            "원래 도구에서 파일을 다시 내보내세요.",
        ),
    },
)


# --- What `agenda-kit import` says besides findings (its summary line) ---------------

#: The summary line of an import, written to standard output or into a file.
IMPORT_SUMMARY = Template(
    "Imported {what} from {source} ({format}); agenda-kit check finds {counts}.",
    "{source}({format})에서 {what}을/를 가져왔습니다. agenda-kit check 결과: {counts}.",
)
IMPORT_SUMMARY_INTO = Template(
    "Imported {what} from {source} ({format}) into {output}; agenda-kit check finds {counts}.",
    "{source}({format})에서 {what}을/를 가져와 {output}에 썼습니다. "
    "agenda-kit check 결과: {counts}.",
)
#: The hint of findings that ask nothing of the user (not repeated in reports).
IMPORT_NOTHING_TO_DO = Template("Nothing to do.", "할 일은 없습니다.")
#: The last line of an import that failed.
IMPORT_NOTHING_WRITTEN = Template("Nothing was written.", "아무것도 쓰지 않았습니다.")
#: Counted words of the summary, by key and form (Korean has one form).
IMPORT_COUNTS = {
    "sessions": (Template("{n} session", "세션 {n}개"), Template("{n} sessions", "세션 {n}개")),
    "rooms": (Template("{n} room", "방 {n}개"), Template("{n} rooms", "방 {n}개")),
    "days": (Template("{n} day", "{n}일"), Template("{n} days", "{n}일")),
}
