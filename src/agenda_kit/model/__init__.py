"""The agenda format as pydantic models: shape and types only.

Anything that relates two objects (references, duplicate ids, times against each
other) is a checker rule, so one run reports every problem. Validation here is done
by pydantic-core (types and patterns) without Python validators on per-session
fields, so that large agendas load fast.

The fields' vocabulary (patterns, annotated types) is in ``_base``, the agenda's
objects in ``_objects``, the checker settings in ``_settings``; every name is
importable from here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from .. import _model_code as _code

# The `X as X` imports: names of the model module before it became a package, importable
# from here as they were (``from agenda_kit.model import ID_PATTERN``), not in ``__all__``.
from ._base import COLOR_PATTERN as COLOR_PATTERN
from ._base import EMAIL_PATTERN as EMAIL_PATTERN
from ._base import FORMAT_VERSION, KINDS, DateTime, SessionKind, _Model
from ._base import ID_PATTERN as ID_PATTERN
from ._base import LANG_PATTERN as LANG_PATTERN
from ._base import MAX_COUNT as MAX_COUNT
from ._base import MAX_ID_LENGTH as MAX_ID_LENGTH
from ._base import MAX_MINUTES as MAX_MINUTES
from ._base import MAX_TEXT_LENGTH as MAX_TEXT_LENGTH
from ._base import NOTES_PATTERN as NOTES_PATTERN
from ._base import TEXT_PATTERN as TEXT_PATTERN
from ._base import URL_PATTERN as URL_PATTERN
from ._base import Clock as Clock
from ._base import Clocklike as Clocklike
from ._base import ClockRange as ClockRange
from ._base import Count as Count
from ._base import Date as Date
from ._base import Email as Email
from ._base import EndClock as EndClock
from ._base import Id as Id
from ._base import Minutes as Minutes
from ._base import Notes as Notes
from ._base import OptText as OptText
from ._base import Rangelike as Rangelike
from ._base import Text as Text
from ._base import Url as Url
from ._objects import Event, Geo, Organizer, Part, Room, Session, Speaker, Track, Transfer, Venue
from ._objects import Flex as Flex
from ._settings import CheckSettings, LimitSettings, RuleException
from ._settings import Level as Level

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
