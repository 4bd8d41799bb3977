"""An inline `# terapi-lint: disable...` comment that suppresses nothing.

## What it checks
In YAML files, every `# terapi-lint: disable=RULES` (that line), `disable-next-line=RULES` (the
next line) and `disable-file` comment that hid no finding in the run, or that names no rule.

## Why it matters
A comment left behind after the value was fixed would silently hide the next finding written on
that line, a new secret included.

## Example
```yaml
provider: github  # terapi-lint: disable=invalid-enum
```
when `provider` holds nothing `invalid-enum` reports.

## Fix
Delete the comment, or correct the rule name it gives.

For example, clean:
```yaml
provider: github
```
"""

CODE = "TL404"
NAME = "unused-suppression"
SEVERITY = "warning"
