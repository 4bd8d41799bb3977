"""A member that the structure does not define.

## What it checks
Objects whose structure lists their members (the record itself, `credentials`, nested objects)
are compared with that list; free-form objects such as `metadata` and maps are left alone.  The
compiled schema stays open, as the structure does not say objects are closed, so this rule is
where extra members are reported: a warning by default, an error with `--strict` (and always
reported here, not as `schema-violation`, when a schema closes objects with
`additionalProperties: false`).

## Why it matters
An unknown member is most often a typo of a real one (`provider_confg_key`), whose real value is
then missing, or data that should live in `metadata`.

## Example
```json
{"id": "user-123", "provider_config_key": "github-prod", "provider": "github", "tenant": "acme"}
```

## Fix
Correct the name, move the data under `metadata`, or add the field to the structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from terapi_lint.findings import Problem
from terapi_lint.rules.base import label

CODE = "TL106"
NAME = "unknown-field"
SEVERITY = "warning"
KEYWORDS = ("additionalProperties", "unevaluatedProperties")

_OPEN_KEYWORDS = ("additionalProperties", "patternProperties", "unevaluatedProperties")


def _extras(instance: dict, schema: dict) -> list[str]:
    properties = schema.get("properties") or {}
    patterns = schema.get("patternProperties") or {}
    return [
        key for key in instance
        if key not in properties and not any(re.search(p, key) for p in patterns)
    ]


def _problem(path: tuple, key: str) -> Problem:
    where = f" in {label(path)}" if path else ""
    return Problem(NAME, f"member is not defined by the structure{where}", path + (key,))


def from_error(error, path: tuple) -> Iterator[Problem]:
    if error.validator_value is False and isinstance(error.instance, dict) and isinstance(error.schema, dict):
        for key in _extras(error.instance, error.schema):
            yield _problem(path, key)


def _resolve(node: Any, root: dict) -> Any:
    seen = 0
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/") and seen < 32:
        target: Any = root
        for token in node["$ref"][2:].split("/"):
            token = token.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or token not in target:
                return None
            target = target[token]
        node, seen = target, seen + 1
    return node


def check(record, ctx) -> Iterator[Problem]:
    root = ctx.schema
    stack: list[tuple[Any, Any, tuple]] = [(record.value, root, ())]
    while stack:
        value, schema, path = stack.pop()
        schema = _resolve(schema, root)
        if not isinstance(schema, dict):
            continue
        if isinstance(value, dict):
            properties = schema.get("properties")
            if not isinstance(properties, dict):
                continue
            if properties and not any(k in schema for k in _OPEN_KEYWORDS):
                for key in _extras(value, schema):
                    yield _problem(path, key)
            for key, sub in properties.items():
                if key in value:
                    stack.append((value[key], sub, path + (key,)))
        elif isinstance(value, list) and isinstance(schema.get("items"), dict):
            items = schema["items"]
            for index, item in enumerate(value):
                stack.append((item, items, path + (index,)))
