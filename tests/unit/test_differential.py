"""Differential tests: the fast validator (jsonschema-rs) and jsonschema must agree on validity.

``Pipeline.record_problems`` trusts ``build_fast_check``: a record the fast validator accepts is never
shown to jsonschema.  Any instance the fast validator accepts but jsonschema rejects is a finding the
default run silently drops; any instance the fast validator rejects but jsonschema accepts is a
broken promise of :func:`build_fast_check` (and, through the fallback, findings that depend on
whether *another* member of the record is broken).  Every case here is deterministic.
"""

from __future__ import annotations

import copy
import json
import random
import string
from pathlib import Path
from typing import Any

import jsonschema_rs  # noqa: F401 - a declared dependency: without it these tests fail, not skip
import pytest

from terapi_lint import compile_structure
from terapi_lint.compiler import StructureError
from terapi_lint.config import Settings
from terapi_lint.findings import path_from_pointer
from terapi_lint.linter import Pipeline, lint_record
from terapi_lint.schema.fallback import build_validator
from terapi_lint.schema.fast import build_fast_check
from terapi_lint.schema.loading import SchemaSource, load_schema
from tests.conftest import shared_path

SEED = 20261125
DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA = load_schema(None).schema
JSONSCHEMA = build_validator(SCHEMA)
FAST = build_fast_check(SCHEMA)
ENUM = ("oauth2", "oauth1", "api_key", "basic", "custom")
REQUIRED = ("id", "provider_config_key", "provider")

# ------------------------------------------------------------------------------------------------
# Value pools


def _date_time_conformance() -> list[Any]:
    path = shared_path("conformance", "jsts", "draft2020-12", "optional", "format", "date-time.json",
                       optional=True)  # required by the test that reads it below
    if path is None:
        return []
    return [test["data"] for group in json.loads(path.read_text()) for test in group["tests"]]


HARD_DATE_TIMES = [
    # leap seconds: only at 23:59:60 UTC, whatever the offset
    "1998-12-31T23:59:60Z", "1998-12-31T23:59:60+00:00", "1998-12-31T23:59:60-00:00",
    "1999-01-01T00:59:60+01:00", "1998-12-31T18:59:60-05:00", "1998-12-31T15:59:60.123-08:00",
    "1998-12-31T23:59:60.999999Z", "1998-12-31T22:59:60Z", "1998-12-31T23:58:60Z",
    "1998-12-31T23:59:60+01:00", "1999-01-01T00:00:60+00:01", "1998-12-31T23:59:61Z",
    "2016-12-31T23:59:60+23:59", "2016-12-31T00:00:60+23:59", "2017-01-01T23:58:60-23:59",
    # case of T and Z
    "2026-01-01t00:00:00z", "2026-01-01t00:00:00Z", "2026-01-01T00:00:00z", "2026-01-01 00:00:00Z",
    "2026-01-01_00:00:00Z", "2026-01-01T00:00:00", "2026-01-01T00:00Z", "2026-01-01",
    # fractional seconds
    "2026-01-01T00:00:00.1Z", "2026-01-01T00:00:00.123456789012345678Z", "2026-01-01T00:00:00.Z",
    "2026-01-01T00:00:00,5Z", "2026-01-01T00:00:00.5.5Z", "2026-01-01T00:00.5:00Z",
    # offsets
    "2026-01-01T00:00:00+23:59", "2026-01-01T00:00:00-23:59", "2026-01-01T00:00:00+24:00",
    "2026-01-01T00:00:00-24:00", "2026-01-01T00:00:00+00:60", "2026-01-01T00:00:00+0100",
    "2026-01-01T00:00:00+01", "2026-01-01T00:00:00+1:00", "2026-01-01T00:00:00-00:00",
    "2026-01-01T00:00:00+05:30Z", "2026-01-01T00:00:00ZZ", "2026-01-01T00:00:00 Z",
    # calendar
    "2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z", "2000-02-29T12:00:00Z", "1900-02-29T12:00:00Z",
    "2100-02-29T12:00:00Z", "2400-02-29T12:00:00Z", "2026-04-31T10:00:00Z", "2026-04-30T10:00:00Z",
    "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-01-00T00:00:00Z", "2026-12-32T00:00:00Z",
    "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z",
    "2026-01-01T23:59:59.999Z",
    # not ASCII, whitespace, oddities
    "2026-01-0\u0661T00:00:00Z", "\uff12026-01-01T00:00:00Z", "2026-01-01T00:00:00\u200bZ",
    " 2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z ", "2026-01-01T00:00:00Z\n", "",
    "+12026-01-01T00:00:00Z", "-2026-01-01T00:00:00Z", "20260101T000000Z", "2026-W01-1T00:00:00Z",
    "1735689600", "2026-01-01T00:00:00+05:30[Asia/Kolkata]",
]

HUGE = 10**40
SCALARS: list[Any] = [
    "", "x", "github", "ü\u0301", "\u0000", "😀" * 3, "a" * 300, 0, 1, -1, 1.0, -0.0, 1.5, 1e308,
    HUGE, -HUGE, 2**63, 2**64 + 1, True, False, None,
]
CONTAINERS: list[Any] = [
    [], [1], ["a", None], {}, {"a": 1}, {"nested": {"deeper": [{"x": None}]}},
    {"type": "oauth2"}, {"tenant_id": "acme", "tags": ["a", "b"]},
]
EVERY_JSON_TYPE: list[Any] = [*SCALARS, *CONTAINERS]


def _enum_variants() -> list[Any]:
    out: list[Any] = list(ENUM)
    for value in ENUM:
        out += [value.upper(), value.capitalize(), value.title(), f" {value}", f"{value} ",
                value.replace("_", "-"), value + "\u0000", value[:-1]]
    out += ["OAuth2", "oauth", "bearer", "OAUTH\u01402", "", "oauth\u0662", "ｏauth2"]
    return out


ENUM_VALUES = _enum_variants()
DATE_TIMES = [*_date_time_conformance(), *HARD_DATE_TIMES, *EVERY_JSON_TYPE]
UNKNOWN_NAMES = ["tenant", "provider_confg_key", "", "ünïcode", "😀", "$ref", "__proto__", "type",
                 "a" * 200, "credentials", "id "]


def _valid_record(rng: random.Random) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": rng.choice(["user-123", "tenant-42", "ü-1", "x" * 64]),
        "provider_config_key": rng.choice(["github-prod", "salesforce-sandbox", "slack"]),
        "provider": rng.choice(["github", "hubspot", "stripe", ""]),
    }
    if rng.random() < 0.7:
        record["created_at"] = "2026-01-15T10:00:00Z"
    if rng.random() < 0.5:
        record["updated_at"] = rng.choice(["2026-05-03T08:00:00Z", "2026-05-03T08:00:00.5+02:00"])
    if rng.random() < 0.6:
        record["metadata"] = rng.choice([{}, {"tenant_id": "acme"}, {"nested": {"a": [1, 2]}}])
    if rng.random() < 0.7:
        credentials: dict[str, Any] = {"type": rng.choice(ENUM)}
        if rng.random() < 0.5:
            credentials["expires_at"] = "2026-05-04T08:00:00Z"
        record["credentials"] = credentials
    return record


def _mutate(record: dict[str, Any], rng: random.Random) -> Any:
    """One defect (or a harmless change) of any kind."""
    kind = rng.randrange(10)
    if kind == 0:  # missing required
        record.pop(rng.choice(REQUIRED), None)
    elif kind == 1:  # wrong type of any JSON type at any member
        member = rng.choice([*REQUIRED, "created_at", "updated_at", "metadata", "credentials"])
        record[member] = copy.deepcopy(rng.choice(EVERY_JSON_TYPE))
    elif kind == 2:  # enum value, wrong types included
        credentials = record.setdefault("credentials", {})
        if not isinstance(credentials, dict):
            record["credentials"] = credentials = {}
        credentials["type"] = copy.deepcopy(rng.choice([*ENUM_VALUES, *SCALARS[:12], [], {}]))
    elif kind == 3:  # date-times
        member = rng.choice(["created_at", "updated_at", "expires_at"])
        value = copy.deepcopy(rng.choice(DATE_TIMES))
        if member == "expires_at":
            credentials = record.get("credentials")
            if not isinstance(credentials, dict):
                record["credentials"] = credentials = {"type": "oauth2"}
            credentials["expires_at"] = value
        else:
            record[member] = value
    elif kind == 4:  # metadata as every JSON type
        record["metadata"] = copy.deepcopy(rng.choice(EVERY_JSON_TYPE))
    elif kind == 5:  # unknown members, nested
        target = record
        if rng.random() < 0.5:
            target = record.setdefault("credentials", {"type": "oauth2"})
            if not isinstance(target, dict):
                target = record
        target[rng.choice(UNKNOWN_NAMES)] = copy.deepcopy(rng.choice(EVERY_JSON_TYPE))
    elif kind == 6:  # not an object at all
        return copy.deepcopy(rng.choice([*SCALARS, [], [record], "{}", [{"id": "a"}]]))
    elif kind == 7:  # unicode everywhere
        record[rng.choice(REQUIRED)] = rng.choice(["ü", "\u202e", "\ud7ff", "𝔘𝔫𝔦", "\u0000", "é" * 50])
    elif kind == 8:  # numbers: huge ints, 1.0 vs 1
        member = rng.choice([*REQUIRED, "metadata", "created_at"])
        record[member] = rng.choice([1, 1.0, HUGE, -HUGE, 2.5, 0.0, -0.0, 1e-300, 2**53 + 1])
    # kind 9: unchanged (valid)
    return record


def _builtin_records(count: int) -> list[Any]:
    rng = random.Random(SEED)
    out: list[Any] = []
    for _ in range(count):
        record: Any = _valid_record(rng)
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            if not isinstance(record, dict):
                break
            record = _mutate(record, rng)
        out.append(record)
    return out


RECORDS = _builtin_records(2000)


def _explain(schema: dict, instance: Any) -> str:
    """Where jsonschema-rs (configured as build_fast_check does) sees errors in ``instance``."""
    from terapi_lint.schema.formats import is_date, is_date_time, is_uuid

    rs = jsonschema_rs.validator_for(schema, validate_formats=True, offline=True,
                                     formats={"date-time": is_date_time, "date": is_date, "uuid": is_uuid})
    return "; ".join(f"/{'/'.join(map(str, e.instance_path))}: {e.message}" for e in rs.iter_errors(instance))


def _disagreements(validator: Any, fast: Any, instances: list[Any]) -> list[str]:
    out = []
    for instance in instances:
        slow_ok = validator.is_valid(instance)
        errors = list(validator.iter_errors(instance))
        assert slow_ok == (not errors), "jsonschema is_valid and iter_errors disagree"
        fast_ok = fast(instance)
        if slow_ok != fast_ok:
            why = _explain(validator.schema, instance) if not fast_ok else \
                "; ".join(f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)
            out.append(f"jsonschema={slow_ok} fast={fast_ok} [{why}]: {json.dumps(instance, ensure_ascii=True)}")
    return out


# ------------------------------------------------------------------------------------------------
# (a) the built-in connection schema


def test_fast_engine_is_available_for_the_builtin_schema():
    assert FAST is not None


def test_generated_records_cover_valid_and_defective():
    valid = sum(JSONSCHEMA.is_valid(r) for r in RECORDS)
    assert len(RECORDS) == 2000
    assert 300 < valid < 1700
    assert sum(not isinstance(r, dict) for r in RECORDS) > 20


def test_generation_is_deterministic():
    assert _builtin_records(50) == RECORDS[:50]


def test_engines_agree_on_2000_generated_records():
    wrong = _disagreements(JSONSCHEMA, FAST, RECORDS)
    assert not wrong, f"{len(wrong)} disagreements, e.g.:\n" + "\n".join(wrong[:10])


@pytest.mark.parametrize("value", DATE_TIMES, ids=repr)
def test_engines_agree_on_every_date_time(value):
    record = {"id": "a", "provider_config_key": "b", "provider": "c", "created_at": value,
              "credentials": {"type": "oauth2", "expires_at": value}}
    assert JSONSCHEMA.is_valid(record) == FAST(record)


def test_conformance_suite_date_time_both_engines():
    path = shared_path("conformance", "jsts", "draft2020-12", "optional", "format", "date-time.json")
    for group in json.loads(path.read_text()):
        validator, fast = build_validator(group["schema"]), build_fast_check(group["schema"])
        assert fast is not None
        for test in group["tests"]:
            assert validator.is_valid(test["data"]) is test["valid"], test["description"]
            assert fast(test["data"]) is test["valid"], test["description"]


def test_integer_like_floats_and_huge_numbers():
    schema = {"$schema": DIALECT, "type": "object", "properties": {"n": {"type": "integer"}}}
    validator, fast = build_validator(schema), build_fast_check(schema)
    for value in (1, 1.0, -0.0, 1.5, HUGE, -HUGE, 2**64, float(2**70), 1e308, True, "1", None):
        assert validator.is_valid({"n": value}) == fast({"n": value}), value
    assert validator.is_valid({"n": 1.0})  # jsonschema treats 1.0 as an integer


def test_records_that_are_not_objects():
    for value in (*SCALARS, [], [{}], "{}"):
        assert JSONSCHEMA.is_valid(value) is False
        assert FAST(value) is False, value


# hypothesis: random JSON in every member, derandomized and bounded

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_json_scalars = (
    st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12)
)
_json = st.recursive(
    _json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
_date_time = st.sampled_from(DATE_TIMES) | st.from_regex(
    r"\A\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-6]\d:[0-6]\d(\.\d{1,3})?([Zz]|[+-][0-2]\d:[0-6]\d)\Z"
) | _json
_credentials = st.fixed_dictionaries(
    {}, optional={"type": st.sampled_from(ENUM_VALUES) | _json, "expires_at": _date_time,
                  "refresh_token": _json}
) | _json
_records = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=8) | _json, "provider_config_key": st.text(max_size=8) | _json,
        "provider": st.text(max_size=8) | _json, "created_at": _date_time, "updated_at": _date_time,
        "metadata": _json, "credentials": _credentials, "extra": _json,
    },
) | _json


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(_records)
def test_engines_agree_on_hypothesis_records(record):
    assert JSONSCHEMA.is_valid(record) == FAST(record), record


# ------------------------------------------------------------------------------------------------
# Pipeline: fast and jsonschema-only give identical findings


def _key(findings):
    return [(f.rule, f.pointer, f.severity, f.message, f.line, f.column) for f in findings]


SLOW_PIPELINE = Pipeline(Settings(fast=False))
FAST_PIPELINE = Pipeline(Settings())


def test_default_engine_uses_the_fast_path():
    assert FAST_PIPELINE.fast_check is not None and SLOW_PIPELINE.fast_check is None


def test_pipeline_findings_identical_fast_and_slow_on_defective_records():
    defective = [r for r in RECORDS if not JSONSCHEMA.is_valid(r)][:400]
    assert len(defective) >= 300
    different = []
    for record in defective:
        slow = _key(lint_record(record, pipeline=SLOW_PIPELINE))
        fast = _key(lint_record(record, pipeline=FAST_PIPELINE))
        if slow != fast:
            different.append(f"{json.dumps(record)[:200]}\n  slow={slow}\n  fast={fast}")
    assert not different, "\n".join(different[:5])


# ------------------------------------------------------------------------------------------------
# (b) schemas compiled from the structure corpus

_CORPUS = shared_path("corpus", "structures", optional=True)  # required by test_corpus_has_enough_schemas
_INTERESTING = ("format", "enum", "$ref", "items", "minimum", "maximum", "pattern", "anyOf",
                "maxLength", "minLength", "const")


def _count_keys(node: Any) -> int:
    if isinstance(node, dict):
        return sum(k in _INTERESTING for k in node) + sum(_count_keys(v) for v in node.values())
    if isinstance(node, list):
        return sum(_count_keys(v) for v in node)
    return 0


def _corpus_schemas(n: int = 8) -> list[tuple[str, dict]]:
    if _CORPUS is None:
        return []
    compiled = []
    for path in sorted(_CORPUS.glob("*.json")):
        try:
            schema = compile_structure(json.loads(path.read_text(encoding="utf-8")))
        except (StructureError, ValueError):
            continue
        compiled.append((-_count_keys(schema), path.name, schema))
    compiled.sort(key=lambda item: (item[0], item[1]))
    return [(name, schema) for _, name, schema in compiled[:n]]


CORPUS = _corpus_schemas()

FORMAT_VALUES: dict[str, list[Any]] = {
    "date-time": ["2026-01-15T10:00:00Z", "2026-01-15 10:00:00", "2026-02-30T00:00:00Z",
                  "1998-12-31T23:59:60Z", "2026-01-15t10:00:00z", "2026-01-15T10:00:00+24:00"],
    "date": ["2026-01-15", "2024-02-29", "2023-02-29", "2026-1-5", "2026-01-15T00:00:00Z"],
    "time": ["10:00:00Z", "10:00:00+02:00", "10:00:00", "23:59:60Z", "25:00:00Z"],
    "uuid": ["550e8400-e29b-41d4-a716-446655440000", "550E8400-E29B-41D4-A716-446655440000",
             "550e8400e29b41d4a716446655440000", "not-a-uuid"],
    "email": ["a@example.com", "a@", "@", "no-at-sign", "a b@example.com"],
    "uri": ["https://example.com/x", "urn:isbn:123", "relative/path", "http://a b", "//host"],
    "ipv4": ["192.168.0.1", "256.0.0.1", "01.2.3.4", "1.2.3"],
    "ipv6": ["::1", "1::2::3"],
    "hostname": ["example.com", "-bad-.com", "a..b"],
}


def _bad_type_value(rng: random.Random, not_type: Any) -> Any:
    pool = {"string": "s", "integer": 7, "number": 2.5, "boolean": True, "null": None,
            "array": [1], "object": {"k": "v"}}
    types = not_type if isinstance(not_type, list) else [not_type]
    choices = [v for t, v in pool.items() if t not in types and not (t == "integer" and "number" in types)]
    return copy.deepcopy(rng.choice(choices or list(pool.values())))


def _generate(schema: Any, root: dict, rng: random.Random, depth: int = 0) -> Any:
    if not isinstance(schema, dict):
        return None
    if "$ref" in schema and isinstance(schema["$ref"], str) and schema["$ref"].startswith("#/"):
        target: Any = root
        for token in path_from_pointer(schema["$ref"][1:]):
            target = target.get(token, {}) if isinstance(target, dict) else {}
        return _generate(target, root, rng, depth + 1) if depth < 6 else {}
    if "anyOf" in schema:
        return _generate(rng.choice(schema["anyOf"]), root, rng, depth + 1)
    declared = schema.get("type")
    if declared is not None and rng.random() < 0.08:
        return _bad_type_value(rng, declared)
    if "enum" in schema and schema["enum"]:
        value = rng.choice(schema["enum"])
        roll = rng.random()
        if roll < 0.1 and isinstance(value, str):
            return value.upper() if value.upper() != value else value.lower() + "x"
        if roll < 0.15:
            return "not-in-the-enum"
        return copy.deepcopy(value)
    if "const" in schema:
        return copy.deepcopy(schema["const"]) if rng.random() < 0.9 else "not-the-const"
    kind = rng.choice(declared) if isinstance(declared, list) else declared
    if kind is None:
        kind = "object" if "properties" in schema else rng.choice(["string", "integer", "object"])
    if kind == "object":
        out: dict[str, Any] = {}
        required = set(schema.get("required", ()))
        for name, sub in (schema.get("properties") or {}).items():
            if (name in required and rng.random() < 0.95) or (depth < 4 and rng.random() < 0.6):
                out[name] = _generate(sub, root, rng, depth + 1)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and rng.random() < 0.5:
            out["some-key"] = _generate(extra, root, rng, depth + 1)
        if rng.random() < 0.1:
            out["unknown_member"] = {"nested": [1, "x", None]}
        return out
    if kind == "array":
        if depth > 5:
            return []
        count = rng.randrange(1 if depth > 3 else 4)
        return [_generate(schema.get("items", {}), root, rng, depth + 1) for _ in range(count)]
    if kind == "string":
        fmt = schema.get("format")
        if fmt in FORMAT_VALUES:
            # The first value of each list is valid; favour it so that schemas with many
            # formatted members still get valid instances.
            return FORMAT_VALUES[fmt][0] if rng.random() < 0.6 else rng.choice(FORMAT_VALUES[fmt])
        return rng.choice(["", "x", "ü\u0301", "hello world", "a" * 40, "12", "１２"])
    if kind == "integer":
        return rng.choice([0, 1, -1, 1.0, 2.5, 2**63, HUGE, 42, -(10**20)])
    if kind == "number":
        return rng.choice([0, 0.5, -1.25, 1e308, 3, HUGE, -0.0])
    if kind == "boolean":
        return rng.choice([True, False])
    if kind == "null":
        return None
    return "x"


def test_corpus_has_enough_schemas():
    shared_path("corpus", "structures")
    assert 5 <= len(CORPUS) <= 10


@pytest.mark.parametrize("name,schema", CORPUS or [("absent", None)], ids=[n for n, _ in CORPUS] or ["absent"])
def test_engines_agree_on_corpus_schema(name, schema):
    shared_path("corpus", "structures")
    validator, fast = build_validator(schema), build_fast_check(schema)
    assert fast is not None, f"{name}: jsonschema-rs refused the compiled schema"
    rng = random.Random(f"{SEED}:{name}")
    instances = [_generate(schema, schema, rng) for _ in range(250)]
    instances += [None, [], "x", 1, {}]
    valid = sum(validator.is_valid(i) for i in instances)
    assert 0 < valid < len(instances), "generation should give both valid and invalid instances"
    wrong = _disagreements(validator, fast, instances)
    assert not wrong, f"{name}: {len(wrong)} disagreements, e.g.:\n" + "\n".join(wrong[:8])


@pytest.mark.parametrize("name,schema", CORPUS or [("absent", None)], ids=[n for n, _ in CORPUS] or ["absent"])
def test_pipeline_identical_fast_and_slow_on_corpus_schema(name, schema):
    shared_path("corpus", "structures")
    source = SchemaSource(schema, name)
    slow_engine, fast_engine = Pipeline(Settings(fast=False), source), Pipeline(Settings(), source)
    rng = random.Random(f"{SEED}:pipeline:{name}")
    different = []
    for _ in range(60):
        record = _generate(schema, schema, rng)
        slow, fast = _key(lint_record(record, pipeline=slow_engine)), _key(lint_record(record, pipeline=fast_engine))
        if slow != fast:
            different.append(f"{json.dumps(record)[:200]}\n  slow={slow}\n  fast={fast}")
    assert not different, f"{name}:\n" + "\n".join(different[:3])


# ------------------------------------------------------------------------------------------------
# Every format the compiler can emit (KNOWN_FORMATS), one schema each


FORMAT_CASES: dict[str, list[Any]] = {
    **FORMAT_VALUES,
    "time": ["08:30:06Z", "08:30:06+01:00", "08:30:06.5z", "08:30:06", "23:59:60Z", "12:00:60Z",
             "24:00:00Z"],
    "duration": ["P1D", "PT1H", "P1W", "PT", "P", "1D", "P1.5D"],
    "hostname": ["example.com", "-a.com", "a_b.com", "a..b", "ü.de", ""],
    "regex": ["^a$", "(", "\\p{L}", "(?P<x>a)", "^\\&$", "^a\\\u200b$"],
    "uri-reference": ["#f", "x", "http://a b"],
    "iri": ["http://ü.de/", "x"],
    "uri-template": ["http://{a}", "{a"],
    "idn-email": ["ü@b.de", "a@", "ü@b\u200b.de", "ü@b.d\U0001d518"],
    "idn-hostname": ["ü.de", "üM.di", "ü\U0001d5181d", "xn--a", ""],
    "json-pointer": ["", "/a", "a", "/~2"],
    "int32": ["x", 2**40], "int64": [2**70], "float": ["x"], "double": ["x"],
}


@pytest.mark.parametrize("fmt", sorted(FORMAT_CASES))
def test_engines_agree_on_format(fmt):
    schema = {"$schema": DIALECT, "type": "object", "properties": {"v": {"format": fmt}}}
    validator, fast = build_validator(schema), build_fast_check(schema)
    wrong = [f"{v!r}: jsonschema={validator.is_valid({'v': v})} fast={fast({'v': v})}"
             for v in FORMAT_CASES[fmt] if validator.is_valid({"v": v}) != fast({"v": v})]
    assert not wrong, f"format {fmt!r}: " + "; ".join(wrong)


_FORMAT_SEEDS = {
    "date-time": "2026-01-15T10:00:00Z", "date": "2026-01-15", "time": "10:00:00Z", "duration": "P1DT2H",
    "email": "a@b.com", "idn-email": "ü@b.de", "hostname": "a.b-c.com", "idn-hostname": "ü.de", "ipv4": "1.2.3.4",
    "ipv6": "::1", "uri": "http://a.b/c?d#e", "uri-reference": "a/b?c", "iri": "http://ü.de/", "iri-reference": "ü/x",
    "uuid": "123e4567-e89b-12d3-a456-426614174000", "uri-template": "http://{a}/x", "json-pointer": "/a/b",
    "relative-json-pointer": "1/a", "regex": "^a+$",
}
_NOISE = string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=%{} \\\"<>|^`éü中\U0001d518\u200b"


@pytest.mark.parametrize("fmt", sorted(_FORMAT_SEEDS))
def test_engines_agree_on_each_value_of_every_format(fmt):
    """Per value, not only per record: the fast path's errors are read as jsonschema's, so a value
    must be of a format for both or for neither.  Near misses of a valid value, 400 a format."""
    from terapi_lint.schema.formats import build_format_checker

    checker, fast = build_format_checker(), build_fast_check({"format": fmt})
    rng = random.Random(f"{SEED}:{fmt}")
    wrong = []
    for _ in range(400):
        chars = list(_FORMAT_SEEDS[fmt])
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(chars) + 1)
            if rng.random() < 0.5 or not chars:
                chars.insert(at, rng.choice(_NOISE))
            else:
                chars[min(at, len(chars) - 1)] = rng.choice(_NOISE)
        value = "".join(chars)
        if checker.conforms(value, fmt) != fast(value):
            wrong.append(f"{value!r}: jsonschema={checker.conforms(value, fmt)} fast={fast(value)}")
    assert not wrong, f"format {fmt!r}: " + "; ".join(wrong[:8])


def test_structure_time_member_same_findings_whatever_else_is_wrong():
    """A valid RFC 3339 time must not be reported only when another member is broken."""
    schema = compile_structure({"name": "Shop", "fields": [
        {"name": "id", "type": "string", "required": True},
        {"name": "opens", "type": "string (time)"},
    ]})
    assert schema["properties"]["opens"] == {"type": "string", "format": "time"}
    pipeline = Pipeline(Settings(), SchemaSource(schema, "shop"))
    slow = Pipeline(Settings(fast=False), SchemaSource(schema, "shop"))
    assert lint_record({"id": "a", "opens": "08:30:06Z"}, pipeline=pipeline) == []
    assert lint_record({"id": "a", "opens": "08:30:06Z"}, pipeline=slow) == []
    rules = [(f.rule, f.pointer) for f in lint_record({"id": 1, "opens": "08:30:06Z"}, pipeline=pipeline)]
    assert rules == [("wrong-type", "/id")]


def test_user_schema_multiple_of_same_findings_fast_and_slow():
    schema = {"$schema": DIALECT, "type": "object",
              "properties": {"price": {"type": "number", "multipleOf": 0.01}}}
    source = SchemaSource(schema, "price")
    fast, slow = Pipeline(Settings(), source), Pipeline(Settings(fast=False), source)
    for price in (0.07, 19.99, 1.1, 0.3):
        assert _key(lint_record({"price": price}, pipeline=fast)) == _key(lint_record({"price": price}, pipeline=slow)), price


# ------------------------------------------------------------------------------------------------
# Lone surrogates: json.loads accepts "\ud800" escapes, so records can hold them


SURROGATE_RECORDS = [
    {"id": "\ud800", "provider_config_key": "b", "provider": "c"},
    {"id": "a", "provider_config_key": "b", "provider": "c", "metadata": {"\udc00": 1}},
    {"id": "a", "provider_config_key": "b", "provider": "c", "\ud800x": 1},
    {"id": "a", "provider_config_key": "b", "provider": "c", "credentials": {"\udc00": 1}},
    {"id": "a", "provider_config_key": "b", "provider": "c", "created_at": "2026-01-01T00:00:00\ud800Z"},
    {"id": "a", "provider_config_key": "b", "provider": "c", "credentials": {"type": "oauth2\udfff"}},
]


@pytest.mark.parametrize("record", SURROGATE_RECORDS, ids=repr)
def test_lone_surrogates_fast_engine_never_accepts_what_jsonschema_rejects(record):
    # jsonschema-rs cannot encode a lone surrogate and answers "not valid"; jsonschema then
    # judges the record, so the findings are the same (next test).
    assert JSONSCHEMA.is_valid(record) or not FAST(record)


@pytest.mark.parametrize("record", SURROGATE_RECORDS, ids=repr)
def test_lone_surrogates_pipeline_fast_and_slow_identical(record):
    assert _key(lint_record(record, pipeline=FAST_PIPELINE)) == _key(lint_record(record, pipeline=SLOW_PIPELINE))


def test_lone_surrogate_member_name_in_a_file_is_a_finding_not_a_crash(tmp_path):
    from terapi_lint.linter import lint_paths

    path = tmp_path / "c.json"
    path.write_text('{"id": "a", "provider_config_key": "b", "provider": "c", "\\ud800x": 1}\n')
    other = tmp_path / "d.json"
    other.write_text('{"id": "a", "provider_config_key": "b", "provider": "c", "tenant": 1}\n')
    result = lint_paths([str(path), str(other)], Settings(jobs=1))
    assert [(Path(f.file).name, f.rule) for f in result.findings] == [
        ("c.json", "unknown-field"), ("d.json", "unknown-field")]
