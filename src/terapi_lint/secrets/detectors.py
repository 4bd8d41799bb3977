"""Format detectors: credentials recognised by their shape (``shapes.py``), then confirmed.

Every candidate that an anchor of ``shapes._TRIGGER`` points at is matched once and validated for
its kind: the GitHub CRC32 checksum, a JWT header that decodes to JSON with ``alg``, a PEM
private-key body, a random-looking body.  HTTP header values (``Authorization``, ``Cookie``) are
split by ``headers.py`` and each part judged: a ``Basic`` token that decodes to ``user:password``
(or to a key with an empty password), a ``Bearer``/``Token`` token, a ``Digest`` response, an
``AWS4-HMAC-SHA256`` signature, a session cookie.  URL userinfo passwords and credential-named
query parameters are parsed without a regex wherever ``://`` occurs.

Checksummed formats stay strict: a GitHub token whose checksum fails is a placeholder (the docs'
``ghp_16C7e42F…`` is one), not a credential, wherever it sits.  Public-by-design values and
published documentation examples are never reported.

Nothing here returns a secret: callers get ``(start, end, kind)`` spans and must build their
messages from ``kind`` alone.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib

from terapi_lint.secrets.headers import Part, authorization_parts, cookie_parts, decode_basic
from terapi_lint.secrets.keys import classify_key
from terapi_lint.secrets.opaque import AWS_SECRET, b64_text, is_aws_secret_shape
from terapi_lint.secrets.placeholders import is_example_word, is_placeholder
from terapi_lint.secrets.shapes import (
    _BACK,
    _GITHUB_KINDS,
    _HEADER_ANCHORS,
    _HEADER_LINE,
    _KIND,
    _SLACK_KINDS,
    _TRIGGER,
    MIN_LENGTH,
    is_documentation_example,
    is_public_by_design,
    may_hold_secret,
    pattern,
)
from terapi_lint.secrets.urls import url_secrets
from terapi_lint.secrets.values import can_be_credential

__all__ = [
    "MIN_LENGTH",
    "can_hold_secret",
    "may_hold_secret",
    "Span",
    "find_secrets",
    "header_kinds",
    "encoded_login_kinds",
    "is_public_by_design",
    "github_checksum_ok",
    "is_failed_checksum",
]

Span = tuple[int, int, str]  # (start, end, kind) of a secret inside a string

# --- validation helpers --------------------------------------------------------------------------

_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _base62(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = _B62[r] + out
    return out or "0"


def github_checksum_ok(token: str) -> bool:
    """GitHub ``gh?_`` tokens end in a 6-char base62 CRC32 of the 30 random characters before it."""
    body = token[4:40]
    if len(body) != 36:
        return False
    return _base62(zlib.crc32(body[:30].encode())).rjust(6, "0") == body[30:]


_GITHUB_TOKEN = re.compile(r"gh[pousr]_[A-Za-z0-9]{36}")


def is_failed_checksum(value: str) -> bool:
    """A GitHub token shape whose checksum fails: a placeholder (as in GitHub's own docs), never a credential."""
    return _GITHUB_TOKEN.fullmatch(value) is not None and not github_checksum_ok(value)


_RUN = 7  # ``1234567``, ``abcdefg``: typed filler, not random


def _has_filler_run(body: str) -> bool:
    run = 1
    for a, b in zip(body, body[1:]):
        run = run + 1 if ord(b) == ord(a) + 1 and a.isalnum() else 1
        if run >= _RUN:
            return True
    return False


def _random_enough(body: str) -> bool:
    """Rejects filler bodies (``xxxx…``, ``0000…``, ``abcabc…``, ``1234567…``): real keys use many
    distinct characters in no typed order."""
    n = len(body)
    need = 6 if n < 24 else 10
    return len(set(body)) >= need and not is_placeholder(body) and not _has_filler_run(body)


def _b64url_json(segment: str) -> object:
    seg = segment.rstrip("=")
    try:
        raw = base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4))
        return json.loads(raw)
    except (binascii.Error, ValueError, RecursionError):
        return None


def _jwt_ok(token: str) -> bool:
    header = _b64url_json(token.split(".", 1)[0])
    return isinstance(header, dict) and "alg" in header


def _json_holds_credentials(text: str | None) -> bool:
    """A decoded blob is JSON (a service-account file, a credentials dump) with a real secret inside."""
    if not text or not text.lstrip().startswith("{"):
        return False
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return False
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for k, v in node.items():
                name = str(k)
                if len(name) >= MIN_LENGTH and find_secrets(name):
                    return True  # a credential as a member name (and never a cache key)
                if isinstance(v, str):
                    if classify_key(name, True) is not None and not is_placeholder(v):
                        return True
                    if len(v) >= MIN_LENGTH and find_secrets(v):
                        return True
                elif isinstance(v, (dict, list)):
                    stack.append(v)
        elif isinstance(node, list):
            stack.extend(x for x in node if isinstance(x, (dict, list, str)))
        elif isinstance(node, str) and len(node) >= MIN_LENGTH and find_secrets(node):
            return True
    return False


_PEM_BODY = re.compile(r"(?:[A-Za-z0-9+/=]{16,}\s*){2,}|[A-Za-z0-9+/=]{64,}")


def _pem_ok(text: str, start: int, end: int) -> bool:
    if text.startswith("PuTTY", start):
        return "Private-Lines" in text[end:end + 4000]
    rest = text[end:end + 8000]
    stop = rest.find("-----")  # the END line, or the next header: one key's body only
    body = rest if stop < 0 else rest[:stop]
    # Skip PEM headers such as "Proc-Type: 4,ENCRYPTED".
    return sum(len(m.group()) for m in _PEM_BODY.finditer(body)) >= 64



def _basic_ok(decoded: str, notion: bool, aws: bool) -> bool:
    """A decoded ``Basic`` token holds a credential: a known format (an Atlassian token after an
    e-mail, a Stripe key before an empty password), a password that is not a documentation
    filler (``user:password``) or mask, or a key-like user name with no password (``<key>:`` or
    Freshdesk's ``<key>:X``).  A weak password (``admin:admin``) is still a password here: the
    header says what it is."""
    if _find(decoded, notion, aws, False):
        return True
    user, _, password = decoded.partition(":")
    if not user:
        return False
    if password and not is_example_word(password):
        return True
    return len(user) >= 16 and _random_enough(user) and can_be_credential(user, "API key")


_BEARER_CHARS = re.compile(r"(?=.*[0-9])(?=.*[A-Za-z])")


def _bearer_ok(token: str) -> bool:
    """A ``Bearer`` word in free text is followed by a token (not ``Bearer your-token-here``)."""
    value = token.split(None, 1)[1]
    if is_example_word(value) or is_failed_checksum(value) or _BEARER_CHARS.match(value) is None:
        return False
    return len(set(value)) >= 10


def _part_kinds(part: Part, notion: bool, aws: bool, in_text: bool) -> list[str]:
    """The kinds of credential one part of a header value holds (see ``headers.Part``).  In a
    header line inside free text, a token with no scheme before it counts only by its format."""
    text = part.text
    if part.how == "basic":
        return [part.kind] if _basic_ok(text, notion, aws) else []
    if part.how == "signature":
        return [part.kind] if len(text) >= 16 and _random_enough(text) else []
    inner = [k for _, _, k in _find(text, notion, aws, False)]
    if inner or part.how == "format" or (in_text and part.how == "bare"):
        return inner
    if len(text) < 8 or is_example_word(text) or is_failed_checksum(text) or is_documentation_example(text):
        return []
    return [part.kind] if can_be_credential(text, "token") else []


def _header(role: str, text: str, pos: int, notion: bool, aws: bool, in_text: bool) -> tuple[list[str], int]:
    if role == "authorization":
        parts, end = authorization_parts(text, pos)
        # A scheme that is part of a known format (Okta's ``SSWS <token>``) names the credential.
        whole = [k for _, _, k in _find(text[pos:end], notion, aws, False)] if parts else []
        if whole:
            return list(dict.fromkeys(whole)), end
    else:
        parts, end = cookie_parts(text, pos)
    return list(dict.fromkeys(k for part in parts for k in _part_kinds(part, notion, aws, in_text))), end


def header_kinds(role: str, value: str, *, notion: bool = False, aws: bool = False) -> list[str]:
    """The credentials in the value of an ``Authorization`` (``role="authorization"``) or
    ``Cookie``/``Set-Cookie`` (``role="cookie"``) header, one kind each, in order."""
    return _header(role, value, 0, notion, aws, False)[0]


def encoded_login_kinds(value: str, *, notion: bool = False, aws: bool = False) -> list[str]:
    """A value that is base64 of ``user:password``, as an ``auth`` member holds it (Docker's
    ``config.json``, npm's ``_auth``): judged as ``Basic`` credentials are."""
    decoded = decode_basic(value) if len(value) >= 8 else None
    return ["base64-encoded user and password"] if decoded is not None and _basic_ok(decoded, notion, aws) else []


_VALUE_START = re.compile(r"[ \t\"']{0,16}")


def _header_line(m: re.Match[str], text: str, notion: bool, aws: bool) -> tuple[list[Span], int]:
    """A header line in text (``Authorization: Token …``, ``"Cookie": "sid=…"``): its spans, and
    where reading it stopped."""
    start = m.start()
    role = "authorization" if m.group()[0] in "Aa" else "cookie"
    kinds, end = _header(role, text, _VALUE_START.match(text, m.end()).end(), notion, aws, True)  # type: ignore[union-attr]
    return [(start, end, kind) for kind in kinds], end


# --- the scan ------------------------------------------------------------------------------------


def _kind_and_ok(name: str, text: str, start: int, end: int, notion: bool) -> str | None:
    """Validate one candidate; return its display kind or None to discard it."""
    tok = text[start:end]
    if name == "github":
        return _GITHUB_KINDS[tok[:3]] if github_checksum_ok(tok) else None
    if name == "slack":
        return _SLACK_KINDS.get(tok[:4], "Slack token") if _random_enough(tok.rsplit("-", 1)[-1] or tok) else None
    if name == "stripe":
        body = tok.split("_", 2)[2]
        if not _random_enough(body):
            return None
        return "Stripe secret key" if tok[0] == "s" else "Stripe restricted key"
    if name == "shopify":
        return ("Shopify shared secret" if tok.startswith("shpss") else "Shopify access token") if _random_enough(tok[6:]) else None
    if name == "square":
        return ("Square OAuth secret" if tok.startswith("sq0csp") else "Square access token") if _random_enough(tok[6:]) else None
    if name == "aws_id":
        return None if tok.endswith("EXAMPLE") else _KIND[name]
    if name == "notion_legacy" and not notion:
        return None
    if name == "jwt":
        return _KIND[name] if _jwt_ok(tok) else None
    if name == "pem":
        return _KIND[name] if _pem_ok(text, start, end) else None
    if name == "b64pem":
        decoded = b64_text(tok)
        return _KIND[name] if decoded and "PRIVATE KEY" in decoded and find_secrets(decoded) else None
    if name == "b64json":
        return _KIND[name] if _json_holds_credentials(b64_text(tok)) else None
    if name == "curl_user":
        password = tok.split(":", 1)[1]
        return _KIND[name] if not is_example_word(password) and can_be_credential(password, "password") else None
    if name == "connstr":
        password = tok.split("=", 1)[1]
        ok = any(c.isalnum() for c in password) and not is_example_word(password)
        return _KIND[name] if ok else None
    if name == "azure_key":
        return _KIND[name] if _random_enough(tok.split("=", 1)[1]) else None
    if name == "basic":
        decoded = decode_basic(tok.split(None, 1)[1])
        return _KIND[name] if decoded is not None and _basic_ok(decoded, notion, False) else None
    if name == "bearer":
        return None  # resolved by the caller (an inner format names the kind)
    if name == "slack_webhook":
        return _KIND[name] if _random_enough(tok.rsplit("/", 1)[-1]) else None
    body = tok[tok.find("_") + 1:] if "_" in tok[:12] else tok[4:]
    return _KIND[name] if _random_enough(body) else None


def find_secrets(text: str, *, notion: bool = False, aws: bool = False, first: re.Match[str] | None = None) -> list[Span]:
    """Spans ``(start, end, kind)`` of credentials found in ``text``, in order, never overlapping.

    ``notion`` allows legacy Notion ``secret_…`` tokens (the record or key is about Notion);
    ``aws`` allows a bare 40-character AWS secret access key (the key path mentions AWS).  An AWS
    secret key next to an AWS key id in the same text is always found.  ``first`` is the match
    of :func:`may_hold_secret` on ``text`` when the caller has it: the scan starts there.
    """
    return _find(text, notion, aws, True, first)


def can_hold_secret(text: str) -> bool:
    """False when :func:`find_secrets` (no context) surely finds nothing in ``text``: it is too
    short, no anchor of a format occurs in it, and it is not a URL that could carry a password
    or a query parameter.  The one regex search most strings stop at (0.3 us a record id, where
    the whole of find_secrets takes 0.8)."""
    return len(text) >= MIN_LENGTH and (
        _TRIGGER.search(text) is not None or ("://" in text and ("@" in text or "=" in text)))


def _find(text: str, notion: bool, aws: bool, headers: bool, first: re.Match[str] | None = None) -> list[Span]:
    """:func:`find_secrets`; ``headers=False`` when judging the parts of a header, which are never
    read as header lines again (so a value made of repeated header names cannot recurse)."""
    if len(text) < MIN_LENGTH:
        return []
    if first is None:
        first = _TRIGGER.search(text)
    found: list[Span] = _scan_formats(text, notion, aws, headers, first) if first is not None else []
    if "://" in text and ("@" in text or "=" in text):  # a password needs "@", a query parameter "="
        for span in url_secrets(text):
            if not any(a < span[1] and span[0] < b for a, b, _ in found):
                found.append(span)
        found.sort()
    if aws or (found and any(k == "AWS access key ID" for _, _, k in found)):
        taken = [(s, e) for s, e, _ in found]
        for m in AWS_SECRET.finditer(text):
            s, e = m.span()
            if is_aws_secret_shape(m.group()) and not any(a < e and s < b for a, b in taken):
                found.append((s, e, "AWS secret access key"))
        found.sort()
    return found


def _scan_formats(text: str, notion: bool, aws: bool, headers: bool, first: re.Match[str] | None) -> list[Span]:
    """Try the full pattern only where an anchor says a shape starts: one ``match`` per anchor."""
    found: list[Span] = []
    match = pattern().match
    trigger = _TRIGGER.search
    pos = header_end = 0
    t = first if first is not None else trigger(text)
    while t is not None:
        anchor = t.lastgroup
        if anchor is None:  # ``://``: URLs are parsed by url_secrets
            t = trigger(text, t.end())
            continue
        start = t.start() - _BACK[anchor]
        if anchor in _HEADER_ANCHORS:
            # A header line is read once: a header name inside a value already read is not
            # another header, so repeated header names cost linear time.
            m = _HEADER_LINE.match(text, start) if headers and start >= max(pos, header_end) else None
            spans, end = _header_line(m, text, notion, aws) if m is not None else ([], 0)
            header_end = max(header_end, end)
        else:
            m = match(text, start) if start >= pos else None
            spans = _accept(m, text, notion, aws) if m is not None else []
        if spans:
            found.extend(spans)
            pos = max(m.end(), spans[-1][1])  # type: ignore[union-attr]  (a header line runs past its anchor)
            t = trigger(text, max(pos, t.end()))
        else:
            t = trigger(text, t.start() + 1)
    return found


def _accept(m: re.Match[str], text: str, notion: bool, aws: bool) -> list[Span]:
    """Validate one candidate match; the spans it yields (a Bearer value may hold a named format)."""
    name = m.lastgroup
    start, end = m.span()
    if name == "bearer":
        value_start = start + len(m.group().split(None, 1)[0])
        while text[value_start].isspace():
            value_start += 1
        inner = find_secrets(text[value_start:end], notion=notion, aws=aws)
        if inner:
            return [(s + value_start, e + value_start, k) for s, e, k in inner]
        return [(start, end, _KIND["bearer"])] if _bearer_ok(m.group()) else []
    kind = _kind_and_ok(name, text, start, end, notion)  # type: ignore[arg-type]
    if kind is None or is_documentation_example(text[start:end]):
        return []
    return [(start, end, kind)]
