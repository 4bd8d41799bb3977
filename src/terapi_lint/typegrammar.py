"""Parser for the ``type`` strings of field-list structures (``docs/structure-dialect.md``, "Type strings").

``parse_type("string|null (datetime)")`` returns a small immutable tree::

    Union((Primitive("string", format="date-time"), Primitive("null")))

Keywords are matched case-insensitively (``dateTime``, ``UUID``); a word that starts with an
upper-case letter and is not a keyword is a :class:`Ref` to a named structure.  A note may also
state bounds in words (``string (max 255 chars)``).  :mod:`terapi_lint.typenotes` applies the
notes; the tree's nodes are in :mod:`terapi_lint.typenodes`.  Anything the grammar does not accept
raises :class:`StructureError` with a message saying what to change.
"""

from __future__ import annotations

import difflib
import re

from terapi_lint.typenodes import (
    REFERENCE,
    Array,
    Constrained,
    Enum,
    Map,
    Primitive,
    Ref,
    StructureError,
    TypeNode,
    Union,
)
from terapi_lint.typenotes import apply_note

__all__ = ["Array", "Constrained", "Enum", "Map", "Primitive", "Ref", "StructureError", "TypeNode", "Union",
           "parse_type", "suggest_union"]

#: Primitive words and the node each stands for.
_PRIMITIVES: dict[str, Primitive] = {
    "string": Primitive("string"),
    "str": Primitive("string"),
    "text": Primitive("string"),
    "integer": Primitive("integer"),
    "int": Primitive("integer"),
    "long": Primitive("integer"),
    "int32": Primitive("integer", format="int32"),
    "int64": Primitive("integer", format="int64"),
    "number": Primitive("number"),
    "float": Primitive("number"),
    "double": Primitive("number"),
    "decimal": Primitive("number"),
    "boolean": Primitive("boolean"),
    "bool": Primitive("boolean"),
    "object": Primitive("object"),
    "any": Primitive("any"),
    "null": Primitive("null"),
}

_EPOCH = Primitive("integer", comment="seconds since epoch")

#: Alias words: a primitive with a format.
_ALIASES: dict[str, Primitive] = {
    "datetime": Primitive("string", format="date-time"),
    "date-time": Primitive("string", format="date-time"),
    "timestamp": Primitive("string", format="date-time"),
    "date": Primitive("string", format="date"),
    "time": Primitive("string", format="time"),
    "uri": Primitive("string", format="uri"),
    "url": Primitive("string", format="uri"),
    "email": Primitive("string", format="email"),
    "uuid": Primitive("string", format="uuid"),
    "unix-timestamp": _EPOCH,
    "unix-time": _EPOCH,
    "epoch": _EPOCH,
}

#: Every type word, for "did you mean" hints.
_KNOWN_WORDS = sorted({*_PRIMITIVES, *_ALIASES, "enum", "array", "list", "map"})
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_CLOSERS = {"<": ">", "[": "]", "(": ")"}
_JSON_ARRAY_TYPE = re.compile(r"""^\s*\[\s*(['"][^'"]*['"]\s*(?:,\s*['"][^'"]*['"]\s*)*)\]\s*$""")


def parse_type(text: str) -> TypeNode:
    """Parse one ``type`` string; raise StructureError (without a pointer) when it is not valid."""
    if not text.strip():
        raise StructureError("`type` is empty")
    match = _JSON_ARRAY_TYPE.match(text)
    if match:
        words = [w.strip().strip("'\"") for w in match.group(1).split(",")]
        raise StructureError(
            f"type {text.strip()!r} is a JSON array written as a string; write {'|'.join(words)!r}"
        )
    return _Parser(text).parse()


def suggest_union(types: list[object]) -> str:
    """The ``A|B`` spelling of a JSON-array ``type`` such as ``["string", "null"]``."""
    return "|".join(str(t) for t in types)


class _Parser:
    """Recursive-descent parser over one type string; ``pos`` is the next unread character."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    # -- helpers -----------------------------------------------------------------------------

    def error(self, message: str) -> StructureError:
        return StructureError(f"{message} in type {self.text!r}")

    def skip_ws(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self) -> str:
        """The next non-blank character ('' at the end), without consuming it."""
        self.skip_ws()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, char: str, opener: str) -> None:
        if self.peek() != char:
            found = self.peek()
            where = f"found {found!r}" if found else "reached the end"
            raise self.error(f"unbalanced brackets: expected {char!r} to close {opener!r}, {where}")
        self.pos += 1

    def word(self) -> str | None:
        self.skip_ws()
        match = _WORD.match(self.text, self.pos)
        if not match:
            return None
        self.pos = match.end()
        return match.group(0)

    # -- grammar -----------------------------------------------------------------------------

    def parse(self) -> TypeNode:
        node = self.type_()
        self.skip_ws()
        if self.pos < len(self.text):
            rest = self.text[self.pos :]
            if rest[0] in ">])":
                raise self.error(f"unbalanced brackets: unexpected {rest[0]!r}")
            raise self.error(f"unexpected {rest.strip()!r} after a complete type")
        return node

    def type_(self) -> TypeNode:
        """type = member {"|" member} [note]; a note on the last member applies to the union."""
        members: list[TypeNode] = []
        note: str | None = None
        while True:
            core, member_note = self.member()
            members.append(core)
            if self.peek() != "|":
                note = member_note
                break
            self.pos += 1
            if member_note is not None:
                members[-1] = self.apply(core, member_note)
        if len(members) == 1:
            return members[0] if note is None else self.apply(members[0], note)
        union = Union(tuple(members))
        return union if note is None else self.apply(union, note)

    def member(self) -> tuple[TypeNode, str | None]:
        """member = core [note] {"[]"}; returns the node and a note not yet applied."""
        node = self.core()
        note = self.note() if self.peek() == "(" else None
        suffixes = 0
        while self.text.startswith("[", self.pos) and self._empty_brackets_ahead():
            self.pos = self.text.index("]", self.pos) + 1
            suffixes += 1
        if suffixes and note is not None:
            node, note = self.apply(node, note), None
        for _ in range(suffixes):
            node = Array(node)
        return node, note

    def _empty_brackets_ahead(self) -> bool:
        rest = self.text[self.pos + 1 :]
        return rest.lstrip().startswith("]")

    def core(self) -> TypeNode:
        start = self.pos
        word = self.word()
        if word is None:
            found = self.peek()
            if not found:
                raise self.error("missing type name")
            if found in ">])":
                raise self.error(f"unbalanced brackets: unexpected {found!r}")
            raise self.error(f"unexpected {found!r} where a type name belongs")
        lower = word.lower()
        if lower == "enum":
            return self.enum()
        if lower in ("array", "list"):
            return self.array()
        if lower == "map":
            return self.map_()
        return self._named(lower, word, start)

    def _named(self, lower: str, word: str, start: int) -> TypeNode:
        """A primitive, an alias or a reference; anything else is an unknown type word."""
        if lower in _PRIMITIVES:
            return _PRIMITIVES[lower]
        if lower in _ALIASES:
            return _ALIASES[lower]
        if REFERENCE.match(word):
            return Ref(word)
        self.pos = start
        close = difflib.get_close_matches(lower, _KNOWN_WORDS, n=1, cutoff=0.75)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise StructureError(f"unknown type word {word!r}{hint}")

    def enum(self) -> Enum:
        """``enum``, ``enum[a,b]``, ``enum(A|B)``."""
        opener = self.peek()
        if opener not in ("[", "("):
            return Enum()
        if opener == "[" and self._empty_brackets_ahead():
            raise self.error("empty enum")
        self.pos += 1
        closer = _CLOSERS[opener]
        end = self.text.find(closer, self.pos)
        if end < 0:
            raise self.error(f"unbalanced brackets: expected {closer!r} to close {opener!r}")
        body = self.text[self.pos : end]
        if any(c in body for c in "<>[]()"):
            raise self.error(f"unbalanced brackets: unexpected bracket in enum values {body!r}")
        self.pos = end + 1
        raw = re.split(r"[,|]", body)
        if not body.strip():
            raise self.error("empty enum")
        values = tuple(v.strip().strip("'\"").strip() for v in raw)
        if any(not v for v in values):
            raise self.error("empty enum value")
        return Enum(values)

    def array(self) -> TypeNode:
        """``array``, ``array<T>``, ``array[T]``, ``array of T``."""
        opener = self.peek()
        if opener in ("<", "[") and not (opener == "[" and self._empty_brackets_ahead()):
            self.pos += 1
            items = self.type_()
            self.expect(_CLOSERS[opener], opener)
            return Array(items)
        save = self.pos
        if self.word() == "of":
            return Array(self.array_of_name())
        self.pos = save
        return Array()

    def array_of_name(self) -> TypeNode:
        """The name after ``array of``; a trailing plural ``s`` on a primitive is dropped."""
        start = self.pos
        word = self.word()
        if word is None:
            raise self.error("missing element type after 'array of'")
        lower = word.lower()
        if lower.endswith("s") and lower[:-1] in {**_PRIMITIVES, **_ALIASES}:
            lower = lower[:-1]
        return self._named(lower, word, start)

    def map_(self) -> Map:
        """``map``, ``map<string,V>``, ``map[string,V]``."""
        opener = self.peek()
        if opener not in ("<", "[") or (opener == "[" and self._empty_brackets_ahead()):
            return Map()
        self.pos += 1
        key_start = self.pos
        key = self.type_()
        if key != Primitive("string"):
            spelled = self.text[key_start : self.pos].strip()
            raise self.error(f"map keys must be string, not {spelled!r}")
        if self.peek() != ",":
            raise self.error("map needs a key and a value type: map<string,V>")
        self.pos += 1
        values = self.type_()
        self.expect(_CLOSERS[opener], opener)
        return Map(values)

    def note(self) -> str:
        """A parenthesised note; returns its text (applied by :meth:`apply`)."""
        self.pos += 1  # the "("
        end = self.text.find(")", self.pos)
        if end < 0:
            raise self.error("unbalanced brackets: expected ')' to close '('")
        body = self.text[self.pos : end]
        if "(" in body:
            raise self.error("unbalanced brackets: nested '(' in a note")
        self.pos = end + 1
        return body.strip()

    def apply(self, node: TypeNode, note: str) -> TypeNode:
        """``node`` with its note applied (:func:`terapi_lint.typenotes.apply_note`)."""
        try:
            return apply_note(node, note)
        except ValueError as error:
            raise self.error(str(error)) from None
