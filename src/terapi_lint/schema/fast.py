"""The fast validator (jsonschema-rs): the yes/no check most records stop at, and the errors of
the records it rejects, read as jsonschema would report them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

if TYPE_CHECKING:
    from terapi_lint.schema.checks import CheckedSchema

_MISSING = object()

#: The keywords whose jsonschema-rs errors are read as jsonschema's: each is one error of that
#: keyword at that place in both validators, and its finding needs only the keyword's value, the
#: subschema holding it and the instance.  Any other error sends the record to the fallback:
#: ``anyOf``/``oneOf``, whose finding follows jsonschema's best match; a ``false`` subschema, whose
#: jsonschema error lacks the last step of its path (jsonschema 4.26's ``descend``), so its finding
#: is placed at the object holding the member; ``contains``, ``propertyNames``, ``unevaluated*``,
#: ``dependentRequired`` and Draft 7's ``dependencies`` (which jsonschema-rs reports as ``required``)...
READ_KEYWORDS = frozenset({
    "type", "required", "enum", "const", "format", "minLength", "maxLength", "pattern", "minimum",
    "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems",
    "uniqueItems", "minProperties", "maxProperties", "additionalProperties", "not",
})

#: Formats jsonschema-rs 0.61 accepts values of that the standards reject (``üM.di`` and
#: mathematical letters as idn-hostname, a zero-width space in an idn-email, ``\&`` as an
#: ECMA-262 ``u`` regex): it runs the fallback's checks for them instead of its own.
OUR_FORMATS = ("idn-hostname", "idn-email", "regex")


@dataclass(slots=True)  # not frozen: its __init__ stores the fields plainly (no object.__setattr__ each)
class FastError:
    """One jsonschema-rs error, with the attributes of a jsonschema ``ValidationError`` that
    :mod:`~terapi_lint.schema.problems` reads (never jsonschema-rs's message, which quotes values)."""

    #: The keyword.
    validator: str
    validator_value: Any
    instance: Any
    #: The subschema that holds the keyword.
    schema: Any
    absolute_path: tuple[str | int, ...]
    context: None = None


def build_fast_check(schema: CheckedSchema | dict[str, Any] | bool, *,
                     format_assertion: bool = True) -> FastCheck | None:
    """A :class:`FastCheck` (jsonschema-rs) with the fallback validator's verdict, or None.

    The contract: for every value, ``check(value)`` is ``build_validator(schema).is_valid(value)``.
    Records it accepts need no further schema work; for records it rejects, :meth:`FastCheck.errors`
    gives jsonschema's errors where jsonschema-rs can say them, and the fallback gives them
    otherwise, so findings are always the ones jsonschema's errors make.  What makes the verdicts
    the same:

    - the same draft (jsonschema-rs reads ``$schema`` as :mod:`~terapi_lint.schema.dialects` does);
    - the same documents: its retriever is the run's
      :meth:`~terapi_lint.schema.references.LocalResources.contents`, with the same base URI;
    - the same formats: every format of the 2020-12 vocabulary is asserted by both (jsonschema-rs
      natively, the fallback by :data:`~terapi_lint.schema.formats.CHECKS`), or by neither with
      ``format_assertion=False``; other format names are annotations for both.  jsonschema-rs
      checks :data:`OUR_FORMATS`, which it accepts too much of, with the fallback's checks;
    - ECMA-262 patterns on both sides.

    tests/unit/test_conformance.py proves it on every case of the official suite, and
    tests/unit/test_differential.py on generated records; tests/unit/test_fast_findings.py proves
    the findings from :meth:`FastCheck.errors` identical to the fallback's on the suite's invalid
    cases, the fixtures and generated defective records.  Where the two cannot agree there is no
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
    from terapi_lint.schema.formats import format_check

    checked = as_checked(schema)
    documents = list(checked.resources.documents.values())
    if _custom_metaschema(checked.schema) or any(_disagreeing(document) for document in documents):
        return None
    formats = {name: format_check(name) for name in OUR_FORMATS} if format_assertion else None
    try:
        validator = jsonschema_rs.validator_for(
            checked.schema, validate_formats=format_assertion, formats=formats,
            retriever=checked.resources.contents, base_uri=checked.base_uri,
        )
    except Exception:  # noqa: BLE001 - any refusal just means "no fast path"
        return None
    return FastCheck(validator, checked)


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


class FastCheck:
    """jsonschema-rs's verdict on a value (call it), and the errors it finds (:meth:`errors`)."""

    def __init__(self, validator: Any, checked: CheckedSchema) -> None:
        from terapi_lint.schema.dialects import DRAFT4

        self._is_valid = validator.is_valid
        self._iter_errors = validator.iter_errors
        self._documents = checked.resources.documents
        # Draft 4 spells some keywords differently (a boolean exclusiveMinimum is jsonschema's "minimum").
        self._readable = checked.dialect != DRAFT4
        #: ``(keyword, its value, the subschema holding it)`` of each kind and location of error,
        #: or None where jsonschema's error is not read the same way (see :meth:`errors`).
        self._keywords: dict[tuple[type, str | None], tuple[str, Any, Any] | None] = {}
        #: The findings of errors by their shape (:func:`~terapi_lint.schema.problems.fast_problems`).
        self.memo: dict[tuple, tuple[Any, ...]] = {}

    def __call__(self, value: Any) -> bool:
        try:
            return self._is_valid(value)
        except Exception:  # noqa: BLE001 - e.g. a lone surrogate it cannot encode: let jsonschema judge
            return False

    def errors(self, value: Any) -> list[FastError] | None:
        """The errors jsonschema would report for ``value``, or None when jsonschema must say.

        Each jsonschema-rs error is read only for its kind, its instance path and the location of
        its keyword (the value is taken from ``value``, the keyword's value and subschema from the
        schema's documents).  None when an error is of a keyword outside :data:`READ_KEYWORDS`,
        at a place the run's documents do not hold (an embedded ``$id``), at an instance path
        jsonschema-rs may have misspelt (see :func:`_instance`), or when jsonschema-rs cannot
        take the value.
        """
        if not self._readable:
            return None
        try:
            found = list(self._iter_errors(value))
        except Exception:  # noqa: BLE001 - a value it cannot take: the fallback judges
            return None
        out = []
        keywords = self._keywords
        for error in found:
            # Keyed by the kind's class (one per kind) and the keyword's location: each error of
            # a dump's thousands alike is read from the cache.
            key = (type(error.kind), error.absolute_keyword_location)
            keyword = keywords.get(key, _MISSING)
            if keyword is _MISSING:
                keyword = keywords[key] = self._locate(error.kind.name, key[1])
            if keyword is None:
                return None
            path = tuple(error.instance_path)
            instance = _instance(value, path)
            if instance is _MISSING:
                return None
            out.append(FastError(keyword[0], keyword[1], instance, keyword[2], path))
        return out or None

    def _locate(self, kind: str, location: str | None) -> tuple[str, Any, Any] | None:
        if location is None:
            return None
        uri, _, fragment = location.partition("#")
        if uri not in self._documents:
            return None
        tokens = [t.replace("~1", "/").replace("~0", "~") for t in unquote(fragment).split("/")[1:]]
        node = _at(self._documents[uri], tokens, missing=_MISSING)
        if kind not in READ_KEYWORDS or not tokens or tokens[-1] != kind or node is _MISSING:
            return None
        if kind == "additionalProperties" and node is not False:
            return None
        return kind, node, _at(self._documents[uri], tokens[:-1])


def _instance(value: Any, path: tuple[str | int, ...]) -> Any:
    """The value at jsonschema-rs's instance ``path``, or ``_MISSING`` when that path may not be
    the real one: jsonschema-rs 0.61 leaves an empty member name out of the path, and gives a
    member name of digits as a number (``"01"`` as 1, which no object has as a member name), so
    an object holding a member ``""`` on the way or at the end is not read."""
    node = value
    for token in path:
        if isinstance(node, dict):
            if "" in node or token not in node:
                return _MISSING
            node = node[token]
        elif isinstance(node, list) and isinstance(token, int) and 0 <= token < len(node):
            node = node[token]
        else:
            return _MISSING
    return _MISSING if isinstance(node, dict) and "" in node else node


def _at(document: Any, tokens: list[str], missing: Any = None) -> Any:
    """The node at the JSON Pointer ``tokens`` inside a schema ``document``."""
    node = document
    for token in tokens:
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return missing
    return node
