"""The secret walk: one pass over a record that finds every credential and says which rule reports it.

A member whose *name* says it holds a credential (``password``, ``api_key``, ``X-Api-Key``...) is
``secret-key`` when its value could be a credential (``values.py``); a credential recognised by its
value (a known format, an ``Authorization`` or ``Cookie`` header value, an opaque value under
``credentials``) is ``secret-value``.  One path never gets both.

Every finding points at the member whose value is the credential, never at a container:

* below a credential-named object or array (``"keys": [{"secret": …}]``, ``"client_secret":
  {"value": …}``, ``"password": ["…", "…"]``), each member is judged by its own name, and the
  members that hold the value (list items, ``value``, ``raw``..., or any other member whose value
  is long enough) inherit the credential name;
* a name/value pair object (``{"name": "Authorization", "value": …}``, ``{"key": "API_KEY",
  "value": …}``) is judged as the member it stands for, at its ``value``;
* a JSON Web Key is reported at its private members only; the public members of documented token
  responses (``responses.py``) are never taken for opaque credentials.

The one exception is a credential used as a member *name* (``{"ghp_…": true}``): it is reported at
the object that holds it, so that neither the message nor the location repeats it.  Messages are
built from kinds and member names only; values never appear.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from terapi_lint.findings import Path, dotted
from terapi_lint.secrets.detectors import (
    MIN_LENGTH,
    encoded_login_kinds,
    find_secrets,
    header_kinds,
    is_failed_checksum,
    is_public_by_design,
    may_hold_secret,
)
from terapi_lint.secrets.headers import header_role
from terapi_lint.secrets.keys import (
    VALUE_WORDS,
    classify_key,
    is_credentials_section,
    is_quiet_name,
    is_weak_name,
    mentions,
)
from terapi_lint.secrets.opaque import is_aws_secret_shape, looks_like_opaque_secret
from terapi_lint.secrets.placeholders import is_placeholder
from terapi_lint.secrets.responses import JWK_PRIVATE_MEMBERS, is_jwk, public_member
from terapi_lint.secrets.shapes import is_documentation_example
from terapi_lint.secrets.values import can_be_credential, is_name_like

__all__ = ["KEY", "VALUE", "Hit", "analyze", "clear_caches"]

KEY = "secret-key"
VALUE = "secret-value"



class Hit(NamedTuple):
    """One secret: which rule reports it, where (path inside the record) and a value-free message."""

    rule: str
    path: Path
    message: str


def _join(kinds: list[str]) -> str:
    uniq = list(dict.fromkeys(kinds))
    return uniq[0] if len(uniq) == 1 else ", ".join(uniq[:-1]) + " and " + uniq[-1]


def _where(path: Path) -> str:
    return dotted(path) if path else "the top level of the record"


# (secret kind | None, opens credentials section, mentions AWS, mentions Notion, formats in name,
#  header role, shortest value that counts under the name, shape: "pair" for the value member of
#  a name/value object, "jwk" for a private member of a JSON Web Key)
KeyInfo = tuple
_KEY_INFO: tuple[dict[str, KeyInfo], dict[str, KeyInfo]] = ({}, {})  # outside / inside credentials
_KEY_INFO_MAX = 8192
# Names that say nothing at all (not a credential, not a section, no AWS or Notion context, no
# header), the great majority: the walk skips even the table look-up for them.
_PLAIN: tuple[set[str], set[str]] = (set(), set())
_NOTHING: KeyInfo = (None, False, False, False, (), None, 1, None)
_WEAK_LENGTH = 16  # a value under a weak name (is_weak_name) must be at least this long
_NO_NAMES: frozenset[str] = frozenset()


def _key_info(key: str, in_credentials: bool) -> KeyInfo:
    """What a member name says, memoized per name (records repeat the same few names).

    A secret-shaped name (``{"ghp_…": true}``) is never memoized, so no cache holds a secret.
    """
    table = _KEY_INFO[in_credentials]
    info = table.get(key)
    if info is None:
        shaped = tuple(kind for _, _, kind in find_secrets(key, notion=True)) if len(key) >= MIN_LENGTH else ()
        if shaped:
            # Reported as it is; not handed to the memoized classifiers, so no cache keeps it.
            return (None, False, False, False, shaped, None, 1, None)
        info = (
            classify_key(key, in_credentials),
            is_credentials_section(key),
            mentions(key, "aws"),
            mentions(key, "notion"),
            shaped,
            header_role(key),
            _WEAK_LENGTH if is_weak_name(key, in_credentials) else 1,
            "pair" if key in _PAIR_VALUES else "jwk" if key in JWK_PRIVATE_MEMBERS else None,
        )
        if len(table) >= _KEY_INFO_MAX:
            table.clear()
            _PLAIN[in_credentials].clear()
        table[key] = info
        if info == _NOTHING:
            _PLAIN[in_credentials].add(key)
    return info


def clear_caches() -> None:
    """Forget every memoized member name (for benchmarks and long-running processes)."""
    for table in _KEY_INFO:
        table.clear()
    for names in _PLAIN:
        names.clear()
    classify_key.cache_clear()
    is_quiet_name.cache_clear()
    is_weak_name.cache_clear()


_HIGH_ENTROPY = "high-entropy opaque value (likely a credential)"


def _judge_strings(suspects: list[tuple[Any, str, bool, bool, Any]], path: Path, in_creds: bool,
                   value_kinds: dict[Path, list[str]]) -> None:
    """The long strings of one object that the walk picked out: the formats they hold, a bare AWS
    secret key beside an AWS key id, or an opaque high-entropy value under ``credentials`` (under
    a name that is not quiet: not a status, identity or public member).  Each suspect is ``(key,
    string, AWS context, Notion context, may hold a format)``, the last the match of the walk's one
    search, which the scan continues from (True in an AWS context, None when nothing matched)."""
    aws_candidates: list[Path] = []
    has_aws_id = False
    for key, text, aws, notion, may_hold in suspects:
        if may_hold is not None:
            first = may_hold if may_hold is not True else None
            kinds = tuple(k for _, _, k in find_secrets(text, notion=notion, aws=aws, first=first))
        else:
            kinds = ()
        if kinds:
            value_kinds.setdefault(path + (key,), []).extend(kinds)
            has_aws_id = has_aws_id or "AWS access key ID" in kinds
        elif len(text) == 40 and is_aws_secret_shape(text):
            aws_candidates.append(path + (key,))
        elif in_creds and len(text) >= 24 and not is_quiet_name(str(key)) and looks_like_opaque_secret(text):
            value_kinds.setdefault(path + (key,), []).append(_HIGH_ENTROPY)
    if has_aws_id:
        for candidate in aws_candidates:
            value_kinds.setdefault(candidate, []).append("AWS secret access key")


def _credential(value: Any, kind: str, aws: bool, child: Path, label: str, where: Path, min_length: int) -> Hit | None:
    """``secret-key`` for a value held under a credential name, if it could be a credential."""
    t = type(value)
    if t is str:
        formats = find_secrets(value, notion=True, aws=aws) if len(value) >= MIN_LENGTH else []
        if formats:
            return Hit(KEY, child, f"{_join([f for _, _, f in formats])} under {_where(child)}")
        if (len(value) < min_length or not can_be_credential(value, kind) or is_public_by_design(value)
                or is_failed_checksum(value) or is_documentation_example(value)):
            return None
    elif t is not int or not can_be_credential(value, kind):
        return None
    return Hit(KEY, child, f"{label} under {_where(where)}")


_PAIR_NAMES = ("name", "key", "header", "Name", "Key", "Header")
# Members of a cookie object (HAR, browser exports) besides its name and value.
_COOKIE_ATTRIBUTES = frozenset(
    {"domain", "path", "expires", "expirationDate", "httpOnly", "httponly", "secure", "sameSite", "samesite",
     "hostOnly", "storeId", "maxAge", "max_age"}
)
_COOKIE = (None, False, False, False, (), "cookie pair", 1, None)
_PAIR_VALUES = frozenset({"value", "Value"})


def _in_cookies(node: dict[Any, Any], path: Path) -> bool:
    """A name/value object is a cookie: it has cookie attributes, or it sits in a ``cookies`` list."""
    if not _COOKIE_ATTRIBUTES.isdisjoint(node):
        return True
    name = next((p for p in reversed(path) if type(p) is str), None)
    return name is not None and header_role(name) == "cookie"


def _pair(node: dict[Any, Any], vk: str, path: Path, in_creds: bool) -> tuple[str, str, KeyInfo] | None:
    """A name/value pair object whose name says its value (member ``vk``) is a credential, or a
    cookie object: ``(value member, name, what the name says)``."""
    if type(node[vk]) is not str:
        return None
    for nk in _PAIR_NAMES:
        name = node.get(nk)
        if type(name) is not str or not name:
            continue
        if _in_cookies(node, path):
            return (vk, name, _COOKIE) if len(name) <= 256 else None  # the name is never memoized
        if len(name) <= 64 and is_name_like(name):
            info = _key_info(name, in_creds)
            return (vk, name, info) if info[0] is not None or info[5] is not None else None
        return None
    return None


def _judge_pair(pair: tuple[str, str, KeyInfo], value: str, path: Path, aws: bool, notion: bool,
                hits: list[Hit], value_kinds: dict[Path, list[str]]) -> None:
    """The value of a name/value pair, judged as the member it stands for."""
    value_member, name, (kind, _, key_aws, key_notion, _, role, min_length, _) = pair
    child = path + (value_member,)
    if role == "cookie pair":
        role, value = "cookie", f"{name}={value}"
    if role is not None:
        kinds = header_kinds(role, value, notion=notion or key_notion, aws=aws or key_aws)
        if kinds:
            value_kinds.setdefault(child, []).extend(kinds)
        return
    hit = _credential(value, kind, aws or key_aws, child, name, path, min_length)
    if hit is not None:
        hits.append(hit)


def _judge_shape(shape: str, node: dict[Any, Any], k: Any, v: Any, path: Path, in_creds: bool, aws: bool, notion: bool,
                 hits: list[Hit], value_kinds: dict[Path, list[str]]) -> bool:
    """A member that its object's shape explains: the value of a name/value pair (judged as the
    member it stands for), or a private member of a JSON Web Key (an object with ``kty``).  True
    when judged here."""
    if shape == "pair":
        pair = _pair(node, k, path, in_creds)
        if pair is None:
            return False
        _judge_pair(pair, v, path, aws, notion, hits, value_kinds)
        return True
    if not is_jwk(node):
        return False
    if type(v) is str and len(v) >= 8 and not is_placeholder(v):
        hits.append(Hit(KEY, path + (k,), f"private JSON Web Key member {k} under {_where(path)}"))
    return True


def analyze(value: Any, *, shared_nodes: bool = True) -> list[Hit]:
    """Every secret in one record, each path reported by exactly one rule, in walk order.

    ``shared_nodes`` says the record may hold the same container twice (YAML anchors and aliases),
    which is then walked once; parsed JSON never does, and skips that bookkeeping.
    """
    hits: list[Hit] = []
    # secret-value hits are merged per path (one finding per string or per object with secret names).
    value_kinds: dict[Path, list[str]] = {}
    keyname_paths: set[Path] = set()

    provider = value.get("provider") if isinstance(value, dict) else None
    provider = provider.lower() if isinstance(provider, str) else ""
    notion0 = "notion" in provider
    aws0 = provider.startswith(("aws", "amazon"))

    if isinstance(value, str):  # a record that is a bare string: only its formats can be judged
        kinds = find_secrets(value)
        return [Hit(VALUE, (), f"{_join([k for _, _, k in kinds])} in the record")] if kinds else []

    scan = may_hold_secret
    seen: set[int] = set()
    # (container, path, in_credentials, aws_context, notion_context, inherited credential), where
    # the inherited credential is (kind, length of the path that its name is relative to).
    stack: list[tuple[Any, Path, bool, bool, bool, tuple[str, int] | None]] = [(value, (), False, aws0, notion0, None)]
    while stack:
        node, path, in_creds, aws, notion, inherit = stack.pop()
        if shared_nodes:
            if id(node) in seen:
                continue
            seen.add(id(node))
        if isinstance(node, dict):
            suspects: list[tuple[Any, str, bool, bool, Any]] = []  # see _judge_strings
            # Below a credential name no name is plain: every member is judged.
            plain = _PLAIN[in_creds] if inherit is None else _NO_NAMES
            for k, v in node.items():
                t = type(v)
                if k not in plain:  # the name may say something: judge it (most names say nothing)
                    child = path + (k,)
                    name = k if type(k) is str else str(k)  # YAML allows non-string keys; paths keep them
                    kind, section, key_aws, key_notion, shaped, role, min_length, shape = (
                        _KEY_INFO[in_creds].get(name) or _key_info(name, in_creds))
                    if shaped:
                        value_kinds.setdefault(path, []).extend(shaped)
                        keyname_paths.add(path)
                        continue  # neither the name nor anything below it may show up in a path
                    if shape is not None and _judge_shape(shape, node, k, v, path, in_creds, aws, notion, hits, value_kinds):
                        continue  # the value of a name/value pair, or a private member of a JSON Web Key
                    label, where, base = name, path, len(path)
                    if kind is None and role is None and inherit is not None and not is_quiet_name(name):
                        kind, base = inherit  # the member holds (part of) the credential named above it
                        label, where = dotted(child[base:]), child[:base]
                        min_length = 1 if name in VALUE_WORDS else 8
                    ctx_aws, ctx_notion = aws or key_aws, notion or key_notion
                    if role is not None and t is str:
                        kinds = header_kinds(role, v, notion=ctx_notion, aws=ctx_aws)
                        if kinds:
                            value_kinds.setdefault(child, []).extend(kinds)
                            continue
                    elif kind is not None:
                        if public_member(node) == name:
                            continue  # a Firebase web config's apiKey
                        if t is dict or t is list or isinstance(v, (dict, list)):
                            stack.append((v, child, in_creds or section, ctx_aws, ctx_notion, (kind, base)))
                            continue
                        hit = _credential(v, kind, ctx_aws, child, label, where, min_length)
                        if hit is not None:
                            hits.append(hit)
                        continue
                    elif section and t is str:  # "auth": base64 of user:password
                        kinds = encoded_login_kinds(v, notion=ctx_notion, aws=ctx_aws)
                        if kinds:
                            value_kinds.setdefault(child, []).extend(kinds)
                            continue
                    # A name that gives its value a context (a section, AWS, Notion): a container
                    # is walked in it, a string always scanned in it.
                    if t is str:
                        if key_aws or key_notion:
                            if len(v) >= MIN_LENGTH:
                                suspects.append((k, v, ctx_aws, ctx_notion, True))
                            continue
                    elif section or key_aws or key_notion:
                        if t is dict or t is list or isinstance(v, (dict, list)):
                            stack.append((v, child, in_creds or section, ctx_aws, ctx_notion, None))
                        continue
                if t is str:
                    if len(v) >= MIN_LENGTH:
                        may_hold = True if aws else scan(v)  # the gate's match, carried to the scan
                        if may_hold is not None or len(v) == 40 or in_creds and len(v) >= 24:
                            suspects.append((k, v, aws, notion, may_hold))
                elif t is dict or t is list or isinstance(v, (dict, list)):
                    stack.append((v, path + (k,), in_creds, aws, notion, None))
            if suspects:
                _judge_strings(suspects, path, in_creds, value_kinds)
        elif isinstance(node, list):
            if inherit is not None:  # the items of a credential-named array
                for i, v in enumerate(node):
                    child = path + (i,)
                    if isinstance(v, (dict, list)):
                        stack.append((v, child, in_creds, aws, notion, inherit))
                        continue
                    hit = _credential(v, inherit[0], aws, child, dotted(child[inherit[1]:]), child[:inherit[1]], 1)
                    if hit is not None:
                        hits.append(hit)
                continue
            for i, v in enumerate(node):
                if type(v) is str:
                    if len(v) >= MIN_LENGTH and (aws or scan(v)):
                        kinds = tuple(k for _, _, k in find_secrets(v, notion=notion, aws=aws))
                        if kinds:
                            value_kinds.setdefault(path + (i,), []).extend(kinds)
                elif isinstance(v, (dict, list)):
                    stack.append((v, path + (i,), in_creds, aws, notion, None))

    for p, kinds in value_kinds.items():
        if p in keyname_paths:
            msg = f"{_join(kinds)} in a key name under {_where(p)}"
        else:
            msg = f"{_join(kinds)} in {_where(p)}"
        hits.append(Hit(VALUE, p, msg))
    return hits
