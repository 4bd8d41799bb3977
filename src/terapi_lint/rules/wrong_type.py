"""A member holds a value of the wrong JSON type.

## What it checks
The `type` of every member the structure defines: strings, integers, numbers, booleans, objects,
arrays and null where the structure allows it.  In YAML input an unquoted `yes`, `no`, `on`, `off`,
`true` or `false` is read as a boolean; the message says to quote it.

## Why it matters
A value of the wrong type breaks every consumer that trusts the structure, usually far from the
place where it was written.

## Example
```yaml
id: user-123
provider_config_key: github-prod
provider: no
```

## Fix
Write the value with the type the structure gives; in YAML, quote strings that look like booleans
or numbers (`provider: "no"`); `terapi-lint check --fix` quotes them, keeping the text as
written.

For example, clean:
```yaml
id: user-123
provider_config_key: github-prod
provider: "no"
```
"""

from __future__ import annotations

from collections.abc import Iterator

from terapi_lint.findings import Problem
from terapi_lint.jsontypes import json_type
from terapi_lint.rules.base import label

CODE = "TL102"
NAME = "wrong-type"
SEVERITY = "error"
KEYWORDS = ("type",)

_YAML_HINT = "; YAML reads unquoted yes/no/on/off/true/false as booleans: quote the value"


def expected_types(validator_value) -> list[str]:
    return [validator_value] if isinstance(validator_value, str) else list(validator_value)


def from_error(error, path: tuple, kind: str = "json") -> Iterator[Problem]:
    expected = expected_types(error.validator_value)
    got = json_type(error.instance)
    message = f"{label(path)} must be {' or '.join(expected)}, not {got}"
    if kind == "yaml" and got == "boolean" and "string" in expected:
        message += _YAML_HINT
    yield Problem(NAME, message, path)
