"""The JSON Schema of the agenda format, for editors and other tools."""

from __future__ import annotations

from typing import Any

from .model import Agenda

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = "https://agenda-kit.github.io/schema/agenda-1.json"


def json_schema() -> dict[str, Any]:
    """The schema of version 1 of the format (JSON Schema 2020-12)."""
    schema = Agenda.model_json_schema(by_alias=True, mode="validation")
    _close_maps(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "agenda_kit agenda (format 1)",
    }


def _close_maps(node: Any) -> None:
    """Mappings keyed by ids (rooms, speakers) reject other keys, as the loader does."""
    if isinstance(node, dict):
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            _close_maps(value)
    elif isinstance(node, list):
        for value in node:
            _close_maps(value)
