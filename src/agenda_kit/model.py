"""The agenda format as pydantic models: shape and types only.

Anything that relates two objects (references, duplicate ids, times against each
other) is a checker rule, so one run reports every problem. Validation here is done
by pydantic-core (types and patterns) without Python validators on per-session
fields, so that large agendas load fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from . import _model_code as _code
from .timespan import (
    AVAILABLE_PATTERN,
    CLOCK_PATTERN,
    END_CLOCK_PATTERN,
    FIRST_DATE,
    LAST_DATE,
    RANGE_PATTERN,
    is_zone,
    zone_suggestion,
)

__all__ = [
    "FORMAT_VERSION",
    "KINDS",
    "Agenda",
    "CheckSettings",
    "Event",
    "Geo",
    "LimitSettings",
    "Organizer",
    "Part",
    "Room",
    "RuleException",
    "ScheduledSession",
    "Session",
    "SessionKind",
    "Speaker",
    "Track",
    "Transfer",
    "Venue",
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


Level = Literal["error", "warning", "info"]


class RuleException(_Model):
    """Findings of ``rule`` about these sessions, rooms or speakers are not reported."""

    rule: Text
    sessions: list[Id] = Field(default_factory=list)
    rooms: list[Id] = Field(default_factory=list)
    speakers: list[Id] = Field(default_factory=list)
    reason: OptText | None = None


class LimitSettings(_Model):
    """What one agenda file may cost to load (``agenda_kit.loaders.Limits``). Only in a
    settings file: an agenda cannot raise its own limits."""

    max_bytes: Annotated[StrictInt, Field(ge=1)] | None = Field(
        default=None,
        validation_alias="max-bytes",
        serialization_alias="max-bytes",
        description="Largest file, in bytes (50 MB).",
    )
    max_depth: Annotated[StrictInt, Field(ge=1, le=200)] | None = Field(
        default=None,
        validation_alias="max-depth",
        serialization_alias="max-depth",
        description="Deepest nesting of mappings and lists (64).",
    )
    max_alias_nodes: Annotated[StrictInt, Field(ge=1)] | None = Field(
        default=None,
        validation_alias="max-alias-nodes",
        serialization_alias="max-alias-nodes",
        description="Nodes a YAML file may reach through aliases, in total (100,000).",
    )
    max_sessions: Annotated[StrictInt, Field(ge=1)] | None = Field(
        default=None,
        validation_alias="max-sessions",
        serialization_alias="max-sessions",
        description="Sessions, children included (500,000).",
    )


class CheckSettings(_Model):
    """Checker settings: ``[tool.agenda-kit]``, ``.agenda-kit.toml`` or ``x-agenda-kit``.

    Rules are named by code (AK201), name (gap) or code prefix (AK2); ``ALL`` names all.
    """

    select: list[Text] | None = None
    ignore: list[Text] = Field(default_factory=list)
    severity: dict[Text, Level] = Field(default_factory=dict)
    fail_on: Level | None = Field(
        default=None, validation_alias="fail-on", serialization_alias="fail-on"
    )
    lang: Annotated[str, StringConstraints(pattern=LANG_PATTERN)] | None = None
    rules: dict[Text, dict[str, Any]] = Field(default_factory=dict)
    exceptions: list[RuleException] = Field(default_factory=list)
    limits: LimitSettings | None = None
    flex: dict[SessionKind, Flex] = Field(
        default_factory=dict,
        description="Flex bounds per session kind, for sessions without their own `flex`.",
    )


class Agenda(_Model):
    """A whole agenda file (format version 1)."""

    schema_: str | None = Field(
        default=None,
        validation_alias="$schema",
        serialization_alias="$schema",
        description="JSON Schema of the file, for editors.",
    )
    agenda: Literal[1] = Field(description="Format version of the file; always 1 for this format.")
    event: Event
    venue: Venue | None = None
    speakers: dict[Id, Speaker] = Field(default_factory=dict)
    tracks: dict[Id, Track] = Field(
        default_factory=dict,
        description="Settings per track id (contiguous, changeover, breaks, window).",
    )
    parts: list[Part]
    x_agenda_kit: CheckSettings | None = Field(
        default=None,
        validation_alias="x-agenda-kit",
        serialization_alias="x-agenda-kit",
        description="Checker settings for this file (select, ignore, severity, rule options).",
    )

    _source: Any = PrivateAttr(default=None)

    @_code.base_init
    def __init__(
        self,
        *,
        event: Event,
        parts: Sequence[Part],
        agenda: Literal[1] = 1,
        venue: Venue | None = None,
        speakers: Mapping[str, Speaker] | None = None,
        tracks: Mapping[str, Track] | None = None,
        x_agenda_kit: CheckSettings | None = None,
        schema_: str | None = None,
    ) -> None:
        """An agenda built in code (``agenda``, the format version, is 1)."""
        super().__init__(
            **_code.given(
                Agenda,
                {
                    **locals(),
                    "speakers": dict(speakers or {}),
                    "tracks": dict(tracks or {}),
                    "agenda": agenda,
                },
            )
        )

    @field_validator("x_agenda_kit")
    @classmethod
    def _no_limits(cls, value: CheckSettings | None) -> CheckSettings | None:
        if value is not None and value.limits is not None:
            raise ValueError(
                "`limits` cannot be set in the agenda itself (they apply while it is read): "
                "set them in .agenda-kit.toml"
            )
        return value

    @property
    def source(self) -> Any:
        """Where the agenda was read from (an ``agenda_kit.loaders.Source``), if anywhere."""
        return self._source

    def find(self, path: str) -> list[Any]:
        """The objects along ``path``, outermost first: for the ``location.path`` of a
        finding, ``parts[0].sessions[2].time`` gives ``[parts, Part, sessions, Session,
        "13:50-14:30"]``. Raises ``KeyError`` for a path that is not in the agenda."""
        found: list[Any] = []
        current: Any = self
        pos = 0
        while pos < len(path):
            if path[pos] == ".":
                pos += 1
                continue
            if path[pos] == "[":
                close = path.index("]", pos)
                current = current[int(path[pos + 1 : close])]
                pos = close + 1
            else:
                key = _code.next_key(current, path, pos)
                current = _code.child(current, key)
                pos += len(key)
            found.append(current)
        return found

    def session_at(self, path: str) -> Session | None:
        """The innermost session on ``path`` (a finding's ``location.path``), if any."""
        return next((o for o in reversed(self.find(path)) if isinstance(o, Session)), None)


class ScheduledSession(BaseModel):
    """A session with its resolved start and end, in the event's IANA zone.

    ``start`` and ``end`` are pendulum ``DateTime`` values (``datetime`` subclasses) in
    the zone named by ``timezone``, so that a JSON round trip (which keeps only an
    offset) restores the zone.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    kind: SessionKind
    part: str
    track: str
    room: str | None
    speakers: list[str]
    timezone: str
    start: DateTime
    end: DateTime

    @model_validator(mode="after")
    def _in_zone(self) -> ScheduledSession:
        import pendulum

        zone = pendulum.timezone(self.timezone)
        # Through __dict__: the values are checked already, and this is no assignment.
        self.__dict__["start"] = pendulum.instance(self.start).in_timezone(zone)
        self.__dict__["end"] = pendulum.instance(self.end).in_timezone(zone)
        return self

    @property
    def minutes(self) -> int | float:
        """Real elapsed minutes: an ``int`` when whole (a session across a DST change
        is not its wall-clock span)."""
        seconds = self.end.timestamp() - self.start.timestamp()
        return int(seconds // 60) if seconds % 60 == 0 else seconds / 60
