"""Generated documentation stays in sync with the code."""

from __future__ import annotations

import json

import agenda_kit
from agenda_kit.rules.catalog import render_markdown
from agenda_kit.schema import json_schema

from .conftest import ROOT


def test_rules_page_is_generated_from_the_registry() -> None:
    assert (ROOT / "docs" / "rules.md").read_text("utf-8") == render_markdown()


def test_schema_file_is_current() -> None:
    on_disk = json.loads((ROOT / "docs" / "agenda.schema.json").read_text("utf-8"))
    assert on_disk == json_schema()


def test_schema_validates_the_seed_and_rejects_a_typo() -> None:
    import jsonschema
    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=True).load(ROOT / "examples" / "technopark-2024.yaml")
    # The schema is for files as written: YAML dates arrive as date objects.
    data["event"]["date"] = data["event"]["date"].isoformat()
    validator = jsonschema.Draft202012Validator(json_schema())
    assert list(validator.iter_errors(data)) == []
    data["parts"][0]["sessions"][0]["speakrs"] = ["mc"]
    errors = list(validator.iter_errors(data))
    assert len(errors) == 1 and "speakrs" in errors[0].message


def test_public_api_is_sorted_and_complete() -> None:
    import types

    names = agenda_kit.__all__

    def isort_style(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2), name

    assert names == sorted(names, key=isort_style)
    for name in names:
        assert hasattr(agenda_kit, name), name
    exported = {
        name
        for name, value in vars(agenda_kit).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and getattr(value, "__module__", "").startswith("agenda_kit")
    }
    assert exported <= set(names)
