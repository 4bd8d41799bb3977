"""What a cluster's workers run: units of a run, linted with a Pipeline built once per process.

A task carries a :class:`Job` (the run's Settings and schema, pickled: a Pipeline holds
compiled validators that do not travel) and a batch of units.  Each worker process builds the
Pipeline of a job the first time it sees it and keeps it.  A unit is linted by the same function
as a local run's worker (:func:`terapi_lint.parallel._work`), reading URLs through fsspec; a task
never raises: what cannot be read, or fails, is an Unreadable result with a message of our own.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from terapi_lint import parallel
from terapi_lint.discover import Unreadable
from terapi_lint.joining import Done
from terapi_lint.splitting import Unit

_PIPELINES: dict[str, Any] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Job:
    """A run's settings and schema as bytes, and their digest (the key of a worker's Pipeline)."""

    key: str
    blob: bytes

    @classmethod
    def of(cls, settings: Any, source: Any) -> Job:
        blob = pickle.dumps((replace(settings), source))  # replace: without the cached selection
        return cls(hashlib.sha256(blob).hexdigest(), blob)

    def pipeline(self) -> Any:
        with _LOCK:
            pipeline = _PIPELINES.get(self.key)
            if pipeline is None:
                from terapi_lint.linter import Pipeline

                settings, source = pickle.loads(self.blob)
                pipeline = _PIPELINES[self.key] = Pipeline(settings, source)
            return pipeline


def lint_units(job: Job, units: list[Unit]) -> list[Done]:
    """A task: each unit's result, in order.  A whole file's comparing rules are finished here:
    their state (about 32 bytes a record) does not travel back."""
    pipeline = job.pipeline()
    done = [_lint(pipeline, unit) for unit in units]
    for unit, part in zip(units, done):
        if not unit.chunked and part.result is not None:
            part.result.states = {}
    return done


def _lint(pipeline: Any, unit: Unit) -> Done:
    from terapi_lint.dask.inputs import is_url, read_range, whole_source

    try:
        if isinstance(unit.source, str) and is_url(unit.source):
            whole = partial(whole_source, input_format=pipeline.options.input_format)
            return parallel._work(unit, pipeline, read=read_range, whole=whole)
        return parallel._work(unit, pipeline)
    except Exception as error:  # noqa: BLE001 - a task never raises: its text could quote data
        source = unit.source if isinstance(unit.source, str) else unit.name
        return Done(unreadable=Unreadable(source, f"could not be linted ({type(error).__name__})"))
