"""A member the structure marks as required is absent.

## What it checks
Members with `required: true` in the structure (the compiled schema's `required`), at any depth.
The pointer names the absent member (`/credentials/type`); the line and column are those of the
object that should hold it.

## Why it matters
Consumers of a connection look records up by `id` and `provider_config_key` and route them by
`provider`; a record without them cannot be used.

## Example
```json
{"id": "user-123", "provider": "github"}
```

## Fix
Add the member, or correct its spelling if it is present under another name.

For example, clean:
```json
{"id": "user-123", "provider_config_key": "github-prod", "provider": "github"}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from terapi_lint.findings import Problem
from terapi_lint.rules.base import label

CODE = "TL101"
NAME = "missing-required"
SEVERITY = "error"
KEYWORDS = ("required",)


def from_error(error, path: tuple) -> Iterator[Problem]:
    instance = error.instance
    if not isinstance(instance, dict):
        return
    for member in error.validator_value:
        if member not in instance:
            where = f" in {label(path)}" if path else ""
            yield Problem(NAME, f"required member '{member}' is missing{where}", path + (member,))
