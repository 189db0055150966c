"""The registry of every kind of finding of every command, and the translation layer.

Each kind is defined once (code, name, severity, docs, typed values, message and hint
per language) in the module of its family; a command reports one with
``IMPORT_UNKNOWN_COLUMN.at(location, column="Raum")`` or ``make("AK605", location,
column="Raum")``, and ``translate`` makes its text again in another language. Text
that is not a finding comes from ``say`` (see ``phrases``). Families: AK1xx load and
shape, AK2xx time, AK3xx rooms and venue, AK4xx speakers, AK5xx output and export,
AK6xx import, AK7xx invitations, AK8xx scheduling and AK9xx delivery (reserved).
"""

from __future__ import annotations

from ._kind import COMMANDS, KINDS, KINDS_BY_CODE, Kind, Message, kind, make, translate
from ._kind import seal as _seal
from ._text import (
    LANGUAGES,
    Duration,
    Template,
    has_final_consonant,
    language,
    particle,
    resolve_language,
)
from .collect import Collector
from .export import (
    COLOR_NOT_CARRIED,
    EXPORT_NOT_CARRIED,
    OPTION_NOT_FOR_FORMAT,
    OUTPUT_LOCKED,
    OUTPUT_OUTSIDE_FOLDER,
    OUTPUT_UNWRITABLE,
    REFUSED_WITH_ERRORS,
    UNKNOWN_SELECTION,
)
from .imports import (
    IMPORT_ASSUMED_STRUCTURE,
    IMPORT_ASSUMED_TIME,
    IMPORT_ASSUMED_ZONE,
    IMPORT_ENTITIES_REFUSED,
    IMPORT_LIMIT,
    IMPORT_MALFORMED,
    IMPORT_NO_EVENTS,
    IMPORT_SKIPPED,
    IMPORT_UNKNOWN_COLUMN,
    IMPORT_UNREADABLE,
    IMPORT_VALUE_DROPPED,
    IMPORT_WRONG_FORMAT,
)
from .invite import (
    ATTENDEES_INVALID,
    INVALID_EMAIL,
    INVITE_DERIVED_ID,
    INVITE_NO_CANCEL_ADDRESS,
    INVITE_NO_ORGANIZER,
    INVITE_OTHER_EVENT,
    INVITE_SPEAKER_NO_EMAIL,
    INVITE_SPEAKER_NO_SESSIONS,
    INVITE_UNRESOLVED_KEPT,
    PREVIOUS_UNREADABLE,
    PREVIOUS_UNTRUSTED,
    STATE_TAMPERED,
    STATE_UNREADABLE,
)
from .load import (
    DATE_OUT_OF_RANGE,
    INPUT_LIMIT,
    INVALID_VALUE,
    SYNTAX_ERROR,
    UNREADABLE_FILE,
    UNSUPPORTED_TIMEZONE,
)
from .phrases import PHRASES, Phrase, count, say
from .shape import (
    DUPLICATE_ID,
    EMPTY_TITLE,
    MISSING_ID,
    UNKNOWN_REFERENCE,
    UNREFERENCED,
    UNUSED_IGNORE,
)
from .speakers import (
    SPEAKER_CONFLICT,
    SPEAKER_TRAVEL,
    SPEAKER_UNAVAILABLE,
)
from .time import (
    CONFLICTING_TIME,
    CROSSES_MIDNIGHT,
    DURATION_BOUNDS,
    DURATION_MISMATCH,
    GAP,
    NON_POSITIVE_DURATION,
    NONEXISTENT_TIME,
    OUTSIDE_PARENT,
    OUTSIDE_PART_SPAN,
    OUTSIDE_WINDOW,
    OVERLAP,
    SHORT_CHANGEOVER,
    UNRESOLVED_TIME,
    WEEKDAY_MISMATCH,
    WINDOW_NOT_FILLED,
)
from .venue import (
    CAPACITY,
    MISSING_TRANSFER,
    ROOM_CONFLICT,
)

_seal()

__all__ = [
    "ATTENDEES_INVALID",
    "CAPACITY",
    "COLOR_NOT_CARRIED",
    "COMMANDS",
    "CONFLICTING_TIME",
    "CROSSES_MIDNIGHT",
    "DATE_OUT_OF_RANGE",
    "DUPLICATE_ID",
    "DURATION_BOUNDS",
    "DURATION_MISMATCH",
    "EMPTY_TITLE",
    "EXPORT_NOT_CARRIED",
    "FAMILIES",
    "GAP",
    "IMPORT_ASSUMED_STRUCTURE",
    "IMPORT_ASSUMED_TIME",
    "IMPORT_ASSUMED_ZONE",
    "IMPORT_ENTITIES_REFUSED",
    "IMPORT_LIMIT",
    "IMPORT_MALFORMED",
    "IMPORT_NO_EVENTS",
    "IMPORT_SKIPPED",
    "IMPORT_UNKNOWN_COLUMN",
    "IMPORT_UNREADABLE",
    "IMPORT_VALUE_DROPPED",
    "IMPORT_WRONG_FORMAT",
    "INPUT_LIMIT",
    "INVALID_EMAIL",
    "INVALID_VALUE",
    "INVITE_DERIVED_ID",
    "INVITE_NO_CANCEL_ADDRESS",
    "INVITE_NO_ORGANIZER",
    "INVITE_OTHER_EVENT",
    "INVITE_SPEAKER_NO_EMAIL",
    "INVITE_SPEAKER_NO_SESSIONS",
    "INVITE_UNRESOLVED_KEPT",
    "KINDS",
    "KINDS_BY_CODE",
    "LANGUAGES",
    "MISSING_ID",
    "MISSING_TRANSFER",
    "NONEXISTENT_TIME",
    "NON_POSITIVE_DURATION",
    "OPTION_NOT_FOR_FORMAT",
    "OUTPUT_LOCKED",
    "OUTPUT_OUTSIDE_FOLDER",
    "OUTPUT_UNWRITABLE",
    "OUTSIDE_PARENT",
    "OUTSIDE_PART_SPAN",
    "OUTSIDE_WINDOW",
    "OVERLAP",
    "PHRASES",
    "PREVIOUS_UNREADABLE",
    "PREVIOUS_UNTRUSTED",
    "REFUSED_WITH_ERRORS",
    "ROOM_CONFLICT",
    "SHORT_CHANGEOVER",
    "SPEAKER_CONFLICT",
    "SPEAKER_TRAVEL",
    "SPEAKER_UNAVAILABLE",
    "STATE_TAMPERED",
    "STATE_UNREADABLE",
    "SYNTAX_ERROR",
    "UNKNOWN_REFERENCE",
    "UNKNOWN_SELECTION",
    "UNREADABLE_FILE",
    "UNREFERENCED",
    "UNRESOLVED_TIME",
    "UNSUPPORTED_TIMEZONE",
    "UNUSED_IGNORE",
    "WEEKDAY_MISMATCH",
    "WINDOW_NOT_FILLED",
    "Collector",
    "Duration",
    "Kind",
    "Message",
    "Phrase",
    "Template",
    "count",
    "has_final_consonant",
    "kind",
    "language",
    "make",
    "particle",
    "resolve_language",
    "say",
    "translate",
]

FAMILIES = {
    "AK1": "load and shape",
    "AK2": "time",
    "AK3": "rooms and venue",
    "AK4": "speakers",
    "AK5": "calendar output and export",
    "AK6": "import",
    "AK7": "invitations",
    "AK8": "scheduling (reserved)",
    "AK9": "delivery (reserved)",
}
"""The code families, by code prefix."""
