"""ECMA-262 regular expressions, the dialect of JSON Schema's ``pattern``, ``patternProperties``
and ``regex`` format, through ``regress`` (imported only when a schema holds a pattern).

Python's ``re`` is not that dialect: it refuses ``\\p{L}``, lets ``\\d`` and ``\\w`` match
non-ASCII digits and letters, and accepts ``(?P<name>...)``.  Patterns are compiled with the
``u`` flag, as the 2020-12 specification asks.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> Any:
    """The compiled ECMA-262 pattern; raises ``ValueError`` when it is not one."""
    import regress

    try:
        return regress.Regex(pattern, "u")
    except regress.RegressError as error:
        raise ValueError(str(error)) from None


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` is not an ECMA-262 regular expression, or None when it is one."""
    try:
        compile_pattern(pattern)
    except ValueError as error:
        return str(error) or "it does not compile"
    return None


def search(pattern: str, text: str) -> bool:
    """Whether ``pattern`` matches somewhere in ``text`` (patterns are not anchored).

    A lone surrogate (JSON allows ``"\\ud800"``) cannot reach regress: it is matched as U+FFFD.
    """
    regex = compile_pattern(pattern)
    try:
        return regex.find(text) is not None
    except UnicodeEncodeError:
        return regex.find(text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")) is not None
