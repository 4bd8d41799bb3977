"""Small facts about schemas under construction: their types, where sub-fields go, key order."""

from __future__ import annotations

import json
from typing import Any

#: Order of keys in every compiled sub-schema; keys not listed (``x-``) follow in insertion order.
KEY_ORDER = (
    "$ref", "anyOf", "type", "format", "contentMediaType", "enum", "const", "items", "properties",
    "required", "additionalProperties", "minimum", "exclusiveMinimum", "maximum",
    "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "minProperties", "uniqueItems", "pattern",
    "default", "readOnly", "writeOnly", "deprecated", "title", "description", "$comment",
    "examples",
)  # fmt: skip


def show(value: Any) -> str:
    """A short JSON rendering of a value for messages."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def types_of(schema: dict) -> list[str]:
    """The ``type`` keyword of a schema as a list (empty when absent)."""
    value = schema.get("type")
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, list) else []


def object_target(schema: dict, via_array: bool) -> dict | None:
    """Where sub-fields of ``schema`` go: itself for objects/references, its ``items`` for arrays.

    Returns None for scalars (and arrays of scalars), which cannot have sub-fields.
    """
    types = types_of(schema)
    if "array" in types:
        items = schema.setdefault("items", {"type": "object"})
        if "object" in types_of(items) or "$ref" in items:
            return items
        return None
    if via_array:
        return None
    if "object" in types or "$ref" in schema:
        return schema
    return None


def type_text(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    types = types_of(schema)
    return "|".join(types) if types else "any"


def _ordered(schema: dict) -> dict:
    """``schema`` with its keys in the canonical order."""
    rank = {key: i for i, key in enumerate(KEY_ORDER)}
    keys = sorted(schema, key=lambda k: (rank.get(k, len(rank)),))
    return {k: schema[k] for k in keys}


def finalize(schema: Any, closed: bool) -> Any:
    """Order keys and (when ``closed``) close every object with properties, recursively."""
    if not isinstance(schema, dict):
        return schema
    out = dict(schema)
    if "properties" in out:
        out["properties"] = {k: finalize(v, closed) for k, v in out["properties"].items()}
        if closed and "additionalProperties" not in out:
            out["additionalProperties"] = False
    for key in ("items", "additionalProperties"):
        if isinstance(out.get(key), dict):
            out[key] = finalize(out[key], closed)
    if isinstance(out.get("anyOf"), list):
        out["anyOf"] = [finalize(s, closed) for s in out["anyOf"]]
    return _ordered(out)
