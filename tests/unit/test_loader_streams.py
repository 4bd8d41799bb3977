"""Compressed and streamed input: the same records from every compression, name and magic bytes,
hostile archives ending in a finding, and a JSON dump read from a stream giving exactly what the
same bytes held whole give."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import random

import pytest
import zstandard

from terapi_lint.findings import Problem
from terapi_lint.loaders import Range, Stream, json_stream, load, ndjson, streams
from terapi_lint.loaders.base import Record

COMPRESS = {"gz": gzip.compress, "bz2": bz2.compress, "xz": lzma.compress,
            "zst": lambda data: zstandard.ZstdCompressor().compress(data)}
NDJSON = b'{"id": "a", "n": 1}\n{"id": "b",}\n\n{"id": "c", "id": "d"}\n[1]\n'


def _items(loading):
    return [(type(i).__name__, i.value if isinstance(i, Record) else i, getattr(i, "line", None)) for i in loading]


def _summary(loading):
    out = []
    for item in loading:
        if isinstance(item, Record):
            out.append(("record", item.value, item.base, item.index, item.line, item.column, item.many,
                        item.locate(("id",))))
        else:
            out.append(item)
    return out


@pytest.mark.parametrize("ext", sorted(COMPRESS))
def test_every_compression_by_name_and_by_magic(tmp_path, ext):
    plain = _summary(load(NDJSON, name="dump.ndjson"))
    packed = COMPRESS[ext](NDJSON)
    named = tmp_path / f"dump.ndjson.{ext}"
    named.write_bytes(packed)
    misnamed = tmp_path / "dump.ndjson"  # compressed, though its name does not say so
    misnamed.write_bytes(packed)
    assert _summary(load(str(named), name=str(named))) == plain
    assert _summary(load(str(misnamed), name=str(misnamed))) == plain
    assert _summary(load(Stream(io.BytesIO(packed), "<stdin>"), name="<stdin>")) == plain  # sniffed
    assert _summary(load(packed, name="x.ndjson")) == plain


def test_a_compressed_json_file_named_json_only(tmp_path):
    document = json.dumps([{"id": "a"}, {"id": "b", "created_at": "never"}], indent=2).encode()
    path = tmp_path / "dump.json"
    path.write_bytes(gzip.compress(document))
    assert _summary(load(str(path), name="dump.json")) == _summary(load(document, name="dump.json"))


def test_the_name_tells_format_and_compression():
    from terapi_lint.loaders import kind_of

    assert kind_of("dump.ndjson.gz") == "ndjson" and kind_of("x.JSON.ZST") == "json"
    assert kind_of("export.gz") is None and kind_of("a.yml.xz") == "yaml"
    assert streams.split_name("dump.ndjson.bz2") == ("dump.ndjson", "bzip2")


def _problems(loading):
    return [i for i in loading if isinstance(i, Problem)]


def test_truncated_data_keeps_what_came_before_and_says_where_it_ends():
    lines = b"".join(json.dumps({"id": f"r{i}", "pad": "x" * 50}).encode() + b"\n" for i in range(5000))
    packed = gzip.compress(lines)
    cut = packed[: len(packed) // 2]
    for source in (Stream(io.BytesIO(cut), "d.ndjson.gz"), cut):
        items = list(load(source, name="d.ndjson.gz"))
        records = [i for i in items if isinstance(i, Record)]
        last = items[-1]
        assert len(records) > 1000
        assert last.rule == "parse-error" and "gzip data ends early" in last.message
        assert last.line > len(records)


@pytest.mark.parametrize("data", [b"\x1f\x8b\x08" + bytes(range(256)) * 4, b"not gzip at all\n"],
                         ids=["garbage after the magic", "plain text named .gz"])
def test_data_that_is_not_what_it_says_is_one_finding(data):
    (problem,) = list(load(data if data.startswith(b"\x1f") else Stream(io.BytesIO(data), "x.ndjson.gz",
                                                                           compression="gzip"),
                           name="x.ndjson.gz"))
    assert problem == Problem("parse-error", "not valid gzip data: reading stops here", (), 1, 1, None) \
        or (problem.rule == "parse-error" and "gzip" in problem.message)


def test_a_bomb_of_zeros_stops_at_once(monkeypatch):
    monkeypatch.setattr(streams, "_BUFFER", 4096)  # read the input in small steps, to see where it stops
    bomb = gzip.compress(b"\x00" * (64 << 20), compresslevel=9)
    stream = Stream(io.BytesIO(bomb), "bomb.ndjson.gz")
    (problem,) = list(load(stream, name="bomb.ndjson.gz"))
    assert problem.rule == "parse-error" and problem.message.startswith("binary file")
    assert stream.consumed < len(bomb) / 4  # it did not decompress the whole of it


def test_a_line_longer_than_the_limit_is_skipped_without_being_held(monkeypatch):
    monkeypatch.setattr(ndjson, "LIMIT", 1000)
    monkeypatch.setattr(ndjson, "_PIECE", 64)
    data = b'{"id": "a"}\n{"x": "' + b"y" * 5000 + b'"}\n{"id": "b"}\n'
    items = list(load(Stream(io.BytesIO(gzip.compress(data)), "d.ndjson.gz"), name="d.ndjson.gz"))
    assert [i.value for i in items if isinstance(i, Record)] == [{"id": "a"}, {"id": "b"}]
    (skipped,) = _problems(items)
    assert (skipped.message, skipped.line, skipped.record) == ("line longer than 0 MB: skipped", 2, 1)
    assert [i.line for i in items if isinstance(i, Record)] == [1, 3]


def test_a_range_keeps_the_file_byte_offsets():
    (problem,) = _problems(load(Range(b'{"a": 1}\n{"a": "\xff"}\n', 1000), name="x.ndjson"))
    assert problem == Problem("parse-error", "not valid UTF-8 at byte 1016", (), 2, 8, record=1)
    # a byte-order mark is one only at the start of the file
    (bom,) = _problems(load(Range(b'\xef\xbb\xbf{"a": 1}\n', 10), name="x.ndjson"))
    assert bom.rule == "parse-error"


# -- a JSON dump read from a stream ----------------------------------------------------------------

def _records(n, seed):
    rng = random.Random(seed)
    for i in range(n):
        record = {"id": f"conn-{i}", "provider_config_key": "github-prod", "metadata": {"tags": ["é", "x"] * (i % 3)},
                  "n": rng.randrange(10 ** 12)}
        if rng.random() < 0.1:
            record["scopes"] = [{"a": 1}, {"b": [2, 3]}]
        yield record


def _documents():
    rows = [json.dumps(r, ensure_ascii=False) for r in _records(300, 3)]
    yield "one per line", "[\n" + ",\n".join(rows) + "\n]\n"
    yield "pretty", json.dumps(list(_records(200, 4)), indent=2, ensure_ascii=False)
    yield "one line wrapper", json.dumps({"connections": list(_records(200, 5))}, ensure_ascii=False)
    yield "wrapper and more", '{"connections": [' + ",".join(rows[:50]) + '], "next": null, "meta": {"a": [1]}}'
    yield "bom", "\ufeff[" + ",".join(rows[:40]) + "]"
    bad = list(rows[:120])
    bad[30] = bad[30][:-1] + ",}"  # a malformed record: reported, the next is read
    bad[60] = bad[60].replace('"n": ', '"n": "', 1)  # an unterminated string runs on
    yield "broken", "[\n" + ",\n".join(bad) + "\n]\n"
    yield "a break", "[\n" + ",\n".join(rows[:80]) + "\n}\n"
    yield "trailing text", "[" + ",".join(rows[:20]) + "]\n  \n nope"
    yield "long blank run", "[" + ",".join(rows[:5]) + "," + " " * 5000 + rows[5] + "]"
    yield "trailing comma", "[" + ",".join(rows[:5]) + "," + " " * 3000 + "]"
    yield "bad utf-8", "[" + ",".join(rows[:30]) + ',{"id": "\udcff"}]'
    yield "number at the end", "[" + ",".join(rows[:10]) + ", 1234567890123" + "]"
    yield "empty", "   "


@pytest.mark.parametrize("name,text", list(_documents()), ids=[d[0] for d in _documents()])
def test_a_stream_gives_what_the_bytes_give(monkeypatch, name, text):
    data = text.encode("utf-8", "surrogateescape")
    whole = list(load(data, name="d.json"))
    # A tiny window: every record crosses a block boundary, the window slides at every record.
    monkeypatch.setattr(json_stream, "AHEAD", 40)
    monkeypatch.setattr(json_stream, "_BLOCK", 7)
    streamed = list(load(Stream(io.BytesIO(gzip.compress(data)), "d.json.gz"), name="d.json.gz"))
    assert _flatten(streamed) == _flatten(whole)


def _flatten(items):
    return [(type(i).__name__, i.value, i.base, i.line, i.column, i.many, _positions(i)) if isinstance(i, Record)
            else i for i in items]


def _positions(record):
    return [record.locate(path) for path in (("id",), ("metadata", "tags", 1), ("scopes", 1, "b", 0), ("n",))]


def test_a_nul_byte_in_a_streamed_dump_ends_the_reading_there():
    rows = [json.dumps({**r, "pad": "p" * 300}) for r in _records(400, 1)]
    data = ("[" + ",".join(rows) + "]").encode()
    at = data.index(b'"conn-300"')  # past the first 64 KB, which decide the format
    data = data[:at] + b"\x00" + data[at + 1:]
    items = list(load(Stream(io.BytesIO(data), "<stdin>"), name="<stdin>"))
    assert len([i for i in items if isinstance(i, Record)]) == 300
    assert items[-1].rule == "parse-error" and items[-1].message == f"binary file (NUL byte at byte {at}): reading stops here"


def test_a_record_larger_than_the_limit_ends_the_reading(monkeypatch):
    monkeypatch.setattr(json_stream, "LIMIT", 100_000)
    monkeypatch.setattr(json_stream, "AHEAD", 1000)
    monkeypatch.setattr(json_stream, "_BLOCK", 1000)
    data = b'[{"id": "a"}, {"x": "' + b"y" * 500_000 + b'"}, {"id": "b"}]'
    items = list(load(Stream(io.BytesIO(data), "<stdin>"), name="<stdin>"))
    assert [i.value for i in items if isinstance(i, Record)] == [{"id": "a"}]
    assert items[-1] == Problem("parse-error", "a value larger than 0 MB: reading stops here", (), 1, 15)


def test_unparsed_text_of_a_stream_is_what_could_not_be_parsed():
    rows = [json.dumps(r) for r in _records(20, 2)]
    rows[5] = '{"id": "bad", "token": "ghp_x",}'
    loading = load(Stream(io.BytesIO(("[" + ",\n".join(rows) + "]").encode()), "<stdin>"), name="<stdin>")
    list(loading)
    (span,) = loading.unparsed()
    assert (span.text, span.line, span.column) == (rows[5].encode(), 6, 1)


def test_blank_runs_longer_than_the_limit_are_not_held(monkeypatch):
    monkeypatch.setattr(json_stream, "LIMIT", 1000)
    monkeypatch.setattr(json_stream, "AHEAD", 100)
    monkeypatch.setattr(json_stream, "_BLOCK", 100)
    data = b'[{"id": "a"},' + b" " * 50_000 + b'{"id": "b"}]' + b"\n" * 50_000 + b"x"
    items = list(load(Stream(io.BytesIO(data), "<stdin>"), name="<stdin>"))
    assert [i.value for i in items if isinstance(i, Record)] == [{"id": "a"}, {"id": "b"}]
    assert items[-1].message.endswith("after the end of the JSON value") and items[-1].line == 50_001
