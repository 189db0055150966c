"""Checker settings: what a settings file or ``x-agenda-kit`` selects, ignores and
changes, the exceptions to rules, and the limits of loading a file."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StrictInt, StringConstraints

from ._base import LANG_PATTERN, Id, OptText, SessionKind, Text, _Model
from ._objects import Flex

__all__ = ["CheckSettings", "Level", "LimitSettings", "RuleException"]

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
