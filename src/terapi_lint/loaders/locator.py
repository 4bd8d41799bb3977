"""Where one path of a record is, found by scanning along that path only.

A finding needs the (line, column) of one path (``/credentials/expires_at``), not the position of
every member of the record.  For a record the fast path parsed (valid JSON without duplicate keys,
see :mod:`.json_`), :class:`PathPositions` finds a path's place by reading only the keys of the
objects on the way and skipping every other value with the regex engine: a few microseconds where
the exact parser (:mod:`.positions`), which builds the whole map, takes hundreds.  The places are
the exact parser's: a member's key, an array item's first character, the value's first character
for the root.  Iterating the map (to group it, say) builds the whole map with the exact parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from json.decoder import JSONDecoder, scanstring
from typing import Any

from ..findings import Path
from .positions import _Cursor, parse

_W = r"[ \t\n\r]*"
_S = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_WS = re.compile(_W)
_KEY = re.compile(rf"({_S}){_W}:{_W}")
# A value that is a string, number or literal, and the comma after it, if any: one regex call
# for a whole member or item that is not the one wanted.
_PLAIN = rf"(?:{_S}|[^,\]}}\s\"\[{{]+){_W}(,?){_W}"
_PLAIN_MEMBER = re.compile(rf"({_S}){_W}:{_W}{_PLAIN}")
_PLAIN_ITEM = re.compile(_PLAIN)
_AFTER = re.compile(rf"{_W}(,?){_W}")
# Strings (skipped whole, brackets inside them included) and brackets, for skipping a container.
_STRUCTURE = re.compile(rf"{_S}|[\[\]{{}}]")
_SCAN = JSONDecoder().scan_once


class PathPositions(Mapping[Path, tuple[int, int]]):
    """The positions of the paths of a JSON ``text`` whose first character is at (line, column)."""

    def __init__(self, text: str, line: int = 1, column: int = 1) -> None:
        self.text = text
        self.line = line
        self.column = column
        self._whole: dict[Path, tuple[int, int]] | None = None
        self._plain: bool | None = None  # the text holds no backslash: every string is as written

    def place(self, path: Path, value: Any) -> tuple[int, int]:
        """(line, column) of ``path`` in the record whose parsed value is ``value`` (this text's
        value), or of its nearest ancestor there: what looking up ``path``, then each ancestor in
        turn, gives, in one step.

        A member name that occurs once in the text, quoted, when the text has no backslash, is
        placed where it occurs: with no escapes every quote of valid JSON opens or closes a
        string, so each member of that name anywhere in the record is one occurrence of the
        quoted name, and the member at ``path`` (which ``value`` holds) is the only one.  Any
        other path is found by scanning along it (:func:`walk`).
        """
        node, depth = value, 0
        for token in path:
            if not ((type(node) is dict and type(token) is str and token in node)
                    or (type(node) is list and type(token) is int and 0 <= token < len(node))):
                break
            node = node[token]
            depth += 1
        if depth:
            path = path[:depth]
            key = path[-1]
            if type(key) is str:
                text = self.text
                if self._plain is None:
                    self._plain = "\\" not in text
                needle = f'"{key}"'
                if self._plain:
                    index = text.find(needle)
                    if index >= 0 and text.find(needle, index + len(needle)) < 0:
                        return self._at(index)
        found = walk(self.text, path)
        if found is None:  # not the text's value: the nearest ancestor the text has
            while path and found is None:
                path = path[:-1]
                found = walk(self.text, path)
        return self._at(found[0])

    def _at(self, index: int) -> tuple[int, int]:
        """(line, column) of the character at ``index``: an NDJSON line holds no newline."""
        if "\n" not in self.text:
            return self.line, self.column + index
        return _Cursor(self.text, 0, self.line, self.column).at(index)

    def __getitem__(self, path: Path) -> tuple[int, int]:
        index = self._find(tuple(path))
        if index is None:
            raise KeyError(path)
        return self._at(index)

    def _find(self, path: Path) -> int | None:
        """The index of ``path``'s place in the text, or None when the text has no such path."""
        found = walk(self.text, path)
        return None if found is None else found[0]

    def _all(self) -> dict[Path, tuple[int, int]]:
        if self._whole is None:
            self._whole = parse(self.text, line=self.line, column=self.column).positions
        return self._whole

    def __iter__(self) -> Iterator[Path]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def items(self):  # type: ignore[override]
        return self._all().items()


def walk(text: str, path: Path, start: int = 0) -> tuple[int, int] | None:
    """``(index of the place, index of the value)`` of ``path`` in the JSON document that starts
    at ``start`` of ``text`` (the place: a member's key, an item's or the root's first character),
    or None when the text has no such path."""
    pos = _WS.match(text, start).end()
    place = pos
    for token in path:
        char = text[pos:pos + 1]
        if char == "{" and isinstance(token, str):
            found = _member(text, pos, token)
        elif char == "[" and isinstance(token, int) and not isinstance(token, bool):
            found = _item(text, pos, token)
        else:
            return None
        if found is None:
            return None
        place, pos = found
    return place, pos


def _member(text: str, pos: int, wanted: str) -> tuple[int, int] | None:
    """``(index of the key, index of the value)`` of member ``wanted`` of the object at ``pos``."""
    pos = _WS.match(text, pos + 1).end()
    while True:
        plain = _PLAIN_MEMBER.match(text, pos)
        key = plain or _KEY.match(text, pos)
        if key is None:
            return None
        name = key.group(1)
        name = name[1:-1] if "\\" not in name else scanstring(text, pos + 1, True)[0]
        if name == wanted:
            return pos, _KEY.match(text, pos).end()
        after = plain or _AFTER.match(text, _skip(text, key.end()))
        if not after.group(after.lastindex):
            return None
        pos = after.end()


def _item(text: str, pos: int, wanted: int) -> tuple[int, int] | None:
    """``(index of the item, index of the item)`` of item ``wanted`` of the array at ``pos``."""
    pos = _WS.match(text, pos + 1).end()
    if text.startswith("]", pos):
        return None
    for _ in range(wanted):
        after = _PLAIN_ITEM.match(text, pos) or _AFTER.match(text, _skip(text, pos))
        if not after.group(1):
            return None
        pos = after.end()
    return pos, pos


def _skip(text: str, pos: int) -> int:
    """The index just after the object or array that starts at ``pos`` (the plain values are
    skipped by the regexes that read the member or item)."""
    try:
        return _SCAN(text, pos)[1]  # the json module's C scanner
    except RecursionError:  # nested deeper than it recurses: brackets, counted by the regex engine
        pass
    depth = 0
    for match in _STRUCTURE.finditer(text, pos):
        token = match.group()
        if token in ("{", "["):
            depth += 1
        elif token in ("}", "]"):
            depth -= 1
            if not depth:
                return match.end()
    return len(text)
