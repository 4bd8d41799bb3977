"""The fast validity check (jsonschema-rs) that lets most records skip jsonschema."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def build_fast_check(schema: dict[str, Any]) -> Callable[[Any], bool] | None:
    """A fast yes/no validity check (jsonschema-rs) that never accepts what jsonschema rejects.

    Records it accepts need no further schema work; records it rejects go through jsonschema for
    exact findings, so findings are always jsonschema's.  It checks exactly the formats of
    :data:`terapi_lint.schema.formats.CHECKS`: date-time, date and uuid with jsonschema-rs's own code
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
    from terapi_lint.schema.formats import CHECKS

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
