"""Every draft by its own rules, schema folders, and format assertion, through the real pipeline.

The shared copy of the official suite holds Draft 2020-12 only; these cases cover what the older
drafts do differently (``definitions``, ``dependencies``, the array form of ``items``, ``$ref``
siblings ignored before 2019-09, Draft 4's boolean ``exclusiveMinimum`` and ``id``...).  Each runs
through load_schema and a Pipeline as ``--schema`` does, on the fast path and on the fallback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from terapi_lint.config import Settings
from terapi_lint.linter import Pipeline
from terapi_lint.schema import dialects
from terapi_lint.schema.loading import SchemaLoadError
from terapi_lint.schema.references import SchemaDir
from tests.conftest import shared_path

D4, D6, D7 = dialects.DRAFT4 + "#", dialects.DRAFT6 + "#", dialects.DRAFT7 + "#"
D2019, D2020 = dialects.DRAFT201909, dialects.DRAFT202012

CASES: list[tuple[str, dict[str, Any], list[tuple[Any, bool]]]] = [
    ("draft 4 exclusiveMinimum is a boolean", {"$schema": D4, "minimum": 5, "exclusiveMinimum": True},
     [(5, False), (6, True)]),
    ("draft 4 $ref siblings are ignored", {"$schema": D4, "properties": {"a": {"$ref": "#/definitions/s", "type": "integer"}},
                                           "definitions": {"s": {"type": "string"}}}, [({"a": "x"}, True), ({"a": 1}, False)]),
    ("draft 4 id changes the base URI", {"$schema": D4, "id": "http://example.com/root.json",
                                         "definitions": {"A": {"id": "#foo", "type": "integer"}},
                                         "properties": {"a": {"$ref": "#foo"}}}, [({"a": 1}, True), ({"a": "x"}, False)]),
    ("draft 4 has no const", {"$schema": D4, "const": 1}, [(2, True)]),
    ("draft 6 exclusiveMinimum is a number", {"$schema": D6, "exclusiveMinimum": 5}, [(5, False), (6, True)]),
    ("draft 6 items array and additionalItems", {"$schema": D6, "items": [{"type": "integer"}], "additionalItems": False},
     [([1], True), ([1, 2], False), (["x"], False)]),
    ("draft 6 has no if", {"$schema": D6, "if": {"minimum": 10}, "then": {"multipleOf": 2}}, [(11, True)]),
    ("draft 7 if/then", {"$schema": D7, "if": {"minimum": 10}, "then": {"multipleOf": 2}},
     [(11, False), (12, True), (3, True)]),
    ("draft 7 dependencies", {"$schema": D7, "dependencies": {"a": ["b"], "c": {"required": ["d"]}}},
     [({"a": 1}, False), ({"a": 1, "b": 2}, True), ({"c": 1}, False), ({"c": 1, "d": 1}, True)]),
    ("draft 7 $ref siblings are ignored", {"$schema": D7, "$ref": "#/definitions/i", "type": "string",
                                           "definitions": {"i": {"type": "integer"}}}, [(1, True), ("x", False)]),
    ("draft 7 has no unevaluatedProperties", {"$schema": D7, "unevaluatedProperties": False}, [({"a": 1}, True)]),
    ("draft 7 patterns are ECMA-262", {"$schema": D7, "pattern": "^\\d+$"}, [("123", True), ("١٢٣", False)]),
    ("2019-09 $ref siblings apply", {"$schema": D2019, "$ref": "#/$defs/i", "maximum": 5, "$defs": {"i": {"type": "integer"}}},
     [(3, True), (7, False), ("x", False)]),
    ("2019-09 items array", {"$schema": D2019, "items": [{"type": "integer"}], "additionalItems": False},
     [([1], True), ([1, 2], False)]),
    ("2019-09 $recursiveRef", {"$schema": D2019, "$recursiveAnchor": True, "type": "object",
                               "additionalProperties": {"$recursiveRef": "#"}},
     [({"a": {"b": {}}}, True), ({"a": 1}, False)]),
    ("2019-09 dependentRequired", {"$schema": D2019, "dependentRequired": {"a": ["b"]}}, [({"a": 1}, False), ({"a": 1, "b": 1}, True)]),
    ("2020-12 prefixItems", {"$schema": D2020, "prefixItems": [{"type": "integer"}], "items": False},
     [([1], True), ([1, 2], False)]),
    ("no $schema is 2020-12", {"prefixItems": [{"type": "integer"}], "items": False}, [([1, 2], False)]),
    ("boolean subschemas", {"properties": {"a": True, "b": False}}, [({"a": 1}, True), ({"b": 1}, False)]),
]


def _pipelines(path: Path, **options: Any) -> list[Pipeline]:
    return [Pipeline(Settings(schema=str(path), **options)),
            Pipeline(Settings(schema=str(path), fast=False, **options))]


@pytest.mark.parametrize("name,schema,instances", CASES, ids=[c[0] for c in CASES])
def test_each_draft_by_its_own_rules(tmp_path: Path, name: str, schema: dict, instances: list) -> None:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema))
    fast, slow = _pipelines(path)
    assert fast.fast_check is not None, "every case here should have a fast check"
    for value, valid in instances:
        assert (not fast.schema_problems(value)) is valid, (name, value)
        assert (not slow.schema_problems(value)) is valid, (name, value)
        assert fast.fast_check(value) is slow.validator.is_valid(value), (name, value)


def test_items_array_is_not_2020_12(tmp_path: Path) -> None:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps({"items": [{"type": "integer"}]}))
    with pytest.raises(SchemaLoadError, match=r"not a valid JSON Schema \(Draft 2020-12\) at /items"):
        Pipeline(Settings(schema=str(path)))


def test_publisher_draft_07_schema_lints_by_draft_07_rules(tmp_path: Path) -> None:
    publisher = shared_path("corpus", "terapi", "terapi-connection-schema.json")
    fast, slow = _pipelines(publisher)
    assert fast.checked.dialect == slow.checked.dialect == dialects.DRAFT7
    assert slow.validator.META_SCHEMA["$schema"].startswith(dialects.DRAFT7)
    record = {"id": "u-1", "provider_config_key": "github-prod", "provider": "github",
              "created_at": "2026-01-15T10:00:00Z"}
    for pipeline in (fast, slow):
        assert pipeline.schema_problems(record) == []
        assert [p.rule for p in pipeline.schema_problems({**record, "created_at": "yesterday"})] == ["invalid-date-time"]
    # A draft-07 schema of ours that refers to the publisher's: definitions, and $ref siblings ignored.
    wrapper = tmp_path / "wrapper.schema.json"
    wrapper.write_text(json.dumps({"$schema": D7, "definitions": {"connection": {"$ref": publisher.resolve().as_uri()}},
                                   "type": "array", "items": {"$ref": "#/definitions/connection", "maxItems": 0}}))
    for pipeline in _pipelines(wrapper):
        assert pipeline.schema_problems([record, record]) == []
        problems = pipeline.schema_problems([record, {"id": 1}])
        assert problems and all(p.path[:1] == (1,) for p in problems)


def test_schema_dirs_register_schemas_by_id(tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "provider.json").write_text(json.dumps({"$id": "https://schemas.example.com/provider.json",
                                                       "enum": ["github", "slack"]}))
    (library / "not-json.json").write_text("{oops")
    main = tmp_path / "main.schema.json"
    main.write_text(json.dumps({"properties": {"provider": {"$ref": "https://schemas.example.com/provider.json"}}}))
    with pytest.raises(SchemaLoadError, match="never fetches"):
        Pipeline(Settings(schema=str(main)))
    for pipeline in _pipelines(main, schema_dirs=(str(library),)):
        assert pipeline.schema_problems({"provider": "github"}) == []
        assert [p.rule for p in pipeline.schema_problems({"provider": "gitlab"})] == ["invalid-enum"]
    # A folder given with a base URI serves files without $id by their path below it.
    (library / "nested").mkdir()
    (library / "nested" / "id.json").write_text(json.dumps({"type": "string", "minLength": 3}))
    main.write_text(json.dumps({"properties": {"id": {"$ref": "http://localhost:1234/nested/id.json"}}}))
    for pipeline in _pipelines(main, schema_dirs=(SchemaDir(str(library), "http://localhost:1234/"),)):
        assert pipeline.schema_problems({"id": "abc"}) == []
        assert pipeline.schema_problems({"id": "ab"}) != []


def test_a_missing_schema_dir_is_a_usage_error(tmp_path: Path) -> None:
    main = tmp_path / "main.schema.json"
    main.write_text(json.dumps({"$ref": "https://schemas.example.com/x.json"}))
    with pytest.raises(SchemaLoadError, match="the schema folder does not exist"):
        Pipeline(Settings(schema=str(main), schema_dirs=(str(tmp_path / "nope"),)))


def test_id_folder_stands_for_the_file_folder(tmp_path: Path) -> None:
    (tmp_path / "main.schema.json").write_text(json.dumps({"$id": "https://example.com/s/main.json",
                                                           "properties": {"a": {"$ref": "defs/a.json"}}}))
    (tmp_path / "defs").mkdir()
    (tmp_path / "defs" / "a.json").write_text(json.dumps({"type": "integer"}))
    for pipeline in _pipelines(tmp_path / "main.schema.json"):
        assert pipeline.schema_problems({"a": 1}) == [] and pipeline.schema_problems({"a": "x"}) != []


def test_reference_cycles_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"type": "object", "properties": {"next": {"$ref": "b.json"}}}))
    (tmp_path / "b.json").write_text(json.dumps({"type": "object", "properties": {"next": {"$ref": "a.json"},
                                                                                  "n": {"type": "integer"}}}))
    for pipeline in _pipelines(tmp_path / "a.json"):
        assert pipeline.schema_problems({"next": {"next": {"next": {"n": 1}}}}) == []
        assert pipeline.schema_problems({"next": {"n": "x"}}) != []


def test_percent_encoded_pointers_and_anchors(tmp_path: Path) -> None:
    schema = {"$defs": {"a b": {"type": "integer"}, "c%d": {"$anchor": "named", "type": "string"}},
              "properties": {"x": {"$ref": "#/$defs/a%20b"}, "y": {"$ref": "#named"}}}
    (tmp_path / "s.json").write_text(json.dumps(schema))
    for pipeline in _pipelines(tmp_path / "s.json"):
        assert pipeline.schema_problems({"x": 1, "y": "s"}) == []
        assert len(pipeline.schema_problems({"x": "1", "y": 2})) == 2


def test_format_assertion_off_makes_formats_annotations(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(json.dumps({"properties": {"e": {"format": "email"}}}))
    asserted = _pipelines(tmp_path / "s.json")
    annotated = _pipelines(tmp_path / "s.json", format_assertion=False)
    for pipeline in asserted:
        assert pipeline.schema_problems({"e": "not an email"}) != []
    for pipeline in annotated:
        assert pipeline.schema_problems({"e": "not an email"}) == []


@pytest.mark.parametrize("schema,fine", [
    ({"properties": {"id": {"$ref": "#/$defs/nope"}}}, False),
    ({"properties": {"id": {"$ref": "#/$defs/a~1b"}}, "$defs": {"a/b": {"type": "string"}}}, True),
    ({"properties": {"id": {"pattern": "\\p{L}"}}}, True),
    ({"properties": {"id": {"pattern": "(?P<n>x)"}}}, False),
    ({"enum": [{"$ref": "nowhere.json", "pattern": "("}]}, True),  # data, not subschemas
    ({"$defs": {"x": {"$id": "http://example.com/x", "$defs": {"y": {"type": "integer"}}}},
      "properties": {"a": {"$ref": "http://example.com/x#/$defs/y"}}}, True),
])
def test_local_references_take_the_short_way_with_the_crawls_verdict(tmp_path: Path, schema: dict, fine: bool) -> None:
    """Schemas whose references all point into themselves are checked without referencing; the
    verdict and the message are the full crawl's (an $anchor forces the crawl for comparison)."""
    from terapi_lint.schema.checks import check_schema
    from terapi_lint.schema.loading import SchemaSource

    outcomes = []
    for document in (schema, {**schema, "$defs": {**schema.get("$defs", {}), "crawl": {"$anchor": "crawl"}}}):
        try:
            check_schema(SchemaSource(document, "s.json"))
            outcomes.append(None)
        except SchemaLoadError as error:
            outcomes.append(str(error))
    assert outcomes[0] == outcomes[1]
    assert (outcomes[0] is None) is fine, outcomes[0]


def test_lone_surrogates_meet_patterns_and_formats_without_a_crash(tmp_path: Path) -> None:
    """JSON allows "\\ud800"; regress and the format libraries cannot take it.  Patterns see U+FFFD,
    formats say "not that format", and both paths report the same."""
    schema = {"properties": {"a": {"pattern": "^x"}, "e": {"format": "idn-email"}},
              "patternProperties": {"^z": {"type": "integer"}}, "additionalProperties": False}
    (tmp_path / "s.json").write_text(json.dumps(schema))
    fast, slow = _pipelines(tmp_path / "s.json")
    for record in ({"a": "\ud800"}, {"e": "\ud800@example.com"}, {"\ud800": 1}, {"z\ud800": "x"}):
        found = [(p.rule, p.path) for p in slow.schema_problems(record)]
        assert found and found == [(p.rule, p.path) for p in fast.schema_problems(record)], record
