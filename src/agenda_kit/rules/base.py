"""What a rule returns: a finding that names the offending document path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..timeline import Path, Timeline

__all__ = ["Check", "Finding"]


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's finding: where, which message (a key into ``messages``) and its values.

    ``sessions``, ``rooms`` and ``speakers`` name what the finding is about, so that a
    configured exception scoped to one of them can suppress it.
    """

    rule: str
    path: Path
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    related: tuple[Path, ...] = ()
    on_key: bool = False  # point at the key rather than at its value
    sessions: tuple[str, ...] = ()
    rooms: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()


Check = Callable[[Timeline], Iterator[Finding]]
