"""What every importer and exporter shares: the findings of what was assumed, skipped
or could not be mapped, the neutral session record importers fill, and small text helpers.
"""

from __future__ import annotations

import re
import reprlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Location
from ..findings import (
    IMPORT_LIMIT,
    IMPORT_NO_EVENTS,
    IMPORT_SKIPPED,
    Collector,
    Kind,
    language,
    translate,
)
from ..findings.imports import IMPORT_NOTHING_TO_DO, IMPORT_TIMES, Quoted
from ..model import Agenda

if TYPE_CHECKING:
    from ..timeline import Timeline

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "LIMIT_NAMES",
    "MAX_MINUTES",
    "RANGE_TEXT",
    "ImportLimits",
    "Imported",
    "Item",
    "Notes",
    "Options",
    "Person",
    "balanced",
    "clean_notes",
    "clean_text",
    "derive_kind",
    "import_error",
    "in_range",
    "limit_error",
    "name_and_affiliation",
    "nothing_readable",
    "quoted",
    "romanize",
    "slug",
    "split_names",
    "visible",
]


@dataclass(slots=True)
class Notes:
    """What an import or export assumed, skipped or could not carry over: findings of
    the registry (AK6xx for imports, AK5xx for exports), in the order they were found.

    A finding with the ``key`` of an earlier one (by default its code, variant and
    values) is counted, not repeated: 773 events without a date are one finding with
    ``count`` 773 at the place of the first. ``file`` locates findings that have no
    place of their own (they point at the start of the file).
    """

    file: str = "<input>"
    collector: Collector = field(default_factory=Collector)
    # Each kept finding's key by the finding's identity, for ``count``: rebuilt when
    # findings were added since (a scan per finding made ``lines`` quadratic: 3,000
    # notes of a 10,000-row import took 2 s).
    _keys: dict[int, str] = field(default_factory=dict, repr=False, compare=False)
    _keyed: int = field(default=0, repr=False, compare=False)

    def add(
        self,
        kind: Kind,
        variant: str = "",
        where: Location | None = None,
        *,
        key: str | None = None,
        **params: Any,
    ) -> Diagnostic:
        """Record a finding of ``kind`` at ``where`` and return it."""
        found = kind.at(where or Location(self.file, 1, 1, ""), variant, **params)
        self.collector.add(found, key=None if key is None else f"{kind.code}:{key}")
        return found

    @property
    def found(self) -> list[Diagnostic]:
        return self.collector.found

    def count(self, finding: Diagnostic) -> int:
        """How often ``finding`` was recorded (1 unless it repeats)."""
        found = self.collector.found
        if self._keyed != len(found):
            self._keys = {id(found[index]): key for key, index in self.collector._first.items()}
            self._keyed = len(found)
        key = self._keys.get(id(finding))
        return 0 if key is None else self.collector.counts[key]

    def of(self, *kinds: Kind) -> list[Diagnostic]:
        codes = {k.code for k in kinds}
        return [d for d in self.found if d.code in codes]

    def extend(self, other: Notes) -> None:
        for finding in other.found:
            for _ in range(other.count(finding)):
                self.collector.add(finding)

    def lines(self, lang: str = "en", *, hints: bool = False) -> list[str]:
        """One line per finding in ``lang`` (the source quoted visibly, counts added),
        each followed by its hint when ``hints`` asks and the hint is advice."""
        lang = language(lang)
        out = []
        for finding in self.found:
            shown = translate(finding, lang)
            times = self.count(finding)
            line = f"{visible(str(shown.location))}: {shown.code} {shown.name}: "
            line += visible(shown.message)
            if times > 1:
                line += " " + IMPORT_TIMES.render(lang, {"count": times})
            out.append(line)
            if hints and shown.hint and shown.hint != IMPORT_NOTHING_TO_DO.render(lang, {}):
                out.append(f"  = help: {visible(shown.hint)}")
        return out

    def render(self, lang: str = "en") -> str:
        return "".join(f"{line}\n" for line in self.lines(lang))


@dataclass(frozen=True, slots=True)
class ImportLimits:
    """Bounds on what an import reads, so that a hostile or broken file costs bounded
    time and memory. The defaults are far above real schedules (FOSDEM 2021: 1.7 MB,
    about 800 events; its longest line is under 4,000 characters)."""

    #: Bytes of the file (before decoding).
    input_bytes: int = 64 * 1024 * 1024
    #: Sessions (CSV rows, events, text rows) one file may hold.
    sessions: int = 10_000
    #: Characters of one line (a CSV or text line, an unfolded iCalendar content line).
    line_length: int = 1_000_000


#: The option (``agenda-kit import --limit NAME=N``) that changes each limit.
LIMIT_NAMES = ("input_bytes", "sessions", "line_length")


@dataclass(slots=True)
class Options:
    """What a user can tell an importer that the source does not say."""

    timezone: str | None = None
    date: date | None = None
    title: str | None = None
    limits: ImportLimits = field(default_factory=ImportLimits)
    #: Field -> the column (CSV) or key (records) that holds it (``--map title=talk``).
    columns: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Imported:
    """An imported agenda and the findings of what was assumed or skipped on the way."""

    agenda: Agenda
    notes: Notes
    format: str
    #: The timeline of ``agenda`` as the import built and verified it (None where it
    #: was not kept): ``import`` checks the agenda with it instead of building it
    #: again. It is the agenda's until the agenda is changed.
    timeline: Timeline | None = field(default=None, repr=False, compare=False)


@dataclass(slots=True)
class Person:
    """A speaker as a source names them; ``key`` is the source's own id, if any."""

    name: str
    key: str | None = None
    affiliation: str | None = None
    email: str | None = None
    url: str | None = None


@dataclass(slots=True)
class Item:
    """One session as an importer read it, before it becomes part of an agenda.

    ``start`` and ``end`` are aware datetimes (any zone); ``end`` is None when the
    source does not say when the session ends.
    """

    title: str
    start: datetime
    end: datetime | None
    where: Location | None = None
    ident: str | None = None
    uid: str | None = None
    room: str | None = None
    to_room: str | None = None
    speakers: list[Person] = field(default_factory=list)
    kind: str | None = None
    minutes: int | None = None  # a duration the source states beside the times
    description: str | None = None
    url: str | None = None
    language: str | None = None
    part: str | None = None  # a heading the source groups sessions under
    part_id: str | None = None  # the id of that group, where the source has one
    track: str | None = None
    # The source says its room may stand free around it (agenda-kit's own feed, from
    # `contiguous: false`): its part is written so.
    free: bool = False
    # The id of the session it is inside, as the source says (agenda-kit's own feed).
    parent_id: str | None = None


def import_error(
    kind: Kind,
    variant: str,
    file: str,
    line: int = 1,
    column: int = 1,
    **params: Any,
) -> Exception:
    """A ``LoadError`` (exit 2 in the CLI) for a source that cannot be imported at all:
    one finding of ``kind`` at the position given."""
    from ..loaders import LoadError

    return LoadError([kind.at(Location(file, line, column, ""), variant, **params)])


def limit_error(
    limit: str, value: int, file: str, line: int = 1, column: int = 1, **params: Any
) -> Exception:
    """A ``LoadError`` for a source beyond one of the ``ImportLimits`` (``limit`` is its name)."""
    return import_error(IMPORT_LIMIT, limit, file, line, column, limit=value, **params)


def nothing_readable(notes: Notes, file: str) -> Exception:
    """The error for a source none of whose sessions can be read, at the first reason
    (what else went wrong is counted; a file that ends too early says so)."""
    skipped = [d for d in notes.of(IMPORT_SKIPPED) if d.key != "import-skipped.components"]
    cut = next((d for d in notes.found if d.key == "import-assumed-structure.truncated"), None)
    first = skipped[0] if skipped else next(iter(notes.found), None)
    if first is None:
        first = IMPORT_SKIPPED.at(Location(file, 1, 1, ""), "no-dtstart")
    at = first.location
    params: dict[str, Any] = {"first": Quoted(first)}
    if cut is not None:
        variant, params["cut"] = "unreadable-cut", Quoted(cut)
    elif len(skipped) > 1:
        variant, params["more"] = "unreadable", len(skipped) - 1
    else:
        variant = "unreadable-one"
    return import_error(IMPORT_NO_EVENTS, variant, file, at.line, at.column, **params)


# Sessions are imported from these years only: beyond them date arithmetic (a day
# added, an offset applied) leaves what Python's datetime can hold, and no schedule
# lies there.
FIRST_YEAR, LAST_YEAR = 1000, 8999
RANGE_TEXT = f"dates outside the years {FIRST_YEAR} to {LAST_YEAR} are not imported"
# A stated duration beyond this (ten years) is not a duration of a session.
MAX_MINUTES = 10 * 366 * 1440


def in_range(when: date) -> bool:
    """Whether a date (or datetime) is in the years sessions are imported from."""
    return FIRST_YEAR <= when.year <= LAST_YEAR


_SPACE = re.compile(r"\s+")
# Controls other than tab and line feed (C0, DEL and C1), which the model refuses in
# any text; lone surrogates (from JSON escapes), which no encoder can write.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# What ``clean_notes`` changes other than the ends: the line breaks it makes LF and the
# controls it removes (those of _CONTROL).
_NOTES_CHANGED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# What ``visible`` escapes: every control and line or paragraph separator, lone
# surrogates, the non-characters U+FFFE/U+FFFF, the byte-order mark and the bidi
# overrides that make a line read differently from what it holds.
_INVISIBLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff\ufeff"
    r"\u202a-\u202e\u2066-\u2069]"
)


def visible(text: str) -> str:
    """``text`` on one line: controls, line separators and other invisible characters
    written as ``\\xNN`` / ``\\uXXXX`` escapes (a message that quotes a source)."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match[0])
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _INVISIBLE.sub(escape, text)


def clean_text(text: str | None) -> str:
    """One line of text: whitespace runs (line breaks included) become one space."""
    if not text:
        return ""
    # Most cells have nothing to clean; printable text has no control and no white
    # space but the space (a quarter of a 100,000-event import went to the two subs).
    if text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " ":
        return text
    return _SPACE.sub(" ", _CONTROL.sub(" ", text)).strip()


def clean_notes(text: str | None) -> str | None:
    """Multi-line text with CRLF made LF, other controls removed and the ends trimmed."""
    if not text:
        return None
    if not _NOTES_CHANGED.search(text):  # most notes: only the ends to trim
        return text.strip() or None
    text = text.replace("\r\n", "\n")
    text = re.sub("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", "\n", text)
    text = _CONTROL.sub("", text).strip()
    return text or None


def slug(text: str, *, limit: int = 48) -> str:
    """An ASCII id from a name: lower case, Latin letters without accents, Hangul
    romanised, '-' between words; '' when nothing of the name can be written so."""
    text = romanize(unicodedata.normalize("NFKC", text).lower())
    # Latin letters lose their accents (sören -> soren).
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not _latin_mark(c))
    text = re.sub(r"[^a-z0-9_]+", "-", text).strip("-_")
    if len(text) > limit:
        cut = text[:limit]
        text = cut.rsplit("-", 1)[0] if "-" in cut[limit // 2 :] else cut
        text = text.strip("-_")
    return text


# Revised Romanization of Korean, syllable by syllable (no sound changes across
# syllables): enough for readable ids such as janggwan for 장관.
_INITIALS = (
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k",
    "t", "p", "h",
)  # fmt: skip
_VOWELS = (
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
    "we", "wi", "yu", "eu", "ui", "i",
)  # fmt: skip
_FINALS = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
    "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip


def romanize(text: str) -> str:
    """Hangul syllables in Latin letters (그랜드볼룸 -> geuraendeubollum)."""
    out = []
    previous = ""
    for char in text:
        code = ord(char) - 0xAC00
        if 0 <= code < 11172:
            initial, rest = divmod(code, 588)
            vowel, final = divmod(rest, 28)
            start = _INITIALS[initial]
            if start == "r" and previous == "l":  # ㄹㄹ is written ll (볼룸: bollum)
                start = "l"
            out.append(start + _VOWELS[vowel] + _FINALS[final])
            previous = _FINALS[final]
        else:
            out.append(char)
            previous = ""
    return "".join(out)


def split_names(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside brackets: ``Ann (ACME, Inc.), Bob`` is two
    names, not three."""
    pieces = text.split(separator)
    if all(map(balanced, pieces)):  # no separator inside brackets
        return pieces
    pieces, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return pieces


def balanced(text: str) -> bool:
    """Whether ``text`` opens as many brackets as it closes. When every piece between
    separators does, the depth is 0 at every separator: each one splits."""
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


def name_and_affiliation(text: str) -> tuple[str, str | None]:
    """``Ann (ACME (Korea))`` or ``Ann [ACME]`` as name and affiliation; the last balanced
    bracket group is the affiliation."""
    text = text.strip()
    if not text or text[-1] not in ")]":
        return text, None
    close = text[-1]
    opening = "(" if close == ")" else "["
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += text[i] == close
        depth -= text[i] == opening
        if depth == 0:
            name, affiliation = text[:i].strip(), text[i + 1 : -1].strip()
            return (name, affiliation or None) if name else (text, None)
    return text, None


def _latin_mark(mark: str) -> bool:
    # Combining diacritics (U+0300-U+036F) are what NFKD splits off Latin letters.
    return "\u0300" <= mark <= "\u036f"


# Kinds read from titles, first match wins (an award ceremony with a group photo is a
# ceremony). Korean, English, German and French words as agendas use them.
_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("transfer", ("이동=", "room change", "transfer", "raumwechsel")),
    (
        "break",
        (
            "휴식",
            "점심",
            "오찬",
            "중식",
            "커피",
            "break",
            "lunch",
            "coffee",
            "pause",
            "kaffeepause",
            "mittagspause",
            "mittag",
            "buffet",
            "dinner",
            "breakfast",
        ),
    ),
    (
        "ceremony",
        (
            "식순",
            "개회",
            "폐회",
            "개막",
            "폐막",
            "포상",
            "시상",
            "수여",
            "opening ceremony",
            "closing ceremony",
            "ceremony",
            "award",
            "eröffnung",
        ),
    ),
    ("keynote", ("특강", "기조", "keynote")),
    ("discussion", ("대화", "토론", "간담", "좌담", "panel", "discussion", "q&a", "round table")),
    ("photo", ("기념촬영", "기념 촬영", "group photo", "photo")),
)


def derive_kind(title: str) -> str | None:
    """The session kind a title names, or None when it names none.

    English words match whole words; Korean words match at the start of a word (particles
    and compounds follow them: 간담회), and a word marked ``=`` only as a whole word
    (이동 is a transfer, 이동통신 is mobile telephony).
    """
    lowered = title.lower()
    for kind, words in _KIND_WORDS:
        for word in words:
            whole = word.endswith("=")
            word = word.rstrip("=")
            after = r"(?!\w)" if whole or word.isascii() else ""
            if re.search(rf"(?<!\w){re.escape(word)}{after}", lowered):
                return kind
    return None


_QUOTED = reprlib.Repr()
_QUOTED.maxstring = _QUOTED.maxother = 80


def quoted(value: object) -> str:
    """A value as a finding quotes it: its ``repr``, a long one shortened with ``...``
    (a 5,000-digit cell costs a line of the report, not a screen)."""
    return _QUOTED.repr(value)
