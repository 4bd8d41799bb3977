"""A large NDJSON file's findings leave range by range, in the order one process gives them:
duplicates across ranges, the allowlist and the baseline judged per range, the text writer fed
before the file is done."""

from __future__ import annotations

import io
import json
import os

import pytest

from terapi_lint import parallel, splitting
from terapi_lint.config import Settings
from terapi_lint.joining import Piece, merge
from terapi_lint.linter import Pipeline, lint_files, lint_paths
from terapi_lint.reporters.base import Report
from terapi_lint.reporters.text import TextWriter
from terapi_lint.run import run_check


@pytest.fixture
def tiny_ranges(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 4096)
    monkeypatch.setattr(parallel, "FIRST_CHUNK_BYTES", 512)


def _record(i: int, ident: str | None = None, **extra) -> dict:
    record = {"id": ident or f"user-{i}", "provider_config_key": "github-prod", "provider": "github",
              "created_at": "2026-01-15T10:00:00Z", "credentials": {"type": "oauth2"}}
    record.update(extra)
    return record


def _dump(tmp_path, records) -> str:
    path = tmp_path / "dump.ndjson"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return str(path)


def _rows(result):
    return [(f.file, f.line, f.column, f.pointer, f.rule, f.message, f.record) for f in result.findings]


def _both(path, **settings):
    results = []
    for jobs in (1, 2):
        options = Settings(jobs=jobs, **settings)
        results.append(lint_paths([path], options, pipeline=Pipeline(options)))
    return results


def test_ranges_grow_from_a_small_first_one():
    assert list(zip(range(6), splitting.sizes(8 << 20, 64 << 10))) == [
        (0, 64 << 10), (1, 128 << 10), (2, 256 << 10), (3, 512 << 10), (4, 1 << 20), (5, 2 << 20)]
    assert next(splitting.sizes(4096, 64 << 10)) == 4096 and next(splitting.sizes(4096)) == 4096


def test_duplicates_across_range_boundaries_name_the_first_occurrence(tmp_path, tiny_ranges):
    records = [_record(i) for i in range(600)]
    records[599] = _record(599, "user-0")  # the last record repeats the first one, many ranges apart
    records[300] = _record(300, "user-299")  # next to it, maybe in the range after
    records[450] = _record(450, "user-0")  # a third occurrence names the first, not the second
    path = _dump(tmp_path, records)
    ranges = splitting.ndjson_ranges(splitting.Unit("d", path), os.path.getsize(path), 4096, first=512)
    assert len(ranges) > 20 and ranges[0].size < 1024
    one, two = _both(path)
    assert _rows(one) == _rows(two)
    duplicates = [(f.line, f.record, f.message) for f in one.findings if f.rule == "duplicate-connection"]
    assert duplicates == [
        (301, 300, "same id and provider_config_key as record 299 (line 300)"),
        (451, 450, "same id and provider_config_key as record 0 (line 1)"),
        (600, 599, "same id and provider_config_key as record 0 (line 1)"),
    ]


def test_the_baseline_counts_its_entries_over_the_whole_file(tmp_path, tiny_ranges):
    """An entry recorded for 2 findings hides 2, even when they fall in different ranges."""
    records = [_record(i) for i in range(400)]
    for i in (10, 150, 390):
        records[i] = _record(i, "same-id")
    path = _dump(tmp_path, records)
    baseline = tmp_path / "baseline.json"
    assert run_check((path,), Settings(jobs=1, write_baseline=str(baseline)), stdout=io.StringIO(),
                     stderr=io.StringIO()) == 0
    for i in (250, 395):  # two more repeats after the baseline was written
        records[i] = _record(i, "same-id")
    _dump(tmp_path, records)
    one, two = _both(path, baseline=str(baseline))
    assert _rows(one) == _rows(two)
    left = [(f.line, f.rule) for f in one.findings]
    assert left == [(391, "duplicate-connection"), (396, "duplicate-connection")]  # the 4th and 5th
    assert [len(found) for found in one.suppressed.by_entry().values()] == [2]
    assert [len(found) for found in two.suppressed.by_entry().values()] == [2]


def test_the_text_writer_prints_a_range_before_the_next_is_joined(tmp_path, tiny_ranges):
    """Driven by a generator of ranges' results: the writer has a range's lines before the
    ranges after it are even linted."""
    records = [_record(i, environment_id="e") for i in range(300)]  # a warning each
    path = _dump(tmp_path, records)
    linted: list[int] = []

    def run(pipeline, units, jobs, progress=None):
        (unit,) = units
        ranges = splitting.ndjson_ranges(unit, os.path.getsize(path), 4096, first=512)

        def results():
            for number, part in enumerate(ranges):
                linted.append(number)
                yield 0, part, parallel._work(part, pipeline)

        yield from merge(pipeline, results())

    out = io.StringIO()
    writer = TextWriter(out, Report())
    seen: list[tuple[int, int]] = []  # (ranges linted, lines written) each time the writer is fed

    def on_file(name, findings):
        for finding in findings:
            writer.finding(finding)
        seen.append((len(linted), out.getvalue().count("\n")))

    options = Settings(jobs=2)
    result = lint_files([path], options, pipeline=Pipeline(options), run=run, on_file=on_file)
    assert result.records == 300
    assert seen[0][0] == 1 and seen[0][1] > 0  # the first range's lines, with one range linted
    assert len(seen) > 10 and [lines for _, lines in seen] == sorted(lines for _, lines in seen)
    assert seen[-1][1] == 300
    lines = out.getvalue().splitlines()
    assert [int(line.split(":")[1]) for line in lines] == list(range(1, 301))  # file order


def test_merge_yields_pieces_then_the_rest(tmp_path, tiny_ranges):
    records = [_record(i, environment_id="e") for i in range(200)]
    path = _dump(tmp_path, records)
    pipeline = Pipeline(Settings())
    ranges = splitting.ndjson_ranges(splitting.Unit(path, path), os.path.getsize(path), 4096, first=512)
    out = list(merge(pipeline, ((0, part, parallel._work(part, pipeline)) for part in ranges)))
    *pieces, whole = out
    assert all(isinstance(piece, Piece) for piece in pieces) and len(pieces) >= len(ranges) - 1
    assert whole.records == 200
    found = [f for piece in pieces for f in piece.findings] + list(whole.findings)
    assert [f.line for f in found] == list(range(1, 201))
