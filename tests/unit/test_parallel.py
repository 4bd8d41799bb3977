"""--jobs 1 and --jobs 2 give identical findings: whole files, NDJSON chunks, cross-chunk duplicates."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import random

import pytest

from terapi_lint import parallel, splitting
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
    assert len(splitting.ndjson_ranges(splitting.Unit("d", str(dump)), dump.stat().st_size, 4096)) > 10
    one, records_one, _ = _lint([dump], 1)
    two, records_two, _ = _lint([dump], 2)
    assert one == two
    assert records_one == records_two == 2000
    rules = {f.rule for f in one}
    assert {"duplicate-connection", "invalid-enum", "invalid-date-time", "parse-error"} <= rules
    broken = next(f for f in one if f.rule == "parse-error")
    assert (broken.line, broken.record) == (501, 500)


def test_an_ndjson_files_findings_leave_range_by_range_in_order(tmp_path, small_chunks):
    dump = tmp_path / "dump.ndjson"
    dump.write_text("".join(json.dumps(r) + "\n" for r in _records(2000)))
    one, _records_one, _ = _lint([dump], 1)
    given = []
    options = Settings(jobs=2)
    result = lint_paths([str(dump)], options, pipeline=Pipeline(options),
                        on_file=lambda name, findings: given.append((name, list(findings))))
    assert result.findings == [] and result.files == [str(dump)]
    *pieces, (name, rest) = given
    assert name == str(dump) and len(pieces) > 10  # pieces before the file is done
    assert all(name is None and findings for name, findings in pieces)
    assert [f for _, findings in pieces for f in findings] + rest == one
    assert {"duplicate-connection", "invalid-enum"} <= {f.rule for _, found in pieces for f in found}


def test_a_json_dumps_findings_wait_on_disk_and_come_back_in_order(tmp_path, small_chunks):
    from terapi_lint.joining import Spilled

    dump = tmp_path / "dump.json"
    dump.write_text(json.dumps(list(_records(2000)), indent=2))
    one, _records_one, _ = _lint([dump], 1)
    given = []
    options = Settings(jobs=2)
    lint_paths([str(dump)], options, pipeline=Pipeline(options),
               on_file=lambda name, findings: given.append((name, findings)))
    ((name, findings),) = given  # a range that does not parse has the whole file linted again
    assert isinstance(findings, Spilled) and len(findings) == len(one)
    assert list(findings) == one == list(findings)  # read back as often as asked
    assert {"duplicate-connection", "invalid-enum"} <= {f.rule for f in findings}


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
    assert len(splitting.json_ranges(splitting.Unit("d", str(dump)), dump.stat().st_size, 4096)) > 10
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


# -- every shape of dump, and stdin ------------------------------------------------------------------

def _rich_records(n: int, seed: int):
    """Records with defects of several kinds, non-ASCII text before them on a line, and arrays
    of objects inside (where a one-line dump has '}, {' that is not between two records)."""
    for record in _records(n, seed):
        record["metadata"] = {"owner": "Zoë Ångström", "items": [{"k": 1}, {"k": 2}]}
        yield record


def _findings(result):
    return [(f.file, f.line, f.column, f.pointer, f.rule, f.message, f.record, f.record_id, f.record_key)
            for f in result.findings], result.records


def _run(paths, jobs, **kw):
    options = Settings(jobs=jobs)
    return _findings(lint_paths([str(p) for p in paths], options, pipeline=Pipeline(options), **kw))


@pytest.mark.parametrize("shape", ["pretty", "one line", "one line wrapper"])
def test_pretty_and_one_line_dumps_are_cut_between_records(tmp_path, small_chunks, shape):
    records = list(_rich_records(1200, seed=13))
    records[500]["provider"] = 7
    if shape == "pretty":
        text = json.dumps(records, indent=2, ensure_ascii=False)
    elif shape == "one line":
        text = json.dumps(records, ensure_ascii=False)
    else:
        text = json.dumps({"connections": records}, ensure_ascii=False)
    dump = tmp_path / "dump.json"
    dump.write_text(text, encoding="utf-8")
    ranges = splitting.json_ranges(splitting.Unit("d", str(dump)), dump.stat().st_size, 4096)
    assert len(ranges) > 10
    one, two = _run([dump], 1), _run([dump], 2)
    assert one == two
    assert one[1] == 1200
    rules = {f[4] for f in one[0]}
    assert {"duplicate-connection", "invalid-enum", "invalid-date-time", "wrong-type"} <= rules
    assert all(f[7] is not None for f in one[0] if f[4] != "duplicate-connection")  # identity in a dump
    if shape != "pretty":  # all on line 1: columns count the characters before, Zoë's included
        assert {f[1] for f in one[0]} == {1} and len({f[2] for f in one[0]}) == len(one[0])


def test_a_cut_inside_a_record_of_a_one_line_dump_has_the_file_linted_whole(tmp_path, small_chunks):
    # Records whose first member is an array of objects that start with the same key as records do.
    records = [{"id": f"u{i}", "items": [{"id": 1}, {"id": 2}] * 30, "provider": "p"} for i in range(300)]
    dump = tmp_path / "dump.json"
    dump.write_text(json.dumps(records), encoding="utf-8")
    assert _run([dump], 1) == _run([dump], 2)


def test_an_ndjson_range_reports_file_byte_offsets(tmp_path, small_chunks):
    lines = [json.dumps(r) for r in _records(600)]
    dump = tmp_path / "dump.ndjson"
    dump.write_bytes(("\n".join(lines[:400]) + '\n{"id": "\xff"}\n' + "\n".join(lines[400:]) + "\n")
                     .encode("latin-1"))
    one, two = _run([dump], 1), _run([dump], 2)
    assert one == two
    assert any("not valid UTF-8 at byte" in f[5] for f in one[0])


@pytest.fixture
def small_pieces(monkeypatch, small_chunks):
    monkeypatch.setattr(splitting, "PIECE_BYTES", 4096)
    monkeypatch.setattr(parallel, "_SNIFF", 2048)


def _stdin(data: bytes, jobs: int, name: str | None = None):
    options = Settings(jobs=jobs)
    return _findings(lint_paths(["-"], options, pipeline=Pipeline(options), stdin=data, stdin_name=name))


def _as_file(result, name):
    return [(name, *f[1:]) for f in result[0]], result[1]


def test_ndjson_on_stdin_is_read_in_pieces_and_gives_what_the_file_gives(tmp_path, small_pieces):
    lines = [json.dumps(r) for r in _rich_records(1500, seed=21)]
    lines.insert(700, '{"id": "broken", ')
    data = ("\n".join(lines) + "\n").encode()
    dump = tmp_path / "dump.ndjson"
    dump.write_bytes(data)
    expected = _as_file(_run([dump], 1), "<stdin>")
    assert _stdin(data, 1) == _stdin(data, 2) == expected
    assert _stdin(gzip.compress(data), 2) == expected
    assert _stdin(bz2.compress(data), 2, name="dump.ndjson.bz2") == _as_file(expected, "dump.ndjson.bz2")


@pytest.mark.parametrize("indent", [None, 2])
def test_a_json_dump_on_stdin_gives_what_the_file_gives(tmp_path, small_pieces, indent):
    text = json.dumps(list(_rich_records(800, seed=8)), indent=indent)
    dump = tmp_path / "dump.json"
    dump.write_text(text)
    expected = _as_file(_run([dump], 2), "<stdin>")
    assert _stdin(text.encode(), 1) == _stdin(text.encode(), 2) == expected
    assert _stdin(gzip.compress(text.encode()), 2) == expected


def test_stdin_name_picks_format_ignores_and_report_name(tmp_path):
    data = b'{"id": "u1", "provider_config_key": "k", "provider": "p", "credentials": {"type": "OAuth2"}}\n' * 2
    packed = gzip.compress(data)
    named = _stdin(packed, 1, name="exports/dump.ndjson.gz")
    assert {f[0] for f in named[0]} == {"exports/dump.ndjson.gz"} and named[1] == 2
    assert [f[6] for f in named[0] if f[4] == "invalid-enum"] == [0, 1]  # NDJSON: records are lines
    options = Settings(jobs=1, per_file_ignores={"exports/*": ("invalid-enum",)})
    quiet = lint_paths(["-"], options, pipeline=Pipeline(options), stdin=packed, stdin_name="exports/dump.ndjson.gz")
    assert "invalid-enum" not in {f.rule for f in quiet.findings}


class _Meter:
    """What the progress line is told (the real Progress draws it; this keeps the sums)."""

    def __init__(self, total):
        self.total, self.bytes, self.records = total, 0, 0

    def advance(self, nbytes, records):
        self.bytes += nbytes
        self.records += records

    def close(self):
        pass


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
def test_progress_counts_bytes_and_records_of_every_input(tmp_path, small_pieces, jobs):
    lines = ("\n".join(json.dumps(r) for r in _records(900)) + "\n").encode()
    array = json.dumps(list(_records(900)), indent=2).encode()
    files = {"dump.ndjson": lines, "dump.json": array, "dump.ndjson.gz": gzip.compress(lines),
             "pretty.json.xz": lzma.compress(array)}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    meters = []

    def progress(total):
        meters.append(_Meter(total))
        return meters[-1]

    options = Settings(jobs=jobs)
    result = lint_paths([str(tmp_path / n) for n in files], options, pipeline=Pipeline(options), progress=progress)
    (meter,) = meters
    assert meter.total == meter.bytes == sum(len(d) for d in files.values())
    assert meter.records == result.records == 3600
    for data in (lines, gzip.compress(array)):
        lint_paths(["-"], options, pipeline=Pipeline(options), stdin=data, progress=progress)
        assert meters[-1].total is None and meters[-1].records == 900 and meters[-1].bytes > 0


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
