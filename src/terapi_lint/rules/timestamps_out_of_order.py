"""`updated_at` is earlier than `created_at`.

## What it checks
When both timestamps are valid RFC 3339 date-times, the record cannot have been updated before it
was created.  Offsets are taken into account.

## Why it matters
It usually means the two fields were swapped, or one was written in local time without its offset;
sync jobs that pick up "changed since" records then miss this one.

## Example
```json
{"created_at": "2026-05-03T08:00:00Z", "updated_at": "2026-01-15T10:00:00Z"}
```

## Fix
Swap the values or correct the offset of the one written in local time.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from terapi_lint.findings import Problem
from terapi_lint.formats import date_time_problem

CODE = "TL301"
NAME = "timestamps-out-of-order"
SEVERITY = "warning"


def _instant(value) -> datetime | None:
    if not isinstance(value, str) or date_time_problem(value) is not None:
        return None
    text = value.upper().replace("Z", "+00:00")
    if ":60" in text[17:20]:  # a valid leap second: compare as the second before
        text = text[:17] + "59" + text[19:]
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def check(record, ctx) -> Iterator[Problem]:
    value = record.value
    if not isinstance(value, dict):
        return
    created = _instant(value.get("created_at"))
    updated = _instant(value.get("updated_at"))
    if created is not None and updated is not None and updated < created:
        yield Problem(NAME, "updated_at is earlier than created_at", ("updated_at",))
