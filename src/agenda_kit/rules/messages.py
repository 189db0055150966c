"""Compatibility: messages moved to ``agenda_kit.findings`` (each defined with its kind);
``render`` and ``language`` stay for the modules that still call them."""

from __future__ import annotations

from typing import Any

from ..findings import LANGUAGES, Duration, kind, language

__all__ = ["LANGUAGES", "Duration", "language", "render"]


def render(key: str, params: dict[str, Any], lang: str = "en") -> tuple[str, str]:
    """The message and hint of ``key`` (``name`` or ``name.variant``) in ``lang``."""
    name, _, variant = key.partition(".")
    return kind(name).text(variant, params, lang)
