"""Credentials in URLs: a password in the userinfo (``scheme://user:password@host``; a user alone
is fine, as in a Sentry DSN or ``git@…``) and query parameters with credential names
(``?access_token=…``, ``&client_secret=…``, ``&sig=…`` of a signed URL).

URLs are parsed by hand wherever ``://`` occurs, in linear time (see ``_URL_WORK_PER_CHAR``).
Nothing here returns a secret: spans ``(start, end, kind)`` only.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from terapi_lint.secrets.keys import classify_key
from terapi_lint.secrets.placeholders import is_example_word
from terapi_lint.secrets.shapes import _TRIGGER, MIN_LENGTH

__all__ = ["url_secrets"]

Span = tuple[int, int, str]

_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")
_AUTHORITY_END = re.compile(r"""[\s/?#"'<>\\]""")


_QUERY_PARAM = re.compile(r"[?&;]([A-Za-z0-9_.\-\[\]]{1,64})=([^&#;\s\"'<>]*)")
_QUERY_SECRET_NAMES = frozenset({"sig", "signature", "x-amz-signature", "x-goog-signature", "hapikey", "apikey"})


def _query_secret(name: str) -> bool:
    if name.lower() in _QUERY_SECRET_NAMES:
        return True
    # classify_key memoizes its argument: never hand it something shaped like a credential.
    return not (len(name) >= MIN_LENGTH and _TRIGGER.search(name)) and classify_key(name, True) is not None


_URL_WORK_PER_CHAR = 16


def url_secrets(text: str) -> list[Span]:
    """URL userinfo passwords (``scheme://user:password@host``; a user alone is fine) and query
    parameters with credential names (``?access_token=…``, ``&client_secret=…``, ``&sig=…``)."""
    out: list[Span] = []
    # URLs nested in one another's query share their tails; the text each URL costs is counted,
    # so a string made of thousands of nested ``a://`` takes linear time, not quadratic.
    budget = _URL_WORK_PER_CHAR * len(text)
    i = text.find("://")
    while i > 0 and budget > 0:
        start = i
        while start > 0 and text[start - 1] in _SCHEME_CHARS:
            start -= 1
        auth_start = i + 3
        m = _AUTHORITY_END.search(text, auth_start)
        auth_end = m.start() if m else len(text)
        authority = text[auth_start:auth_end]
        at = authority.rfind("@")
        if start < i and at > 0:
            userinfo = authority[:at]
            colon = userinfo.find(":")
            if colon >= 0:
                password = unquote(userinfo[colon + 1:])
                if password and not is_example_word(password):
                    out.append((start, auth_start + at + 1, "password in a URL"))
        end = _URL_END.search(text, auth_end)
        url_end = end.start() if end else len(text)
        budget -= url_end - i
        if start < i and "=" in text[auth_end:url_end]:
            for q in _QUERY_PARAM.finditer(text, auth_end, url_end):
                value = unquote(q.group(2))
                if len(value) >= 8 and _query_secret(q.group(1)) and not is_example_word(value):
                    out.append((q.start(2), q.end(2), "credential in a URL query parameter"))
        i = text.find("://", auth_end)
    return out


_URL_END = re.compile(r"""[\s"'<>]""")

