"""Generated documentation stays in sync with the code."""

from __future__ import annotations

import json

import pytest

import agenda_kit
from agenda_kit.rules.catalog import RULES, example_document, render_markdown, render_text
from agenda_kit.schema import json_schema

from .helpers import ROOT


def test_rule_pages_are_generated_from_the_registry() -> None:
    folder = ROOT / "docs" / "rules"
    assert (folder / "README.md").read_text("utf-8") == render_markdown()
    for r in RULES.values():
        assert (folder / f"{r.name}.md").read_text("utf-8") == render_text(r), r.name
    assert sorted(p.stem for p in folder.glob("*.md")) == sorted([*RULES, "README"])


@pytest.mark.parametrize("name", [n for n, r in RULES.items() if r.example], ids=str)
def test_rule_example_triggers_it_and_the_fix_does_not(name: str) -> None:
    r = RULES[name]

    def codes(text: str) -> list[str]:
        try:
            agenda = agenda_kit.loads(example_document(text), name="example.yaml")
        except agenda_kit.LoadError as exc:
            return [d.code for d in exc.diagnostics]
        return [d.code for d in agenda_kit.check(agenda).diagnostics]

    assert r.code in codes(r.example)
    assert codes(r.fixed) == []


def test_rule_command_prints_the_page(capsys: pytest.CaptureFixture[str]) -> None:
    from agenda_kit.cli import main

    assert main(["rule", "AK201"]) == 0
    assert capsys.readouterr().out == render_text(RULES["gap"])
    assert main(["rule", "gap"]) == 0
    assert capsys.readouterr().out == render_text(RULES["gap"])
    assert main(["rule", "no-such-rule"]) == 2


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
