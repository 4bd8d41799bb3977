"""A member name appears twice in the same object.

## What it checks
Every object in JSON, NDJSON and YAML input is checked for repeated member names; the finding sits
on the second occurrence.

## Why it matters
RFC 8259 leaves the meaning of duplicate names undefined: most parsers keep the last value, some
the first, and a validator that sees only one of them may pass a record whose other copy is wrong
or holds a secret.

## Example
```json
{"id": "user-123", "provider": "github", "provider": "gitlab"}
```

## Fix
Keep one member per name and delete the other.

For example, clean:
```json
{"id": "user-123", "provider": "github"}
```
"""

CODE = "TL002"
NAME = "duplicate-key"
SEVERITY = "error"
