"""Parser for the ``type`` strings of field-list structures (``docs/structure-dialect.md``, "Type strings").

``parse_type("string|null (datetime)")`` returns a small immutable tree::

    Union((Primitive("string", format="date-time"), Primitive("null")))

Keywords are matched case-insensitively (``dateTime``, ``UUID``); a word that starts with an
upper-case letter and is not a keyword is a :class:`Ref` to a named structure.  Anything the
grammar does not accept raises :class:`StructureError` with a message saying what to change.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Union as _U


class StructureError(Exception):
    """A structure (or one of its ``type`` strings) that cannot be compiled.

    ``pointer`` is an RFC 6901 JSON Pointer into the structure document ("" for the whole
    document or when the location is not known yet); ``message`` says what is wrong.
    """

    def __init__(self, message: str, pointer: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.pointer = pointer

    def __str__(self) -> str:
        return f"{self.pointer}: {self.message}" if self.pointer else self.message

    def at(self, pointer: str) -> StructureError:
        """The same error located at ``pointer``."""
        return StructureError(self.message, pointer)


@dataclass(frozen=True)
class Primitive:
    """A JSON type: ``string``, ``integer``, ``number``, ``boolean``, ``object``, ``null``,
    or ``any`` (no constraint), with an optional format, media type or comment."""

    kind: str
    format: str | None = None
    media_type: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class Enum:
    """An enumeration; ``values`` is None for a bare ``enum`` or ``X (enum)`` whose values live
    in an ``enum``/``values`` key; ``base`` is the primitive kind of ``X (enum)``."""

    values: tuple[str, ...] | None = None
    base: str | None = None


@dataclass(frozen=True)
class Array:
    """An array; ``items`` is None for a bare ``array``/``list``."""

    items: TypeNode | None = None


@dataclass(frozen=True)
class Map:
    """An object used as a map with string keys; ``values`` is None for a bare ``map``."""

    values: TypeNode | None = None


@dataclass(frozen=True)
class Ref:
    """A reference to a named structure (``Address``, ``object (Address)``)."""

    name: str


@dataclass(frozen=True)
class Union:
    """``A|B|...``: at least two members."""

    members: tuple[TypeNode, ...] = field(default_factory=tuple)


TypeNode = _U[Primitive, Enum, Array, Map, Ref, Union]

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
_NOTE_PREFIX = re.compile(r"^(?:iso\s*8601|rfc\s*3339)\s+", re.IGNORECASE)
_REFERENCE = re.compile(r"^[A-Z][A-Za-z0-9_.\-]*$")
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
                members[-1] = _apply_note(core, member_note, self)
        if len(members) == 1:
            return members[0] if note is None else _apply_note(members[0], note, self)
        union = Union(tuple(members))
        return union if note is None else _apply_note(union, note, self)

    def member(self) -> tuple[TypeNode, str | None]:
        """member = core [note] {"[]"}; returns the node and a note not yet applied."""
        node = self.core()
        note = self.note() if self.peek() == "(" else None
        suffixes = 0
        while self.text.startswith("[", self.pos) and self._empty_brackets_ahead():
            self.pos = self.text.index("]", self.pos) + 1
            suffixes += 1
        if suffixes and note is not None:
            node, note = _apply_note(node, note, self), None
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
        if _REFERENCE.match(word):
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
        """A parenthesised note; returns its text (applied by :func:`_apply_note`)."""
        self.pos += 1  # the "("
        end = self.text.find(")", self.pos)
        if end < 0:
            raise self.error("unbalanced brackets: expected ')' to close '('")
        body = self.text[self.pos : end]
        if "(" in body:
            raise self.error("unbalanced brackets: nested '(' in a note")
        self.pos = end + 1
        return body.strip()


def _apply_note(node: TypeNode, note: str, parser: _Parser) -> TypeNode:
    """Apply a ``(note)`` to the node it follows: a format, a width, ``enum`` or a Reference."""
    word = _NOTE_PREFIX.sub("", note).strip()
    lower = word.lower()
    if isinstance(node, Union):
        if lower in _FORMAT_NOTES or lower in _MEDIA_NOTES:
            # "string|null (datetime)": the format belongs to the string members.
            if not any(isinstance(m, Primitive) and m.kind == "string" for m in node.members):
                raise parser.error(f"note '({note})' needs a string member")
            return Union(
                tuple(
                    _apply_note(m, note, parser)
                    if isinstance(m, Primitive) and m.kind == "string"
                    else m
                    for m in node.members
                )
            )
        raise parser.error(f"note '({note})' cannot apply to a union")
    if lower in _FORMAT_NOTES or lower in _MEDIA_NOTES:
        if not (isinstance(node, Primitive) and node.kind == "string"):
            raise parser.error(f"format note '({note})' applies only to string")
        if lower in _MEDIA_NOTES:
            return Primitive("string", media_type=_MEDIA_NOTES[lower])
        return Primitive("string", format=_FORMAT_NOTES[lower])
    if lower in _WIDTH_NOTES:
        kind = _WIDTH_NOTES[lower]
        if not (isinstance(node, Primitive) and node.kind == kind):
            raise parser.error(f"width note '({note})' applies only to {kind}")
        return Primitive(kind, format=lower)
    if lower == "enum":
        if not (isinstance(node, Primitive) and node.kind in ("string", "integer", "number")):
            raise parser.error(f"note '({note})' applies only to string, integer or number")
        return Enum(base=node.kind)
    if _REFERENCE.match(word) and word == note:
        if not (isinstance(node, Primitive) and node.kind == "object"):
            raise parser.error(f"reference note '({note})' applies only to object")
        return Ref(word)
    raise StructureError(f"unrecognised note {note!r} in type; put free text in description")
