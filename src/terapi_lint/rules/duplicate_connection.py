"""The same connection appears twice in one file.

## What it checks
Within one file or dump, no two records share the pair (`id`, `provider_config_key`), which is
how Terapi identifies a connection.  Each later occurrence is reported and names the first one.

## Why it matters
An import that upserts by that pair keeps only one of the two, chosen by file order; the other's
credentials state and metadata are silently lost.

## Example
```json
[{"id": "user-123", "provider_config_key": "github-prod", "provider": "github"},
 {"id": "user-123", "provider_config_key": "github-prod", "provider": "github"}]
```

## Fix
Remove or merge one of the two records.

For example, clean:
```json
[{"id": "user-123", "provider_config_key": "github-prod", "provider": "github"}]
```
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator

from terapi_lint.findings import Problem, pointer_from_path

CODE = "TL302"
NAME = "duplicate-connection"
SEVERITY = "error"


class Keys:
    """Compact per-file index: a 64-bit hash of each record's key with where the record starts.

    Four machine-word arrays (32 bytes a record) instead of a dict of tuples, so a dump of
    millions of records stays small; chunks linted by different workers are joined with
    :meth:`extend` in file order and give the same findings as one worker.
    """

    def __init__(self) -> None:
        self.hashes = array("q")
        self.ordinals = array("q")  # NDJSON line / YAML document / array index
        self.lines = array("q")
        self.columns = array("q")
        self.prefix: tuple = ()  # pointer of the records' array, e.g. ("connections",)
        self.numbered = False  # records are NDJSON lines or YAML documents

    def extend(self, other: Keys, line_offset: int = 0, ordinal_offset: int = 0,
               first_line: tuple[int, int] = (0, 0)) -> None:
        """Append ``other``'s records; ``first_line`` is (line, shift): records on that line of
        ``other`` move ``shift`` columns (a chunk that starts mid-line)."""
        self.hashes.extend(other.hashes)
        self.ordinals.extend(o + ordinal_offset for o in other.ordinals)
        line, shift = first_line
        if shift:
            self.columns.extend(c + shift if n == line else c for n, c in zip(other.lines, other.columns))
        else:
            self.columns.extend(other.columns)
        self.lines.extend(n + line_offset for n in other.lines)
        self.prefix = self.prefix or other.prefix
        self.numbered = self.numbered or other.numbered


class Index:
    """The keys of a file's records seen so far, as its ranges are joined in file order: each
    later occurrence of a key is reported when its range is joined, naming the first occurrence.

    Per record: the 64-bit hash (8 bytes), the line the record starts on (8 bytes; its ordinal is
    kept apart only where it is not the NDJSON one, ``line - 1``) and a slot of an open-addressing
    table of ``array("I")`` (4 bytes, at most half full): about 24 bytes a record.  The later
    occurrences themselves are never looked up again, so only where the record starts is kept.
    """

    def __init__(self) -> None:
        self.hashes = array("q")
        self.lines = array("q")
        self.ordinals: array | None = None  # None while every ordinal is ``line - 1`` (NDJSON)
        self.slots = array("I", bytes(4 << 10))  # 0: empty; else 1 + the record's place in ``hashes``
        self.prefix: tuple = ()
        self.numbered = False

    def join(self, keys: Keys | None, line_offset: int = 0, ordinal_offset: int = 0,
             first_line: tuple[int, int] = (0, 0)) -> list[Problem]:
        """Add the records of a range (``keys``, moved to file terms as :meth:`Keys.extend` does)
        and return one problem per later occurrence of a key among them."""
        if keys is None or not keys.hashes:
            return []
        self.prefix = self.prefix or keys.prefix
        self.numbered = self.numbered or keys.numbered
        base = len(self.hashes)
        count = len(keys.hashes)
        self._grow(base + count)
        lines = array("q", (n + line_offset for n in keys.lines)) if line_offset else keys.lines
        ordinals = array("q", (o + ordinal_offset for o in keys.ordinals)) if ordinal_offset else keys.ordinals
        if self.ordinals is None and any(n - o != 1 for n, o in zip(lines, ordinals)):
            self.ordinals = array("q", (n - 1 for n in self.lines))
        self.hashes.extend(keys.hashes)
        self.lines.extend(lines)
        if self.ordinals is not None:
            self.ordinals.extend(ordinals)
        hashes, slots, mask = self.hashes, self.slots, len(self.slots) - 1
        repeats: list[tuple[int, int]] = []
        for i in range(base, base + count):
            digest = hashes[i]
            slot = digest & mask
            while held := slots[slot]:
                if hashes[held - 1] == digest:
                    repeats.append((i - base, held - 1))
                    break
                slot = (slot + 1) & mask
            else:
                slots[slot] = i + 1
        if not repeats:
            return []
        line, shift = first_line
        problems = []
        for i, first in repeats:
            column = keys.columns[i] + (shift if shift and keys.lines[i] == line else 0)
            ordinal = ordinals[i]
            path = () if self.numbered else self.prefix + (ordinal,)
            problems.append(Problem(NAME, f"same id and provider_config_key as {self._place(first)}", path,
                                    lines[i], column, ordinal if self.numbered else None))
        return problems

    def _grow(self, records: int) -> None:
        """A table at most half full for ``records`` keys (rebuilt from the hashes when it doubles)."""
        size = len(self.slots)
        if records * 2 <= size:
            return
        while records * 2 > size:
            size *= 2
        hashes, mask = self.hashes, size - 1
        slots = array("I", bytes(4 * size))
        for i, digest in enumerate(hashes):
            slot = digest & mask
            while slots[slot]:
                if hashes[slots[slot] - 1] == digest:
                    break  # a later occurrence: the table holds the first
                slot = (slot + 1) & mask
            else:
                slots[slot] = i + 1
        self.slots = slots

    def _place(self, i: int) -> str:
        ordinal = self.ordinals[i] if self.ordinals is not None else self.lines[i] - 1
        if self.numbered:
            return f"record {ordinal} (line {self.lines[i]})"
        return f"{pointer_from_path(self.prefix + (ordinal,))} (line {self.lines[i]})"


def check(record, ctx) -> tuple[Problem, ...]:
    """Index the record; duplicates are reported by :func:`finish` once the file is read."""
    value = record.value
    if type(value) is not dict:
        return ()
    ident, config_key = value.get("id"), value.get("provider_config_key")
    if type(ident) is not str or type(config_key) is not str:
        return ()
    keys: Keys | None = ctx.state.get(NAME)
    if keys is None:
        keys = ctx.state[NAME] = Keys()
    if record.index is not None:
        ordinal, keys.numbered = record.index, True
    else:
        base = record.base
        ordinal = base[-1] if base and type(base[-1]) is int else 0
        keys.prefix = base[:-1]
    # Python's own hash: fast, and the same in every worker, since workers are forked from the
    # run's process and share its hash seed.  Two different keys share a 64-bit hash with odds of
    # about one in 10^7 for a dump of a million records.
    keys.hashes.append(hash((ident, config_key)))
    keys.ordinals.append(ordinal)
    keys.lines.append(record.line)
    keys.columns.append(record.column)
    return ()


def finish(keys: Keys | None) -> Iterator[Problem]:
    """One problem per later occurrence of a key, naming the first occurrence.

    Sorting a copy of the hashes finds the repeated ones (a million records cost a transient list
    of a million ints); one pass over the index then pairs each repeat with its first record.
    """
    if keys is None or len(keys.hashes) < 2:
        return
    ordered = sorted(keys.hashes)
    repeated = {a for a, b in zip(ordered, ordered[1:]) if a == b}
    del ordered
    if not repeated:
        return
    first: dict[int, int] = {}
    for i, digest in enumerate(keys.hashes):
        if digest in repeated:
            if digest in first:
                yield _problem(keys, i, first[digest])
            else:
                first[digest] = i


def _place(keys: Keys, i: int) -> str:
    if keys.numbered:
        return f"record {keys.ordinals[i]} (line {keys.lines[i]})"
    return f"{pointer_from_path(keys.prefix + (keys.ordinals[i],))} (line {keys.lines[i]})"


def _problem(keys: Keys, i: int, first: int) -> Problem:
    path = () if keys.numbered else keys.prefix + (keys.ordinals[i],)
    record = keys.ordinals[i] if keys.numbered else None
    return Problem(NAME, f"same id and provider_config_key as {_place(keys, first)}", path,
                   keys.lines[i], keys.columns[i], record)
