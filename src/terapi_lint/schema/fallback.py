"""The fallback validator (jsonschema): exact errors for the records the fast check rejects.

It runs over a ``referencing`` Registry that holds only the schema and has no retriever, so a
``$ref`` can never reach the network.
"""

from __future__ import annotations

from typing import Any

from terapi_lint.schema.formats import build_format_checker
from terapi_lint.schema.loading import SchemaLoadError


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
