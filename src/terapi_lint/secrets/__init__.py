"""Secret detection for connection records, shared by ``secret-key`` (TL201) and ``secret-value`` (TL202).

:func:`analyze` walks a record once and returns every secret it holds, already split between the
two rules so that one path never gets both: a member whose *name* says it holds a credential is
``secret-key`` (the message also names the format when one matches), and any other credential-shaped
value is ``secret-value``.  Messages are built from kinds and key paths only; values never appear.

A secret-shaped member *name* (``{"ghp_…": true}``) is reported by ``secret-value`` at the parent
object, and neither the name nor anything below it appears in the path or the message.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from terapi_lint.secrets.detectors import (
    MIN_LENGTH,
    may_hold_secret,
    find_secrets,
    is_aws_secret_shape,
    is_public_by_design,
    looks_like_opaque_secret,
    scan_text,
)
from terapi_lint.secrets.keys import (
    NUMERIC_KINDS,
    classify_key,
    is_credentials_section,
    is_status_key,
    mentions,
    tokenize,
)
from terapi_lint.secrets.placeholders import is_placeholder
from terapi_lint.findings import dotted

__all__ = [
    "KEY",
    "VALUE",
    "Hit",
    "analyze",
    "hits_for",
    "clear_caches",
    "find_secrets",
    "scan_text",
    "classify_key",
    "is_placeholder",
]

KEY = "secret-key"
VALUE = "secret-value"

Path = tuple  # tuple[str | int, ...]


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


# Members that describe a field rather than hold its value (a schema or a structure describing a
# ``client_secret`` field is not a secret).
_DESCRIPTIVE = frozenset(
    {"type", "description", "title", "summary", "example", "examples", "format", "pattern", "enum",
     "default", "name", "fields", "required", "nullable", "deprecated", "note", "notes", "comment",
     "help", "label", "doc", "docs", "hint", "$ref", "ref", "items", "properties", "relationships",
     "minLength", "maxLength", "readOnly", "writeOnly", "x-sensitive", "sensitive"}
)


def _has_secret_leaf(node: Any, kind: str) -> bool:
    """Does a container under a secret key hold a real value (not only placeholders, status
    members and field descriptions)?"""
    stack = [node]
    seen: set[int] = set()
    while stack:
        cur = stack.pop()
        if id(cur) in seen:
            continue
        seen.add(id(cur))
        pairs = cur.items() if isinstance(cur, dict) else ((None, x) for x in cur)
        for k, v in pairs:
            if k is not None:
                name = str(k)
                if len(name) >= MIN_LENGTH and find_secrets(name):
                    return True  # a credential as a member name (checked before any memoized call)
                if name in _DESCRIPTIVE or is_status_key(name):
                    continue
            t = type(v)
            if t is str:
                if not is_placeholder(v) and not is_public_by_design(v):
                    return True
            elif t is int or t is float:
                if kind in NUMERIC_KINDS:
                    return True
            elif t is dict or t is list or isinstance(v, (dict, list)):
                stack.append(v)
    return False


KeyInfo = tuple  # (secret kind | None, opens credentials section, mentions AWS, mentions Notion, formats in name)
_KEY_INFO: tuple[dict[str, KeyInfo], dict[str, KeyInfo]] = ({}, {})  # outside / inside credentials
_KEY_INFO_MAX = 8192
# Names that say nothing at all (not a credential, not a section, no AWS or Notion context), the
# great majority: the walk skips even the table look-up for them.
_PLAIN: tuple[set[str], set[str]] = (set(), set())
_NOTHING: KeyInfo = (None, False, False, False, ())


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
            return (None, False, False, False, shaped)
        info = (
            classify_key(key, in_credentials),
            is_credentials_section(key),
            mentions(key, "aws"),
            mentions(key, "notion"),
            shaped,
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


def _value_kinds(text: str, notion: bool, aws: bool) -> tuple[str, ...]:
    """Kinds of the credentials in one string value (at least MIN_LENGTH long).

    The walk calls it only for a string that :func:`may_hold_secret` picks out (or in an AWS
    context): one search rules out the great majority, and no string is memoized.
    """
    return tuple(kind for _, _, kind in find_secrets(text, notion=notion, aws=aws))


_HIGH_ENTROPY = "high-entropy opaque value (likely a credential)"
_NOT_SECRET_NAMES = frozenset(
    {"user", "username", "login", "email", "account", "tenant", "region", "domain", "host", "subdomain",
     "instance", "org", "organization", "workspace", "team", "site", "realm", "audience", "issuer", "scope"}
)


def _entropy_gate(key: str, value: str) -> bool:
    """Last signal, under ``credentials.*`` only: an opaque high-entropy string under a name that is
    neither a status field (``*_id``, ``*_at``, ``token_type``) nor an identity (``username``)."""
    if is_status_key(key):
        return False
    words = tokenize(key)
    if words and words[-1] in _NOT_SECRET_NAMES:
        return False
    return looks_like_opaque_secret(value)


def _judge_strings(suspects: list[tuple[Any, str, bool, bool, bool]], path: Path, in_creds: bool,
                   value_kinds: dict[Path, list[str]]) -> None:
    """The long strings of one object that the walk picked out: the formats they hold, a bare AWS
    secret key beside an AWS key id, or an opaque high-entropy value under ``credentials``.  Each
    suspect is ``(key, string, AWS context, Notion context, may hold a format)``, the last from
    the walk's one search (or the AWS context)."""
    aws_candidates: list[Path] = []
    has_aws_id = False
    for key, text, aws, notion, may_hold in suspects:
        kinds = _value_kinds(text, notion, aws) if may_hold else ()
        if kinds:
            value_kinds.setdefault(path + (key,), []).extend(kinds)
            has_aws_id = has_aws_id or "AWS access key ID" in kinds
        elif len(text) == 40 and is_aws_secret_shape(text):
            aws_candidates.append(path + (key,))
        elif in_creds and len(text) >= 24 and _entropy_gate(key, text):
            value_kinds.setdefault(path + (key,), []).append(_HIGH_ENTROPY)
    if has_aws_id:
        for candidate in aws_candidates:
            value_kinds.setdefault(candidate, []).append("AWS secret access key")


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
    # (container, path, in_credentials, aws_context, notion_context)
    stack: list[tuple[Any, Path, bool, bool, bool]] = [(value, (), False, aws0, notion0)]
    while stack:
        node, path, in_creds, aws, notion = stack.pop()
        if shared_nodes:
            if id(node) in seen:
                continue
            seen.add(id(node))
        if isinstance(node, dict):
            suspects: list[tuple[Any, str, bool, bool, bool]] = []  # see _judge_strings
            plain = _PLAIN[in_creds]
            for k, v in node.items():
                t = type(v)
                if k in plain:  # most names: nothing to learn from the name, only the value counts
                    if t is str:
                        if len(v) >= MIN_LENGTH:
                            may_hold = aws or scan(v) is not None
                            if may_hold or len(v) == 40 or in_creds and len(v) >= 24:
                                suspects.append((k, v, aws, notion, may_hold))
                    elif t is dict or t is list or isinstance(v, (dict, list)):
                        stack.append((v, path + (k,), in_creds, aws, notion))
                    continue
                name = k if type(k) is str else str(k)  # YAML allows non-string keys; paths keep them
                kind, section, key_aws, key_notion, shaped = _KEY_INFO[in_creds].get(name) or _key_info(name, in_creds)
                if shaped:
                    value_kinds.setdefault(path, []).extend(shaped)
                    keyname_paths.add(path)
                    continue  # neither the name nor anything below it may show up in a path
                if kind is not None:
                    flagged = False
                    if t is str:
                        flagged = not is_placeholder(v) and not is_public_by_design(v)
                    elif t is int or t is float:
                        flagged = kind in NUMERIC_KINDS
                    elif isinstance(v, (dict, list)):
                        flagged = _has_secret_leaf(v, kind)
                    if flagged:
                        child = path + (k,)
                        formats = find_secrets(v, notion=True, aws=aws) if t is str else []
                        if formats:
                            msg = f"{_join([f for _, _, f in formats])} under {_where(child)}"
                        else:
                            msg = f"{name} under {_where(path)}"
                        hits.append(Hit(KEY, child, msg))
                        continue
                    if t is str or t is int or t is float or v is None or t is bool:
                        continue
                ctx_aws, ctx_notion = aws or key_aws, notion or key_notion
                if t is str:
                    if len(v) >= MIN_LENGTH:
                        may_hold = ctx_aws or scan(v) is not None
                        if may_hold or len(v) == 40 or in_creds and len(v) >= 24:
                            suspects.append((k, v, ctx_aws, ctx_notion, may_hold))
                elif t is dict or t is list or isinstance(v, (dict, list)):
                    stack.append((v, path + (k,), in_creds or section, ctx_aws, ctx_notion))
            if suspects:
                _judge_strings(suspects, path, in_creds, value_kinds)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                if type(v) is str:
                    if len(v) >= MIN_LENGTH and (aws or scan(v)):
                        kinds = _value_kinds(v, notion, aws)
                        if kinds:
                            value_kinds.setdefault(path + (i,), []).extend(kinds)
                elif isinstance(v, (dict, list)):
                    stack.append((v, path + (i,), in_creds, aws, notion))

    for p, kinds in value_kinds.items():
        if p in keyname_paths:
            msg = f"{_join(kinds)} in a key name under {_where(p)}"
        else:
            msg = f"{_join(kinds)} in {_where(p)}"
        hits.append(Hit(VALUE, p, msg))
    return hits


_CACHE_KEY = "secrets"


def hits_for(record: Any, ctx: Any = None) -> list[Hit]:
    """:func:`analyze` of ``record.value``, computed once per record and shared by both rules via ``ctx.state``."""
    state = getattr(ctx, "state", None)
    if state is not None:
        cached = state.get(_CACHE_KEY)
        if cached is not None and cached[0] is record:
            return cached[1]
    hits = analyze(record.value, shared_nodes=getattr(record, "kind", "yaml") == "yaml")
    if state is not None:
        state[_CACHE_KEY] = (record, hits)
    return hits
