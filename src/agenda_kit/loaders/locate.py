"""Positions of the paths that findings name, found one path at a time.

Building the position of every value of a large document (``positions.index_json``)
costs a Python call per value: seconds for a 15 MB agenda, paid by the first finding
of a run however few there are. These locators walk only the path asked for. In JSON
they skip what is not on the path with the C decoder and remember what they passed, so
a run's lookups together cost at most about one more C decode of the text. In YAML the
fast loader keeps a light tree of positions (``_libyaml.Node``) to walk.

Both answer as ``PositionIndex.find`` does: the position of the path, or of its
longest prefix that is in the document; the key's position for ``key=True`` when the
path ends at a mapping key.
"""

from __future__ import annotations

import bisect
import json.decoder
import json.scanner
import re
from json import JSONDecoder
from typing import Any

from .positions import Path, Pos

__all__ = ["JsonLocator", "TreeLocator"]


class TreeLocator:
    """Positions from the YAML fast path's tree."""

    __slots__ = ("root",)

    def __init__(self, root: Any) -> None:
        self.root = root

    def find(self, path: Path, *, key: bool = False) -> tuple[Pos, Path]:
        node = self.root
        if node is None:
            return (1, 1), ()
        at_key: Pos | None = None
        depth = 0
        for segment in path:
            children = node[2]
            if type(children) is dict:
                entry = children.get(segment) if type(segment) is str else None
                if entry is None:
                    break
                at_key, node = (entry[0], entry[1]), entry[2]
            elif type(children) is list and type(segment) is int:
                if not 0 <= segment < len(children):
                    break
                at_key, node = None, children[segment]
            else:
                break
            depth += 1
        if key and at_key is not None:
            return at_key, tuple(path[:depth])
        return (node[0], node[1]), tuple(path[:depth])


_WS = re.compile(r"[ \t\n\r]*")
# The C functions json.loads itself uses (typeshed knows them only loosely).
_scanstring: Any = json.decoder.scanstring  # type: ignore[attr-defined]
_make_scanner: Any = json.scanner.make_scanner


class _Scan:
    """How far one JSON container has been read: its members' offsets so far."""

    __slots__ = ("done", "items", "keys", "resume")

    def __init__(self, resume: int) -> None:
        self.resume = resume  # where the next member (or the close) starts
        self.done = False
        self.items: list[int] = []  # arrays: the offset of each value
        self.keys: dict[str, tuple[int, int]] = {}  # objects: key -> (key, value offset)


class JsonLocator:
    """Positions in a JSON text that ``json.loads`` accepted (without repeated keys)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.scans: dict[int, _Scan] = {}
        self.scan_once = _make_scanner(JSONDecoder())
        # Known (offset, line, offset of its line's start), sorted: a position is
        # counted from the nearest one before it, so lookups never recount the text.
        self.marks: list[tuple[int, int, int]] = [(0, 1, 0)]

    def skip(self, i: int) -> int:
        match = _WS.match(self.text, i)
        return match.end() if match else i

    def find(self, path: Path, *, key: bool = False) -> tuple[Pos, Path]:
        offset = self.skip(0)
        key_offset: int | None = None
        depth = 0
        for segment in path:
            found = self.child(offset, segment)
            if found is None:
                break
            key_offset, offset = found
            depth += 1
        if key and key_offset is not None:
            offset = key_offset
        return self.position(offset), tuple(path[:depth])

    def child(self, offset: int, segment: str | int) -> tuple[int | None, int] | None:
        """(key offset, value offset) of ``segment`` in the container at ``offset``."""
        text = self.text
        opener = text[offset]
        if opener == "{" and type(segment) is str:
            scan = self.scan(offset)
            while segment not in scan.keys and not scan.done:
                self.next_member(scan, obj=True)
            return scan.keys.get(segment)
        if opener == "[" and type(segment) is int and segment >= 0:
            scan = self.scan(offset)
            while len(scan.items) <= segment and not scan.done:
                self.next_member(scan, obj=False)
            if segment < len(scan.items):
                return None, scan.items[segment]
        return None

    def scan(self, offset: int) -> _Scan:
        scan = self.scans.get(offset)
        if scan is None:
            scan = self.scans[offset] = _Scan(self.skip(offset + 1))
            if self.text[scan.resume] in "]}":
                scan.done = True
        return scan

    def next_member(self, scan: _Scan, *, obj: bool) -> None:
        text = self.text
        i = scan.resume
        if obj:
            name, end = _scanstring(text, i + 1)
            value = self.skip(self.skip(end) + 1)  # past ':'
            scan.keys.setdefault(name, (i, value))
        else:
            value = i
            scan.items.append(value)
        _, end = self.scan_once(text, value)
        i = self.skip(end)
        if text[i] == ",":
            scan.resume = self.skip(i + 1)
        else:
            scan.done = True

    def position(self, offset: int) -> Pos:
        text = self.text
        marks = self.marks
        at = bisect.bisect_right(marks, (offset, 1 << 62, 0)) - 1
        start, line, line_start = marks[at]
        breaks = text.count("\n", start, offset)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", start, offset) + 1
        if offset != start:
            marks.insert(at + 1, (offset, line, line_start))
        return line, offset - line_start + 1
