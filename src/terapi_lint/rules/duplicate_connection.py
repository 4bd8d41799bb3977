"""The same connection appears twice in one file.

## What it checks
Within one file or dump, no two records share the pair (`id`, `provider_config_key`), which is
how Terapi identifies a connection.  The finding sits on the second record and names the first.

## Why it matters
An import that upserts by that pair keeps only one of the two, chosen by file order; the other's
credentials state and metadata are silently lost.

## Example
```json
[{"id": "user-123", "provider_config_key": "github-prod", "provider": "github"},
 {"id": "user-123", "provider_config_key": "github-prod", "provider": "github"}]
```

## Fix
Remove or merge one of the two records.
"""

from __future__ import annotations

from collections.abc import Iterator

from terapi_lint.findings import Problem, pointer_from_path

CODE = "TL302"
NAME = "duplicate-connection"
SEVERITY = "error"


def _where(record) -> str:
    if record.index is not None:
        return f"record {record.index} (line {record.line})"
    return f"{pointer_from_path(record.base) or 'the document root'} (line {record.line})"


def check(record, ctx) -> Iterator[Problem]:
    value = record.value
    if not isinstance(value, dict):
        return
    key = (value.get("id"), value.get("provider_config_key"))
    if not all(isinstance(part, str) for part in key):
        return
    seen = ctx.state.setdefault(NAME, {})
    first = seen.get(key)
    if first is None:
        seen[key] = _where(record)
        return
    yield Problem(NAME, f"same id and provider_config_key as {first}", ())
