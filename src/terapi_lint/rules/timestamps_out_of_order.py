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

import re
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


# A valid UTC date-time with a day every month has (01-28): most timestamps.  One match both
# validates it and splits it into the part that compares as text and the fraction.
_COMMON_UTC = re.compile(
    r"(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])[Tt](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d)"
    r"(\.\d+)?(?:[Zz]|[+-]00:00)",
    re.ASCII,
).fullmatch


def check(record, ctx) -> tuple[Problem, ...]:
    value = record.value
    if type(value) is not dict:
        return ()
    created_text, updated_text = value.get("created_at"), value.get("updated_at")
    if type(created_text) is not str or type(updated_text) is not str:
        return ()
    created_match, updated_match = _COMMON_UTC(created_text), _COMMON_UTC(updated_text)
    if created_match is not None and updated_match is not None:
        # Both UTC: the text up to the seconds compares as text, the fractions as numbers.
        created_whole, created_fraction = created_match.groups()
        updated_whole, updated_fraction = updated_match.groups()
        created_whole, updated_whole = created_whole.upper(), updated_whole.upper()  # 't' or 'T'
        earlier = updated_whole < created_whole or (
            updated_whole == created_whole and float(updated_fraction or 0) < float(created_fraction or 0)
        )
    else:
        created, updated = _instant(created_text), _instant(updated_text)
        earlier = created is not None and updated is not None and updated < created
    if earlier:
        return (Problem(NAME, "updated_at is earlier than created_at", ("updated_at",)),)
    return ()
