"""Spread a run over worker processes; findings come out exactly as one worker gives them.

Inputs are cut into units (:mod:`terapi_lint.splitting`): whole files, ranges of large NDJSON and
JSON files, pieces of NDJSON read from stdin.  Units run in worker processes forked from the run's
process, so the schema, validators and compiled patterns are built once; at most
``WINDOW_PER_JOB * jobs`` units are in flight, so stdin is read only as fast as it is linted.
Results are taken in unit order and a file's ranges are joined as they arrive (:mod:`terapi_lint.joining`):
their findings move to file lines, columns and record numbers, and rules that compare records
are finished on the joined state, so ``--jobs 1`` and ``--jobs N`` give identical findings.  A JSON
range that does not parse has its file linted whole instead.

Small runs stay in one process: below :data:`MIN_PARALLEL_BYTES` forking costs more than it
saves.  Where ``fork`` is not available (Windows, macOS defaults), the run is serial.  A stream
(stdin) is read in this process; its NDJSON pieces go to the workers.

Ctrl-C ends a run with the results so far: the file being joined comes last, marked incomplete.

Progress: a unit's bytes and records are counted when it is done; a stream read by a loader
(stdin, a compressed or NDJSON file) also reports as it goes, through counters workers share.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from terapi_lint import interrupt, loaders
from terapi_lint.discover import Unreadable
from terapi_lint.interrupt import CtrlC, worker_started
from terapi_lint.joining import Done, merge
from terapi_lint.loaders.encoding import detect
from terapi_lint.loaders.streams import Stream, StreamError, open_path
from terapi_lint.malloc import keep_large_blocks_mapped
from terapi_lint.splitting import Unit, compressed, json_ranges, ndjson_ranges, stream_pieces

__all__ = ["CHUNK_BYTES", "MIN_CHUNK_BYTES", "MIN_PARALLEL_BYTES", "Unit", "run"]

#: Inputs smaller than this in total are linted in-process.
MIN_PARALLEL_BYTES = 4 << 20
#: Largest range of one file given to a worker; bounds a worker's memory.  A file is cut into at
#: least four ranges per worker (down to MIN_CHUNK_BYTES), so no worker idles at the end.
CHUNK_BYTES = 4 << 20
MIN_CHUNK_BYTES = 1 << 20
#: A JSON dump's ranges are this many times larger: each costs more to set up (a pretty-printed
#: 100,000-record array with --jobs 2 took 4.7 s CPU in 4 MB ranges, 3.9 s in 8 MB ones).
JSON_CHUNK_FACTOR = 2
#: A file's first range, the next twice as large and so on up to its chunk size: the first
#: findings of a large dump are reported within about a second.
FIRST_CHUNK_BYTES = 64 << 10
#: Tasks in flight per worker; a task is one range or piece, or up to BATCH_UNITS small files
#: (BATCH_BYTES in all), so a folder of small files does not pay a round trip per file.
WINDOW_PER_JOB = 2
BATCH_UNITS = 64
BATCH_BYTES = 1 << 20
#: A file at least this large, read as a stream, reports its progress as it goes.
LIVE_BYTES = 1 << 20
_SNIFF = 65536

_PIPELINE: Any = None  # the Pipeline, inherited by forked workers
_METER: Any = None  # the run's progress line, drawn by the process that started the run
_PARENT = 0  # that process's id
_LIVE: Any = None  # shared (bytes, records) counters for workers' loaders that report as they go
_TOLD = [0, 0]  # what this process's loaders reported of the unit in hand


def _read_range(path: str, start: int, end: int) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(start)
        return handle.read(end - start)


def _tell(nbytes: int, records: int) -> None:
    """A loader's report of progress inside a unit: to the meter, or to the counters it polls."""
    _TOLD[0] += nbytes
    _TOLD[1] += records
    if os.getpid() == _PARENT:
        _METER.advance(nbytes, records)
    else:
        with _LIVE.get_lock():
            _LIVE[0] += nbytes
            _LIVE[1] += records


def _work_all(units: list[Unit]) -> list[Done | None]:
    """A worker's batch; after Ctrl-C the unit in hand ends at once and the rest give None."""
    ctrl_c = interrupt.WORKER
    if ctrl_c is None:
        return [_work(unit) for unit in units]
    return [ctrl_c.wait(lambda unit=unit: _work(unit)) for unit in units]


def _work(unit: Unit, pipeline: Any = None, read: Callable[[str, int, int], bytes] = _read_range,
          whole: Callable[[Unit], Any] | None = None) -> Done:
    """One unit's result.  A cluster's workers pass their own ``pipeline`` and readers: ``read``
    gives bytes ``start:end`` of ``unit.source``, ``whole`` what a whole-file unit is linted from."""
    pipeline = pipeline or _PIPELINE
    _TOLD[:] = [0, 0]
    try:
        if unit.chunked and unit.kind == "json":
            data = read(unit.source, unit.start, unit.end)
            head, tail = unit.wrap
            body = data if not tail else data[: len(data.rstrip(b" \t\r\n")) - 1]  # drop the "," before the next range
            result = pipeline.lint_source(unit.name, head + body + tail, kind="json", finish=False)
            done = Done(result, *_lines(data), b"\x00" in data)
        elif unit.chunked:
            part = unit.source if isinstance(unit.source, loaders.Range) else \
                loaders.Range(read(unit.source, unit.start, unit.end), unit.start)
            result = pipeline.lint_source(unit.name, part, kind="ndjson", finish=False)
            data = part.data if isinstance(part.data, bytes) else b""
            done = Done(result, data.count(b"\n"), 0, b"\x00" in data)
        else:
            done = Done(pipeline.lint_source(unit.name, (whole or _source)(unit)))
    except OSError as error:
        return Done(unreadable=Unreadable(_path(unit), (error.strerror or "cannot be read").lower()))
    except loaders.LoadError as error:
        return Done(unreadable=Unreadable(_path(unit), error.message.removeprefix(f"{_path(unit)}: ")))
    done.told = (_TOLD[0], _TOLD[1])
    return done


def _path(unit: Unit) -> str:
    return unit.source if isinstance(unit.source, str) else unit.name


def _source(unit: Unit) -> Any:
    """What a whole-file unit is linted from: a large stream-read file reports its progress."""
    if _METER is None or not isinstance(unit.source, str) or unit.size < LIVE_BYTES:
        return unit.source
    if _kind(unit) == "ndjson" or compressed(unit.source, unit.name):
        return open_path(unit.source, unit.name, listener=_tell)
    return unit.source


def _lines(data: bytes) -> tuple[int, int]:
    """Newlines in ``data``, and the characters after the last one."""
    last = data.rfind(b"\n")
    return data.count(b"\n"), len(data[last + 1 :].decode("utf-8", "replace"))


def _chunk_size(size: int, jobs: int, largest: int | None = None) -> int:
    largest = largest or CHUNK_BYTES
    return max(min(MIN_CHUNK_BYTES, largest), min(largest, size // (jobs * 4)))


def _kind(unit: Unit) -> str | None:
    return _PIPELINE.options.input_format or loaders.kind_of(unit.name)


def _size(unit: Unit) -> int:
    if isinstance(unit.source, bytes):
        return len(unit.source)
    if isinstance(unit.source, Stream):
        return 0
    try:
        return os.path.getsize(unit.source)
    except OSError:
        return 0


def _plan(units: list[Unit], jobs: int) -> tuple[list[Iterable[Unit]], bool]:
    """Units grouped by file (a file's chunks together), and whether to use workers at all."""
    streams = any(isinstance(unit.source, Stream) for unit in units)
    parallel = jobs > 1 and (sum(u.size for u in units) >= MIN_PARALLEL_BYTES or streams) and _can_fork()
    groups: list[Iterable[Unit]] = []
    for unit in units:
        size = unit.size
        if isinstance(unit.source, Stream):
            groups.append(_stream_units(unit, parallel))
            continue
        kind = _kind(unit) if isinstance(unit.source, str) else None
        chunk = _chunk_size(size, jobs)
        if not parallel or size <= 2 * chunk or kind not in ("ndjson", "json") or compressed(unit.source, unit.name):
            groups.append([unit])
        elif kind == "ndjson":
            groups.append(ndjson_ranges(unit, size, chunk, first=FIRST_CHUNK_BYTES))
        elif _PIPELINE.records_for(unit.name) is None:
            groups.append(json_ranges(unit, size, _chunk_size(size, jobs, JSON_CHUNK_FACTOR * CHUNK_BYTES)))
        else:
            groups.append([unit])
    return groups, parallel


def _stream_units(unit: Unit, parallel: bool) -> Iterable[Unit]:
    """stdin: NDJSON (UTF-8, more than a few lines) in pieces for the workers, anything else one
    unit read here."""
    stream = unit.source
    if parallel:
        try:
            head = stream.head(_SNIFF)
        except StreamError:
            head = b""
        kind = _PIPELINE.options.input_format or loaders.kind_of(unit.name) or loaders.sniff(head)
        if kind == "ndjson" and len(head) == _SNIFF and detect(head[:4])[0] == "utf-8":
            return stream_pieces(unit.name, stream)
    if _METER is not None:
        stream.listener = _tell
    return [unit]


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def run(pipeline: Any, units: list[Unit], jobs: int, progress: Callable[[int | None], Any] | None = None
        ) -> Iterator[Any]:
    """FileResults (or Unreadable) in the order of ``units``.

    ``progress``, when given, is called first with the total size in bytes (None when a stream's
    is unknown), and returns a ``Progress`` whose ``advance(bytes, records)`` is called as the
    run goes on.

    Ctrl-C ends the run with the results so far: the file being joined comes last, with
    ``complete`` False; when no file was part way, KeyboardInterrupt is raised after the results.
    """
    global _PIPELINE, _METER, _PARENT, _LIVE
    _PIPELINE, _PARENT = pipeline, os.getpid()
    sized = [replace(u, size=_size(u)) for u in units]
    streams = any(isinstance(u.source, Stream) for u in units)
    meter = _METER = progress(None if streams else sum(u.size for u in sized)) if progress is not None else None
    groups, parallel = _plan(sized, jobs)
    if parallel:
        keep_large_blocks_mapped()  # before the workers are forked: they inherit it
    if meter is not None and parallel:
        import multiprocessing

        _LIVE = multiprocessing.get_context("fork").Array("q", 2)
    pool = _Pool(jobs, parallel, meter)
    try:
        with CtrlC() as ctrl_c:
            pool.ctrl_c = ctrl_c
            yield from merge(pipeline, pool.results(groups), meter, ctrl_c)
    finally:
        if meter is not None:
            meter.close()
        pool.close()
        _METER = _LIVE = None


class _Pool:
    """Units in, ``(group index, unit, Done)`` out in order; workers forked when first needed."""

    def __init__(self, jobs: int, parallel: bool, meter: Any) -> None:
        self.jobs = jobs
        self.parallel = parallel
        self.meter = meter
        self.executor: Any = None
        self.seen = [0, 0]  # the shared counters as last seen
        self.ctrl_c: CtrlC = CtrlC()

    def results(self, groups: list[Iterable[Unit]]) -> Iterator[tuple[int, Unit, Done | None]]:
        """Each unit's result in order; after Ctrl-C, one None result ends them."""
        pending: deque[tuple[list[tuple[int, Unit]], Any]] = deque()
        batch: list[tuple[int, Unit]] = []
        window = WINDOW_PER_JOB * self.jobs
        wait = self.ctrl_c.wait
        for index, group in enumerate(groups):
            units = iter(group)
            while (unit := wait(lambda: next(units, None))) is not None:  # stdin is read here
                if not self.parallel or unit.here:
                    pending.extend(self._submit(batch))
                    while pending:
                        yield from self._take(pending.popleft())
                    yield index, unit, wait(lambda: _work(unit))
                    continue
                batch.append((index, unit))
                if len(batch) >= BATCH_UNITS or sum(u.size for _, u in batch) >= BATCH_BYTES:
                    pending.extend(self._submit(batch))
                while len(pending) >= window:
                    yield from self._take(pending.popleft())
        pending.extend(self._submit(batch))
        while pending:
            yield from self._take(pending.popleft())

    def _submit(self, batch: list[tuple[int, Unit]]) -> list[tuple[list[tuple[int, Unit]], Any]]:
        """The batch sent to a worker (and emptied), as a pending task; none for an empty one."""
        if not batch:
            return []
        if self.executor is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.executor = ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("fork"),
                                                initializer=worker_started)
        task = (list(batch), self.executor.submit(_work_all, [unit for _, unit in batch]))
        batch.clear()
        return [task]

    def _take(self, task: tuple[list[tuple[int, Unit]], Any]) -> Iterator[tuple[int, Unit, Done | None]]:
        from concurrent.futures import TimeoutError as Waiting

        entries, future = task
        done: list[Done | None] | None = None
        while done is None and not self.ctrl_c.pressed:
            try:
                done = self.ctrl_c.wait(lambda: future.result(timeout=None if self.meter is None else 0.2))
            except Waiting:
                self._poll()
        for (index, unit), part in zip(entries, done or [None]):
            yield index, unit, part

    def _poll(self) -> None:
        if _LIVE is None:
            return
        with _LIVE.get_lock():
            now = [_LIVE[0], _LIVE[1]]
        self.meter.advance(now[0] - self.seen[0], now[1] - self.seen[1])
        self.seen = now

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)
