"""compile_structure: nesting forms, references, flattened paths, options and refusals."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from terapi_lint import compile_structure as lazy_compile
from terapi_lint.compiler import ID_PREFIX, SCHEMA_DIALECT, StructureError, compile_structure


def doc(*fields: Any, **top: Any) -> dict:
    return {"name": "Thing", "fields": list(fields), **top}


def compile_ok(structure: dict, **kwargs: Any) -> dict:
    schema = compile_structure(structure, **kwargs)
    Draft202012Validator.check_schema(schema)
    return schema


def warnings_of(structure: dict, **kwargs: Any) -> tuple[dict, list[tuple[str, str]]]:
    seen: list[tuple[str, str]] = []
    schema = compile_ok(structure, warn=lambda p, m: seen.append((p, m)), **kwargs)
    return schema, seen


def refusal(structure: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(StructureError) as info:
        compile_structure(structure, **kwargs)
    return info.value.pointer, info.value.message


def valid(schema: dict, instance: Any) -> bool:
    return Draft202012Validator(schema).is_valid(instance)


# -- document ---------------------------------------------------------------------------------


def test_top_level_layout_and_key_order() -> None:
    schema = compile_ok(
        doc({"name": "id", "type": "string", "required": True}, description="A thing", example={"id": "x"},
            version="1.0")  # fmt: skip
    )
    assert list(schema) == ["$schema", "$id", "title", "description", "type", "properties", "required",
                            "examples", "x-version"]  # fmt: skip
    assert schema["$schema"] == SCHEMA_DIALECT
    assert schema["$id"] == ID_PREFIX + "thing"
    assert schema["required"] == ["id"]
    assert schema["examples"] == [{"id": "x"}]


def test_title_from_title_key_and_id_slug() -> None:
    schema = compile_ok({"title": "Rutter Connection (v2)", "fields": []})
    assert schema["title"] == "Rutter Connection (v2)"
    assert schema["$id"] == "urn:terapi-lint:structure:rutter-connection-v2"
    assert "required" not in schema


def test_lazy_package_attribute() -> None:
    assert lazy_compile is compile_structure


def test_properties_keep_field_order_and_determinism() -> None:
    structure = doc(*({"name": n, "type": "string"} for n in ["z", "a", "m"]))
    first = compile_ok(structure)
    assert list(first["properties"]) == ["z", "a", "m"]
    assert json.dumps(compile_ok(copy.deepcopy(structure))) == json.dumps(first)


def test_input_is_not_mutated() -> None:
    structure = doc({"name": "a.b", "type": "array", "fields": [{"name": "c", "type": "string"}]})
    before = copy.deepcopy(structure)
    compile_ok(structure)
    assert structure == before


# -- field keywords ---------------------------------------------------------------------------


def test_field_keywords() -> None:
    schema = compile_ok(doc(
        {"name": "n", "type": "integer", "min": 1, "max": 5, "default": 2, "example": 3, "readOnly": True,
         "deprecated": True, "description": "d"},
        {"name": "s", "type": "string", "pattern": "^a", "maxLength": 4, "const": "abc"},
        {"name": "r", "type": "number", "range": "0-7"},
        {"name": "q", "type": "number", "range": [0, 100]},
        {"name": "l", "type": "array", "itemType": "string", "maxItems": 3},
    ))  # fmt: skip
    p = schema["properties"]
    assert p["n"] == {"type": "integer", "minimum": 1, "maximum": 5, "default": 2, "readOnly": True,
                      "deprecated": True, "description": "d", "examples": [3]}  # fmt: skip
    assert p["s"] == {"type": "string", "const": "abc", "maxLength": 4, "pattern": "^a"}
    assert p["r"] == {"type": "number", "minimum": 0, "maximum": 7}
    assert p["q"] == {"type": "number", "minimum": 0, "maximum": 100}
    assert p["l"] == {"type": "array", "items": {"type": "string"}, "maxItems": 3}


def test_formats_enums_and_nullable() -> None:
    schema = compile_ok(doc(
        {"name": "a", "type": "string", "format": "uuid"},
        {"name": "b", "type": "string", "enum": ["x", "y"]},
        {"name": "c", "type": "enum", "values": ["p", "q"]},
        {"name": "d", "type": "enum", "allowedValues": [1, 2]},
        {"name": "e", "type": "string", "nullable": True},
        {"name": "f", "type": "string", "enum": ["x"], "nullable": True},
        {"name": "g", "type": "enum[a,b]"},
        {"name": "h", "type": "string|null (datetime)"},
        {"name": "i", "type": "string|number"},
        {"name": "j", "type": "string(json)"},
        {"name": "k", "type": "unix-timestamp"},
        {"name": "m", "type": "any"},
        {"name": "n", "type": "map<string,integer>"},
        {"name": "o", "type": "map", "valueType": {"type": "string"}},
        {"name": "p", "type": "string (enum)", "enum": ["on", "off"]},
        {"name": "q", "type": "array<string>", "enum": ["x"]},
    ))  # fmt: skip
    p = schema["properties"]
    assert p["a"] == {"type": "string", "format": "uuid"}
    assert p["b"] == {"type": "string", "enum": ["x", "y"]}
    assert p["c"] == {"type": "string", "enum": ["p", "q"]}
    assert p["d"] == {"type": "integer", "enum": [1, 2]}
    assert p["e"] == {"type": ["string", "null"]}
    assert p["f"] == {"type": ["string", "null"], "enum": ["x", None]}
    assert p["g"] == {"type": "string", "enum": ["a", "b"]}
    assert p["h"] == {"type": ["string", "null"], "format": "date-time"}
    assert p["i"] == {"type": ["string", "number"]}
    assert p["j"] == {"type": "string", "contentMediaType": "application/json"}
    assert p["k"] == {"type": "integer", "$comment": "seconds since epoch"}
    assert p["m"] == {}
    assert p["n"] == {"type": "object", "additionalProperties": {"type": "integer"}}
    assert p["o"] == {"type": "object", "additionalProperties": {"type": "string"}}
    assert p["p"] == {"type": "string", "enum": ["on", "off"]}
    assert p["q"] == {"type": "array", "items": {"type": "string", "enum": ["x"]}}
    assert valid(schema, {"f": None, "e": None}) and not valid(schema, {"b": "z"})


def test_bounds_in_words_compile_to_keywords() -> None:
    schema = compile_ok(doc(
        {"name": "vin", "type": "string (17 characters)"},
        {"name": "name", "type": "string (max 255 chars)", "maxLength": 255},
        {"name": "slug", "type": "string|null (1-64 characters)", "nullable": True},
        {"name": "score", "type": "integer (0-100)", "min": 0},
        {"name": "price", "type": "number (positive)"},
        {"name": "tags", "type": "array<string (max 10 chars)> (non-empty)"},
        {"name": "labels", "type": "map<string,string> (non-empty)"},
        {"name": "code", "type": "string (enum, 2 characters)", "enum": ["GB", "FR"]},
        {"name": "lines", "type": "array<Line> (max 3 items)", "fields": [{"name": "sku", "type": "string (non-empty)"}]},
    ))  # fmt: skip
    p = schema["properties"]
    assert p["vin"] == {"type": "string", "minLength": 17, "maxLength": 17}
    assert p["name"] == {"type": "string", "maxLength": 255}
    assert p["slug"] == {"type": ["string", "null"], "minLength": 1, "maxLength": 64}
    assert p["score"] == {"type": "integer", "minimum": 0, "maximum": 100}
    assert p["price"] == {"type": "number", "exclusiveMinimum": 0}
    assert p["tags"] == {"type": "array", "items": {"type": "string", "maxLength": 10}, "minItems": 1}
    assert p["labels"] == {"type": "object", "additionalProperties": {"type": "string"}, "minProperties": 1}
    assert p["code"] == {"type": "string", "enum": ["GB", "FR"], "minLength": 2, "maxLength": 2}
    assert p["lines"] == {"type": "array", "items": {"$ref": "#/$defs/Line"}, "maxItems": 3}
    assert schema["$defs"]["Line"]["properties"]["sku"] == {"type": "string", "minLength": 1}
    assert valid(schema, {"vin": "1HGCM82633A004352", "price": 0.01, "slug": None, "tags": ["a"], "labels": {"a": "b"}})
    for wrong in ({"vin": "1HGCM8263"}, {"name": "x" * 256}, {"slug": ""}, {"score": 101}, {"price": 0},
                  {"tags": []}, {"tags": ["x" * 11]}, {"labels": {}}, {"lines": [{}, {}, {}, {}]}, {"lines": [{"sku": ""}]}):
        assert not valid(schema, wrong), wrong


def test_union_with_non_primitive_uses_any_of() -> None:
    schema = compile_ok(doc({"name": "u", "type": "User|null"}, nested={"User": [{"name": "id", "type": "string"}]}))
    assert schema["properties"]["u"] == {"anyOf": [{"$ref": "#/$defs/User"}, {"type": "null"}]}


def test_documentation_keys_are_annotations_only() -> None:
    schema, seen = warnings_of(doc(
        {"name": "t", "type": "number", "unit": "K|C|F", "category": "core", "prefix": "ep_",
         "conditional": "type=movie"},
        source="docs", relationships=[{"name": "x"}]))  # fmt: skip
    assert seen == []
    assert schema["properties"]["t"] == {"type": "number", "x-unit": "K|C|F", "x-category": "core",
                                         "x-prefix": "ep_", "x-conditional": "type=movie"}  # fmt: skip
    assert schema["x-source"] == "docs" and schema["x-relationships"] == [{"name": "x"}]
    assert valid(schema, {"t": 3})


# -- nesting ----------------------------------------------------------------------------------


def test_sub_fields_children_and_array_items() -> None:
    schema = compile_ok(doc(
        {"name": "o", "type": "object", "fields": [{"name": "a", "type": "string", "required": True}]},
        {"name": "c", "type": "object", "children": [{"name": "b", "type": "integer"}]},
        {"name": "l", "type": "array", "items": {"type": "object", "fields": [{"name": "x", "type": "string"}]}},
        {"name": "m", "type": "array of objects", "fields": [{"name": "y", "type": "string"}]},
        {"name": "n", "type": "array", "itemType": "object", "fields": [{"name": "z", "type": "string"}]},
        {"name": "s", "type": "array", "items": "string"},
    ))  # fmt: skip
    p = schema["properties"]
    assert p["o"] == {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}
    assert p["c"] == {"type": "object", "properties": {"b": {"type": "integer"}}}
    assert p["l"]["items"] == {"type": "object", "properties": {"x": {"type": "string"}}}
    assert p["m"]["items"] == {"type": "object", "properties": {"y": {"type": "string"}}}
    assert p["n"]["items"] == {"type": "object", "properties": {"z": {"type": "string"}}}
    assert p["s"] == {"type": "array", "items": {"type": "string"}}


@pytest.mark.parametrize(
    "nested",
    [
        [{"name": "Address", "fields": [{"name": "zip", "type": "string"}]}],
        {"Address": {"fields": [{"name": "zip", "type": "string"}]}},
        {"Address": [{"name": "zip", "type": "string"}]},
        {"Address": {"zip": "string"}},
    ],
    ids=["list", "map-of-fields", "map-of-list", "string-encoded"],
)
def test_nested_shapes(nested: Any) -> None:
    schema = compile_ok(doc({"name": "home", "type": "Address"}, {"name": "all", "type": "array<Address>"},
                            {"name": "alt", "type": "object (Address)"}, nested=nested))  # fmt: skip
    assert schema["$defs"] == {"Address": {"type": "object", "properties": {"zip": {"type": "string"}}}}
    assert schema["properties"]["home"] == {"$ref": "#/$defs/Address"}
    assert schema["properties"]["all"] == {"type": "array", "items": {"$ref": "#/$defs/Address"}}
    assert schema["properties"]["alt"] == {"$ref": "#/$defs/Address"}
    assert valid(schema, {"home": {"zip": "1"}}) and not valid(schema, {"home": {"zip": 1}})


def test_string_encoded_fields_parse_type_and_description() -> None:
    schema = compile_ok(doc({"name": "w", "type": "Weight"}, nested={
        "Weight": {"value": "number - Weight value", "units": "enum[g, oz] - Unit", "tags": "array[string]"}}))
    assert schema["$defs"]["Weight"]["properties"] == {
        "value": {"type": "number", "description": "Weight value"},
        "units": {"type": "string", "enum": ["g", "oz"], "description": "Unit"},
        "tags": {"type": "array", "items": {"type": "string"}},
    }


def test_string_encoded_map_may_have_a_field_called_type() -> None:
    schema = compile_ok(doc({"name": "limits", "type": "array[CardLimit]"}, nested={
        "CardLimit": {"type": "string - Limit type (DailyAmount, WeeklyVolume)", "value": "number - Threshold"}}))
    assert schema["$defs"]["CardLimit"]["properties"] == {
        "type": {"type": "string", "description": "Limit type (DailyAmount, WeeklyVolume)"},
        "value": {"type": "number", "description": "Threshold"},
    }


def test_entry_shaped_definition_without_fields() -> None:
    schema = compile_ok(doc({"name": "t", "type": "Tag"}, definitions={"Tag": {"type": "string", "description": "A tag"}}))
    assert schema["$defs"]["Tag"] == {"type": "string", "description": "A tag"}


def test_array_path_through_an_object_says_so() -> None:
    assert refusal(doc({"name": "a", "type": "object"}, {"name": "a[].b", "type": "string"})) == (
        "/fields/1/name",
        "path 'a[].b' uses 'a[]', but 'a' is declared as 'object' at /fields/0; drop the [] or declare it as an array",
    )


def test_string_encoded_type_error_points_at_the_string() -> None:
    assert refusal(doc(nested={"Address": {"zip": "signal - Postal code"}})) == (
        "/nested/Address/zip", "unknown type word 'signal'")


def test_definitions_ref_and_search_response() -> None:
    schema = compile_ok(doc(
        {"name": "files", "type": "array", "items": {"$ref": "#/definitions/AgentFile"}},
        definitions={"AgentFile": {"type": "object", "fields": [{"name": "id", "type": "string"}]}},
        searchResponse={"description": "Search page", "fields": [{"name": "page", "type": "integer"}]},
    ))  # fmt: skip
    assert schema["properties"]["files"] == {"type": "array", "items": {"$ref": "#/$defs/AgentFile"}}
    assert schema["$defs"]["searchResponse"] == {"type": "object", "properties": {"page": {"type": "integer"}},
                                                 "description": "Search page"}  # fmt: skip


def test_inline_named_type_is_hoisted_and_reused() -> None:
    schema, seen = warnings_of(doc(
        {"name": "forward_from", "type": "User"},
        {"name": "from", "type": "User", "description": "Sender", "fields": [{"name": "id", "type": "integer"}]},
        {"name": "bookmakers", "type": "array<Bookmaker>", "items": {"fields": [{"name": "key", "type": "string"}]}},
    ))  # fmt: skip
    assert seen == []
    assert schema["properties"]["forward_from"] == {"$ref": "#/$defs/User"}
    assert schema["properties"]["from"] == {"$ref": "#/$defs/User", "description": "Sender"}
    assert schema["$defs"]["User"] == {"type": "object", "properties": {"id": {"type": "integer"}}}
    assert schema["properties"]["bookmakers"]["items"] == {"$ref": "#/$defs/Bookmaker"}


def test_flattened_paths_expand_into_objects_and_arrays() -> None:
    schema = compile_ok(doc(
        {"path": "coord.lon", "type": "number", "unit": "degrees"},
        {"name": "beneficiary", "type": "object", "required": True},
        {"name": "beneficiary.address.line1", "type": "string", "required": True},
        {"path": "weather[].id", "type": "integer"},
        {"path": "weather[].main", "type": "string"},
    ))  # fmt: skip
    p = schema["properties"]
    assert p["coord"] == {"type": "object", "properties": {"lon": {"type": "number", "x-unit": "degrees"}}}
    assert p["beneficiary"] == {"type": "object", "properties": {"address": {
        "type": "object", "properties": {"line1": {"type": "string"}}, "required": ["line1"]}}}
    assert p["weather"] == {"type": "array", "items": {"type": "object", "properties": {
        "id": {"type": "integer"}, "main": {"type": "string"}}}}
    assert schema["required"] == ["beneficiary"]


def test_path_declared_after_its_children() -> None:
    schema = compile_ok(doc({"name": "a.b", "type": "string"}, {"name": "a", "type": "object", "required": True}))
    assert schema["properties"]["a"] == {"type": "object", "properties": {"b": {"type": "string"}}}
    assert schema["required"] == ["a"]


# -- options ----------------------------------------------------------------------------------


def test_closed_closes_objects_with_properties_but_not_maps() -> None:
    schema = compile_ok(doc(
        {"name": "o", "type": "object", "fields": [{"name": "a", "type": "string"}]},
        {"name": "m", "type": "map<string,string>"},
        {"name": "free", "type": "object"},
        {"name": "h", "type": "Address"}, nested={"Address": [{"name": "zip", "type": "string"}]}), closed=True)
    assert schema["additionalProperties"] is False
    assert schema["properties"]["o"]["additionalProperties"] is False
    assert schema["properties"]["m"]["additionalProperties"] == {"type": "string"}
    assert "additionalProperties" not in schema["properties"]["free"]
    assert schema["$defs"]["Address"]["additionalProperties"] is False
    assert not valid(schema, {"x": 1}) and valid(compile_ok(doc({"name": "o", "type": "string"})), {"x": 1})


@pytest.mark.parametrize(
    ("structure", "pointer", "message"),
    [
        (doc({"name": "m", "type": "Message"}), "/fields/0/type",
         "unresolved reference 'Message': not defined in `nested`, `definitions` or inline fields; "
         'compiled as {"type": "object"}'),
        (doc({"name": "s", "type": "string (enum)"}), "/fields/0/type",
         "enum without values; compiled as plain string (list the values in an `enum` key)"),
        (doc({"name": "i", "type": "string", "format": "ksuid"}), "/fields/0/format",
         "unknown format 'ksuid' kept as an annotation (validators will not check it)"),
        (doc({"name": "i", "type": "string", "extended": ["full"]}), "/fields/0/extended",
         "unknown field key 'extended' kept as annotation 'x-extended'"),
        (doc(generator="x"), "/generator", "unknown top-level key 'generator' kept as annotation 'x-generator'"),
    ],
)
def test_warnings_and_strict(structure: dict, pointer: str, message: str) -> None:
    _, seen = warnings_of(structure)
    assert seen == [(pointer, message)]
    assert refusal(structure, strict=True) == (pointer, message)


def test_warning_fallbacks() -> None:
    schema, _ = warnings_of(doc({"name": "m", "type": "Message"}, {"name": "e", "type": "enum"},
                                {"name": "k", "type": "string", "format": "ksuid"}, {"name": "x", "type": "string", "z": 1}))
    p = schema["properties"]
    assert p["m"] == {"type": "object"} and p["e"] == {"type": "string"}
    assert p["k"] == {"type": "string", "format": "ksuid"} and p["x"]["x-z"] == 1


def test_warnings_dropped_without_sink() -> None:
    assert compile_structure(doc({"name": "m", "type": "Message"}))["properties"]["m"] == {"type": "object"}


# -- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("structure", "pointer", "message"),
    [
        ([1, 2], "", "structure file must be a JSON object"),
        ({"name": "x"}, "", "no top-level `fields`: looks like a description without fields (top-level keys: name); "
         "not a field list"),
        ({"$schema": "https://json-structure.org/meta/core/v0/#", "type": "object", "properties": {}}, "",
         "no top-level `fields`: looks like a JSON Structure core document ($schema is json-structure.org, "
         "with `properties`); not a field list"),
        ({"kind": "json-structure", "schemas": []}, "",
         "no top-level `fields`: looks like an API structure overview (`kind: json-structure` with `schemas`); no fields"),
        ({"$schema": "https://json-schema.org/draft/2020-12/schema"}, "",
         "no top-level `fields`: looks like a JSON Schema document ($schema is json-schema.org); not a field list"),
        ({"type": "object", "properties": {"a": {"type": "string"}}}, "",
         "no top-level `fields`: looks like a JSON Schema (`type: object` with a `properties` map); not a field list"),
        ({"properties": {"a": {}}}, "",
         "no top-level `fields`: looks like a properties map (`properties` keyed by field name); not a field list"),
        ({"structure": {}}, "", "no top-level `fields`: looks like a structure map (`structure`); not a field list"),
        ({"entities": {}}, "", "no top-level `fields`: looks like an entity list (`entities`); not a field list"),
        ({"name": "x", "fields": {"a": "string"}}, "/fields",
         "`fields` must be a list of {name, type}; got an object keyed by field name"),
        ({"name": "x", "fields": "a"}, "/fields", "`fields` must be a list of {name, type}; got a string"),
        (doc(type="array"), "/type", 'top-level `type` must be "object", not "array"'),
        (doc("id"), "/fields/0", "field entry must be an object with `name` and `type`, not a string"),
        (doc({"type": "string"}), "/fields/0", "field entry has no `name` (or `path`)"),
        (doc({"name": "", "type": "string"}), "/fields/0/name", '`name` must be a non-empty string, not ""'),
        (doc({"name": "a"}), "/fields/0", "field 'a' has no `type`"),
        (doc({"name": "a", "type": ""}), "/fields/0/type", "`type` is empty"),
        (doc({"name": "a", "type": 3}), "/fields/0/type", "`type` must be a string, not 3"),
        (doc({"name": "a", "type": ["string", "null"]}), "/fields/0/type",
         '`type` must be a string; write \'string|null\' instead of the JSON array ["string", "null"]'),
        (doc({"name": "a", "type": "string"}, {"name": "b", "type": "string"}, {"name": "c", "type": "string"},
             {"name": "d", "type": "signal"}), "/fields/3/type", "unknown type word 'signal'"),
        (doc({"name": "a", "type": "string", "required": "yes"}), "/fields/0/required",
         '`required` must be true or false, not "yes"'),
        (doc({"name": "a", "type": "string"}, {"name": "a", "type": "integer"}), "/fields/1/name",
         "duplicate field 'a' (first defined at /fields/0)"),
        (doc({"name": "a.b", "type": "string"}, {"path": "a.b", "type": "string"}), "/fields/1/path",
         "duplicate field 'a.b' (first defined at /fields/0)"),
        (doc({"name": "a", "type": "string"}, {"name": "a.b", "type": "string"}), "/fields/1/name",
         "path 'a.b' runs through 'a', declared as 'string' at /fields/0; only objects and arrays of objects "
         "have sub-fields"),
        (doc({"name": "a.b", "type": "string"}, {"name": "a", "type": "integer"}), "/fields/1/name",
         "field 'a' is declared as 'integer', but the path at /fields/0 runs through it; only objects and arrays "
         "of objects have sub-fields"),
        (doc({"name": "a", "type": "object", "fields": [{"name": "b", "type": "string"}]},
             {"name": "a.b", "type": "string"}), "/fields/1",
         "duplicate field 'a.b': given both as a sub-field and as a dotted path"),
        (doc({"name": "a..b", "type": "string"}), "/fields/0/name",
         "field path 'a..b' has an empty or malformed segment ''"),
        (doc({"name": "a", "type": "string", "fields": [{"name": "b", "type": "string"}]}), "/fields/0/fields",
         "sub-fields (`fields`) on type 'string'; only object, array and named types take sub-fields"),
        (doc({"name": "a", "type": "array<string>", "children": []}), "/fields/0/children",
         "sub-fields (`children`) on type 'array'; only object, array and named types take sub-fields"),
        (doc({"name": "a", "type": "enum[x,y]", "enum": ["x", "z"]}), "/fields/0/enum",
         'enum values in `type` (x, y) conflict with `enum` ["x", "z"]'),
        (doc({"name": "a", "type": "string", "enum": []}), "/fields/0/enum",
         "`enum` must be a non-empty list of values, not []"),
        (doc({"name": "a", "type": "number", "range": "low-high"}), "/fields/0/range",
         '`range` must be [min, max] or "min-max", not "low-high"'),
        (doc({"name": "a", "type": "number", "min": "1"}), "/fields/0/min", '`min` must be a number, not "1"'),
        (doc({"name": "a", "type": "string", "nullable": "yes"}), "/fields/0/nullable",
         '`nullable` must be true or false, not "yes"'),
        (doc({"name": "a", "type": "string", "items": "string"}), "/fields/0/items",
         "`items` applies only to array types, not 'string'"),
        (doc({"name": "a", "type": "string (date-time)", "format": "uuid"}), "/fields/0/format",
         "`format` 'uuid' conflicts with format 'date-time' given in `type`"),
        (doc({"name": "a", "type": "array", "items": {"$ref": "http://x"}}), "/fields/0/items/$ref",
         '`$ref` must look like "#/definitions/Name", not "http://x"'),
        (doc({"name": "a", "type": "object", "fields": [{"name": "b", "type": "int (x)"}]}),
         "/fields/0/fields/0/type", "unrecognised note 'x' in type; put free text in description"),
        (doc({"name": "a", "type": "string (max 255 chars)", "maxLength": 100}), "/fields/0/type",
         "'(max 255 chars)' in `type` means maxLength 255, but the entry gives maxLength 100"),
        (doc({"name": "a", "type": "integer (0-100)", "range": [1, 100]}), "/fields/0/type",
         "'(0-100)' in `type` means minimum 0, but the entry gives minimum 1"),
        (doc(nested={"A": [], "B": 3}), "/nested/B", "sub-structure 'B' must be a list of fields or an object, not an integer"),
    ],
)
def test_refusals(structure: Any, pointer: str, message: str) -> None:
    assert refusal(structure) == (pointer, message)


def test_refusal_str_format() -> None:
    with pytest.raises(StructureError) as info:
        compile_structure(doc({"name": "a", "type": "signal"}))
    assert str(info.value) == "/fields/0/type: unknown type word 'signal'"


def test_inline_fields_that_differ_from_the_definition_stay_inline_with_a_warning() -> None:
    structure = doc(
        {"name": "home", "type": "Address", "fields": [{"name": "street", "type": "string"}]},
        nested={"Address": [{"name": "zip", "type": "string"}]},
    )
    schema, seen = warnings_of(structure)
    assert schema["properties"]["home"] == {"type": "object", "properties": {"street": {"type": "string"}}}
    assert seen == [("/fields/0", "fields given here for 'Address' differ from its definition at /nested/Address; "
                                  "compiled inline")]  # fmt: skip


def test_references_between_definitions_and_recursion() -> None:
    schema, seen = warnings_of(doc(
        {"name": "root", "type": "Node"},
        nested={"Node": [{"name": "children", "type": "array<Node>"}, {"name": "leaf", "type": "Leaf"}],
                "Leaf": {"value": "string - The value"}},
    ))  # fmt: skip
    assert seen == []
    assert schema["$defs"]["Node"]["properties"]["children"]["items"] == {"$ref": "#/$defs/Node"}
    assert valid(schema, {"root": {"children": [{"leaf": {"value": "x"}}]}})
    assert not valid(schema, {"root": {"children": [{"leaf": {"value": 1}}]}})
