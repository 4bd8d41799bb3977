"""Format detectors: credential shapes recognised by prefix, length and charset, then confirmed.

One precompiled regex with a named group per shape (``_PATTERN``) holds every format.  A string is
first searched once with ``_TRIGGER``, a regex of short anchors that each start with a character
rare in clean data (``_`` after ``ghp``, ``-`` after ``xoxb``, ``!`` after a Salesforce org id, …);
a clean string costs that one search.  Each anchor says where its shape starts, so a candidate costs
one ``_PATTERN.match``, and the work stays linear on long or hostile strings.  Every candidate is
then validated for its kind: the GitHub CRC32 checksum, a JWT header that decodes to JSON with
``alg``, a PEM private-key body, ``Authorization: Basic`` that decodes to ``user:password``, a
random-looking body.  URL userinfo passwords and credential-named query parameters are parsed
without a regex wherever ``://`` occurs.

Public-by-design values are never reported: Stripe ``pk_`` keys, Twilio ``AC`` account SIDs, OAuth
client ids (Google ``….apps.googleusercontent.com``, GitHub ``Iv1.``/``Iv23li``/``Ov23li``),
public keys and certificates, and the AWS documentation example pair.

Nothing here returns a secret: callers get ``(start, end, kind)`` spans and must build their
messages from ``kind`` alone.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import zlib
from typing import Iterator
from urllib.parse import unquote

from terapi_lint.secrets.keys import classify_key
from terapi_lint.secrets.placeholders import is_example_word, is_placeholder

__all__ = [
    "MIN_LENGTH",
    "may_hold_secret",
    "Span",
    "find_secrets",
    "scan_text",
    "is_public_by_design",
    "github_checksum_ok",
    "is_aws_secret_shape",
    "looks_like_opaque_secret",
    "shannon_entropy",
]

Span = tuple[int, int, str]  # (start, end, kind) of a secret inside a string

#: Strings shorter than this cannot hold any detected shape (the shortest is a URL password).
MIN_LENGTH = 12

# Every token body has an upper bound, well above the longest real token of its kind: a failed try
# then costs bounded time, so a string of repeated shape starts is scanned in linear time.  The
# bounds are tight only where a body may hold the next shape start (Atlassian, Salesforce: ``=``,
# ``.`` and ``_`` pass their look-behinds); a longer run still matches its first part (only
# ``b64json`` must end where its run ends).  JWT headers may carry certificate chains (``x5c``).
_PATTERN = re.compile(
    r"""
      (?P<github>(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,251})
    | (?P<github_pat>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})
    | (?P<gitlab>(?<![\w-])(?:glpat|gldt|glft|glsoat|glrt|glffct|glimt|glagent|gloas|glptt)-[\w.-]{20,300}
        |GR1348941[\w-]{20})
    | (?P<slack>(?<![\w-])xox[abeoprs]-\d{1,13}-[A-Za-z0-9-]{8,255})
    | (?P<slack_app>(?<![\w-])xapp-\d-[A-Z0-9]{1,64}-\d{1,32}-[a-z0-9]{16,255})
    | (?P<slack_webhook>hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})
    | (?P<stripe>(?<![A-Za-z0-9])[rs]k_(?:live|test|prod)_[A-Za-z0-9]{10,247})
    | (?P<stripe_whsec>(?<![A-Za-z0-9])whsec_[A-Za-z0-9+/=]{24,255})
    | (?P<shopify>(?<![A-Za-z0-9])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})
    | (?P<hubspot>(?<![A-Za-z0-9])pat-(?:na|eu)1-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})
    | (?P<heroku>HRKU-AA[0-9A-Za-z_-]{58})
    | (?P<salesforce>(?<![A-Za-z0-9])00[A-Za-z0-9]{13}![A-Za-z0-9_.]{80,256})
    | (?P<salesforce_refresh>(?<![A-Za-z0-9])5(?i:AEP861)[A-Za-z0-9._=]{80,256})
    | (?P<google_api>(?<![\w-])AIza[\w-]{35})
    | (?P<google_access>(?<![\w.-])ya29\.[A-Za-z0-9_-]{20,2048})
    | (?P<google_refresh>(?<![\w/])1//0[A-Za-z0-9_-]{40,512})
    | (?P<google_secret>(?<![\w-])GOCSPX-[A-Za-z0-9_-]{28})
    | (?P<aws_id>(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9]))
    | (?P<aws_bedrock>(?<![A-Za-z0-9])ABSK[A-Za-z0-9+/]{109,269}={0,2})
    | (?P<twilio>(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9]))
    | (?P<sendgrid>(?<![\w.])SG\.[\w-]{22}\.[\w-]{43})
    | (?P<atlassian>(?<![A-Za-z0-9])AT[AC]TT3[A-Za-z0-9_=-]{150,400})
    | (?P<notion>(?<![A-Za-z0-9])ntn_\d{11}[A-Za-z0-9]{35})
    | (?P<notion_legacy>(?<![A-Za-z0-9_])secret_[A-Za-z0-9]{43}(?![A-Za-z0-9]))
    | (?P<linear>(?<![A-Za-z0-9])lin_(?:api|oauth)_[A-Za-z0-9]{40})
    | (?P<entra_secret>(?<![\w~.-])[\w~.]{3}\dQ~[\w~.-]{31,34}(?![\w~.-]))
    | (?P<entra_refresh>(?<![\w.-])[01]\.A[\w-]{50,4096}(?:\.\d)?\.Ag[\w-]{250,8192}(?:\.A[\w-]{200,4096})?)
    | (?P<openai>(?<![\w-])sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,1024}T3BlbkFJ[A-Za-z0-9_-]{20,1024})
    | (?P<anthropic>(?<![\w-])sk-ant-(?:api03|admin01)-[\w-]{93}AA)
    | (?P<npm>(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36})
    | (?P<huggingface>(?<![A-Za-z0-9])hf_[A-Za-z]{34}(?![A-Za-z0-9]))
    | (?P<mailchimp>(?<![0-9a-f])[0-9a-f]{32}-us\d{1,2}(?!\d))
    | (?P<square>(?<![\w-])(?:sq0atp-[\w-]{22,60}|sq0csp-[\w-]{43})|(?<![\w+/=-])EAAA[\w-]{60}(?![\w+/=-]))
    | (?P<pypi>pypi-AgEIcHlwaS5vcmc[\w-]{50,4096})
    | (?P<jwt>(?<![\w-])(?:eyJ|ewogIC|ewoi)[A-Za-z0-9_-]{8,16384}={0,2}\.[A-Za-z0-9_-]{8,65536}={0,2}\.[A-Za-z0-9_-]{0,8192})
    | (?P<b64pem>(?<![A-Za-z0-9+/])LS0tLS1CRUdJTi[A-Za-z0-9+/]{60,65536}={0,2})
    | (?P<b64json>(?<![A-Za-z0-9+/_-])(?:eyJ|ewo)[A-Za-z0-9+/_-]{80,65536}={0,2}(?![A-Za-z0-9+/_.-]))
    | (?P<pem>-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE[ ]KEY(?:[ ]BLOCK)?-----|PuTTY-User-Key-File-\d:)
    | (?P<connstr>(?<![A-Za-z])(?:[Pp]assword|PASSWORD|[Pp]wd|PWD)=[^;'"\s]{4,1024})
    | (?P<azure_key>(?<![A-Za-z])(?:AccountKey|SharedAccessKey)=[A-Za-z0-9+/]{30,1024}={0,2})
    | (?P<okta>(?<![A-Za-z])SSWS\s{1,16}00[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-]))
    | (?P<teams_webhook>webhook\.office\.com/webhookb2/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f-]{36})
    | (?P<basic>(?<![A-Za-z])[Bb]asic\s{1,16}[A-Za-z0-9+/]{6,4096}={0,2})
    | (?P<bearer>(?<![A-Za-z])[Bb]earer\s{1,16}[A-Za-z0-9._~+/-]{16,16384}={0,2})
    """,
    re.X,
)

# The prefilter: every branch of _PATTERN contains one of these anchors, and each anchor starts with a
# character that is rare in clean data, so a clean string costs one fast search instead of a trial of
# every branch at every position.  Each anchor also says exactly how many characters before it the
# shape starts, so a candidate costs one ``match``.  Keep it in step with _PATTERN.
_ANCHORS: tuple[tuple[str, int], ...] = (
    (r"_(?<=gh[pousr]_)", 3), (r"_(?<=github_)", 6), (r"_(?<=[rs]k_)", 2), (r"_(?<=whsec_)", 5),
    (r"_(?<=shp[acps][tas]_)", 5), (r"_(?<=ntn_)", 3), (r"_(?<=secret_)", 6), (r"_(?<=lin_)", 3),
    (r"_(?<=npm_)", 3), (r"_(?<=hf_)", 2),
    (r"g(?=l(?:pat|dt|ft|soat|rt|ffct|imt|agent|oas|ptt)-)", 0), (r"G(?=R1348941|OCSPX-)", 0),
    (r"x(?=ox[abeoprs]-|app-)", 0), (r"p(?=at-(?:na|eu)1-|ypi-AgEIcHlwaS5vcmc)", 0), (r"H(?=RKU-AA)", 0),
    (r"k(?<=sk)-", 1), (r"k(?<=hook)s\.slack\.com/", 3), (r"q(?<=sq)0(?:atp|csp)-", 1),
    (r"u(?<=[0-9a-f]-u)s\d", 33),  # Mailchimp: 32 hex, then -usN
    (r"y(?=a29\.)", 0), (r"S(?=G\.|K[0-9a-fA-F]{32})", 0), (r"A(?<=[01]\.A)", 2),
    (r"!(?<=00[A-Za-z0-9]{13}!)", 15), (r"~(?<=\dQ~)", 5), (r"/(?<=1//)0", 2),
    (r"A(?:Iza|KIA|SIA|BIA|CCA|3T[A-Z0-9]|BSK|T[AC]TT3)", 0), (r"E(?=AAA)", 0),
    (r"P(?<=5[Aa][Ee]P)861", 3), (r"p(?<=5[Aa][Ee]p)861", 3), (r"J(?<=eyJ)", 2), (r"w(?<=ew)o[gi]", 1),
    (r"B(?=asic\s|earer\s)", 0), (r"b(?=asic\s|earer\s)", 0), (r"B(?<=-----B)EGIN", 5),
    (r"=(?<=[Pp]assword=)", 8), (r"=(?<=PASSWORD=)", 8), (r"=(?<=[Pp]wd=)", 3), (r"=(?<=PWD=)", 3),
    (r"=(?<=AccountKey=)", 10), (r"=(?<=SharedAccessKey=)", 15),
    (r"P(?=uTTY-User-Key-File)", 0), (r"L(?=S0tLS1CRUdJTi)", 0),
    (r"S(?=SWS\s)", 0), (r"k(?<=webhook)\.office\.com/", 6),
)
_UNGUARDED: frozenset[str] = frozenset()
# The character before each common head, for the anchors above: one class test rejects most
# occurrences of the head character before any lookbehind runs.
_GUARDS = {
    "_": r"(?<=[pousrbkctanmf]_)",
    "=": r"(?<=[dDy]=)",
}


def _build_trigger() -> tuple[re.Pattern[str], dict[str, int]]:
    # Alternatives sharing a first character are grouped behind it (``_(?:…|…)``): the regex engine
    # then skips every position whose character starts no anchor, and tries the rest only once.  Every
    # anchor must start with a literal character (not a class such as ``\s``), or that skip is lost.
    groups: dict[tuple[str, str], list[str]] = {}
    back: dict[str, int] = {}
    for i, (rx, n) in enumerate(_ANCHORS):
        head = rx[:2] if rx.startswith("\\") else rx[0]
        guard = "" if rx in _UNGUARDED else _GUARDS.get(head, "")
        groups.setdefault((head, guard), []).append(f"(?P<a{i}>{rx[len(head):]})")
        back[f"a{i}"] = n
    return re.compile("|".join(f"{head}{guard}(?:{'|'.join(alts)})" for (head, guard), alts in groups.items())), back


_TRIGGER, _BACK = _build_trigger()
_may_hold_format = _TRIGGER.search
#: A match when :func:`find_secrets` may find something in a string without the AWS context (a
#: format's anchor or a URL); None proves it finds nothing, at the cost of one search.
may_hold_secret = re.compile(f"{_TRIGGER.pattern}|://").search


_GITHUB_KINDS = {
    "ghp": "GitHub personal access token",
    "gho": "GitHub OAuth token",
    "ghu": "GitHub user-to-server token",
    "ghs": "GitHub server-to-server token",
    "ghr": "GitHub refresh token",
}
_SLACK_KINDS = {"xoxb": "Slack bot token", "xoxp": "Slack user token", "xoxe": "Slack refresh token",
                "xoxa": "Slack app token", "xoxr": "Slack refresh token"}

_KIND = {
    "github_pat": "GitHub fine-grained personal access token",
    "gitlab": "GitLab token",
    "slack_app": "Slack app-level token",
    "slack_webhook": "Slack webhook URL",
    "stripe_whsec": "Stripe webhook signing secret",
    "hubspot": "HubSpot private app token",
    "heroku": "Heroku API key",
    "salesforce": "Salesforce access token",
    "salesforce_refresh": "Salesforce refresh token",
    "google_api": "Google API key",
    "google_access": "Google OAuth access token",
    "google_refresh": "Google OAuth refresh token",
    "google_secret": "Google OAuth client secret",
    "aws_id": "AWS access key ID",
    "aws_bedrock": "AWS Bedrock API key",
    "twilio": "Twilio API key",
    "sendgrid": "SendGrid API key",
    "atlassian": "Atlassian API token",
    "notion": "Notion integration token",
    "notion_legacy": "Notion integration token",
    "linear": "Linear API key",
    "entra_secret": "Microsoft Entra client secret",
    "entra_refresh": "Microsoft refresh token",
    "openai": "OpenAI API key",
    "anthropic": "Anthropic API key",
    "npm": "npm access token",
    "huggingface": "Hugging Face token",
    "mailchimp": "Mailchimp API key",
    "pypi": "PyPI API token",
    "jwt": "JSON Web Token",
    "pem": "private key",
    "b64pem": "base64-encoded private key",
    "b64json": "base64-encoded JSON holding credentials",
    "url": "password in a URL",
    "connstr": "password in a connection string",
    "okta": "Okta API token",
    "teams_webhook": "Microsoft Teams webhook URL",
    "azure_key": "Azure access key in a connection string",
    "basic": "Basic authorization credentials",
    "bearer": "Bearer token",
}

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


def _random_enough(body: str) -> bool:
    """Rejects filler bodies (``xxxx…``, ``0000…``, ``abcabc…``): real keys use many distinct characters."""
    n = len(body)
    need = 6 if n < 24 else 10
    return len(set(body)) >= need and not is_placeholder(body)


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


def _b64_text(token: str) -> str | None:
    if len(token) > 200_000:
        return None
    seg = token.rstrip("=").replace("-", "+").replace("_", "/")
    try:
        return base64.b64decode(seg + "=" * (-len(seg) % 4), validate=True).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None


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


_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")
_AUTHORITY_END = re.compile(r"""[\s/?#"'<>\\]""")


_QUERY_PARAM = re.compile(r"[?&;]([A-Za-z0-9_.\-\[\]]{1,64})=([^&#;\s\"'<>]*)")
_QUERY_SECRET_NAMES = frozenset({"sig", "signature", "x-amz-signature", "x-goog-signature", "hapikey", "apikey"})


def _query_secret(name: str) -> bool:
    if name.lower() in _QUERY_SECRET_NAMES:
        return True
    # classify_key memoizes its argument: never hand it something shaped like a credential.
    return not (len(name) >= MIN_LENGTH and _may_hold_format(name)) and classify_key(name, True) is not None


_URL_WORK_PER_CHAR = 16


def _url_secrets(text: str) -> list[Span]:
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


def _basic_ok(token: str) -> bool:
    b64 = token.split(None, 1)[1]
    try:
        decoded = base64.b64decode(b64 + "=" * (-len(b64) % 4), validate=True).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return False
    user, sep, password = decoded.partition(":")
    if not sep or not user or not password or not decoded.isprintable():
        return False
    return not is_example_word(password)


_BEARER_CHARS = re.compile(r"(?=.*[0-9])(?=.*[A-Za-z])")


def _bearer_ok(token: str) -> bool:
    value = token.split(None, 1)[1]
    if is_example_word(value) or _BEARER_CHARS.match(value) is None:
        return False
    return len(set(value)) >= 10


# AWS: the 40-character secret access key has no prefix; only its neighbourhood identifies it.
_AWS_SECRET = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
_AWS_EXAMPLE_ID = "AKIAIOSFODNN7EXAMPLE"
_AWS_EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def is_aws_secret_shape(value: str) -> bool:
    """Exactly a 40-char AWS-secret-shaped string with mixed case and digits (a hex SHA-1 is not)."""
    if len(value) != 40 or value.endswith("EXAMPLEKEY") or _AWS_SECRET.fullmatch(value) is None:
        return False
    return (
        any(c.isupper() for c in value)
        and any(c.islower() for c in value)
        and any(c.isdigit() or c in "/+" for c in value)
    )


# --- entropy: a last, gated signal (secrets.md lesson 2d) -----------------------------------------

_OPAQUE = re.compile(r"[A-Za-z0-9+/=_.~-]{24,}")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def shannon_entropy(value: str) -> float:
    """Bits per character over the value's own symbols."""
    n = len(value)
    counts: dict[str, int] = {}
    for c in value:
        counts[c] = counts.get(c, 0) + 1
    return -sum((k / n) * math.log2(k / n) for k in counts.values())


def looks_like_opaque_secret(value: str) -> bool:
    """A long opaque token with mixed character classes and high entropy (>= 4.2 bits/char).

    Only for use under ``credentials.*`` with a key that is not a status field: alone, entropy
    cannot separate secrets from ids, hashes and cursors.
    """
    if _OPAQUE.fullmatch(value) is None or _UUID.fullmatch(value) is not None or is_public_by_design(value):
        return False
    if not (any(c.isupper() for c in value) and any(c.islower() for c in value) and any(c.isdigit() for c in value)):
        return False
    return shannon_entropy(value) >= 4.2


# --- public by design ----------------------------------------------------------------------------

_PUBLIC = re.compile(
    r"""
      pk_(?:live|test)_[A-Za-z0-9]{10,247}                       # Stripe publishable key
    | AC[0-9a-f]{32}                                              # Twilio account SID
    | \d{6,20}-[a-z0-9]{32}\.apps\.googleusercontent\.com        # Google OAuth client id
    | Iv1\.[0-9a-f]{16} | [IO]v23li[A-Za-z0-9]{14}                # GitHub App / OAuth App client ids
    | 00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?                       # Salesforce org id
    | -----BEGIN[ ](?:[A-Z0-9 ]*PUBLIC[ ]KEY|CERTIFICATE|X509[ ]CRL|CERTIFICATE[ ]REQUEST)-----[\s\S]*
    | (?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-ssh-ed25519@openssh\.com)[ ]AAAA[A-Za-z0-9+/=]+(?:[ ].*)?
    | https?://[0-9a-f]{32}@[\w.-]+/\d+                           # Sentry DSN (public key only)
    | AKIAIOSFODNN7EXAMPLE | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY  # AWS documentation example pair
    """,
    re.X,
)


def is_public_by_design(value: str) -> bool:
    """The whole value is public by design (publishable keys, SIDs, client ids, public keys)."""
    return _PUBLIC.fullmatch(value.strip()) is not None


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
        decoded = _b64_text(tok)
        return _KIND[name] if decoded and "PRIVATE KEY" in decoded and find_secrets(decoded) else None
    if name == "b64json":
        return _KIND[name] if _json_holds_credentials(_b64_text(tok)) else None
    if name == "connstr":
        password = tok.split("=", 1)[1]
        ok = any(c.isalnum() for c in password) and not is_example_word(password)
        return _KIND[name] if ok else None
    if name == "azure_key":
        return _KIND[name] if _random_enough(tok.split("=", 1)[1]) else None
    if name == "basic":
        return _KIND[name] if _basic_ok(tok) else None
    if name == "bearer":
        return None  # resolved by the caller (an inner format names the kind)
    if name == "slack_webhook":
        return _KIND[name] if _random_enough(tok.rsplit("/", 1)[-1]) else None
    body = tok[tok.find("_") + 1:] if "_" in tok[:12] else tok[4:]
    return _KIND[name] if _random_enough(body) else None


def find_secrets(text: str, *, notion: bool = False, aws: bool = False) -> list[Span]:
    """Spans ``(start, end, kind)`` of credentials found in ``text``, in order, never overlapping.

    ``notion`` allows legacy Notion ``secret_…`` tokens (the record or key is about Notion);
    ``aws`` allows a bare 40-character AWS secret access key (the key path mentions AWS).  An AWS
    secret key next to an AWS key id in the same text is always found.
    """
    if len(text) < MIN_LENGTH:
        return []
    first = _TRIGGER.search(text)
    found: list[Span] = _scan_formats(text, notion, aws, first) if first is not None else []
    if "://" in text:
        for span in _url_secrets(text):
            if not any(a < span[1] and span[0] < b for a, b, _ in found):
                found.append(span)
        found.sort()
    if aws or (found and any(k == "AWS access key ID" for _, _, k in found)):
        taken = [(s, e) for s, e, _ in found]
        for m in _AWS_SECRET.finditer(text):
            s, e = m.span()
            if is_aws_secret_shape(m.group()) and not any(a < e and s < b for a, b in taken):
                found.append((s, e, "AWS secret access key"))
        found.sort()
    return found


def _scan_formats(text: str, notion: bool, aws: bool, first: re.Match[str] | None = None) -> list[Span]:
    """Try the full pattern only where an anchor says a shape starts: one ``match`` per anchor."""
    found: list[Span] = []
    match = _PATTERN.match
    trigger = _TRIGGER.search
    pos = 0
    t = first if first is not None else trigger(text)
    while t is not None:
        start = t.start() - _BACK[t.lastgroup]  # type: ignore[index]
        m = match(text, start) if start >= pos else None
        spans = _accept(m, text, notion, aws) if m is not None else []
        if spans:
            found.extend(spans)
            pos = m.end()  # type: ignore[union-attr]
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
    return [(start, end, kind)] if kind is not None else []


def scan_text(text: str) -> Iterator[tuple[int, int, str]]:
    """Raw-text fallback for files that don't parse: ``(line, column, kind)``, both 1-based.

    Format detectors only (no key semantics); AWS secret keys only next to an AWS key id and legacy
    Notion tokens only where the text mentions Notion.
    """
    notion = "notion" in text.lower()
    line_starts = [0]
    idx = text.find("\n")
    while idx >= 0:
        line_starts.append(idx + 1)
        idx = text.find("\n", idx + 1)
    import bisect

    for start, _end, kind in find_secrets(text, notion=notion):
        line = bisect.bisect_right(line_starts, start)
        yield line, start - line_starts[line - 1] + 1, kind
