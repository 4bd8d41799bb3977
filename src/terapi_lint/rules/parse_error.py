"""The file, line or document could not be read as JSON or YAML.

## What it checks
Every file is parsed exactly: JSON by RFC 8259 (no comments, trailing commas, NaN or Infinity,
single quotes, truncated documents), YAML with a safe loader (tags that would construct objects
are refused, never run), NDJSON one line at a time.  Invalid UTF-8, binary content, nesting deeper
than the supported limit and YAML alias bombs end here too.

## Why it matters
A record that cannot be parsed cannot be checked at all, and tools disagree on the lenient
extensions: what one accepts another rejects in production.

## Example
```json
{"id": "user-123", "provider": "github",}
```

## Fix
Correct the syntax at the reported line and column.  The message names what was expected; it never
quotes the file, since the broken line may hold a credential.

For example, clean:
```json
{"id": "user-123", "provider": "github"}
```
"""

CODE = "TL001"
NAME = "parse-error"
SEVERITY = "error"
