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
from terapi_lint.formats import is_date_time

CODE = "TL301"
NAME = "timestamps-out-of-order"
SEVERITY = "warning"


def _instant(value) -> datetime | None:
    if not isinstance(value, str) or not is_date_time(value):
        return None
    text = value.upper().replace("Z", "+00:00")
    if ":60" in text[17:20]:  # a valid leap second: compare as the second before
        text = text[:17] + "59" + text[19:]
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _plain_utc(text: str) -> bool:
    """``YYYY-MM-DDThh:mm:ssZ`` exactly, and a valid date-time."""
    return len(text) == 20 and text[19] in "Zz" and is_date_time(text)


def check(record, ctx) -> Iterator[Problem]:
    value = record.value
    if not isinstance(value, dict):
        return
    created_text, updated_text = value.get("created_at"), value.get("updated_at")
    if not (isinstance(created_text, str) and isinstance(updated_text, str)):
        return
    if _plain_utc(created_text) and _plain_utc(updated_text):
        # Same shape, both UTC: text order is time order, no parsing needed.
        earlier = updated_text.upper() < created_text.upper()
    else:
        created, updated = _instant(created_text), _instant(updated_text)
        earlier = created is not None and updated is not None and updated < created
    if earlier:
        yield Problem(NAME, "updated_at is earlier than created_at", ("updated_at",))
