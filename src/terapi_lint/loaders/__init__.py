"""Loaders: turn a file, stdin or a range of a file into records and problems, in file order.

``load(source, name=..., kind=None, records_pointer=None)`` is the one entry point.  The format
comes from ``kind``, else from the extension of ``name`` once a compression extension is taken off
(``.json``; ``.yaml``/``.yml``; ``.ndjson``/``.jsonl``; ``dump.ndjson.gz`` is gzip, then NDJSON),
else it is sniffed from the content.  Compressed input is recognised by name or by its first bytes
and decompressed as a stream (:mod:`.streams`).  Problems carry rule ``parse-error`` or
``duplicate-key``, a 1-based line and column, and never any file content.

A source is the bytes of a whole file, a path, a :class:`~.streams.Stream` (stdin, or a file a
caller opened to follow its progress) or a :class:`Range` of a file.  NDJSON from a path or a
stream is read line by line; a JSON array or ``{"connections": [...]}`` wrapper from a stream is
read record by record (:mod:`.json_stream`); anything else is read whole, from a stream at most
:data:`~.streams.LIMIT` bytes.

Modules: :mod:`.encoding` (bytes to text), :mod:`.positions` (exact JSON parser),
:mod:`.json_` (fast path), :mod:`.records` (record discovery and streaming), :mod:`.ndjson`,
:mod:`.yaml_`, :mod:`.streams` (stdin and compressed input), :mod:`.json_stream`, :mod:`.scanner`
(where a value ends).
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterable, Iterator

from ..findings import Problem
from .base import Record, Unparsed
from .encoding import EncodingError, detect, normalize
from .json_ import parses
from .ndjson import load_ndjson
from .positions import MAX_DEPTH
from .records import JSONDiscovery
from .streams import MAGIC_SIZE, Stream, StreamError, compression_of, open_path, split_name

__all__ = ["KINDS", "MAX_DEPTH", "LoadError", "Loading", "Range", "Record", "Stream", "Unparsed", "kind_of",
           "load", "read_source", "sniff", "split_name"]

#: File extensions and the loader kind they select.
KINDS = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".ndjson": "ndjson", ".jsonl": "ndjson"}

_FIRST_LINE = re.compile(rb"[ \t\r\n]*([^\n]*)\n[ \t\r\n]*([\[{]?)")
_STREAMED_JSON = re.compile(rb'[ \t\r\n]*(?:\[|\{[ \t\r\n]*"connections"[ \t\r\n]*:[ \t\r\n]*\[)')
_HEAD = 65536


@dataclass(frozen=True)
class Range:
    """Part of an NDJSON file or stream that starts ``offset`` bytes into it: its bytes, or a
    reader of them (the rest of a stream).  Its lines and records are numbered from 0."""

    data: bytes | BinaryIO
    offset: int = 0
    failure: StreamError | Callable[[], StreamError | None] | None = None  # why the data ended early


class Loading:
    """The records and problems of one source (iterate once), and the text they could not parse.

    :meth:`unparsed` is what the linter scans for credentials after a parse error: the whole text
    of a source held whole, else each line or value that failed (see :mod:`.json_stream`).
    """

    __slots__ = ("_items", "_whole", "spans")

    def __init__(self, items: Iterator[Record | Problem], whole: bytes | None = None,
                 spans: list[Unparsed] | None = None) -> None:
        self._items = items
        self._whole = whole
        self.spans = spans if spans is not None else []

    def __iter__(self) -> Iterator[Record | Problem]:
        return self._items

    def unparsed(self) -> list[Unparsed]:
        return [Unparsed(self._whole)] if self._whole is not None else self.spans


class LoadError(Exception):
    """A source that cannot be read at all; ``message`` is one line naming the path."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _unreadable(path: str | os.PathLike[str], exc: OSError) -> LoadError:
    if isinstance(exc, FileNotFoundError):
        reason = "no such file or directory"
    elif isinstance(exc, IsADirectoryError):
        reason = "is a directory"
    elif isinstance(exc, PermissionError):
        reason = "permission denied"
    else:
        reason = exc.strerror or type(exc).__name__
    return LoadError(f"{os.fspath(path)}: cannot read: {reason}")


def read_source(path: str | os.PathLike[str]) -> bytes:
    """The bytes of ``path``; raises :class:`LoadError` (never an OSError) when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise _unreadable(path, exc) from None


def kind_of(name: str) -> str | None:
    """The loader kind for a file name's extension (a compression extension taken off), or None."""
    return KINDS.get(os.path.splitext(split_name(name)[0])[1].lower())


def sniff(data: bytes) -> str:
    """Guess the kind of extension-less content (stdin).

    NDJSON if the first non-blank line is a complete JSON object or array and another line starting
    with ``{`` or ``[`` follows; JSON if the content starts with ``{`` or ``[``; YAML otherwise.
    """
    try:
        data, origin = normalize(data[:_HEAD])
    except EncodingError:
        return "json"  # the JSON loader reports the encoding problem
    text = data[origin:]
    first = text.lstrip()[:1]
    if first not in (b"{", b"["):
        return "yaml"
    match = _FIRST_LINE.match(text)
    if match and match.group(2) and parses(match.group(1)):
        return "ndjson"
    return "json"


def load(
    source: bytes | str | os.PathLike[str] | Stream | Range,
    *,
    name: str,
    kind: str | None = None,
    records_pointer: tuple[str, ...] | None = None,
) -> Loading:
    """Records and loader problems of one source, in file order (see the module's docstring).

    ``name`` is what the user calls the source (its extensions pick the compression and the kind).
    ``records_pointer`` holds the RFC 6901 reference tokens of where the records are.  Raises
    :class:`LoadError` if a path cannot be read; everything wrong inside the content is a Problem.
    """
    kind = kind or kind_of(name) or (kind_of(os.fspath(source)) if isinstance(source, (str, os.PathLike)) else None)
    if isinstance(source, Range):
        spans: list[Unparsed] = []
        items = load_ndjson(source.data, records_pointer, spans=spans, offset=source.offset, failure=source.failure)
        return Loading(items, spans=spans)
    if isinstance(source, Stream):
        return _stream(source, kind, records_pointer)
    if not isinstance(source, bytes):
        if kind == "ndjson" or split_name(name)[1] is not None:
            try:
                stream = open_path(source, name)
            except OSError as exc:
                raise _unreadable(source, exc) from None
            return _stream(stream, kind, records_pointer)
        source = read_source(source)
    if compression_of(source[:MAGIC_SIZE]) is not None:
        return _stream(Stream(io.BytesIO(source), name), kind, records_pointer)
    return _whole(source, kind or sniff(source), records_pointer)


def _whole(data: bytes, kind: str, records_pointer: tuple[str, ...] | None) -> Loading:
    if kind == "ndjson":
        spans: list[Unparsed] = []
        return Loading(load_ndjson(data, records_pointer, spans=spans), spans=spans)
    if kind == "yaml":
        from .yaml_ import load_yaml  # PyYAML is loaded only for YAML input

        return Loading(load_yaml(data, records_pointer), whole=data)
    return Loading(_json(data, records_pointer), whole=data)


def _stream(stream: Stream, kind: str | None, records_pointer: tuple[str, ...] | None) -> Loading:
    """Records and problems of a stream, read once; the stream is closed at the end."""
    spans: list[Unparsed] = []
    try:
        head = stream.head(_HEAD)
        kind = kind or sniff(head)
        if b"\x00" in head and detect(head[:4])[0] == "utf-8":
            stream.close()
            return _whole(head, kind, records_pointer)  # a binary file: its loader says where
        if kind == "ndjson":
            items: Iterator[Record | Problem] = load_ndjson(stream.reader, records_pointer, spans=spans,
                                                            failure=stream.failure)
        elif kind == "json" and records_pointer is None and detect(head[:4])[0] == "utf-8" \
                and _STREAMED_JSON.match(head, 3 if head.startswith(b"\xef\xbb\xbf") else 0):
            from .json_stream import StreamDiscovery

            first = stream.reader.read(len(head))
            origin = 3 if first.startswith(b"\xef\xbb\xbf") else 0
            items = StreamDiscovery(stream.reader, first, origin, spans, stream.failure).items()
        else:
            loading = _whole(stream.read_all(), kind, records_pointer)
            stream.close()
            return loading
    except StreamError as exc:
        stream.close()
        return Loading(iter([Problem("parse-error", exc.message, (), 1, 1)]))
    return Loading(_closing(stream, items, stream.listener), spans=spans)


def _closing(stream: Stream, items: Iterator[Record | Problem],
             listener: Callable[[int, int], None] | None) -> Iterator[Record | Problem]:
    """Yield ``items``, closing ``stream`` at the end; a read failure becomes a LoadError.

    With a ``listener``, it is told every so often how many more bytes of the input were read and
    how many more records were found (a progress line).
    """
    try:
        if listener is None:
            yield from items
        else:
            yield from _told(stream, items, listener)
    except OSError as exc:
        raise _unreadable(stream.name, exc) from None
    except StreamError as exc:  # raised where a loader could not place it
        yield Problem("parse-error", exc.message, (), 1, 1)
    finally:
        stream.close()


def _told(stream: Stream, items: Iterable[Record | Problem], listener: Callable[[int, int], None]
          ) -> Iterator[Record | Problem]:
    told = records = 0
    for item in items:
        if item.__class__ is Record:
            records += 1
            if records == 2048:
                consumed = stream.consumed
                listener(consumed - told, records)
                told, records = consumed, 0
        yield item
    listener(stream.consumed - told, records)


def _json(data: bytes, records_pointer: tuple[str, ...] | None) -> Iterator[Record | Problem]:
    """Records and problems of a JSON document."""
    try:
        data, origin = normalize(data)
    except EncodingError as exc:
        yield Problem("parse-error", exc.message, (), exc.line, exc.column)
        return
    yield from JSONDiscovery(data, origin, records_pointer).items()
