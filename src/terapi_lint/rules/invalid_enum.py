"""A member holds a value outside the structure's list of allowed values.

## What it checks
Members whose structure lists allowed values (`credentials.type` is one of `oauth2`, `oauth1`,
`api_key`, `basic`, `custom`).  When the value matches an allowed one but for case or a small
typo, the message suggests it; otherwise it lists the allowed values without repeating the bad one.

## Why it matters
Code that switches on the value (which refresh flow to run, which headers to send) silently takes
the wrong branch or none.

## Example
```json
{"credentials": {"type": "OAuth2"}}
```

## Fix
Use one of the allowed values exactly as the structure spells it.  `terapi-lint check --fix`
does it when the value differs from exactly one allowed value only by case, `-`/`_` or spacing.

For example, clean:
```json
{"credentials": {"type": "oauth2"}}
```
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from terapi_lint.findings import Problem
from terapi_lint.rules.base import label

CODE = "TL103"
NAME = "invalid-enum"
SEVERITY = "error"
KEYWORDS = ("enum", "const")


def suggestion(value: Any, allowed: list[Any]) -> Any | None:
    """The allowed value ``value`` was probably meant to be: same but for case, or a small typo."""
    if not isinstance(value, str):
        return None
    strings = [a for a in allowed if isinstance(a, str)]
    folded = value.casefold().replace("-", "_").replace(" ", "_")
    for candidate in strings:
        if candidate.casefold().replace("-", "_") == folded:
            return candidate
    if len(value) > 64:
        return None
    close = difflib.get_close_matches(value.casefold(), [s.casefold() for s in strings], n=1, cutoff=0.8)
    if close:
        return next(s for s in strings if s.casefold() == close[0])
    return None


def _show(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else repr(value)


def from_error(error, path: tuple) -> Iterator[Problem]:
    allowed = [error.validator_value] if error.validator == "const" else list(error.validator_value)
    where = label(path)
    near = suggestion(error.instance, allowed)
    if near is not None:
        # Quoting the value is safe here only because it matched an allowed member.
        message = f"{where} {_show(error.instance)} is not allowed; did you mean {_show(near)}?"
    elif len(allowed) == 1:
        message = f"{where} must be {_show(allowed[0])}"
    else:
        message = f"{where} must be one of: {', '.join(_show(a) for a in allowed)}"
    yield Problem(NAME, message, path)
