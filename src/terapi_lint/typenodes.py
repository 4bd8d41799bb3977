"""The tree a ``type`` string of a field-list structure parses into, and the error of a structure.

:func:`terapi_lint.typegrammar.parse_type` builds it; :mod:`terapi_lint.typenotes` applies the
notes in parentheses to it; :mod:`terapi_lint.compiler` turns it into JSON Schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union as _U

#: A Name: a reference to a named structure (``Address``, ``Line-Item``).
REFERENCE = re.compile(r"^[A-Z][A-Za-z0-9_.\-]*$")


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


@dataclass(frozen=True)
class Constrained:
    """A type with the bounds its note states in words, as JSON Schema keywords
    (``string (1-64 characters)``: ``(("minLength", 1), ("maxLength", 64))``)."""

    node: TypeNode
    keywords: tuple[tuple[str, int | float], ...]
    #: The note as written, for messages.
    note: str = field(default="", compare=False)


TypeNode = _U[Primitive, Enum, Array, Map, Ref, Union, Constrained]


def kinds(node: TypeNode) -> frozenset[str]:
    """The JSON types a value of ``node`` can have (none for ``any``)."""
    if isinstance(node, Constrained):
        return kinds(node.node)
    if isinstance(node, Primitive):
        return frozenset() if node.kind == "any" else frozenset({node.kind})
    if isinstance(node, Enum):
        return frozenset({node.base or "string"})
    if isinstance(node, Array):
        return frozenset({"array"})
    if isinstance(node, (Map, Ref)):
        return frozenset({"object"})
    return frozenset().union(*(kinds(member) for member in node.members))
