"""HTTP headers that carry credentials: ``Authorization`` (and ``Proxy-Authorization``), ``Cookie``
and ``Set-Cookie``, wherever they appear in a record.

This module only reads HTTP syntax.  It splits a header value into the parts that would be the
credential if they are real: the token of a ``Bearer``/``Token``/other scheme, the decoded
``user:password`` of ``Basic``, the ``response`` of ``Digest``, the ``Signature`` of
``AWS4-HMAC-SHA256``, the ``oauth_signature`` of OAuth 1.0, the values of session cookies.  The
detectors judge those parts (known formats, placeholders, names) and report the header.

A header shows up in a record as a member (``"Authorization": "Basic …"`` in a ``headers`` or
``default_headers`` map, whatever the map is called), as a name/value pair (``{"name":
"Cookie", "value": "…"}``), or as a line of text (``"Authorization: Token …"`` in a list of
header lines, a captured request or a ``curl`` command).

Nothing here is memoized, and the parts returned are never put in a message.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import NamedTuple

from terapi_lint.lazyre import LazyPattern
from terapi_lint.secrets.keys import tokenize

__all__ = ["Part", "header_role", "authorization_parts", "cookie_parts", "decode_basic"]


class Part(NamedTuple):
    """One piece of a header value that is a credential when it is real.

    ``how`` says how to judge ``text``: ``"token"`` (an opaque token), ``"bare"`` (a token with no
    scheme before it), ``"basic"`` (a decoded ``user:password``), ``"signature"`` (a computed
    response or signature: only its presence and shape count), ``"cookie"`` (a session cookie's
    value), ``"format"`` (only a known format counts).  ``kind`` names the credential in messages.
    """

    kind: str
    how: str
    text: str


def header_role(name: str) -> str | None:
    """``"authorization"`` or ``"cookie"`` for the names of headers that carry credentials in their
    value (any case or separator: ``Authorization``, ``proxy_authorization``, ``Set-Cookie``)."""
    words = tokenize(name)
    if words and words[0] == "x":
        words = words[1:]
    if words in (("authorization",), ("proxy", "authorization")):
        return "authorization"
    if words in (("cookie",), ("cookies",), ("set", "cookie")):
        return "cookie"
    return None


# An auth-scheme token, then its credentials (RFC 9110 §11.4: a token68 or auth-params).  Every
# quantifier is bounded, and parsing starts at a position in the original text, so a header line
# costs time in proportion to what is read, never to the rest of the text.
_SCHEME = LazyPattern(r"[ \t]*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,63})")
_GAP = LazyPattern(r"[ \t]{1,16}")
_TOKEN = LazyPattern(r"[^\s,;\"'<>]{1,16384}")
_PARAM = LazyPattern(r"""[ \t]{0,16},?[ \t]{0,16}([A-Za-z][A-Za-z0-9_-]{0,63})[ \t]{0,16}=[ \t]{0,16}("(?:[^"\\\r\n]|\\.){0,1024}"|[^\s,"]{0,1024})""")
_TOKEN_PARAM = LazyPattern(r"token[ \t]{0,16}=", re.I)
_MAX_PARAMS = 32
_LIMIT = 16384  # a Basic token longer than this is not decoded

_SCHEME_KINDS = {
    "basic": "Basic authorization credentials",
    "bearer": "Bearer token",
    "token": "Token authorization credentials",
    "digest": "Digest authorization response",
    "oauth": "OAuth 1.0 authorization signature",
    "aws4-hmac-sha256": "AWS Signature Version 4 authorization",
}
# Schemes whose parameters hold a computed response rather than the credential itself; these
# parameter names are that response.
_SIGNED_PARAMS = {"digest": ("response",), "oauth": ("oauth_signature",), "aws4-hmac-sha256": ("signature",)}
# Schemes that carry no reusable credential (a Kerberos or NTLM handshake, a Hawk MAC).
_NO_CREDENTIAL = frozenset({"negotiate", "ntlm", "kerberos", "hawk", "mutual", "hoba", "vapid", "scram-sha-1", "scram-sha-256"})
_OTHER = "credentials in an Authorization header"


def decode_basic(token: str) -> str | None:
    """The text a ``Basic`` token encodes (``user:password``), or None if it is not base64 text.
    UTF-8 first, then ISO-8859-1 (RFC 7617's historical default)."""
    token = token.strip()
    if not token or len(token) > _LIMIT:
        return None
    try:
        raw = base64.b64decode(token + "=" * (-len(token) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text if ":" in text and text.isprintable() else None


def _params(text: str, pos: int) -> tuple[dict[str, str], int]:
    params: dict[str, str] = {}
    for _ in range(_MAX_PARAMS):
        m = _PARAM.match(text, pos)
        if m is None:
            break
        params[m.group(1).lower()] = m.group(2).strip('"')
        pos = m.end()
    return params, pos


def authorization_parts(text: str, pos: int = 0) -> tuple[list[Part], int]:
    """The parts of the ``Authorization`` header value starting at ``pos`` to judge (none for a bare
    scheme name), and the position where reading stopped."""
    m = _SCHEME.match(text, pos)
    if m is None:
        return [], pos
    lower = m.group(1).lower()
    gap = _GAP.match(text, m.end())
    if gap is None or lower in _NO_CREDENTIAL:
        # No scheme: a bare key (``Authorization: lin_api_…``), unless it is just a scheme's name.
        token = _TOKEN.match(text, m.start(1))
        if token is None or lower in _NO_CREDENTIAL or token.group().lower() in _SCHEME_KINDS:
            return [], m.end()
        return [Part(_OTHER, "bare", token.group())], token.end()
    pos = gap.end()
    kind = _SCHEME_KINDS.get(lower, _OTHER)
    signed = _SIGNED_PARAMS.get(lower)
    if signed is not None:
        params, end = _params(text, pos)
        return [Part(kind, "signature", params[name]) for name in signed if params.get(name)], end
    if lower == "token" and _TOKEN_PARAM.match(text, pos):  # Token token="…", email="…"
        params, end = _params(text, pos)
        return ([Part(kind, "token", params["token"])] if params.get("token") else []), end
    token = _TOKEN.match(text, pos)
    if token is None:
        return [], pos
    if lower == "basic":
        decoded = decode_basic(token.group())
        return ([Part(kind, "basic", decoded)] if decoded is not None else []), token.end()
    return [Part(kind, "token", token.group())], token.end()


# A cookie name is an RFC 6265 token: no separators, and short.
_COOKIE_PAIR = LazyPattern(r"""[ \t]{0,16}([^=;\s,"':()<>@\\/\[\]?{}]{1,128})[ \t]{0,16}=[ \t]{0,16}([^;\r\n]{0,4096})""")
_MAX_COOKIES = 64
_COOKIE_SESSION = LazyPattern(r"sess|sid\Z|token|auth|jwt|remember|credential|api_?key|login_?key", re.I)
_COOKIE_NOT_SESSION = LazyPattern(r"csrf|xsrf|state|nonce|consent|pref|theme|lang|locale|expires|path|domain", re.I)


def cookie_parts(text: str, pos: int = 0) -> tuple[list[Part], int]:
    """The cookie values of the ``Cookie`` or ``Set-Cookie`` header value starting at ``pos``, and
    the position where reading stopped.  Session cookies (``sessionid``, ``JSESSIONID``,
    ``connect.sid``, ``remember_token``, ``__Secure-next-auth.session-token``…) are judged as
    credentials; every other cookie's value only for known formats (a JWT in any cookie counts)."""
    parts: list[Part] = []
    for _ in range(_MAX_COOKIES):
        m = _COOKIE_PAIR.match(text, pos)
        if m is None:
            break
        name, value = m.group(1), m.group(2).strip().strip("\"'")
        if value:
            session = _COOKIE_SESSION.search(name) is not None and _COOKIE_NOT_SESSION.search(name) is None
            parts.append(Part("session cookie", "cookie" if session else "format", value))
        pos = m.end()
        if not text.startswith(";", pos):
            break
        pos += 1
    return parts, pos
