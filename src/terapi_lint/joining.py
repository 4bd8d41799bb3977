"""Join the results of a run's units, taken in order, into one result per file.

A file cut into ranges (:mod:`terapi_lint.splitting`) is linted range by range, anywhere (worker
processes, or a cluster); its ranges' findings are moved here to file lines, columns and record
numbers, and rules that compare records are finished on the joined state, so a file gives the
same findings however it was cut.

Each range is finished as it is joined (the rules that compare records report what it repeats of
the ranges before, the allowlist judges its findings), so an NDJSON file's findings leave range by
range (:class:`Piece`), in the order one process gives them; a JSON dump's wait on disk
(:class:`Spilled`) until the file is finished, since a range that does not parse has the whole
file linted again.
"""

from __future__ import annotations

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


@dataclass
class Piece:
    """Findings of a file still being joined, judged and in report order: an NDJSON file's
    findings leave range by range; its FileResult, with the rest, comes after its pieces."""

    name: str
    findings: list[Finding]


def merge(pipeline: Any, done: Iterable[tuple[int, Unit, Done | None]], meter: Any = None,
          ctrl_c: CtrlC | None = None) -> Iterator[Any]:
    """FileResults (or Unreadable) from units' results taken in order, a file's ranges joined;
    before a file's FileResult, :class:`Piece` s of its findings as its ranges are joined.

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
        piece = joining.add(unit, part)
        if piece is not None:
            yield piece
        if joining.interrupted:
            break
    if joining is not None:
        finished = joining.finish()
        if finished is not None:
            yield finished


class _Join:
    """One file's ranges joined as they arrive (so each is freed at once), judged range by range.

    An NDJSON range's records are numbered by line, so both shift by the lines before it; a JSON
    range was wrapped in a one-line head (its first record on line 2, column 1) and numbers its
    items from 0, so its lines shift by the lines before it less one, the columns of its first
    line by the characters before it on its file line, and its indexes by the records before.  A
    range with a NUL byte ends the file there, as one process would stop reading.

    Each range, once in file terms, is finished on its own: the rules that compare records report
    what it repeats of the ranges before (their index holds only what was seen so far), the
    allowlist and the baseline judge its findings with their records, and they are sorted (a
    range's places all follow the range before's).  An NDJSON range's findings then leave at once
    (:meth:`add` returns them); a JSON range's wait on disk until the file is finished, since a
    range that does not parse has the whole file linted again.  After Ctrl-C the ranges joined so
    far are the file's findings so far (None when there are none).
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
        self.indexes = {rule.NAME: rule.Index() for rule in pipeline.finishing_rules}
        self.used: dict = {}  # what the baseline's entries hid in the ranges so far
        self.held: Spilled | None = Spilled() if first.kind == "json" else None

    def stop(self) -> None:
        """Ctrl-C: what was joined so far is the file's result, marked incomplete."""
        self.interrupted = True
        if self.whole is not None:
            self.whole.complete = False

    def add(self, unit: Unit, part: Done) -> Piece | None:
        """Join a range; its findings when they may leave now."""
        if self.failed is not None or self.redo or self.stopped:
            return None
        if part.unreadable is not None:
            self.failed = part.unreadable
            return None
        result = part.result
        if unit.kind == "json" and result.parse_errors:
            self.redo = True  # a cut fell inside a record, or the file itself is broken
            return None
        if self.whole is None:
            lines = index_shift = 0
            columns = (0, 0)
            self.whole = replace(result, findings=[], suppressed=[], refs={}, states={})
        else:
            if unit.kind == "json":
                lines, columns, index_shift = self.lines_before - 1, (2, self.columns_before), self.whole.records
            else:
                lines = index_shift = self.lines_before
                columns = (0, 0)
            # The range's findings came from a worker and only its result holds them: they are
            # moved in place (Finding.relocate), their records' refs keyed anew.
            held = [(finding, result.refs.get(finding)) for finding in result.findings] if result.refs else ()
            moving = [*result.findings, *(finding for _entry, finding, _number in result.suppressed)]
            if unit.kind == "json":
                _shift_items(moving, lines, columns, index_shift)
            else:
                _shift(moving, lines)
            result.refs = {finding: replace(ref, number=ref.number + index_shift, line=ref.line + lines)
                           for finding, ref in held if ref is not None}
            self.whole.records += result.records
            self.whole.parse_errors += result.parse_errors
        repeats = [problem for name, index in self.indexes.items()
                   for problem in index.join(result.states.get(name), lines, index_shift, columns)]
        result.states = {}
        self.pipeline.finish_part(result, repeats, self.used)
        self.whole.suppressed.extend(result.suppressed)
        self.lines_before += part.newlines
        self.columns_before = part.tail_chars + (0 if part.newlines else self.columns_before)
        self.stopped = part.binary
        if not result.complete:  # Ctrl-C stopped the worker part way through this range
            self.stop()
        if self.held is not None:
            self.held.add(result.findings)
            return None
        return Piece(result.name, result.findings) if result.findings else None

    def finish(self) -> Any:
        if self.failed is not None:
            return self.failed
        if self.redo:
            return None if self.interrupted else \
                self.ctrl_c.wait(lambda: self.pipeline.lint_source(self.first.name, self.first.source))
        if self.whole is not None and self.held is not None and self.held.count:
            self.whole.findings = self.held
        return self.whole


class Spilled:
    """A file's findings on disk, read back in order as often as they are iterated: ranges of
    findings added in file order, each sorted."""

    def __init__(self) -> None:
        self.file: Any = None
        self.count = 0

    def add(self, findings: list[Finding]) -> None:
        if not findings:
            return
        if self.file is None:
            import tempfile  # only when a worker's findings spill: not at every start

            self.file = tempfile.TemporaryFile()
        pickle.dump(findings, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += len(findings)

    def __iter__(self) -> Iterator[Finding]:
        if self.file is None:
            return
        end = self.file.seek(0, 2)
        self.file.seek(0)
        while self.file.tell() < end:
            yield from pickle.load(self.file)

    def __len__(self) -> int:
        return self.count

    def __del__(self) -> None:
        if self.file is not None:
            self.file.close()

    def __bool__(self) -> bool:
        return bool(self.count)


def _shift(findings: list[Finding], lines: int) -> None:
    """An NDJSON range's findings in file terms: their lines and record numbers."""
    for finding in findings:
        record = finding.record
        finding.relocate(finding.line + lines, finding.column, finding.pointer,
                         None if record is None else record + lines)


def _shift_items(findings: list[Finding], lines: int, columns: tuple[int, int], items: int) -> None:
    """A JSON range's findings in file terms: their lines and columns, and their array index in
    the pointer."""
    for finding in findings:
        path = list(path_from_pointer(finding.pointer))
        at = 1 if path and path[0] == "connections" else 0
        if len(path) > at and path[at].isdigit():
            path[at] = str(int(path[at]) + items)
        column = finding.column + (columns[1] if finding.line == columns[0] else 0)
        finding.relocate(finding.line + lines, column, pointer_from_path(path), finding.record)
