"""The checks a schema passes before any record: its draft, whether it is a schema, its meta-schema.

Each refusal is one message naming the file, the JSON Pointer inside it and the value where it is
safe to print; the end-to-end view is in tests/acceptance/test_never_silent.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from terapi_lint.config import Settings
from terapi_lint.linter import Pipeline
from terapi_lint.schema import dialects
from terapi_lint.schema.checks import check_schema
from terapi_lint.schema.errors import shown
from terapi_lint.schema.loading import SchemaLoadError, SchemaSource, load_schema


def _refusal(document: object) -> str:
    with pytest.raises(SchemaLoadError) as caught:
        check_schema(SchemaSource(document, "s.json"))
    return str(caught.value)


@pytest.mark.parametrize("document,message", [
    ({"$schema": "http://example.com/custom", "type": "object"},
     's.json: /$schema: "http://example.com/custom" is not a draft terapi-lint knows'),
    ({}, "s.json: not a JSON Schema: it is empty ({}), which accepts everything: write true if that is what you mean"),
    ({"id": "u-1", "provider_config_key": "github-prod", "provider": "github"},
     "s.json: not a JSON Schema: this looks like a connection record"),
    ({"data": {"items": [{"id": 1}]}}, "s.json: not a JSON Schema: this looks like an API response holding records"),
    ({"foo": 1, "bar": [1]}, "none of its members is a keyword of JSON Schema Draft 2020-12"),
    ({"type": ["string", "strng"]},
     "s.json: not a valid JSON Schema (Draft 2020-12) at /type/1: \"strng\" is not a JSON type (did you mean 'string'?)"),
    ({"minLength": -1}, "at /minLength: -1 is too small (the least allowed is 0)"),
    ({"required": "id"}, 'at /required: must be array, not a string ("id")'),
    ({"$schema": "http://json-schema.org/draft-07/schema#", "additionalItems": 3},
     "not a valid JSON Schema (Draft 7) at /additionalItems: must be object or boolean, not an integer (3)"),
    ({"properties": {"a": {"pattern": "[z-a]"}}}, 's.json: /properties/a/pattern: "[z-a]" is not an ECMA-262 regular expression'),
    ({"patternProperties": {"(?<=x": {}}}, 's.json: /patternProperties/(?<=x: "(?<=x" is not an ECMA-262 regular expression'),
])
def test_refusals_name_the_place_and_the_value(document: object, message: str) -> None:
    assert message in _refusal(document)


def test_a_record_with_a_keyword_named_member_is_checked_by_the_meta_schema() -> None:
    assert "at /type: \"oauth2\" is not a JSON type" in _refusal(
        {"id": "u-1", "provider": "github", "type": "oauth2"})


@pytest.mark.parametrize("document", [True, False, {"title": "only an annotation"}, {"$ref": "#/$defs/a", "$defs": {"a": {}}}])
def test_schemas_that_are_fine(document: object) -> None:
    assert check_schema(SchemaSource(document, "s.json")).dialect == dialects.DRAFT202012


def test_values_shown_only_when_safe() -> None:
    assert shown("strin") == '"strin"' and shown(3) == "3" and shown(None) == "null"
    assert shown({"a": 1}) is None and shown([1]) is None and shown("x" * 61) is None
    assert shown("ghp_" + "a1B2" * 9) is None  # token-like, whatever its checksum
    assert shown("line\nbreak") is None


def test_values_shown_up_to_their_limits() -> None:
    """Numbers up to 40 characters of JSON, strings up to 60, letters as they are."""
    assert shown(10 ** 39) == "1" + "0" * 39 and shown(10 ** 40) is None
    assert shown("a b" * 20) == json.dumps("a b" * 20) and shown("a b" * 20 + "c") is None
    assert shown("größe") == '"größe"'


@pytest.mark.parametrize("uri,dialect", [
    ("http://json-schema.org/draft-04/schema#", dialects.DRAFT4),
    ("http://json-schema.org/draft-06/schema", dialects.DRAFT6),
    ("https://json-schema.org/draft-07/schema#", dialects.DRAFT7),  # the https spelling
    ("https://json-schema.org/draft/2019-09/schema", dialects.DRAFT201909),
    ("https://json-schema.org/draft/2020-12/schema#", dialects.DRAFT202012),
])
def test_drafts_by_dollar_schema(uri: str, dialect: str) -> None:
    assert check_schema(SchemaSource({"$schema": uri, "type": "object"}, "s.json")).dialect == dialect


def test_a_custom_meta_schema_found_locally_names_its_draft(tmp_path: Path) -> None:
    metas = tmp_path / "metas"
    metas.mkdir()
    (metas / "meta.json").write_text(json.dumps({"$id": "https://example.com/meta", "$schema": dialects.DRAFT202012,
                                                 "$dynamicAnchor": "meta", "allOf": [{"$ref": dialects.DRAFT202012}]}))
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"$schema": "https://example.com/meta", "type": "integer"}))
    with pytest.raises(SchemaLoadError, match="no local meta-schema of that URI names one"):
        Pipeline(Settings(schema=str(schema)))
    pipeline = Pipeline(Settings(schema=str(schema), schema_dirs=(str(metas),)))
    assert pipeline.checked.dialect == dialects.DRAFT202012
    assert pipeline.fast_check is None  # a custom meta-schema: the fallback judges alone
    assert pipeline.schema_problems(1) == [] and pipeline.schema_problems("x") != []


def test_a_schema_file_that_is_neither_object_nor_boolean(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]")
    with pytest.raises(SchemaLoadError, match="must be a JSON object \\(or true or false\\), not an array"):
        load_schema(str(path))


def test_referenced_documents_are_checked_against_their_meta_schema(tmp_path: Path) -> None:
    (tmp_path / "main.json").write_text(json.dumps({"properties": {"a": {"$ref": "defs.json"}}}))
    (tmp_path / "defs.json").write_text(json.dumps({"type": "strin"}))
    with pytest.raises(SchemaLoadError) as caught:
        Pipeline(Settings(schema=str(tmp_path / "main.json")))
    assert "defs.json: not a valid JSON Schema (Draft 2020-12) at /type" in str(caught.value)
    (tmp_path / "defs.json").write_text("{not json")
    with pytest.raises(SchemaLoadError, match="defs.json is not a JSON document"):
        Pipeline(Settings(schema=str(tmp_path / "main.json")))
