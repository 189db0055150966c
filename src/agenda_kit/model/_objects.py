"""The objects of an agenda: the event, its venue and rooms, speakers, parts, tracks
and sessions (shape and types only; what relates them is a checker rule)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Annotated, Any, ClassVar

from pydantic import Field, StrictBool, StrictInt, StringConstraints, field_validator

from .. import _model_code as _code
from ..timespan import AVAILABLE_PATTERN, is_zone, zone_suggestion
from ._base import (
    COLOR_PATTERN,
    LANG_PATTERN,
    MAX_COUNT,
    MAX_MINUTES,
    Clock,
    Clocklike,
    ClockRange,
    Count,
    Date,
    Email,
    EndClock,
    Id,
    Minutes,
    Notes,
    OptText,
    Rangelike,
    SessionKind,
    Text,
    Url,
    _in_range,
    _Model,
)

__all__ = [
    "Event",
    "Flex",
    "Geo",
    "Organizer",
    "Part",
    "Room",
    "Session",
    "Speaker",
    "Track",
    "Transfer",
    "Venue",
]


class Room(_Model):
    """A room of the venue."""

    name: Text
    floor: Annotated[StrictInt, Field(ge=-MAX_COUNT, le=MAX_COUNT)] | Text | None = None
    capacity: Count | None = None
    shared: bool = Field(
        default=False,
        description="A hall with several stages: sessions of different tracks may share it.",
    )


class Transfer(_Model):
    """Minutes people need to walk from one room to another (both directions)."""

    from_: Id = Field(validation_alias="from", serialization_alias="from")
    to: Id
    minutes: Annotated[StrictInt, Field(ge=0, le=MAX_MINUTES)]


class Geo(_Model):
    """A position in WGS 84 degrees."""

    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]


class Venue(_Model):
    """Where the event takes place."""

    name: Text
    address: OptText | None = None
    geo: Geo | None = None
    url: Url | None = None
    rooms: dict[Id, Room] = Field(default_factory=dict)
    transfers: list[Transfer] = Field(default_factory=list)


class Flex(_Model):
    """How far a session's length may change when an agenda is fitted to its window."""

    min: Annotated[StrictInt, Field(ge=0, le=MAX_MINUTES)] | None = Field(
        default=None, description="The shortest it may become, in minutes."
    )
    max: Annotated[StrictInt, Field(ge=0, le=MAX_MINUTES)] | None = Field(
        default=None, description="The longest it may become, in minutes."
    )
    priority: Annotated[StrictInt, Field(ge=0, le=MAX_COUNT)] = Field(
        default=0,
        description="Sessions with a lower priority change first (default 0: all alike).",
    )


class Speaker(_Model):
    """A person or role that appears in sessions."""

    name: Text
    affiliation: OptText | None = None
    email: Email | None = None
    url: Url | None = None
    available: list[Annotated[str, StringConstraints(pattern=AVAILABLE_PATTERN)]] = Field(
        default_factory=list,
        description="When the speaker can be scheduled: ranges such as "
        "'2025-03-18 09:00-12:00' in the event's zone. Empty: always.",
    )
    prefers: list[Annotated[str, StringConstraints(pattern=AVAILABLE_PATTERN)]] = Field(
        default_factory=list,
        description="When the speaker would rather speak (same form as `available`); "
        "a preference for scheduling, never a finding.",
    )

    _convert: ClassVar[dict[str, Callable[[Any], Any]]] = {
        "available": _code.availability,
        "prefers": _code.availability,
    }

    @_code.base_init
    def __init__(
        self,
        *,
        name: str,
        affiliation: str | None = None,
        email: str | None = None,
        url: str | None = None,
        available: Sequence[str | tuple[dt.date, Clocklike, Clocklike]] = (),
        prefers: Sequence[str | tuple[dt.date, Clocklike, Clocklike]] = (),
    ) -> None:
        """``available`` and ``prefers`` take ``"2025-03-18 09:00-12:00"`` or
        ``(date(2025, 3, 18), time(9), time(12))``."""
        super().__init__(**_code.given(Speaker, locals()))

    @property
    def label(self) -> str:
        """How the speaker is named in calendars and tables: ``Name (Affiliation)``."""
        return f"{self.name} ({self.affiliation})" if self.affiliation else self.name

    @field_validator("available", "prefers")
    @classmethod
    def _real_dates(cls, value: tuple[str, ...] | list[str]) -> tuple[str, ...] | list[str]:
        for text in value:
            day = text.split()[0]
            try:
                _in_range(dt.date.fromisoformat(day))
            except ValueError as exc:
                detail = str(exc) if "outside" in str(exc) else f"{day} is not a date"
                raise ValueError(detail) from None
        return value


class Organizer(_Model):
    """Who sends the invitations (the iCalendar ORGANIZER)."""

    name: Text
    email: Email


class Event(_Model):
    """The event as a whole."""

    id: Id
    title: Text
    date: Date
    weekday: OptText | None = None
    timezone: str
    window: ClockRange | None = None
    attendance: Count | None = None
    lang: Annotated[str, StringConstraints(pattern=LANG_PATTERN)] | None = None
    description: Notes | None = None
    url: Url | None = None
    organizer: Organizer | None = None
    color: Annotated[str, StringConstraints(pattern=COLOR_PATTERN)] | None = Field(
        default=None, description="A CSS3 colour name or #rrggbb, for calendar clients."
    )

    _convert: ClassVar[dict[str, Callable[[Any], Any]]] = {"window": _code.range_}

    @_code.base_init
    def __init__(
        self,
        *,
        id: str,
        title: str,
        date: dt.date | str,
        timezone: str,
        weekday: str | None = None,
        window: Rangelike | None = None,
        attendance: int | None = None,
        lang: str | None = None,
        description: str | None = None,
        url: str | None = None,
        organizer: Organizer | None = None,
        color: str | None = None,
    ) -> None:
        """``window`` takes ``"09:00-18:00"`` or ``(time(9), time(18))``."""
        super().__init__(**_code.given(Event, locals()))

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if not is_zone(value):
            better = zone_suggestion(value)
            if better is not None:
                raise ValueError(
                    f"{value!r} depends on the machine's time zone files: use {better!r}"
                )
            raise ValueError(f"unknown time zone {value!r}: use an IANA name such as Asia/Seoul")
        return value


class Session(_Model):
    """One row of the agenda.

    Its time is ``time: HH:MM-HH:MM``, or ``start`` with ``minutes`` or ``end``, or
    nothing (it then starts when the previous session ends).
    """

    id: Id | None = None
    title: OptText
    time: ClockRange | None = None
    start: Clock | None = None
    end: EndClock | None = None
    minutes: Minutes | None = None
    kind: SessionKind = "talk"
    # Tuples with a shared empty default: no list is made per session (large agendas).
    speakers: tuple[Id, ...] = ()
    room: Id | None = None
    to: Id | None = None
    description: Notes | None = None
    url: Url | None = None
    language: Annotated[str, StringConstraints(pattern=LANG_PATTERN)] | None = None
    attendance: Count | None = None
    uid: OptText | None = Field(
        default=None,
        description="An explicit calendar UID (for sessions imported from another tool); "
        "by default the UID is derived from the event and session ids.",
    )
    ignore: tuple[OptText, ...] = Field(
        default=(), description="Rule codes or names not to report for this session."
    )
    children: tuple[Session, ...] = Field(
        default=(), description="Sessions inside this one (lightning talks inside a reception)."
    )
    fixed: StrictBool = Field(
        default=False,
        description="Scheduling keeps this session's time and room as written.",
    )
    flex: Flex | None = Field(
        default=None,
        description="How much fitting the agenda to its window may shorten or lengthen it.",
    )

    _convert: ClassVar[dict[str, Callable[[Any], Any]]] = {
        "time": _code.range_,
        "start": _code.clock,
        "end": _code.clock,
        "minutes": _code.minutes,
    }

    @_code.base_init
    def __init__(
        self,
        *,
        title: str,
        id: str | None = None,
        time: Rangelike | None = None,
        start: Clocklike | None = None,
        end: Clocklike | None = None,
        minutes: int | dt.timedelta | None = None,
        kind: SessionKind = "talk",
        speakers: Sequence[str] = (),
        room: str | None = None,
        to: str | None = None,
        description: str | None = None,
        url: str | None = None,
        language: str | None = None,
        attendance: int | None = None,
        uid: str | None = None,
        ignore: Sequence[str] = (),
        children: Sequence[Session] = (),
        fixed: bool = False,
        flex: Flex | None = None,
    ) -> None:
        """Times take text (``"13:50"``, ``"13:50-14:30"``) or ``datetime.time``
        values (a pair of them for ``time``); ``minutes`` takes an ``int`` or a
        ``timedelta`` of whole minutes."""
        super().__init__(**_code.given(Session, locals()))


# How the sessions of a part or track follow one another, and the window they fill.
# Left out (None), a part takes its track's value, and a track the default.
Contiguous = Annotated[
    StrictBool | None,
    Field(
        description="Whether the sessions must follow one another without free time "
        "(default true); false for a room that may be free between sessions."
    ),
]
Changeover = Annotated[
    Annotated[StrictInt, Field(ge=0, le=1440)] | None,
    Field(
        description="Minutes expected between consecutive sessions (default 0): in a "
        "contiguous part, up to this much free time is a changeover, not a gap."
    ),
]
ChangeoverRequired = Annotated[
    StrictBool | None,
    Field(
        validation_alias="changeover-required",
        serialization_alias="changeover-required",
        description="Whether less than `changeover` minutes between two sessions is a "
        "finding (default false).",
    ),
]
Breaks = Annotated[
    list[ClockRange] | None,
    Field(
        description="Declared breaks without a session (`12:30-13:30`): free time inside "
        "them is not a gap."
    ),
]
OwnWindow = Annotated[
    ClockRange | None,
    Field(description="The window of this part or track, instead of `event.window`."),
]
FillsWindow = Annotated[
    StrictBool | None,
    Field(
        validation_alias="fills-window",
        serialization_alias="fills-window",
        description="Whether the track should fill its window (default true); false for "
        "a short side track.",
    ),
]


class Track(_Model):
    """A track's settings, for every part on it (a part's own settings win)."""

    title: OptText | None = None
    description: Notes | None = None
    contiguous: Contiguous = None
    changeover: Changeover = None
    changeover_required: ChangeoverRequired = None
    breaks: Breaks = None
    window: OwnWindow = None
    fills_window: FillsWindow = None

    _convert: ClassVar[dict[str, Callable[[Any], Any]]] = {
        "breaks": _code.ranges,
        "window": _code.range_,
    }

    @_code.base_init
    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        contiguous: bool | None = None,
        changeover: int | None = None,
        changeover_required: bool | None = None,
        breaks: Sequence[Rangelike] | None = None,
        window: Rangelike | None = None,
        fills_window: bool | None = None,
    ) -> None:
        super().__init__(**_code.given(Track, locals()))


class Part(_Model):
    """A block of consecutive sessions: a programme part on one day and one track."""

    id: Id | None = None
    title: OptText | None = None
    span: ClockRange | None = None
    room: Id | None = None
    date: Date | None = None
    track: Id | None = None
    description: Notes | None = None
    attendance: Count | None = None
    contiguous: Contiguous = None
    changeover: Changeover = None
    changeover_required: ChangeoverRequired = None
    breaks: Breaks = None
    window: OwnWindow = None
    fills_window: FillsWindow = None
    sessions: list[Session]

    _convert: ClassVar[dict[str, Callable[[Any], Any]]] = {
        "span": _code.range_,
        "breaks": _code.ranges,
        "window": _code.range_,
    }

    @_code.base_init
    def __init__(
        self,
        *,
        sessions: Sequence[Session],
        id: str | None = None,
        title: str | None = None,
        span: Rangelike | None = None,
        room: str | None = None,
        date: dt.date | str | None = None,
        track: str | None = None,
        description: str | None = None,
        attendance: int | None = None,
        contiguous: bool | None = None,
        changeover: int | None = None,
        changeover_required: bool | None = None,
        breaks: Sequence[Rangelike] | None = None,
        window: Rangelike | None = None,
        fills_window: bool | None = None,
    ) -> None:
        """``span``, ``window`` and each of ``breaks`` take ``"09:00-12:00"`` or a pair
        of ``datetime.time`` values; ``date`` a ``datetime.date`` or its ISO text."""
        super().__init__(**_code.given(Part, locals()))
