"""Attendee lists for invitations: a CSV file, or addresses on the command line."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..findings import ATTENDEES_INVALID, INVALID_EMAIL, Phrase
from ._safety import MAX_TEXT, address_problem, bad_text
from .invite.model import ROLES, Recipient
from .state import refuse

__all__ = ["parse_address", "read_attendees"]

_NAMED = re.compile(r"^\s*(.*?)\s*<([^<>]*)>\s*$")
_ROLE_WORDS = {
    "required": "REQ-PARTICIPANT",
    "optional": "OPT-PARTICIPANT",
    "chair": "CHAIR",
    "non-participant": "NON-PARTICIPANT",
    "": "REQ-PARTICIPANT",
}


def parse_address(text: str, *, where: str = "--attendee") -> Recipient:
    """``someone@example.org`` or ``Some One <someone@example.org>``. Raises
    ``InputError`` (a ValueError) with the finding, located at ``where``."""
    match = _NAMED.match(text)
    name, email = (match[1].strip().strip('"'), match[2].strip()) if match else ("", text.strip())
    problem = address_problem(email)
    if problem:
        raise refuse(INVALID_EMAIL, where, variant="why", value=repr(text), problem=problem)
    problem = _name_problem(name)
    if problem:
        raise refuse(
            ATTENDEES_INVALID, where, variant="argument-name", value=repr(text), problem=problem
        )
    return Recipient(email, name.strip() or None)


def _name_problem(name: str) -> Phrase | None:
    if len(name) > MAX_TEXT:
        return Phrase("invite.problem.too-long", limit=MAX_TEXT)
    return bad_text(name)


def _shown(value: str) -> str:
    """A value for a message: in backticks, or as a Python literal when it has
    characters a terminal would act on."""
    return repr(value) if bad_text(value) else f"`{value}`"


def _role(value: str) -> str | None:
    word = value.strip().lower()
    if word in _ROLE_WORDS:
        return _ROLE_WORDS[word]
    return word.upper() if word.upper() in ROLES else None


class _Where:
    """Line and column of a cell of one row (best effort: the first match on the line)."""

    def __init__(self, number: int, raw: str, cells: dict[str, str]) -> None:
        self.number, self.raw, self.cells = number, raw, cells

    def __call__(self, column: str) -> tuple[int, int]:
        value = self.cells.get(column, "")
        at = self.raw.find(value) + 1 if value else 1
        return self.number, max(at, 1)


def read_attendees(path: Path) -> list[Recipient]:
    """The attendees of a CSV file with a header row: ``email`` (required), ``name`` and
    ``role`` (required, optional, chair, non-participant, or an RFC 5545 ROLE). Commas
    or semicolons separate the columns; the file is UTF-8 (a byte order mark is fine).

    An address listed twice is invited once. Raises ``InputError`` with the finding
    (AK714, AK715) at the row and column of the first problem.
    """
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise refuse(
            ATTENDEES_INVALID, name, variant="read", reason=exc.strerror or str(exc)
        ) from None
    except UnicodeDecodeError as exc:
        line, column = _byte_position(exc)
        raise refuse(ATTENDEES_INVALID, name, line, column, "utf8", reason=exc.reason) from None
    # The lines as the csv module counts them (str.splitlines also breaks at U+0085).
    lines = re.split("\r\n|\r|\n", text)
    if not lines or not lines[0].strip():
        raise refuse(ATTENDEES_INVALID, name, variant="empty")
    header_line = lines[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(rows)]
    if "email" not in header:
        columns = ", ".join(header)[:200]
        raise refuse(ATTENDEES_INVALID, name, variant="no-email", columns=columns)
    unknown = [h for h in header if h not in ("email", "name", "role")]
    if unknown:
        column = header_line.lower().find(unknown[0]) + 1
        raise refuse(ATTENDEES_INVALID, name, 1, max(column, 1), "column", column=unknown[0][:100])
    out: list[Recipient] = []
    seen: set[str] = set()
    last = rows.line_num
    for row in rows:
        # A quoted cell may span lines: the row starts on the line after the last one.
        number, last = last + 1, rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        cells = dict(zip(header, (c.strip() for c in row), strict=False))
        raw = lines[number - 1] if number - 1 < len(lines) else ""
        where = _Where(number, raw, cells)
        email = cells.get("email", "")
        problem = address_problem(email)
        if problem:
            raise refuse(
                INVALID_EMAIL, name, *where("email"), "why", value=_shown(email), problem=problem
            )
        problem = _name_problem(cells.get("name", ""))
        if problem:
            raise refuse(ATTENDEES_INVALID, name, *where("name"), "name", problem=problem)
        role = _role(cells.get("role", ""))
        if role is None:
            value = cells.get("role", "")
            raise refuse(ATTENDEES_INVALID, name, *where("role"), "role", value=value[:100])
        if email.lower() in seen:
            continue
        seen.add(email.lower())
        out.append(Recipient(email, cells.get("name") or None, role))
    return out


def _byte_position(exc: UnicodeDecodeError) -> tuple[int, int]:
    """Line and column (in characters) of the first byte that is not UTF-8."""
    before = exc.object[: exc.start].decode("utf-8", "replace").removeprefix("\ufeff")
    line = before.count("\n") + 1
    return line, len(before) - (before.rfind("\n") + 1) + 1
