"""Every field in the published JSON schemas says what it is for, so an editor's YAML or JSON
editor can show a plain-English hint for any field, at any depth."""

from __future__ import annotations

import json
from importlib import resources

import pytest

SCHEMAS = sorted(p.name for p in resources.files("localoffer_ssg").joinpath("schema").iterdir()
                 if p.name.endswith(".schema.json"))


def _undescribed(node: dict, where: str) -> list[str]:
    """Paths of properties and list items below `node` that have no description."""
    missing = []
    for name, child in node.get("properties", {}).items():
        path = f"{where}.{name}" if where else name
        if not str(child.get("description", "")).strip():
            missing.append(path)
        missing += _undescribed(child, path)
    items = node.get("items")
    if isinstance(items, dict):
        path = f"{where}[]"
        if not str(items.get("description", "")).strip():
            missing.append(path)
        missing += _undescribed(items, path)
    return missing


def test_all_schemas_are_found():
    assert {"service.schema.json", "page.schema.json", "glossary.schema.json"} <= set(SCHEMAS)


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_field_has_a_description(name):
    schema = json.loads(resources.files("localoffer_ssg").joinpath("schema", name).read_text("utf-8"))
    assert schema.get("description"), f"{name} has no description of the whole file"
    assert _undescribed(schema, "") == [], f"{name}: these fields need a description"


def test_service_schema_describes_nested_fields_in_plain_words():
    schema = json.loads(resources.files("localoffer_ssg").joinpath("schema", "service.schema.json")
                        .read_text("utf-8"))
    props = schema["properties"]
    assert "phone" in props["contact"]["properties"]["phone"]["description"].casefold()
    assert "postcode" in props["locations"]["items"]["properties"]["postcode"]["description"].casefold()
    assert "25" in props["age_range"]["properties"]["max"]["description"]
