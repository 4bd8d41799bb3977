"""Format checks that do not depend on optional packages.

jsonschema checks ``date-time``, ``uri``, ``hostname`` and others only when some optional package
happens to be importable, so the same schema would pass on one machine and fail on another.  This
module defines every format check terapi-lint makes, with the standard library only, and both
validation engines use exactly these (:data:`CHECKS`); formats not listed there are annotations,
as Draft 2020-12 allows.
"""

from __future__ import annotations

import ipaddress
import re
import uuid
from calendar import monthrange
from collections.abc import Callable
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


_TIME = re.compile(
    r"(?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2})(?:\.\d+)?"
    r"(?P<offset>[Zz]|(?P<sign>[+-])(?P<oh>\d{2}):(?P<om>\d{2}))",
    re.ASCII,
)


def is_time(value: object) -> bool:
    """RFC 3339 ``full-time``: an offset is required; a leap second only at 23:59:60 UTC."""
    if not isinstance(value, str):
        return True
    return date_time_problem(f"2016-12-31T{value}") is None if _TIME.fullmatch(value) else False


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+").fullmatch
_HOSTNAME = re.compile(
    r"(?=.{1,253}\.?$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?", re.ASCII
).fullmatch
_URI_CHARS = r"[^\s<>\"{}|\\^`\x00-\x1f\x7f]*"
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:" + _URI_CHARS).fullmatch
_URI_REFERENCE = re.compile(_URI_CHARS).fullmatch
_JSON_POINTER = re.compile(r"(?:/(?:[^~/]|~[01])*)*").fullmatch
_DURATION = re.compile(
    r"P(?:(?:\d+Y(?:\d+M)?(?:\d+D)?|\d+M(?:\d+D)?|\d+D)(?:T(?:\d+H(?:\d+M)?(?:\d+S)?|\d+M(?:\d+S)?|\d+S))?"
    r"|T(?:\d+H(?:\d+M)?(?:\d+S)?|\d+M(?:\d+S)?|\d+S)|\d+W)",
    re.ASCII,
).fullmatch


def _strings(test: Callable[[str], object]) -> Callable[[object], bool]:
    return lambda value: not isinstance(value, str) or bool(test(value))


def _parses(parse: Callable[[str], object]) -> Callable[[object], bool]:
    def check(value: object) -> bool:
        if not isinstance(value, str):
            return True
        try:
            parse(value)
        except (ValueError, re.error, OverflowError, RecursionError):
            return False
        return True

    return check


#: Every format terapi-lint checks, by name.  Other formats (``iri``, ``uri-template``,
#: ``idn-email``, ``int64``...) are annotations only.
CHECKS: dict[str, Callable[[object], bool]] = {
    "date-time": is_date_time,
    "date": is_date,
    "time": is_time,
    "uuid": is_uuid,
    "email": _strings(_EMAIL),
    "hostname": _strings(_HOSTNAME),
    "ipv4": _parses(ipaddress.IPv4Address),
    "ipv6": _parses(ipaddress.IPv6Address),
    "uri": _strings(_URI),
    "uri-reference": _strings(_URI_REFERENCE),
    "json-pointer": _strings(_JSON_POINTER),
    "duration": _strings(_DURATION),
    "regex": _parses(re.compile),
}


def build_format_checker() -> FormatChecker:
    """A jsonschema FormatChecker holding exactly :data:`CHECKS`."""
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    for name, check in CHECKS.items():
        checker.checks(name)(check)
    return checker
