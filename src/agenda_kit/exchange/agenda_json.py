"""The agenda file format written as JSON (``agenda-kit export --to json``): the same
document as the YAML file, which ``agenda-kit check`` reads back."""

from __future__ import annotations

import json

from ..model import Agenda
from ._common import Notes
from .agenda_yaml import plain

__all__ = ["write"]


def write(agenda: Agenda, report: Notes | None = None) -> bytes:
    """The agenda as a JSON agenda file (UTF-8, two-space indent)."""
    del report  # the agenda format carries everything
    return (json.dumps(plain(agenda, mode="json"), ensure_ascii=False, indent=2) + "\n").encode()
