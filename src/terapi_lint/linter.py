"""The library's entry points: lint paths, files or one record value, and collect what a run reads.

:func:`lint_paths` expands paths (folders, globs, ``-`` for stdin) into files, runs a
:class:`~terapi_lint.pipeline.Pipeline` over them (in worker processes when that pays,
:mod:`terapi_lint.parallel`), and returns a :class:`LintResult` with every finding, what could not
be read, and what was suppressed; the findings about the allowlist and the baseline themselves
come last.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any, BinaryIO

from terapi_lint import loaders
from terapi_lint.allowlist_findings import allowlist_findings
from terapi_lint.baseline import stale_entries
from terapi_lint.config.settings import Settings
from terapi_lint.discover import STDIN, Identity, Skipped, Unreadable, expand, identity
from terapi_lint.findings import Finding
from terapi_lint.pipeline import PARSE_ERROR, FileResult, LintResult, Pipeline

__all__ = ["FileResult", "LintResult", "Pipeline", "collect", "display_name", "lint_files", "lint_paths", "lint_record"]

#: What takes each file's findings as the file is done, or before (see :func:`lint_paths`).
OnFile = Callable[["str | None", "list[Finding]"], None]

def display_name(path: str) -> str:
    """How a file is named in findings: as given, with ``/`` separators."""
    return "<stdin>" if path == STDIN else path.replace(os.sep, "/")


def collect(paths: Iterable[str], options: Settings | None = None) -> list[str | Unreadable | Skipped]:
    """What a run over ``paths`` reads: files (``-`` for stdin), bad paths and what is left out.

    Folders never yield the run's own files: the config file, the schema and the report being
    written (``options.output``) are not records.
    """
    options = options or Settings()
    not_records: dict[Identity, str] = {}
    for path, why in ((options.output, "the report file"), (options.schema, "the schema"),
                      (options.config_file, "the config file"), (options.baseline, "the baseline"),
                      (options.write_baseline, "the baseline")):
        found = identity(os.fspath(path)) if path is not None else None
        if found is not None:
            not_records[found] = why
    return list(expand(paths, options.include, options.exclude, options.exclude_root,
                       force_exclude=options.force_exclude, skip=not_records))


def lint_paths(paths: Iterable[str], options: Settings | None = None, *, stdin: bytes | BinaryIO | None = None,
               stdin_name: str | None = None, pipeline: Pipeline | None = None, progress: Any = None,
               on_file: OnFile | None = None) -> LintResult:
    """Lint files, folders and ``-`` (stdin); never raises for a bad input file.

    ``stdin`` is what ``-`` reads (default: this process's stdin, read as a stream);
    ``stdin_name`` names it in reports, for per-file ignores and the allowlist, and tells its
    format and compression by extension (``dump.ndjson.gz``).

    The allowlist's unused and too broad entries are reported in ``options.config_file``, where
    they are written.
    ``progress(total_bytes)`` may return a meter told of the bytes and records done
    (``total_bytes`` None when stdin is read).  With ``on_file(name, findings)`` the findings are
    given to it as each file is done, in report order, and not kept in the result: a report
    written as the run goes.  ``name`` is None for findings given before their file is done (a
    large NDJSON file's, range by range as its ranges are joined) and for the allowlist's own
    findings, given last.
    """
    options = options or Settings()
    return lint_files(collect(paths, options), options, stdin=stdin, stdin_name=stdin_name, pipeline=pipeline,
                      progress=progress, on_file=on_file)


def lint_files(entries: Iterable[str | Unreadable | Skipped], options: Settings | None = None, *,
               stdin: bytes | BinaryIO | None = None, stdin_name: str | None = None,
               pipeline: Pipeline | None = None, progress: Any = None, on_file: OnFile | None = None,
               run: Any = None) -> LintResult:
    """Lint what :func:`collect` found.  Ctrl-C stops the run with the findings so far
    (``complete`` False).  ``on_file``: see :func:`lint_paths`.  ``run`` is what lints the units
    (default :func:`terapi_lint.parallel.run`; a cluster's runner, :mod:`terapi_lint.dask.cluster`)."""
    from terapi_lint import parallel
    from terapi_lint.joining import Piece

    options = options or Settings()
    pipeline = pipeline or Pipeline(options)
    result = LintResult()
    units: list[parallel.Unit] = []
    for entry in entries:
        if isinstance(entry, Unreadable):
            result.unreadable.append(entry)
        elif isinstance(entry, Skipped):
            continue
        elif entry == STDIN:
            name = stdin_name or display_name(entry)
            units.append(parallel.Unit(name, _stdin_stream(stdin, name)))
        else:
            units.append(parallel.Unit(display_name(entry), entry))
    said_parse_error = False  # a piece of the file being joined held a parse-error finding
    try:
        for outcome in (run or parallel.run)(pipeline, units, options.jobs or os.cpu_count() or 1, progress):
            if isinstance(outcome, Piece):  # findings of a file still being joined, in report order
                said_parse_error = said_parse_error or any(f.rule == PARSE_ERROR for f in outcome.findings)
                if on_file is None:
                    result.findings.extend(outcome.findings)
                else:
                    on_file(None, outcome.findings)
                continue
            if isinstance(outcome, Unreadable):
                said_parse_error = False
                result.unreadable.append(outcome)
                continue
            result.files.append(outcome.name)
            if on_file is None:
                result.findings.extend(outcome.findings)
            else:
                on_file(outcome.name, outcome.findings)
            result.records += outcome.records
            result.suppressed.extend(outcome.suppressed)
            if outcome.parse_errors and not said_parse_error \
                    and not any(f.rule == PARSE_ERROR for f in outcome.findings):
                result.unparsed.append(outcome.name)
            said_parse_error = False
            if not outcome.complete:
                result.complete = False
                break
    except KeyboardInterrupt:
        result.complete = False
    if options.config_file is not None:
        found = allowlist_findings(pipeline, options.config_file, result.files, result.suppressed,
                                   complete=result.complete)
        if on_file is None:
            result.findings.extend(found)
        else:
            on_file(None, list(found))
    if pipeline.baseline is not None and not pipeline.baseline.record and result.complete:
        stale = stale_entries(pipeline, result.files, result.suppressed)
        if on_file is None:
            result.findings.extend(stale)
        else:
            on_file(None, list(stale))
    return result


def _stdin_stream(stdin: bytes | BinaryIO | None, name: str) -> loaders.Stream:
    """stdin as a stream: read once, decompressed if its name or its first bytes say so."""
    import io
    import sys

    raw = io.BytesIO(stdin) if isinstance(stdin, bytes) else stdin if stdin is not None else sys.stdin.buffer
    return loaders.Stream(raw, name, compression=loaders.split_name(name)[1])


def lint_record(value: Any, options: Settings | None = None, *, name: str = "<record>",
                pipeline: Pipeline | None = None) -> list[Finding]:
    """Lint one record already in memory; positions are 1:1 since there is no source text."""
    return (pipeline or Pipeline(options or Settings())).lint_record(value, name)
