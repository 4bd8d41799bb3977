"""``invalid-enum``: a value that differs from exactly one allowed value only by case, ``-``/``_``
or spacing becomes that value (``OAuth2`` -> ``oauth2``, ``API_KEY`` -> ``api_key``,
``api key`` -> ``api_key``).  A near miss by a typo (``oauth3``) is left to a human."""

from __future__ import annotations

import re
from typing import Any

from terapi_lint.fixes.facts import Facts

RULE = "invalid-enum"
_SEPARATORS = re.compile(r"[\s_-]+")


def _folded(text: str) -> str:
    return _SEPARATORS.sub("_", text.strip()).casefold()


def propose(value: Any, facts: Facts) -> Any:
    """The one allowed string ``value`` stands for, or None."""
    if not isinstance(value, str) or facts.allowed is None:
        return None
    matches = {a for a in facts.allowed if isinstance(a, str) and _folded(a) == _folded(value)}
    return matches.pop() if len(matches) == 1 else None
