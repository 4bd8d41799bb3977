"""The schema a run validates against: the built-in connection schema, a compiled schema file, or
a structure file compiled on the fly."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

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
        # Read from the package: a plain open is faster than importlib.resources at start-up.
        builtin = os.path.join(os.path.dirname(os.path.dirname(__file__)), "schemas", BUILTIN_SCHEMA)
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
