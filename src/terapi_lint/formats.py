"""Format checks that do not depend on optional packages.

jsonschema checks ``date-time`` only when ``rfc3339-validator`` happens to be importable; this
module registers its own strict RFC 3339 check (and a few cheap ones) on a private FormatChecker,
so format validation always runs.
"""

from __future__ import annotations

import re
import uuid
from calendar import monthrange
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jsonschema import FormatChecker

_DATE_TIME = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"[Tt](?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2})(?:\.\d+)?"
    r"(?P<offset>[Zz]|(?P<sign>[+-])(?P<oh>\d{2}):(?P<om>\d{2}))",
    re.ASCII,
)
# Always valid when it matches: days 01-28 exist in every month, no leap second.  Most real
# timestamps take this path and skip the calendar arithmetic.
_COMMON_DATE_TIME = re.compile(
    r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])[Tt](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?"
    r"(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)",
    re.ASCII,
).fullmatch
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_LOOSE_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?", re.ASCII)


def date_time_problem(value: str) -> str | None:
    """Why ``value`` is not an RFC 3339 date-time, or None when it is one.

    Strict RFC 3339 section 5.6: ``T``/``Z`` in either case, a mandatory offset no larger than
    23:59, real calendar days, and a leap second only where it falls at 23:59:60 UTC.  The reason
    never quotes the value.
    """
    m = _DATE_TIME.fullmatch(value)
    if m is None:
        return _shape_problem(value)
    year, month, day = int(m["year"]), int(m["month"]), int(m["day"])
    hour, minute, second = int(m["hour"]), int(m["minute"]), int(m["second"])
    if not 1 <= month <= 12:
        return f"month {month:02d} does not exist"
    if not 1 <= day <= monthrange(year, month)[1]:
        return f"day {day:02d} does not exist in {year:04d}-{month:02d}"
    if hour > 23:
        return f"hour {hour:02d} is out of range (00-23)"
    if minute > 59:
        return f"minute {minute:02d} is out of range (00-59)"
    offset_minutes = 0
    if m["sign"]:
        oh, om = int(m["oh"]), int(m["om"])
        if oh > 23 or om > 59:
            return "the UTC offset is out of range (at most 23:59)"
        offset_minutes = (oh * 60 + om) * (1 if m["sign"] == "+" else -1)
    if second == 60:
        utc_minutes = (hour * 60 + minute - offset_minutes) % (24 * 60)
        if utc_minutes != 23 * 60 + 59:
            return "a leap second (:60) is only valid at 23:59:60 UTC"
    elif second > 59:
        return f"second {second:02d} is out of range (00-59)"
    return None


def _shape_problem(value: str) -> str:
    if not value.strip():
        return "it is empty"
    if _DATE.fullmatch(value):
        return "it is a date without a time; RFC 3339 date-time needs both, e.g. 2026-01-15T10:00:00Z"
    loose = _LOOSE_DATE_TIME.match(value)
    if loose:
        rest = value[loose.end():]
        if " " in value[:loose.end()]:
            return "date and time must be separated by 'T', not a space"
        if loose.group(1) is None:
            return "seconds are missing (hh:mm:ss)"
        if not rest:
            return "the UTC offset is missing; add 'Z' or an offset like +02:00"
        if re.fullmatch(r"[+-]\d{4}", rest):
            return "the UTC offset needs a colon (+hh:mm)"
        return "the text after the time is not a UTC offset ('Z' or +hh:mm)"
    if value.isdigit():
        return "it is a number, not an RFC 3339 date-time; write e.g. 2026-01-15T10:00:00Z"
    return "it is not an RFC 3339 date-time (expected e.g. 2026-01-15T10:00:00Z)"


def is_date_time(value: object) -> bool:
    if not isinstance(value, str) or _COMMON_DATE_TIME(value):
        return True
    return date_time_problem(value) is None


def is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    m = _DATE.fullmatch(value)
    if not m:
        return False
    year, month, day = (int(g) for g in m.groups())
    return 1 <= month <= 12 and 1 <= day <= monthrange(year, month)[1]


def is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if len(value) != 36 or value.count("-") != 4:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def build_format_checker() -> FormatChecker:
    """jsonschema's default format checker with our own date-time, date and uuid checks."""
    from jsonschema import FormatChecker

    checker = FormatChecker()
    checker.checks("date-time")(is_date_time)
    checker.checks("date")(is_date)
    checker.checks("uuid")(is_uuid)
    return checker
