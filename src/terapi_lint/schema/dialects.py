"""Which JSON Schema draft a document is written in, and whether it is a schema of it at all.

``$schema`` names the draft: Draft 4, 6, 7, 2019-09 or 2020-12, or a custom meta-schema found
locally whose own ``$schema`` names one; without ``$schema`` a document is Draft 2020-12.  A
document is then checked against its draft's meta-schema, and one with no keyword of its draft
(a connection record, an API response, ``{"foo": 1}``) is refused with a hint of what it is.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from terapi_lint.jsontypes import a_json_type
from terapi_lint.schema.errors import shown

DRAFT4 = "http://json-schema.org/draft-04/schema"
DRAFT6 = "http://json-schema.org/draft-06/schema"
DRAFT7 = "http://json-schema.org/draft-07/schema"
DRAFT201909 = "https://json-schema.org/draft/2019-09/schema"
DRAFT202012 = "https://json-schema.org/draft/2020-12/schema"

#: Each draft's name in messages, by its dialect URI.
DRAFT_NAMES = {DRAFT4: "Draft 4", DRAFT6: "Draft 6", DRAFT7: "Draft 7", DRAFT201909: "Draft 2019-09",
               DRAFT202012: "Draft 2020-12"}
_JSON_TYPES = ("array", "boolean", "integer", "null", "number", "object", "string")
# Keywords common enough that a document holding one needs no further look.
_COMMON = frozenset({"type", "properties", "$ref", "$schema", "allOf", "anyOf", "oneOf", "items", "enum",
                     "const", "$defs", "definitions", "required", "not", "if"})


def standard_dialect(uri: str) -> str | None:
    """The draft's dialect URI for a ``$schema`` value (``#`` and ``http``/``https`` aside)."""
    key = uri.rstrip("#")
    for dialect in DRAFT_NAMES:
        if key == dialect or key.split(":", 1)[-1] == dialect.split(":", 1)[-1]:
            return dialect
    return None


def dialect_of(document: Any, metaschema: Callable[[str], Any]) -> str:
    """The draft ``document`` is written in (its dialect URI).

    A custom meta-schema is looked up with ``metaschema(uri)`` and its own ``$schema`` followed;
    raises ``LookupError`` when that chain ends nowhere known.
    """
    uri = document.get("$schema") if isinstance(document, dict) else None
    for _ in range(8):
        if not isinstance(uri, str):
            return DRAFT202012
        dialect = standard_dialect(uri)
        if dialect is not None:
            return dialect
        contents = metaschema(uri)
        following = contents.get("$schema") if isinstance(contents, dict) else None
        if following == uri:
            break
        uri = following
    raise LookupError(uri)


@lru_cache(maxsize=None)
def keywords(dialect: str) -> frozenset[str]:
    """Every keyword of a draft: the members its meta-schema (and vocabularies) describe."""
    from urllib.parse import urljoin

    from jsonschema_specifications import REGISTRY

    names = {"$ref", "$schema"}
    stack, seen = [dialect], set()
    while stack:
        uri = stack.pop()
        if uri in seen:
            continue
        seen.add(uri)
        contents = REGISTRY.contents(uri)
        names.update(contents.get("properties", {}))
        stack.extend(urljoin(uri, part["$ref"]) for part in contents.get("allOf", ()) if "$ref" in part)
    return frozenset(names)


def not_a_schema(document: Any, dialect: str) -> str | None:
    """Why ``document`` is not a schema of ``dialect`` (what it looks like instead), or None."""
    if not isinstance(document, dict):
        return None
    if "provider_config_key" in document or {"id", "provider"} <= document.keys():
        if _COMMON.isdisjoint(document):
            return ("this looks like a connection record, not a schema: lint it as a file, and give --schema "
                    "a JSON Schema or a structure")
        return None
    if not _COMMON.isdisjoint(document) or not keywords(dialect).isdisjoint(document):
        return None
    if not document:
        return "it is empty ({}), which accepts everything: write true if that is what you mean"
    if _holds_records(document):
        return ("this looks like an API response holding records, not a schema: lint it as a file "
                "(did you mean --records POINTER?) and give --schema a JSON Schema or a structure")
    return f"none of its members is a keyword of JSON Schema {DRAFT_NAMES[dialect]}, so it checks nothing"


def _holds_records(document: dict, depth: int = 0) -> bool:
    for value in document.values():
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            return True
        if isinstance(value, dict) and depth < 3 and _holds_records(value, depth + 1):
            return True
    return False


def meta_problem(document: Any, dialect: str) -> tuple[str, str] | None:
    """``(pointer, reason)`` of the first place where ``document`` breaks its draft's meta-schema.

    jsonschema-rs decides quickly that a schema is valid; jsonschema says where one is not.  Formats
    are not asserted here (patterns are compiled on their own, as ECMA-262).
    """
    if isinstance(document, bool):
        return None
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a declared dependency
        jsonschema_rs = None
    declared = document.get("$schema") if isinstance(document, dict) else None
    # jsonschema-rs is asked only about the drafts it knows by that very URI (else it would fetch).
    if jsonschema_rs is not None and (not isinstance(declared, str) or declared.rstrip("#") in DRAFT_NAMES):
        try:
            if jsonschema_rs.meta.is_valid(document):
                return None
        except Exception:  # noqa: BLE001 - any refusal: let jsonschema say where
            pass
    from jsonschema.exceptions import best_match

    from terapi_lint.schema.fallback import validator_class

    cls = validator_class(dialect)
    error = best_match(cls(cls.META_SCHEMA).iter_errors(document))
    if error is None:
        return None
    from terapi_lint.findings import pointer_from_path

    return pointer_from_path(tuple(error.absolute_path)), _reason(error)


def _reason(error: Any) -> str:
    """What is wrong, in our words (jsonschema's messages quote whole values)."""
    keyword, expected, value = error.validator, error.validator_value, error.instance
    path = tuple(error.absolute_path)
    value_text = shown(value)
    if path and path[-1] == "type" or (len(path) > 1 and path[-2] == "type" and isinstance(path[-1], int)):
        return f"{value_text or 'the value'} is not a JSON type{_did_you_mean(value, _JSON_TYPES)}; " \
               f"use one of {', '.join(_JSON_TYPES)}"
    if keyword == "type":
        names = expected if isinstance(expected, list) else [expected]
        return f"must be {' or '.join(names)}, not {a_json_type(value)}" + (f" ({value_text})" if value_text else "")
    if keyword == "enum":
        options = [o for o in expected if isinstance(o, str)]
        return (f"{value_text or 'the value'} is not allowed{_did_you_mean(value, options)}; "
                f"use one of {', '.join(map(str, expected))}")
    if keyword in ("minimum", "exclusiveMinimum"):
        return f"{value_text or 'the value'} is too small (the least allowed is {expected})"
    if keyword == "minItems":
        return f"must have at least {expected} item{'s' if expected != 1 else ''}"
    if keyword == "uniqueItems":
        return "must not list the same item twice"
    if keyword in ("dependencies", "dependentRequired") and isinstance(value, dict):
        for member, needs in expected.items():
            missing = [n for n in needs if n not in value] if member in value and isinstance(needs, list) else []
            if missing:
                return f"{member!r} needs {', '.join(map(repr, missing))} beside it"
    if keyword == "required":
        return f"lacks a member it needs ({', '.join(expected)})"
    if keyword in ("anyOf", "oneOf"):
        return f"{value_text or 'the value'} is not a valid value here ({a_json_type(value)})"
    return f"{value_text or 'the value'} breaks the meta-schema's {keyword!r} keyword"


def _did_you_mean(value: Any, options: Any) -> str:
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
