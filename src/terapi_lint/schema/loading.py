"""The schema a run validates against: the built-in connection schema, a compiled schema file, or
a structure file compiled on the fly.  Reading only: :mod:`~terapi_lint.schema.checks` then decides
whether it is a schema that can be used."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from terapi_lint.schema.errors import SchemaLoadError

__all__ = ["BUILTIN_SCHEMA", "SchemaLoadError", "SchemaSource", "load_schema"]

BUILTIN_SCHEMA = "connection.schema.json"


@dataclass(frozen=True)
class SchemaSource:
    """A schema and where it came from: ``name`` for messages, ``path`` the file it was read from."""

    schema: dict[str, Any] | bool
    name: str
    warnings: tuple[str, ...] = field(default=())
    path: str | None = None


def load_schema(path: str | None) -> SchemaSource:
    """The built-in schema (``path`` None), or a compiled schema or structure file from disk."""
    if path is None:
        # Read from the package: a plain open is faster than importlib.resources at start-up.
        builtin = os.path.join(os.path.dirname(os.path.dirname(__file__)), "schemas", BUILTIN_SCHEMA)
        with open(builtin, "rb") as handle:
            return SchemaSource(json.loads(handle.read()), f"built-in {BUILTIN_SCHEMA}", path=builtin)
    from terapi_lint import structure
    from terapi_lint.jsontypes import a_json_type

    try:
        with open(path, "rb") as handle:
            document = json.loads(handle.read())
    except OSError as error:
        raise SchemaLoadError(f"{path}: cannot read the schema: {(error.strerror or 'unreadable').lower()}") from None
    except (ValueError, RecursionError) as error:
        where = f" at line {error.lineno} column {error.colno}" if isinstance(error, json.JSONDecodeError) else ""
        raise SchemaLoadError(f"{path}: the schema is not valid JSON{where}") from None
    if not isinstance(document, (dict, bool)):
        raise SchemaLoadError(f"{path}: a schema or structure must be a JSON object (or true or false), "
                              f"not {a_json_type(document)}")
    if structure.looks_like_structure(document):
        from terapi_lint.compiler import StructureError, compile_structure

        warnings: list[str] = []
        try:
            schema = compile_structure(document, warn=lambda pointer, msg: warnings.append(f"{path}: {pointer}: warning: {msg}"))
        except StructureError as error:
            raise SchemaLoadError(f"{path}: {error}") from None
        return SchemaSource(schema, path, tuple(warnings), path)
    return SchemaSource(document, path, path=path)
