"""Hostile inputs: every one ends in a finding or records, never a traceback.

No test asserts a time (speed is measured in benchmarks/); the inputs are sized so that a
quadratic or unbounded loader would make this file take minutes instead of seconds.
"""

from __future__ import annotations

import pytest

from terapi_lint.findings import Problem
from terapi_lint.loaders import MAX_DEPTH, load
from terapi_lint.loaders.yaml_ import ALIAS_LIMIT
from terapi_lint.loaders.base import Record

DEEP = 200_000


def run(data: bytes, name: str) -> list:
    return list(load(data, name=name))


def only_problem(out: list) -> Problem:
    problems = [item for item in out if isinstance(item, Problem)]
    assert len(problems) == 1, out[:3]
    return problems[0]


@pytest.mark.parametrize("name", ["x.json", "x.ndjson"])
@pytest.mark.parametrize("opener", ["[", '{"a":'], ids=["arrays", "objects"])
def test_deep_json_nesting(name, opener):
    problem = only_problem(run(opener.encode() * DEEP, name))
    assert problem.message == f"nesting deeper than {MAX_DEPTH} levels"
    assert problem.line == 1 and problem.column > MAX_DEPTH


def test_deep_json_in_an_array_of_records():
    out = run(b'[{"id": 1}, ' + b"[" * DEEP + b"]" * DEEP + b"]", "x.json")
    assert isinstance(out[0], Record)
    assert out[1].message == f"nesting deeper than {MAX_DEPTH} levels"


def test_nesting_at_the_limit_is_accepted():
    data = b"[" * MAX_DEPTH + b"]" * MAX_DEPTH
    [record] = run(data, "x.json")
    assert isinstance(record, Record)
    problem = only_problem(run(b"[" + data + b"]", "x.ndjson"))
    assert "nesting deeper" in problem.message


YAML_DEEP = {
    "flow-sequence": "[" * DEEP,
    "block-sequence": "- " * DEEP + "a",
    "flow-mapping": "{a: " * DEEP,
    "block-mapping": "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 1200)),
}


@pytest.mark.parametrize("shape", sorted(YAML_DEEP))
def test_deep_yaml_nesting(shape):
    text = YAML_DEEP[shape]
    problem = only_problem(run(text.encode(), "x.yaml"))
    # Our own depth limit, or, with PyYAML 6.0.4's libyaml, libyaml's nesting limit reported as a
    # YAML syntax finding: either way a finding with a place, never a crash.
    assert problem.rule == "parse-error" and problem.line >= 1
    assert problem.message == f"nesting deeper than {MAX_DEPTH} levels" or "nesting depth" in problem.message


def test_yaml_alias_bomb():
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    problem = only_problem(run("\n".join(lines).encode(), "x.yaml"))
    assert problem.message == f"YAML aliases expand to more than {ALIAS_LIMIT} nodes"


def test_yaml_recursive_alias():
    problem = only_problem(run(b"a: &a [*a]\n", "x.yaml"))
    assert "unfinished anchor" in problem.message


def test_invalid_utf8():
    problem = only_problem(run(b'{"a": 1,\n "b": "x\xc3\x28"}', "x.json"))
    assert (problem.message, problem.line, problem.column) == ("not valid UTF-8 at byte 17", 2, 9)
    problem = only_problem(run(b'a: 1\nb: "x\xff"\n', "x.yaml"))
    assert (problem.message, problem.line, problem.column) == ("not valid UTF-8 at byte 10", 2, 6)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_are_decoded(codec):
    text = '{"id": "é",\n "provider": "x"}'
    [record] = run(text.encode(codec), "x.json")
    assert record.value == {"id": "é", "provider": "x"} and record.locate(("provider",)) == (2, 2)
    [record] = run("id: é\n".encode(codec), "x.yaml")
    assert record.value == {"id": "é"}


def test_undecodable_utf16():
    problem = only_problem(run(b"\xff\xfe{\x00\x00\xd8", "x.json"))
    assert problem.message.startswith("not valid UTF-16")


def test_utf8_bom_keeps_positions():
    [record] = run(b'\xef\xbb\xbf{\n "a": 1}', "x.json")
    assert record.locate(("a",)) == (2, 2)
    [record] = run(b"\xef\xbb\xbfa: 1\nb: 2\n", "x.yaml")
    assert record.locate(("b",)) == (2, 1)


@pytest.mark.parametrize("name", ["x.json", "x.yaml", "x.ndjson", "-"])
def test_binary_file(name):
    problem = only_problem(run(b'{"a": 1}\n\x00\x01\x02\x89PNG', name))
    assert problem.message.startswith("binary file") and (problem.line, problem.column) == (2, 1)


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity(literal):
    problem = only_problem(run(f'{{"a": {literal}}}'.encode(), "x.json"))
    assert "NaN or Infinity" in problem.message and (problem.line, problem.column) == (1, 7)


def test_100000_digit_integer():
    problem = only_problem(run(b'{"n": ' + b"7" * 100_000 + b"}", "x.json"))
    assert problem.message == "integer with 100000 digits is too large" and problem.column == 7
    problem = only_problem(run(b"n: " + b"7" * 100_000 + b"\n", "x.yaml"))
    assert problem.message == "integer with 100000 digits is too large"


def test_20_megabyte_string():
    [record] = run(b'{"blob": "' + b"A" * 20_000_000 + b'"}', "x.json")
    assert len(record.value["blob"]) == 20_000_000
    problem = only_problem(run(b'{"blob": "' + b"A" * 20_000_000, "x.json"))
    assert problem.message == "unterminated string" and problem.column == 10


def test_unterminated_string_with_many_escapes_is_one_problem():
    # That the work grows linearly is counted in test_linear_work.py.
    problem = only_problem(run(b'[{"a": "' + b'\\"x' * 300_000, "x.json"))
    assert problem.message == "unterminated string"


def test_300000_key_object():
    data = b"{" + b",".join(b'"k%d": %d' % (i, i) for i in range(300_000)) + b"}"
    [record] = run(data, "x.json")
    assert len(record.value) == 300_000
    dup = b"{" + b",".join(b"\"k%d\": %d" % (i, i) for i in range(100_000)) + b", \"k5\": 0}"
    out = run(dup, "x.json")
    assert [p.path for p in out if isinstance(p, Problem)] == [("k5",)]


@pytest.mark.parametrize("name", ["x.json", "x.yaml", "x.ndjson", "-"])
@pytest.mark.parametrize("data", [b"", b" \n\t\r\n"], ids=["empty", "blank"])
def test_empty_and_blank(name, data):
    out = run(data, name)
    if name == "x.ndjson" or (name == "-" and data):
        assert out == [] or out == [Problem("parse-error", "file is empty", (), 1, 1)]
    else:
        assert out == [Problem("parse-error", "file is empty", (), 1, 1)]
