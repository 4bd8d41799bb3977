"""Key semantics: tokenize a member name and decide, by its head noun, whether it holds a secret.

The head noun decides (see docs/secrets.md): ``api_key`` is a secret, ``api_key_id`` is not (its
head is ``id``); ``token_type``, ``secret_name`` and ``password_last_changed`` are status, not
secrets.  A few nouns need a modifier: ``page_token`` and ``idempotency_key`` are not credentials,
and a bare ``token``/``key`` is a credential only inside a credentials section.  A name only says
what a member is about: its value is judged too (``values.py``).

:func:`is_quiet_name` says the opposite: the name describes a credential (status, description),
names an identity, or holds something public (a public key, a documented public member of a token
response), so its value is never taken for a credential by its looks.

Classification is pure and cached (``functools.lru_cache``): records repeat the same few keys.
"""

from __future__ import annotations

import re
from functools import lru_cache

from terapi_lint.secrets.responses import PUBLIC_MEMBERS

__all__ = [
    "tokenize", "classify_key", "is_credentials_section", "is_status_key", "is_quiet_name", "is_weak_name", "mentions",
    "VALUE_WORDS",
]

# camelCase / PascalCase / ACRONYMCase boundaries; digits stay glued to the word before them.
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+")
_SEP = re.compile(r"[^A-Za-z0-9]+")


@lru_cache(maxsize=4096)
def tokenize(key: str) -> tuple[str, ...]:
    """Split a member name into lower-case words: snake, camel, kebab, dotted, UPPER and spaced names.

    >>> tokenize("clientSecret"), tokenize("X-API-Key"), tokenize("APIKey"), tokenize("api_key_last4")
    (('client', 'secret'), ('x', 'api', 'key'), ('api', 'key'), ('api', 'key', 'last4'))
    """
    words: list[str] = []
    for part in _SEP.split(key):
        if part:
            words.extend(w.lower() for w in _CAMEL.findall(part))
    return tuple(words)


# Nouns that are secrets by themselves, wherever they appear, as the head of a key.
_STRONG_HEADS = {
    "password": "password",
    "passwd": "password",
    "pwd": "password",
    "pass": "password",
    "passphrase": "passphrase",
    "passcode": "passcode",
    "pin": "PIN",
    "secret": "secret",
    "apikey": "API key",
    "appkey": "app key",
    "privatekey": "private key",
    "accesstoken": "access token",
    "refreshtoken": "refresh token",
    "authtoken": "auth token",
    "clientsecret": "client secret",
    "hapikey": "HubSpot API key",
}
# One-word spellings people use for two-word nouns.
_GLUED = {"hapikey", "apikey", "appkey", "privatekey", "accesstoken", "refreshtoken", "authtoken", "clientsecret"}

# ``<modifier>_token`` is a credential for these modifiers (and for unknown ones, e.g. ``github_token``).
_NONCREDENTIAL_TOKEN_MODIFIERS = frozenset(
    {
        "page", "next", "prev", "previous", "continuation", "pagination", "cursor", "sync", "delta",
        "resume", "change", "changes", "csrf", "xsrf", "anti", "forgery", "idempotency", "dedupe",
        "public", "publishable", "device", "push", "fcm", "apns", "registration", "notification",
        "state", "nonce", "cancellation", "continue", "start", "end", "batch",
        "offset", "sort", "lex", "lexer", "parser", "design", "max", "min", "count", "num", "total",
    }
)
# ``<modifier>_key`` is a credential only for these modifiers (``provider_config_key``, ``sort_key``,
# ``idempotency_key`` and ``public_key`` are not).
_CREDENTIAL_KEY_MODIFIERS = frozenset(
    {
        "api", "app", "application", "private", "priv", "secret", "access", "signing", "encryption",
        "master", "license", "licence", "service", "client", "auth", "authentication", "account",
        "db", "database", "hmac", "shared", "subscription", "integration", "webhook", "admin",
        "server", "storage", "sas", "developer", "dev", "rest", "live", "test", "prod", "mgmt",
        "management", "write", "ingest", "ingestion", "personal", "user", "bot", "sk", "routing",
        "function", "functions", "host", "session", "deploy", "ssh", "gpg", "pgp", "jwt", "aes",
        "cipher", "activation",
    }
)
_PUBLIC_MODIFIERS = frozenset({"public", "publishable", "pub", "site", "search", "map", "maps", "recaptcha"})
_CERT_MODIFIERS = frozenset({"ssl", "tls", "cert", "certificate", "public", "key", "hpkp"})
# Modifiers that make a ``secret``/``password`` key a description of the secret rather than the secret.
_NONSECRET_SECRET_MODIFIERS = frozenset({"has", "is", "use", "uses", "requires", "no", "without", "show", "hide"})

#: Words that do not change what a member holds (``private_key_pem``, ``secret_value``); below a
#: credential-named member, members with these names hold the credential itself.
VALUE_WORDS = _TRANSPARENT_SUFFIXES = frozenset(
    {"value", "raw", "plain", "plaintext", "str", "string", "b64", "base64", "encoded", "pem", "der",
     "text", "data", "enc", "encrypted", "cleartext"}
)
_PLURALS = {"passwords": "password", "secrets": "secret", "tokens": "token", "keys": "key",
            "apikeys": "apikey", "passphrases": "passphrase", "pins": "pin"}

_SECTION_NOUNS = frozenset({"credentials", "credential", "creds", "cred", "secrets", "auth", "authentication"})


@lru_cache(maxsize=4096)
def is_credentials_section(key: str) -> bool:
    """Does this member open a credentials section (``credentials``, ``creds``, ``auth``, ...)?"""
    words = tokenize(key)
    return bool(words) and words[-1] in _SECTION_NOUNS


@lru_cache(maxsize=8192)
def classify_key(key: str, in_credentials: bool = False) -> str | None:
    """The secret kind a member named ``key`` holds, or ``None`` when the name says it is not a secret.

    ``in_credentials`` is true below a credentials section, where a bare ``token``, ``key`` or
    ``secret`` is a credential too.

    >>> classify_key("refresh_token"), classify_key("token_type"), classify_key("token", True)
    ('refresh token', None, 'token')
    """
    words = list(tokenize(key))
    while len(words) > 1 and words[-1] in _TRANSPARENT_SUFFIXES:
        words.pop()
    if not words:
        return None
    head = _PLURALS.get(words[-1], words[-1])
    mods = words[:-1]
    prev = mods[-1] if mods else None
    modset = set(mods)
    if head in _STRONG_HEADS:
        if head == "pin" and (modset & _CERT_MODIFIERS):
            return None
        if head in ("secret", "password", "pass") and modset & _NONSECRET_SECRET_MODIFIERS:
            return None
        if head == "pass" and not mods:
            # ``pass`` alone is too vague (boarding pass, CI pass); ``db_pass`` is not.
            return "password" if in_credentials else None
        if head == "secret":
            # Bare ``secret`` is as often the *name* of a secret (``metadata.secret: "prod-db"``):
            # the value decides (values.py).
            return " ".join(tokenize(key)[: len(words)]).replace("oauth token secret", "OAuth token secret")
        if head in _GLUED and modset & _PUBLIC_MODIFIERS:
            return None
        return _STRONG_HEADS[head]
    if head == "token":
        if modset & _NONCREDENTIAL_TOKEN_MODIFIERS:
            return None
        if prev is None:
            # Outside credentials a bare ``token`` is judged by its value, which must look like a
            # token (the walk asks for 16 characters: see is_weak_name).
            return "token"
        if prev == "id":
            return "ID token"
        if prev in ("access", "refresh", "auth", "session", "bearer", "oauth", "api", "bot", "user"):
            return f"{prev} token" if prev != "oauth" else "OAuth token"
        return "token"
    if head == "key":
        if modset & _PUBLIC_MODIFIERS:
            return None
        if prev is None:
            return "key" if in_credentials else None
        if prev not in _CREDENTIAL_KEY_MODIFIERS:
            return None
        if prev == "api":
            return "API key"
        if prev == "access" and mods[-2:-1] == ["secret"]:
            return "secret access key"
        return f"{prev} key"
    return None


# Head nouns of status members (docs/secrets.md): they describe a secret, never hold it.  A
# signature proves a message's integrity; it is computed, not kept (Salesforce's ``signature``).
_STATUS_HEADS = frozenset(
    {
        "id", "ids", "name", "names", "type", "hint", "last4", "prefix", "suffix", "masked", "hash",
        "fingerprint", "sha", "digest", "length", "at", "date", "url", "uri", "endpoint", "ref", "arn",
        "store", "version", "policy", "set", "required", "days", "fields", "mapping", "in", "expires",
        "expiry", "expiration", "status", "state", "scope", "scopes", "created", "updated", "changed",
        "rotated", "algorithm", "alg", "kid", "label", "description", "format", "source", "owner",
        "signature", "signatures",
    }
)


@lru_cache(maxsize=4096)
def is_status_key(key: str) -> bool:
    """A member that describes a credential (``expires_at``, ``key_id``, ``token_type``, ``last4``)."""
    words = tokenize(key)
    return bool(words) and words[-1] in _STATUS_HEADS


@lru_cache(maxsize=4096)
def mentions(key: str, word: str) -> bool:
    """Does the tokenized key contain ``word`` (``mentions("awsSecret", "aws")``)?"""
    return word in tokenize(key)


# Members that describe a field rather than hold its value (a schema or a structure describing a
# ``client_secret`` field is not a secret).
_DESCRIPTIVE = frozenset(
    {"type", "description", "title", "summary", "example", "examples", "format", "pattern", "enum",
     "default", "name", "fields", "required", "nullable", "deprecated", "note", "notes", "comment",
     "help", "label", "doc", "docs", "hint", "$ref", "ref", "items", "properties", "relationships",
     "minLength", "maxLength", "readOnly", "writeOnly", "x-sensitive", "sensitive"}
)
# Identities and places: who or where, never a credential.
_IDENTITY = frozenset(
    {"user", "username", "login", "email", "account", "tenant", "region", "domain", "host", "subdomain",
     "instance", "org", "organization", "workspace", "team", "site", "realm", "audience", "issuer", "scope"}
)
_PUBLIC_WORDS = frozenset({"public", "publishable", "pub", "cert", "certificate", "certificates", "thumbprint", "x5c", "x5t"})


@lru_cache(maxsize=4096)
def is_quiet_name(key: str) -> bool:
    """The member's value is not a credential whatever it looks like: a status field
    (``expires_at``, ``key_id``), a description, an identity (``username``), a public key or
    certificate, or a public member of a documented token response (``signature``, ``client_info``)."""
    if key in _DESCRIPTIVE or key in PUBLIC_MEMBERS or key.lower() in _PUBLIC_WORDS:
        return True
    words = tokenize(key)
    if not words:
        return False
    return words[-1] in _STATUS_HEADS or words[-1] in _IDENTITY or not _PUBLIC_WORDS.isdisjoint(words)


@lru_cache(maxsize=4096)
def is_weak_name(key: str, in_credentials: bool) -> bool:
    """A credential name that is weak evidence on its own: a bare ``token`` outside a credentials
    section (a pagination or CSRF token is called that too).  Its value must look like a token."""
    return not in_credentials and tokenize(key) in (("token",), ("tokens",))
