"""YAML: safe, bounded loading with positions, duplicate keys and sanitised errors."""

from __future__ import annotations

import yaml

from terapi_lint.findings import Problem
from terapi_lint.loaders import load
from terapi_lint.loaders.base import Record
from terapi_lint.loaders.yaml_ import SafeEventLoader

SECRET = "ghp_R4nd0mS3cr3tV4lu3ThatMustNeverLeak00"


def items(text: str, **kw):
    return list(load(text.encode(), name="x.yaml", **kw))


def test_timestamps_stay_strings_and_bools_load_as_bools():
    [record] = items("id: a\ncreated_at: 2026-01-15T10:00:00Z\nday: 2026-01-15\nprovider: no\nt: !!timestamp 2020-01-01\n")
    assert record.value == {
        "id": "a",
        "created_at": "2026-01-15T10:00:00Z",
        "day": "2026-01-15",
        "provider": False,
        "t": "2020-01-01",
    }
    assert record.kind == "yaml" and record.index == 0


def test_timestamp_resolver_removed_only_on_the_subclass():
    assert isinstance(yaml.safe_load("a: 2020-01-01")["a"], type(yaml.safe_load("2020-01-01")))
    assert not isinstance(yaml.safe_load("2020-01-01"), str)
    assert SafeEventLoader.yaml_implicit_resolvers is not yaml.SafeLoader.yaml_implicit_resolvers


def test_positions_from_marks():
    [record] = items("id: a\nmetadata:\n  tags: [x, y]\n  é: {k: 1}\n")
    assert record.locate(("metadata",)) == (2, 1)
    assert record.locate(("metadata", "tags", 1)) == (3, 13)
    assert record.locate(("metadata", "é", "k")) == (4, 7)


def test_multi_document_stream_one_record_per_document():
    out = items("id: a\n---\nid: b\n--- just a scalar\n")
    assert [(r.index, r.value, r.line) for r in out] == [(0, {"id": "a"}, 1), (1, {"id": "b"}, 3), (2, "just a scalar", 4)]


def test_duplicate_key_at_second_occurrence():
    out = items("id: a\ncredentials:\n  type: x\n  type: y\n")
    assert isinstance(out[0], Record) and out[0].value["credentials"] == {"type": "y"}
    assert out[1] == Problem("duplicate-key", out[1].message, ("credentials", "type"), 4, 3, record=0)


def test_object_tags_are_refused_never_constructed():
    out = items("a: 1\n---\nx: !!python/object/apply:os.system ['echo pwned']\n---\ny: !custom 3\n---\nb: 2\n")
    kinds = [(type(i).__name__, i.index if isinstance(i, Record) else i.record) for i in out]
    assert kinds == [("Record", 0), ("Problem", 1), ("Problem", 2), ("Record", 3)]
    assert "!!python/object/apply:os.system" in out[1].message and (out[1].line, out[1].column) == (3, 4)
    assert "local or unknown tag" in out[2].message


def test_merge_keys_and_aliases():
    [record] = items("base: &b {k: 1, j: 2}\nm:\n  <<: *b\n  j: 3\nn: *b\n")
    assert record.value["m"] == {"k": 1, "j": 3} and record.value["n"] == {"k": 1, "j": 2}


def test_discovery_in_yaml_documents():
    out = items("connections:\n  - id: a\n  - id: b\n")
    assert [(r.base, r.line, r.column) for r in out] == [(("connections", 0), 2, 5), (("connections", 1), 3, 5)]
    assert out[1].locate(("id",)) == (3, 5)
    out = items("r:\n  list:\n    - id: a\n", records_pointer=("r", "list"))
    assert [r.base for r in out] == [("r", "list", 0)]
    [problem] = items("r: 1\n", records_pointer=("q",))
    assert problem.message.startswith("no records at /q")


def test_syntax_errors_never_echo_the_source():
    cases = [
        f'a: [1\nb: "{SECRET}" x: y\n',
        f'token: "\\q{SECRET}"\n',
        f"a: b\n\ttoken: {SECRET}\n",
        f"token: {SECRET}\n  bad: [\n",
        f"a: '{SECRET}\n",
        f"- {SECRET}\nkey: {SECRET}\n",
        f"a: \x07{SECRET}\n",
        f"a: !{SECRET}!x y\n",                # PyYAML quotes the undefined tag handle
        f"a: !<tag:yaml.org,2002:{SECRET}{'x' * 40}> 1\n",
    ]
    for text in cases:
        out = items(text)
        problems = [p for p in out if isinstance(p, Problem)]
        assert problems, text
        for problem in problems:
            assert problem.line and problem.column
            for piece in (SECRET[i : i + 8] for i in range(0, len(SECRET) - 8)):
                assert piece not in problem.message


def test_syntax_errors_keep_the_grammar_and_drop_the_quoted_text():
    """PyYAML's words without what they quote of the source; quoted punctuation is grammar and stays."""
    cases = {
        "a: !h4ndl3!x y\n": "YAML syntax: found undefined tag handle; while parsing a node",
        'a: "\\q s3cr3t"\n': "YAML syntax: found unknown escape character; while parsing a quoted scalar",
        "a: [1, 2\nb: 3\n": "YAML syntax: did not find expected ',' or ']'; while parsing a flow sequence",
        "a: b: c\n": "YAML syntax: mapping values are not allowed in this context",
    }
    for text, message in cases.items():
        [problem] = [p for p in items(text) if isinstance(p, Problem)]
        assert problem.message == message


def test_a_tag_is_named_only_when_it_is_a_short_core_tag():
    def message(tag: str) -> str:
        [problem] = [p for p in items(f"a: !<{tag}> 1\n") if isinstance(p, Problem)]
        return problem.message

    core = "tag:yaml.org,2002:"
    assert message(core + "x" * (79 - len(core))) == f"YAML tag !!{'x' * (79 - len(core))} is not allowed: only JSON types are loaded"
    assert message(core + "x" * (80 - len(core))) == "YAML tag a local or unknown tag is not allowed: only JSON types are loaded"
    assert message("!local") == "YAML tag a local or unknown tag is not allowed: only JSON types are loaded"


def test_empty_and_comment_only_files():
    assert items("") == [Problem("parse-error", "file is empty", (), 1, 1)]
    assert items("# nothing\n") == [Problem("parse-error", "no YAML document in the file", (), 1, 1)]


def test_a_record_is_one_of_many_in_a_sequence_or_among_documents():
    def many(text):
        return [r.many for r in load(text.encode(), name="x.yaml") if isinstance(r, Record)]

    assert many("id: a\n") == many("---\nid: a\n") == many("# c\n---\nid: a\n...\n") == [False]
    assert many("id: a\n---\nid: b\n") == many("---\nid: a\n---\nid: b\n") == [True, True]
    assert many("- id: a\n- id: b\n") == [True, True]


def test_pure_python_pyyaml_words_lose_what_they_quote_of_the_source():
    """With libyaml (the wheels' default) PyYAML's messages quote nothing; without it they quote
    the source. The same filter then drops the quoted text and keeps the quoted grammar."""
    from terapi_lint.loaders.yaml_ import _clean

    def words(text: str) -> tuple[str, str]:
        try:
            yaml.load(text, Loader=yaml.SafeLoader)  # the pure-Python parser, whatever is installed
        except yaml.MarkedYAMLError as exc:
            return _clean(exc.problem), _clean(exc.context)
        raise AssertionError(f"{text!r} parsed")

    assert words(f"a: !{SECRET[:20]}!x y\n") == ("found undefined tag handle", "while parsing a node")
    assert words(f'a: "\\q{SECRET}"\n') == ("found unknown escape character", "while scanning a double-quoted scalar")
    assert words("a: [1, 2\nb: 3\n") == ("expected ',' or ']', but got ':'", "while parsing a flow sequence")
    assert words(f"a: !<!{SECRET}> 1\n") == ("could not determine a constructor for the tag", "")


def test_what_yaml_allows_and_json_does_not_is_one_clear_problem_where_it_is():
    def problem(text: str) -> tuple[str, int, int]:
        [p] = [p for p in items(text) if isinstance(p, Problem)]
        return p.message, p.line, p.column

    assert problem("? [a]\n: 1\n") == ("mapping keys must be scalars", 1, 3)
    assert problem("a: *nope\n") == ("alias to an undefined or unfinished anchor", 1, 4)


def test_a_duplicate_key_says_what_was_lost_and_a_document_starts_where_its_value_does():
    out = items("id: a\nid: b\n---\n  id: c\n--- \"just\"\n")
    assert out[1] == Problem("duplicate-key", "duplicate key: only the last value is kept and earlier ones are "
                             "silently lost", ("id",), 2, 1, record=0)
    assert [(r.line, r.column, r.locate(())) for r in out if isinstance(r, Record)] == [
        (1, 1, (1, 1)), (4, 3, (4, 3)), (5, 5, (5, 5))]
