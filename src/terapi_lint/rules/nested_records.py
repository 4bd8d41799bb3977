"""The file is not a connection record but holds connection records deeper down.

## What it checks
A file read as one record (a single JSON or YAML document, no `--records` pointer) that has
neither `id` nor `provider_config_key`, but holds an array of objects that do, such as a saved
list-connections API response (`/response/body/connections`) or an export under `/data`.  The
finding is placed on that array and names the `--records` pointer that lints its items.

## Why it matters
Read from the top, such a file gives a wall of `missing-required` and `unknown-field` findings
about the envelope, and not one of the records inside it is checked: their secrets, enums and
date-times go unseen.

## Example
```json
{"request": {"method": "GET"},
 "response": {"status": 200, "body": {"connections": [
   {"id": "user-123", "provider_config_key": "github-prod", "provider": "github"}]}}}
```

## Fix
Lint the records where they are: `terapi-lint check --records /response/body/connections FILE`,
or in the config file `records = { "responses/*.json" = "/response/body/connections" }`.

For example, clean (the same file, linted with `--records /response/body/connections`):
```json
{"id": "user-123", "provider_config_key": "github-prod", "provider": "github"}
```
"""

from __future__ import annotations

from collections import deque

from terapi_lint.findings import Problem, pointer_from_path

CODE = "TL004"
NAME = "nested-records"
SEVERITY = "warning"

_MAX_DEPTH = 6  # an API response or an export envelope nests its records a few levels deep


def check(record, ctx) -> tuple[Problem, ...]:
    value = record.value
    if record.many or not isinstance(value, dict) or "id" in value or "provider_config_key" in value:
        return ()
    path = _records_path(value)
    if path is None:
        return ()
    pointer = pointer_from_path(path)
    return (Problem(NAME, f"this document is not a connection record, but it holds connection records "
                          f"here: lint them with --records {pointer}", path),)


def _records_path(document: dict) -> tuple | None:
    """The path of the shallowest array whose first item is an object with ``id`` and
    ``provider_config_key``, breadth first; None if there is none within a few levels."""
    queue: deque[tuple[tuple, object]] = deque([((), document)])
    while queue:
        path, value = queue.popleft()
        if len(path) > _MAX_DEPTH:
            continue
        if isinstance(value, dict):
            queue.extend(((*path, key), member) for key, member in value.items())
        elif isinstance(value, list) and value and path:
            first = value[0]
            if isinstance(first, dict) and "id" in first and "provider_config_key" in first:
                return path
    return None
