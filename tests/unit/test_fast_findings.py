"""Cheap findings: a record the fast check rejects gets its findings from jsonschema-rs's errors,
and they are exactly those the jsonschema fallback gives (rule, pointer, message, line, column).

Each test runs the same input through the default pipeline and through one with ``fast=False``
(jsonschema for every record) and compares every finding.  The inputs: generated defective
records of every kind (the benchmark generator's defects, ``expires_at: null``, hypothesis records
against the built-in schema and against a schema using every keyword), every fixture file, and
(in tests/unit/test_conformance.py) every invalid case of the official suite.  Tests also check
that the fast errors are really used where they can be, and not where jsonschema must say.
"""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from terapi_lint.config import Settings
from terapi_lint.linter import Pipeline, lint_paths, lint_record
from terapi_lint.schema.loading import SchemaSource
from terapi_lint.schema.problems import fast_problems
from tests.conftest import FIXTURES, ROOT


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("benchmark_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATE = _generator()
FAST, SLOW = Pipeline(Settings()), Pipeline(Settings(fast=False))


def _key(findings: list) -> list[tuple]:
    return [(f.file, f.rule, f.pointer, f.severity, f.message, f.line, f.column, f.record) for f in findings]


def _same_findings(paths: list[str], **options: Any) -> int:
    """Lint ``paths`` both ways, assert identical findings; returns how many there were."""
    fast = lint_paths(paths, Settings(jobs=1, **options))
    slow = lint_paths(paths, Settings(jobs=1, fast=False, **options))
    assert _key(fast.findings) == _key(slow.findings)
    assert (fast.records, fast.files) == (slow.records, slow.files)
    return len(fast.findings)


def _fast_errors_used(pipeline: Pipeline, value: Any) -> bool:
    """Whether the pipeline's findings for ``value`` come from the fast validator's errors."""
    return fast_problems(pipeline.fast_check.errors(value)) is not None


# ------------------------------------------------------------------------------------------------
# The built-in schema: the benchmark generator's defects, and the dirty-dump defect


def _dump(n: int, seed: int, rate: float) -> str:
    out = io.StringIO()
    GENERATE.write_ndjson(out, GENERATE.records(n, seed, rate))
    return out.getvalue()


def test_generated_dump_with_every_defect_kind(tmp_path: Path) -> None:
    (tmp_path / "dump.ndjson").write_text(_dump(400, 11, 1.0), encoding="utf-8")
    array = tmp_path / "dump.json"
    array.write_text("[\n" + ",\n".join(_dump(400, 12, 0.5).splitlines()) + "\n]\n", encoding="utf-8")
    assert _same_findings([str(tmp_path / "dump.ndjson"), str(array)]) > 400
    records = [json.loads(line) for line in _dump(400, 11, 1.0).splitlines() if line.count('"provider"') == 1]
    schema_defective = [r for r in records if FAST.schema_problems(r)]
    assert len(schema_defective) > 150
    assert all(_fast_errors_used(FAST, r) for r in schema_defective)


def test_expires_at_null_the_dirty_dump_defect(tmp_path: Path) -> None:
    lines = []
    for index, line in enumerate(_dump(300, 5, 0.0).splitlines()):
        record = json.loads(line)
        if index % 5 < 2:
            record["credentials"]["expires_at"] = None
        lines.append(json.dumps(record))
    (tmp_path / "dirty.ndjson").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _same_findings([str(tmp_path / "dirty.ndjson")]) == 120
    [finding] = lint_record(json.loads(lines[0]), pipeline=FAST)
    assert (finding.rule, finding.pointer, finding.message) == (
        "wrong-type", "/credentials/expires_at", "credentials.expires_at must be string, not null")
    assert _fast_errors_used(FAST, json.loads(lines[0]))


def test_every_fixture_file() -> None:
    files = sorted(str(p) for p in FIXTURES.rglob("*") if p.is_file())
    assert len(files) > 100
    assert _same_findings(files) > 100
    assert _same_findings(files, strict=True) > 100


# ------------------------------------------------------------------------------------------------
# Hypothesis: records of any shape, against the built-in schema and a schema of every keyword

_scalars = (st.none() | st.booleans() | st.integers(min_value=-(10**20), max_value=10**20)
            | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8))
# Member names jsonschema-rs spells differently in its paths ("" left out, "01" as 1) included.
_names = st.sampled_from(["", "0", "01", "+1", "k", "j1"]) | st.text(max_size=4)
_json = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(_names, inner, max_size=3), max_leaves=6)
_date_times = st.sampled_from(["2026-01-15T10:00:00Z", "2026-01-15 10:00:00", "2026-02-30T00:00:00Z",
                               "2026-01-15T10:00:00", "1998-12-31T23:59:60Z", "yesterday", ""])
_builtin_records = st.fixed_dictionaries({}, optional={
    "id": st.text(max_size=6) | _json, "provider_config_key": st.text(max_size=6) | _json,
    "provider": st.text(max_size=6) | _json, "created_at": _date_times | _json, "updated_at": _date_times,
    "metadata": _json, "extra": _json,
    "credentials": st.fixed_dictionaries({}, optional={
        "type": st.sampled_from(["oauth2", "OAuth2", "api-key", "bearer", ""]) | _json,
        "expires_at": _date_times | _json, "refresh": _json}) | _json,
}) | _json


def _same_record_findings(pipelines: tuple[Pipeline, Pipeline], record: Any, kind: str = "json") -> None:
    fast, slow = pipelines
    assert sorted((p.rule, p.path, p.message) for p in fast.schema_problems(record, kind)) == \
        sorted((p.rule, p.path, p.message) for p in slow.schema_problems(record, kind))
    assert _key(lint_record(record, pipeline=fast)) == _key(lint_record(record, pipeline=slow))


@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(_builtin_records, st.sampled_from(["json", "yaml"]))
def test_builtin_schema_hypothesis_records(record: Any, kind: str) -> None:
    _same_record_findings((FAST, SLOW), record, kind)


EVERY_KEYWORD = {
    "type": "object", "required": ["id", "kind"],
    "properties": {
        "id": {"type": "string", "minLength": 2, "maxLength": 5, "pattern": "^[a-z]+$"},
        "kind": {"enum": ["a", "b", 1, None]}, "fixed": {"const": "k"},
        "email": {"type": "string", "format": "email"}, "when": {"format": "date-time"},
        "day": {"format": "date"}, "uuid": {"format": "uuid"}, "host": {"format": "hostname"},
        "n": {"type": ["integer", "null"], "minimum": 0, "maximum": 10, "multipleOf": 2},
        "x": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
        "list": {"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 3, "uniqueItems": True},
        "obj": {"type": "object", "properties": {"k": {"type": "string"}}, "patternProperties": {"^j": {"type": "integer"}},
                "additionalProperties": False, "minProperties": 1, "maxProperties": 2, "dependentRequired": {"k": ["j1"]}},
        "metadata": {"type": "object"}, "no": {"not": {"type": "string"}}, "never": False,
        "ref": {"$ref": "#/$defs/small"}, "refs": {"type": "array", "items": {"$ref": "#/$defs/small"}},
        "either": {"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 3}]},
        "one": {"oneOf": [{"type": "integer"}, {"minimum": 2}]},
        "both": {"allOf": [{"type": "string"}, {"type": "integer"}]},
        "has": {"contains": {"type": "integer"}}, "names": {"propertyNames": {"maxLength": 2}},
        "cond": {"if": {"type": "string"}, "then": {"minLength": 3}, "else": {"type": "integer"}},
        "map": {"type": "object", "additionalProperties": {"type": "integer", "maximum": 3}},
    },
    "$defs": {"small": {"type": "integer", "maximum": 5}},
}
_KEYWORD_VALUES = (_json | st.sampled_from(["ab", "abcdef", "AB", "a@example.com", "not an email", "2026-01-15T10:00:00Z",
                                            "2026-01-15", "2026-02-30", "123e4567-e89b-12d3-a456-426614174000",
                                            "example.com", "-bad-.com", 0, 1, 2, 3, 4, 7, 11, -1, 0.5, 1.5, [1, 1],
                                            [1, "x"], [1, 2, 3, 4], {"k": "v"}, {"k": 1, "j1": 2, "z": 3}, {"j1": "x"}]))
_keyword_records = st.fixed_dictionaries({}, optional={name: _KEYWORD_VALUES for name in EVERY_KEYWORD["properties"]}) \
    | st.fixed_dictionaries({"id": _KEYWORD_VALUES, "kind": _KEYWORD_VALUES}) | _json


def _pipelines(schema: Any) -> tuple[Pipeline, Pipeline]:
    source = SchemaSource(schema, "every-keyword.schema.json")
    return Pipeline(Settings(), source), Pipeline(Settings(fast=False), source)


EVERY_KEYWORD_PIPELINES = _pipelines(EVERY_KEYWORD)


@settings(max_examples=600, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(_keyword_records)
def test_every_keyword_hypothesis_records(record: Any) -> None:
    _same_record_findings(EVERY_KEYWORD_PIPELINES, record)


@pytest.mark.parametrize("member,value,rule", [
    ("id", "AB", "schema-violation"), ("id", 5, "wrong-type"), ("kind", "c", "invalid-enum"),
    ("fixed", "x", "invalid-enum"), ("email", "nope", "schema-violation"), ("when", "yesterday", "invalid-date-time"),
    ("n", 3, "schema-violation"), ("n", 12, "schema-violation"), ("x", 1, "schema-violation"),
    ("list", [], "schema-violation"), ("list", [1, 1], "schema-violation"), ("list", ["x"], "wrong-type"),
    ("obj", {"j1": 1, "z": 1}, "unknown-field"), ("obj", {}, "schema-violation"), ("obj", {"j1": "x"}, "wrong-type"),
    ("metadata", "{}", "metadata-not-object"), ("no", "s", "schema-violation"),
    ("ref", 9, "schema-violation"), ("refs", [1, "x"], "wrong-type"), ("map", {"a": 4}, "schema-violation"),
    ("cond", "ab", "schema-violation"), ("cond", 1.5, "wrong-type"),
])
def test_read_keywords_take_the_fast_errors(member: str, value: Any, rule: str) -> None:
    fast, slow = EVERY_KEYWORD_PIPELINES
    record = {"id": "ab", "kind": "a", member: value}
    assert [p.rule for p in fast.schema_problems(record)] == [rule]
    assert _fast_errors_used(fast, record)
    _same_record_findings(EVERY_KEYWORD_PIPELINES, record)


@pytest.mark.parametrize("member,value", [
    ("either", []), ("one", 5), ("has", ["x"]), ("names", {"abc": 1}), ("both", 1.5), ("never", 1),
    ("obj", {"k": "v"}), ("map", {"": "x"}), ("map", {"01": "x"}), ("map", {"a": {"": 1}, "b": "x"}),
])
def test_other_keywords_go_to_jsonschema(member: str, value: Any) -> None:
    fast, _ = EVERY_KEYWORD_PIPELINES
    record = {"id": "ab", "kind": "a", member: value}
    assert fast.schema_problems(record)
    assert not _fast_errors_used(fast, record)
    _same_record_findings(EVERY_KEYWORD_PIPELINES, record)


def test_other_drafts_and_documents(tmp_path: Path) -> None:
    """Draft 4 (other keyword spellings) and embedded $id resources go to jsonschema; a keyword in
    another file is read from that file."""
    draft4 = {"$schema": "http://json-schema.org/draft-04/schema#", "properties": {"n": {"minimum": 5, "exclusiveMinimum": True}}}
    fast, slow = _pipelines(draft4)
    assert not _fast_errors_used(fast, {"n": 5})
    _same_record_findings((fast, slow), {"n": 5})

    embedded = {"properties": {"a": {"$ref": "http://example.com/a"}}, "$defs": {"a": {"$id": "http://example.com/a", "type": "integer"}}}
    fast, slow = _pipelines(embedded)
    assert not _fast_errors_used(fast, {"a": "x"})
    _same_record_findings((fast, slow), {"a": "x"})

    (tmp_path / "defs.json").write_text(json.dumps({"$defs": {"p": {"enum": ["github", "slack"]}}}))
    (tmp_path / "main.json").write_text(json.dumps({"$schema": "http://json-schema.org/draft-07/schema#",
                                                    "properties": {"provider": {"$ref": "defs.json#/$defs/p"}}}))
    fast, slow = Pipeline(Settings(schema=str(tmp_path / "main.json"))), \
        Pipeline(Settings(schema=str(tmp_path / "main.json"), fast=False))
    assert _fast_errors_used(fast, {"provider": "gitlab"})
    _same_record_findings((fast, slow), {"provider": "gitlab"})


def test_findings_kept_by_the_shape_of_their_error_are_the_ones_jsonschema_gives(tmp_path: Path) -> None:
    """One wrong type at one place, of every JSON type, in JSON and YAML, and ``metadata`` (whose
    message reads the value): each message the same as jsonschema's, however often it recurs."""
    pipeline = Pipeline(Settings())
    values = [None, 5, 1.5, True, [], {}, "x", None, True, "yes"]
    lines = []
    for index, line in enumerate(_dump(len(values) * 3, 7, 0.0).splitlines()):
        record = json.loads(line)
        record["credentials"]["expires_at"] = values[index % len(values)]
        if index % 3 == 0:
            record["metadata"] = ['{"a": 1}', "plain", 5][index % 9 // 3]
        lines.append(record)
    for record in lines:
        for kind in ("json", "yaml", "json"):
            fast = pipeline.schema_problems(record, kind)
            assert sorted((p.rule, p.path, p.message) for p in fast) == \
                sorted((p.rule, p.path, p.message) for p in SLOW.schema_problems(record, kind))
    kept = pipeline.fast_check.memo
    assert {key[1:] for key in kept} >= {(("credentials", "expires_at"), "null", "yaml"),
                                         (("credentials", "expires_at"), "boolean", "json")}
    assert all(key[1] != ("metadata",) for key in kept)
    (tmp_path / "dirty.ndjson").write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    assert _same_findings([str(tmp_path / "dirty.ndjson")]) >= len(lines)
