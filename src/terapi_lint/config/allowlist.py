"""The allowlist: findings a project accepts, each with a reason, and the entries that went stale.

An entry names a rule, a file glob and a pointer (exact, or an fnmatch glob); an entry read from a
config file also knows where it is written, so a stale one is reported on its own line.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from terapi_lint.config.kinds import Kind, Place, Selector
from terapi_lint.config.paths import match_path

_KEYS = ("path", "pointer", "rule", "reason")


@dataclass(frozen=True)
class AllowEntry:
    """One allowlist entry: findings of ``rule`` at ``pointer`` in files matching ``path``.

    ``at`` is where the entry is written: the JSON Pointer of the entry inside its config file,
    and its line and column (empty for an entry built in code).
    """

    path: str
    pointer: str
    rule: str
    reason: str
    at: tuple[str, int, int] | None = field(default=None, compare=False)

    def matches(
        self, file: str, pointer: str, rule: str, code: str = "", root: str | None = None
    ) -> bool:
        if rule != self.rule and (not code or code != self.rule):
            return False
        if pointer != self.pointer and not fnmatch.fnmatchcase(pointer, self.pointer):
            return False
        return match_path(self.path, file, root)


class Allowlist:
    """The allowlist of a run; remembers which entries matched, so stale ones can be reported."""

    def __init__(
        self, entries: Iterable[AllowEntry] = (), root: str | os.PathLike[str] | None = None
    ):
        self.entries: tuple[AllowEntry, ...] = tuple(entries)
        self.root = None if root is None else os.fspath(root)
        self._used: set[int] = set()

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, file: str, pointer: str, rule: str, code: str = "") -> AllowEntry | None:
        """The first entry that allows this finding (and mark it used), or None."""
        for i, entry in enumerate(self.entries):
            if entry.matches(file, pointer, rule, code, self.root):
                self._used.add(i)
                return entry
        return None

    def matches(self, file: str, pointer: str, rule: str, code: str = "") -> bool:
        return self.match(file, pointer, rule, code) is not None

    @property
    def used_indexes(self) -> frozenset[int]:
        """Indexes of entries used so far (to merge results from worker processes)."""
        return frozenset(self._used)

    def mark_used(self, indexes: Iterable[int]) -> None:
        self._used.update(indexes)

    def unused(self) -> list[AllowEntry]:
        """Entries that allowed nothing: stale, candidates for removal."""
        return [e for i, e in enumerate(self.entries) if i not in self._used]


class Entries(Kind):
    """The ``allowlist`` setting: an array of tables with path, pointer, rule and a reason."""

    doc = "array of tables: `path`, `pointer`, `rule`, `reason`"

    def read(self, value: Any, place: Place) -> tuple[AllowEntry, ...]:
        if not isinstance(value, list):
            raise place.fail("must be an array of tables ([[tool.terapi-lint.allowlist]])")
        return tuple(self._entry(item, place.at(i)) for i, item in enumerate(value))

    @staticmethod
    def _entry(item: Any, place: Place) -> AllowEntry:
        if not isinstance(item, dict):
            raise place.fail("must be a table with path, pointer, rule and reason")
        extra = set(item) - set(_KEYS)
        if extra:
            raise place.fail(f"has unknown key '{sorted(extra)[0]}'")
        for key in _KEYS:
            if key not in item:
                raise place.fail(f"is missing '{key}'")
            if not isinstance(item[key], str):
                raise place.fail(f"'{key}' must be a string")
        if not item["reason"].strip():
            raise place.fail("needs a non-empty 'reason'")
        if not item["path"]:
            raise place.fail("'path' must not be empty")
        pointer = item["pointer"]
        if pointer and not pointer.startswith(("/", "*")):
            raise place.fail("'pointer' must be a JSON Pointer (\"\" or starting with '/') or a glob")
        Selector(exact=True).read(item["rule"], place.at("rule"))
        entry = AllowEntry(item["path"], pointer, item["rule"], item["reason"].strip())
        return replace(entry, at=place.locate(place.path)) if place.locate else entry
