"""The field vocabulary of the agenda models: patterns, bounded numbers, dates, the
annotated types the models are written in, and ``_Model``, their common base (code
that builds or changes a model gets the loader's error for a refused value)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    ValidationError,
)

from .. import _model_code as _code
from ..timespan import CLOCK_PATTERN, END_CLOCK_PATTERN, FIRST_DATE, LAST_DATE, RANGE_PATTERN

__all__ = [
    "COLOR_PATTERN",
    "EMAIL_PATTERN",
    "FORMAT_VERSION",
    "ID_PATTERN",
    "KINDS",
    "LANG_PATTERN",
    "MAX_COUNT",
    "MAX_ID_LENGTH",
    "MAX_MINUTES",
    "MAX_TEXT_LENGTH",
    "NOTES_PATTERN",
    "TEXT_PATTERN",
    "URL_PATTERN",
    "Clock",
    "ClockRange",
    "Clocklike",
    "Count",
    "Date",
    "DateTime",
    "Email",
    "EndClock",
    "Id",
    "Minutes",
    "Notes",
    "OptText",
    "Rangelike",
    "SessionKind",
    "Text",
    "Url",
    "_Model",
    "_in_range",
]

FORMAT_VERSION = 1

# Single-line text: no control characters at all (CR/LF in a title would let it
# inject lines into a calendar file).
TEXT_PATTERN = r"^[^\x00-\x1f\x7f-\x9f]*$"
# Multi-line text: newlines and tabs allowed, other control characters not.
NOTES_PATTERN = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
# Ids end up in calendar UIDs, URLs and file names: ASCII letters, digits, '_', '.', '-'
# (the same in every regex dialect, so that the JSON Schema agrees with the loader).
ID_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$"
EMAIL_PATTERN = r"^[^@\s\x00-\x1f\x7f-\x9f]+@[^@\s\x00-\x1f\x7f-\x9f]+$"
LANG_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
COLOR_PATTERN = r"^(#[0-9A-Fa-f]{6}|[a-z]+)$"
# A URI (RFC 3986) with a scheme; non-ASCII letters are allowed (IRIs), white space,
# control characters and the characters no URI contains (a backslash, quotes, angle
# brackets) are not: they would end or break the line of a calendar or a header.
URL_PATTERN = r'^[A-Za-z][A-Za-z0-9+.\-]*:[^\s\x00-\x1f\x7f-\x9f\\"<>^`{|}]+$'

# A title, a name or a label is at most this long. What a run writes (a SUMMARY made of
# a title, a LOCATION of a room, its floor and the venue, a Subject) is read back by the
# next run as untrusted input, bounded at 10,000 characters a value
# (``ical._safety.MAX_TEXT``): a few of these fit in that; megabytes did not.
MAX_TEXT_LENGTH = 2_000
Text = Annotated[
    str, StringConstraints(pattern=TEXT_PATTERN, min_length=1, max_length=MAX_TEXT_LENGTH)
]
OptText = Annotated[str, StringConstraints(pattern=TEXT_PATTERN, max_length=MAX_TEXT_LENGTH)]
Notes = Annotated[str, StringConstraints(pattern=NOTES_PATTERN)]
# Ids become file names, UIDs and state records: at most 255 characters, as a file name.
MAX_ID_LENGTH = 255
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID_LENGTH)]
Clock = Annotated[str, StringConstraints(pattern=CLOCK_PATTERN)]
EndClock = Annotated[str, StringConstraints(pattern=END_CLOCK_PATTERN)]
ClockRange = Annotated[str, StringConstraints(pattern=RANGE_PATTERN)]
Email = Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
# Numbers are numbers: `minutes: true` or `minutes: "30"` is a mistake, not 1 or 30.
# Bounded, so that no count or duration overflows what dates and calendars can hold.
MAX_COUNT = 1_000_000_000
MAX_MINUTES = 525_600  # a year
Count = Annotated[StrictInt, Field(ge=0, le=MAX_COUNT)]
Minutes = Annotated[StrictInt, Field(ge=-MAX_MINUTES, le=MAX_MINUTES)]


def _in_range(value: dt.date) -> dt.date:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError(
            f"{value.isoformat()} is outside the supported dates "
            f"({FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()})"
        )
    return value


# Dates the zone database, calendars and every reader handle: far from year 1 and 9999.
Date = Annotated[dt.date, AfterValidator(_in_range)]

if TYPE_CHECKING:
    from pendulum import DateTime
else:
    # Validated as an aware datetime and made a pendulum DateTime after validation:
    # importing pendulum here would put it on the checker's path (start-up time).
    DateTime = AwareDatetime

# What constructors take besides the file's text (the models keep the text).
Clocklike = str | dt.time
Rangelike = str | tuple[Clocklike, Clocklike]

SessionKind = Literal[
    "talk", "keynote", "ceremony", "discussion", "break", "transfer", "photo", "other"
]
KINDS: tuple[str, ...] = SessionKind.__args__  # type: ignore[attr-defined]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=False,
        populate_by_name=True,
        str_strip_whitespace=False,
        validate_assignment=True,
    )
    # Fields that take Python values (times, dates, durations) besides the file's text;
    # applied where code builds or changes a model, never when a file is validated.
    _convert: ClassVar[dict[str, Callable[[Any], Any]]] = {}

    @_code.base_init
    def __init__(self, /, **data: Any) -> None:
        convert = self._convert
        if convert:
            data = {k: convert[k](v) if k in convert else v for k, v in data.items()}
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise _code.invalid(type(self), exc) from None

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self._convert:
            value = self._convert[name](value)
        try:
            super().__setattr__(name, value)
        except ValidationError as exc:
            raise _code.invalid(type(self), exc) from None
