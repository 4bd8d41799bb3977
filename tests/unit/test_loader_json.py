"""JSON loading: exact verdicts and places, duplicate keys, the fast path's exactness."""

from __future__ import annotations

import json

import pytest

from terapi_lint.findings import Problem
from terapi_lint.loaders import load
from terapi_lint.loaders.base import Record
from terapi_lint.loaders.json_ import fast_loads, parses
from terapi_lint.loaders.positions import JSONSyntaxError, parse

SECRET = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"


def items(data: bytes, name: str = "x.json", **kw):
    return list(load(data, name=name, **kw))


def problems(data: bytes, **kw) -> list[Problem]:
    return [item for item in items(data, **kw) if isinstance(item, Problem)]


def test_single_record_positions_in_characters():
    data = '{"id": "é✓",\n  "metadata": {"a": [1, {"b": 2}]}}'.encode()
    [record] = items(data)
    assert isinstance(record, Record) and record.base == () and record.index is None
    assert record.kind == "json" and (record.line, record.column) == (1, 1)
    assert record.locate(("id",)) == (1, 2)
    assert record.locate(("metadata",)) == (2, 3)
    assert record.locate(("metadata", "a", 1)) == (2, 25)
    assert record.locate(("metadata", "a", 1, "b")) == (2, 26)
    assert record.locate(("metadata", "a", 1, "missing")) == (2, 25)


def test_duplicate_key_reported_at_second_key_and_record_still_yielded():
    data = b'{"id": "a",\n "credentials": {"type": "x", "type": "y"}}'
    out = items(data)
    assert isinstance(out[0], Record) and out[0].value["credentials"] == {"type": "y"}
    assert out[1] == Problem("duplicate-key", out[1].message, ("credentials", "type"), 2, 31)


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ('{"a": NaN}', (1, 7), "NaN or Infinity"),
        ('{"a": -Infinity}', (1, 7), "NaN or Infinity"),
        ('{"a": 1} // c', (1, 10), "comment"),
        ('{"a": 1,}', (1, 9), "trailing comma"),
        ("{'a': 1}", (1, 2), "single-quoted"),
        ('{"a": "x', (1, 7), "unterminated string"),
        ('{"a": [1, 2', (1, 12), "end of input"),
        ('{"a": "x\ty"}', (1, 9), "control character U+0009"),
        ('{"a": "\\q"}', (1, 8), "invalid escape"),
        ("garbage", (1, 1), "bare word"),
        ('{"a": 01}', (1, 8), "expected ',' or '}'"),
        ('{"a" 1}', (1, 6), "expected ':'"),
        ('{"a": 1} {"b": 2}', (1, 10), "after the end"),
    ],
)
def test_parse_errors_have_exact_places(text, where, words):
    [problem] = problems(text.encode())
    assert problem.rule == "parse-error"
    assert (problem.line, problem.column) == where
    assert words in problem.message


def test_parse_error_messages_never_quote_content():
    for text in (
        f'{{"token": {SECRET}}}',
        f"{{'{SECRET}': 1}}",
        f'{{"a": "{SECRET}\n"}}',
        f'{{"a": 1}} {SECRET}',
        f'[{{"a": "{SECRET}" "b"}}]',
    ):
        for problem in problems(text.encode()):
            assert SECRET[:8] not in problem.message and SECRET[-8:] not in problem.message


def test_empty_and_blank_files():
    for data in (b"", b"  \n\t \n"):
        assert items(data) == [Problem("parse-error", "file is empty", (), 1, 1)]


def test_large_integer_fast_path_defers_to_exact_parser():
    [record] = items(b'{"n": 123456789012345678901234567890}')
    assert record.value["n"] == 123456789012345678901234567890


def test_utf8_bom_is_skipped_and_positions_unchanged():
    [record] = items(b'\xef\xbb\xbf{"a": 1}')
    assert record.value == {"a": 1} and record.locate(("a",)) == (1, 2)


def test_lone_surrogate_escape_loads_like_python_json():
    [record] = items(b'{"a": "\\ud800"}')
    assert record.value == json.loads('{"a": "\\ud800"}')


class TestFastPathDuplicateCheck:
    """The count trick must agree with the exact parser on every tricky shape."""

    CASES = [
        b'{"a": 1, "b": 2}',
        b'{"a": 1, "a": 2}',
        b'{"a\\"": 1, "a\\"": 2}',
        b'{"a\\"": 1, "a": 2}',
        b'{"x": "q\\": r", "x": 1}',
        b'{"x": "q\\" : r"}',
        b'{"x": "q\\" : r", "x": 1}',
        b'{"u\\u0022": 1, "u\\"": 2}',
        b'{"x": "\\u0022:", "x": 2}',
        b'{"x": "\\"\\u003a", "x": 2}',
        b'{"x": "\\"\\u0020:", "x": 2}',
        b'{"k" :1, "k"\n: 2}',
        b'{"time": "10:00", "url": "http://a:b@c"}',
        b'{"a": {"b": 1}, "c": {"b": 2, "b": 3}}',
        b'[{"a": 1}, {"a": 1, "a": 1}]',
    ]

    @pytest.mark.parametrize("raw", CASES)
    def test_fast_path_never_hides_a_duplicate(self, raw):
        exact = parse(raw.decode())
        fast = fast_loads(raw)
        if exact.duplicates:
            assert not parses(raw), "fast path accepted a document with duplicate keys"
        else:
            assert fast == exact.value

    @pytest.mark.parametrize("raw", CASES)
    def test_loader_reports_exact_duplicates(self, raw):
        found = [p.path for p in problems(raw) if p.rule == "duplicate-key"]
        expected = parse(raw.decode()).duplicates
        if raw.startswith(b"["):  # array items are records: paths start with the item index
            assert found == [(1, "a")]
        else:
            assert found == [path for path, _, _ in expected]


def test_parser_errors_are_syntax_errors_not_crashes():
    with pytest.raises(JSONSyntaxError):
        parse("[" * 5000)


@pytest.mark.parametrize("text, problem", [
    (b'{1: 2}', ("expected a string key, found number", 1, 2)),
    (b'{"a" 1}', ("expected ':' after the object key, found number", 1, 6)),
    (b'{\n  "ok": 1,\n  "b\\x": 2}', ("invalid escape sequence in string", 3, 5)),  # inside a key
])
def test_a_bad_member_is_named_where_it_goes_wrong(text, problem):
    assert [(p.message, p.line, p.column) for p in load(text, name="x.json") if isinstance(p, Problem)] == [problem]


def test_an_escaped_quote_and_colon_cannot_hide_a_duplicate_key():
    """Re-serialised, "\\u0022:" becomes \\": which counts as a key end: the fast path's count of
    keys would match although a duplicate was dropped, so such text is parsed exactly."""
    text = b'{"a":1,"a":2,"x":"\\u0022:"}'
    assert [(p.rule, p.path, p.line, p.column) for p in items(text) if isinstance(p, Problem)] == [
        ("duplicate-key", ("a",), 1, 8)]
