"""The JSON Schema name of a Python value's type, for messages (``integer``, ``an object``)."""

from __future__ import annotations

from typing import Any

__all__ = ["json_type", "a_json_type"]


def json_type(value: Any) -> str:
    """The JSON type name of a Python value, as JSON Schema names it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def a_json_type(value: Any) -> str:
    """:func:`json_type` with its article, for prose: ``an integer``, ``a string``, ``null``."""
    name = json_type(value)
    if name == "null":
        return name
    return ("an " if name[0] in "aeiou" else "a ") + name
