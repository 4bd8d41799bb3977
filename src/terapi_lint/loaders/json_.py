"""One JSON value from a span of UTF-8 bytes: orjson fast path, exact parser when unsure.

The fast path parses with orjson (``json`` when orjson is missing) and accepts the result only when
cheap exact checks prove the exact parser (:mod:`.positions`) would give the same value:

* **no duplicate keys**: every key in the raw text is ``"…"`` followed by optional whitespace and
  ``:``; a string can contain that pattern only as ``\\"`` plus spaces plus ``:``, which
  re-serialising reproduces byte for byte.  So the raw text and the re-serialised value have the
  same number of ``"\\s*:`` matches unless a parser dropped a duplicate key.  The proof fails if a
  quote, colon or space was written as a ``\\u`` escape (re-serialising turns it into a plain
  character), so such text takes the exact path;
* **no run of 20 or more digits**: orjson turns integers beyond 64 bits into floats;
* **nesting within** :data:`~.positions.MAX_DEPTH`, checked only when the text holds more brackets.

Whatever the fast parser rejects (NaN, lone surrogates, bad UTF-8, syntax errors) is re-parsed
exactly, which gives the real verdict and the place.  Positions are computed only on demand, and
for a value the fast path accepted, only those of the paths asked for (:mod:`.locator`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from ..findings import Path
from .encoding import ByteCursor, utf8_error
from .locator import PathPositions
from .positions import MAX_DEPTH, JSONSyntaxError, describe, parse

try:
    import orjson

    _loads: Callable[[bytes], Any] = orjson.loads
    _dumps: Callable[[Any], bytes] = orjson.dumps
except ImportError:  # pragma: no cover - orjson is optional
    import json

    def _reject_constant(name: str) -> Any:
        raise ValueError("NaN and Infinity are not JSON")

    def _loads(raw: bytes) -> Any:
        return json.loads(raw, parse_constant=_reject_constant)

    def _dumps(value: Any) -> bytes:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return text.encode("utf-8", "surrogatepass")


_KEY_END = re.compile(rb'"\s*:')
_SPACED_KEY_END = re.compile(rb'"[ \t\r\n]+:')
_ESCAPED = re.compile(rb"\\u00(?:22|3[aA]|20)")
_DIGITS = bytes.maketrans(b"123456789", b"000000000")
_LONG_INTEGER = b"0" * 20
MISS = object()  # what fast_loads returns when only the exact parser can tell


@dataclass(slots=True)
class Loaded:
    """A parsed value, the duplicate keys found in it and a lazy position map (paths relative)."""

    value: Any
    duplicates: list[tuple[Path, int, int]]
    positions: Callable[[], Mapping[Path, tuple[int, int]]]


def _depth(value: Any) -> int:
    """Deepest nesting of lists and dicts in ``value`` (a scalar is 0), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = item.values()
        elif not isinstance(item, list):
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in item)
    return deepest


def fast_loads(raw: bytes) -> Any:
    """The value of ``raw`` when the fast path is provably exact, else the ``MISS`` sentinel."""
    try:
        value = _loads(raw)
    except (ValueError, RecursionError):
        return MISS
    if b"\\u00" in raw and _ESCAPED.search(raw):
        return MISS
    if _LONG_INTEGER in raw.translate(_DIGITS):
        return MISS
    # A text no longer than MAX_DEPTH cannot hold more brackets than that: no count needed.
    if len(raw) > MAX_DEPTH and raw.count(b"[") + raw.count(b"{") > MAX_DEPTH and _depth(value) > MAX_DEPTH:
        return MISS
    try:
        if _SPACED_KEY_END.search(raw):
            keys = len(_KEY_END.findall(raw))
            if keys and keys != len(_KEY_END.findall(_dumps(value))):
                return MISS
        else:
            # No whitespace before any colon, so neither text has it: plain counts are exact.
            keys = raw.count(b'":')
            if keys and keys != _dumps(value).count(b'":'):
                return MISS
    except (TypeError, ValueError, RecursionError):  # orjson serialises at most 255 levels
        return MISS
    return value


def parses(raw: bytes) -> bool:
    """Whether ``raw`` is one JSON value the fast path accepts (used to sniff formats)."""
    return fast_loads(raw) is not MISS


class JSONBytes:
    """UTF-8 JSON text held as bytes, ``origin`` the offset of its first character (after a BOM),
    which is at ``line`` and ``column`` of the file, ``file_offset`` bytes into it (an NDJSON line
    is parsed on its own; a window of a stream starts anywhere)."""

    def __init__(self, data: bytes, origin: int, line: int = 1, file_offset: int = 0, column: int = 1) -> None:
        self.data = data
        self.origin = origin
        self.line = line
        self.column = column
        self.file_offset = file_offset
        self.cursor = ByteCursor(data, origin, line, column)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of byte ``offset``."""
        return self.cursor.at(offset)

    def describe(self, offset: int) -> str:
        """The kind of token at byte ``offset``, never its text."""
        return describe(self.data[offset : offset + 12].decode("utf-8", "replace"), 0)

    def decode(self, start: int, end: int | None = None) -> str:
        """Text of ``data[start:end]``; raises EncodingError at the first invalid byte."""
        try:
            return self.data[start:end].decode("utf-8")
        except UnicodeDecodeError as exc:
            error = utf8_error(self.data, self.origin, exc, shift=start, file_offset=self.file_offset)
            if error.line == 1:
                error.column += self.column - 1
            error.line += self.line - 1
            raise error from None

    def fast(self, start: int, end: int) -> Loaded | None:
        """``data[start:end]`` parsed by the fast path, or None when only the exact parser can tell."""
        raw = self.data[start:end]
        value = fast_loads(raw)
        if value is MISS:
            return None
        line, column = self.position(start)
        return Loaded(value, [], lambda: PathPositions(raw.decode("utf-8"), line, column))

    def load(self, start: int, end: int, follow: str | None = None) -> Loaded:
        """Parse ``data[start:end]`` as one value (whitespace around it allowed).

        ``follow`` names what the enclosing document expects after the value (``"',' or ']'"``)
        for the message when more text follows it; ``None`` means the end of the input.  Raises
        JSONSyntaxError or EncodingError.
        """
        fast = self.fast(start, end)
        if fast is not None:
            return fast
        line, column = self.position(start)
        text = self.decode(start, end)
        parsed = parse(text, line=line, column=column, whole=follow is None)
        if parsed.end < len(text):
            where = _offset_position(text, parsed.end, line, column)
            raise JSONSyntaxError(f"expected {follow}, found {describe(text, parsed.end)}", *where)
        positions = parsed.positions
        return Loaded(parsed.value, parsed.duplicates, lambda: positions)


def _offset_position(text: str, index: int, line: int, column: int) -> tuple[int, int]:
    """(line, column) of ``text[index]`` when ``text[0]`` is at (line, column)."""
    newlines = text.count("\n", 0, index)
    if not newlines:
        return line, column + index
    return line + newlines, index - text.rfind("\n", 0, index)
