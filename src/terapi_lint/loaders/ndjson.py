"""NDJSON / JSON Lines: one record per non-blank line, read incrementally.

Lines are read one at a time from the stream, so memory is bounded by the longest line, and a line
longer than :data:`~.streams.LIMIT` is reported and skipped without being held.  A record's
``index`` is the 0-based *physical* line number (blank lines count but yield nothing), its ``line``
the 1-based one.  A bad line is a parse-error on that line (``record`` set), its text is kept for
the secret scan, and reading goes on.  A UTF-8 byte-order mark on the first line is skipped; a
UTF-16/32 file is decoded whole first (see :mod:`.encoding`); a NUL byte means a binary file and
ends the reading, as does compressed data that ends early or is corrupt.

A range of a larger file (cut at line ends for workers) is read with its ``offset`` in the file, so
its byte offsets are the file's; its lines and record numbers are moved by the caller.
"""

from __future__ import annotations

import io
from typing import BinaryIO, Callable, Iterator

from ..findings import Problem
from .base import Record, RelativePositions, Unparsed
from .encoding import EncodingError, detect, locate, normalize
from .json_ import MISS, JSONBytes, fast_loads
from .locator import PathPositions
from .positions import JSONSyntaxError
from . import missing_records
from .records import DUPLICATE_KEY, discover_value
from .streams import DOCUMENT_LIMIT, LIMIT, StreamError

_BLANK = b" \t\r\n"
_PIECE = 1 << 20  # a line longer than this is read in pieces of this size


def ndjson_lines(source: bytes | BinaryIO) -> BinaryIO:
    """A reader of ``source``'s lines; UTF-16/32 input is decoded to UTF-8 first (whole, at most
    DOCUMENT_LIMIT bytes).  Raises EncodingError for undecodable or oversized UTF-16/32."""
    head = source[:4] if isinstance(source, bytes) else source.peek(4)[:4]
    if detect(head)[0] != "utf-8":
        data = source if isinstance(source, bytes) else source.read(DOCUMENT_LIMIT + 1)
        if len(data) > DOCUMENT_LIMIT:
            raise EncodingError(f"UTF-16/32 input larger than {DOCUMENT_LIMIT >> 20} MB: convert it to UTF-8", 1, 1)
        data, origin = normalize(data)
        return io.BytesIO(data[origin:])
    return io.BytesIO(source) if isinstance(source, bytes) else source


def _long_line(first: bytes, reader: BinaryIO) -> tuple[bytes | None, int, int]:
    """The whole of a line longer than _PIECE, read in pieces: ``(line, length, nul)``.

    ``line`` is None past LIMIT bytes (the line is read to its end but not kept).  ``nul`` is the
    offset of a NUL byte, where reading stops at once (a binary file has no lines), or -1.
    """
    kept: list[bytes] | None = [first]
    length, piece = len(first), first
    while not piece.endswith(b"\n"):
        piece = reader.readline(_PIECE)
        if not piece:
            break
        nul = piece.find(b"\x00")
        if nul >= 0:
            return (b"".join(kept) + piece if kept is not None else None), length + nul, length + nul
        length += len(piece)
        if kept is not None and length > LIMIT:
            kept = None
        elif kept is not None:
            kept.append(piece)
    return (b"".join(kept) if kept is not None else None), length, -1


def load_ndjson(
    source: bytes | BinaryIO,
    records_pointer: tuple[str, ...] | None = None,
    *,
    spans: list[Unparsed] | None = None,
    offset: int = 0,
    failure: StreamError | Callable[[], StreamError | None] | None = None,
) -> Iterator[Record | Problem]:
    """Records and problems of NDJSON bytes or a binary reader, line by line.

    With ``records_pointer``, the records of a line are found at that pointer inside it (each
    line an API response, say), as in a YAML document; ``index`` stays the line.  The text of bad
    lines is appended to ``spans``.  ``offset`` is where a range starts in its file (for the byte
    offsets in messages; a byte-order mark is skipped only at offset 0).  ``failure`` says (or
    tells, at the end of the data) why the data ended early, if it did (compressed data cut short).
    """
    spans = [] if spans is None else spans
    try:
        reader = ndjson_lines(source)
    except EncodingError as exc:
        yield Problem("parse-error", exc.message, (), exc.line, exc.column)
        return
    except StreamError as exc:
        yield Problem("parse-error", exc.message, (), 1, 1)
        return
    file_offset, number = offset, -1
    readline = reader.readline
    while True:
        number += 1
        try:
            raw = readline(_PIECE)
            length = len(raw)
            nul = raw.find(b"\x00")
            if length == _PIECE and nul < 0 and not raw.endswith(b"\n"):
                raw, length, nul = _long_line(raw, reader)
        except StreamError as exc:
            yield Problem("parse-error", exc.message, (), number + 1, 1, number)
            return
        if not length:
            reason = failure() if callable(failure) else failure
            if reason is not None:
                yield Problem("parse-error", reason.message, (), number + 1, 1, number)
            return
        line_offset, file_offset = file_offset, file_offset + length
        if raw is None:
            message = "binary file (a NUL byte); reading stops here" if nul >= 0 else \
                f"line longer than {LIMIT >> 20} MB: skipped"
            yield Problem("parse-error", message, (), number + 1, 1, number)
            if nul >= 0:
                return
            continue
        origin = 3 if line_offset == 0 and raw.startswith(b"\xef\xbb\xbf") else 0
        if nul >= 0:
            column = locate(raw, origin, nul)[1]
            yield Problem("parse-error", "binary file (a NUL byte); reading stops here", (), number + 1, column, number)
            return
        if not origin and records_pointer is None and raw[:1] == b"{":
            # The common line: an object from its first byte.  orjson reads the line end as
            # whitespace, and the fast path's verdict is the one JSONBytes.load would give.
            value = fast_loads(raw)
            if value is not MISS:
                yield Record(value, index=number, line=number + 1, column=1, positions=_positions(raw, number + 1),
                             kind="ndjson", many=True)
                continue
        end = len(raw.rstrip(b"\r\n"))
        if not raw[origin:end].strip(_BLANK):
            continue
        text = JSONBytes(raw, origin, line=number + 1, file_offset=line_offset)
        start = len(raw) - len(raw[origin:].lstrip(_BLANK))
        line, column = text.position(start)
        try:
            loaded = text.load(origin, end)
        except (JSONSyntaxError, EncodingError) as exc:
            yield Problem("parse-error", exc.message, (), exc.line, exc.column, record=number)
            spans.append(Unparsed(raw, number + 1))
            continue
        if records_pointer is None:
            yield Record(
                loaded.value, index=number, line=line, column=column, positions=loaded.positions, kind="ndjson",
                many=True,
            )
        else:
            yield from _inside(loaded, records_pointer, number, line, column, raw, spans)
        for path, dup_line, dup_column in loaded.duplicates:
            yield Problem("duplicate-key", DUPLICATE_KEY, path, dup_line, dup_column, record=number)


def _positions(raw: bytes, line: int) -> Callable[[], PathPositions]:
    """The positions of a line's record, computed only when a finding asks for one."""
    return lambda: PathPositions(raw.rstrip(b"\r\n").decode("utf-8"), line, 1)


def _inside(loaded, records_pointer: tuple[str, ...], number: int, line: int, column: int, raw: bytes,
            spans: list[Unparsed]) -> Iterator[Record | Problem]:
    """The records at ``records_pointer`` inside one line's value."""
    relative = RelativePositions(loaded.positions)
    try:
        for base, value in discover_value(loaded.value, records_pointer):
            yield Record(
                value, base=base, index=number, line=line, column=column,
                positions=lambda base=base: relative.of(base), kind="ndjson", many=True,
            )
    except LookupError as exc:
        yield missing_records.problem(str(exc), (), line, column, record=number)
        spans.append(Unparsed(raw, number + 1))

