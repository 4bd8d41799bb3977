"""Join the results of a run's units, taken in order, into one result per file.

A file cut into ranges (:mod:`terapi_lint.splitting`) is linted range by range, anywhere (worker
processes, or a cluster); its ranges' findings are moved here to file lines, columns and record
numbers, and rules that compare records are finished on the joined state, so a file gives the
same findings however it was cut.

A joined file's findings wait on disk (:class:`Spilled`), each range's sorted, until the file is
finished: a dump with 400,000 findings does not hold them in memory.  Only without an allowlist,
which judges each finding with its record when the file is finished.
"""

from __future__ import annotations

import heapq
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from terapi_lint.discover import Unreadable
from terapi_lint.findings import Finding, path_from_pointer, pointer_from_path
from terapi_lint.interrupt import CtrlC
from terapi_lint.splitting import Unit


@dataclass
class Done:
    """What a unit gives back (picklable)."""

    result: Any = None  # FileResult
    newlines: int = 0  # newlines in a chunk's range, to shift the next chunk's lines
    tail_chars: int = 0  # characters after its last newline (all, without one), to shift columns
    binary: bool = False  # the chunk holds a NUL byte: the loader stopped reading there
    unreadable: Unreadable | None = None
    told: tuple[int, int] = (0, 0)  # bytes and records already reported while linting


def merge(pipeline: Any, done: Iterable[tuple[int, Unit, Done | None]], meter: Any = None,
          ctrl_c: CtrlC | None = None) -> Iterator[Any]:
    """FileResults (or Unreadable) from units' results taken in order, a file's ranges joined.

    ``done`` yields ``(group, unit, result)``: the units of one group are one file's, in order.
    A None result (Ctrl-C) ends the run: the file being joined comes last, its findings so far.
    """
    joining: _Join | None = None
    for index, unit, part in done:
        if part is None:
            if ctrl_c is not None:
                ctrl_c.pressed = True
            if joining is not None:
                joining.stop()
            break
        if meter is not None:
            records = part.result.records if part.result is not None else 0
            meter.advance(max(0, unit.size - part.told[0]), records - part.told[1])  # a stream's size is 0
        if not unit.chunked:
            if joining is not None:
                yield joining.finish()
                joining = None
            yield part.unreadable if part.unreadable is not None else part.result
            continue
        if joining is not None and joining.group != index:
            yield joining.finish()
            joining = None
        if joining is None:
            joining = _Join(pipeline, index, unit, ctrl_c)
        joining.add(unit, part)
        if joining.interrupted:
            break
    if joining is not None:
        finished = joining.finish()
        if finished is not None:
            yield finished


class _Join:
    """One FileResult from a file's ranges, joined as they arrive (so each is freed at once).

    An NDJSON range's records are numbered by line, so both shift by the lines before it; a JSON
    range was wrapped in a one-line head (its first record on line 2, column 1) and numbers its
    items from 0, so its lines shift by the lines before it less one, the columns of its first
    line by the characters before it on its file line, and its indexes by the records before.  A
    range with a NUL byte ends the file there, as one process would stop reading.  After Ctrl-C
    the ranges joined so far are the file's findings so far (None when there are none).
    """

    def __init__(self, pipeline: Any, group: int, first: Unit, ctrl_c: CtrlC | None = None) -> None:
        self.pipeline = pipeline
        self.group = group
        self.first = first
        self.ctrl_c = ctrl_c or CtrlC()
        self.interrupted = False
        self.whole: Any = None
        self.failed: Unreadable | None = None
        self.redo = self.stopped = False
        self.lines_before = self.columns_before = 0
        self.spilled: Spilled | None = None if pipeline.allowed else Spilled()

    def stop(self) -> None:
        """Ctrl-C: what was joined so far is the file's result, marked incomplete."""
        self.interrupted = True
        if self.whole is not None:
            self.whole.complete = False

    def add(self, unit: Unit, part: Done) -> None:
        if self.failed is not None or self.redo or self.stopped:
            return
        if part.unreadable is not None:
            self.failed = part.unreadable
            return
        result = part.result
        if unit.kind == "json" and result.parse_errors:
            self.redo = True  # a cut fell inside a record, or the file itself is broken
            return
        if self.whole is None:
            self.whole = result
            self.whole.findings = list(result.findings)
            self._spill()
        else:
            whole = self.whole
            if unit.kind == "json":
                lines, columns, index_shift = self.lines_before - 1, (2, self.columns_before), whole.records
                shift = lambda f: _shift_item(f, lines, columns, index_shift)  # noqa: E731
            else:
                lines = index_shift = self.lines_before
                columns = (0, 0)
                shift = lambda f: _shift(f, lines)  # noqa: E731
            for finding in result.findings:
                moved = shift(finding)
                whole.findings.append(moved)
                ref = result.refs.get(finding)
                if ref is not None:
                    whole.refs[moved] = replace(ref, number=ref.number + index_shift, line=ref.line + lines)
            whole.suppressed.extend((entry, shift(f), n) for entry, f, n in result.suppressed)
            self._spill()
            whole.records += result.records
            whole.parse_errors += result.parse_errors
            for name, state in result.states.items():
                if state is None:
                    continue
                if whole.states.get(name) is None:
                    whole.states[name] = type(state)()
                whole.states[name].extend(state, lines, index_shift, columns)
        self.lines_before += part.newlines
        self.columns_before = part.tail_chars + (0 if part.newlines else self.columns_before)
        self.stopped = part.binary
        if not result.complete:  # Ctrl-C stopped the worker part way through this range
            self.stop()

    def _spill(self) -> None:
        """The findings joined so far, to disk (sorted: a range's lines follow the range before's)."""
        if self.spilled is not None:
            self.spilled.add(sorted(self.whole.findings, key=Finding.sort_key))
            self.whole.findings = []

    def finish(self) -> Any:
        if self.failed is not None:
            return self.failed
        if self.redo:
            return None if self.interrupted else \
                self.ctrl_c.wait(lambda: self.pipeline.lint_source(self.first.name, self.first.source))
        if self.whole is not None:
            self.pipeline.finish_file(self.whole)  # the rules that compare records add theirs, sorted
            if self.spilled is not None and self.spilled.count:
                self.spilled.last = self.whole.findings
                self.whole.findings = self.spilled
        return self.whole


class Spilled:
    """A file's findings on disk, read back in order as often as they are iterated.

    Ranges of findings are added in file order, each sorted; ``last`` (sorted) is merged in when
    they are read: the findings of the rules that compare records, placed anywhere in the file.
    """

    def __init__(self) -> None:
        self.file: Any = None
        self.count = 0
        self.last: list[Finding] = []

    def add(self, findings: list[Finding]) -> None:
        if not findings:
            return
        if self.file is None:
            import tempfile  # only when a worker's findings spill: not at every start

            self.file = tempfile.TemporaryFile()
        pickle.dump(findings, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += len(findings)

    def _ranges(self) -> Iterator[Finding]:
        if self.file is None:
            return
        end = self.file.seek(0, 2)
        self.file.seek(0)
        while self.file.tell() < end:
            yield from pickle.load(self.file)

    def __iter__(self) -> Iterator[Finding]:
        return heapq.merge(self._ranges(), self.last, key=Finding.sort_key)

    def __len__(self) -> int:
        return self.count + len(self.last)

    def __del__(self) -> None:
        if self.file is not None:
            self.file.close()

    def __bool__(self) -> bool:
        return bool(len(self))


def _shift(finding: Any, lines: int) -> Any:
    record = finding.record + lines if finding.record is not None else None
    return finding.moved(finding.line + lines, finding.column, finding.pointer, record)


def _shift_item(finding: Any, lines: int, columns: tuple[int, int], items: int) -> Any:
    """A JSON range's finding in file terms: its line and column, and its array index in the pointer."""
    path = list(path_from_pointer(finding.pointer))
    at = 1 if path and path[0] == "connections" else 0
    if len(path) > at and path[at].isdigit():
        path[at] = str(int(path[at]) + items)
    column = finding.column + (columns[1] if finding.line == columns[0] else 0)
    return finding.moved(finding.line + lines, column, pointer_from_path(path), finding.record)
