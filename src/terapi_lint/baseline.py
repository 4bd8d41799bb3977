"""The baseline: today's findings recorded, so that only new ones are reported.

``--write-baseline FILE`` records every finding a run reports; ``--baseline FILE`` hides the
findings it records and counts them as suppressed by the baseline (:mod:`terapi_lint.suppression`),
and reports each entry that hid nothing as ``unused-baseline-entry``; ``--prune-baseline`` rewrites
the file without those.

An entry names a finding by its file (relative to the baseline's folder), the record's ``id`` in
a file of several records, the pointer inside the record, the rule, and for the rules about a value
a keyed hash of that value: HMAC-SHA256 with a random key kept in the file.  So moving a record or
reformatting a file keeps its entries matching, while a changed secret is a new finding; the file
never holds a value or an unsalted hash of one (a guessable secret cannot be confirmed from it
without the key, and the key is useless without the file).  Entries are sorted and written one a
line, with a count when several findings share one, so the file diffs well and is the same for the
same findings.  Findings that say a file was not checked (``parse-error``, ``records-not-found``)
are never recorded.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from terapi_lint.findings import Finding, Problem, pointer_from_path
from terapi_lint.suppression import RecordRef, Suppressed, Suppressor

VERSION = 1
#: Rules about a value: their entries hold the value's keyed hash.
VALUE_RULES = frozenset({"secret-key", "secret-value", "invalid-enum", "invalid-date-time", "wrong-type",
                         "metadata-not-object", "schema-violation"})
#: Rules never recorded: a file that could not be checked is always said, and the configuration's
#: own findings are fixed where they are written.
NOT_RECORDED = frozenset({"parse-error", "records-not-found", "unused-allowlist-entry", "allowlist-too-broad",
                          "unused-baseline-entry"})

#: (file, record id, pointer inside the record, rule, value hash): what an entry matches.
Key = tuple[str, "str | None", str, str, "str | None"]


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names it and says what to do."""


@dataclass(frozen=True)
class Entry:
    key: Key
    count: int
    line: int  # where it is written in the baseline file


class Baseline:
    """A baseline file read (or, when ``record`` is True, being recorded: every finding matches)."""

    def __init__(self, path: str, key: bytes, entries: Iterable[Entry] = (), *, record: bool = False) -> None:
        self.path = path
        self.root = os.path.dirname(os.path.abspath(path))
        self.key = key
        self.record = record
        self.entries = {entry.key: entry for entry in entries}
        self._index = {key: i for i, key in enumerate(self.entries)}
        self._suppressors: dict[Key, Suppressor] = {}

    @classmethod
    def read(cls, path: str) -> Baseline:
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as error:
            raise BaselineError(f"cannot read the baseline {path}: {(error.strerror or '').lower()}; "
                                "write one with --write-baseline") from None
        try:
            data = json.loads(text)
            key = bytes.fromhex(data["key"])
            rows = data["entries"]
            lines = _entry_lines(text)
            entries = [Entry((r["file"], r.get("id"), r["pointer"], r["rule"], r.get("value")), int(r.get("count", 1)),
                             lines[i] if i < len(lines) else 1) for i, r in enumerate(rows)]
        except (ValueError, KeyError, TypeError, AttributeError):
            raise BaselineError(f"{path} is not a terapi-lint baseline; write it again with --write-baseline") from None
        return cls(path, key, entries)

    @classmethod
    def recording(cls, path: str) -> Baseline:
        """A baseline to write at ``path``, keeping the key of the one there (so unchanged
        findings keep their entries byte for byte)."""
        try:
            key = cls.read(path).key
        except BaselineError:
            import secrets  # only with a baseline: not at every start

            key = secrets.token_bytes(32)
        return cls(path, key, record=True)

    def ref(self, ref: RecordRef, value: Any, problem: Problem, record_id: str | None) -> RecordRef:
        """``ref`` carrying what the baseline keys a record's finding by."""
        digest = None
        if problem.rule in VALUE_RULES:
            digest = self.digest(_at(value, problem.path))
        return replace(ref, baseline=(record_id, pointer_from_path(problem.path), digest))

    def digest(self, value: Any) -> str:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
        import hashlib
        import hmac

        return hmac.new(self.key, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def key_of(self, finding: Finding, ref: RecordRef | None) -> Key:
        file = finding.file if finding.file.startswith("<") else \
            os.path.relpath(os.path.abspath(finding.file), self.root).replace(os.sep, "/")
        if ref is not None and ref.baseline is not None:
            record_id, pointer, digest = ref.baseline
            return (file, record_id, pointer, finding.rule, digest)
        return (file, None, finding.pointer, finding.rule, None)

    def apply(self, findings: list[Finding], refs: dict[Finding, RecordRef],
              suppressed: list[tuple[Suppressor, Finding, int | None]],
              used: dict[Key, int] | None = None) -> list[Finding]:
        """The findings the baseline does not hold; the others go to ``suppressed``.  ``used``
        counts what each entry hid so far in the file (its ranges joined before these findings)."""
        kept: list[Finding] = []
        used = {} if used is None else used
        for finding in findings:
            ref = refs.get(finding)
            if finding.rule in NOT_RECORDED:
                kept.append(finding)
                continue
            key = self.key_of(finding, ref)
            entry = self.entries.get(key)
            if not self.record and (entry is None or used.get(key, 0) >= entry.count):
                kept.append(finding)
                continue
            used[key] = used.get(key, 0) + 1
            suppressed.append((self.suppressor(key, entry), finding, None if ref is None else ref.number))
        return kept

    def suppressor(self, key: Key, entry: Entry | None) -> Suppressor:
        """The suppressor of an entry, named so that the parent process knows it whichever
        process made it: ``baseline[N]`` for the file's Nth entry; when recording, the key itself."""
        found = self._suppressors.get(key)
        if found is None:
            file, record_id, pointer, rule, _ = key
            line = entry.line if entry is not None else None
            facts = (("path", file), ("id", record_id), ("pointer", pointer), ("rule", rule), ("line", line))
            name = f"baseline[{self._index[key]}]" if entry is not None else f"baseline:{json.dumps(key)}"
            found = Suppressor("baseline", name, f"recorded in the baseline {self.path}",
                               tuple(f for f in facts if f[1] is not None))
            self._suppressors[key] = found
        return found

    def used(self, suppressed: Suppressed) -> dict[Key, int]:
        """How many findings each entry hid in a run (when recording: each finding's key)."""
        out: dict[Key, int] = {}
        keys = list(self.entries)
        for suppressor, found in suppressed.hidden.items():
            if suppressor.source != "baseline":
                continue
            name = suppressor.name
            key = tuple(json.loads(name[len("baseline:"):])) if name.startswith("baseline:") \
                else keys[int(name[len("baseline["):-1])]
            out[key] = out.get(key, 0) + len(found)  # type: ignore[index]
        return out  # type: ignore[return-value]

    def stale(self, files: Iterable[str], suppressed: Suppressed) -> Iterator[tuple[Entry, int]]:
        """Each entry for a linted (or deleted) file that hid fewer findings than it records,
        with how many it hid."""
        linted = {self.key_of(Finding(f, 1, 1, "", "", "", ""), None)[0] for f in files}
        used = self.used(suppressed)
        for key, entry in self.entries.items():
            hid = used.get(key, 0)
            if hid < entry.count and (key[0] in linted or not os.path.exists(os.path.join(self.root, key[0]))):
                yield entry, hid

    def write(self, entries: dict[Key, int]) -> None:
        """Write ``entries`` (key -> count) to the file, sorted, one a line, atomically."""
        from terapi_lint.atomic import AtomicFile

        rows = []
        for key in sorted(entries, key=lambda k: tuple("" if part is None else part for part in k)):
            file, record_id, pointer, rule, digest = key
            row: dict[str, Any] = {"file": file}
            if record_id is not None:
                row["id"] = record_id
            row.update(pointer=pointer, rule=rule)
            if digest is not None:
                row["value"] = digest
            if entries[key] != 1:
                row["count"] = entries[key]
            rows.append(json.dumps(row, ensure_ascii=False))
        body = ",\n".join(f"    {row}" for row in rows)
        text = (f'{{\n  "version": {VERSION},\n  "key": "{self.key.hex()}",\n  "entries": [\n'
                f'{body}{chr(10) if rows else ""}  ]\n}}\n')
        out = AtomicFile(self.path)
        out.write(text.encode("utf-8"))
        out.commit()


def _at(value: Any, path: tuple) -> Any:
    for token in path:
        try:
            value = value[token]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _entry_lines(text: str) -> list[int]:
    """The line of each entry in a baseline file written by :meth:`Baseline.write` (one a line)."""
    return [number for number, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith('{"file"')]


def baseline_of(options: Any) -> Baseline | None:
    """The run's baseline: the one being written (``--write-baseline``), else the one read
    (``--baseline``), else None.  Raises :class:`BaselineError` when it cannot be read."""
    if options.write_baseline:
        return Baseline.recording(options.write_baseline)
    return Baseline.read(options.baseline) if options.baseline else None


def stale_entries(pipeline: Any, files: list[str], suppressed: Suppressed) -> Iterator[Finding]:
    """``unused-baseline-entry`` for each entry that hid less than it records, where it is written."""
    from terapi_lint import rules

    baseline = pipeline.baseline
    rule = "unused-baseline-entry"
    if rule not in pipeline.enabled:
        return
    name = os.path.relpath(baseline.path) if os.path.isabs(baseline.path) else baseline.path
    for entry, hid in baseline.stale(files, suppressed):
        file, _, pointer, what, _ = entry.key
        missing = entry.count - hid
        matched = f"{missing} finding{'s' * (missing != 1)} fewer than it records" if hid else "nothing"
        yield Finding(file=name.replace(os.sep, "/"), line=entry.line, column=5, pointer="", rule=rule,
                      severity=pipeline.severities[rule], code=rules.BY_NAME[rule].CODE,
                      message=f"baseline entry for {what} at {file} {pointer or '/'} matched {matched}; "
                              "remove it with --prune-baseline")
