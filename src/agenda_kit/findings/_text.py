"""The translation layer: languages, the choice of Korean particles, and templates.

Every text a person reads (findings, hints, summary lines, labels) is a template with
named values, rendered once at the edge in the language asked for. Korean particles
are written as pairs (``을/를``) in templates and chosen here from the word before
them. This module imports nothing of agenda-kit's, so that every layer may use it.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "LANGUAGES",
    "Duration",
    "Localized",
    "Template",
    "has_final_consonant",
    "language",
    "particle",
    "resolve_language",
]

LANGUAGES = ("en", "ko")


def language(tag: str | None) -> str:
    """The supported language for a BCP 47 tag (``ko-KR`` -> ``ko``); English otherwise."""
    base = (tag or "en").split("-")[0].split("_")[0].lower()
    return base if base in LANGUAGES else "en"


def resolve_language(
    flag: str | None = None, settings: str | None = None, event: str | None = None
) -> str:
    """The language of a command's output: ``--lang``, else the settings file's
    ``lang``, else the agenda's ``event.lang``, else English. Every command uses this."""
    return language(flag or settings or event)


class Localized:
    """A value that is written differently in each language (``text(lang)``)."""

    __slots__ = ()

    def text(self, lang: str) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


class Duration(int, Localized):
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


# --- Korean particles -------------------------------------------------------------

_PAIRS = {
    "을/를": ("을", "를"),
    "은/는": ("은", "는"),
    "이/가": ("이", "가"),
    "과/와": ("과", "와"),
    "으로/로": ("으로", "로"),
}
_PARTICLE = re.compile("(" + "|".join(sorted(_PAIRS, key=len, reverse=True)) + ")")
_RIEUL = 8  # index of ㄹ among the final consonants of a Hangul syllable

# How digits are read in Sino-Korean (일, 이, 삼, ...): the final consonant index of
# the reading, 0 for none. A number is read up to its last non-zero digit, and its
# trailing zeros as the unit they make (20 이십, 100 백, 1000 천, 10000 만).
_DIGIT_FINAL = dict(zip("0123456789", (21, _RIEUL, 0, 16, 0, 0, 1, _RIEUL, _RIEUL, 0), strict=True))
_ZEROS_FINAL = {1: 17, 2: 1, 3: 4}  # 십 ㅂ, 백 ㄱ, 천 ㄴ
_MYRIAD_FINAL = {1: 4, 2: 1, 3: 0, 4: 21}  # 만 ㄴ, 억 ㄱ, 조, 경 ㅇ: a number ending in 10^4k
# Latin letter names as Koreans say them: only l (엘), m (엠), n (엔) and r (알) end in
# a consonant.
_LETTER_FINAL = {"l": _RIEUL, "m": 16, "n": 4, "r": _RIEUL}
# What a closing mark, quote or bracket hides, and the dots and colons of dates and
# keys (`32.13.`, `key:`): the word before them decides.
_CLOSERS = "`'\"’”)]}>»」』〉》.:"


def _final_of_hangul(char: str) -> int | None:
    code = ord(char) - 0xAC00
    if 0 <= code < 11172:
        return code % 28
    return None


def _final_of_number(digits: str) -> int:
    stripped = digits.lstrip("0").rstrip("0")
    zeros = len(digits.lstrip("0")) - len(stripped)
    if not stripped:
        return _DIGIT_FINAL["0"]  # 0, 00: 영
    if zeros == 0:
        return _DIGIT_FINAL[stripped[-1]]
    if zeros < 4:
        return _ZEROS_FINAL[zeros]
    return _MYRIAD_FINAL.get(zeros // 4, 0)


def _final_of_latin(word: str) -> int:
    """English words by how their ending is said in Korean (networking 네트워킹 ㅇ,
    room 룸 ㅁ, hall 홀 ㄹ, talk 토크 none); single letters and acronyms by the names of
    their letters (ID 아이디, URL 유알엘)."""
    if len(word) == 1 or word.isupper():
        return _LETTER_FINAL.get(word[-1].lower(), 0)
    lower = word.lower()
    if lower.endswith("ng"):
        return 21
    if lower[-1] in "mn":
        return _LETTER_FINAL[lower[-1]]
    if lower[-1] == "l" or lower.endswith("le"):
        return _RIEUL
    return 0


def final_consonant(text: str) -> int | None:
    """The final consonant index (0 for none) of how ``text`` ends when read aloud in
    Korean, or None when nothing before decides (then both forms are written)."""
    end = len(text)
    while end > 0 and (text[end - 1] in _CLOSERS or text[end - 1].isspace()):
        end -= 1
    if end == 0:
        return None
    last = text[end - 1]
    final = _final_of_hangul(last)
    if final is not None:
        return final
    if last.isdigit() and last.isascii():
        start = end
        while start > 0 and text[start - 1].isdigit() and text[start - 1].isascii():
            start -= 1
        return _final_of_number(text[start:end])
    if last.isascii() and last.isalpha():
        start = end
        while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
            start -= 1
        return _final_of_latin(text[start:end])
    return None


def has_final_consonant(text: str) -> bool | None:
    """Whether ``text`` ends in a consonant when read in Korean (None: cannot tell)."""
    final = final_consonant(text)
    return None if final is None else final != 0


def particle(word: str, pair: str) -> str:
    """The form of ``pair`` (``을/를``, ``은/는``, ``이/가``, ``과/와``, ``으로/로``) that
    follows ``word``: the first after a final consonant (``으로`` except after ㄹ)."""
    after, plain = _PAIRS[pair]
    final = final_consonant(word)
    if final is None:
        return f"{after}({plain})" if pair != "으로/로" else "(으)로"
    if pair == "으로/로":
        return after if final not in (0, _RIEUL) else plain
    return after if final else plain


def format_korean(template: str, values: Mapping[str, Any]) -> str:
    """``template`` formatted with ``values``, each particle pair written in the template
    (never one inside a value) replaced by the form the text before it takes."""
    pieces = _PARTICLE.split(template)
    out = pieces[0].format(**values)
    for index in range(1, len(pieces), 2):
        out += particle(out, pieces[index]) + pieces[index + 1].format(**values)
    return out


# --- templates --------------------------------------------------------------------

_FORMATTER = string.Formatter()


def fields(template: str) -> set[str]:
    """The names a template refers to."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


@dataclass(frozen=True, slots=True)
class Template:
    """One text in every language: ``en`` is required, others fall back to it."""

    en: str
    ko: str = ""

    def get(self, lang: str) -> str:
        return (self.ko or self.en) if lang == "ko" else self.en

    def render(self, lang: str, params: Mapping[str, Any]) -> str:
        # Values that are words themselves (durations, phrases) are worded in ``lang``.
        values = {k: (v.text(lang) if isinstance(v, Localized) else v) for k, v in params.items()}
        if lang == "ko":
            return format_korean(self.get(lang), values)
        return self.get(lang).format(**values)

    @property
    def names(self) -> set[str]:
        return fields(self.en) | fields(self.ko)
