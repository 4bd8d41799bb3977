"""A baseline entry matched no finding: what it recorded was fixed, or changed.

## What it checks
After a run with `--baseline FILE`, every entry of the baseline for a file that was linted (or
that no longer exists) and that hid fewer findings than it records is reported where it is
written in the baseline file.  A secret that changed is a new finding, and its old entry is stale.

## Why it matters
A stale entry is noise that hides how far the clean-up has come, and an entry kept for a pointer
that is clean today would hide the next finding recorded there.

## Example
```json
    {"file": "fixtures/old.json", "pointer": "/credentials/password", "rule": "secret-key", "value": "9f2c..."}
```
when `fixtures/old.json` no longer holds that password.

## Fix
Run `terapi-lint check --baseline FILE --prune-baseline PATHS` to remove the stale entries.

For example, clean:
```sh
terapi-lint check --baseline .terapi-lint-baseline.json --prune-baseline fixtures/
```
"""

CODE = "TL403"
NAME = "unused-baseline-entry"
SEVERITY = "warning"
