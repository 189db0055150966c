"""What a rule returns: a finding that names the offending document path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..timeline import Path, Timeline

__all__ = ["Check", "Finding", "minutes_text"]


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    path: Path
    message: str
    hint: str = ""
    related: tuple[Path, ...] = ()
    key: bool = False  # point at the key rather than at its value


Check = Callable[[Timeline], Iterator[Finding]]


def minutes_text(seconds: int) -> str:
    """``3 minutes``, ``1 minute``; a half minute rounds away from zero."""
    minutes = (abs(seconds) + 30) // 60
    if abs(seconds) % 60 and minutes == 0:
        return f"{abs(seconds)} seconds"
    return f"{minutes} minute" + ("" if minutes == 1 else "s")
