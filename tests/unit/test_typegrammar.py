"""The `type` string grammar (docs/structure-dialect.md, "Type strings"): every form and every refusal."""

from __future__ import annotations

import pytest

from terapi_lint.typegrammar import (
    Array,
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
        ("strin", "unknown type word 'strin'; did you mean 'string'?"),
        ("map<string, integr>", "unknown type word 'integr'; did you mean 'integer'?"),
        ("string (17 characters)", "unrecognised note '17 characters' in type; put free text in description"),
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
