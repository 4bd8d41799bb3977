"""What every loader returns: records with lazily resolved positions, and problems.

A loader turns one file (or stdin) into a stream of :class:`Record` and
:class:`~terapi_lint.findings.Problem` items, in file order, and keeps aside the text it could not
parse (:class:`Unparsed`).  Positions are resolved only when a finding needs one, so clean records
cost no position bookkeeping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from ..findings import Path

Position = tuple  # (line, column), both 1-based


@dataclass(slots=True)
class Record:
    """One connection record found in a file.

    ``base`` is the path of the record inside the file's document (``(17,)`` for the 18th item of
    a top-level array, ``("connections", 17)`` inside a wrapper, ``()`` for a single document, an
    NDJSON line or a YAML document).  ``index`` is the 0-based NDJSON line or YAML document number,
    ``None`` for a single JSON document.  ``positions`` builds the record's position map, keyed by
    paths *relative to the record*; it is called at most once and only when needed.  ``many``: the
    record is one of several in its input (an array item, an NDJSON line, one of several YAML
    documents), so a finding names it by its ``id`` as well.
    """

    value: Any
    base: Path = ()
    index: int | None = None
    line: int = 1
    column: int = 1
    positions: Callable[[], Mapping[Path, Position]] | None = None
    kind: str = "json"  # "json", "yaml" or "ndjson": lets messages give format-specific advice
    many: bool = False
    _cache: Mapping[Path, Position] | None = field(default=None, repr=False)

    def locate(self, path: Path) -> Position:
        """(line, column) of ``path`` in this record, or of its nearest located ancestor."""
        if self._cache is None:
            self._cache = self.positions() if self.positions is not None else {}
        cache = self._cache
        path = tuple(path)
        place = getattr(cache, "place", None)
        if place is not None:  # a locator (.locator.PathPositions): along the path only
            return place(path, self.value)
        while path:
            pos = cache.get(path)
            if pos is not None:
                return pos
            path = path[:-1]
        return cache.get((), (self.line, self.column))


@dataclass(frozen=True, slots=True)
class Unparsed:
    """Text a loader could not parse, starting at (``line``, ``column``) of the file: the linter
    scans it for credentials by their format alone.  It never leaves the linter."""

    text: bytes
    line: int = 1
    column: int = 1


class RelativePositions:
    """Per-record views of one document's position map, for records found inside a document.

    ``load`` builds the document's map (called once, on the first view asked for); views are
    grouped once per base length, so many records of one document cost one pass.
    """

    def __init__(self, load: Callable[[], Mapping[Path, Position]]) -> None:
        self._load = load
        self._positions: Mapping[Path, Position] | None = None
        self._groups: dict[int, dict[Path, dict[Path, Position]]] = {}

    def of(self, base: Path) -> Mapping[Path, Position]:
        """The positions under ``base``, keyed by paths relative to it."""
        if self._positions is None:
            self._positions = self._load()
        size = len(base)
        if not size:
            return self._positions
        if size not in self._groups:
            grouped: dict[Path, dict[Path, Position]] = {}
            for path, where in self._positions.items():
                if len(path) >= size:
                    grouped.setdefault(path[:size], {})[path[size:]] = where
            self._groups[size] = grouped
        return self._groups[size].get(base, {})
