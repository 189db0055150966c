"""Plain-text agenda tables, as press releases and meeting plans print them.

A row is a line such as ``15:00~15:03 03‘ • 식순 및 내빈 소개 사회자``: a time range
(``~``, ``-``, ``–``), an optional stated duration (``'``, ``‘``, ``’``, ``분``, ``min``),
a bullet, the title, and the remarks column (who speaks). Part headings such as
``(1부)`` followed by their title lines group the rows; a row such as
``이동 15:55~16:00 05‘ • 간담회장 이동 (2층 그랜드볼룸 → 3층 마레홀)`` is a transfer and
names the rooms before and after it. The date, weekday, announced hours and venue are
taken from labelled lines elsewhere in the text (``일시 : ’24.10.17(목), 15:00~17:20``,
``장소 : 윈덤 그랜드 부산(부산 서구 등대로 27)``).

Text copied out of a PDF table loses its column borders: where the title and remarks
columns are separated by a single space, the remarks are recognised by their form
(``기업, 부산TP``; a role such as ``장관`` or ``기정원 본부장``; ``장관 주재``), and the
report says so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..diagnostics import Location
from ..findings import (
    IMPORT_ASSUMED_STRUCTURE,
    IMPORT_ASSUMED_TIME,
    IMPORT_ASSUMED_ZONE,
    IMPORT_NO_EVENTS,
    IMPORT_SKIPPED,
    IMPORT_UNREADABLE,
    IMPORT_WRONG_FORMAT,
)
from ..timespan import RANGE_PATTERN
from ._build import EventInfo, imported
from ._common import (
    Imported,
    Item,
    Notes,
    Options,
    Person,
    clean_text,
    derive_kind,
    import_error,
    limit_error,
    visible,
)

__all__ = ["read", "split_remarks"]

_DASH = "\\-~\u2013\u2014\u301c\uff5e"
_TICK = "'\u2018\u2019\u2032"
ROW = re.compile(
    rf"^\s*(?:(?P<label>[^\d\s({_TICK}][^\s]{{0,9}})\s+)?"
    rf"(?P<start>\d{{1,2}}:\d\d)\s*[{_DASH}]\s*(?P<end>\d{{1,2}}:\d\d)"
    rf"(?:\s+(?P<minutes>\d{{1,3}})\s*(?:[{_TICK}]|분|min\b\.?|mins\b|minutes\b))?"
    r"\s*(?:[•·▪◦∙*]\s*|-\s+)?(?P<rest>\S.*)$",
    re.I,
)
_MARKER = re.compile(
    r"^\s*\(?\s*(?P<marker>제?\s*\d+\s*부|(?:part|session|teil|partie|block)\s*\d+)\s*\)?\s*$",
    re.I,
)
_TRANSFER = re.compile(r"\(\s*(?P<a>[^()]+?)\s*(?:→|->|⇒|➔|>)\s*(?P<b>[^()]+?)\s*\)\s*$")
_FLOOR = re.compile(
    r"^(?:(?P<n>-?\d+)\s*층\s+(?P<room>.+)|(?P<room2>.+?)\s*\((?P<n2>-?\d+)\s*층\))$"
)
_GAP = re.compile(r"\t+|\s{2,}")

# The remarks column names people by role; these words end such names.
ROLES = (
    "장관", "차관", "시장", "도지사", "지사", "회장", "원장", "청장", "본부장", "이사장",
    "이사", "위원장", "위원", "사장", "대표", "총장", "교수", "박사", "사회자", "발표자",
    "진행자", "좌장", "관계자", "담당자", "국장", "과장", "실장", "부장", "팀장", "소장",
    "센터장", "단장", "의원", "의장", "대사", "님",
)  # fmt: skip
# What a person does in the remarks: presents awards (친수), chairs (주재) …
ACTIONS = ("친수", "주재", "참석", "진행", "외", "등")
# The organisation before a role (기정원 본부장, 중진공 대구지역본부장) ends like this.
ORGANISATIONS = (
    "원", "공", "청", "처", "부", "회", "단", "공단", "재단", "협회", "센터", "tp",
    "대학교", "대학", "은행", "연구소",
)  # fmt: skip

_WEEKDAYS_KO = "월화수목금토일"


def _is_role(token: str) -> bool:
    return token.endswith(ROLES) and re.fullmatch(r"[\w·]+", token) is not None


def _is_organisation(token: str) -> bool:
    return (
        len(token) >= 2
        and re.fullmatch(r"[\w&]+", token) is not None
        and token.lower().endswith(ORGANISATIONS)
    )


@dataclass(slots=True)
class Remarks:
    """The remarks column of a row: who, and what more it says."""

    names: list[str] = field(default_factory=list)
    note: str = ""  # the remark when it says more than names (장관 친수)


def split_remarks(text: str) -> tuple[str, Remarks | None]:
    """The title and the remarks of a row whose columns are joined by single spaces."""
    gap = list(_GAP.finditer(text.strip()))
    if gap:
        cut = gap[-1]
        stripped = text.strip()
        return stripped[: cut.start()].strip(), _remarks(stripped[cut.end() :])
    tokens = text.split()
    # A list of names: "… 기업, 부산TP".
    if len(tokens) >= 3 and tokens[-2].endswith(","):
        k = len(tokens) - 2
        while k >= 1 and tokens[k - 1].endswith(","):
            k -= 1
        if k >= 1:
            return " ".join(tokens[:k]), _remarks(" ".join(tokens[k:]))
    i = len(tokens)
    if i >= 3 and tokens[-1] in ACTIONS and _is_role(tokens[-2]):
        i -= 2
    elif i >= 2 and _is_role(tokens[-1]):
        i -= 1
    else:
        return text.strip(), None
    if i >= 2 and _is_organisation(tokens[i - 1]):
        i -= 1
    return " ".join(tokens[:i]), _remarks(" ".join(tokens[i:]))


def _remarks(text: str) -> Remarks:
    remarks = Remarks()
    notes = []
    for piece in re.split(r",\s*", text.strip()):
        words = piece.split()
        if len(words) >= 2 and words[-1] in ACTIONS:
            notes.append(piece)
            words = words[:-1]
        if words:
            remarks.names.append(" ".join(words))
    remarks.note = ", ".join(notes)
    return remarks


def _remark_line(text: str) -> Remarks | None:
    """A line that is only a remark (``장관 주재``), or None."""
    title, remarks = split_remarks("x " + text.strip())
    return remarks if remarks is not None and title == "x" else None


# --- Dates, zones and the event's lines ----------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "januar", "janvier"),
            ("february", "feb", "februar", "février", "fevrier"),
            ("march", "mar", "märz", "maerz", "mars"),
            ("april", "apr", "avril"),
            ("may", "mai"),
            ("june", "jun", "juni", "juin"),
            ("july", "jul", "juli", "juillet"),
            ("august", "aug", "août", "aout"),
            ("september", "sep", "sept", "septembre"),
            ("october", "oct", "oktober", "octobre"),
            ("november", "nov", "novembre"),
            ("december", "dec", "dezember", "décembre", "decembre"),
        ),
        1,
    )
    for name in names
}
# A month's name is 3 to 9 letters (sep, septembre) and starts a word: an unbounded
# `[A-Za-z]+` tried every start in a long run of letters, quadratic in the line (a line
# of 100,000 letters ran for minutes; found by fuzzing).
_DATE_PATTERNS = (
    re.compile(rf"[{_TICK}](?P<y2>\d\d)\.\s?(?P<m>\d{{1,2}})\.\s?(?P<d>\d{{1,2}})\.?"
               r"(?:\s*\((?P<wd>[월화수목금토일])\))?"),
    re.compile(r"(?P<y>\d{4})\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일"
               r"(?:\s*\((?P<wd>[월화수목금토일])\))?"),
    re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>\d{4})\.\s?(?P<m>\d{1,2})\.\s?(?P<d>\d{1,2})(?!\d)"
               r"\.?(?:\s*\((?P<wd>[월화수목금토일])\))?"),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\.?\s+(?P<mn>[A-Za-zäéû]{3,9})\s+(?P<y>\d{4})"),
    re.compile(r"(?<![A-Za-z])(?P<mn>[A-Za-z]{3,9})\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})"),
)  # fmt: skip
_LABELLED = re.compile(r"(일시|날짜|date|datum|when|quand)", re.I)
_VENUE = re.compile(r"(?:장소|venue|location|ort|lieu)\s*[:：]\s*(?P<v>.+)$", re.I)


def _date_in(line: str) -> tuple[date, str | None, int] | None:
    """The first date in a line, its Korean weekday if written, and where it ends."""
    for pattern in _DATE_PATTERNS:
        match = pattern.search(line)
        if not match:
            continue
        groups = match.groupdict()
        year = int(groups["y"]) if groups.get("y") else 2000 + int(groups["y2"])
        if groups.get("mn"):
            month = _MONTHS.get(groups["mn"].lower())
            if month is None:
                continue
        else:
            month = int(groups["m"])
        try:
            day = date(year, month, int(groups["d"]))
        except ValueError:
            continue
        return day, groups.get("wd"), match.end()
    return None


def _guess_zone(text: str) -> tuple[str, str | None]:
    """A zone and language from the script of the text (Hangul: Korea)."""
    hangul = sum(1 for c in text if "\uac00" <= c <= "\ud7a3")
    kana = sum(1 for c in text if "\u3040" <= c <= "\u30ff")
    if hangul > 20:
        return "Asia/Seoul", "ko"
    if kana > 20:
        return "Asia/Tokyo", "ja"
    return "UTC", None


def _join_heading(pieces: list[str]) -> str:
    """Lines of a wrapped table cell joined: Korean words split by the cell's width are
    joined without a space (성과 / 발표회: 성과발표회), other words with one."""
    out = ""
    for piece in pieces:
        if out and not (_is_hangul(out[-1]) and _is_hangul(piece[0])):
            out += " "
        out += piece
    return out


def _is_hangul(char: str) -> bool:
    return unicodedata.name(char, "").startswith("HANGUL")


def _room_and_floor(text: str) -> tuple[str, int | None]:
    match = _FLOOR.match(text.strip())
    if not match:
        return text.strip(), None
    return (match["room"] or match["room2"]).strip(), int(match["n"] or match["n2"])


# --- The reader ----------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    line: int
    column: int
    label: str
    start: int  # minutes after midnight
    end: int
    minutes: int | None
    title: str
    remarks: Remarks | None
    heading: str | None
    day: date | None
    continuation: list[str] = field(default_factory=list)
    transfer: tuple[str, str] | None = None


def read(data: bytes, name: str, options: Options) -> Imported:
    """The agenda table of a text as an agenda. Raises ``LoadError`` when it has none."""
    report = Notes(name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = f"0x{data[exc.start]:02x}"
        raise import_error(IMPORT_UNREADABLE, "utf8", name, line, column, byte=byte) from None
    lines = text.splitlines()
    limits = options.limits
    long_line = next((i for i, line in enumerate(lines) if len(line) > limits.line_length), None)
    if long_line is not None:
        line = long_line + 1
        raise limit_error("line_length", limits.line_length, name, line, start=line)
    row_lines = [i for i, line in enumerate(lines) if ROW.match(line)]
    if len(row_lines) > limits.sessions:
        raise limit_error("sessions", limits.sessions, name, row_lines[limits.sessions] + 1)
    if not row_lines:
        raise import_error(IMPORT_WRONG_FORMAT, "text", name)
    event_day, weekday, window = _event_date(lines, options, name, report)
    rows = _rows(lines, row_lines, event_day, name, report)
    zone, lang = (options.timezone, None) if options.timezone else _guess_zone(text)
    if not options.timezone:
        report.add(IMPORT_ASSUMED_ZONE, "text-ko" if lang == "ko" else "text", zone=zone)
    info = EventInfo(
        title=options.title or _stem(name),
        lang=lang,
        weekday=weekday,
        window=window,
    )
    if not options.title:
        report.add(IMPORT_ASSUMED_STRUCTURE, "title", value=repr(info.title))
    venue = next((m for line in lines if (m := _VENUE.search(line.strip("▪ □◦-•")))), None)
    if venue is not None:
        value = venue["v"].strip()
        parts = re.match(r"^(?P<name>[^()]+?)\s*\((?P<address>[^()]+)\)\s*$", value)
        info.venue = parts["name"] if parts else value
        info.address = parts["address"] if parts else None
    tz = ZoneInfo(zone)
    items = _items(rows, info, tz, name, report)
    return imported(items, zone, info, report, "text")


def _stem(name: str) -> str:
    from pathlib import Path

    return Path(name).stem or "Imported agenda"


def _event_date(
    lines: list[str], options: Options, name: str, report: Notes
) -> tuple[date, str | None, str | None]:
    if options.date is not None:
        return options.date, None, None
    found = None
    for labelled_only in (True, False):
        for number, line in enumerate(lines, 1):
            if labelled_only and not _LABELLED.search(line):
                continue
            hit = _date_in(line)
            if hit is not None:
                found = (number, line, hit)
                break
        if found:
            break
    if found is None:
        raise import_error(IMPORT_NO_EVENTS, "no-year", name)
    number, line, (day, weekday, end) = found
    window = None
    span = re.search(rf"(\d{{1,2}}:\d\d)\s*[{_DASH}]\s*(\d{{1,2}}:\d\d)", line[end:])
    if span:
        window = f"{int(span[1].split(':')[0]):02d}:{span[1].split(':')[1]}-" + (
            f"{int(span[2].split(':')[0]):02d}:{span[2].split(':')[1]}"
        )
        if not re.match(RANGE_PATTERN, window):
            report.add(
                IMPORT_SKIPPED,
                "hours",
                Location(name, number, end + span.start() + 1, ""),
                value=repr(visible(span[0])),
            )
            window = None
    if window:
        report.add(
            IMPORT_ASSUMED_TIME,
            "event-day-hours",
            Location(name, number, 1, ""),
            want=day.isoformat(),
            got=window.replace("-", "–"),
        )
    else:
        report.add(
            IMPORT_ASSUMED_TIME, "event-day", Location(name, number, 1, ""), want=day.isoformat()
        )
    return day, weekday, window


def _clock(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _rows(
    lines: list[str], row_lines: list[int], event_day: date, name: str, report: Notes
) -> list[_Row]:
    rows: list[_Row] = []
    heading: str | None = None
    marker = ""
    pieces: list[str] = []
    collecting = False  # between a part marker and the part's first row
    day = event_day
    first, last = row_lines[0], row_lines[-1]
    # Part markers are looked for from a few lines above the first row (after the
    # table's header) to the last row.
    for index in range(max(0, first - 12), last + 1):
        line = lines[index]
        stripped = line.strip()
        match = ROW.match(line)
        if match is None:
            if not stripped:
                continue
            marked = _MARKER.match(stripped)
            if marked:
                marker, pieces, collecting = re.sub(r"\s+", "", marked["marker"]), [], True
                heading = marker
            elif collecting:
                if len(stripped) <= 30:
                    pieces.append(stripped)
                    heading = f"{marker} {_join_heading(pieces)}"
            elif index > first and (dated := _date_in(stripped)) and len(stripped) < 40:
                day = dated[0]
            elif rows and index > first:
                rows[-1].continuation.append(stripped)
            continue
        collecting = False
        start, end = _clock(match["start"]), _clock(match["end"])
        if start >= 1440 or end > 1440 or start % 60 >= 60 or end % 60 >= 60:
            report.add(
                IMPORT_SKIPPED,
                "impossible-time",
                Location(name, index + 1, match.start("start") + 1, ""),
                value=f"{match['start']}–{match['end']}",
            )
            continue
        if rows and start < rows[-1].start - 360 and rows[-1].day == day:
            day = day + timedelta(days=1)  # past midnight
        rest = match["rest"].strip()
        transfer = None
        moved = _TRANSFER.search(rest)
        label = match["label"] or ""
        if moved and "transfer" in (derive_kind(rest), derive_kind(label)):
            transfer = (moved["a"], moved["b"])
            rest = rest[: moved.start()].strip()
        title, remarks = split_remarks(rest)
        rows.append(
            _Row(
                line=index + 1,
                column=match.start("rest") + 1,
                label=label,
                start=start,
                end=end,
                minutes=int(match["minutes"]) if match["minutes"] else None,
                title=clean_text(title),
                remarks=remarks,
                heading=heading,
                day=day,
                transfer=transfer,
            )
        )
    return rows


def _items(rows: list[_Row], info: EventInfo, tz: ZoneInfo, name: str, report: Notes) -> list[Item]:
    items: list[Item] = []
    waiting: list[Item] = []  # sessions before the next transfer: in its "from" room
    room: str | None = None
    split = 0
    for row in rows:
        assert row.day is not None
        start = datetime.combine(row.day, datetime.min.time()).replace(tzinfo=tz) + timedelta(
            minutes=row.start
        )
        length = (row.end - row.start) % 1440
        end = start + timedelta(minutes=length)
        speakers: list[Person] = []
        notes: list[str] = []
        remarks = row.remarks
        for line in row.continuation:
            alone = _remark_line(line)
            if alone is not None and remarks is None:
                remarks = alone
            else:
                notes.append(
                    line[1:-1].strip() if line.startswith("(") and line.endswith(")") else line
                )
        if remarks is not None:
            split += row.remarks is not None
            speakers = [Person(n) for n in remarks.names]
            if remarks.note:
                notes.append(f"({remarks.note})" if notes else remarks.note)
        kind = derive_kind(row.label) if row.label else None
        if kind not in ("transfer", "break"):
            kind = derive_kind(row.title) or "talk"
        item = Item(
            title=row.title,
            start=start,
            end=end,
            where=Location(name, row.line, row.column, ""),
            room=room,
            speakers=speakers,
            kind=kind,
            minutes=row.minutes,
            description=" ".join(notes) or None,
            part=row.heading,
        )
        items.append(item)
        if row.transfer is not None:
            (here, here_floor), (there, there_floor) = (
                _room_and_floor(row.transfer[0]),
                _room_and_floor(row.transfer[1]),
            )
            for pending in (*waiting, item):
                pending.room = here
            waiting = []
            item.to_room = there
            item.kind = "transfer"
            room = there
            for room_name, floor in ((here, here_floor), (there, there_floor)):
                if floor is not None:
                    info.floors[room_name] = floor
            info.transfers.append((here, there, length))
        elif room is None:
            waiting.append(item)
    if split:
        report.add(IMPORT_ASSUMED_STRUCTURE, "remarks", count=split)
    return items
