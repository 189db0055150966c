"""Compatibility: the rule registry moved to ``agenda_kit.findings``; these names stay."""

from __future__ import annotations

from ..findings import KINDS as RULES
from ..findings import KINDS_BY_CODE as RULES_BY_CODE
from ..findings import Kind as Rule
from ..findings import kind as rule
from ..findings.docs import HEADER, example_document, render_markdown, render_text

__all__ = [
    "HEADER",
    "RULES",
    "RULES_BY_CODE",
    "Rule",
    "example_document",
    "render_markdown",
    "render_text",
    "rule",
]
