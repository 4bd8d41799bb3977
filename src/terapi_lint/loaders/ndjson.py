"""NDJSON / JSON Lines: one record per non-blank line, read incrementally.

Lines are read one at a time from the stream, so memory is bounded by the longest line.  A record's
``index`` is the 0-based *physical* line number (blank lines count but yield nothing), its ``line``
the 1-based one.  A bad line is a parse-error on that line (``record`` set) and reading goes on.  A
UTF-8 byte-order mark on the first line is skipped; a UTF-16/32 file is decoded whole first (see
:mod:`.encoding`); a NUL byte means a binary file and ends the reading.
"""

from __future__ import annotations

import io
from typing import Iterable, Iterator

from ..findings import Problem
from .base import Record, RelativePositions
from .encoding import EncodingError, detect, locate, normalize
from .json_ import JSONBytes
from .positions import JSONSyntaxError
from . import missing_records
from .records import DUPLICATE_KEY, discover_value

_BLANK = b" \t\r\n"


def ndjson_lines(source: bytes | io.BufferedReader) -> Iterable[bytes]:
    """The physical lines of ``source``, read lazily from a stream; UTF-16/32 input is decoded
    to UTF-8 first (whole).  Raises EncodingError for undecodable UTF-16/32."""
    head = source[:4] if isinstance(source, bytes) else source.peek(4)[:4]
    if detect(head)[0] != "utf-8":
        data, origin = normalize(source if isinstance(source, bytes) else source.read())
        return io.BytesIO(data[origin:])
    return io.BytesIO(source) if isinstance(source, bytes) else source


def load_ndjson(
    source: bytes | io.BufferedReader, records_pointer: tuple[str, ...] | None = None
) -> Iterator[Record | Problem]:
    """Records and problems of NDJSON bytes or a binary file, line by line.

    With ``records_pointer``, the records of a line are found at that pointer inside it (each
    line an API response, say), as in a YAML document; ``index`` stays the line.
    """
    try:
        lines = ndjson_lines(source)
    except EncodingError as exc:
        yield Problem("parse-error", exc.message, (), exc.line, exc.column)
        return
    file_offset = 0
    for number, raw in enumerate(lines):
        line_offset, file_offset = file_offset, file_offset + len(raw)
        origin = 3 if number == 0 and raw.startswith(b"\xef\xbb\xbf") else 0
        end = len(raw.rstrip(b"\r\n"))
        if not raw[origin:end].strip(_BLANK):
            continue
        nul = raw.find(b"\x00")
        if nul >= 0:
            line, column = locate(raw, origin, nul)
            yield Problem(
                "parse-error", "binary file (a NUL byte); reading stops here", (), number + 1, column, number
            )
            return
        text = JSONBytes(raw, origin, line=number + 1, file_offset=line_offset)
        start = len(raw) - len(raw[origin:].lstrip(_BLANK))
        line, column = text.position(start)
        try:
            loaded = text.load(origin, end)
        except (JSONSyntaxError, EncodingError) as exc:
            yield Problem("parse-error", exc.message, (), exc.line, exc.column, record=number)
            continue
        if records_pointer is None:
            yield Record(
                loaded.value, index=number, line=line, column=column, positions=loaded.positions, kind="ndjson"
            )
        else:
            yield from _inside(loaded, records_pointer, number, line, column)
        for path, dup_line, dup_column in loaded.duplicates:
            yield Problem("duplicate-key", DUPLICATE_KEY, path, dup_line, dup_column, record=number)


def _inside(loaded, records_pointer: tuple[str, ...], number: int, line: int, column: int) -> Iterator[Record | Problem]:
    """The records at ``records_pointer`` inside one line's value."""
    relative = RelativePositions(loaded.positions)
    try:
        for base, value in discover_value(loaded.value, records_pointer):
            yield Record(
                value, base=base, index=number, line=line, column=column,
                positions=lambda base=base: relative.of(base), kind="ndjson",
            )
    except LookupError as exc:
        yield missing_records.problem(str(exc), (), line, column, record=number)
