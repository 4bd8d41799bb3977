"""Spread a run over worker processes; findings come out exactly as one worker gives them.

Work is cut into units: whole files, and byte ranges of large NDJSON files (cut at line ends).
Units run in worker processes forked from the run's process, so the schema, validators and
compiled patterns are built once.  Results are taken in unit order, chunk results are shifted to
file lines and joined, and rules that compare records (``duplicate-connection``) are finished on
the joined state, so ``--jobs 1`` and ``--jobs N`` give identical findings.

Small runs stay in one process: below :data:`MIN_PARALLEL_BYTES` forking costs more than it
saves.  Where ``fork`` is not available (Windows, macOS defaults), the run is serial.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from terapi_lint import loaders
from terapi_lint.discover import Unreadable
from terapi_lint.loaders.encoding import detect

#: Inputs smaller than this in total are linted in-process.
MIN_PARALLEL_BYTES = 4 << 20
#: Size of one NDJSON chunk; bounds a worker's memory and keeps both cores busy to the end.
CHUNK_BYTES = 8 << 20

_ENGINE: Any = None  # the Engine, inherited by forked workers


@dataclass(frozen=True)
class Unit:
    """One piece of work: a file (path or stdin bytes), or bytes ``start:end`` of an NDJSON file."""

    name: str
    source: str | bytes
    start: int = 0
    end: int | None = None
    size: int = 0

    @property
    def chunked(self) -> bool:
        return self.end is not None


@dataclass
class _Done:
    """What a unit gives back (picklable)."""

    result: Any = None  # FileResult
    newlines: int = 0  # newlines in a chunk, to shift the next chunk's lines
    binary: bool = False  # the chunk holds a NUL byte: the loader stopped reading there
    used_allowlist: frozenset[int] = frozenset()
    unreadable: Unreadable | None = None


def _read_range(path: str, start: int, end: int) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(start)
        return handle.read(end - start)


def _work(unit: Unit) -> _Done:
    engine = _ENGINE
    try:
        if unit.chunked:
            data = _read_range(unit.source, unit.start, unit.end)
            result = engine.lint_source(unit.name, data, kind="ndjson", finish=False)
            done = _Done(result, data.count(b"\n"), b"\x00" in data)
        else:
            done = _Done(engine.lint_source(unit.name, unit.source))
    except OSError as error:
        return _Done(unreadable=Unreadable(str(unit.source), (error.strerror or "cannot be read").lower()))
    except loaders.LoadError as error:
        return _Done(unreadable=Unreadable(str(unit.source), error.message.removeprefix(f"{unit.source}: ")))
    done.used_allowlist = engine.options.allowlist.used_indexes
    return done


def _chunks(unit: Unit, size: int) -> list[Unit]:
    """Cut an NDJSON file into ranges that end just after a newline."""
    bounds = [0]
    with open(unit.source, "rb") as handle:
        head = handle.read(4)
        if detect(head)[0] != "utf-8":
            return [unit]  # UTF-16/32 is decoded whole
        position = CHUNK_BYTES
        while position < size:
            handle.seek(position)
            rest = handle.readline()
            position += len(rest)
            if position >= size:
                break
            bounds.append(position)
            position += CHUNK_BYTES
    bounds.append(size)
    return [Unit(unit.name, unit.source, a, b, b - a) for a, b in zip(bounds, bounds[1:])]


def _plan(units: list[Unit], jobs: int) -> tuple[list[list[Unit]], bool]:
    """Units grouped by file (a file's chunks together), and whether to use workers at all."""
    sizes: list[int] = []
    for unit in units:
        try:
            sizes.append(len(unit.source) if isinstance(unit.source, bytes) else os.path.getsize(unit.source))
        except OSError:
            sizes.append(0)
    parallel = jobs > 1 and sum(sizes) >= MIN_PARALLEL_BYTES and "fork" in multiprocessing.get_all_start_methods()
    groups: list[list[Unit]] = []
    for unit, size in zip(units, sizes):
        ndjson = isinstance(unit.source, str) and _kind(unit) == "ndjson"
        if parallel and ndjson and size > 2 * CHUNK_BYTES:
            groups.append(_chunks(unit, size))
        else:
            groups.append([replace(unit, size=size)])
    return groups, parallel


def _kind(unit: Unit) -> str | None:
    return _ENGINE.options.kind or loaders.kind_of(unit.name)


def run(engine: Any, units: list[Unit], jobs: int, progress: Callable[[int], Any] | None = None) -> Iterator[Any]:
    """FileResults (or Unreadable) in the order of ``units``.

    ``progress``, when given, is called first with the total size in bytes, and returns a
    ``Progress`` whose ``advance(bytes, records)`` is called as units complete.
    """
    global _ENGINE
    _ENGINE = engine
    groups, parallel = _plan(units, jobs)
    meter = progress(sum(u.size for g in groups for u in g)) if progress is not None else None
    flat = [unit for group in groups for unit in group]
    if parallel:
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
        done: Iterable[_Done] = pool.map(_work, flat, chunksize=max(1, len(flat) // (jobs * 8)))
    else:
        pool = None
        done = map(_work, flat)
    try:
        yield from _join(engine, groups, iter(done), meter)
    finally:
        if meter is not None:
            meter.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _join(engine: Any, groups: list[list[Unit]], done: Iterator[_Done], meter: Any) -> Iterator[Any]:
    for group in groups:
        parts = []
        for unit in group:
            part = next(done)
            parts.append(part)
            engine.options.allowlist.mark_used(part.used_allowlist)
            if meter is not None:
                meter.advance(unit.size, part.result.records if part.result is not None else 0)
        failed = next((p.unreadable for p in parts if p.unreadable is not None), None)
        if failed is not None:
            yield failed
            continue
        if len(parts) == 1 and not group[0].chunked:
            yield parts[0].result
            continue
        yield _joined(engine, parts)


def _joined(engine: Any, parts: list[_Done]) -> Any:
    """One FileResult from a file's chunks: lines and record numbers shifted, states joined."""
    whole = parts[0].result
    whole.findings = list(whole.findings)
    offset = 0
    for index, part in enumerate(parts):
        if index:
            whole.findings.extend(_shift(f, offset) for f in part.result.findings)
            whole.records += part.result.records
            for name, state in part.result.states.items():
                if state is None:
                    continue
                if whole.states.get(name) is None:
                    whole.states[name] = type(state)()
                whole.states[name].extend(state, offset, offset)
        if part.binary:
            break  # one process would have stopped reading at the NUL byte
        offset += part.newlines
    engine.finish_file(whole)
    return whole


def _shift(finding: Any, lines: int) -> Any:
    record = finding.record + lines if finding.record is not None else None
    return replace(finding, line=finding.line + lines, record=record)
