"""Attendee lists for invitations: a CSV file, or addresses on the command line."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ._safety import MAX_TEXT, address_problem, bad_text
from .invite import ROLES, Recipient
from .state import InputError

__all__ = ["parse_address", "read_attendees"]

_NAMED = re.compile(r"^\s*(.*?)\s*<([^<>]*)>\s*$")
_ROLE_WORDS = {
    "required": "REQ-PARTICIPANT",
    "optional": "OPT-PARTICIPANT",
    "chair": "CHAIR",
    "non-participant": "NON-PARTICIPANT",
    "": "REQ-PARTICIPANT",
}


def parse_address(text: str) -> Recipient:
    """``someone@example.org`` or ``Some One <someone@example.org>``. Raises ValueError."""
    match = _NAMED.match(text)
    name, email = (match[1].strip().strip('"'), match[2].strip()) if match else ("", text.strip())
    problem = address_problem(email)
    if problem:
        raise ValueError(f"not an e-mail address: {text!r}")
    if bad_text(name) or len(name) > MAX_TEXT:
        raise ValueError(f"the name in {text!r} is refused: {bad_text(name) or 'too long'}")
    return Recipient(email, name.strip() or None)


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
    """``file:line:col`` of a cell of one row (best effort: the first match on the line)."""

    def __init__(self, path: Path, number: int, raw: str, cells: dict[str, str]) -> None:
        self.path, self.number, self.raw, self.cells = path, number, raw, cells

    def __call__(self, column: str) -> str:
        value = self.cells.get(column, "")
        at = self.raw.find(value) + 1 if value else 1
        return f"{self.path}:{self.number}:{max(at, 1)}"


def read_attendees(path: Path) -> list[Recipient]:
    """The attendees of a CSV file with a header row: ``email`` (required), ``name`` and
    ``role`` (required, optional, chair, non-participant, or an RFC 5545 ROLE). Commas
    or semicolons separate the columns; the file is UTF-8 (a byte order mark is fine).

    An address listed twice is invited once. Raises ``InputError`` with the position of
    the first problem.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}:1:1", f"cannot read the file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}:1:1", f"not UTF-8: {exc.reason}", "Save it as UTF-8.") from None
    # The lines as the csv module counts them (str.splitlines also breaks at U+0085).
    lines = re.split("\r\n|\r|\n", text)
    if not lines or not lines[0].strip():
        raise InputError(f"{path}:1:1", "the file is empty: expected a header row with `email`")
    header_line = lines[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(rows)]
    if "email" not in header:
        raise InputError(
            f"{path}:1:1",
            f"no `email` column in the header row ({', '.join(header) or 'empty'})",
            "The first row names the columns: email, and optionally name and role.",
        )
    unknown = [h for h in header if h not in ("email", "name", "role")]
    if unknown:
        column = header_line.lower().find(unknown[0]) + 1
        raise InputError(
            f"{path}:1:{max(column, 1)}",
            f"unknown column `{unknown[0]}`",
            "Known columns: email, name, role.",
        )
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
        where = _Where(path, number, raw, cells)
        email = cells.get("email", "")
        problem = address_problem(email)
        if problem:
            raise InputError(where("email"), f"not an e-mail address: {_shown(email)}", problem)
        name = cells.get("name", "")
        problem = bad_text(name) or (
            f"longer than {MAX_TEXT} characters" if len(name) > MAX_TEXT else None
        )
        if problem:
            raise InputError(where("name"), f"the name is refused: {problem}")
        role = _role(cells.get("role", ""))
        if role is None:
            raise InputError(
                where("role"),
                f"unknown role `{cells.get('role')}`",
                "Use required, optional, chair or non-participant.",
            )
        if email.lower() in seen:
            continue
        seen.add(email.lower())
        out.append(Recipient(email, name or None, role))
    return out
