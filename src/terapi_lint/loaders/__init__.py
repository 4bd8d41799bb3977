"""Loaders: turn a file (or stdin bytes) into records and problems, in file order.

``load(source, name=..., kind=None, records_pointer=None)`` is the one entry point.  The format
comes from ``kind``, else from the extension of ``name`` (``.json``; ``.yaml``/``.yml``;
``.ndjson``/``.jsonl``), else it is sniffed from the content.  Problems carry rule ``parse-error``
or ``duplicate-key``, a 1-based line and column, and never any file content.

Modules: :mod:`.encoding` (bytes to text), :mod:`.positions` (exact JSON parser),
:mod:`.json_` (fast path), :mod:`.records` (record discovery and streaming), :mod:`.ndjson`,
:mod:`.yaml_`.
"""

from __future__ import annotations

import io
import os
import re
from typing import Iterator

from ..findings import Problem
from .base import Record
from .encoding import EncodingError, normalize
from .json_ import parses
from .ndjson import load_ndjson
from .positions import MAX_DEPTH
from .records import JSONDiscovery

__all__ = ["KINDS", "MAX_DEPTH", "LoadError", "Record", "kind_of", "load", "read_source", "sniff"]

#: File extensions and the loader kind they select.
KINDS = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".ndjson": "ndjson", ".jsonl": "ndjson"}

_FIRST_LINE = re.compile(rb"[ \t\r\n]*([^\n]*)\n[ \t\r\n]*([\[{]?)")


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
    """The loader kind for a file name's extension, or None."""
    return KINDS.get(os.path.splitext(name)[1].lower())


def sniff(data: bytes) -> str:
    """Guess the kind of extension-less content (stdin).

    NDJSON if the first non-blank line is a complete JSON object or array and another line starting
    with ``{`` or ``[`` follows; JSON if the content starts with ``{`` or ``[``; YAML otherwise.
    """
    try:
        data, origin = normalize(data[:65536])
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
    source: bytes | str | os.PathLike[str],
    *,
    name: str,
    kind: str | None = None,
    records_pointer: tuple[str, ...] | None = None,
) -> Iterator[Record | Problem]:
    """Records and loader problems of one source, in file order.

    ``source`` is the content (bytes) or a path; an NDJSON path is read line by line.  ``name`` is
    what the user calls the source (its extension picks the kind).  ``records_pointer`` holds the
    RFC 6901 reference tokens of where the records are.  Raises :class:`LoadError` if a path cannot
    be read; everything wrong inside the content is a Problem.
    """
    kind = kind or kind_of(name) or (kind_of(os.fspath(source)) if not isinstance(source, bytes) else None)
    if kind == "ndjson" and not isinstance(source, bytes):
        return _ndjson_file(source, records_pointer)
    data = source if isinstance(source, bytes) else read_source(source)
    kind = kind or sniff(data)
    if kind == "ndjson":
        return load_ndjson(data, records_pointer)
    if kind == "yaml":
        from .yaml_ import load_yaml  # PyYAML is loaded only for YAML input

        return load_yaml(data, records_pointer)
    return _json(data, records_pointer)


def _ndjson_file(path: str | os.PathLike[str], records_pointer: tuple[str, ...] | None) -> Iterator[Record | Problem]:
    """Open ``path`` now (so an unreadable path raises at once) and stream its lines."""
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise _unreadable(path, exc) from None
    return _closing(handle, load_ndjson(handle, records_pointer))


def _closing(handle: io.BufferedReader, items: Iterator[Record | Problem]) -> Iterator[Record | Problem]:
    """Yield ``items``, closing ``handle`` at the end; a read failure becomes a LoadError."""
    with handle:
        try:
            yield from items
        except OSError as exc:
            raise _unreadable(handle.name, exc) from None


def _json(data: bytes, records_pointer: tuple[str, ...] | None) -> Iterator[Record | Problem]:
    """Records and problems of a JSON document."""
    try:
        data, origin = normalize(data)
    except EncodingError as exc:
        yield Problem("parse-error", exc.message, (), exc.line, exc.column)
        return
    yield from JSONDiscovery(data, origin, records_pointer).items()
