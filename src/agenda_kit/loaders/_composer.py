"""The YAML composer that bounds what aliases expand to and how deep a document nests
(ruamel is imported here, so that loading JSON or TOML never imports it)."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.composer import Composer
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, SequenceNode
from ruamel.yaml.scanner import Scanner

from .limits import DEFAULT_LIMITS, LimitExceeded, Limits

__all__ = ["GuardedComposer", "GuardedScanner"]


class GuardedComposer(Composer):
    """A ruamel Composer that counts what aliases expand to (see ``guarded_composer``)."""

    limits: Limits = DEFAULT_LIMITS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._expanded = 0
        self._open: set[str] = set()
        self._shape: dict[int, tuple[int, int]] = {}  # id(node) -> (nodes, height)
        # YAML 1.2 lets an anchor be defined again (the alias takes the latest); ruamel
        # would print a Python warning to the user's terminal.
        self.warn_double_anchors = False

    def _measure(self, node: Any) -> tuple[int, int]:
        known = self._shape.get(id(node))
        if known is not None:
            return known
        # Height is bounded by max_depth (every node was composed under it), so
        # this recursion is bounded too.
        count, height = 1, 0
        if isinstance(node, SequenceNode):
            children = node.value
        elif isinstance(node, MappingNode):
            children = [n for pair in node.value for n in pair]
        else:
            children = []
        for child in children:
            c, h = self._measure(child)
            count += c
            height = max(height, h + 1)
            if count > self.limits.max_alias_nodes:
                break
        self._shape[id(node)] = (count, height)
        return count, height

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.peek_event()
            mark = event.start_mark
            where = {"line": mark.line + 1, "column": mark.column + 1}
            if event.anchor in self._open:
                recursive = f"the alias *{event.anchor} is inside the node it names"
                raise LimitExceeded("", refused=f"{recursive} (a recursive structure)", **where)
            node = super().compose_node(parent, index)
            count, height = self._measure(node)
            self._expanded += count
            if self._expanded > self.limits.max_alias_nodes:
                raise LimitExceeded(
                    "alias-nodes", anchor=event.anchor, limit=self.limits.max_alias_nodes, **where
                )
            if self.depth + height + 1 > self.limits.max_depth:
                raise LimitExceeded(
                    "alias-depth", anchor=event.anchor, limit=self.limits.max_depth, **where
                )
            return node
        event = self.parser.peek_event()
        anchor = getattr(event, "anchor", None)
        if self.depth + 1 > self.limits.max_depth:
            mark = event.start_mark
            raise LimitExceeded(
                "depth", limit=self.limits.max_depth, line=mark.line + 1, column=mark.column + 1
            )
        if anchor is None:
            return super().compose_node(parent, index)
        self._open.add(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            self._open.discard(anchor)


class GuardedScanner(Scanner):
    """A ruamel Scanner that refuses flow collections (``[[[[`` or ``{{{{``) nested past
    ``max_depth`` as it reads them. The composer's depth check comes too late for them:
    the scanner keeps a possible simple key per open bracket and rescans them for every
    token, so 100 KB of brackets took seconds before the composer saw the first level.
    """

    limits: Limits = DEFAULT_LIMITS

    def fetch_flow_collection_start(self, TokenClass: Any, to_push: Any) -> None:
        # Block collections open around the flow one count as levels too (an
        # indentless sequence does not push an indent: then this is a level late,
        # still bounded).
        if len(self.flow_context) + len(self.indents) >= self.limits.max_depth:
            mark = self.reader.get_mark()
            raise LimitExceeded(
                "depth", limit=self.limits.max_depth, line=mark.line + 1, column=mark.column + 1
            )
        super().fetch_flow_collection_start(TokenClass, to_push)
