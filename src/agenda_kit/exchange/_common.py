"""What every importer and exporter shares: the report of what was assumed, skipped or
could not be mapped, the neutral session record importers fill, and small text helpers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from ..diagnostics import Diagnostic, Location
from ..model import Agenda

__all__ = [
    "Imported",
    "Item",
    "Note",
    "NoteKind",
    "Options",
    "Person",
    "Report",
    "clean_notes",
    "clean_text",
    "derive_kind",
    "import_error",
    "name_and_affiliation",
    "romanize",
    "slug",
]

NoteKind = Literal["assumed", "skipped", "unmapped"]


@dataclass(slots=True)
class Note:
    """One thing an importer or exporter had to assume, skip or leave out.

    Notes with the same ``key`` are counted, not repeated: 773 events without a date
    are one note with ``count`` 773 and the location of the first.
    """

    kind: NoteKind
    message: str
    location: Location | None = None
    count: int = 1
    key: str = ""

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location is not None else ""
        times = f" ({self.count} times)" if self.count > 1 else ""
        return f"{where}{self.kind}: {self.message}{times}"


@dataclass(slots=True)
class Report:
    """What an import or export could not carry over exactly, in the order it was found."""

    notes: list[Note] = field(default_factory=list)
    _by_key: dict[str, Note] = field(default_factory=dict, repr=False)

    def add(
        self,
        kind: NoteKind,
        message: str,
        location: Location | None = None,
        *,
        key: str | None = None,
    ) -> None:
        """Record a note; a note with the same ``key`` (default: the message) is counted."""
        key = f"{kind}:{key if key is not None else message}"
        found = self._by_key.get(key)
        if found is not None:
            found.count += 1
            return
        note = Note(kind, message, location, key=key)
        self._by_key[key] = note
        self.notes.append(note)

    def of(self, kind: NoteKind) -> list[Note]:
        return [n for n in self.notes if n.kind == kind]

    @property
    def assumed(self) -> list[Note]:
        return self.of("assumed")

    @property
    def skipped(self) -> list[Note]:
        return self.of("skipped")

    @property
    def unmapped(self) -> list[Note]:
        return self.of("unmapped")

    def render(self) -> str:
        return "".join(f"{note}\n" for note in self.notes)


@dataclass(slots=True)
class Options:
    """What a user can tell an importer that the source does not say."""

    timezone: str | None = None
    date: date | None = None
    title: str | None = None


@dataclass(slots=True)
class Imported:
    """An imported agenda and the report of what was assumed or skipped on the way."""

    agenda: Agenda
    report: Report
    format: str


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


def import_error(
    message: str, file: str, line: int = 1, column: int = 1, *, hint: str = ""
) -> Exception:
    """A ``LoadError`` (exit 2 in the CLI) for a source that cannot be imported at all."""
    from ..loaders import LoadError
    from ..rules.catalog import rule

    r = rule("syntax-error")
    return LoadError(
        [
            Diagnostic(
                r.code,
                r.name,
                r.severity,
                message,
                Location(file, line, column, ""),
                hint or "Fix the file at the position given, or export it again from its tool.",
            )
        ]
    )


_SPACE = re.compile(r"\s+")
# Controls other than tab and line feed, which the model refuses in any text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(text: str | None) -> str:
    """One line of text: whitespace runs (line breaks included) become one space."""
    if not text:
        return ""
    return _SPACE.sub(" ", _CONTROL.sub(" ", text)).strip()


def clean_notes(text: str | None) -> str | None:
    """Multi-line text with CRLF made LF, other controls removed and the ends trimmed."""
    if not text:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
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
