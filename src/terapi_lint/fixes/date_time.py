"""``invalid-date-time``: an unambiguous RFC 3339 timestamp written loosely becomes the strict form:
a space for ``T``, lower-case ``t``/``z``, an offset without its colon (``2026-05-04 08:00:00+0000``
-> ``2026-05-04T08:00:00+00:00``).  A missing offset is never guessed and an impossible date or
time is never repaired: the result must pass the strict check."""

from __future__ import annotations

import re
from typing import Any

from terapi_lint.fixes.facts import Facts
from terapi_lint.schema.formats import date_time_problem

RULE = "invalid-date-time"
_LOOSE = re.compile(
    r"(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:([Zz])|([+-]\d{2}):?(\d{2}))", re.ASCII)


def propose(value: Any, facts: Facts) -> Any:
    """The strict spelling of ``value``, or None when it is not a loose but valid timestamp."""
    if not isinstance(value, str):
        return None
    m = _LOOSE.fullmatch(value)
    if m is None:
        return None
    date, time, zulu, hours, minutes = m.groups()
    fixed = f"{date}T{time}{'Z' if zulu else f'{hours}:{minutes}'}"
    return fixed if fixed != value and date_time_problem(fixed) is None else None
