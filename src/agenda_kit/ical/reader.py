"""A tolerant iCalendar (RFC 5545) reader that knows where everything is.

Calendars in the wild break the RFC in every way: lines folded by characters (inside a
UTF-8 sequence), folds without their space, blank lines, a missing ``END:VCALENDAR``,
parameters without a value, text that is not UTF-8. ``read`` makes what it can of such
a file and says what it skipped or assumed as findings, each at the line and column of
the source (of the physical line a content line starts on), instead of giving up.

    parsed = read(data, "feed.ics")
    for event in parsed.root.walk("VEVENT"):
        summary = event.first("SUMMARY")     # a Property, or None
        summary.text()                       # the value with its escapes resolved
        summary.line, summary.column         # where the value starts
    parsed.findings.found                    # Diagnostics (AK606, AK607, AK610)

Values stay as written (``Property.value``); ``text``/``texts`` resolve TEXT escapes,
and the caller reads dates, durations and zones (they mean different things to an
import and to an invitation). Bounds: a content line longer than ``line_length``, or
more than ``max_components`` components named ``counted``, raise ``TooLarge``.
"""

from __future__ import annotations

import functools
import itertools
import quopri
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple

from ..diagnostics import Location
from ..findings import IMPORT_ASSUMED_STRUCTURE, IMPORT_SKIPPED, IMPORT_VALUE_DROPPED, Collector

__all__ = [
    "Component",
    "Parsed",
    "Property",
    "TooLarge",
    "content_lines",
    "exact_text",
    "read",
    "text_list",
    "unescape",
]


class TooLarge(ValueError):
    """The calendar is beyond a bound ``read`` was given: ``limit`` names it
    (``line_length`` or ``sessions``), ``value`` is the bound, ``line`` where it was
    passed."""

    def __init__(self, limit: str, value: int, line: int) -> None:
        super().__init__(f"beyond {limit}={value} on line {line}")
        self.limit = limit
        self.value = value
        self.line = line


class Property(NamedTuple):
    """One content line: its name (upper case), parameters (names upper case, values
    as written, quotes included), raw value, and where the value starts. (A named
    tuple: made for every line of a feed, three times as fast as a frozen dataclass.)"""

    name: str
    params: Mapping[str, str]
    value: str
    line: int
    column: int  # 1-based, of the first character of the value

    def line_text(self) -> str:
        """The content line again (unfolded; names upper case, parameters as written)."""
        params = "".join(f";{k}={v}" for k, v in self.params.items())
        return f"{self.name}{params}:{self.value}"

    def text(self) -> str:
        """The value as TEXT: backslash escapes resolved, the ends trimmed."""
        return unescape(self.value)

    def texts(self) -> list[str]:
        """The value as a comma-separated list of TEXT (CATEGORIES), escapes resolved."""
        return text_list(self.value)

    def param(self, name: str) -> str:
        """A parameter's value without its quotes ('' when absent)."""
        return self.params.get(name.upper(), "").strip('"').strip()

    def param_text(self, name: str) -> str | None:
        """A parameter's value as its writer meant it: without its quotes, RFC 6868
        escapes resolved (``^n`` a line break, ``^'`` a double quote, ``^^`` a caret);
        None when absent."""
        value = self.params.get(name.upper())
        if value is None:
            return None
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        return _RFC6868.sub(lambda m: _RFC6868_CHARS[m[0]], value)


@dataclass(slots=True)
class Component:
    """A component (``VEVENT``, ``VTIMEZONE``...), its properties and sub-components in
    the order of the file. The root of a parse has the name ''."""

    name: str
    line: int
    properties: list[Property] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)
    # False when the file has no END for it (ended by an outer END, or by the file's
    # end): what was meant to be in it may be in another component, or missing.
    ended: bool = True
    # Where the first property of each name is, and how many properties there were
    # then: an event's properties are looked up one name at a time, and a scan each was
    # a fifth of reading a large feed. ``properties`` is only appended to (the reader
    # does); a replaced property is noticed when it is the one found.
    _first: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)
    _indexed: int = field(default=-1, init=False, repr=False, compare=False)

    def first(self, name: str) -> Property | None:
        properties = self.properties
        if self._indexed != len(properties):
            self._index()
        at = self._first.get(name)
        if at is None:
            return None
        if properties[at].name != name:  # replaced since: index again
            self._index()
            at = self._first.get(name)
            return None if at is None else properties[at]
        return properties[at]

    def _index(self) -> None:
        # Reversed, so that the first of a repeated name is the one kept (in C).
        names = list(map(_PROPERTY_NAME, self.properties))
        last = len(names) - 1
        self._first = dict(zip(reversed(names), range(last, -1, -1), strict=True))
        self._indexed = len(names)

    def firsts(self) -> dict[str, Property]:
        """The first property of each name, as the properties are now (for reading
        many names of one component: one dict instead of a lookup each)."""
        properties = self.properties
        return dict(
            zip(map(_PROPERTY_NAME, reversed(properties)), reversed(properties), strict=True)
        )

    def all(self, name: str) -> list[Property]:
        return [p for p in self.properties if p.name == name]

    def text(self, name: str) -> str:
        """The TEXT value of the first property ``name`` ('' when there is none)."""
        found = self.first(name)
        return found.text() if found is not None else ""

    def lines(self) -> list[str]:
        """The content lines inside the component, unfolded, as a writer that puts the
        properties before the sub-components writes them (names in upper case)."""
        out = [p.line_text() for p in self.properties]
        for child in self.components:
            out += (f"BEGIN:{child.name}", *child.lines(), f"END:{child.name}")
        return out

    def walk_each(self, names: Iterable[str]) -> dict[str, list[Component]]:
        """``walk`` for each of ``names`` in one pass over the tree."""
        found: dict[str, list[Component]] = {name: [] for name in names}
        self._walk_into(found)
        return found

    def _walk_into(self, found: dict[str, list[Component]]) -> None:
        for child in self.components:
            if child.name in found:
                found[child.name].append(child)
            if child.components:
                child._walk_into(found)

    def walk(self, name: str) -> list[Component]:
        """Every component ``name`` below this one, depth first, in file order."""
        found = []
        for child in self.components:
            if child.name == name:
                found.append(child)
            if child.components:  # most have none: no call for them
                found.extend(child.walk(name))
        return found


@dataclass(slots=True)
class Parsed:
    """What ``read`` made of a file: the component tree and the findings on the way."""

    root: Component
    findings: Collector


def unescape(text: str) -> str:
    """A TEXT value with its backslash escapes resolved (``\\n`` a line break)."""
    if "\\" not in text:  # most values: nothing escaped
        return text.strip()
    return _ANY_ESCAPE.sub(_unescaped, text.replace("\\\r\n", "")).strip()


def _unescaped(match: re.Match[str]) -> str:
    return "\n" if match[1] in "nN" else match[1]


def exact_text(text: str) -> str:
    """A TEXT value with the escapes of RFC 5545 resolved and nothing else changed (an
    unknown escape kept, the ends not trimmed): for a value that is written back."""
    return _ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], text)


def text_list(text: str) -> list[str]:
    """A comma-separated TEXT list, escapes resolved, empty values left out. Linear in
    the text: pieces are joined once (adding one character at a time to a string made
    a 500 KB list cost 20 s; found by fuzzing)."""
    if "\\" not in text:  # most lists: nothing escaped
        return [value for value in map(str.strip, text.split(",")) if value]
    values: list[str] = []
    current: list[str] = []
    for token in _LIST_TOKEN.split(text):
        if token == ",":
            values.append("".join(current).strip())
            current = []
        elif len(token) == 2 and token[0] == "\\":
            current.append("\n" if token[1] in "nN" else token[1])
        else:
            current.append(token)
    values.append("".join(current).strip())
    return [v for v in values if v]


# A Property made from its fields in one C call (a named tuple's own __new__ is a
# Python function: a call more for every content line of a feed).
_property = functools.partial(tuple.__new__, Property)
_LIST_TOKEN = re.compile(r"(\\[\s\S]|,)")
_NAME = re.compile(r"^[A-Za-z0-9-]+$")
_PROPERTY_NAME = attrgetter("name")
_ANY_ESCAPE = re.compile(r"\\(.)")
_ESCAPE = re.compile(r"\\([\\,;:nN])")
_RFC6868 = re.compile(r"\^[\^n']")
_RFC6868_CHARS = {"^^": "^", "^n": "\n", "^'": '"'}


def read(
    data: bytes,
    name: str,
    *,
    line_length: int = 1_000_000,
    max_components: int | None = None,
    counted: str = "VEVENT",
) -> Parsed:
    """The component tree of a calendar file, and what was skipped or assumed."""
    found = Collector()
    root = Component("", 1)
    stack = [root]
    count = 0

    def where(line: int, column: int = 1) -> Location:
        return Location(name, line, column, "")

    # What the text before a line's colon says (name, parameters) when it holds no
    # quote and no mistake: the same few dozen heads make up a whole feed, and reading
    # each line's again was a third of reading it. The parameters are shared between
    # the properties of one head, as a Mapping (nothing changes them).
    # A head that makes an ordinary property (not BEGIN or END, nothing to decode) is
    # kept with a True: its lines take the short way. The column of a line's value
    # follows from its head.
    heads: dict[str, tuple[str, dict[str, str], bool, int]] = {}
    add = root.properties.append
    for number, line in _content_lines(data, name, found, line_length):
        before, colon_found, after = line.partition(":")
        head = heads.get(before) if colon_found else None
        if head is not None:
            prop_name, params, ordinary, column = head
            if ordinary:
                add(_property((prop_name, params, after, number, column)))
                continue
            colon = column - 2
        else:
            parsed = _head(line, where(number), found)
            if parsed is None:
                continue
            prop_name, params, colon, clean = parsed
            if clean and '"' not in line[:colon]:
                ordinary = prop_name not in ("BEGIN", "END") and (
                    params.get("ENCODING", "").upper() != "QUOTED-PRINTABLE"
                )
                heads[line[:colon]] = (prop_name, params, ordinary, colon + 2)
        value = line[colon + 1 :]
        if params and params.get("ENCODING", "").upper() == "QUOTED-PRINTABLE":
            value = _quoted_printable(value, params, where(number, colon + 2), found)
        if prop_name == "BEGIN":
            component = Component(value.strip().upper(), number)
            count += component.name == counted
            if max_components is not None and count > max_components:
                raise TooLarge("sessions", max_components, number)
            if component.name == "VCALENDAR" and any(c.name == "VCALENDAR" for c in stack):
                found.add(IMPORT_ASSUMED_STRUCTURE.at(where(number), "vcalendar-nested"))
            stack[-1].components.append(component)
            stack.append(component)
        elif prop_name == "END":
            what = value.strip().upper()
            if len(stack) > 1 and stack[-1].name == what:  # the usual case: no list built
                stack.pop()
            else:
                _end_elsewhere(stack, what, where(number), found)
        else:
            add(_property((prop_name, params, value, number, colon + 2)))
            continue
        add = stack[-1].properties.append  # the component that is open now
    for open_component in stack[1:]:
        open_component.ended = False
        found.add(
            IMPORT_ASSUMED_STRUCTURE.at(
                where(open_component.line),
                "truncated",
                value=open_component.name,
                count=open_component.line,
            ),
            key="truncated",
        )
    return Parsed(root, found)


def _end_elsewhere(stack: list[Component], what: str, where: Location, found: Collector) -> None:
    """An END that does not end the innermost open component: it ends an outer one (the
    ones inside are taken as ended there), or it ends nothing."""
    if any(c.name == what for c in stack[1:]):
        while stack[-1].name != what:
            dropped = stack.pop()
            dropped.ended = False
            found.add(
                IMPORT_ASSUMED_STRUCTURE.at(
                    where, "no-end-tag", value=dropped.name, count=dropped.line, component=what
                )
            )
        stack.pop()
    else:
        found.add(IMPORT_SKIPPED.at(where, "end-without-begin", component=what))


def _head(
    line: str, where: Location, found: Collector
) -> tuple[str, dict[str, str], int, bool] | None:
    """A content line's name, parameters and colon, and whether nothing was wrong with
    them; None (with a finding) for a line that is not a property."""
    pieces, colon = _split_params(line)
    prop_name = pieces[0].strip().upper()
    if colon < 0 or not _NAME.match(prop_name):
        found.add(IMPORT_SKIPPED.at(where, "line", value=repr(line[:20])))
        return None
    params = {}
    clean = True
    for piece in pieces[1:]:
        key, eq, value = piece.partition("=")
        if not eq or not key.strip():
            clean = False
            at = Location(where.file, where.line, len(pieces[0]) + 2, "")
            found.add(IMPORT_SKIPPED.at(at, "param", value=repr(piece), component=prop_name))
            continue
        params[key.strip().upper()] = value.strip()
    return prop_name, params, colon, clean


def content_lines(data: bytes, name: str = "<calendar>") -> list[tuple[int, str]]:
    """The unfolded content lines of ``data`` with their first line numbers, as ``read``
    unfolds them (for a digest of a file's lines; ``read`` is for everything else)."""
    return list(_content_lines(data, name, Collector(), 1_000_000))


def _content_lines(
    data: bytes, name: str, found: Collector, line_length: int
) -> Iterator[tuple[int, str]]:
    """Unfolded content lines with the number of the physical line each starts on.

    Lines are unfolded as bytes and decoded afterwards: RFC 5545 warns that simple
    writers fold inside a UTF-8 sequence, and unfolding must restore it.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    whole = _well_formed_lines(bytes(data), line_length)  # a bytearray too (review)
    if whole is not None:
        return zip(*whole, strict=True)
    return _lines_one_by_one(data, name, found, line_length)


def _lines_one_by_one(
    data: bytes, name: str, found: Collector, line_length: int
) -> Iterator[tuple[int, str]]:
    """``_content_lines`` of any file, a physical line at a time."""
    separator = b"\n" if b"\n" in data else b"\r"
    physical = data.split(separator)
    if physical and not physical[-1].strip(b"\r"):
        physical.pop()  # the line break that ends the file
    folded: list[tuple[int, bytearray]] = []
    for number, line in enumerate(physical, 1):
        raw = line.rstrip(b"\r")  # CRLF, and stray CRs before it
        continues = raw[:1] in (b" ", b"\t")
        if len(raw) > line_length or (
            continues and folded and len(folded[-1][1]) + len(raw) > line_length
        ):
            raise TooLarge(
                "line_length", line_length, folded[-1][0] if continues and folded else number
            )
        if continues:
            if folded:
                folded[-1][1].extend(raw[1:])
            else:
                found.add(IMPORT_SKIPPED.at(Location(name, number, 1, ""), "continuation"))
            continue
        if not raw.strip():
            found.add(IMPORT_SKIPPED.at(Location(name, number, 1, ""), "blank"), key="blank")
            continue
        folded.append((number, bytearray(raw)))
    for number, content in folded:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            found.add(
                IMPORT_ASSUMED_STRUCTURE.at(
                    Location(name, number, exc.start + 1, ""), "encoding", encoding="Latin-1"
                ),
                key="latin-1",
            )
            text = content.decode("latin-1")
        yield number, text


def _well_formed_lines(data: bytes, line_length: int) -> tuple[list[int], list[str]] | None:
    """What ``_content_lines`` gives for a file with nothing to say about it, read in
    bulk: LF or CRLF line ends and no other CR, no blank line, no continuation first,
    UTF-8 lines (unfolded before they are decoded, as the line reader does), no line
    near the length limit, no NUL where lines are folded. None for any other file: it is
    read line by line."""
    size = len(data)
    crlf = data.count(b"\r\n")
    if crlf:
        if data.count(b"\r") != crlf or data.count(b"\n") != crlf:
            return None
        separator = b"\r\n"
    elif b"\r" in data or b"\n" not in data:
        return None
    else:
        separator = b"\n"
    # A blank line, a continuation first, or a line that starts with white space other
    # than a fold's (the line reader may call it blank).
    # (A byte looked for alone is found by memchr: the two-byte searches run only
    # where it occurs.)
    if (
        data[:1].isspace()
        or separator + separator in data
        or (b"\x0b" in data and b"\n\x0b" in data)
        or (b"\x0c" in data and b"\n\x0c" in data)
    ):
        return None
    tabs = b"\t" in data and separator + b"\t" in data
    folded = tabs or separator + b" " in data
    if folded:
        # Each fold becomes a NUL, so that the lines split once; then each fold is
        # found in turn, and the lines before it counted in C. Bytes: most lines are
        # ASCII, and a fold inside a UTF-8 character is joined before it is decoded.
        if b"\0" in data:
            return None
        data = data.replace(separator + b" ", b"\0")
        if tabs:
            data = data.replace(separator + b"\t", b"\0")
    raw = data.split(separator)
    if not raw[-1]:
        raw.pop()  # the line break that ends the file
    if not folded:
        numbers = list(range(1, len(raw) + 1))
    else:
        physical = [1] * len(raw)  # the physical lines of each line
        find, count = data.find, data.count
        index = start = 0
        fold = find(b"\0")
        while fold >= 0:
            index += count(separator, start, fold)
            start = fold
            if physical[index] == 1:
                raw[index] = raw[index].replace(b"\0", b"")
            physical[index] += 1
            fold = find(b"\0", fold + 1)
        numbers = list(itertools.accumulate(physical, initial=1))
        numbers.pop()
    try:
        lines = list(map(bytes.decode, raw))
    except UnicodeDecodeError:
        return None
    del raw
    # A line that may be over the limit, as the line reader measures it (in bytes, the
    # space of its last fold included): read line by line, which says where.
    if size > line_length and (max(map(len, lines)) + 1) * 4 > line_length:
        return None
    return numbers, lines


def _split_params(text: str) -> tuple[list[str], int]:
    """The ``;``-separated pieces before the first ``:`` outside quotes, and its index."""
    colon = text.find(":")
    head = text if colon < 0 else text[:colon]
    if '"' not in head:  # nearly every line: no quoted parameter before the value
        return head.split(";"), colon
    pieces: list[str] = []
    current: list[str] = []
    quoted = False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif not quoted and char == ";":
            pieces.append("".join(current))
            current = []
            continue
        elif not quoted and char == ":":
            pieces.append("".join(current))
            return pieces, i
        current.append(char)
    return [*pieces, "".join(current)], -1


def _quoted_printable(
    value: str, params: Mapping[str, str], where: Location, found: Collector
) -> str:
    """A vCalendar 1.0 ``ENCODING=QUOTED-PRINTABLE`` value decoded in its CHARSET."""
    charset = params.get("CHARSET", "utf-8")
    try:
        return quopri.decodestring(value.encode("latin-1", "replace")).decode(charset, "replace")
    except (LookupError, ValueError) as exc:
        # LookupError: no codec of that name, and ValueError for a NUL in the name;
        # a codec that is no charset (idna, punycode, undefined) raises UnicodeError,
        # a ValueError too, even with "replace".
        unknown = isinstance(exc, LookupError) or "\0" in charset
        variant = "charset" if unknown else "charset-failed"
        found.add(IMPORT_VALUE_DROPPED.at(where, variant, value=repr(charset)))
        return value
