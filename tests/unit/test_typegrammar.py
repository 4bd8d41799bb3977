"""The `type` string grammar (docs/structure-dialect.md, "Type strings"): every form and every refusal."""

from __future__ import annotations

import pytest

from terapi_lint.typegrammar import (
    Array,
    Constrained,
    Enum,
    Map,
    Primitive,
    Ref,
    StructureError,
    Union,
    parse_type,
)

S = Primitive("string")
DT = Primitive("string", format="date-time")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # primitives and their synonyms, case-insensitive
        ("string", S),
        ("str", S),
        ("text", S),
        ("String", S),
        ("integer", Primitive("integer")),
        ("int", Primitive("integer")),
        ("long", Primitive("integer")),
        ("int32", Primitive("integer", format="int32")),
        ("int64", Primitive("integer", format="int64")),
        ("number", Primitive("number")),
        ("float", Primitive("number")),
        ("double", Primitive("number")),
        ("decimal", Primitive("number")),
        ("boolean", Primitive("boolean")),
        ("bool", Primitive("boolean")),
        ("object", Primitive("object")),
        ("any", Primitive("any")),
        ("null", Primitive("null")),
        # aliases
        ("datetime", DT),
        ("dateTime", DT),
        ("date-time", DT),
        ("timestamp", DT),
        ("date", Primitive("string", format="date")),
        ("time", Primitive("string", format="time")),
        ("uri", Primitive("string", format="uri")),
        ("url", Primitive("string", format="uri")),
        ("email", Primitive("string", format="email")),
        ("UUID", Primitive("string", format="uuid")),
        ("unix-timestamp", Primitive("integer", comment="seconds since epoch")),
        ("epoch", Primitive("integer", comment="seconds since epoch")),
        # notes
        ("string (date-time)", DT),
        ("string(date-time)", DT),
        ("string (ISO 8601 datetime)", DT),
        ("string (RFC 3339 date-time)", DT),
        ("string (UUID)", Primitive("string", format="uuid")),
        ("string(json)", Primitive("string", media_type="application/json")),
        ("string (hostname)", Primitive("string", format="hostname")),
        ("integer(int64)", Primitive("integer", format="int64")),
        ("number (double)", Primitive("number", format="double")),
        ("string (enum)", Enum(base="string")),
        ("object (Address)", Ref("Address")),
        # bounds in words (typenotes)
        ("string (17 characters)", Constrained(S, (("minLength", 17), ("maxLength", 17)))),
        ("string (max 255 chars)", Constrained(S, (("maxLength", 255),))),
        ("string (Max. 255 characters)", Constrained(S, (("maxLength", 255),))),
        ("string (up to 1,000 characters)", Constrained(S, (("maxLength", 1000),))),
        ("string (255 characters max)", Constrained(S, (("maxLength", 255),))),
        ("string (max length 255)", Constrained(S, (("maxLength", 255),))),
        ("string (1-64 characters)", Constrained(S, (("minLength", 1), ("maxLength", 64)))),
        ("string (1–64 chars)", Constrained(S, (("minLength", 1), ("maxLength", 64)))),
        ("string (between 1 and 64 characters)", Constrained(S, (("minLength", 1), ("maxLength", 64)))),
        ("string (at least 8 characters)", Constrained(S, (("minLength", 8),))),
        ("string (8+ chars)", Constrained(S, (("minLength", 8),))),
        ("string (non-empty)", Constrained(S, (("minLength", 1),))),
        ("string (not empty)", Constrained(S, (("minLength", 1),))),
        ("integer (0-100)", Constrained(Primitive("integer"), (("minimum", 0), ("maximum", 100)))),
        ("integer (-10..10)", Constrained(Primitive("integer"), (("minimum", -10), ("maximum", 10)))),
        ("number (0.5 to 1.5)", Constrained(Primitive("number"), (("minimum", 0.5), ("maximum", 1.5)))),
        ("integer (max 100)", Constrained(Primitive("integer"), (("maximum", 100),))),
        ("number (positive)", Constrained(Primitive("number"), (("exclusiveMinimum", 0),))),
        ("integer (positive)", Constrained(Primitive("integer"), (("exclusiveMinimum", 0),))),
        ("integer (non-negative)", Constrained(Primitive("integer"), (("minimum", 0),))),
        ("number (> 0)", Constrained(Primitive("number"), (("exclusiveMinimum", 0),))),
        ("number (< 1)", Constrained(Primitive("number"), (("exclusiveMaximum", 1),))),
        ("array<string> (non-empty)", Constrained(Array(S), (("minItems", 1),))),
        ("array<string> (1-10 items)", Constrained(Array(S), (("minItems", 1), ("maxItems", 10)))),
        ("map<string,string> (non-empty)", Constrained(Map(S), (("minProperties", 1),))),
        ("string|null (max 255 chars)", Constrained(Union((S, Primitive("null"))), (("maxLength", 255),))),
        ("string (uuid, 36 characters)", Constrained(Primitive("string", format="uuid"),
                                                     (("minLength", 36), ("maxLength", 36)))),
        ("string (non-empty; max 64 chars)", Constrained(S, (("minLength", 1), ("maxLength", 64)))),
        ("array<string (max 10 chars)>", Array(Constrained(S, (("maxLength", 10),)))),
        # enums
        ("enum", Enum()),
        ("enum[GBP,EUR]", Enum(("GBP", "EUR"))),
        ("enum[cm, in, ft]", Enum(("cm", "in", "ft"))),
        ("enum(IM|MIM|ROOM)", Enum(("IM", "MIM", "ROOM"))),
        ("enum['a', \"b\"]", Enum(("a", "b"))),
        # arrays
        ("array", Array()),
        ("list", Array()),
        ("array<string>", Array(S)),
        ("array[integer]", Array(Primitive("integer"))),
        ("list<Address>", Array(Ref("Address"))),
        ("list[Address]", Array(Ref("Address"))),
        ("string[]", Array(S)),
        ("string[][]", Array(Array(S))),
        ("string (uuid)[]", Array(Primitive("string", format="uuid"))),
        ("array<string (UUID)>", Array(Primitive("string", format="uuid"))),
        ("array of objects", Array(Primitive("object"))),
        ("array of string", Array(S)),
        ("array of strings", Array(S)),
        ("array of User", Array(Ref("User"))),
        ("array<array<string>>", Array(Array(S))),
        # maps
        ("map", Map()),
        ("map<string,string>", Map(S)),
        ("map[string, object]", Map(Primitive("object"))),
        ("map<string,array<User>>", Map(Array(Ref("User")))),
        # references
        ("Address", Ref("Address")),
        ("StatsigUser", Ref("StatsigUser")),
        # unions
        ("string|null", Union((S, Primitive("null")))),
        ("string | number", Union((S, Primitive("number")))),
        ("string|null (datetime)", Union((DT, Primitive("null")))),
        ("string (uuid)|null", Union((Primitive("string", format="uuid"), Primitive("null")))),
        ("string[]|null", Union((Array(S), Primitive("null")))),
        ("User|null", Union((Ref("User"), Primitive("null")))),
    ],
)
def test_accepted_forms(text: str, expected: object) -> None:
    assert parse_type(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("signal", "unknown type word 'signal'"),
        ("many-to-one", "unknown type word 'many-to-one'"),
        ("array of entity", "unknown type word 'entity'"),
        ("array<foo>", "unknown type word 'foo'"),
        ("string (17 parsecs)", "unrecognised note '17 parsecs' in type; put free text in description"),
        ("integer (5)", "unrecognised note '5' in type; put free text in description"),
        ("string (uuid, see docs)", "unrecognised note 'see docs' in type; put free text in description"),
        ("integer (17 characters)", "length note '(17 characters)' applies only to string in type 'integer (17 characters)'"),
        ("string (3 items)", "item-count note '(3 items)' applies only to array in type 'string (3 items)'"),
        ("string (0-100)", "range note '(0-100)' applies only to integer or number; for a length write "
                           "'(0-100 characters)' in type 'string (0-100)'"),
        ("string (positive)", "note '(positive)' applies only to integer or number in type 'string (positive)'"),
        ("boolean (non-empty)", "note '(non-empty)' applies only to string, array or object in type 'boolean (non-empty)'"),
        ("string (64-1 characters)", "note '(64-1 characters)' has its low end 64 above its high end 1 "
                                     "in type 'string (64-1 characters)'"),
        ("string (1.5 chars)", "length note '(1.5 chars)' must count with whole numbers from 0 in type 'string (1.5 chars)'"),
        ("string (max 5 chars, max 6 chars)", "note '(max 5 chars, max 6 chars)' gives maxLength twice "
                                              "in type 'string (max 5 chars, max 6 chars)'"),
        ("strin", "unknown type word 'strin'; did you mean 'string'?"),
        ("map<string, integr>", "unknown type word 'integr'; did you mean 'integer'?"),
        ("object (Info Object)", "unrecognised note 'Info Object' in type; put free text in description"),
        ("", "`type` is empty"),
        ("   ", "`type` is empty"),
        ("array<string", "unbalanced brackets: expected '>' to close '<', reached the end in type 'array<string'"),
        ("array[string>", "unbalanced brackets: expected ']' to close '[', found '>' in type 'array[string>'"),
        ("string)", "unbalanced brackets: unexpected ')' in type 'string)'"),
        ("string (uuid", "unbalanced brackets: expected ')' to close '(' in type 'string (uuid'"),
        ("enum[a,b", "unbalanced brackets: expected ']' to close '[' in type 'enum[a,b'"),
        ("enum[]", "empty enum in type 'enum[]'"),
        ("enum()", "empty enum in type 'enum()'"),
        ("enum[a,,b]", "empty enum value in type 'enum[a,,b]'"),
        ("map<int,string>", "map keys must be string, not 'int' in type 'map<int,string>'"),
        ("map<string>", "map needs a key and a value type: map<string,V> in type 'map<string>'"),
        ("string foo", "unexpected 'foo' after a complete type in type 'string foo'"),
        ("array of Server Objects", "unexpected 'Objects' after a complete type in type 'array of Server Objects'"),
        ("string|", "missing type name in type 'string|'"),
        ("integer (date-time)", "format note '(date-time)' applies only to string in type 'integer (date-time)'"),
        ("string (int64)", "width note '(int64)' applies only to integer in type 'string (int64)'"),
        ("boolean (enum)", "note '(enum)' applies only to string, integer or number in type 'boolean (enum)'"),
        ("string (Address)", "reference note '(Address)' applies only to object in type 'string (Address)'"),
        ('["string","null"]', "type '[\"string\",\"null\"]' is a JSON array written as a string; write 'string|null'"),
        ("['object', 'null']", "type \"['object', 'null']\" is a JSON array written as a string; write 'object|null'"),
    ],
)
def test_refusals(text: str, message: str) -> None:
    with pytest.raises(StructureError) as info:
        parse_type(text)
    assert info.value.message == message
    assert info.value.pointer == ""


def test_nodes_are_immutable_and_hashable() -> None:
    node = parse_type("array<string|null>")
    assert hash(node) == hash(parse_type("array<string|null>"))
    with pytest.raises(AttributeError):
        node.items = None  # type: ignore[misc]


def test_error_str_includes_pointer_when_located() -> None:
    err = StructureError("unknown type word 'signal'").at("/fields/3/type")
    assert str(err) == "/fields/3/type: unknown type word 'signal'"
    assert str(StructureError("structure file must be a JSON object")) == "structure file must be a JSON object"
