"""A JSON dump read from a stream: the walk of :class:`~.records.JSONDiscovery` on a moving window.

Used for stdin and compressed files whose document is an array of records or a wrapper whose first
member is ``"connections": [``; other documents are read whole (up to
:data:`~.streams.DOCUMENT_LIMIT`).  The window holds the record being read and a read-ahead of at least
:data:`AHEAD` bytes (more than the guess of a record's end looks at), so records, problems,
positions and messages are those of the same bytes held whole.  A value that runs past the window
grows it, to at most :data:`~.streams.LIMIT` bytes.

Two things differ from bytes held whole, because a stream cannot be read twice: a NUL byte ends
the reading where it is (held whole, the file is refused before any record), and the text scanned
for credentials after a parse error is what could not be parsed (the bad value, or everything from
a break in the structure on, as far as :data:`~.streams.LIMIT`), not the whole file.
"""

from __future__ import annotations

from typing import BinaryIO, Callable, Iterator

from ..findings import Problem
from .base import Record, Unparsed
from .json_ import JSONBytes
from .records import _MAX_GUESS, JSONDiscovery, _Stop
from .scanner import WS as _WS, Unscannable, scan_value
from .streams import LIMIT, StreamError

#: Bytes kept ahead of the record being read; a record's end is guessed within _MAX_GUESS.
AHEAD = _MAX_GUESS + (1 << 20)
_BLOCK = 4 << 20
_LOOKAHEAD = 16  # a message describes the token at an offset from its first few characters


class StreamDiscovery(JSONDiscovery):
    """Records and problems of a JSON document read from ``reader`` in blocks.

    ``first`` holds the bytes already read (the head that decided the shape), ``origin`` where the
    text starts in it (after a byte-order mark).  Unparsed text is appended to ``spans``.
    """

    def __init__(self, reader: BinaryIO, first: bytes, origin: int, spans: list[Unparsed],
                 failure: Callable[[], StreamError | None]) -> None:
        self.binary: int | None = None  # stream offset of a NUL byte: the data stops before it
        super().__init__(self._cut(first, 0), origin, None)
        self.reader = reader
        self.spans = spans
        self.failure = failure
        self.base = 0  # offset in the stream of data[0]
        self.eof = False
        self.needed_past_nul = self.told_nul = False

    def items(self) -> Iterator[Record | Problem]:
        """Records and problems; then why the data ended early, if it did, where it ended."""
        yield from super().items()
        if self.binary is not None and not self.told_nul:
            yield self._nul()  # the data goes on after the document, or after a break before it
        failure = self.failure()
        if failure is not None:
            yield Problem("parse-error", failure.message, (), *self.text.position(len(self.data)))

    def _stopped(self, stop: _Stop) -> Problem:
        # Where the data stops at a NUL byte, that is what ended the document.
        return self._nul() if self.needed_past_nul else stop.problem

    def _nul(self) -> Problem:
        self.told_nul = True
        message = f"binary file (NUL byte at byte {self.binary}): reading stops here"
        return Problem("parse-error", message, (), *self.text.position(len(self.data)))

    # -- reading -------------------------------------------------------------------------------

    def _cut(self, block: bytes, at: int) -> bytes:
        """``block`` (at stream offset ``at``) up to its first NUL byte, which is remembered."""
        nul = block.find(b"\x00")
        if nul < 0:
            return block
        self.binary = at + nul
        return block[:nul]

    def _more(self, start: int | None) -> bool:
        """Append a block (at least as large as the window, so growing costs linear time); False at
        the end.  ``start`` is where the value being read begins: it may span at most LIMIT bytes
        (None: reading ahead)."""
        if self.eof:
            return False
        if self.binary is not None:  # the data ends before the NUL byte
            self.needed_past_nul = self.needed_past_nul or start is not None
            return False
        room = LIMIT + 1 - (len(self.data) - start) if start is not None else _BLOCK
        if room <= 0:
            raise self._stop(start, (), f"a value larger than {LIMIT >> 20} MB: reading stops here")
        block = self.reader.read(min(max(_BLOCK, len(self.data)), room))
        if not block:
            self.eof = True
            return False
        text = self.text
        self.data += self._cut(block, self.base + len(self.data))
        self.text = JSONBytes(self.data, text.origin, text.line, self.base, text.column)
        return True

    def _slide(self, pos: int) -> None:
        """Drop the bytes before ``pos`` and read ahead."""
        line, column = self.text.position(pos)
        self.base += pos
        self.data = self.data[pos:]
        self.text = JSONBytes(self.data, 0, line, self.base, column)
        while len(self.data) < 2 * AHEAD and self._more(None):
            pass

    # -- hooks ---------------------------------------------------------------------------------

    def _next(self, pos: int, slide: bool = False) -> int:
        begin = pos
        while True:
            if slide and not self.eof and len(self.data) - pos < AHEAD:
                self._slide(pos)  # drops what is before pos, blank runs included
                begin = pos = 0
            end = _WS.match(self.data, pos).end()
            if self.eof or end + _LOOKAHEAD < len(self.data):
                return end
            if slide and end > 0:
                pos = end  # the next turn drops the blank run and reads ahead
                continue
            if not self._more(begin):
                return end
            pos = end

    def _end_of(self, start: int, path: tuple) -> int:
        while True:
            try:
                end = scan_value(self.data, start)
            except Unscannable as error:
                if error.at_end and self._more(start):
                    continue
                while error.offset + _LOOKAHEAD >= len(self.data) and self._more(start):
                    pass  # the message describes what follows the point of failure
                raise self._exact_rest(start, path) from None
            if end < len(self.data) or not self._more(start):  # a number may go on
                return self._next(end)

    def _unparsed(self, start: int, end: int | None) -> None:
        if end is None:  # a break: the rest is scanned, as far as LIMIT
            try:
                while self._more(start):
                    pass
            except _Stop:
                pass
        line, column = self.text.position(start)
        self.spans.append(Unparsed(self.data[start:end], line, column))
