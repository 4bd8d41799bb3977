"""Values with no prefix to recognise them by: AWS secret access keys (40 characters, judged only
in an AWS context or beside an AWS key id) and opaque high-entropy strings (judged only under
``credentials`` and never under a quiet name), and the base64 text that is neither.

Nothing here is memoized, and nothing returns a value.
"""

from __future__ import annotations

import base64
import binascii
import math
import re

from terapi_lint.secrets.shapes import is_public_by_design

__all__ = ["b64_text", "is_aws_secret_shape", "looks_like_opaque_secret", "shannon_entropy", "AWS_SECRET"]


def b64_text(token: str) -> str | None:
    """The text that ``token`` (base64 or base64url) encodes, or None if it is not UTF-8 text."""
    if len(token) > 200_000:
        return None
    seg = token.rstrip("=").replace("-", "+").replace("_", "/")
    try:
        return base64.b64decode(seg + "=" * (-len(seg) % 4), validate=True).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None


# AWS: the 40-character secret access key has no prefix; only its neighbourhood identifies it.
AWS_SECRET = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")


def is_aws_secret_shape(value: str) -> bool:
    """Exactly a 40-char AWS-secret-shaped string with mixed case and digits (a hex SHA-1 is not)."""
    if len(value) != 40 or value.endswith("EXAMPLEKEY") or AWS_SECRET.fullmatch(value) is None:
        return False
    return (
        any(c.isupper() for c in value)
        and any(c.islower() for c in value)
        and any(c.isdigit() or c in "/+" for c in value)
    )


# --- entropy: a last, gated signal (docs/secrets.md) ---------------------------------------------

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
    cannot separate secrets from ids, hashes and cursors.  Base64 of text (a ``state``, a cursor,
    a config blob) is encoded data, not an opaque token: the formats it holds are found anyway.
    """
    if _OPAQUE.fullmatch(value) is None or _UUID.fullmatch(value) is not None or is_public_by_design(value):
        return False
    decoded = b64_text(value)
    if decoded is not None and all(c.isprintable() or c in "\r\n\t" for c in decoded):
        return False
    if not (any(c.isupper() for c in value) and any(c.islower() for c in value) and any(c.isdigit() for c in value)):
        return False
    return shannon_entropy(value) >= 4.2
