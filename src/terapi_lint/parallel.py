"""Spread a run over worker processes; findings come out exactly as one worker gives them.

Work is cut into units: whole files, byte ranges of large NDJSON files (cut at line ends), and
byte ranges of large JSON dumps laid out one record per line (``[`` or ``{"connections": [``, then
``{...},`` lines).  A JSON range is linted as a small dump of its own, wrapped in the same head and
tail; its findings are then moved to their file lines and array indexes.  A cut that was not
between two records makes its range fail to parse, and the file is then linted whole, in one
worker, exactly as without ``--jobs``.
Units run in worker processes forked from the run's process, so the schema, validators and
compiled patterns are built once.  Results are taken in unit order, chunk results are shifted to
file lines and joined, and rules that compare records (``duplicate-connection``) are finished on
the joined state, so ``--jobs 1`` and ``--jobs N`` give identical findings.

Small runs stay in one process: below :data:`MIN_PARALLEL_BYTES` forking costs more than it
saves.  Where ``fork`` is not available (Windows, macOS defaults), the run is serial.
"""

from __future__ import annotations

import mmap
import os
import re
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from terapi_lint import loaders
from terapi_lint.discover import Unreadable
from terapi_lint.findings import path_from_pointer, pointer_from_path
from terapi_lint.loaders.encoding import detect

#: Inputs smaller than this in total are linted in-process.
MIN_PARALLEL_BYTES = 4 << 20
#: Largest range of one file given to a worker; bounds a worker's memory.  A file is cut into at
#: least four ranges per worker (down to MIN_CHUNK_BYTES), so no worker idles at the end.
CHUNK_BYTES = 8 << 20
MIN_CHUNK_BYTES = 1 << 20

_PIPELINE: Any = None  # the Pipeline, inherited by forked workers


@dataclass(frozen=True)
class Unit:
    """One piece of work: a file (path or stdin bytes), or bytes ``start:end`` of a large file.

    ``kind`` is ``"ndjson"`` or ``"json"`` for a range; ``wrap`` is the (head, tail) a JSON range
    is wrapped in (empty for the first or last range, which hold the file's own).
    """

    name: str
    source: str | bytes
    start: int = 0
    end: int | None = None
    size: int = 0
    kind: str | None = None
    wrap: tuple[bytes, bytes] = (b"", b"")

    @property
    def chunked(self) -> bool:
        return self.end is not None


@dataclass
class _Done:
    """What a unit gives back (picklable)."""

    result: Any = None  # FileResult
    newlines: int = 0  # newlines in a chunk's range, to shift the next chunk's lines
    binary: bool = False  # the chunk holds a NUL byte: the loader stopped reading there
    unreadable: Unreadable | None = None


def _read_range(path: str, start: int, end: int) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(start)
        return handle.read(end - start)


def _work(unit: Unit) -> _Done:
    pipeline = _PIPELINE
    try:
        if unit.chunked and unit.kind == "json":
            data = _read_range(unit.source, unit.start, unit.end)
            head, tail = unit.wrap
            body = data if not tail else data[: len(data.rstrip(b" \t\r\n")) - 1]  # drop the "," before the next range
            result = pipeline.lint_source(unit.name, head + body + tail, kind="json", finish=False)
            done = _Done(result, data.count(b"\n"), b"\x00" in data)
        elif unit.chunked:
            data = _read_range(unit.source, unit.start, unit.end)
            result = pipeline.lint_source(unit.name, data, kind="ndjson", finish=False)
            done = _Done(result, data.count(b"\n"), b"\x00" in data)
        else:
            done = _Done(pipeline.lint_source(unit.name, unit.source))
    except OSError as error:
        return _Done(unreadable=Unreadable(str(unit.source), (error.strerror or "cannot be read").lower()))
    except loaders.LoadError as error:
        return _Done(unreadable=Unreadable(str(unit.source), error.message.removeprefix(f"{unit.source}: ")))
    return done


def _chunk_size(size: int, jobs: int) -> int:
    return max(min(MIN_CHUNK_BYTES, CHUNK_BYTES), min(CHUNK_BYTES, size // (jobs * 4)))


def _chunks(unit: Unit, size: int, chunk: int) -> list[Unit]:
    """Cut an NDJSON file into ranges that end just after a newline."""
    bounds = [0]
    with open(unit.source, "rb") as handle:
        head = handle.read(4)
        if detect(head)[0] != "utf-8":
            return [unit]  # UTF-16/32 is decoded whole
        position = chunk
        while position < size:
            handle.seek(position)
            rest = handle.readline()
            position += len(rest)
            if position >= size:
                break
            bounds.append(position)
            position += chunk
    bounds.append(size)
    return [Unit(unit.name, unit.source, a, b, b - a, "ndjson") for a, b in zip(bounds, bounds[1:])]


_ARRAY_HEAD = re.compile(rb"[ \t\r\n]*\[")
_WRAPPER_HEAD = re.compile(rb'[ \t\r\n]*\{[ \t\r\n]*"connections"[ \t\r\n]*:[ \t\r\n]*\[')
_ARRAY_TAIL = re.compile(rb"\][ \t\r\n]*\Z")
_WRAPPER_TAIL = re.compile(rb"\][ \t\r\n]*\}[ \t\r\n]*\Z")
_SEPARATOR = re.compile(rb"\}[ \t\r]*,[ \t\r]*\Z")


def _json_chunks(unit: Unit, size: int, chunk: int) -> list[Unit]:
    """Cut a one-record-per-line dump before lines that start a record; [unit] if it is not one.

    A cut goes where a line starts with ``{`` and the text before it ends with ``},``.  JSON
    strings cannot hold a raw newline, so that ``{`` starts an array item; whether the array is the
    dump's is confirmed when the ranges parse.
    """
    with open(unit.source, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        head = data[:256]
        if _WRAPPER_HEAD.match(head):
            wrap_head, wrap_tail, tail_re = b'{"connections": [\n', b"\n]}", _WRAPPER_TAIL
        elif _ARRAY_HEAD.match(head):
            wrap_head, wrap_tail, tail_re = b"[\n", b"\n]", _ARRAY_TAIL
        else:
            return [unit]
        if not tail_re.search(data[max(0, size - 256):]):
            return [unit]
        bounds = [0]
        position = chunk
        while position < size:
            cut = data.find(b"\n{", position)
            if cut < 0:
                break
            if _SEPARATOR.search(data[max(0, cut - 64) : cut]):
                bounds.append(cut + 1)
                position = cut + 1 + chunk
            else:
                position = cut + 2
    if len(bounds) < 2:
        return [unit]
    bounds.append(size)
    last = len(bounds) - 2
    return [
        Unit(unit.name, unit.source, a, b, b - a, "json",
             (b"" if i == 0 else wrap_head, b"" if i == last else wrap_tail))
        for i, (a, b) in enumerate(zip(bounds, bounds[1:]))
    ]


def _plan(units: list[Unit], jobs: int) -> tuple[list[list[Unit]], bool]:
    """Units grouped by file (a file's chunks together), and whether to use workers at all."""
    sizes: list[int] = []
    for unit in units:
        try:
            sizes.append(len(unit.source) if isinstance(unit.source, bytes) else os.path.getsize(unit.source))
        except OSError:
            sizes.append(0)
    parallel = jobs > 1 and sum(sizes) >= MIN_PARALLEL_BYTES and _can_fork()
    groups: list[list[Unit]] = []
    for unit, size in zip(units, sizes):
        kind = _kind(unit) if isinstance(unit.source, str) else None
        chunk = _chunk_size(size, jobs)
        if parallel and kind == "ndjson" and size > 2 * chunk:
            groups.append(_chunks(unit, size, chunk))
        elif parallel and kind == "json" and size > 2 * chunk and _PIPELINE.records_for(unit.name) is None:
            groups.append(_json_chunks(unit, size, chunk))
        else:
            groups.append([replace(unit, size=size)])
    return groups, parallel


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _kind(unit: Unit) -> str | None:
    return _PIPELINE.options.input_format or loaders.kind_of(unit.name)


def run(pipeline: Any, units: list[Unit], jobs: int, progress: Callable[[int], Any] | None = None) -> Iterator[Any]:
    """FileResults (or Unreadable) in the order of ``units``.

    ``progress``, when given, is called first with the total size in bytes, and returns a
    ``Progress`` whose ``advance(bytes, records)`` is called as units complete.

    Ctrl-C ends the run with the results so far: the file being joined comes last, with
    ``complete`` False; when no file was part way, KeyboardInterrupt is raised after the results.
    """
    global _PIPELINE
    _PIPELINE = pipeline
    groups, parallel = _plan(units, jobs)
    meter = progress(sum(u.size for g in groups for u in g)) if progress is not None else None
    flat = [unit for group in groups for unit in group]
    if parallel:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_worker_started)
        done: Iterable[_Done | None] = pool.map(_work_in_worker, flat, chunksize=max(1, len(flat) // (jobs * 8)))
    else:
        pool = None
        done = map(_work, flat)
    try:
        with _CtrlC() as ctrl_c:
            yield from _join(pipeline, groups, iter(done), meter, ctrl_c)
    finally:
        if meter is not None:
            meter.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)


class _CtrlC:
    """Ctrl-C during a run: noted at once, but raised only while the run waits (for a worker's
    result, or for the work itself without workers), so a result in hand is never dropped.

    The handler is installed only in the main thread over Python's default one; elsewhere
    KeyboardInterrupt comes as usual and :func:`_take` still keeps what it has.
    """

    def __init__(self) -> None:
        self.pressed = False
        self.waiting = False
        self._previous: Any = None

    def __call__(self, signum: int, frame: Any) -> None:
        self.pressed = True
        if self.waiting:
            raise KeyboardInterrupt

    def __enter__(self) -> _CtrlC:
        import threading

        if threading.current_thread() is threading.main_thread() \
                and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            self._previous = signal.signal(signal.SIGINT, self)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
        if self.pressed and exc[0] is None:
            raise KeyboardInterrupt  # the results so far are out; the caller learns the run stopped

    def wait(self, call: Callable[[], Any]) -> Any:
        """``call()``, or None when Ctrl-C came first (a result that arrived is kept)."""
        result = None
        if self.pressed:
            return result
        self.waiting = True
        try:
            result = call()
        except KeyboardInterrupt:
            self.pressed = True
        finally:
            self.waiting = False
        return result


_WORKER_CTRL_C: _CtrlC | None = None


def _worker_started() -> None:
    """Ctrl-C, which a terminal sends to every process of the run, ends a worker's current unit
    at once (its result is then None) and is ignored between units, so the run stops promptly
    and no worker dies with a traceback."""
    global _WORKER_CTRL_C
    _WORKER_CTRL_C = _CtrlC()
    signal.signal(signal.SIGINT, _WORKER_CTRL_C)


def _work_in_worker(unit: Unit) -> _Done | None:
    assert _WORKER_CTRL_C is not None
    return _WORKER_CTRL_C.wait(lambda: _work(unit))


def _join(pipeline: Any, groups: list[list[Unit]], done: Iterator[_Done | None], meter: Any,
          ctrl_c: _CtrlC) -> Iterator[Any]:
    for group in groups:
        if ctrl_c.pressed:
            return
        if len(group) == 1 and not group[0].chunked:
            part = _take(pipeline, group[0], done, meter, ctrl_c)
            if part is None:
                return
            yield part.unreadable if part.unreadable is not None else part.result
        else:
            joined = _joined(pipeline, group, done, meter, ctrl_c)
            if joined is None:
                return
            yield joined


def _take(pipeline: Any, unit: Unit, done: Iterator[_Done | None], meter: Any, ctrl_c: _CtrlC) -> _Done | None:
    """The next unit's result, or None when Ctrl-C came first."""
    part = ctrl_c.wait(lambda: next(done))
    if part is None:
        ctrl_c.pressed = True
    elif meter is not None:
        meter.advance(unit.size, part.result.records if part.result is not None else 0)
    return part


def _joined(pipeline: Any, group: list[Unit], done: Iterator[_Done | None], meter: Any, ctrl_c: _CtrlC) -> Any:
    """One FileResult from a file's chunks, joined as they arrive (so each is freed at once).

    An NDJSON chunk's records are numbered by line, so both shift by the lines before it; a JSON
    chunk was wrapped in a one-line head (its first record on line 2) and numbers its items from
    0, so its lines shift by the lines before it less one, and its indexes by the records before.
    A chunk with a NUL byte ends the file there, as one process would stop reading.  After
    Ctrl-C the chunks joined so far are the file's findings so far (None when there are none).
    """
    whole, failed, redo, stopped, lines_before = None, None, False, False, 0
    for unit in group:
        part = _take(pipeline, unit, done, meter, ctrl_c)  # every chunk's result is taken, used or not
        if part is None:
            if whole is not None and failed is None and not redo:
                whole.complete = False
                break
            return failed
        if failed is not None or redo or stopped:
            continue
        if part.unreadable is not None:
            failed = part.unreadable
            continue
        result = part.result
        if unit.kind == "json" and result.parse_errors:
            redo = True  # a cut fell inside a record, or the file itself is broken
            continue
        if whole is None:
            whole = result
            whole.findings = list(result.findings)
        else:
            if unit.kind == "json":
                line_shift, index_shift = lines_before - 1, whole.records
                shift = lambda f: _shift_item(f, line_shift, index_shift)  # noqa: E731
            else:
                line_shift = index_shift = lines_before
                shift = lambda f: _shift(f, line_shift)  # noqa: E731
            for finding in result.findings:
                moved = shift(finding)
                whole.findings.append(moved)
                ref = result.refs.get(finding)
                if ref is not None:
                    whole.refs[moved] = replace(ref, number=ref.number + index_shift, line=ref.line + line_shift)
            whole.suppressed.extend((entry, shift(f), n) for entry, f, n in result.suppressed)
            whole.records += result.records
            whole.parse_errors += result.parse_errors
            for name, state in result.states.items():
                if state is None:
                    continue
                if whole.states.get(name) is None:
                    whole.states[name] = type(state)()
                whole.states[name].extend(state, line_shift, index_shift)
        lines_before += part.newlines
        stopped = part.binary
        if not result.complete:  # Ctrl-C stopped the worker part way through this chunk
            whole.complete = False
            break
    if failed is not None:
        return failed
    if redo:
        return ctrl_c.wait(lambda: pipeline.lint_source(group[0].name, group[0].source))
    pipeline.finish_file(whole)
    return whole


def _shift(finding: Any, lines: int) -> Any:
    record = finding.record + lines if finding.record is not None else None
    return replace(finding, line=finding.line + lines, record=record)


def _shift_item(finding: Any, lines: int, items: int) -> Any:
    """A JSON chunk's finding in file terms: its line, and its array index in the pointer."""
    path = list(path_from_pointer(finding.pointer))
    at = 1 if path and path[0] == "connections" else 0
    if len(path) > at and path[at].isdigit():
        path[at] = str(int(path[at]) + items)
    return replace(finding, line=finding.line + lines, pointer=pointer_from_path(path))
