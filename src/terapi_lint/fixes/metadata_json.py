"""``metadata-not-object``: metadata that is a string holding a JSON object (serialised twice)
becomes the object itself; :mod:`.render` writes it formatted like its surroundings."""

from __future__ import annotations

import json
from typing import Any

from terapi_lint.fixes.facts import Facts

RULE = "metadata-not-object"


def propose(value: Any, facts: Facts) -> Any:
    """The object the string holds, or None."""
    if not isinstance(value, str) or not value.strip().startswith("{"):
        return None
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError):
        return None
    return parsed if isinstance(parsed, dict) else None
