"""An allowlist entry hid findings in more than one record without saying it is meant to.

## What it checks
After a run, every `[[tool.terapi-lint.allowlist]]` entry that hid findings in more than one
record (or more than one file) is reported against the configuration file, unless it says
`records = "all"`.  An entry selects its record with `record` (the 0-based record number: an
NDJSON line, a YAML document, an item of the array of records), `line` (the line the record
starts on) or `id` (the record's `id` member).

## Why it matters
An entry written for one known test token at `/credentials/access_token` matches that pointer in
every record of a dump: a real leaked token in another record would be hidden by it, and the
summary would only count it as suppressed.

## Example
```toml
[[tool.terapi-lint.allowlist]]
path = "exports/big.ndjson"
pointer = "/credentials/access_token"
rule = "secret-key"
reason = "the demo token of record 12"
```
when 50 records of `exports/big.ndjson` hold an access token.

## Fix
Name the one record the entry is for (`record = 12`, `line = 13` or `id = "user-12"`), or, when
every record really is meant, say `records = "all"`.

For example, clean:
```toml
[[tool.terapi-lint.allowlist]]
path = "exports/big.ndjson"
pointer = "/credentials/access_token"
rule = "secret-key"
record = 12
reason = "the demo token of record 12"
```
"""

CODE = "TL402"
NAME = "allowlist-too-broad"
SEVERITY = "warning"
