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
from json.decoder import scanstring

from ..findings import Path
from .positions import _Cursor, parse

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
# Strings (skipped whole, brackets inside them included) and brackets, for skipping a container.
_STRUCTURE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_SCALAR = re.compile(r"[^,\]}\s]*")


class PathPositions(Mapping[Path, tuple[int, int]]):
    """The positions of the paths of a JSON ``text`` whose first character is at (line, column)."""

    def __init__(self, text: str, line: int = 1, column: int = 1) -> None:
        self.text = text
        self.line = line
        self.column = column
        self._whole: dict[Path, tuple[int, int]] | None = None

    def __getitem__(self, path: Path) -> tuple[int, int]:
        index = self._find(tuple(path))
        if index is None:
            raise KeyError(path)
        return _Cursor(self.text, 0, self.line, self.column).at(index)

    def _find(self, path: Path) -> int | None:
        """The index of ``path``'s place in the text, or None when the text has no such path."""
        text = self.text
        pos = _WS.match(text, 0).end()
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
        return place

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


def _member(text: str, pos: int, wanted: str) -> tuple[int, int] | None:
    """``(index of the key, index of the value)`` of member ``wanted`` of the object at ``pos``."""
    pos = _WS.match(text, pos + 1).end()
    while text.startswith('"', pos):
        key, end = scanstring(text, pos + 1, True)
        value = _WS.match(text, _WS.match(text, end).end() + 1).end()  # past ':'
        if key == wanted:
            return pos, value
        pos = _WS.match(text, _skip(text, value)).end()
        if not text.startswith(",", pos):
            return None
        pos = _WS.match(text, pos + 1).end()
    return None


def _item(text: str, pos: int, wanted: int) -> tuple[int, int] | None:
    """``(index of the item, index of the item)`` of item ``wanted`` of the array at ``pos``."""
    pos = _WS.match(text, pos + 1).end()
    if text.startswith("]", pos):
        return None
    for _ in range(wanted):
        pos = _WS.match(text, _skip(text, pos)).end()
        if not text.startswith(",", pos):
            return None
        pos = _WS.match(text, pos + 1).end()
    return pos, pos


def _skip(text: str, pos: int) -> int:
    """The index just after the value that starts at ``pos``."""
    char = text[pos:pos + 1]
    if char == '"':
        return _STRING.match(text, pos).end()
    if char not in ("{", "["):
        return _SCALAR.match(text, pos).end()
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
