"""The ``format`` checks of the fallback validator, one per format of the 2020-12 vocabulary.

jsonschema checks ``date-time``, ``uri``, ``hostname`` and others only when some optional package
happens to be importable, so the same schema would pass on one machine and fail on another.  This
module states every check (:data:`CHECKS`): well-kept libraries where the standard is theirs
(``idna`` for IDNA 2008, ``rfc3986-validator`` for RFC 3986, ``email-validator`` for RFC 5321,
``regress`` for ECMA-262), and our own code where it is one line of an RFC's grammar or must give
the rules' exact reasons (RFC 3339 date-time).  Libraries are imported on a format's first use.
The official suite's format cases hold every check to the standard, and the fast validator
(jsonschema-rs) to the same verdicts (tests/unit/test_conformance.py).
"""

from __future__ import annotations

import ipaddress
import re
from calendar import monthrange
from collections.abc import Callable
from typing import TYPE_CHECKING

from terapi_lint.lazyre import LazyPattern

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


_UUID = LazyPattern(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", re.ASCII)


def is_uuid(value: object) -> bool:
    """RFC 4122 text form: 8-4-4-4-12 ASCII hex digits (Python's ``uuid.UUID`` takes more)."""
    return not isinstance(value, str) or bool(_UUID.fullmatch(value))


_TIME = LazyPattern(
    r"(?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2})(?:\.\d+)?"
    r"(?P<offset>[Zz]|(?P<sign>[+-])(?P<oh>\d{2}):(?P<om>\d{2}))",
    re.ASCII,
)


def is_time(value: object) -> bool:
    """RFC 3339 ``full-time``: an offset is required; a leap second only at 23:59:60 UTC."""
    if not isinstance(value, str):
        return True
    return date_time_problem(f"2016-12-31T{value}") is None if _TIME.fullmatch(value) else False


# RFC 3339 appendix A, term by term: a year may be followed only by months, hours only by minutes.
_D = r"[0-9]+"
_DUR_TIME = rf"T(?:{_D}H(?:{_D}M(?:{_D}S)?)?|{_D}M(?:{_D}S)?|{_D}S)"
_DURATION = LazyPattern(
    rf"P(?:(?:{_D}D|{_D}M(?:{_D}D)?|{_D}Y(?:{_D}M(?:{_D}D)?)?)(?:{_DUR_TIME})?|{_DUR_TIME}|{_D}W)"
)
_JSON_POINTER = r"(?:/(?:[^~/]|~[01])*)*"
_JSON_POINTER_RE = LazyPattern(_JSON_POINTER)
_RELATIVE_JSON_POINTER = LazyPattern(rf"(?:0|[1-9][0-9]*)(?:#|{_JSON_POINTER})")
# RFC 6570 section 2: literals (with ', as the official suite has it), and expressions of an
# optional operator and var-specs.
_VARCHAR = r"(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})"
_VARSPEC = rf"{_VARCHAR}(?:\.?{_VARCHAR})*(?::[1-9][0-9]{{0,3}}|\*)?"
_URI_TEMPLATE = LazyPattern(
    r"(?:[!#$&-;=?-\[\]_a-z~\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0010fffd]|%[0-9A-Fa-f]{2}"
    rf"|\{{[+#./;?&=,!@|]?{_VARSPEC}(?:,{_VARSPEC})*\}})*"
)
_HOST_LABEL = LazyPattern(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)", re.ASCII)


def is_hostname(value: object) -> bool:
    """RFC 1123 names of letters, digits and hyphens; an ``xn--`` label must be valid IDNA (``idna``)."""
    if not isinstance(value, str):
        return True
    if not value or len(value) > 253:
        return False
    for label in value.split("."):
        if not _HOST_LABEL.fullmatch(label):
            return False
        if label[2:4] == "--":
            if label[:4].lower() != "xn--":
                return False
            import idna

            try:
                idna.ulabel(label)
            except (idna.IDNAError, UnicodeError):
                return False
    return True


def is_idn_hostname(value: object) -> bool:
    """RFC 5890 internationalised host names: IDNA 2008 (``idna``) with the RFC 5893 bidi rule.

    When one label is right-to-left the whole name is a bidi domain name and every label must
    pass the bidi rule, which ``idna`` checks only for the labels that hold RTL characters.
    """
    if not isinstance(value, str):
        return True
    import unicodedata

    import idna

    try:
        ascii_name = idna.encode(value, uts46=False).decode("ascii")
        labels = [idna.ulabel(label) for label in ascii_name.split(".")]
        if any(unicodedata.bidirectional(char) in ("R", "AL", "AN") for label in labels for char in label):
            for label in labels:
                idna.check_bidi(label, check_ltr=True)
    except (idna.IDNAError, UnicodeError, ValueError):
        return False
    return is_hostname(ascii_name)


def _ipv4(value: str) -> bool:
    if not value.isascii():
        return False
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return False
    return True


def is_ipv4(value: object) -> bool:
    """Dotted decimal, four ASCII octets without leading zeros."""
    return not isinstance(value, str) or _ipv4(value)


def is_ipv6(value: object) -> bool:
    """RFC 4291 text forms; no zone index (``%eth0``), an embedded IPv4 part as strict as ipv4."""
    if not isinstance(value, str):
        return True
    if not value.isascii() or "%" in value:
        return False
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    tail = value.rsplit(":", 1)[-1]
    return "." not in tail or _ipv4(tail)


_IP_LITERAL = LazyPattern(r"//(?:[^/?#@]*@)?\[([^\]]*)\]")
_IP_FUTURE = LazyPattern(r"[vV][0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+")


def _uri(value: str, rule: str) -> bool:
    """RFC 3986 (``rfc3986-validator``); the IP literal host is checked here, stricter than it."""
    if "\n" in value:  # the validator's regex ends in ``$``, which allows a final newline
        return False
    literal = _IP_LITERAL.match(value, value.find("//")) if "[" in value and "//" in value else None
    if literal:
        host = literal.group(1)
        if not (is_ipv6(host) if not host[:1] in "vV" else _IP_FUTURE.fullmatch(host)):
            return False
        value = value[:literal.start(1)] + "::1" + value[literal.end(1):]
    from rfc3986_validator import validate_rfc3986

    return bool(validate_rfc3986(value, rule=rule))


# RFC 3987: the characters an IRI may hold beyond a URI's (``iprivate`` only in the query).
_UCSCHAR = (
    "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd"
    "\U00030000-\U0003fffd\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd"
    "\U00070000-\U0007fffd\U00080000-\U0008fffd\U00090000-\U0009fffd\U000a0000-\U000afffd"
    "\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd\U000e1000-\U000efffd"
)
_UCS = LazyPattern(f"[{_UCSCHAR}]")
_IPRIVATE = LazyPattern("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_NON_ASCII = LazyPattern("[^\x00-\x7f]")


def _iri(value: str, rule: str) -> bool:
    """RFC 3987 section 3.1: an IRI is valid when its characters are and its URI mapping is."""
    query = value.find("?")
    fragment = value.find("#")
    query_end = fragment if fragment >= 0 else len(value)
    allowed = True

    def encode(match: re.Match[str]) -> str:
        nonlocal allowed
        char = match.group()
        if not (_UCS.fullmatch(char) or (0 <= query < match.start() < query_end and _IPRIVATE.fullmatch(char))):
            allowed = False
        return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))

    mapped = _NON_ASCII.sub(encode, value)
    return allowed and _uri(mapped, rule)


def _email(value: str, idn: bool) -> bool:
    """RFC 5321 mailboxes (``email-validator``, syntax only: no DNS, quoted local parts and
    address literals allowed).  For idn-email, RFC 6531 lets the local part hold any non-ASCII
    character, which email-validator narrows to "safe" ones: those are checked as ASCII letters."""
    from email_validator import EmailNotValidError, validate_email

    if idn:
        import unicodedata

        local, at, domain = value.rpartition("@")
        domain = unicodedata.normalize("NFC", domain)
        if not at or (domain and not is_idn_hostname(domain) and not domain.startswith("[")):
            return False
        value = _NON_ASCII.sub("a", local) + at + domain
    elif not value.isascii():
        return False
    try:
        validate_email(value, check_deliverability=False, allow_quoted_local=True, allow_domain_literal=True,
                       allow_smtputf8=idn, test_environment=True, globally_deliverable=False)
    except EmailNotValidError:
        return False
    return True


def _strings(test: Callable[[str], object]) -> Callable[[object], bool]:
    return lambda value: not isinstance(value, str) or bool(test(value))


def _regex(value: str) -> bool:
    from terapi_lint.schema.patterns import pattern_problem

    return pattern_problem(value) is None


#: Every format of the Draft 2020-12 format vocabulary, by name.  Others (``int64``, ``float``...)
#: are annotations.
CHECKS: dict[str, Callable[[object], bool]] = {
    "date-time": is_date_time,
    "date": is_date,
    "time": is_time,
    "duration": _strings(lambda v: _DURATION.fullmatch(v)),
    "email": _strings(lambda v: _email(v, idn=False)),
    "idn-email": _strings(lambda v: _email(v, idn=True)),
    "hostname": is_hostname,
    "idn-hostname": is_idn_hostname,
    "ipv4": is_ipv4,
    "ipv6": is_ipv6,
    "uri": _strings(lambda v: _uri(v, "URI")),
    "uri-reference": _strings(lambda v: _uri(v, "URI_reference")),
    "iri": _strings(lambda v: _iri(v, "URI")),
    "iri-reference": _strings(lambda v: _iri(v, "URI_reference")),
    "uuid": is_uuid,
    "uri-template": _strings(lambda v: _URI_TEMPLATE.fullmatch(v)),
    "json-pointer": _strings(lambda v: _JSON_POINTER_RE.fullmatch(v)),
    "relative-json-pointer": _strings(lambda v: _RELATIVE_JSON_POINTER.fullmatch(v)),
    "regex": _strings(_regex),
}


def build_format_checker() -> FormatChecker:
    """A jsonschema FormatChecker holding exactly :data:`CHECKS`.

    A string holding a lone surrogate (JSON allows ``"\\ud800"``) is not Unicode text, and is
    of no format.
    """
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    for name in CHECKS:
        checker.checks(name)(format_check(name))
    return checker


def format_check(name: str) -> Callable[[object], bool]:
    """The check of format ``name`` as the validators run it (see :func:`build_format_checker`)."""
    return _text_only(CHECKS[name])


def _text_only(check: Callable[[object], bool]) -> Callable[[object], bool]:
    def text_check(value: object) -> bool:
        if isinstance(value, str) and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return False
        return check(value)

    return text_check
