"""Secret detection for connection records, shared by ``secret-key`` (TL201) and ``secret-value`` (TL202).

:func:`analyze` walks a record once and returns every secret it holds, already split between the
two rules so that one path never gets both (``analysis.py``).  What is detected, what is
deliberately not, and why: ``docs/secrets.md``.

The modules, from the bottom up: ``responses`` (documented token responses and JSON Web Keys),
``keys`` (what a member name says), ``placeholders`` and ``values`` (what a value can be),
``headers`` (HTTP header syntax), ``shapes`` (the table of credential formats), ``opaque``
(values with no prefix: AWS secret keys, high-entropy strings), ``urls`` and ``detectors``
(finding and confirming credentials in a string), ``analysis`` (the walk).
"""

from __future__ import annotations

from typing import Any

from terapi_lint.secrets.analysis import KEY, VALUE, Hit, analyze, clear_caches
from terapi_lint.secrets.detectors import find_secrets
from terapi_lint.secrets.text import scan_text
from terapi_lint.secrets.keys import classify_key
from terapi_lint.secrets.placeholders import is_placeholder

__all__ = [
    "KEY",
    "VALUE",
    "Hit",
    "analyze",
    "hits_for",
    "clear_caches",
    "find_secrets",
    "scan_text",
    "classify_key",
    "is_placeholder",
]

_CACHE_KEY = "secrets"


def hits_for(record: Any, ctx: Any = None) -> list[Hit]:
    """:func:`analyze` of ``record.value``, computed once per record and shared by both rules via ``ctx.state``."""
    state = getattr(ctx, "state", None)
    if state is not None:
        cached = state.get(_CACHE_KEY)
        if cached is not None and cached[0] is record:
            return cached[1]
    hits = analyze(record.value, shared_nodes=getattr(record, "kind", "yaml") == "yaml")
    if state is not None:
        state[_CACHE_KEY] = (record, hits)
    return hits
