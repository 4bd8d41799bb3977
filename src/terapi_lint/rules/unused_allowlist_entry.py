"""An allowlist entry in the configuration matched no finding.

## What it checks
After a run, every `[[tool.terapi-lint.allowlist]]` entry that suppressed nothing is reported
against the configuration file.

## Why it matters
Stale entries accumulate and, since they match by path and pointer, can later hide a real secret
that lands at the same place.

## Example
```toml
[[tool.terapi-lint.allowlist]]
path = "fixtures/old.json"
pointer = "/credentials/password"
rule = "secret-key"
reason = "test fixture"
```
when `fixtures/old.json` no longer has that member.

## Fix
Delete the entry.

For example, clean:
```toml
# the entry is deleted; entries that still hide a finding stay
```
"""

CODE = "TL401"
NAME = "unused-allowlist-entry"
SEVERITY = "warning"
