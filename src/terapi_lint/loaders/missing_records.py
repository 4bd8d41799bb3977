"""The ``records-not-found`` problem: the records pointer leads nowhere in a document.

Its message names the pointer and what stands where the pointer stops (at the top level: what the
document holds there), never a value from the file.
"""

from __future__ import annotations

from collections.abc import Collection

from ..findings import Problem, pointer_from_path

RULE = "records-not-found"

#: The JSON type of a value, by its first byte (for values that are only scanned, not parsed).
_TYPES = {ord("{"): "an object", ord("["): "an array", ord('"'): "a string", ord("t"): "a boolean",
          ord("f"): "a boolean", ord("n"): "null"}


def type_at(first_byte: int) -> str:
    """``an object``, ``an array``, ``a number``... for a JSON value starting with this byte (a
    parsed value says it with :func:`~terapi_lint.jsontypes.a_json_type`)."""
    return _TYPES.get(first_byte, "a number")


def _where(base: tuple) -> str:
    return pointer_from_path(base) if base else "the top level"


def _looks_like_a_record(keys: Collection[str]) -> bool:
    return "provider_config_key" in keys or {"id", "provider"} <= set(keys)


def no_member(pointer: tuple, base: tuple, token: str, keys: Collection[str] | None = None) -> str:
    """The object at ``base`` has no member ``token`` (``keys``: its member names, when known)."""
    if keys is None:
        return f"no records at {pointer_from_path(pointer)}: {_where(base)} has no member {token!r}"
    size = f"{len(keys)} member{'' if len(keys) == 1 else 's'}"
    hint = "; it looks like one connection record" if not base and _looks_like_a_record(keys) else ""
    return (f"no records at {pointer_from_path(pointer)}: {_where(base)} is an object of {size}, "
            f"none named {token!r}{hint}")


def not_a_step(pointer: tuple, base: tuple, token: str, kind: str) -> str:
    """The value at ``base`` is ``kind`` (an array, a string...), which ``token`` cannot enter."""
    return f"no records at {pointer_from_path(pointer)}: {_where(base)} is {kind}, not an object with {token!r}"


def past_the_end(pointer: tuple, base: tuple, index: int, length: int) -> str:
    return (f"no records at {pointer_from_path(pointer)}: {_where(base)} is an array of {length} "
            f"item{'' if length == 1 else 's'}, without index {index}")


def not_records(pointer: tuple, kind: str) -> str:
    """The pointer reaches a value that is neither an array of records nor one record."""
    return f"no records at {pointer_from_path(pointer)}: the value there is {kind}, not an array or object"


def problem(message: str, path: tuple, line: int, column: int, record: int | None = None) -> Problem:
    """The problem, at ``path`` (where the pointer stops) on ``line``:``column``."""
    return Problem(RULE, message, path, line, column, record)
