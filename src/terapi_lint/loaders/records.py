"""Record discovery: which values of a document are connection records, and their base paths.

Without a records pointer:

* a top-level array: each item is a record, base ``(i,)``;
* a top-level object with a ``connections`` member holding an array: each item, base
  ``("connections", i)``;
* anything else (an object, even a scalar): one record, base ``()``.

With a records pointer (RFC 6901 reference tokens) the value there is the array of records (bases
under the pointer) or, if an object, the one record.  Items that are not objects are still records:
the schema check reports their type.

For JSON, discovery runs on the bytes.  Arrays of records are streamed: a scanner built from C-speed
regular expressions finds each item's byte span (Python only sees brackets, not every token), each
item is parsed on its own and its record is yielded at once, so no parsed copy of the whole array is
ever held.  Everything outside the records is still parsed and checked.  A malformed item is
reported and the next item is read; a break in the structure between items ends the file.

:class:`JSONDiscovery` reads bytes held whole; :class:`~.json_stream.StreamDiscovery` moves the
same walk along a stream through the hooks :meth:`~JSONDiscovery._next`,
:meth:`~JSONDiscovery._end_of`, :meth:`~JSONDiscovery._exact_rest` and
:meth:`~JSONDiscovery._unparsed`, so a method that calls them reads ``self.data`` afresh after.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator

from ..findings import Problem
from ..jsontypes import a_json_type
from . import missing_records as missing
from .base import Record
from .encoding import EncodingError
from .json_ import MISS, JSONBytes, fast_loads
from .locator import PathPositions
from .positions import JSONSyntaxError, parse
from .scanner import STRING, WS as _WS, Unscannable, scan_value

_KEY = re.compile(STRING, re.S)
_MINIFIED_END = re.compile(rb"\}(?=[ \t\n\r]*(?:,[ \t\n\r]*\{|\]))")
_INDEX = re.compile(r"0|[1-9][0-9]*")
_MAX_INDENT = 256  # a longer run before a line's "{" is not indentation: try the minified guess
_MAX_GUESS = 1 << 20  # a record larger than this is delimited by the scanner instead of a guess

DUPLICATE_KEY = "duplicate key: only the last value is kept and earlier ones are silently lost"

Item = Record | Problem


def _positions(raw: bytes, line: int, column: int) -> Callable[[], PathPositions]:
    """The positions of a record the fast path read, computed only when a finding asks for one."""
    return lambda: PathPositions(raw.decode("utf-8"), line, column)


class _Stop(Exception):
    """A break in the document structure at byte ``offset``: report it and read no further."""

    def __init__(self, problem: Problem, offset: int) -> None:
        super().__init__(problem.message)
        self.problem = problem
        self.offset = offset


class JSONDiscovery:
    """Walks one JSON document in bytes and yields its records and problems in file order."""

    def __init__(self, data: bytes, origin: int, records_pointer: tuple[str, ...] | None) -> None:
        self.text = JSONBytes(data, origin)
        self.data = data
        self.pointer = records_pointer

    def items(self) -> Iterator[Item]:
        """Records and problems of the document."""
        pos = self._next(self.text.origin)
        try:
            if self.pointer is None:
                end = yield from self._auto(pos)
            else:
                end = yield from self._walk(pos, self.pointer, (), None)
            end = self._next(end, slide=True)
            if end < len(self.data):
                raise self._stop(end, (), f"unexpected {self.text.describe(end)} after the end of the JSON value")
        except _Stop as stop:
            self._unparsed(stop.offset, None)
            yield self._stopped(stop)

    # -- hooks for a stream ------------------------------------------------------------------

    def _stopped(self, stop: _Stop) -> Problem:
        """The problem reported for a break that ends the document."""
        return stop.problem

    def _next(self, pos: int, slide: bool = False) -> int:
        """The first non-blank byte at or after ``pos`` (``len(data)`` at the end).

        ``slide``: nothing before ``pos`` is needed any more (a stream may drop it).
        """
        return _WS.match(self.data, pos).end()

    def _unparsed(self, start: int, end: int | None) -> None:
        """``data[start:end]`` (``None``: to the end) could not be parsed.  Bytes held whole are
        scanned whole for credentials by the linter, so nothing is kept here."""

    # -- problems ---------------------------------------------------------------------------

    def _stop(self, offset: int, path: tuple, message: str) -> _Stop:
        return _Stop(Problem("parse-error", message, path, *self.text.position(offset)), offset)

    def _expected(self, offset: int, path: tuple, expected: str) -> _Stop:
        if offset >= len(self.data):
            return self._stop(offset, path, f"unexpected end of input: expected {expected}")
        return self._stop(offset, path, f"expected {expected}, found {self.text.describe(offset)}")

    def _exact_rest(self, start: int, path: tuple) -> _Stop:
        """The exact verdict on the value at ``start`` that the scanner could not delimit."""
        line, column = self.text.position(start)
        try:
            parse(self.text.decode(start), line=line, column=column, whole=False)
        except (JSONSyntaxError, EncodingError) as exc:
            return _Stop(Problem("parse-error", exc.message, path, exc.line, exc.column), start)
        # The scanner refuses only what the parser refuses; keep a clear message regardless.
        return self._stop(start, path, "value could not be delimited")

    def _end_of(self, start: int, path: tuple) -> int:
        """The first non-blank byte after the value at ``start``."""
        try:
            return _WS.match(self.data, scan_value(self.data, start)).end()
        except Unscannable:
            raise self._exact_rest(start, path) from None

    # -- values ------------------------------------------------------------------------------

    def _record(self, start: int, end: int, base: tuple, follow: str | None) -> Iterator[Item]:
        """Parse ``data[start:end]`` as a record at ``base``; a bad one becomes a parse-error."""
        line, column = self.text.position(start)
        try:
            loaded = self.text.load(start, end, follow)
        except (JSONSyntaxError, EncodingError) as exc:
            yield Problem("parse-error", exc.message, base, exc.line, exc.column)
            self._unparsed(start, end)
            return
        yield Record(loaded.value, base=base, line=line, column=column, positions=loaded.positions, kind="json",
                     many=bool(base))
        for path, dup_line, dup_column in loaded.duplicates:
            yield Problem("duplicate-key", DUPLICATE_KEY, base + path, dup_line, dup_column)

    def _guessed_record(self, start: int, path: tuple) -> tuple[Record, int] | None:
        """Fast path for an object item: guess its end, confirm it with the fast parser.

        The guess is the next line holding only the opening line's indentation and ``}``
        (pretty-printed dumps), else the next ``}`` followed by ``,{`` or ``]`` (minified ones).  A
        span that starts with ``{`` and parses as one value ends where that object ends, so a
        parse that succeeds proves the guess.  Returns the record and the index of the ``,`` or
        ``]`` after it, or None.
        """
        data = self.data
        if data[start] != 0x7B:
            return None
        newline = data.rfind(b"\n", max(0, start - _MAX_INDENT), start)
        indent = data[newline + 1 : start] if newline >= 0 else b"-"
        opens_a_block = data[start + 1 : start + 2] in (b"\n", b"\r")
        if opens_a_block and not indent.strip(b" \t"):
            # Only a pretty-printed object ends on a line of its own; look no further than a
            # large record could reach, so a guess that fails costs little.
            close = data.find(b"\n" + indent + b"}", start, start + _MAX_GUESS)
            guess = close + len(indent) + 2 if close >= 0 else -1
        else:
            match = _MINIFIED_END.search(data, start, start + _MAX_GUESS)
            guess = match.end() if match else -1
        if guess < 0:
            return None
        after = _WS.match(data, guess).end()
        if after >= len(data) or data[after] not in b",]":
            return None
        # What JSONBytes.fast does, without its Loaded and a second position look-up (one record
        # of a dump at a time: this is the array's hot path).
        raw = data[start:guess]
        value = fast_loads(raw)
        if value is MISS:
            return None
        line, column = self.text.position(start)
        return Record(value, path, None, line, column, _positions(raw, line, column), "json", True), after

    def _check(self, start: int, end: int, path: tuple, follow: str) -> Iterator[Item]:
        """Parse a value outside the records: only its problems are yielded."""
        for item in self._record(start, end, path, follow):
            if isinstance(item, Problem):
                yield item

    def _auto(self, pos: int) -> Iterator[Item]:
        data = self.data
        if pos >= len(data):
            raise _Stop(Problem("parse-error", "file is empty", (), 1, 1), pos)
        if data[pos] == 0x5B:  # '['
            return (yield from self._array(pos, (), None))
        if data[pos] == 0x7B:  # '{'
            single = self._single_record(pos)
            if single is not None:
                yield single
                return len(data)
        if data[pos] == 0x7B and b'"connections"' in data:  # maybe a wrapper
            return (yield from self._object(pos, ("connections",), (), auto=True))
        end = self._end_of(pos, ())
        yield from self._record(pos, end, (), None)
        return end

    def _single_record(self, pos: int) -> Record | None:
        """Fast path for a file holding one record (fixtures, one connection per file).

        A small document that the fast parser takes whole, and that is not a ``connections``
        wrapper, is the record: no scan, and positions only if a finding needs them.
        """
        data = self.data
        if len(data) - pos > _MAX_GUESS:
            return None  # perhaps a large wrapper: stream it
        loaded = self.text.fast(pos, len(data))
        if loaded is None or not isinstance(loaded.value, dict) or isinstance(loaded.value.get("connections"), list):
            return None
        line, column = self.text.position(pos)
        return Record(loaded.value, base=(), line=line, column=column, positions=loaded.positions, kind="json")

    def _walk(self, pos: int, tokens: tuple[str, ...], base: tuple, follow: str | None) -> Iterator[Item]:
        """Follow the records pointer from the value at ``pos``; returns the value's end.

        ``follow`` is what the enclosing document expects after the value (None: end of input).
        """
        data = self.data
        if pos >= len(data):
            raise self._expected(pos, base, "a value") if base else _Stop(Problem("parse-error", "file is empty", (), 1, 1), pos)
        char = data[pos]
        if not tokens:
            if char == 0x5B:
                return (yield from self._array(pos, base, None))
            end = self._end_of(pos, base)
            if char == 0x7B:
                yield from self._record(pos, end, base, follow)
                return end
            yield missing.problem(missing.not_records(base, missing.type_at(char)), base, *self.text.position(pos))
            yield from self._check(pos, end, base, follow)
            return end
        if char == 0x7B:
            return (yield from self._object(pos, tokens, base, auto=False))
        if char == 0x5B and _INDEX.fullmatch(tokens[0]):
            return (yield from self._array(pos, base, (int(tokens[0]), tokens[1:])))
        yield missing.problem(missing.not_a_step(base + tokens, base, tokens[0], missing.type_at(char)),
                              base, *self.text.position(pos))
        end = self._end_of(pos, base)
        yield from self._check(pos, end, base, follow)
        return end

    def _array(self, pos: int, base: tuple, pointer: tuple[int, tuple[str, ...]] | None) -> Iterator[Item]:
        """Stream the array at ``pos``: each item is a record; or, following ``pointer``
        ``(index, rest)``, the indexed item is walked and the others only checked."""
        start = pos
        pos = self._next(pos + 1, slide=pointer is None)
        data = self.data
        count = 0
        follow = "',' or ']'"
        while not data.startswith(b"]", pos):
            if pos >= len(data) or data[pos] in b",}":
                raise self._expected(pos, base, "a value")
            path = base + (count,)
            if pointer is None:
                guessed = self._guessed_record(pos, path)
                if guessed is None:
                    end = self._end_of(pos, path)
                    yield from self._record(pos, end, path, follow)
                else:
                    record, end = guessed
                    yield record
            elif count == pointer[0]:
                end = self._next((yield from self._walk(pos, pointer[1], path, follow)))
            else:
                end = self._end_of(pos, path)
                yield from self._check(pos, end, path, follow)
            data = self.data
            count += 1
            if end >= len(data) or data[end] != 0x2C:
                pos = end
                break
            pos = self._next(end + 1, slide=pointer is None)
            data = self.data
            if data.startswith(b"]", pos):
                raise self._stop(pos, base, "trailing comma before ']'")
        if not data.startswith(b"]", pos):
            raise self._expected(pos, base, follow)
        if pointer is not None and pointer[0] >= count:
            whole = base + (str(pointer[0]),) + pointer[1]
            yield missing.problem(missing.past_the_end(whole, base, pointer[0], count), base, *self.text.position(start))
        return pos + 1

    def _object(self, pos: int, tokens: tuple[str, ...], base: tuple, auto: bool) -> Iterator[Item]:
        """Walk the object at ``pos`` looking for member ``tokens[0]``.

        In ``auto`` mode the object is a wrapper only if that member holds an array; otherwise the
        whole object is one record, and what was scanned on the way is judged with it.
        """
        start = pos
        target = tokens[0]
        found = False
        seen: set[str] = set()
        # Auto mode, until the wrapper is recognised: duplicate keys and member spans.
        held_duplicates: list[tuple[str, tuple[int, int]]] = []
        held_members: list[tuple[str, int, int]] = []
        pos = self._next(pos + 1)
        data = self.data
        end = pos
        while not data.startswith(b"}", pos):
            key_match = _KEY.match(data, pos)
            if key_match is None:
                if data.startswith(b'"', pos):
                    raise self._exact_rest(pos, base)
                raise self._expected(pos, base, "a string key")
            key_pos = pos
            key = self._key(key_match.group(), key_pos, base)
            pos = self._next(key_match.end())
            data = self.data
            if not data.startswith(b":", pos):
                raise self._expected(pos, base, "':' after the object key")
            pos = self._next(pos + 1)
            data = self.data
            if pos >= len(data) or data[pos] in b",}]":
                raise self._expected(pos, base + (key,), "a value")
            if key in seen:
                where = self.text.position(key_pos)
                if auto and not found:
                    held_duplicates.append((key, where))
                else:
                    yield Problem("duplicate-key", DUPLICATE_KEY, base + (key,), *where)
            seen.add(key)
            if key == target and not found and (not auto or data[pos] == 0x5B):
                found = True
                for name, where in held_duplicates:
                    yield Problem("duplicate-key", DUPLICATE_KEY, base + (name,), *where)
                for name, value_start, value_end in held_members:
                    yield from self._check(value_start, value_end, base + (name,), "',' or '}'")
                end = self._next((yield from self._walk(pos, tokens[1:], base + (key,), "',' or '}'")), slide=True)
            else:
                end = self._end_of(pos, base + (key,))
                if auto and not found:
                    held_members.append((key, pos, end))
                else:
                    yield from self._check(pos, end, base + (key,), "',' or '}'")
            data = self.data
            if end >= len(data) or data[end] != 0x2C:
                pos = end
                break
            pos = self._next(end + 1, slide=found)
            data = self.data
            if data.startswith(b"}", pos):
                raise self._stop(pos, base, "trailing comma before '}'")
        if not data.startswith(b"}", pos):
            raise self._expected(pos, base, "',' or '}'")
        if auto and not found:
            yield from self._record(start, pos + 1, base, None)
        elif not found:
            yield missing.problem(missing.no_member(base + tokens, base, target, seen), base, *self.text.position(start))
        return pos + 1

    def _key(self, raw: bytes, offset: int, base: tuple) -> str:
        """Decode a scanned key (quotes included); a bad escape or byte ends the document."""
        try:
            line, column = self.text.position(offset)
            return parse(self.text.decode(offset, offset + len(raw)), line=line, column=column).value
        except (JSONSyntaxError, EncodingError) as exc:
            raise _Stop(Problem("parse-error", exc.message, base, exc.line, exc.column), offset) from None


def discover_value(value: Any, records_pointer: tuple[str, ...] | None) -> Iterator[tuple[tuple, Any]]:
    """In-memory discovery (YAML documents): ``(base, record value)`` pairs.

    Raises LookupError with a message (no file content) when the pointer leads nowhere.
    """
    if records_pointer is None:
        if isinstance(value, list):
            yield from (((index,), item) for index, item in enumerate(value))
        elif isinstance(value, dict) and isinstance(value.get("connections"), list):
            yield from ((("connections", index), item) for index, item in enumerate(value["connections"]))
        else:
            yield (), value
        return
    node = value
    base: tuple = ()
    for token in records_pointer:
        if isinstance(node, dict) and token in node:
            node, step = node[token], token
        elif isinstance(node, list) and _INDEX.fullmatch(token) and int(token) < len(node):
            node, step = node[int(token)], int(token)
        elif isinstance(node, dict):
            raise LookupError(missing.no_member(records_pointer, base, token, node.keys()))
        elif isinstance(node, list) and _INDEX.fullmatch(token):
            raise LookupError(missing.past_the_end(records_pointer, base, int(token), len(node)))
        else:
            raise LookupError(missing.not_a_step(records_pointer, base, token, a_json_type(node)))
        base += (step,)
    if isinstance(node, list):
        yield from ((base + (index,), item) for index, item in enumerate(node))
    elif isinstance(node, dict):
        yield base, node
    else:
        raise LookupError(missing.not_records(records_pointer, a_json_type(node)))
