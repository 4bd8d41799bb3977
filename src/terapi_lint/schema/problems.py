"""Turn JSON Schema validation errors into findings under the most specific rule.

The errors are jsonschema's, or jsonschema-rs's read the same way
(:class:`~terapi_lint.schema.fast.FastError`).  Both validators' own messages quote the instance,
which may be a secret, so none of them is used: each rule module builds its message from the
keyword, the path and values the schema itself lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from terapi_lint.findings import Problem
from terapi_lint.jsontypes import json_type
if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

from terapi_lint.rules import (
    invalid_date_time,
    invalid_enum,
    metadata_not_object,
    missing_required,
    schema_violation,
    unknown_field,
    wrong_type,
)

_BY_KEYWORD = {
    "required": missing_required.from_error,
    "enum": invalid_enum.from_error,
    "const": invalid_enum.from_error,
    "additionalProperties": unknown_field.from_error,
    "unevaluatedProperties": unknown_field.from_error,
}


def problems_from_error(error: ValidationError, kind: str = "json") -> Iterator[Problem]:
    """The findings one validation error stands for (usually one)."""
    path = tuple(error.absolute_path)
    keyword = error.validator
    if keyword in ("anyOf", "oneOf") and error.context:
        yield from _from_union(error, path, kind)
        return
    if keyword == "type":
        if metadata_not_object.applies(error, path):
            yield from metadata_not_object.from_error(error, path)
        else:
            yield from wrong_type.from_error(error, path, kind)
        return
    if keyword == "format" and error.validator_value == "date-time":
        yield from invalid_date_time.from_error(error, path)
        return
    handler = _BY_KEYWORD.get(keyword)
    produced = False
    if handler is not None:
        for problem in handler(error, path):
            produced = True
            yield problem
    if not produced:
        yield from schema_violation.from_error(error, path)


def _from_union(error: ValidationError, path: tuple, kind: str) -> Iterator[Problem]:
    """anyOf/oneOf: one finding that says what was expected, not one per branch."""
    branches = error.context or []
    same_place = [e for e in branches if tuple(e.absolute_path) == path]
    if same_place and all(e.validator == "type" for e in same_place) and len(same_place) == len(branches):
        expected: list[str] = []
        for branch in same_place:
            for name in wrong_type.expected_types(branch.validator_value):
                if name not in expected:
                    expected.append(name)
        merged = _TypeErrorView(error.instance, expected)
        yield from wrong_type.from_error(merged, path, kind)
        return
    from jsonschema.exceptions import best_match

    best = best_match(branches)
    if best is not None and len(tuple(best.absolute_path)) > len(path):
        yield from problems_from_error(best, kind)
        return
    yield from schema_violation.from_error(error, path)


class _TypeErrorView:
    """A merged type error standing for every branch of a union."""

    validator = "type"

    def __init__(self, instance: Any, expected: list[str]) -> None:
        self.instance = instance
        self.validator_value = expected


_METADATA = ("metadata",)  # where a type error is metadata-not-object's (metadata_not_object.applies)
#: Most shapes of error a run keeps the findings of (see :func:`fast_problems`): a bound on memory.
MEMO_SIZE = 4096


def fast_problems(errors: list[Any] | None, kind: str = "json",
                  memo: dict[tuple, tuple[Problem, ...]] | None = None) -> list[Problem] | None:
    """The findings of the fast validator's errors, or None when jsonschema must give them: there
    are no errors to read, or two findings of one rule at one place differ, where jsonschema's
    order of errors would decide which is kept.

    ``memo`` (one per validator, whose subschemas it keys by identity) keeps the findings of a
    ``type`` error by what alone makes them: the subschema, the path, the value's JSON type and
    the input kind (``metadata``'s, whose message reads the value, is not kept).  A dump's
    thousands of ``expires_at: null`` then build their message once.
    """
    if not errors:
        return None
    if memo is None:
        problems = [p for error in errors for p in problems_from_error(error, kind)]
    else:
        problems = []
        for error in errors:
            path = error.absolute_path
            if error.validator != "type" or path == _METADATA:  # metadata's message reads the value
                problems.extend(problems_from_error(error, kind))
                continue
            key = (id(error.schema), path, json_type(error.instance), kind)
            found = memo.get(key)
            if found is None:
                found = tuple(problems_from_error(error, kind))
                if len(memo) < MEMO_SIZE:
                    memo[key] = found
            problems.extend(found)
    if len(problems) > 1:
        first: dict[tuple[str, tuple], str] = {}
        for problem in problems:
            if first.setdefault((problem.rule, problem.path), problem.message) != problem.message:
                return None
    return problems


def schema_problems(validator: Any, value: Any, kind: str = "json") -> list[Problem]:
    """Every schema finding for one record value.

    jsonschema recurses once per nesting level (and its messages repr the instance), so a record
    nested near the loaders' limit of 1,000 levels can exhaust Python's default recursion limit;
    such a record is validated again on a thread with a deep stack.
    """
    try:
        return [p for error in validator.iter_errors(value) for p in problems_from_error(error, kind)]
    except RecursionError:
        return _on_deep_stack(lambda: [p for e in validator.iter_errors(value) for p in problems_from_error(e, kind)])


def _on_deep_stack(work: Callable[[], list[Problem]]) -> list[Problem]:
    import sys
    import threading

    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # noqa: BLE001 - re-raised in the calling thread
            outcome.append(error)

    old_limit, old_size = sys.getrecursionlimit(), threading.stack_size()
    sys.setrecursionlimit(max(old_limit, 50_000))
    threading.stack_size(512 * 1024 * 1024)
    try:
        thread = threading.Thread(target=run, name="terapi-lint-deep-validation")
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old_size)
        sys.setrecursionlimit(old_limit)
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]
