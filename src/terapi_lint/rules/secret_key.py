"""A member whose name says it holds a raw credential has a real value.

## What it checks

Every member of the record, at any depth (``credentials``, ``metadata``, nested objects, arrays),
whose name's head noun is a credential: ``access_token``, ``refresh_token``, ``id_token``,
``client_secret``, ``password``/``passwd``/``pwd``, ``api_key``/``apiKey``, ``app_key``,
``auth_token``, ``oauth_token_secret``, ``private_key``, ``secret_access_key``, ``session_token``,
``signing_secret``, ``webhook_secret``, and a bare ``token``, ``key`` or ``secret`` inside
``credentials``.  Names that only describe a credential are fine: ``token_type``, ``secret_name``,
``api_key_id``, ``key_id``, ``password_last_changed``, ``*_hash``, ``*_last4``, ``*_expires_at``,
and non-credential tokens and keys such as ``page_token``, ``next_page_token``, ``csrf_token``,
``idempotency_key``, ``publishable_key`` and ``public_key``.

The member is reported when its value is real: any non-empty string that is not a placeholder
(``${VAR}``, ``{{ var }}``, ``<token>``, ``****``, ``REDACTED``) or a secret-store reference
(``vault://``, ``op://``, ``arn:aws:secretsmanager:``, ``env:``), whatever its length or entropy; a
number under a password or PIN; an object or array holding such a value.  Public-by-design values
(Stripe ``pk_`` keys, OAuth client ids, public keys) are not secrets.  When the value also has a
known provider format, the message names it and ``secret-value`` stays silent for that member.

## Why it matters

A connection record carries the credential's *status* (type, expiry), never the secret itself.  A
record that holds a password or token leaks it to every system that stores, logs or exports the
record, and a human password or a UUID-shaped API key has no recognisable shape: only the member
name gives it away.

## Example

```json
{
  "credentials": {
    "type": "oauth2",
    "expires_at": "2026-05-04T08:00:00Z",
    "refresh_token": "<a real token>"
  }
}
```

## Fix

Remove the member and keep the secret in the credential store; keep only status fields
(``type``, ``expires_at``).  Revoke and rotate the credential if the record was ever shared.  A
template or reference (``${REFRESH_TOKEN}``, ``vault://…``) is accepted where a value must stay.
"""

from __future__ import annotations

from typing import Any, Sequence

from terapi_lint.findings import Problem
from terapi_lint.secrets import KEY, hits_for

CODE = "TL201"
NAME = "secret-key"
SEVERITY = "error"

assert NAME == KEY


def check(record: Any, ctx: Any = None) -> Sequence[Problem]:
    """One problem per credential-named member that holds a real value."""
    hits = hits_for(record, ctx)
    return [Problem(NAME, hit.message, hit.path) for hit in hits if hit.rule == NAME] if hits else ()
