"""The one error of the schema side: the schema given cannot be used."""

from __future__ import annotations

import json
import re
from typing import Any

# An unbroken run this long could be a token whatever its shape: never printed.
_TOKEN_LIKE = re.compile(r"[A-Za-z0-9_+/=-]{20,}").search


class SchemaLoadError(Exception):
    """The schema cannot be used; the message names the file, the place in it and what to do."""


def shown(value: Any) -> str | None:
    """``value`` as JSON when it is safe and short to print in a message, else None.

    Objects, arrays and long strings are never printed, nor a string that looks like a credential
    or holds a long unbroken run of token characters.
    """
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        text = json.dumps(value)
        return text if len(text) <= 40 else None
    if not isinstance(value, str) or len(value) > 60 or not value.isprintable() or _TOKEN_LIKE(value):
        return None
    if len(value) >= 8:
        from terapi_lint.secrets import find_secrets

        if find_secrets(value):
            return None
    return json.dumps(value, ensure_ascii=False)
