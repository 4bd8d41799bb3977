"""A date-time member is not a strict RFC 3339 timestamp.

## What it checks
Members whose structure type is a date-time (`created_at`, `updated_at`, `credentials.expires_at`):
RFC 3339 section 5.6 with a mandatory offset (`Z` or `+hh:mm`, at most 23:59), real calendar days,
hours 00-23, and a leap second only at 23:59:60 UTC.  The message says what is wrong: no offset,
an impossible day, hour 24, a space instead of `T`, or not a date-time at all.

## Why it matters
Without an offset a timestamp means a different instant on every machine; token-expiry checks built
on it refresh too early or too late.

## Example
```json
{"credentials": {"expires_at": "2026-05-04 08:00:00"}}
```

## Fix
Write the instant in RFC 3339, for example `2026-05-04T08:00:00Z`.  `terapi-lint check --fix`
does it for a valid instant written loosely (a space for `T`, `+0000` for `+00:00`); it never
guesses a missing offset or repairs an impossible date.

For example, clean:
```json
{"credentials": {"expires_at": "2026-05-04T08:00:00Z"}}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from terapi_lint.findings import Problem
from terapi_lint.schema.formats import date_time_problem
from terapi_lint.rules.base import label

CODE = "TL104"
NAME = "invalid-date-time"
SEVERITY = "error"
KEYWORDS = ("format",)


def from_error(error, path: tuple) -> Iterator[Problem]:
    if error.validator_value != "date-time" or not isinstance(error.instance, str):
        return
    reason = date_time_problem(error.instance) or "it is not an RFC 3339 date-time"
    yield Problem(NAME, f"{label(path)} is not a valid date-time: {reason}", path)
