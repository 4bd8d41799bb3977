"""Type names in messages: JSON Schema's names, and with an article for prose."""

from __future__ import annotations

import pytest

from terapi_lint.jsontypes import a_json_type, json_type


@pytest.mark.parametrize(
    ("value", "name", "prose"),
    [
        (None, "null", "null"),
        (True, "boolean", "a boolean"),
        (3, "integer", "an integer"),
        (2.5, "number", "a number"),
        ("x", "string", "a string"),
        ([1], "array", "an array"),
        ((1,), "array", "an array"),
        ({"a": 1}, "object", "an object"),
    ],
)
def test_names(value, name, prose) -> None:
    assert json_type(value) == name
    assert a_json_type(value) == prose
