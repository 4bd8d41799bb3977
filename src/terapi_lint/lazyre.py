"""Regexes compiled on first use, so that start-up pays only for the ones a run needs.

Python compiles every ``re.compile`` at import and keeps nothing between runs: a large pattern that
only a rare path uses (a header's auth-params, an IRI's Unicode ranges) costs milliseconds on
every call of the CLI.  :class:`LazyPattern` stands for such a pattern; its first method call
compiles it, and later calls go straight to the compiled pattern's methods.
"""

from __future__ import annotations

import re
from typing import Any

_METHODS = ("match", "fullmatch", "search", "sub", "subn", "finditer", "findall", "split")


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled when one of its methods is first used."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # called only until the methods are set
        compiled = re.compile(*self._source)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)
