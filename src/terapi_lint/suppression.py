"""Suppressed findings: what a run found but did not report, and which entry hid each one.

A source of suppression (YAML inline comments, the allowlist, per-file-ignores, a baseline) hides findings
through its entries.  Nothing is hidden in silence: every report counts what each source hid
("50 suppressed by the allowlist, 2 by per-file-ignores"), the JSON report lists the findings per
entry and SARIF emits them as suppressed results.  The data is plain: a :class:`Suppressor` names
one entry, :class:`Suppressed` gathers what each entry hid during a run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from terapi_lint.findings import Finding

#: How summaries name each source, in the order they are listed.
SOURCES: dict[str, str] = {"inline": "inline comments", "allowlist": "the allowlist",
                           "per-file-ignores": "per-file-ignores", "baseline": "the baseline"}


@dataclass(frozen=True, slots=True)
class RecordRef:
    """The record a finding is in, as an entry's selector names it.

    ``number`` is the record's 0-based number (an NDJSON line, a YAML document, an item of the
    array of records, 0 for a single document), ``line`` the line it starts on, ``id`` its ``id``
    member when that is a string or an integer; ``baseline`` is set per finding when a baseline
    is in use (:mod:`terapi_lint.baseline`).
    """

    number: int
    line: int
    id: str | int | None = None
    #: What a baseline keys the finding by: (record id, pointer inside the record, value hash).
    baseline: tuple[str | None, str, str | None] | None = None


@dataclass(frozen=True)
class Suppressor:
    """One entry that hides findings: its source, how reports name it, and why it hides them.

    ``facts`` are what the JSON report shows of the entry (its path, pointer, rule, selector, the
    line it is written on...), as plain pairs.
    """

    source: str
    name: str
    reason: str
    facts: tuple[tuple[str, Any], ...] = field(default=(), compare=False)


#: Where one hidden finding was: (file, record number), the number None outside any record.
Place = tuple[str, "int | None"]


class Suppressed:
    """What a run hid so far: per entry, the findings in the order found and the records they were in."""

    def __init__(self) -> None:
        self.hidden: dict[Suppressor, list[Finding]] = {}
        self.records: dict[Suppressor, set[Place]] = {}

    def add(self, suppressor: Suppressor, finding: Finding, record: int | None = None) -> None:
        self.hidden.setdefault(suppressor, []).append(finding)
        self.records.setdefault(suppressor, set()).add((finding.file, record))

    def extend(self, items: Iterable[tuple[Suppressor, Finding, int | None]]) -> None:
        for suppressor, finding, record in items:
            self.add(suppressor, finding, record)

    def by_entry(self) -> dict[Suppressor, tuple[Finding, ...]]:
        """Each entry's findings, sorted, entries in source order (the report's plain data)."""
        order = list(SOURCES)
        entries = sorted(self.hidden, key=lambda s: order.index(s.source) if s.source in order else len(order))
        return {s: tuple(sorted(self.hidden[s], key=Finding.sort_key)) for s in entries}


def counts(suppressed: Mapping[Suppressor, Sequence[Finding]]) -> dict[str, int]:
    """How many findings each source hid, sources in :data:`SOURCES` order (only those that hid some)."""
    out: dict[str, int] = {}
    for suppressor, findings in suppressed.items():
        out[suppressor.source] = out.get(suppressor.source, 0) + len(findings)
    order = list(SOURCES)
    return dict(sorted(out.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)))


def summary(suppressed: Mapping[Suppressor, Sequence[Finding]]) -> str:
    """``50 suppressed by the allowlist, 2 by per-file-ignores`` ("" when nothing was hidden)."""
    parts = [f"{n} by {SOURCES.get(source, source)}" for source, n in counts(suppressed).items() if n]
    return f"{parts[0].replace(' by ', ' suppressed by ', 1)}{''.join(', ' + p for p in parts[1:])}" if parts else ""
