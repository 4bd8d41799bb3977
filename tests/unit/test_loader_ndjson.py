"""NDJSON / JSON Lines: per-line records, recovery after bad lines, streaming from a path."""

from __future__ import annotations

from terapi_lint.findings import Problem
from terapi_lint.loaders import load
from terapi_lint.loaders.base import Record


def test_lines_blank_lines_bad_lines_and_duplicates(tmp_path):
    data = b'{"id": "a"}\n\n  {"id": "b", "id": "c"}\r\n{"id": \n[1]\n'
    path = tmp_path / "dump.jsonl"
    path.write_bytes(data)
    for out in (list(load(data, name="x.ndjson")), list(load(str(path), name=str(path)))):
        assert [type(i).__name__ for i in out] == ["Record", "Record", "Problem", "Problem", "Record"]
        first, second, dup, bad, last = out
        assert (first.index, first.line, first.column, first.kind, first.base) == (0, 1, 1, "ndjson", ())
        assert (second.index, second.line, second.column) == (2, 3, 3)
        assert second.locate(("id",)) == (3, 15)  # the last occurrence wins
        assert dup == Problem("duplicate-key", dup.message, ("id",), 3, 15, record=2)
        assert bad.rule == "parse-error" and (bad.line, bad.column, bad.record) == (4, 8, 3)
        assert (last.index, last.value) == (4, [1])


def test_bom_on_first_line_and_invalid_utf8_offset():
    out = list(load(b'\xef\xbb\xbf{"a": 1}\n{"a": "\xff"}\n', name="x.ndjson"))
    assert isinstance(out[0], Record) and out[0].locate(("a",)) == (1, 2)
    assert out[1] == Problem("parse-error", "not valid UTF-8 at byte 19", (), 2, 8, record=1)


def test_sniffed_from_stdin_content():
    out = list(load(b'{"a": 1}\n{"a": 2}\n', name="-"))
    assert [r.kind for r in out] == ["ndjson", "ndjson"]


def test_binary_line_stops_reading():
    out = list(load(b'{"a": 1}\n{"a"\x00}\n{"a": 2}\n', name="x.ndjson"))
    assert isinstance(out[0], Record)
    assert out[1] == Problem("parse-error", "binary file (a NUL byte); reading stops here", (), 2, 5, 1)
    assert len(out) == 2


def test_utf16_ndjson_is_decoded():
    out = list(load('{"a": "é"}\n{"a": 2}\n'.encode("utf-16"), name="x.ndjson"))
    assert [r.value for r in out] == [{"a": "é"}, {"a": 2}]


def test_records_pointer_inside_each_line():
    lines = (
        b'{"page": 1, "data": [{"id": "a"}, {"id": "b", "x": 1}]}\n'
        b'{"page": 2, "data": [{"id": "c"}]}\n'
        b'{"page": 3}\n'
    )
    out = list(load(lines, name="pages.ndjson", records_pointer=("data",)))
    records = [r for r in out if isinstance(r, Record)]
    assert [(r.value["id"], r.base, r.index) for r in records] == [
        ("a", ("data", 0), 0), ("b", ("data", 1), 0), ("c", ("data", 0), 1)]
    assert records[1].locate(("x",)) == (1, 47)
    [missing] = [p for p in out if isinstance(p, Problem)]
    assert (missing.rule, missing.line, missing.record) == ("records-not-found", 3, 2)
    assert missing.message.startswith("no records at /data")
