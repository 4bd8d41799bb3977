"""--jobs 1 and --jobs 2 give identical findings: whole files, NDJSON chunks, cross-chunk duplicates."""

from __future__ import annotations

import json
import random

import pytest

from terapi_lint import parallel
from terapi_lint.config import Settings
from terapi_lint.linter import Pipeline, lint_paths


def _records(n: int, seed: int = 7):
    rng = random.Random(seed)
    for i in range(n):
        record = {"id": f"user-{i}", "provider_config_key": "github-prod", "provider": "github",
                  "created_at": "2026-01-15T10:00:00Z", "credentials": {"type": "oauth2"}}
        roll = rng.random()
        if roll < 0.02:
            record["credentials"]["type"] = "OAuth2"
        elif roll < 0.04:
            record["id"] = f"user-{rng.randrange(i + 1)}"  # duplicates, often across chunks
        elif roll < 0.05:
            record["created_at"] = "2026-02-30T10:00:00Z"
        yield record


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 4096)


def _lint(paths, jobs):
    options = Settings(jobs=jobs)
    result = lint_paths([str(p) for p in paths], options, pipeline=Pipeline(options))
    return result.findings, result.records, result.files


def test_ndjson_chunks_give_the_same_findings(tmp_path, small_chunks):
    dump = tmp_path / "dump.ndjson"
    lines = [json.dumps(r) for r in _records(2000)]
    lines.insert(500, '{"id": "broken", ')  # a bad line inside a chunk
    lines.insert(900, "")  # a blank line
    dump.write_text("\n".join(lines) + "\n")
    assert len(parallel._chunks(parallel.Unit("d", str(dump)), dump.stat().st_size, 4096)) > 10
    one, records_one, _ = _lint([dump], 1)
    two, records_two, _ = _lint([dump], 2)
    assert one == two
    assert records_one == records_two == 2000
    rules = {f.rule for f in one}
    assert {"duplicate-connection", "invalid-enum", "invalid-date-time", "parse-error"} <= rules
    broken = next(f for f in one if f.rule == "parse-error")
    assert (broken.line, broken.record) == (501, 500)


def test_many_files_keep_their_order(tmp_path, small_chunks):
    paths = []
    for i, record in enumerate(_records(60, seed=3)):
        path = tmp_path / f"conn-{i:03}.json"
        path.write_text(json.dumps(record, indent=2))
        paths.append(path)
    missing = tmp_path / "missing.json"
    one = _lint(paths + [missing], 1)
    two = _lint(paths + [missing], 2)
    assert one == two
    assert one[2] == [str(p) for p in paths]


def test_a_nul_byte_stops_the_file_as_one_process_would(tmp_path, small_chunks):
    dump = tmp_path / "dump.ndjson"
    lines = [json.dumps(r) for r in _records(600)]
    lines[300] = '{"id": "x\x00"}'
    dump.write_text("\n".join(lines) + "\n")
    assert _lint([dump], 1) == _lint([dump], 2)


@pytest.mark.parametrize("wrapper", [False, True])
def test_json_dump_chunks_give_the_same_findings(tmp_path, small_chunks, wrapper):
    rows = [json.dumps(r) for r in _records(1500, seed=11)]
    rows[700] = rows[700].replace('"provider": "github"', '"provider": "github", "provider": "gitlab"')
    body = ",\n".join(rows)
    dump = tmp_path / "dump.json"
    dump.write_text('{"connections": [\n' + body + "\n]}\n" if wrapper else "[\n" + body + "\n]\n")
    assert len(parallel._json_chunks(parallel.Unit("d", str(dump)), dump.stat().st_size, 4096)) > 10
    one, two = _lint([dump], 1), _lint([dump], 2)
    assert one == two
    assert one[1] == 1500
    prefix = "/connections" if wrapper else ""
    duplicate = next(f for f in one[0] if f.rule == "duplicate-key")
    assert (duplicate.pointer, duplicate.line) == (f"{prefix}/700/provider", 702)
    assert {"duplicate-connection", "invalid-enum", "invalid-date-time"} <= {f.rule for f in one[0]}


@pytest.mark.parametrize("shape", ["json", "ndjson"])
def test_the_allowlist_judges_chunks_in_file_terms(tmp_path, small_chunks, shape):
    """Record numbers, lines and array indexes are the file's, whichever process linted the record."""
    from terapi_lint.config.allowlist import AllowEntry

    records = list(_records(1500, seed=3))
    for number in (40, 700, 1400):
        records[number]["credentials"]["type"] = "OAuth2"
    dump = tmp_path / f"dump.{shape}"
    rows = [json.dumps(r) for r in records]
    dump.write_text("[\n" + ",\n".join(rows) + "\n]\n" if shape == "json" else "\n".join(rows) + "\n")
    first = 1 if shape == "json" else 0  # the line before the first record
    pointer = "/700/credentials/type" if shape == "json" else "/credentials/type"
    entries = (AllowEntry(dump.name, pointer, "invalid-enum", "r", record=700),
               AllowEntry(dump.name, "*", "invalid-enum", "r", line=1400 + first + 1),
               AllowEntry(dump.name, "*", "invalid-enum", "r", id="user-40"))
    outcomes = []
    for jobs in (1, 2):
        options = Settings(jobs=jobs, allowlist=entries, select=("invalid-enum",))
        result = lint_paths([str(dump)], options, pipeline=Pipeline(options))
        hidden = {s.name: [(f.line, f.pointer) for f in found] for s, found in result.suppressed.by_entry().items()}
        outcomes.append((result.findings, hidden))
    assert outcomes[0] == outcomes[1]
    findings, hidden = outcomes[0]
    assert {n: len(found) for n, found in hidden.items()} == {"allowlist[0]": 1, "allowlist[1]": 1, "allowlist[2]": 1}
    assert hidden["allowlist[0]"][0][0] == 700 + first + 1
    assert not any(f.line in (40 + first + 1, 700 + first + 1, 1400 + first + 1) for f in findings)


def test_json_dump_whose_cut_falls_inside_a_record_is_linted_whole(tmp_path, small_chunks):
    # Records pretty-printed with nested arrays whose items start lines with "{" after "},".
    record = '{"id": "u%d", "provider_config_key": "k", "provider": "p", "metadata": {"list": [\n{"a": 1},\n{"b": "%s"}]}}'
    body = ",\n".join(record % (i, "x" * 200) for i in range(300))
    dump = tmp_path / "dump.json"
    dump.write_text("[\n" + body + "\n]\n")
    assert _lint([dump], 1) == _lint([dump], 2)


def test_broken_json_dump_gives_the_same_findings(tmp_path, small_chunks):
    rows = [json.dumps(r) for r in _records(800, seed=5)]
    rows[400] = rows[400][:-1]  # an unclosed record
    dump = tmp_path / "dump.json"
    dump.write_text("[\n" + ",\n".join(rows) + "\n]\n")
    one, two = _lint([dump], 1), _lint([dump], 2)
    assert one == two and any(f.rule == "parse-error" for f in one[0])


class _CtrlCAfter:
    """A progress meter that presses Ctrl-C (a real SIGINT to this process) once ``n`` units are done."""

    def __init__(self, n):
        self.n = n

    def advance(self, nbytes, records):
        self.n -= 1
        if self.n == 0:
            import os
            import signal

            os.kill(os.getpid(), signal.SIGINT)

    def close(self):
        pass


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_keeps_every_result_in_hand(tmp_path, small_chunks, jobs):
    """Ctrl-C just as a unit completes: that unit's findings are kept, the run stops, incomplete."""
    dump = tmp_path / "dump.ndjson"
    dump.write_text("".join(json.dumps(r) + "\n" for r in _records(2000)))
    first = tmp_path / "a.ndjson"
    first.write_text(dump.read_text().splitlines(keepends=True)[0].replace("oauth2", "OAuth2"))
    options = Settings(jobs=jobs)
    result = lint_paths([str(first), str(dump)], options, pipeline=Pipeline(options),
                        progress=lambda total: _CtrlCAfter(1 if jobs == 1 else 3))
    assert result.complete is False
    assert [f.rule for f in result.findings if f.file.endswith("a.ndjson")] == ["invalid-enum"]
    if jobs == 1:
        assert result.files == [str(first)] and result.records == 1
    else:  # the dump's first two chunks were joined before the run stopped
        whole, _, _ = _lint([dump], 2)
        partial = [f for f in result.findings if f.file.endswith("dump.ndjson")]
        assert 0 < result.records - 1 < 2000 and partial
        assert set(partial) <= set(whole)
