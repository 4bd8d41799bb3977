"""Where a JSON value ends, found without parsing it: what cuts a dump into records.

A scanner built from C-speed regular expressions skips strings and runs of other characters; only
brackets cost a Python step.  It accepts everything the exact parser (:mod:`.positions`) accepts
and may accept more (it does not look inside strings or scalars): a span it finds is proved by
parsing it.
"""

from __future__ import annotations

import re

from .positions import MAX_DEPTH

STRING = rb'"[^"\\]*(?:\\.[^"\\]*)*"'
WS = re.compile(rb"[ \t\n\r]*")
_SKIP_NESTED = re.compile(rb"(?s)(?:[^\"\[\]{}]+|" + STRING + rb")*")
_SKIP_TOP = re.compile(rb"(?s)(?:[^\"\[\]{},]+|" + STRING + rb")*")
_OPEN, _CLOSE = b"[{", b"]}"


class Unscannable(Exception):
    """The scanner cannot delimit a value; the exact parser will say why, at or before ``offset``.
    ``at_end``: the data ended inside the value (more of a stream may complete it)."""

    def __init__(self, offset: int, at_end: bool = False) -> None:
        super().__init__()
        self.offset = offset
        self.at_end = at_end


def scan_value(data: bytes, pos: int) -> int:
    """Index just after the value starting at ``pos``: after its closing bracket, or for a scalar
    at the ``,``, bracket or end of data that follows it.

    Only brackets cost a Python step; strings and other runs are skipped by the regex engine.
    Raises :class:`Unscannable` on an unterminated string, a mismatched or unclosed bracket, or
    nesting deeper than MAX_DEPTH.
    """
    stack = bytearray()
    size = len(data)
    start = pos
    while True:
        pos = (_SKIP_NESTED if stack else _SKIP_TOP).match(data, pos).end()
        if pos >= size:
            if stack:
                raise Unscannable(pos, at_end=True)
            return pos
        char = data[pos]
        if char in _OPEN:
            if not stack and pos > start:  # a second value: the caller reports it
                return pos
            if len(stack) >= MAX_DEPTH:
                raise Unscannable(pos)
            stack.append(char + 2)  # '[' + 2 == ']', '{' + 2 == '}'
        elif char in _CLOSE:
            if not stack:
                return pos
            if stack.pop() != char:
                raise Unscannable(pos)
            if not stack:
                return pos + 1
        elif char == 0x2C and not stack:  # ','
            return pos
        else:  # an unterminated string
            raise Unscannable(size, at_end=True)
        pos += 1


def value_end(data: bytes, pos: int) -> int | None:
    """Index just after the value starting at ``pos``, or None when the scanner cannot delimit it."""
    try:
        return scan_value(data, pos)
    except Unscannable:
        return None
