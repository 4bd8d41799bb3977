"""The exact, position-keeping JSON parser (RFC 8259), iterative so no input can exhaust the stack.

It is the authority on what is valid JSON: the fast path (orjson) only ever accepts documents this
parser accepts, and whenever the fast path fails or is unsure, this parser gives the verdict, the
value and the exact place.  It records the 1-based (line, column) of every object member (its key)
and array item (its start), column counted in characters; only ``\\n`` ends a line, so CRLF files
count as expected.

Limits, chosen so no input costs unbounded time, memory or stack downstream:

* nesting deeper than :data:`MAX_DEPTH` (1,000) levels is a syntax error;
* an integer with more digits than Python converts (``sys.get_int_max_str_digits()``, 4,300 by
  default) is a syntax error ("integer with N digits is too large"); a float literal too large for
  a double becomes ``inf``, as with Python's ``json``.

Error messages describe the offending token by kind ("string", "number", "bare word") and never
quote the input, which may hold a secret.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from json.decoder import scanstring
from typing import Any

from ..findings import Path

#: Deepest nesting of arrays and objects accepted (the document root is level 1).
MAX_DEPTH = 1000

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_ESCAPE = re.compile(r'\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})')
_STRING_PLAIN = re.compile(r'[^"\\\x00-\x1f]*')
_LITERALS = {"t": ("true", True), "f": ("false", False), "n": ("null", None)}
_NON_FINITE = ("NaN", "Infinity", "-Infinity", "+Infinity")


class JSONSyntaxError(Exception):
    """Invalid JSON at a 1-based (line, column); the message never quotes the input."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(slots=True)
class Parsed:
    """A parsed JSON value with its positions and duplicate keys, paths relative to the value.

    ``duplicates`` lists ``(path, line, column)`` of every repeated key (its second and later
    occurrences); as in ``json``, the last occurrence gives the value.  ``end`` is the index just
    after the value in the parsed text.
    """

    value: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    duplicates: list[tuple[Path, int, int]] = field(default_factory=list)
    end: int = 0


class _Cursor:
    """Turns increasing string indexes into (line, column), counting newlines incrementally."""

    __slots__ = ("text", "offset", "line", "line_start", "first_column")

    def __init__(self, text: str, start: int, line: int, column: int) -> None:
        self.text = text
        self.offset = start
        self.line = line
        # The line holding ``start`` begins ``column - 1`` characters before it.
        self.line_start = start
        self.first_column = column

    def at(self, index: int) -> tuple[int, int]:
        if index < self.offset:  # only for error reporting at an earlier token
            return self._fresh(index)
        newlines = self.text.count("\n", self.offset, index)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", self.offset, index) + 1
            self.first_column = 1
        self.offset = index
        return self.line, self.first_column + index - self.line_start

    def _fresh(self, index: int) -> tuple[int, int]:
        probe = _Cursor(self.text, 0, 1, 1)
        return probe.at(index)


def describe(text: str, index: int) -> str:
    """Name the kind of token at ``index`` without quoting it."""
    if index >= len(text):
        return "end of input"
    char = text[index]
    if char == '"':
        return "string"
    if text.startswith(_NON_FINITE, index):
        return "NaN or Infinity (not valid in JSON)"
    if char in "-0123456789":
        return "number"
    if char in "{}[],:":
        return f"'{char}'"
    if char == "'":
        return "single-quoted string (JSON needs double quotes)"
    if char == "/" or char == "#":
        return "comment (JSON has no comments)"
    if char.isalpha() or char == "_":
        return "bare word (JSON literals are lowercase true, false and null)"
    if ord(char) < 0x20 or ord(char) == 0x7F:
        return f"control character U+{ord(char):04X}"
    if char.isascii():
        return f"character '{char}'"
    return f"character U+{ord(char):04X}"


def parse(text: str, start: int = 0, *, line: int = 1, column: int = 1, whole: bool = True) -> Parsed:
    """Parse one JSON value from ``text[start:]``; ``(line, column)`` is the position of ``start``.

    With ``whole`` the value must be followed only by whitespace; otherwise parsing stops after the
    value and ``Parsed.end`` tells where.  Raises :class:`JSONSyntaxError`.
    """
    cursor = _Cursor(text, start, line, column)
    result = Parsed(None)
    positions = result.positions
    pos = _WS.match(text, start).end()
    positions[()] = cursor.at(pos)
    value, pos = _parse_value(text, pos, cursor, result)
    pos = _WS.match(text, pos).end()
    if whole and pos < len(text):
        raise JSONSyntaxError(
            f"unexpected {describe(text, pos)} after the end of the JSON value", *cursor.at(pos)
        )
    result.value = value
    result.end = pos
    return result


def _fail(text: str, pos: int, cursor: _Cursor, expected: str) -> JSONSyntaxError:
    if pos >= len(text):
        return JSONSyntaxError(f"unexpected end of input: expected {expected}", *cursor.at(pos))
    return JSONSyntaxError(f"expected {expected}, found {describe(text, pos)}", *cursor.at(pos))


def _string(text: str, pos: int, cursor: _Cursor) -> tuple[str, int]:
    """Decode the string whose opening quote is at ``pos``; returns (value, index after it).

    Runs of plain characters are skipped by the regex engine; Python only sees escapes.
    """
    index = pos + 1
    escaped = False
    while True:
        index = _STRING_PLAIN.match(text, index).end()
        if index >= len(text):
            raise JSONSyntaxError("unterminated string", *cursor.at(pos))
        char = text[index]
        if char == '"':
            if not escaped:
                return text[pos + 1 : index], index + 1
            return scanstring(text, pos + 1, True)
        if char == "\\":
            escape = _ESCAPE.match(text, index)
            if escape is None:
                raise JSONSyntaxError("invalid escape sequence in string", *cursor.at(index))
            index = escape.end()
            escaped = True
            continue
        raise JSONSyntaxError(f"unescaped control character U+{ord(char):04X} in string", *cursor.at(index))


def _scalar(text: str, pos: int, cursor: _Cursor) -> tuple[Any, int]:
    """Parse a number or literal at ``pos``; strings and containers are handled by the caller."""
    char = text[pos] if pos < len(text) else ""
    if char and char in "-0123456789" and not text.startswith("-Infinity", pos):
        match = _NUMBER.match(text, pos)
        if match is None:
            raise JSONSyntaxError("invalid number", *cursor.at(pos))
        token = match.group()
        if match.group(1) is None and match.group(2) is None:
            try:
                return int(token), match.end()
            except ValueError:
                digits = len(token.lstrip("-"))
                raise JSONSyntaxError(
                    f"integer with {digits} digits is too large", *cursor.at(pos)
                ) from None
        return float(token), match.end()
    literal = _LITERALS.get(char)
    if literal is not None and text.startswith(literal[0], pos):
        return literal[1], pos + len(literal[0])
    raise _fail(text, pos, cursor, "a value")


def _parse_value(text: str, pos: int, cursor: _Cursor, result: Parsed) -> tuple[Any, int]:
    """Parse the value at ``pos`` (whitespace already skipped) with an explicit stack."""
    positions = result.positions
    # Each frame: [container, path, pending key or None]; the top frame receives values.
    stack: list[list[Any]] = []
    path: Path = ()
    while True:
        # --- read one value at pos, which is the start of a value ---
        char = text[pos] if pos < len(text) else ""
        if char == "{" or char == "[":
            if len(stack) >= MAX_DEPTH:
                raise JSONSyntaxError(f"nesting deeper than {MAX_DEPTH} levels", *cursor.at(pos))
            container: Any = {} if char == "{" else []
            stack.append([container, path, None])
            pos = _WS.match(text, pos + 1).end()
            closer = "}" if char == "{" else "]"
            if text.startswith(closer, pos):
                value, pos = stack.pop()[0], pos + 1
            elif char == "{":
                pos = _key(text, pos, cursor, stack[-1], result)
                path = path + (stack[-1][2],)
                continue
            else:
                path = path + (0,)
                positions[path] = cursor.at(pos)
                continue
        elif char == '"':
            value, pos = _string(text, pos, cursor)
        else:
            value, pos = _scalar(text, pos, cursor)
        # --- hand the value to the enclosing containers, closing them as they end ---
        while True:
            if not stack:
                return value, pos
            frame = stack[-1]
            container, container_path, key = frame
            if key is None:
                container.append(value)
            else:
                container[key] = value
            pos = _WS.match(text, pos).end()
            closer = "]" if key is None else "}"
            if text.startswith(",", pos):
                pos = _WS.match(text, pos + 1).end()
                if text.startswith(closer, pos):
                    raise JSONSyntaxError(f"trailing comma before '{closer}'", *cursor.at(pos))
                if key is None:
                    path = container_path + (len(container),)
                    positions[path] = cursor.at(pos)
                else:
                    pos = _key(text, pos, cursor, frame, result)
                    path = container_path + (frame[2],)
                break
            if text.startswith(closer, pos):
                value, pos = stack.pop()[0], pos + 1
                path = container_path
                continue
            raise _fail(text, pos, cursor, f"',' or '{closer}'")


def _key(text: str, pos: int, cursor: _Cursor, frame: list[Any], result: Parsed) -> int:
    """Read ``"key" :`` at ``pos`` into ``frame``; returns the index of the member's value."""
    if not text.startswith('"', pos):
        raise _fail(text, pos, cursor, "a string key")
    where = cursor.at(pos)
    key, pos = _string(text, pos, cursor)
    path = frame[1] + (key,)
    if key in frame[0]:
        result.duplicates.append((path, *where))
    result.positions[path] = where
    frame[2] = key
    pos = _WS.match(text, pos).end()
    if not text.startswith(":", pos):
        raise _fail(text, pos, cursor, "':' after the object key")
    return _WS.match(text, pos + 1).end()
