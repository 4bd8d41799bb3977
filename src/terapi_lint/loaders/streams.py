"""Input read front to back once: stdin and compressed files, as a stream of decompressed bytes.

Compression is recognised by the name (``dump.ndjson.gz``: gzip, then NDJSON) and, when the name
says nothing, by the first bytes (so ``zcat``-less pipes and misnamed files work):

=========  ===========  ================================================
extension  format       magic bytes
=========  ===========  ================================================
``.gz``    gzip         ``1f 8b``
``.bz2``   bzip2        ``BZh``
``.xz``    xz           ``fd 37 7a 58 5a 00``
``.zst``   Zstandard    ``28 b5 2f fd`` (the ``zstandard`` package)
=========  ===========  ================================================

Decompression streams: memory holds one buffer, never the whole input, and a decompression bomb
costs time, not memory.  Loaders hold at most :data:`LIMIT` bytes of a stream for one line or one
record, and :data:`DOCUMENT_LIMIT` bytes for a document they must hold whole.  Data that ends early or is not what its name or magic says raises
:class:`StreamError`, whose message quotes nothing of the input.
"""

from __future__ import annotations

import io
import os
import re
from typing import BinaryIO, Callable

#: The most a loader holds of a stream for one line, one record, or the text after a break in a
#: document (scanned for credentials).
LIMIT = 64 << 20
#: The most a loader holds of a stream for a document it reads whole (YAML, JSON that is not an
#: array of records).
DOCUMENT_LIMIT = 256 << 20

_BUFFER = 1 << 20

COMPRESSIONS = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd"}
_MAGIC = (
    (re.compile(rb"\x1f\x8b\x08"), "gzip"),
    (re.compile(rb"BZh[1-9](?:1AY&SY|\x17rE8P\x90)"), "bzip2"),  # a block or the end of the stream
    (re.compile(rb"\xfd7zXZ\x00"), "xz"),
    (re.compile(rb"\x28\xb5\x2f\xfd"), "zstd"),
)
MAGIC_SIZE = 10


class StreamError(Exception):
    """Compressed data that cannot be read on; ``message`` names the format, never the content."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def split_name(name: str) -> tuple[str, str | None]:
    """``("dump.ndjson", "gzip")`` for ``dump.ndjson.gz``; ``(name, None)`` without such extension."""
    stem, extension = os.path.splitext(name)
    compression = COMPRESSIONS.get(extension.lower())
    return (stem, compression) if compression else (name, None)


def compression_of(head: bytes) -> str | None:
    """The compression whose magic bytes ``head`` starts with, or None."""
    for magic, compression in _MAGIC:
        if magic.match(head):
            return compression
    return None


class _Counting(io.RawIOBase):
    """A raw reader that counts the bytes read through it (compressed bytes, for progress)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        read = self.raw.readinto(buffer)
        self.count += read or 0
        return read


class _Zstd(io.RawIOBase):
    """Zstandard frames, one after another, fed 512 bytes at a time.

    A feed that small bounds what one call can produce (a run-length block turns 4 bytes into
    128 KB), which ``zstandard``'s stream reader cannot promise for a bomb; and it tells a frame cut
    short from a frame that ended, which the stream reader does not.
    """

    _FEED = 512

    def __init__(self, raw: BinaryIO) -> None:
        import zstandard

        self.new = zstandard.ZstdDecompressor().decompressobj
        self.errors = zstandard.ZstdError
        self.raw = raw
        self.frame = None  # the decompressor of the frame being read, None between frames
        self.input = b""
        self.output = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.output:
            if not self.input:
                self.input = self.raw.read(_BUFFER)
                if not self.input:
                    if self.frame is not None:
                        raise EOFError("zstd frame cut short")
                    return 0
            if self.frame is None:
                self.frame = self.new()
            feed, self.input = self.input[: self._FEED], self.input[self._FEED :]
            try:
                self.output = self.frame.decompress(feed)
            except self.errors as error:
                raise ValueError("not zstd data") from error
            if self.frame.eof:
                self.input = self.frame.unused_data + self.input
                self.frame = None
        size = min(len(buffer), len(self.output))
        buffer[:size] = self.output[:size]
        self.output = self.output[size:]
        return size


class _Decompressing(io.RawIOBase):
    """Decompressed bytes.  What goes wrong ends the data there (so buffered readers hand over
    everything decompressed before it) and is kept in ``failure``, naming the format."""

    def __init__(self, raw: BinaryIO, compression: str) -> None:
        self.compression = compression
        self.failure: StreamError | None = None
        if compression == "gzip":
            import gzip

            self.inner = gzip.GzipFile(fileobj=raw, mode="rb")
        elif compression == "bzip2":
            import bz2

            self.inner = bz2.BZ2File(raw)
        elif compression == "xz":
            import lzma

            self.inner = lzma.LZMAFile(raw)
        else:
            self.inner = io.BufferedReader(_Zstd(raw), _BUFFER)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.failure is not None:
            return 0
        try:
            data = self.inner.read1(len(buffer))  # one step: what comes before a failure is kept
        except EOFError:
            self.failure = StreamError(f"{self.compression} data ends early (a truncated file?): reading stops here")
        except OSError as error:
            if error.errno is not None:
                raise  # a real read error: the caller reports the path as unreadable
            self.failure = StreamError(f"not valid {self.compression} data: reading stops here")
        except Exception:  # zlib.error, lzma.LZMAError, ValueError: corrupt data
            self.failure = StreamError(f"not valid {self.compression} data: reading stops here")
        else:
            buffer[: len(data)] = data
            return len(data)
        return 0


def prefixed(first: bytes, reader: BinaryIO) -> io.BufferedReader:
    """A reader of ``first``, then of the rest of ``reader``."""
    return io.BufferedReader(_Chain(first, reader), _BUFFER)


class _Chain(io.RawIOBase):
    """``first``, then the rest of ``reader``: bytes read ahead to decide something, put back."""

    def __init__(self, first: bytes, reader: BinaryIO) -> None:
        self.first = first
        self.reader = reader

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self.first:
            return self.reader.readinto(buffer)
        size = min(len(buffer), len(self.first))
        buffer[:size] = self.first[:size]
        self.first = self.first[size:]
        return size


class Stream:
    """One input read once: ``reader`` gives its decompressed bytes (``read``, ``readline``, ``peek``).

    ``compression`` is what the first bytes say, else what the name says, else None.  When the
    data cannot be decompressed to its end, ``reader`` ends where it failed and ``failure`` says
    why.  ``consumed`` is how many bytes of the input itself (compressed, if it is) were read so
    far.  ``listener``, if set, is told ``(bytes, records)`` read as loading goes on (a progress
    line).
    """

    def __init__(self, raw: BinaryIO, name: str, *, compression: str | None = None,
                 listener: Callable[[int, int], None] | None = None) -> None:
        self._raw = raw
        self._counter = _Counting(raw)
        plain = io.BufferedReader(self._counter, _BUFFER)
        magic = plain.read(MAGIC_SIZE)
        self.name = name
        self.listener = listener
        self.compression = compression_of(magic) or compression
        source: io.RawIOBase = _Chain(magic, plain)
        self._decompressing: _Decompressing | None = None
        if self.compression is not None:
            source = self._decompressing = _Decompressing(io.BufferedReader(source, _BUFFER), self.compression)
        self.reader = io.BufferedReader(source, _BUFFER)
        self._head: bytes | None = None

    @property
    def consumed(self) -> int:
        return self._counter.count

    def failure(self) -> StreamError | None:
        """Why the data ended early, once ``reader`` is at its end; None if it did not."""
        return self._decompressing.failure if self._decompressing is not None else None

    def head(self, size: int) -> bytes:
        """The first ``size`` bytes of the content (fewer if it is shorter), left to be read."""
        if self._head is None:
            self._head = self.reader.read(size)
            self.reader = prefixed(self._head, self.reader)
        return self._head

    def read_all(self) -> bytes:
        """The rest of the content; raises StreamError past :data:`DOCUMENT_LIMIT` bytes or if it
        cannot be read to its end."""
        data = self.reader.read(DOCUMENT_LIMIT + 1)
        failure = self.failure()
        if failure is not None:
            raise failure
        if len(data) > DOCUMENT_LIMIT:
            raise StreamError(f"more than {DOCUMENT_LIMIT >> 20} MB to hold whole (only NDJSON and JSON arrays are "
                              "streamed): not read; lint the file by its path")
        return data

    def close(self) -> None:
        self._raw.close()


def open_path(path: str | os.PathLike[str], name: str | None = None,
              listener: Callable[[int, int], None] | None = None) -> Stream:
    """A file as a stream; its first bytes or its name's extension decide the compression."""
    name = name if name is not None else os.fspath(path)
    handle = open(path, "rb", buffering=0)
    try:
        return Stream(handle, name, compression=split_name(name)[1], listener=listener)
    except BaseException:
        handle.close()
        raise
