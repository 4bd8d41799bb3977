"""Where each element of a TOML array is written: the line and column an entry starts at.

``tomllib`` gives values without positions, so a finding about a config entry (a stale allowlist
entry) needs this small scanner.  It reads the file as TOML does, strings, comments, multi-line
values and all, so a ``[[...]]`` inside a string or a comment is never taken for a header.  It
runs only on files ``tomllib`` has already accepted, and gives up quietly on anything else.
"""

from __future__ import annotations

import bisect
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

Key = tuple[str | int, ...]
_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SPACE = " \t"


def array_positions(text: str) -> dict[Key, tuple[int, int]]:
    """``{(*keys, index): (line, column)}`` for every element of every array of the document.

    Elements of arrays of tables (``[[tool.terapi-lint.allowlist]]``) start at their header;
    elements of inline arrays (``allowlist = [{...}, {...}]``) at their first character.  Lines
    and columns are 1-based.
    """
    scanner = _Scanner(text)
    try:
        scanner.document()
    except (IndexError, ValueError, tomllib.TOMLDecodeError):
        pass  # not TOML after all: keep what was found
    return scanner.found


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.found: dict[Key, tuple[int, int]] = {}
        self._lines = [0] + [n + 1 for n, c in enumerate(text) if c == "\n"]
        self._tables: dict[Key, int] = {}  # array-of-tables path -> entries so far

    def position(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._lines, index)
        return line, index - self._lines[line - 1] + 1

    # -- statements ----------------------------------------------------------------------------

    def document(self) -> None:
        table: Key = ()
        while self._blank():
            start = self.i
            if self.text.startswith("[[", self.i):
                self.i += 2
                key = self._key()
                parent = self._resolve(key[:-1]) + key[-1:]
                index = self._tables.get(parent, 0)
                self._tables[parent] = index + 1
                self.found[(*parent, index)] = self.position(start)
                table = (*parent, index)
                self._expect("]]")
            elif self.text[self.i] == "[":
                self.i += 1
                table = self._resolve(self._key())
                self._expect("]")
            else:
                key = (*table, *self._key())
                self._expect("=")
                self._value(key)

    def _resolve(self, key: Key) -> Key:
        """A header's path, with the current index after each array of tables it runs through."""
        out: Key = ()
        for part in key:
            out = (*out, part)
            if out in self._tables:
                out = (*out, self._tables[out] - 1)
        return out

    # -- lexing --------------------------------------------------------------------------------

    def _blank(self) -> bool:
        """Skip whitespace, newlines and comments; False at the end of the text."""
        text = self.text
        while self.i < len(text):
            char = text[self.i]
            if char in " \t\r\n":
                self.i += 1
            elif char == "#":
                end = text.find("\n", self.i)
                self.i = len(text) if end < 0 else end
            else:
                return True
        return False

    def _inline_space(self) -> None:
        while self.text[self.i] in _SPACE:
            self.i += 1

    def _expect(self, token: str) -> None:
        self._inline_space()
        if not self.text.startswith(token, self.i):
            raise ValueError(token)
        self.i += len(token)

    def _key(self) -> Key:
        """A dotted key: bare, ``"basic"`` or ``'literal'`` parts."""
        parts: list[str | int] = []
        while True:
            self._inline_space()
            start = self.i
            if self.text[self.i] in "\"'":
                self._string()
                parts.append(tomllib.loads("k = " + self.text[start:self.i])["k"])
            else:
                while self.text[self.i] in _BARE:
                    self.i += 1
                if self.i == start:
                    raise ValueError("key")
                parts.append(self.text[start:self.i])
            self._inline_space()
            if self.text[self.i] != ".":
                return tuple(parts)
            self.i += 1

    def _string(self) -> None:
        text, quote = self.text, self.text[self.i]
        if text.startswith(quote * 3, self.i):
            self.i += 3
            while not text.startswith(quote * 3, self.i):
                self.i += 2 if quote == '"' and text[self.i] == "\\" else 1
            run = 3
            while run < 5 and text.startswith(quote, self.i + run):  # up to two quotes close it too
                run += 1
            self.i += run
            return
        self.i += 1
        while text[self.i] != quote:
            self.i += 2 if quote == '"' and text[self.i] == "\\" else 1
        self.i += 1

    def _value(self, key: Key) -> None:
        self._inline_space()
        char = self.text[self.i]
        if char in "\"'":
            self._string()
        elif char == "[":
            self._array(key)
        elif char == "{":
            self._inline_table(key)
        else:
            while self.text[self.i] not in ",]}#\r\n":
                self.i += 1

    def _array(self, key: Key) -> None:
        self.i += 1
        index = 0
        while self._blank():
            if self.text[self.i] == "]":
                self.i += 1
                return
            self.found[(*key, index)] = self.position(self.i)
            self._value((*key, index))
            index += 1
            self._blank()
            if self.text[self.i] == ",":
                self.i += 1

    def _inline_table(self, key: Key) -> None:
        self.i += 1
        while True:
            self._inline_space()
            if self.text[self.i] == "}":
                self.i += 1
                return
            member = (*key, *self._key())
            self._expect("=")
            self._value(member)
            self._inline_space()
            if self.text[self.i] == ",":
                self.i += 1
