"""Record discovery and streaming of arrays: bases, positions, error recovery."""

from __future__ import annotations

import json

import pytest

from terapi_lint.findings import Problem
from terapi_lint.loaders import load
from terapi_lint.loaders.base import Record
from terapi_lint.loaders.records import discover_value
from tests.conftest import FIXTURES

EXAMPLE = FIXTURES / "records" / "list-connections-response.json"


def items(data: bytes, **kw):
    return list(load(data, name="x.json", **kw))


def test_top_level_array_items_are_records_with_index_bases():
    data = b'[\n  {"id": "a"},\n  {"id": "b"},\n  7\n]'
    out = items(data)
    assert [(r.base, r.value, r.line, r.column) for r in out] == [
        ((0,), {"id": "a"}, 2, 3),
        ((1,), {"id": "b"}, 3, 3),
        ((2,), 7, 4, 3),
    ]
    assert out[1].locate(("id",)) == (3, 4)


def test_connections_wrapper():
    data = b'{"next": null,\n "connections": [{"id": "a"},\n {"id": "b", "id": "c"}]}'
    out = items(data)
    assert [r.base for r in out if isinstance(r, Record)] == [("connections", 0), ("connections", 1)]
    [dup] = [p for p in out if isinstance(p, Problem)]
    assert dup.rule == "duplicate-key" and dup.path == ("connections", 1, "id") and (dup.line, dup.column) == (3, 14)


def test_object_with_non_array_connections_is_one_record():
    [record] = items(b'{"id": "a", "connections": 3}')
    assert record.base == () and record.value == {"id": "a", "connections": 3}


def test_wrapper_members_outside_records_are_still_checked():
    out = items(b'{"connections": [{"id": "a"}], "extra": [1,], "x": 1, "x": 2}')
    assert isinstance(out[0], Record)
    assert [(p.rule, p.path) for p in out[1:]] == [("parse-error", ("extra",)), ("duplicate-key", ("x",))]


def test_records_pointer_on_a_saved_api_response():
    out = list(load(str(EXAMPLE), name=EXAMPLE.name, records_pointer=("response", "body", "connections")))
    first, second = out
    assert first.base == ("response", "body", "connections", 0)
    assert first.value["id"] == "acct-0042"
    assert (first.line, first.column) == (12, 9)
    assert first.locate(("credentials", "type")) == (23, 13)
    assert (second.base[-1], second.line, second.column) == (1, 27, 9)
    assert second.locate(("credentials", "type")) == (34, 27)


@pytest.mark.parametrize(
    ("pointer", "words"),
    [
        (("response", "nope"), "no records at /response/nope: /response is an object of 2 members, none named 'nope'"),
        (("title",), "no records at /title: the value there is a string, not an array or object"),
        (("response", "status", "x"), "no records at /response/status/x: /response/status is a number, "
                                      "not an object with 'x'"),
        (("connections",), "no records at /connections: the top level is an object of 4 members, "
                           "none named 'connections'"),
    ],
)
def test_records_pointer_not_found(pointer, words):
    out = list(load(str(EXAMPLE), name=EXAMPLE.name, records_pointer=pointer))
    assert not any(isinstance(item, Record) for item in out)
    [problem] = out
    assert problem.rule == "records-not-found" and problem.message == words
    assert problem.line is not None and problem.column is not None


def test_records_pointer_not_found_says_a_record_looks_like_one():
    [problem] = items(b'{"id": "u1", "provider": "github"}', records_pointer=("response", "body"))
    assert problem.message == ("no records at /response/body: the top level is an object of 2 members, "
                               "none named 'response'; it looks like one connection record")
    [problem] = items(b'[{"id": "u1"}]', records_pointer=("response",))
    assert problem.message == "no records at /response: the top level is an array, not an object with 'response'"


def test_pointer_into_array_index():
    out = items(b'[[{"a": 1}], [{"a": 2}, {"a": 3}]]', records_pointer=("1",))
    assert [(r.base, r.value) for r in out] == [((1, 0), {"a": 2}), ((1, 1), {"a": 3})]
    [problem] = items(b"[[1]]", records_pointer=("4",))
    assert problem.message == "no records at /4: the top level is an array of 1 item, without index 4"


def test_bad_item_is_reported_and_the_next_items_still_read():
    data = b'[{"id": "a"},\n {"id": NaN},\n {"id": "c"}]'
    out = items(data)
    assert [type(i).__name__ for i in out] == ["Record", "Problem", "Record"]
    assert out[1].path == (1,) and (out[1].line, out[1].column) == (2, 9)
    assert out[2].value == {"id": "c"}


def test_structure_break_ends_the_file():
    out = items(b'[{"id": "a"} {"id": "b"}]')
    assert [type(i).__name__ for i in out] == ["Record", "Problem"]
    assert out[1].message.startswith("expected ',' or ']'") and (out[1].line, out[1].column) == (1, 14)


def test_streamed_records_match_a_plain_parse_minified_and_pretty():
    records = [{"id": f"u{i}", "metadata": {"k": [{"x": i}], "s": "}, {"}, "n": i} for i in range(50)]
    for data in (json.dumps(records).encode(), json.dumps(records, indent=2).encode()):
        out = items(data)
        assert [r.value for r in out] == records
        assert [r.base for r in out] == [(i,) for i in range(50)]
    pretty = json.dumps(records, indent=2).encode()
    record = items(pretty)[10]
    line = pretty.decode().splitlines()[record.locate(("n",))[0] - 1]
    assert line.strip() == '"n": 10'


def test_discover_value_in_memory():
    assert list(discover_value([1, 2], None)) == [((0,), 1), ((1,), 2)]
    assert list(discover_value({"connections": [{}]}, None)) == [(("connections", 0), {})]
    assert list(discover_value({"a": {"b": [{}]}}, ("a", "b"))) == [(("a", "b", 0), {})]
    with pytest.raises(LookupError, match="no records at /a/c"):
        list(discover_value({"a": {"b": []}}, ("a", "c")))


def test_one_record_per_line_array_with_nested_objects():
    # The layout of most exports: "[", then one minified record per line.  Nested arrays of
    # objects end in "},{" too, which must not be taken for the end of the record.
    rows = [b'{"id": "u%d", "tags": [{"a": 1},{"b": 2}], "m": {"x": {}}}' % i for i in range(50)]
    data = b"[\n" + b",\n".join(rows) + b"\n]\n"
    records = [r for r in load(data, name="dump.json") if isinstance(r, Record)]
    assert [r.value["id"] for r in records] == [f"u{i}" for i in range(50)]
    assert [(r.base, r.line, r.column) for r in records[:2]] == [((0,), 2, 1), ((1,), 3, 1)]
    assert records[7].locate(("tags", 1)) == (9, 32)
