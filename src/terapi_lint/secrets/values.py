"""Value judgement: can the value of a credential-named member be a credential at all?

A member name says what a member is *about*, not always what it holds.  In a field mapping,
``"api_key": "X-Api-Key"`` names a header and ``"password": "pass"`` names a form field; in a
settings block, ``"token": "bearer"`` is a label.  :func:`can_be_credential` judges the value
itself, so that a credential name only counts when its value could be a credential:

* not credentials: empty strings, placeholders and references (see ``placeholders``), names
  (identifiers in snake, camel, kebab, dotted or path form whose parts read like words:
  ``X-Api-Key``, ``user_password``, ``clientSecret``, ``Api_Key__c``, ``customfield_10042``,
  ``/oauth/token``), short words and labels (``pass``, ``HEADER``, ``Access token``), lists of
  names (``"password, api_key"``), e-mail addresses, URLs without a password in them, and numbers
  except a PIN or password of four or more digits;
* credentials: anything else, however weak: ``hunter2`` (a word glued to a digit), ``Zq8kPw77``,
  ``Winter-Sun-2026`` (mixed-case parts), a UUID, a hex string, ``sunny meadow 42!``.

Word-likeness is judged without a dictionary: a part reads like a word when it is short (up to
three letters: ``pwd``, ``api``, ``db``) or has a vowel, no run of five consonants and no letter
three times in a row.  Random letters rarely pass that test, and real credentials almost always
hold digits or symbols, which a name's parts never mix with letters (except a few technical
labels such as ``sha256``, ``oauth2``, ``v2``).

Nothing here is memoized: these functions see candidate secrets.
"""

from __future__ import annotations

import re

from terapi_lint.secrets.placeholders import is_placeholder

__all__ = ["can_be_credential", "is_name_like", "PASSWORD_KINDS"]

#: Kinds for which a bare number of four or more digits is a credential (a PIN, a numeric
#: password; YAML reads ``password: 12345678`` as a number).
PASSWORD_KINDS = frozenset({"password", "passphrase", "passcode", "PIN"})

_DIGITS = re.compile(r"[0-9]+")
# Characters a name may hold; anything else (``!``, ``+``, ``=``, ``%``, ``&``, ``~``...) makes
# the value a credential candidate at once.
_NAME_CHARS = re.compile(r"[A-Za-z0-9_\-./:$@#, ;|]+")
_LIST_SEP = re.compile(r"\s*[,;|]\s*")
_SEGMENT_SEP = re.compile(r"[./:]+")
_PART_SEP = re.compile(r"[_-]+")
# camelCase / PascalCase / ACRONYMCase humps, as in keys.tokenize; digits stay separate.
_HUMPS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
# Letters glued to digits that are still labels (algorithms, versions, protocol names).
_TECH_LABEL = re.compile(
    r"(?i)v\d{1,4}|x\d{3,5}|[shp]\d{1,3}|(?:sha|md|hs|rs|es|ps|aes|rsa|oauth|utf|base|http|tls|ssl|ed|ipv|crc|pkcs|api)\d{1,4}[a-z]?"
)
_VOWELS = frozenset("aeiouyAEIOUY")
_CONSONANT_RUN = re.compile(r"[^aeiouyAEIOUY0-9]{5}")
_TRIPLE = re.compile(r"(.)\1\1")
_EMAIL = re.compile(r"[^@\s:/]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://([^/?#\s]*)")


def _word_like(part: str) -> bool:
    """One run of letters reads like a word or an abbreviation (see the module docstring)."""
    if len(part) <= 3:
        return True
    if len(part) > 24 or not (_VOWELS & set(part)):
        return False
    return _CONSONANT_RUN.search(part) is None and _TRIPLE.search(part.lower()) is None


def _identifier(segment: str) -> bool:
    """A snake, kebab, camel or Train-Case identifier whose parts read like words."""
    segment = segment.lstrip("$@#")
    if segment.endswith(("__c", "__r", "__pc", "__x")):  # Salesforce custom field suffixes
        segment = segment[: segment.rindex("__")]
    parts = [p for p in _PART_SEP.split(segment) if p]
    if not parts:
        return False
    lower = upper = digits = 0
    letters = 0
    for part in parts:
        if part.isdigit():
            digits += 1
            continue
        if part.isalpha():
            humps = _HUMPS.findall(part)
            if len(humps) >= 3 and 2 * sum(len(h) <= 2 for h in humps) > len(humps):
                return False  # aBcDeF: too many tiny humps for a name
            if not all(_word_like(h) for h in humps):
                return False
            letters += 1
            if part.islower() and len(part) > 1:
                lower += 1
            elif not part.islower():
                upper += 1
        elif _TECH_LABEL.fullmatch(part) is None:
            return False  # letters glued to digits: hunter2, Zq8kPw77
        else:
            letters += 1
    # ``sunny-Meadow``: names keep one case style across their parts, and only all-lower or
    # all-upper names number their parts (``customfield_10042``, ``PROJ-123``; not ``Winter-Sun-2026``).
    if letters == 0 or (lower and upper and len(parts) > 1):
        return False
    return not (digits and upper and any(not p.isupper() for p in parts if p.isalpha()))


def _single_name(item: str) -> bool:
    """One name: an identifier, a dotted or path-like name, or a URL path."""
    segments = [s for s in _SEGMENT_SEP.split(item.lstrip("$@#")) if s]
    return bool(segments) and all(s.isdigit() or _identifier(s) for s in segments)


def is_name_like(value: str) -> bool:
    """The value names something (a field, a header, a label, a list of them) rather than holding a secret."""
    v = value.strip()
    if not v or _NAME_CHARS.fullmatch(v) is None:
        return False
    items = [i for i in _LIST_SEP.split(v) if i]
    if not items:
        return False
    for item in items:
        words = item.split()
        if not words or not all(_single_name(w) or w.isdigit() for w in words):
            return False
    return True


def can_be_credential(value: object, kind: str) -> bool:
    """Could ``value``, held by a member whose name says it is a ``kind`` credential, be one?

    Formats (a GitHub token, a PEM key...) are judged by the caller first; this decides the rest.
    """
    if value is None or value is True or value is False:
        return False
    if type(value) is int:
        return kind in PASSWORD_KINDS and abs(value) >= 1000
    if not isinstance(value, str):
        return False
    v = value.strip()
    if not v or is_placeholder(v):
        return False
    if _DIGITS.fullmatch(v):
        return kind in PASSWORD_KINDS and len(v) >= 4
    url = _URL.match(v)
    if url is not None:
        # The caller's format scan finds a password or a credential query parameter in a URL;
        # otherwise a URL is an address (where to find the credential, or an endpoint).
        return ":" in url.group(1).rpartition("@")[0]
    if _EMAIL.fullmatch(v):
        return False
    return not is_name_like(v)
