"""An agenda written as a readable agenda file: YAML like the hand-written examples, with
keys in reading order and one line per session where a session fits on one line."""

from __future__ import annotations

import io
import re
from typing import Any

from ..model import Agenda
from ._common import visible

__all__ = ["comment_text", "dump", "plain"]

_ORDER: dict[str, tuple[str, ...]] = {
    "agenda": ("$schema", "agenda", "event", "venue", "speakers", "parts", "x-agenda-kit"),
    "event": ("id", "title", "date", "weekday", "timezone", "window"),
    "part": ("id", "title", "date", "span", "room", "track"),
    "session": ("id", "time", "start", "end", "minutes", "kind", "title", "speakers", "room", "to"),
    "transfer": ("from", "to", "minutes"),
}
_LAST = {"part": ("sessions",), "session": ("children",)}
# A session is written on one line when it is this short and has no multi-line text.
_FLOW_WIDTH = 160
# A literal block (``|``) shows text as it is, so it can hold only what a YAML stream
# holds unescaped, with LF as its only line break: CR, NEL, U+2028/U+2029 would be read
# as line breaks of their own, U+FFFF and the BOM not at all.
_NOT_LITERAL = re.compile(
    r"[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
# Text with these is written double-quoted, the one style with escapes: ruamel would
# otherwise write U+2028 raw in a single-quoted scalar, where it is read as a space.
_ESCAPED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _ordered(data: dict[str, Any], kind: str) -> dict[str, Any]:
    first = [k for k in _ORDER[kind] if k in data]
    last = [k for k in _LAST.get(kind, ()) if k in data]
    middle = [k for k in data if k not in first and k not in last]
    return {k: data[k] for k in (*first, *middle, *last)}


def plain(agenda: Agenda, *, mode: str = "python") -> dict[str, Any]:
    """The agenda as plain data in reading order, without values that are defaults."""
    data = agenda.model_dump(mode=mode, by_alias=True, exclude_defaults=True)
    data = _ordered(data, "agenda")
    data["event"] = _ordered(data["event"], "event")
    venue = data.get("venue")
    if venue and "transfers" in venue:
        venue["transfers"] = [_ordered(t, "transfer") for t in venue["transfers"]]

    def session(s: dict[str, Any]) -> dict[str, Any]:
        s = _ordered(s, "session")
        if "children" in s:
            s["children"] = [session(c) for c in s["children"]]
        return s

    data["parts"] = [_ordered(p, "part") for p in data["parts"]]
    for part in data["parts"]:
        part["sessions"] = [session(s) for s in part["sessions"]]
    return data


def comment_text(text: str) -> str:
    """``text`` made safe as YAML comment lines: each line of it (split at LF only)
    keeps no character a YAML reader takes for a line break (CR, NEL, U+2028 …) or
    cannot read (controls, U+FFFF), so that no part of it leaves the comment."""
    return "\n".join(visible(line) for line in text.split("\n"))


def dump(agenda: Agenda, *, comment: str = "") -> str:
    """The agenda as YAML 1.2 text; ``comment`` lines go at the top, neutralised."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    def convert(value: Any, flow_map: bool = False) -> Any:
        if isinstance(value, dict):
            out = CommentedMap()
            for k, v in value.items():
                out[k] = convert(v)
            if flow_map:
                out.fa.set_flow_style()
            return out
        if isinstance(value, list):
            seq = CommentedSeq(convert(v) for v in value)
            if all(not isinstance(v, dict | list) for v in value):
                seq.fa.set_flow_style()
            return seq
        if isinstance(value, str) and "\n" in value and not _NOT_LITERAL.search(value):
            return LiteralScalarString(value)
        # ruamel writes `?x` and `:x` plain in a flow mapping, where its own parser
        # fails: text that starts with an indicator is always quoted.
        if isinstance(value, str) and (_ESCAPED.search(value) or value[:1] in _INDICATORS):
            return DoubleQuotedScalarString(value)
        return value

    def one_line(value: dict[str, Any]) -> bool:
        flat = all(
            not isinstance(v, dict)
            and not (isinstance(v, list) and any(isinstance(x, dict) for x in v))
            and not (isinstance(v, str) and "\n" in v)
            for v in value.values()
        )
        return flat and len(repr(value)) <= _FLOW_WIDTH

    data = plain(agenda)
    root = convert(data)
    venue = root.get("venue")
    if venue is not None:
        for rid, room in data["venue"].get("rooms", {}).items():
            venue["rooms"][rid] = convert(room, flow_map=True)
        for i, transfer in enumerate(data["venue"].get("transfers", [])):
            venue["transfers"][i] = convert(transfer, flow_map=True)
    for sid, speaker in data.get("speakers", {}).items():
        root["speakers"][sid] = convert(speaker, flow_map=one_line(speaker))
    for p_index, part in enumerate(data["parts"]):
        for s_index, session in enumerate(part["sessions"]):
            root["parts"][p_index]["sessions"][s_index] = convert(
                session, flow_map=one_line(session)
            )
    if comment:
        root.yaml_set_start_comment(comment_text(comment))
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(root, out)
    return out.getvalue()
