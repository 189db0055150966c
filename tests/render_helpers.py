"""Helpers for the render tests: agendas with hostile titles, reading Markdown tables."""

from __future__ import annotations

import re
from typing import Any

import agenda_kit

# Titles that would be markup if a writer pasted them in: a script, an entity, both
# quotes, Markdown's table and emphasis marks, and right-to-left text between Latin.
HOSTILE = [
    "<script>window.__pwned = 1; alert(1)</script>",
    "Q&A &amp; more &#60;b&#62;",
    "\"double\" and 'single' quotes",
    "مرحبا بالعالم — שלום עולם and Latin",
    "| cell | **bold** _em_ `code` [link](http://x.test) ~strike~ # not a heading",
    '<img src=x onerror="window.__pwned=2">',
]


def hostile_agenda() -> agenda_kit.Agenda:
    sessions = [
        {"id": f"h{i}", "time": f"{10 + i}:00-{10 + i}:50", "title": title}
        for i, title in enumerate(HOSTILE)
    ]
    data: dict[str, Any] = {
        "agenda": 1,
        "event": {
            "id": "hostile",
            "title": '<b>Event</b> & "co"',
            "date": "2025-05-05",
            "timezone": "Europe/Paris",
        },
        "venue": {"name": "<i>Hall</i>", "rooms": {"r": {"name": "Room <1>", "floor": "B&1"}}},
        "parts": [{"title": "<u>Part</u>", "room": "r", "sessions": sessions}],
    }
    return agenda_kit.Agenda.model_validate(data)


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def md_unescape(text: str) -> str:
    """What CommonMark shows for a backslash-escaped text."""
    return _ESCAPED.sub(r"\1", text)


def md_cells(line: str) -> list[str]:
    """The cells of a Markdown table row (pipes escaped with a backslash stay inside)."""
    assert line.startswith("| ") and line.endswith(" |"), line
    # As GitHub's table extension reads a row: a backslash escapes the next character,
    # any other pipe ends a cell.
    cells, cell, index, body = [], "", 0, line[1:-1]
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            cell += body[index : index + 2]
            index += 2
            continue
        if char == "|":
            cells.append(cell.strip())
            cell = ""
        else:
            cell += char
        index += 1
    cells.append(cell.strip())
    return cells


def md_rows(text: str) -> list[list[str]]:
    """The body rows of every table of a Markdown text (head and rule left out)."""
    rows: list[list[str]] = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("| ") and not line.startswith("| ---"):
            if index + 1 < len(lines) and lines[index + 1].startswith("| ---"):
                continue  # a head
            rows.append(md_cells(line))
    return rows
