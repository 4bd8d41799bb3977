"""Bytes to text: byte-order marks, UTF-16/32, binary files, and places of bad bytes.

Decisions (RFC 8259 §8.1 requires UTF-8 between systems but lets parsers accept more):

* a UTF-8 byte-order mark is skipped; positions count from the character after it;
* UTF-16 and UTF-32 files are decoded, recognised by their byte-order mark or, without one, by the
  pattern of NUL bytes in the first four bytes (RFC 4627 §3), and then read as UTF-8 text;
* any other NUL byte makes the file "binary": NUL is never valid in JSON or YAML text;
* invalid UTF-8 is reported as "not valid UTF-8 at byte N", N the 0-based offset in the file.
"""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class EncodingError(Exception):
    """Bytes that are not text we read, at a 1-based (line, column)."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def _sniff_wide(head: bytes) -> str | None:
    """UTF-16/32 without a byte-order mark, from the NULs around the first ASCII characters."""
    if len(head) < 4:
        if len(head) >= 2 and head[0] == 0 and head[1] != 0:
            return "utf-16-be"
        if len(head) >= 2 and head[0] != 0 and head[1] == 0:
            return "utf-16-le"
        return None
    nul = tuple(byte == 0 for byte in head[:4])
    return {
        (True, True, True, False): "utf-32-be",
        (False, True, True, True): "utf-32-le",
        (True, False, True, False): "utf-16-be",
        (False, True, False, True): "utf-16-le",
    }.get(nul)


def detect(head: bytes) -> tuple[str, int]:
    """The codec of a file starting with ``head`` (4 bytes suffice) and its BOM length."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, len(bom)
    return _sniff_wide(head[:4]) or "utf-8", 0


def normalize(data: bytes) -> tuple[bytes, int]:
    """Return ``(utf8, start)``: UTF-8 bytes and the offset where the text starts (after a BOM).

    UTF-8 input is returned as is (no copy).  Raises :class:`EncodingError` for a binary file or
    undecodable UTF-16/32; invalid UTF-8 is left for the parsers to find and place.
    """
    codec, skip = detect(data[:4])
    if codec != "utf-8":
        try:
            return data[skip:].decode(codec).encode("utf-8"), 0
        except UnicodeDecodeError as exc:
            raise EncodingError(f"not valid {codec.upper()[:6]} at byte {exc.start + skip}", 1, 1) from None
    nul = data.find(b"\x00", skip)
    if nul >= 0:
        line, column = locate(data, skip, nul)
        raise EncodingError(f"binary file (NUL byte at byte {nul})", line, column)
    return data, skip


def locate(data: bytes, start: int, offset: int) -> tuple[int, int]:
    """1-based (line, column in characters) of byte ``offset``, text starting at ``start``."""
    line_start = data.rfind(b"\n", start, offset) + 1 or start
    line = data.count(b"\n", start, offset) + 1
    return line, len(data[line_start:offset].decode("utf-8", "replace")) + 1


def utf8_error(
    data: bytes, start: int, exc: UnicodeDecodeError, shift: int = 0, file_offset: int = 0
) -> EncodingError:
    """The finding for ``exc``, raised decoding ``data[shift:]`` (text starts at ``start``).

    ``file_offset`` is where ``data`` sits in the file (an NDJSON line), for the reported byte.
    """
    offset = exc.start + shift
    line, column = locate(data, start, offset)
    return EncodingError(f"not valid UTF-8 at byte {offset + file_offset}", line, column)


class ByteCursor:
    """1-based (line, column) of increasing byte offsets in UTF-8 ``data``, in O(total) time.

    ``data[start]`` is at (``line``, ``column``) of the file: a window of a stream may start
    mid-line.
    """

    __slots__ = ("data", "offset", "line", "column", "start", "first_line", "first_column")

    def __init__(self, data: bytes, start: int, line: int = 1, column: int = 1) -> None:
        self.data = data
        self.start = start
        self.offset = start
        self.line = self.first_line = line
        self.column = self.first_column = column

    def at(self, offset: int) -> tuple[int, int]:
        """Position of ``offset``; offsets should increase (earlier ones are recomputed)."""
        if offset == self.offset:
            return self.line, self.column
        if offset < self.offset:
            line, column = locate(self.data, self.start, offset)
            return line + self.first_line - 1, column + (self.first_column - 1 if line == 1 else 0)
        data = self.data
        newlines = data.count(b"\n", self.offset, offset)
        if newlines:
            self.line += newlines
            line_start = data.rfind(b"\n", self.offset, offset) + 1
            self.column = 1 + len(data[line_start:offset].decode("utf-8", "replace"))
        else:
            self.column += len(data[self.offset : offset].decode("utf-8", "replace"))
        self.offset = offset
        return self.line, self.column
