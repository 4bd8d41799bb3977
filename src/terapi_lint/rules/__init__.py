"""The rule registry: every rule terapi-lint can report, in code order.

Rules are modules (see :mod:`terapi_lint.rules.base`).  Codes group them: ``TL0`` parsing,
``TL1`` the schema, ``TL2`` secrets, ``TL3`` consistency across fields and records, ``TL4`` the
configuration itself.  ``--select``/``--ignore`` take names or code prefixes.
"""

from __future__ import annotations

from types import ModuleType

from terapi_lint.rules import (
    allowlist_too_broad,
    duplicate_connection,
    duplicate_key,
    invalid_date_time,
    invalid_enum,
    metadata_not_object,
    missing_required,
    nested_records,
    parse_error,
    records_not_found,
    schema_violation,
    secret_key,
    secret_value,
    timestamps_out_of_order,
    unknown_field,
    unused_allowlist_entry,
    unused_baseline_entry,
    unused_suppression,
    wrong_type,
)

ALL_RULES: tuple[ModuleType, ...] = (
    parse_error,
    duplicate_key,
    records_not_found,
    nested_records,
    missing_required,
    wrong_type,
    invalid_enum,
    invalid_date_time,
    metadata_not_object,
    unknown_field,
    schema_violation,
    secret_key,
    secret_value,
    timestamps_out_of_order,
    duplicate_connection,
    unused_allowlist_entry,
    allowlist_too_broad,
    unused_baseline_entry,
    unused_suppression,
)

BY_NAME: dict[str, ModuleType] = {rule.NAME: rule for rule in ALL_RULES}
BY_CODE: dict[str, ModuleType] = {rule.CODE: rule for rule in ALL_RULES}

#: Rules that run on each record (the others are raised by the loaders and the schema check).
RECORD_RULES: tuple[ModuleType, ...] = tuple(rule for rule in ALL_RULES if hasattr(rule, "check"))


def get(name_or_code: str) -> ModuleType:
    """The rule with this name or code; ``KeyError`` with a helpful message otherwise."""
    rule = BY_NAME.get(name_or_code) or BY_CODE.get(name_or_code.upper())
    if rule is None:
        import difflib

        close = difflib.get_close_matches(name_or_code, [*BY_NAME, *BY_CODE], n=1)
        hint = f"did you mean {close[0]!r}?" if close else "`terapi-lint rules` lists them"
        raise KeyError(f"no such rule: {name_or_code!r}; {hint}")
    return rule

