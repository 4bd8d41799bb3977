"""`metadata` is not a JSON object.

## What it checks
The top-level `metadata` member must be an object of key-value pairs.  The message says what it is
instead (string, array, null, number, boolean); a string that holds a JSON object is reported as an
object serialised twice.

## Why it matters
Metadata carries tenant ids and display names that other systems read by key; a string or a list
there makes every lookup fail, and a doubly serialised object hides its keys from every check,
secret detection included.

## Example
```json
{"metadata": "{\\"tenant_id\\": \\"acme-corp\\"}"}
```

## Fix
Store the object itself: `"metadata": {"tenant_id": "acme-corp"}`; use `{}` rather than `null`
when there is nothing to store.  `terapi-lint check --fix` replaces a string holding an object
with the object, laid out like its surroundings.

For example, clean:
```json
{"metadata": {"tenant_id": "acme-corp"}}
```
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from terapi_lint.findings import Problem
from terapi_lint.jsontypes import json_type

CODE = "TL105"
NAME = "metadata-not-object"
SEVERITY = "error"
KEYWORDS = ("type",)


def applies(error, path: tuple) -> bool:
    return path == ("metadata",) and error.validator == "type"


def from_error(error, path: tuple) -> Iterator[Problem]:
    if not applies(error, path):
        return
    value = error.instance
    got = json_type(value)
    if got == "string" and _holds_json_object(value):
        message = "metadata is a string holding a JSON object: it was serialised twice; store the object itself"
    elif got == "null":
        message = "metadata is null, not an object; use {} when there is no metadata"
    else:
        article = "an" if got[0] in "aeiou" else "a"
        message = f"metadata is {article} {got}, not an object of key-value pairs"
    yield Problem(NAME, message, path)


def _holds_json_object(text: str) -> bool:
    stripped = text.strip()
    if not (stripped.startswith("{") and stripped.endswith("}")):
        return False
    try:
        return isinstance(json.loads(stripped), dict)
    except (ValueError, RecursionError):
        return False


def check(record, ctx) -> list[Problem] | tuple[()]:
    """Runs even when a user's schema says nothing about ``metadata``."""
    value = record.value
    if isinstance(value, dict) and "metadata" in value and not isinstance(value["metadata"], dict):
        return list(from_error(_TypeError(value["metadata"]), ("metadata",)))
    return ()


class _TypeError:
    """The two attributes of a jsonschema type error that :func:`from_error` reads."""

    validator = "type"

    def __init__(self, instance) -> None:
        self.instance = instance
