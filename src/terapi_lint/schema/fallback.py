"""The fallback validator (jsonschema): exact errors for the records the fast check rejects and
cannot explain itself (see :meth:`terapi_lint.schema.fast.FastCheck.errors`).

It validates by the schema's own draft (Draft 4, 6, 7, 2019-09, 2020-12), resolves references
only through the run's :class:`~terapi_lint.schema.references.LocalResources` (never the
network), checks every format of the 2020-12 vocabulary with :data:`~terapi_lint.schema.formats.CHECKS`
(none with ``format_assertion=False``), and reads ``pattern``, ``patternProperties`` and the
names ``additionalProperties`` leaves over as ECMA-262 (:mod:`~terapi_lint.schema.patterns`).

One place keeps Python's ``re``: jsonschema's ``unevaluatedProperties`` matches
``patternProperties`` with it internally.  A schema using both gets no fast check
(:func:`terapi_lint.schema.fast.build_fast_check`), so the two validators never disagree there.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from terapi_lint.schema import dialects
from terapi_lint.schema.patterns import search

if TYPE_CHECKING:
    from terapi_lint.schema.checks import CheckedSchema


def build_validator(schema: CheckedSchema | dict[str, Any] | bool, *, format_assertion: bool = True) -> Any:
    """A jsonschema validator for a checked schema (a bare schema is checked first)."""
    from referencing.jsonschema import specification_with

    from terapi_lint.schema.checks import as_checked

    checked = as_checked(schema)
    cls = validator_class(checked.dialect)
    registry = checked.resources.registry()
    resource = specification_with(checked.dialect).create_resource(checked.schema)
    registry = registry.with_resource(checked.base_uri, resource)
    # The root's base URI is its file's location (jsonschema would use its $id or nothing).
    resolver = registry.resolver(base_uri=checked.base_uri).in_subresource(resource)
    checker = None
    if format_assertion:
        from terapi_lint.schema.formats import build_format_checker

        checker = build_format_checker()
    return cls(checked.schema, registry=registry, _resolver=resolver, format_checker=checker)


@lru_cache(maxsize=None)
def validator_class(dialect: str) -> Any:
    """jsonschema's validator class for a draft, with ECMA-262 pattern keywords."""
    from jsonschema import validators

    base = {
        dialects.DRAFT4: validators.Draft4Validator, dialects.DRAFT6: validators.Draft6Validator,
        dialects.DRAFT7: validators.Draft7Validator, dialects.DRAFT201909: validators.Draft201909Validator,
        dialects.DRAFT202012: validators.Draft202012Validator,
    }[dialect]
    keywords = {"pattern": _pattern, "patternProperties": _pattern_properties,
                "additionalProperties": _additional_properties}
    if dialect in (dialects.DRAFT201909, dialects.DRAFT202012):
        # Draft 7's "dependencies", which 2019-09 split in two, is still read (jsonschema-rs does).
        keywords["dependencies"] = validators.Draft7Validator.VALIDATORS["dependencies"]
    return validators.extend(base, keywords)


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict) -> Any:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not search(pattern, instance):
        yield ValidationError("does not match the pattern")


def _pattern_properties(validator: Any, patterns: dict, instance: Any, schema: dict) -> Any:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        for name, value in instance.items():
            if search(pattern, name):
                yield from validator.descend(value, subschema, path=name, schema_path=pattern)


def _additional_properties(validator: Any, additional: Any, instance: Any, schema: dict) -> Any:
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "object"):
        return
    properties = schema.get("properties", {})
    patterns = schema.get("patternProperties", {})
    extras = [name for name in instance
              if name not in properties and not any(search(pattern, name) for pattern in patterns)]
    if validator.is_type(additional, "object"):
        for name in extras:
            yield from validator.descend(instance[name], additional, path=name)
    elif not additional and extras:
        yield ValidationError("additional members are not allowed")
