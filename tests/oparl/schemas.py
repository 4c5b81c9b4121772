"""Validation against the OParl 1.1 JSON schemas in tests/fixtures/oparl/schema (draft-07)."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft7Validator
from referencing import Registry, Resource

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "oparl" / "schema"
BASE = "https://schema.oparl.org/1.1/"


@cache
def registry() -> Registry:
    """Each schema under its `$id` and under `<Type>.json`, the name its `$ref`s use."""
    resources = []
    for path in sorted(FOLDER.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(schema)
        resources += [(schema["$id"], resource), (f"{BASE}{path.name}", resource)]
    return Registry().with_resources(resources)


def validator(type_name: str) -> Draft7Validator:
    schema = json.loads((FOLDER / f"{type_name}.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema, registry=registry())


def problems(obj: dict) -> list[str]:
    """What is wrong with `obj` for the schema of its `type`."""
    name = obj["type"].removeprefix(BASE)
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(object)'}: {e.message}"
        for e in validator(name).iter_errors(obj)
    ]
