"""A value breaks a keyword of the schema that no more specific rule covers.

## What it checks
Every other JSON Schema keyword of a user's schema or structure: lengths, patterns, numeric
bounds, array sizes, `anyOf`/`oneOf`/`not`, formats other than date-time, and so on.  Messages
name the keyword and the limit from the schema, never the value itself.

## Why it matters
These are the constraints a user wrote into their own structure; each one failing means the record
is not what the structure promises.

## Example
```json
{"id": ""}
```
with a structure that gives `id` a `minLength` of 1.

## Fix
Change the value to satisfy the constraint named in the message, or relax the structure.

For example, clean:
```json
{"id": "user-123"}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from terapi_lint.findings import Problem
from terapi_lint.rules.base import label

CODE = "TL199"
NAME = "schema-violation"
SEVERITY = "error"
KEYWORDS = ()  # the fallback for every keyword no other rule claims

_TEMPLATES = {
    "minLength": "is shorter than {v} characters",
    "maxLength": "is longer than {v} characters",
    "pattern": "does not match the pattern {v!r}",
    "minimum": "is less than the minimum {v}",
    "maximum": "is greater than the maximum {v}",
    "exclusiveMinimum": "must be greater than {v}",
    "exclusiveMaximum": "must be less than {v}",
    "multipleOf": "is not a multiple of {v}",
    "minItems": "has fewer than {v} items",
    "maxItems": "has more than {v} items",
    "uniqueItems": "has duplicate items",
    "minProperties": "has fewer than {v} members",
    "maxProperties": "has more than {v} members",
    "format": "is not a valid {v}",
    "anyOf": "does not match any of the allowed shapes",
    "oneOf": "does not match exactly one of the allowed shapes",
    "not": "matches a shape the schema forbids",
    "contains": "has no item of the required shape",
    "minContains": "has too few items of the required shape",
    "maxContains": "has too many items of the required shape",
    "dependentRequired": "lacks members that others depend on",
    "propertyNames": "has a member name the schema does not allow",
    "false": "is not allowed here",
}


def from_error(error, path: tuple) -> Iterator[Problem]:
    keyword = "false" if error.validator is None else error.validator  # None: a false schema
    template = _TEMPLATES.get(keyword)
    value = error.validator_value
    if template is None:
        text = f"fails the schema keyword '{keyword}'"
    else:
        text = template.format(v=value)
    yield Problem(NAME, f"{label(path)} {text}", path)
