"""Where a dump may be cut so its pieces can be linted apart: the units of work of a run.

A unit is a whole file (a path), the bytes of a whole input, an input read once (a
:class:`~terapi_lint.loaders.Stream`: stdin), or a range of one file or stream:

* **NDJSON** is cut at line ends: a range of a file is given as offsets (a worker reads it), a
  piece of a stream as its bytes (the stream cannot be read twice).
* **A JSON dump** (an array of records, or ``{"connections": [...]}``) is cut between two records.
  The records' layout is learned from the first two (one per line, pretty-printed, or all on one
  line) and a cut goes where the same separator appears: a newline, the first record's indentation
  and ``}``, the separator, ``{``; on one line, the first key of the records as well.  A range is
  linted as a small dump of its own, wrapped in the dump's head and tail, and its findings are
  moved to the file's lines, columns and indexes.  Whether a cut really fell between two records
  is proved when the ranges parse: a range that starts inside a record cannot parse, nor can the
  range before it, so a range that does not parse has the file linted whole instead.

Compressed files are never cut: one worker reads each, streaming.
"""

from __future__ import annotations

import mmap
import re
from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterator

from terapi_lint import loaders
from terapi_lint.loaders.encoding import detect
from terapi_lint.loaders.scanner import value_end
from terapi_lint.loaders.streams import MAGIC_SIZE, Stream, compression_of, prefixed, split_name

#: Bytes of a stream given to one worker at a time: what the run holds of stdin is about
#: (2 in flight per worker + their copies) x this, so it stays small.
PIECE_BYTES = 512 << 10


@dataclass(frozen=True)
class Unit:
    """One piece of work: a file (path), an input (bytes or a stream), or bytes ``start:end`` of
    a file (``source`` a path) or of a stream (``source`` a :class:`~terapi_lint.loaders.Range`).

    ``kind`` is ``"ndjson"`` or ``"json"`` for a range; ``wrap`` is the (head, tail) a JSON range
    is wrapped in (empty for the first or last range, which hold the file's own).  ``size`` is
    what the progress line counts.
    """

    name: str
    source: str | bytes | Stream | loaders.Range
    start: int = 0
    end: int | None = None
    size: int = 0
    kind: str | None = None
    wrap: tuple[bytes, bytes] = (b"", b"")

    @property
    def chunked(self) -> bool:
        return self.end is not None

    @property
    def here(self) -> bool:
        """Whether the unit holds an open stream, which only this process can read."""
        return isinstance(self.source, Stream) or (
            isinstance(self.source, loaders.Range) and not isinstance(self.source.data, bytes))


def compressed(path: str, name: str) -> bool:
    """Whether a file is compressed, by its name or by its first bytes."""
    if split_name(name)[1] is not None:
        return True
    try:
        with open(path, "rb") as handle:
            return compression_of(handle.read(MAGIC_SIZE)) is not None
    except OSError:
        return False


# -- files --------------------------------------------------------------------------------------

def sizes(chunk: int, first: int | None = None) -> Iterator[int]:
    """The sizes of a file's ranges: ``first``, twice that, and so on up to ``chunk`` (all
    ``chunk`` without ``first``).  A small first range's findings come back soon: a report
    written as the run goes shows the first of a large dump's findings within a second."""
    size = min(first or chunk, chunk)
    while True:
        yield size
        size = min(2 * size, chunk)


def ndjson_ranges(unit: Unit, size: int, chunk: int, opener: Callable[..., BinaryIO] = open,
                  first: int | None = None) -> list[Unit]:
    """Cut an NDJSON file into ranges that end just after a newline (``opener(source, "rb")``
    opens it: a URL's file system opens a URL); ranges grow from ``first`` to ``chunk`` bytes."""
    bounds = [0]
    steps = sizes(chunk, first)
    with opener(unit.source, "rb") as handle:
        if detect(handle.read(4))[0] != "utf-8":
            return [unit]  # UTF-16/32 is decoded whole
        position = next(steps)
        while position < size:
            handle.seek(position)
            position += _line_rest(handle)
            if position >= size:
                break
            bounds.append(position)
            position += next(steps)
    bounds.append(size)
    return [Unit(unit.name, unit.source, a, b, b - a, "ndjson") for a, b in zip(bounds, bounds[1:])]


def _line_rest(handle: BinaryIO) -> int:
    """Bytes to the end of the current line (its newline included), read in bounded pieces."""
    length = 0
    while True:
        piece = handle.readline(1 << 20)
        length += len(piece)
        if not piece or piece.endswith(b"\n"):
            return length


_ARRAY_HEAD = re.compile(rb"[ \t\r\n]*\[[ \t\r\n]*")
_WRAPPER_HEAD = re.compile(rb'[ \t\r\n]*\{[ \t\r\n]*"connections"[ \t\r\n]*:[ \t\r\n]*\[[ \t\r\n]*')
_ARRAY_TAIL = re.compile(rb"\][ \t\r\n]*\Z")
_WRAPPER_TAIL = re.compile(rb"\][ \t\r\n]*\}[ \t\r\n]*\Z")
_BETWEEN = re.compile(rb"[ \t\r\n]*,[ \t\r\n]*")
_FIRST_KEY = re.compile(rb'\{[ \t\r\n]*"[^"\\]{1,64}"[ \t\r\n]*:')


def _layout(data: bytes | mmap.mmap) -> tuple[bytes, bytes, bytes, int] | None:
    """``(head, tail, separator, back)`` of a JSON dump's records, or None if it is not one.

    ``separator`` is what the dump writes between the first two records, from the start of the
    line that closes the first (when that line holds only its indentation and ``}``) to the
    second's ``{`` (and its first key, on one line); a cut goes ``back`` bytes before the end of a
    match, at the start of the next record's line or at its ``{``.
    """
    head = data[:4096]
    match = _WRAPPER_HEAD.match(head)
    if match:
        wrap_head, wrap_tail, tail_re = b'{"connections": [\n', b"\n]}", _WRAPPER_TAIL
    else:
        match = _ARRAY_HEAD.match(head)
        if not match:
            return None
        wrap_head, wrap_tail, tail_re = b"[\n", b"\n]", _ARRAY_TAIL
    if not tail_re.search(data[max(0, len(data) - 256):]):
        return None
    first = match.end()
    if data[first : first + 1] != b"{":
        return None
    end = value_end(data, first)
    between = _BETWEEN.match(data, end) if end is not None else None
    if between is None or data[between.end() : between.end() + 1] != b"{":
        return None
    second = between.end()
    line_start = data.rfind(b"\n", first, end) + 1
    closing = data[line_start : end - 1]  # a pretty-printed record's last line: its indentation
    if line_start and not closing.strip(b" \t"):
        separator = b"\n" + closing + data[end - 1 : second + 1]
    else:
        separator = data[end - 1 : second + 1]
    opening = data[second : second + 1]
    if b"\n" not in separator:  # all on one line: records also start with the same key
        key_a, key_b = _FIRST_KEY.match(data, first), _FIRST_KEY.match(data, second)
        if key_a and key_b and key_a.group()[1:].lstrip() == key_b.group()[1:].lstrip():
            opening = key_b.group()
    pattern = separator + opening[1:]
    newline = separator.rfind(b"\n")
    back = len(pattern) - (newline + 1 if newline >= 0 else len(separator) - 1)
    return wrap_head, wrap_tail, pattern, back


def json_ranges(unit: Unit, size: int, chunk: int, first: int | None = None) -> list[Unit]:
    """Cut a JSON dump between records (see the module docstring); [unit] if it is not one.
    Ranges grow from ``first`` to ``chunk`` bytes."""
    with open(unit.source, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if compression_of(data[:MAGIC_SIZE]) is not None:
            return [unit]
        layout = _layout(data)
        if layout is None:
            return [unit]
        wrap_head, wrap_tail, pattern, back = layout
        bounds = [0]
        steps = sizes(chunk, first)
        position = next(steps)
        while position < size:
            found = data.find(pattern, position)
            if found < 0:
                break
            cut = found + len(pattern) - back
            bounds.append(cut)
            position = cut + next(steps)
    if len(bounds) < 2:
        return [unit]
    bounds.append(size)
    last = len(bounds) - 2
    return [
        Unit(unit.name, unit.source, a, b, b - a, "json",
             (b"" if i == 0 else wrap_head, b"" if i == last else wrap_tail))
        for i, (a, b) in enumerate(zip(bounds, bounds[1:]))
    ]


# -- streams ------------------------------------------------------------------------------------

def stream_pieces(name: str, stream: Stream) -> Iterator[Unit]:
    """NDJSON read from ``stream`` as pieces of about PIECE_BYTES that end at a line end, read as
    they are asked for.  A line longer than a piece ends the cutting: the rest is one last unit,
    read here.  The last unit also says why the data ended, if it ended early."""
    offset, carry = 0, b""
    reader = stream.reader
    while True:
        block = reader.read(PIECE_BYTES)
        data = carry + block
        if not block:
            if data or offset == 0 or stream.failure() is not None:  # an empty input is still one
                yield Unit(name, loaders.Range(data, offset, stream.failure()), offset, offset + len(data), len(data),
                           "ndjson")
            return
        cut = data.rfind(b"\n") + 1
        if not cut:
            break
        piece, carry = data[:cut], data[cut:]
        yield Unit(name, loaders.Range(piece, offset), offset, offset + cut, cut, "ndjson")
        offset += cut
    rest = loaders.Range(prefixed(data, reader), offset, stream.failure)
    yield Unit(name, rest, offset, offset, len(data), "ndjson")
