"""The records pointer leads nowhere in this file, so none of its records were checked.

## What it checks
With `records` set (`--records POINTER`, or `records = "/pointer"` in the config file), every
file is read at that JSON Pointer.  When the pointer does not resolve (a member is missing, an
index is past the end, or the value there is neither an array nor an object) the file has no
records to check, and this finding says where the pointer stops and what the document holds there.
Like `parse-error`, it is reported whatever `--select` says: only an ignore naming it silences it.

## Why it matters
A file whose records were never found was never checked: a gate that said nothing about it would
turn green on data it did not read.

## Example
```toml
[tool.terapi-lint]
records = "/response/body/connections"
```
applied to a file holding one bare connection record: "no records at /response/body/connections:
the top level is an object of 5 members, none named 'response'; it looks like one connection record".

## Fix
Set the pointer only for the files that hold records there, per glob:
`records = { "exports/*.json" = "/response/body/connections" }` (other files are read as they are),
or correct the pointer.

For example, clean:
```toml
[tool.terapi-lint]
records = { "exports/*.json" = "/response/body/connections" }
```
"""

CODE = "TL003"
NAME = "records-not-found"
SEVERITY = "error"
