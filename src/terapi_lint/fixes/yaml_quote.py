"""``wrong-type`` in YAML: a plain scalar YAML 1.1 reads as a boolean or a number (``provider: no``,
``version: 1.10``) where the schema wants a string is quoted, keeping the text as written
(``provider: "no"``)."""

from __future__ import annotations

from typing import Any

from terapi_lint.fixes.facts import Facts

RULE = "wrong-type"


def propose(value: Any, facts: Facts) -> Any:
    """The scalar's text as a string, or None."""
    if facts.kind != "yaml" or facts.raw is None or facts.style is not None or not facts.wants_string:
        return None
    if isinstance(value, (bool, int, float)) and facts.raw.strip():
        return facts.raw
    return None
