"""The fast validity check (jsonschema-rs) that lets most records skip jsonschema."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from terapi_lint.schema.checks import CheckedSchema


def build_fast_check(schema: CheckedSchema | dict[str, Any] | bool, *,
                     format_assertion: bool = True) -> Callable[[Any], bool] | None:
    """A yes/no check (jsonschema-rs) with the fallback validator's verdict, or None.

    The contract: for every value, ``check(value)`` is ``build_validator(schema).is_valid(value)``.
    Records it accepts need no further schema work; records it rejects go to the fallback for
    exact findings, so findings are always jsonschema's.  What makes the verdicts the same:

    - the same draft (jsonschema-rs reads ``$schema`` as :mod:`~terapi_lint.schema.dialects` does);
    - the same documents: its retriever is the run's
      :meth:`~terapi_lint.schema.references.LocalResources.contents`, with the same base URI;
    - the same formats: every format of the 2020-12 vocabulary is asserted by both (jsonschema-rs
      natively, the fallback by :data:`~terapi_lint.schema.formats.CHECKS`), or by neither with
      ``format_assertion=False``; other format names are annotations for both;
    - ECMA-262 patterns on both sides.

    tests/unit/test_conformance.py proves it on every case of the official suite, and
    tests/unit/test_differential.py on generated records.  Where the two cannot agree there is no
    fast check (None, and the fallback judges every record): jsonschema-rs is not installed or
    refuses the schema; a custom meta-schema (jsonschema-rs honours its ``$vocabulary``, jsonschema
    does not); a fractional ``multipleOf`` (their float arithmetic differs); or
    ``unevaluatedProperties`` in a schema with ``patternProperties``, which jsonschema matches
    with Python's ``re``.  A value jsonschema-rs cannot take (a lone surrogate it cannot encode)
    counts as "not valid", so the fallback judges it.
    """
    try:
        import jsonschema_rs
    except ImportError:
        return None
    from terapi_lint.schema.checks import as_checked

    checked = as_checked(schema)
    documents = list(checked.resources.documents.values())
    if _custom_metaschema(checked.schema) or any(_disagreeing(document) for document in documents):
        return None
    try:
        validator = jsonschema_rs.validator_for(
            checked.schema, validate_formats=format_assertion, retriever=checked.resources.contents,
            base_uri=checked.base_uri,
        )
    except Exception:  # noqa: BLE001 - any refusal just means "no fast path"
        return None
    is_valid = validator.is_valid

    def check(value: Any) -> bool:
        try:
            return is_valid(value)
        except Exception:  # noqa: BLE001 - e.g. a lone surrogate it cannot encode: let jsonschema judge
            return False

    return check


def _custom_metaschema(schema: Any) -> bool:
    from terapi_lint.schema.dialects import standard_dialect

    dialect = schema.get("$schema") if isinstance(schema, dict) else None
    return isinstance(dialect, str) and standard_dialect(dialect) is None


def _disagreeing(document: Any) -> bool:
    """Whether a document holds what the two validators read differently (see the contract)."""
    stack, unevaluated, patterned = [document], False, False
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            factor = node.get("multipleOf")
            if isinstance(factor, float) and not factor.is_integer():
                return True
            unevaluated = unevaluated or "unevaluatedProperties" in node
            patterned = patterned or isinstance(node.get("patternProperties"), dict)
            if unevaluated and patterned:
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False
