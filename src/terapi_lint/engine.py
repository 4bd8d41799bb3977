"""The schema a run validates against, and the validators built from it.

The schema is the built-in connection schema, a compiled schema file, or a structure file compiled
on the fly.  Validators run over a ``referencing`` Registry that holds only that schema and has no
retriever, so a ``$ref`` can never reach the network.
"""

from __future__ import annotations

import json
import os
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
    if path is None:
        # Read beside this module: a plain open is faster than importlib.resources at start-up.
        builtin = os.path.join(os.path.dirname(__file__), "schemas", BUILTIN_SCHEMA)
        with open(builtin, "rb") as handle:
            return SchemaSource(json.loads(handle.read()), f"built-in {BUILTIN_SCHEMA}")
    from terapi_lint import structure

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
    """A fast yes/no validity check (jsonschema-rs) that never accepts what jsonschema rejects.

    Records it accepts need no further schema work; records it rejects go through jsonschema for
    exact findings, so findings are always jsonschema's.  It checks exactly the formats of
    :data:`terapi_lint.formats.CHECKS`: date-time, date and uuid with jsonschema-rs's own code
    (they agree on every conformance and edge case; tests/unit/test_differential.py keeps it so),
    the others by calling the same Python functions, and every other format not at all.

    Returns None (no fast path) when jsonschema-rs is not installed, cannot take the schema, or
    the schema has a fractional ``multipleOf``, where the two engines' float arithmetic differs.
    """
    try:
        import jsonschema_rs
    except ImportError:
        return None
    if _has_fractional_multiple_of(schema):
        return None
    from terapi_lint.formats import CHECKS

    native = {"date-time", "date", "uuid"}
    formats = {name: check for name, check in CHECKS.items() if name not in native}
    for name in _RS_FORMATS - CHECKS.keys():
        formats[name] = _anything
    try:
        validator = jsonschema_rs.validator_for(schema, validate_formats=True, formats=formats, offline=True)
    except Exception:  # noqa: BLE001 - any refusal just means "no fast path"
        return None
    is_valid = validator.is_valid

    def check(value: Any) -> bool:
        try:
            return is_valid(value)
        except Exception:  # noqa: BLE001 - e.g. a lone surrogate it cannot encode: let jsonschema judge
            return False

    return check


#: Formats jsonschema-rs checks by itself; those terapi-lint leaves unchecked are switched off.
_RS_FORMATS = frozenset({
    "date", "date-time", "time", "duration", "email", "idn-email", "hostname", "idn-hostname", "ipv4",
    "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uri-template", "json-pointer",
    "relative-json-pointer", "regex", "uuid",
})


def _anything(value: Any) -> bool:
    return True


def _has_fractional_multiple_of(node: Any) -> bool:
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            factor = node.get("multipleOf")
            if isinstance(factor, float) and not factor.is_integer():
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False
