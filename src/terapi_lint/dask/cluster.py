"""A run on a Dask cluster: units planned here, linted on the workers, joined here in order.

Inputs are cut as a local run cuts them (:mod:`terapi_lint.splitting`): a large NDJSON file into
ranges that end at a line end (found here, by reading a little around each cut, several files
at once), a large local
JSON dump between records, anything compressed whole.  Units go to the workers in batches
(:func:`terapi_lint.dask.tasks.lint_units`), a bounded window of tasks in flight; results are
taken in unit order and joined by :func:`terapi_lint.joining.merge`, so findings, their order,
statistics and suppression counts are a local ``--jobs 1`` run's (a shard of which nothing
parsed is also counted as not checked: see :func:`_not_ndjson`).  A task lost with its worker
is run again by the scheduler; a task is pure, so its result is the same.
"""

from __future__ import annotations

import logging
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import distributed

from terapi_lint import loaders, parallel
from terapi_lint.dask import ClusterError
from terapi_lint.dask.inputs import Remote, collect_inputs, is_url, probe, read_range
from terapi_lint.dask.tasks import Job, lint_units
from terapi_lint.joining import Done, merge
from terapi_lint.discover import Unreadable
from terapi_lint.linter import FileResult, LintResult, Pipeline, lint_files
from terapi_lint.loaders.streams import MAGIC_SIZE, compression_of, split_name
from terapi_lint.splitting import Unit, compressed, json_ranges, ndjson_ranges

__all__ = ["ClusterError", "collect_inputs", "connected", "lint_entries", "lint_urls"]

#: Seconds to wait for a scheduler before saying it cannot be reached.
CONNECT_SECONDS = 10
#: Files cut into ranges at once (threads of the client, waiting on storage).
CUTTERS = 16
#: Tasks in flight per worker thread: enough to hide a round trip to the scheduler.
WINDOW_PER_THREAD = 4
_LOCAL = re.compile(r"local:(\d+)\Z")
#: Protocols whose files only this process can read: read here, sent to the workers as bytes.
_HERE = ("memory://",)
NOT_NDJSON = "not NDJSON: no line of it is a record (its parse errors are in the report)"


@contextmanager
def connected(scheduler: str) -> Iterator[Any]:
    """A ``distributed.Client`` of ``scheduler``: ``local:N`` starts N worker processes here."""
    local = _LOCAL.match(scheduler)
    if local:
        workers = int(local.group(1))
        if workers < 1:
            raise ClusterError("--dask local:N needs N >= 1 worker processes")
        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=logging.ERROR)
        client = distributed.Client(cluster)
        try:
            yield client
        finally:
            client.close()
            cluster.close()
        return
    if scheduler.startswith("local"):
        raise ClusterError(f"--dask {scheduler}: write local:N (N worker processes) or a scheduler's address")
    try:
        client = distributed.Client(scheduler, timeout=CONNECT_SECONDS)
    except Exception:  # noqa: BLE001 - Dask's text may carry the address's credentials
        raise ClusterError(f"cannot reach the Dask scheduler at {_shown(scheduler)}: start it, check the "
                           "address, or use --dask local:N") from None
    try:
        yield client
    finally:
        client.close()


def _shown(address: str) -> str:
    """An address without any user or password in it."""
    return re.sub(r"(://)[^/@]*@", r"\1", address)


def lint_urls(urls: Iterable[str], options: Any = None, client: Any = None, *,
              pipeline: Pipeline | None = None, progress: Any = None) -> LintResult:
    """Lint local paths and fsspec URLs (globs too) on ``client`` (None: connect to
    ``options.dask``); the result is a local run's, with each URL's file named by its URL."""
    from terapi_lint.config.settings import Settings

    options = options or Settings()
    return lint_entries(collect_inputs(urls, options), options, pipeline=pipeline, progress=progress, client=client)


def lint_entries(entries: Iterable[Any], options: Any, *, pipeline: Pipeline | None = None, progress: Any = None,
                 client: Any = None, **more: Any) -> LintResult:
    """:func:`terapi_lint.linter.lint_files` on a cluster, for what :func:`collect_inputs` found
    (``more``: the other keywords of ``lint_files``, such as ``on_file`` and ``stdin_name``)."""
    pipeline = pipeline or Pipeline(options)
    entries = list(entries)
    sizes = {e.url: e.size for e in entries if isinstance(e, Remote)}
    paths = [e.url if isinstance(e, Remote) else e for e in entries]
    if client is not None:
        return lint_files(paths, options, pipeline=pipeline, progress=progress, run=_Run(client, sizes), **more)
    if not options.dask:
        raise ClusterError("no scheduler: give --dask SCHEDULER (or a client)")
    with connected(options.dask) as client:
        return lint_files(paths, options, pipeline=pipeline, progress=progress, run=_Run(client, sizes), **more)


class _Run:
    """:func:`terapi_lint.parallel.run`'s contract on a cluster: results in the order of the units."""

    def __init__(self, client: Any, sizes: dict[str, int]) -> None:
        self.client = client
        self.sizes = sizes

    def __call__(self, pipeline: Pipeline, units: list[Unit], jobs: int,
                 progress: Callable[[int | None], Any] | None = None) -> Iterator[Any]:
        threads = max(1, sum(self.client.nthreads().values()))
        sized = [replace(u, size=self._size(u)) for u in units]
        meter = progress(sum(u.size for u in sized)) if progress is not None else None
        job = Job.of(pipeline.options, pipeline.source)
        try:
            with ThreadPoolExecutor(CUTTERS) as cutting:  # each cut of a URL is a small read: a round trip
                groups = cutting.map(lambda unit: _cut(pipeline, unit, threads), sized)
                for outcome in merge(pipeline, self._results(job, groups, threads), meter):
                    yield outcome
                    if _not_ndjson(pipeline, outcome):
                        yield Unreadable(outcome.name, NOT_NDJSON)
        finally:
            if meter is not None:
                meter.close()

    def _size(self, unit: Unit) -> int:
        if unit.source in self.sizes:
            return self.sizes[unit.source]
        try:
            return os.path.getsize(unit.source)
        except (OSError, TypeError):
            return 0

    def _results(self, job: Job, groups: list[list[Unit]], threads: int) -> Iterator[tuple[int, Unit, Done]]:
        pending: deque[tuple[list[tuple[int, Unit]], Any]] = deque()
        batch: list[tuple[int, Unit]] = []
        window = WINDOW_PER_THREAD * threads
        for index, group in enumerate(groups):
            for unit in group:
                if unit.here:  # stdin: only this process can read it, so it is linted here
                    if batch:
                        pending.append(self._submit(job, batch))
                        batch = []
                    while pending:
                        yield from _take(pending.popleft())
                    yield index, unit, lint_units(job, [unit])[0]
                    continue
                batch.append((index, unit))
                if len(batch) >= parallel.BATCH_UNITS or sum(u.size for _, u in batch) >= parallel.BATCH_BYTES:
                    pending.append(self._submit(job, batch))
                    batch = []
                while len(pending) >= window:
                    yield from _take(pending.popleft())
        if batch:
            pending.append(self._submit(job, batch))
        while pending:
            yield from _take(pending.popleft())

    def _submit(self, job: Job, batch: list[tuple[int, Unit]]) -> tuple[list[tuple[int, Unit]], Any]:
        return batch, self.client.submit(lint_units, job, [unit for _, unit in batch], pure=False)


def _not_ndjson(pipeline: Pipeline, outcome: Any) -> bool:
    """A shard read as NDJSON of which no line is a record (binary, not the compression its name
    says, a JSON document): its parse errors are findings, as in a local run, and the run also
    counts it as a path that could not be checked (exit 2), a broken export rather than bad data."""
    return isinstance(outcome, FileResult) and outcome.complete and not outcome.records \
        and outcome.parse_errors > 0 and (pipeline.options.input_format or loaders.kind_of(outcome.name)) == "ndjson"


def _take(task: tuple[list[tuple[int, Unit]], Any]) -> Iterator[tuple[int, Unit, Done]]:
    entries, future = task
    try:
        done = future.result()
    except distributed.KilledWorker:
        raise ClusterError("a task was lost with its worker three times: the workers may be short of memory "
                           "(give them more, or lint fewer files at once)") from None
    except Exception as error:  # noqa: BLE001 - Dask's text may quote data
        raise ClusterError(f"the cluster could not run a task ({type(error).__name__}): is terapi-lint[dask] "
                           "of this version installed on every worker?") from None
    finally:
        future.release()
    for (index, unit), part in zip(entries, done):
        yield index, unit, part


def _cut(pipeline: Pipeline, unit: Unit, threads: int) -> list[Unit]:
    """One file's units: a large NDJSON file in ranges, a large local JSON dump between records,
    anything else (compressed, small, YAML) whole."""
    source = unit.source
    url = isinstance(source, str) and is_url(source)
    if unit.here:
        return [unit]
    if url and source.startswith(_HERE):
        return [replace(unit, source=_read_here(source))]
    kind = pipeline.options.input_format or loaders.kind_of(unit.name)
    chunk = parallel._chunk_size(unit.size, threads)
    if unit.size <= 2 * chunk or kind not in ("ndjson", "json"):
        return [unit]
    if url:
        if kind != "ndjson" or split_name(unit.name)[1] is not None or _compressed(source):
            return [unit]
        try:
            return ndjson_ranges(unit, unit.size, chunk, opener=probe)
        except (OSError, loaders.LoadError):
            return [unit]  # a worker reads it whole, and says what is wrong
    if compressed(source, unit.name):
        return [unit]
    if kind == "ndjson":
        return ndjson_ranges(unit, unit.size, chunk)
    return json_ranges(unit, unit.size, chunk) if pipeline.records_for(unit.name) is None else [unit]


def _compressed(url: str) -> bool:
    try:
        return compression_of(read_range(url, 0, MAGIC_SIZE)) is not None
    except loaders.LoadError:
        return False


def _read_here(url: str) -> bytes | str:
    try:
        return read_range(url, 0, None)  # type: ignore[arg-type]
    except loaders.LoadError:
        return url
