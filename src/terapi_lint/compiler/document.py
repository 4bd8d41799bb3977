"""Checking the input: refuse anything that is not a field-list document, saying what it is."""

from __future__ import annotations

from typing import Any

from ..jsontypes import a_json_type
from ..typegrammar import StructureError
from .shapes import show


def _has(doc: dict, key: str, kind: type) -> bool:
    return isinstance(doc.get(key), kind)


def describe_non_field_list(doc: dict) -> str:
    """Say what a document without ``fields`` looks like, for the refusal message."""
    schema_uri = doc.get("$schema") if isinstance(doc.get("$schema"), str) else ""
    if "json-structure.org" in schema_uri:
        if "properties" in doc:
            return "a JSON Structure core document ($schema is json-structure.org, with `properties`); not a field list"
        return "a JSON Structure document ($schema is json-structure.org, no `properties`); not a field list"
    if doc.get("kind") == "json-structure" and "schemas" in doc:
        return "an API structure overview (`kind: json-structure` with `schemas`); no fields"
    if "json-schema.org" in schema_uri:
        return "a JSON Schema document ($schema is json-schema.org); not a field list"
    if _has(doc, "properties", list):
        return "a properties list; a field list keeps its entries in `fields`, not `properties`"
    if _has(doc, "properties", dict):
        if doc.get("type") == "object":
            return "a JSON Schema (`type: object` with a `properties` map); not a field list"
        return "a properties map (`properties` keyed by field name); not a field list"
    if "structure" in doc:
        return "a structure map (`structure`); not a field list"
    if "entities" in doc:
        return "an entity list (`entities`); not a field list"
    if "structures" in doc:
        return "a collection of structures (`structures`); compile each one as its own field list"
    if "resources" in doc:
        return "an API resource list (`resources`); not a field list"
    if "groups" in doc:
        return "a list of field groups (`groups`); merge the groups into one top-level `fields` list"
    keys = ", ".join(sorted(doc)[:8]) or "none"
    return f"a description without fields (top-level keys: {keys}); not a field list"


def check_document(doc: Any) -> None:
    """Refuse anything that is not a field-list document, saying what it looks like instead."""
    if not isinstance(doc, dict):
        raise StructureError("structure file must be a JSON object")
    if "fields" not in doc:
        raise StructureError(f"no top-level `fields`: looks like {describe_non_field_list(doc)}")
    fields_value = doc["fields"]
    if isinstance(fields_value, dict):
        raise StructureError(
            "`fields` must be a list of {name, type}; got an object keyed by field name", "/fields"
        )
    if not isinstance(fields_value, list):
        raise StructureError(
            f"`fields` must be a list of {{name, type}}; got {a_json_type(fields_value)}", "/fields"
        )
    if "type" in doc and doc["type"] != "object":
        raise StructureError(
            f'top-level `type` must be "object", not {show(doc["type"])}', "/type"
        )


