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

For example, clean:
```json
{"created_at": "2026-01-15T10:00:00Z", "updated_at": "2026-05-03T08:00:00Z"}
```
"""

from __future__ import annotations

from datetime import datetime

from terapi_lint.findings import Problem
from terapi_lint.schema.formats import is_date_time

CODE = "TL301"
NAME = "timestamps-out-of-order"
SEVERITY = "warning"


def _instant(value) -> datetime | None:
    if not isinstance(value, str) or not is_date_time(value):
        return None
    text = value.upper().replace("Z", "+00:00")
    if text[16:19] == ":60":  # a valid leap second: compare as the second before
        text = text[:17] + "59" + text[19:]
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _later_by_the_second(created: str, updated: str) -> bool:
    """True when, if both are valid, ``updated`` is later by the whole seconds alone: both carry
    the same offset (``Z``, or the same ``±hh:mm``) and the same separator, so their first 19
    characters compare as text.  Most records are decided here, without validation (when either
    is invalid the rule reports nothing anyway) or parsing.  A leap second in ``updated``
    (compared as the second before it) is left to the full comparison."""
    created_zone, updated_zone = created[-6:], updated[-6:]
    return (
        (updated_zone[-1:] == "Z" == created_zone[-1:] or (updated_zone == created_zone and updated_zone[:1] in ("+", "-")))
        and updated[10:11] == created[10:11]
        and updated[:19] > created[:19]
        and updated[17:19] != "60"
    )


def check(record, ctx) -> tuple[Problem, ...]:
    value = record.value
    if type(value) is not dict:
        return ()
    created_text, updated_text = value.get("created_at"), value.get("updated_at")
    if type(created_text) is not str or type(updated_text) is not str:
        return ()
    if _later_by_the_second(created_text, updated_text):
        return ()
    created, updated = _instant(created_text), _instant(updated_text)
    earlier = created is not None and updated is not None and updated < created
    if earlier:
        return (Problem(NAME, "updated_at is earlier than created_at", ("updated_at",)),)
    return ()
