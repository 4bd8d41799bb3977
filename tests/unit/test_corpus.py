"""The saved corpus: every field list compiles faithfully; everything else is refused by name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from terapi_lint.compiler import StructureError, compile_structure
from terapi_lint.typegrammar import Array, Constrained, Enum, Map, Primitive, Ref, Union, parse_type
from tests.conftest import shared_path

CORPUS = shared_path("corpus", "structures", module=True)
OTHER = CORPUS / "other-formats"

#: A constraint in words (docs/structure-dialect.md, "Bounds in words"): a VIN is 17 characters.
TOYOTA = "toyota__toyota-vehicle-structure.json"


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _corpus(kind: type) -> list[Path]:
    return [p for p in sorted(CORPUS.glob("*.json")) if isinstance(_load(p).get("fields"), kind)]


LIST_FILES = _corpus(list)
OBJECT_FILES = _corpus(dict)
OTHER_FILES = sorted(OTHER.glob("*.json"))


def test_corpus_counts() -> None:
    assert (len(LIST_FILES), len(OBJECT_FILES), len(OTHER_FILES)) == (114, 5, 80)


# -- what a compiled property must keep --------------------------------------------------------


def _resolve(schema: dict, root: dict) -> dict:
    """Follow a local ``$ref`` (the compiler only emits ``#/$defs/Name``)."""
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _types(schema: dict) -> set[str]:
    value = schema.get("type")
    if value is None and "anyOf" in schema:
        return set().union(*(_types(s) for s in schema["anyOf"]))
    if value is None:
        return {"object"} if "$ref" in schema else set()
    return {value} if isinstance(value, str) else set(value)


def _expected_types(node: Any) -> set[str]:
    if isinstance(node, Constrained):
        return _expected_types(node.node)
    if isinstance(node, Primitive):
        return set() if node.kind == "any" else {node.kind}
    if isinstance(node, Enum):
        return {node.base} if node.base else set()
    if isinstance(node, Array):
        return {"array"}
    if isinstance(node, (Map, Ref)):
        return {"object"}
    return set().union(*(_expected_types(m) for m in node.members))


def _expected_format(node: Any) -> str | None:
    if isinstance(node, Constrained):
        return _expected_format(node.node)
    if isinstance(node, Primitive):
        return node.format
    if isinstance(node, Union):
        formats = {f for m in node.members if (f := _expected_format(m))}
        return formats.pop() if len(formats) == 1 else None
    return None


def _container(schema: dict, root: dict) -> dict:
    """The object holding sub-properties of a compiled field (itself, its items or its $def)."""
    schema = _resolve(schema, root)
    if "array" in _types(schema):
        return _resolve(schema["items"], root)
    return schema


def _check_fields(entries: list, obj: dict, root: dict, where: str) -> int:
    """Check each field entry against the compiled object; returns how many were checked."""
    checked = 0
    for entry in entries:
        name = entry.get("name", entry.get("path"))
        segments = [s.removesuffix("[]") for s in name.split(".")]
        holder = obj
        for segment in segments[:-1]:
            holder = _container(holder["properties"][segment], root)
        prop = holder["properties"][segments[-1]]
        label = f"{where}: field {name!r}"
        node = parse_type(entry["type"])
        if isinstance(node, Constrained):
            assert {k: prop.get(k) for k, _ in node.keywords} == dict(node.keywords), label
            node = node.node
        body = _resolve(prop, root) if not isinstance(node, Ref) else prop
        expected = _expected_types(node) | ({"null"} if entry.get("nullable") else set())
        assert expected <= _types(body) | _types(prop), label
        if isinstance(node, Ref):
            assert prop.get("$ref") == f"#/$defs/{node.name}" or prop.get("type") == "object", label
        fmt = entry.get("format") or _expected_format(node)
        if fmt:
            assert body.get("format") in (fmt, {"datetime": "date-time"}.get(fmt)), label
        values = next((entry[k] for k in ("enum", "values", "allowedValues") if k in entry), None)
        if values is None and isinstance(node, Enum):
            values = node.values
        if values:
            enum_holder = body["items"] if "items" in body and "enum" not in body else body
            assert [v for v in enum_holder["enum"] if v is not None] == list(values), label
        assert (segments[-1] in holder.get("required", [])) == (entry.get("required") is True), label
        subs = entry.get("fields", entry.get("children"))
        if subs:
            checked += _check_fields(subs, _container(prop, root), root, f"{label}.fields")
        items = entry.get("items")
        if isinstance(items, dict) and items.get("fields"):
            checked += _check_fields(items["fields"], _container(prop, root), root, f"{label}.items")
        checked += 1
    return checked


@pytest.mark.parametrize("path", LIST_FILES, ids=lambda p: p.name)
def test_list_fields_file_compiles_faithfully(path: Path) -> None:
    structure = _load(path)
    schema = compile_structure(structure)
    Draft202012Validator.check_schema(schema)
    assert _check_fields(structure["fields"], schema, schema, path.name) >= len(structure["fields"])
    nested = structure.get("nested") or {}
    named = {e["name"]: e["fields"] for e in nested} if isinstance(nested, list) else nested
    for name, value in {**named, **structure.get("definitions", {})}.items():
        entries = value if isinstance(value, list) else value.get("fields")
        if entries:
            _check_fields(entries, schema["$defs"][name], schema, f"{path.name} $defs/{name}")


def test_corpus_compiles_with_the_documented_warnings_only() -> None:
    kinds: dict[str, int] = {}

    def warn(pointer: str, message: str) -> None:
        kind = message.split(" ")[0] + " " + message.split(" ")[1]
        kinds[kind] = kinds.get(kind, 0) + 1

    for path in LIST_FILES:
        compile_structure(_load(path), warn=warn)
    assert set(kinds) <= {"unresolved reference", "enum without", "unknown format"}
    assert kinds["unknown format"] == 4  # ksuid x3 and ORG-NNN


def test_every_list_file_compiles_and_a_vin_is_17_characters() -> None:
    """Issue 11 item 7: the one type the corpus wrote in words, ``string (17 characters)``."""
    structure = _load(CORPUS / TOYOTA)
    assert structure["fields"][0] | {"description": ""} == {"name": "vin", "type": "string (17 characters)",
                                                            "required": True, "description": ""}
    assert compile_structure(structure)["properties"]["vin"] == {
        "type": "string", "minLength": 17, "maxLength": 17, "description": structure["fields"][0]["description"]}


# -- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", OBJECT_FILES, ids=lambda p: p.name)
def test_object_fields_files_are_refused(path: Path) -> None:
    with pytest.raises(StructureError) as info:
        compile_structure(_load(path))
    assert info.value.pointer == "/fields"
    assert info.value.message == "`fields` must be a list of {name, type}; got an object keyed by field name"


def _expected_shape(doc: dict) -> str:
    """What an other-format file looks like, decided independently of the compiler's order."""
    schema_uri = str(doc.get("$schema", ""))
    if "json-structure.org" in schema_uri:
        return "JSON Structure"
    if doc.get("kind") == "json-structure":
        return "API structure overview"
    if "json-schema.org" in schema_uri or (doc.get("type") == "object" and isinstance(doc.get("properties"), dict)):
        return "JSON Schema"
    for key, shape in (("properties", "properties"), ("structure", "structure map"), ("entities", "entity list"),
                       ("structures", "collection of structures"), ("resources", "resource list"),
                       ("groups", "field groups")):  # fmt: skip
        if key in doc:
            return shape
    return "description without fields"


@pytest.mark.parametrize("path", OTHER_FILES, ids=lambda p: p.name)
def test_other_formats_are_refused_by_name(path: Path) -> None:
    doc = _load(path)
    with pytest.raises(StructureError) as info:
        compile_structure(doc)
    assert info.value.pointer == ""
    message = info.value.message
    assert message.startswith("no top-level `fields`: looks like ")
    assert _expected_shape(doc) in message
