"""The notes in a type's parentheses: what ``string (uuid)``, ``integer (int64)``, ``string (enum)``,
``object (Address)`` and ``string (max 255 chars)`` add to the type they follow.

A note is one or more parts, split at commas and semicolons (``string (uuid, 36 characters)``).
Each part is a format (``ISO 8601`` or ``RFC 3339`` may precede it), a width, ``enum``, a
Name, or a bound in words, read by :func:`bound_keywords` into the JSON Schema keywords it stands
for, given the JSON types the noted type can take: a length in characters is a string's
(``minLength``, ``maxLength``), a count of items an array's (``minItems``, ``maxItems``), a range
or a sign a number's (``minimum``, ``maximum``; ``positive`` is ``exclusiveMinimum: 0``), and
``non-empty`` each type's own (``minLength: 1``, ``minItems: 1``, ``minProperties: 1``).  Bounds
wrap the type in a :class:`~terapi_lint.typenodes.Constrained`.

The bound phrases are those of the structure corpus and their obvious variants (``17 characters``,
``max``/``maximum``/``up to``/``at most``, ``min``/``at least``/``8+``, ``1-64``/``1..64``/
``1 to 64``/``between 1 and 64``, ``< 10``/``> 0``, ``max length 255``, ``chars``/``characters``,
``items``/``elements``, ``non-negative``).  A part that is none of these is refused as an
unrecognised note: free text belongs in ``description``.
"""

from __future__ import annotations

import json
import re

from terapi_lint.typenodes import REFERENCE, Constrained, Enum, Primitive, Ref, StructureError, TypeNode, Union, kinds

#: Format notes: ``string (uuid)``; the value is the JSON Schema format (None: see _MEDIA_NOTES).
_FORMAT_NOTES: dict[str, str] = {
    "date-time": "date-time",
    "datetime": "date-time",
    "timestamp": "date-time",
    "date": "date",
    "time": "time",
    "uri": "uri",
    "url": "uri",
    "email": "email",
    "uuid": "uuid",
    "hostname": "hostname",
    "ipv4": "ipv4",
    "ipv6": "ipv6",
}
_MEDIA_NOTES: dict[str, str] = {"json": "application/json"}
#: Width notes: ``integer (int64)``, ``number (double)``; value: the kind they apply to.
_WIDTH_NOTES: dict[str, str] = {
    "int32": "integer",
    "int64": "integer",
    "float": "number",
    "double": "number",
}
#: Where a note splits into parts: commas and semicolons, but not a thousands separator (1,000).
_NOTE_PARTS = re.compile(r"[;,](?!\d{3}\b)")
_NOTE_PREFIX = re.compile(r"^(?:iso\s*8601|rfc\s*3339)\s+", re.IGNORECASE)

NUMBER = r"-?\d+(?:\.\d+)?"
#: ``"low-high"``: the form of a ``range`` key, and one of the range forms of a note.
RANGE = re.compile(rf"\s*({NUMBER})\s*-\s*({NUMBER})\s*")

_N = f"({NUMBER})"
_COUNTED = {"string": ("minLength", "maxLength", "length note"), "array": ("minItems", "maxItems", "item-count note")}
_UNITS = {"character": "string", "characters": "string", "char": "string", "chars": "string",
          "item": "array", "items": "array", "element": "array", "elements": "array",
          "entry": "array", "entries": "array"}
_UNIT = re.compile(r"(.*?) ?\b(" + "|".join(_UNITS) + r")(?: (max|maximum|or less|or fewer|min|minimum|or more))?")
_LENGTH = re.compile(r"(max |maximum |min |minimum )?length:? ?(.+)")
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), form) for pattern, form in (
    (rf"(?:between )?{_N} ?(?:-|\.\.|to|and) ?{_N}", "range"),
    (rf"(?:max|maximum|up to|at most|no more than|<=|≤) ?{_N}", "max"),
    (rf"(?:min|minimum|at least|no less than|>=|≥) ?{_N}|{_N}\+", "min"),
    (rf"(?:less than|below|<) ?{_N}", "below"),
    (rf"(?:more than|greater than|above|>) ?{_N}", "above"),
    (rf"(?:exactly )?{_N}", "exact"),
))
_SIGNS = {
    "positive": {"exclusiveMinimum": 0}, "negative": {"exclusiveMaximum": 0},
    "non-negative": {"minimum": 0}, "nonnegative": {"minimum": 0},
    "non-positive": {"maximum": 0}, "nonpositive": {"maximum": 0},
}
_NON_EMPTY = ("non-empty", "nonempty", "not empty")
_OWN_SIZE = {"string": "minLength", "array": "minItems", "object": "minProperties"}


def apply_note(node: TypeNode, note: str) -> TypeNode:
    """``node`` with the ``(note)`` that follows it applied (see the module).

    Raises ``ValueError`` for a note that does not fit the type (the grammar adds the type
    string), :class:`StructureError` for one it does not understand.
    """
    keywords: dict[str, int | float] = {}
    for part in _NOTE_PARTS.split(note):
        bounds = bound_keywords(part.strip(), kinds(node))
        if bounds is None:
            node = _apply_word(node, part.strip())
        for keyword, value in (bounds or {}).items():
            if keywords.setdefault(keyword, value) != value:
                raise ValueError(f"note '({note})' gives {keyword} twice")
    return Constrained(node, tuple(keywords.items()), note) if keywords else node


def _apply_word(node: TypeNode, note: str) -> TypeNode:
    """Apply one note word: a format, a width, ``enum`` or a Reference."""
    word = _NOTE_PREFIX.sub("", note).strip()
    lower = word.lower()
    if isinstance(node, Union):
        if lower in _FORMAT_NOTES or lower in _MEDIA_NOTES:
            # "string|null (datetime)": the format belongs to the string members.
            if not any(isinstance(m, Primitive) and m.kind == "string" for m in node.members):
                raise ValueError(f"note '({note})' needs a string member")
            return Union(
                tuple(
                    _apply_word(m, note)
                    if isinstance(m, Primitive) and m.kind == "string"
                    else m
                    for m in node.members
                )
            )
        raise ValueError(f"note '({note})' cannot apply to a union")
    if lower in _FORMAT_NOTES or lower in _MEDIA_NOTES:
        if not (isinstance(node, Primitive) and node.kind == "string"):
            raise ValueError(f"format note '({note})' applies only to string")
        if lower in _MEDIA_NOTES:
            return Primitive("string", media_type=_MEDIA_NOTES[lower])
        return Primitive("string", format=_FORMAT_NOTES[lower])
    if lower in _WIDTH_NOTES:
        kind = _WIDTH_NOTES[lower]
        if not (isinstance(node, Primitive) and node.kind == kind):
            raise ValueError(f"width note '({note})' applies only to {kind}")
        return Primitive(kind, format=lower)
    if lower == "enum":
        if not (isinstance(node, Primitive) and node.kind in ("string", "integer", "number")):
            raise ValueError(f"note '({note})' applies only to string, integer or number")
        return Enum(base=node.kind)
    if REFERENCE.match(word) and word == note:
        if not (isinstance(node, Primitive) and node.kind == "object"):
            raise ValueError(f"reference note '({note})' applies only to object")
        return Ref(word)
    raise StructureError(f"unrecognised note {note!r} in type; put free text in description")


def bound_keywords(phrase: str, types: frozenset[str]) -> dict[str, int | float] | None:
    """The keywords ``phrase`` stands for on a type of the JSON types ``types``, or None when it
    states no bound.  Raises ``ValueError`` (a message without the type) when it states one that
    does not fit those types or cannot hold (``10-1 characters``)."""
    text = " ".join(phrase.lower().replace("–", "-").replace("—", "-").replace(",", "").split()).rstrip(".")
    text = re.sub(r"\b(max|min)\. ?", r"\1 ", text).replace("non ", "non-").removesuffix(" long")
    if text in _NON_EMPTY:
        found = {_OWN_SIZE[kind]: 1 for kind in ("string", "array", "object") if kind in types}
        if not found:
            raise ValueError(f"note '({phrase})' applies only to string, array or object")
        return found
    if text in _SIGNS:
        return _numeric(_SIGNS[text], phrase, types)
    length = _LENGTH.fullmatch(text)
    if length:
        text = f"{length.group(1) or ''}{length.group(2)} characters"
    unit = _UNIT.fullmatch(text)
    if unit:
        body, after = unit.group(1), unit.group(3)
        if after:
            body = f"{'max' if after in ('max', 'maximum', 'or less', 'or fewer') else 'min'} {body}"
        bounds = _bounds(body, phrase)
        return None if bounds is None else _counted(bounds, _UNITS[unit.group(2)], phrase, types)
    bounds = _bounds(text, phrase)
    if bounds is None or bounds[0] == "exact":
        return None
    form, low, high = bounds
    keywords: dict[str, int | float] = {}
    if low is not None:
        keywords["exclusiveMinimum" if form == "above" else "minimum"] = low
    if high is not None:
        keywords["exclusiveMaximum" if form == "below" else "maximum"] = high
    if "string" in types and not types & {"integer", "number"}:
        raise ValueError(f"range note '({phrase})' applies only to integer or number; "
                         f"for a length write '({phrase} characters)'")
    return _numeric(keywords, phrase, types)


def _bounds(text: str, phrase: str) -> tuple[str, int | float | None, int | float | None] | None:
    """``(form, low, high)`` of a bound without its unit, or None."""
    for pattern, form in _FORMS:
        match = pattern.fullmatch(text)
        if match:
            numbers = [json.loads(g) for g in match.groups() if g is not None]
            if form == "range":
                low, high = numbers
                if low > high:
                    raise ValueError(f"note '({phrase})' has its low end {low} above its high end {high}")
                return form, low, high
            value = numbers[0]
            low = value if form in ("min", "above", "exact") else None
            high = value if form in ("max", "below", "exact") else None
            return form, low, high
    return None


def _counted(bounds: tuple[str, int | float | None, int | float | None], kind: str, phrase: str,
             types: frozenset[str]) -> dict[str, int | float]:
    form, low, high = bounds
    low_keyword, high_keyword, name = _COUNTED[kind]
    if kind not in types:
        raise ValueError(f"{name} '({phrase})' applies only to {kind}")
    if any(isinstance(n, float) or n < 0 for n in (low, high) if n is not None):
        raise ValueError(f"{name} '({phrase})' must count with whole numbers from 0")
    if form == "above":
        low = low + 1  # type: ignore[operator]
    if form == "below":
        high = high - 1  # type: ignore[operator]
    keywords: dict[str, int | float] = {}
    if low is not None:
        keywords[low_keyword] = low
    if high is not None:
        keywords[high_keyword] = high
    return keywords


def _numeric(keywords: dict[str, int | float], phrase: str, types: frozenset[str]) -> dict[str, int | float]:
    if not types & {"integer", "number"}:
        raise ValueError(f"note '({phrase})' applies only to integer or number")
    return keywords
