"""The allowlist: findings a project accepts, each with a reason.

An entry names a rule, a file glob and a pointer (exact, or an fnmatch glob), and at most one
record selector: ``record`` (the record's 0-based number), ``line`` (the line the record starts
on) or ``id`` (the record's ``id`` member).  An entry meant for many records says
``records = "all"``; one that hides findings in more than one record without saying so is reported
(``allowlist-too-broad``).  An entry read from a config file also knows where it is written, so a
stale or too broad one is reported on its own line.
"""

from __future__ import annotations

import fnmatch
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from terapi_lint.config.kinds import Kind, Place, Selector
from terapi_lint.config.paths import match_path
from terapi_lint.suppression import RecordRef, Suppressor

_KEYS = ("path", "pointer", "rule", "reason")
_SELECTORS = ("record", "line", "id", "records")


@dataclass(frozen=True)
class AllowEntry:
    """One allowlist entry: findings of ``rule`` at ``pointer`` in files matching ``path``.

    ``record``, ``line`` and ``id`` select one record (at most one of them is set);
    ``all_records`` says the entry is meant for every record it matches.  ``at`` is where the entry
    is written: the JSON Pointer of the entry inside its config file, and its line and column
    (empty for an entry built in code).
    """

    path: str
    pointer: str
    rule: str
    reason: str
    at: tuple[str, int, int] | None = field(default=None, compare=False)
    record: int | None = None
    line: int | None = None
    id: str | int | None = None
    all_records: bool = False

    @property
    def selector(self) -> str:
        """How the entry picks its records: ``record = 3``, ``records = "all"``, "" for none."""
        for key in ("record", "line", "id"):
            value = getattr(self, key)
            if value is not None:
                return f"{key} = {json.dumps(value)}"
        return 'records = "all"' if self.all_records else ""

    def selects(self, record: RecordRef | None) -> bool:
        """Whether the selector admits a finding in ``record`` (None: outside any record)."""
        if self.record is None and self.line is None and self.id is None:
            return True
        if record is None:
            return False
        if self.record is not None:
            return record.number == self.record
        if self.line is not None:
            return record.line == self.line
        return record.id == self.id and type(record.id) is type(self.id)

    def matches(
        self, file: str, pointer: str, rule: str, code: str = "", root: str | None = None,
        record: RecordRef | None = None,
    ) -> bool:
        if rule != self.rule and (not code or code != self.rule):
            return False
        if pointer != self.pointer and not fnmatch.fnmatchcase(pointer, self.pointer):
            return False
        return self.selects(record) and match_path(self.path, file, root)

    def suppressor(self, index: int) -> Suppressor:
        """The entry as reports name it: ``allowlist[0]``, with its reason and its facts."""
        facts: list[tuple[str, Any]] = [("path", self.path), ("pointer", self.pointer), ("rule", self.rule)]
        if self.selector:
            facts.append(("selector", self.selector))
        if self.at is not None:
            facts.append(("line", self.at[1]))
        return Suppressor("allowlist", f"allowlist[{index}]", self.reason, tuple(facts))


class Allowlist:
    """The allowlist of a run: which entry, if any, accepts a finding."""

    def __init__(
        self, entries: Iterable[AllowEntry] = (), root: str | os.PathLike[str] | None = None
    ):
        self.entries: tuple[AllowEntry, ...] = tuple(entries)
        self.root = None if root is None else os.fspath(root)

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, file: str, pointer: str, rule: str, code: str = "",
              record: RecordRef | None = None) -> int | None:
        """The index of the first entry that accepts this finding, or None."""
        for i, entry in enumerate(self.entries):
            if entry.matches(file, pointer, rule, code, self.root, record):
                return i
        return None

    def matches(self, file: str, pointer: str, rule: str, code: str = "", record: RecordRef | None = None) -> bool:
        return self.match(file, pointer, rule, code, record) is not None


class Entries(Kind):
    """The ``allowlist`` setting: an array of tables with path, pointer, rule, a reason, and at
    most one record selector."""

    doc = "array of tables: `path`, `pointer`, `rule`, `reason`; one of `record`, `line`, `id` or `records = \"all\"`"

    def read(self, value: Any, place: Place) -> tuple[AllowEntry, ...]:
        if not isinstance(value, list):
            raise place.fail("must be an array of tables ([[tool.terapi-lint.allowlist]])")
        return tuple(self._entry(item, place.at(i)) for i, item in enumerate(value))

    @staticmethod
    def _entry(item: Any, place: Place) -> AllowEntry:
        if not isinstance(item, dict):
            raise place.fail("must be a table with path, pointer, rule and reason")
        extra = set(item) - set(_KEYS) - set(_SELECTORS)
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
        entry = AllowEntry(item["path"], pointer, item["rule"], item["reason"].strip(), **_selector(item, place))
        return replace(entry, at=place.locate(place.path)) if place.locate else entry


def _selector(item: dict[str, Any], place: Place) -> dict[str, Any]:
    """The entry's record selector, checked: at most one of record, line, id, records."""
    given = [key for key in _SELECTORS if key in item]
    if len(given) > 1:
        raise place.fail(f"gives both '{given[0]}' and '{given[1]}'; one selector per entry")
    if not given:
        return {}
    key, value = given[0], item[given[0]]
    if key == "records":
        if value != "all":
            raise place.fail("'records' can only be \"all\" (or give record, line or id for one record)")
        return {"all_records": True}
    if key == "id":
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise place.fail("'id' must be the record's id, a string or an integer")
        return {"id": value}
    lowest = 0 if key == "record" else 1
    if isinstance(value, bool) or not isinstance(value, int) or value < lowest:
        what = "the record's 0-based number" if key == "record" else "the line the record starts on"
        raise place.fail(f"'{key}' must be {what}, an integer >= {lowest}")
    return {key: value}
