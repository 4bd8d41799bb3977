"""``lint_bag``: findings of a ``dask.bag`` of NDJSON lines or records, for pipelines.

Each partition is linted where it lies, as a range of one NDJSON file (its items, in order, one a
line); one last task joins the partitions' results in order (:func:`terapi_lint.joining.merge`),
so line and record numbers count items across the whole bag and rules that compare records
(duplicate connections, timestamps) see every record: the findings are those of the bag's items
written to one NDJSON file and linted by a local run.  A record that is not a line (a dict) is
written as one with orjson, and its columns are in that line.
"""

from __future__ import annotations

from typing import Any

import dask
import dask.bag
import orjson

from terapi_lint import loaders, parallel
from terapi_lint.dask.tasks import Job
from terapi_lint.joining import Done, merge
from terapi_lint.splitting import Unit


def lint_bag(bag: dask.bag.Bag, options: Any = None, *, name: str = "<bag>", pipeline: Any = None) -> dask.bag.Bag:
    """A bag of :class:`~terapi_lint.findings.Finding` (one partition, in file order) for ``bag``,
    whose items are NDJSON lines (``str`` or ``bytes``, with or without their newline) or
    records; findings name the file ``name``.  Nothing runs until the bag is computed."""
    from terapi_lint.config.settings import Settings
    from terapi_lint.schema.loading import load_schema

    options = options or Settings()
    source = pipeline.source if pipeline is not None else load_schema(options.schema)
    job = Job.of(options, source)
    parts = [dask.delayed(_lint_part, pure=True)(job, name, part) for part in bag.to_delayed()]
    return dask.bag.from_delayed([dask.delayed(_join, pure=True)(job, name, parts)])


def _line(item: Any) -> bytes:
    if isinstance(item, str):
        item = item.encode("utf-8")
    if isinstance(item, bytes):
        return item if item.endswith(b"\n") else item + b"\n"
    return orjson.dumps(item) + b"\n"


def _lint_part(job: Job, name: str, items: Any) -> Done:
    data = b"".join(_line(item) for item in items)
    unit = Unit(name, loaders.Range(data, 0), 0, len(data), len(data), "ndjson")
    return parallel._work(unit, job.pipeline())


def _join(job: Job, name: str, parts: list[Done]) -> list[Any]:
    pipeline = job.pipeline()
    unit = Unit(name, b"", 0, 0, 0, "ndjson")
    found: list[Any] = []
    for joined in merge(pipeline, ((0, unit, part) for part in parts)):  # pieces, then the rest
        found.extend(getattr(joined, "findings", ()))
    return found
