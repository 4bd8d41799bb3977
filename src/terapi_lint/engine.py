"""The schema a run validates against, and the validators built from it.

The schema is the built-in connection schema, a compiled schema file, or a structure file compiled
on the fly.  Validators run over a ``referencing`` Registry that holds only that schema and has no
retriever, so a ``$ref`` can never reach the network.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from terapi_lint.formats import build_format_checker

BUILTIN_SCHEMA = "connection.schema.json"


class SchemaLoadError(Exception):
    """The schema given cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class SchemaSource:
    """A schema ready to validate with, and where it came from."""

    schema: dict[str, Any]
    name: str
    warnings: tuple[str, ...] = field(default=())


def load_schema(path: str | None) -> SchemaSource:
    """The built-in schema (``path`` None), or a compiled schema or structure file from disk."""
    from terapi_lint import structure

    if path is None:
        return SchemaSource(structure.builtin_schema(BUILTIN_SCHEMA), f"built-in {BUILTIN_SCHEMA}")
    try:
        with open(path, "rb") as handle:
            document = json.loads(handle.read())
    except OSError as error:
        raise SchemaLoadError(f"{path}: cannot read the schema: {(error.strerror or 'unreadable').lower()}") from None
    except (ValueError, RecursionError) as error:
        where = f" at line {error.lineno} column {error.colno}" if isinstance(error, json.JSONDecodeError) else ""
        raise SchemaLoadError(f"{path}: the schema is not valid JSON{where}") from None
    if not isinstance(document, dict):
        raise SchemaLoadError(f"{path}: a schema or structure must be a JSON object")
    if structure.looks_like_structure(document):
        from terapi_lint.compiler import StructureError, compile_structure

        warnings: list[str] = []
        try:
            schema = compile_structure(document, warn=lambda pointer, msg: warnings.append(f"{path}: {pointer}: warning: {msg}"))
        except StructureError as error:
            raise SchemaLoadError(f"{path}: {error}") from None
        return SchemaSource(schema, path, tuple(warnings))
    return SchemaSource(document, path)


def build_validator(schema: dict[str, Any]) -> Any:
    """A jsonschema validator for ``schema`` (its own ``$schema`` draft, 2020-12 by default).

    Raises :class:`SchemaLoadError` when the schema itself is invalid.
    """
    from jsonschema import validators
    from jsonschema.exceptions import SchemaError as _JsonSchemaError
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    cls = validators.validator_for(schema, default=validators.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except _JsonSchemaError as error:
        where = "/".join(str(p) for p in error.absolute_path)
        raise SchemaLoadError(f"the schema is not a valid JSON Schema at /{where}: keyword '{error.validator}'") from None
    resource = Resource.from_contents(schema, default_specification=DRAFT202012)
    uri = schema.get("$id") if isinstance(schema.get("$id"), str) else "urn:terapi-lint:schema"
    registry: Registry = Registry().with_resource(uri, resource)
    return cls(schema, registry=registry, format_checker=build_format_checker())


def build_fast_check(schema: dict[str, Any]) -> Callable[[Any], bool] | None:
    """A fast yes/no validity check (jsonschema-rs) agreeing with :func:`build_validator`.

    Records it accepts need no further schema work; records it rejects go through jsonschema for
    exact findings.  Returns None when jsonschema-rs is not installed or cannot take the schema.

    jsonschema-rs's own date-time, date and uuid checks agree with :mod:`terapi_lint.formats` on
    every official conformance case and our edge cases (tests/unit/test_differential.py keeps it
    so); using them avoids a call back into Python for every timestamp.
    """
    try:
        import jsonschema_rs
    except ImportError:
        return None
    try:
        validator = jsonschema_rs.validator_for(schema, validate_formats=True, offline=True)
    except Exception:  # noqa: BLE001 - any refusal just means "no fast path"
        return None
    return validator.is_valid
