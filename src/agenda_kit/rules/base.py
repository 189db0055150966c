"""What a rule returns: a finding that names the offending document path."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..findings._kind import Finding
from ..timeline import Timeline

__all__ = ["Check", "Finding"]

Check = Callable[[Timeline], Iterator[Finding]]
