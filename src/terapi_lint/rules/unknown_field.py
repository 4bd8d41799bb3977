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

For example, clean:
```json
{"id": "user-123", "provider_config_key": "github-prod", "provider": "github",
 "metadata": {"tenant": "acme"}}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from terapi_lint.findings import Problem, path_from_pointer
from terapi_lint.rules.base import label
from terapi_lint.schema.patterns import search

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
        if key not in properties and not any(search(p, key) for p in patterns)
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
        for token in path_from_pointer(node["$ref"][1:]):
            if not isinstance(target, dict) or token not in target:
                return None
            target = target[token]
        node, seen = target, seen + 1
    return node


class _Shape:
    """What the schema says about one object: its known members (None when open) and sub-shapes."""

    __slots__ = ("keys", "children", "items")

    def __init__(self) -> None:
        self.keys: frozenset[str] | None = None
        self.children: dict[str, _Shape] = {}
        self.items: _Shape | None = None


def _build(node: Any, root: dict, memo: dict[int, _Shape]) -> _Shape | None:
    """The shape of a schema node, or None when nothing below it can hold an unknown member."""
    node = _resolve(node, root)
    if not isinstance(node, dict):
        return None
    if id(node) in memo:  # recursive $ref: reuse the shape being built
        return memo[id(node)]
    shape = memo[id(node)] = _Shape()
    properties = node.get("properties")
    if isinstance(properties, dict):
        if properties and not any(k in node for k in _OPEN_KEYWORDS):
            shape.keys = frozenset(properties)
        for key, sub in properties.items():
            child = _build(sub, root, memo)
            if child is not None:
                shape.children[key] = child
    if isinstance(node.get("items"), dict):
        shape.items = _build(node["items"], root, memo)
    if shape.keys is None and not shape.children and shape.items is None:
        del memo[id(node)]
        return None
    return shape


_SHAPES: dict[int, tuple[dict, _Shape | None]] = {}


def _shape_of(schema: dict) -> _Shape | None:
    """The schema's shape tree, built once per schema object."""
    cached = _SHAPES.get(id(schema))
    if cached is None or cached[0] is not schema:
        cached = _SHAPES[id(schema)] = (schema, _build(schema, schema, {}))
    return cached[1]


def check(record, ctx) -> list[Problem] | tuple[()]:
    root = _shape_of(ctx.schema)
    if root is None:
        return ()
    found: list[Problem] = []
    stack: list[tuple[Any, _Shape, tuple]] = [(record.value, root, ())]
    while stack:
        value, shape, path = stack.pop()
        if type(value) is dict or isinstance(value, dict):
            keys = shape.keys
            if keys is not None and not keys.issuperset(value):
                found.extend(_problem(path, key) for key in value if key not in keys)
            for key, child in shape.children.items():
                if key in value:
                    stack.append((value[key], child, path + (key,)))
        elif shape.items is not None and isinstance(value, list):
            for index, item in enumerate(value):
                stack.append((item, shape.items, path + (index,)))
    return found or ()
