"""A member whose name says it holds a raw credential has a real value.

## What it checks

Every member of the record, at any depth, whose name's head noun is a credential:
``access_token``, ``refresh_token``, ``id_token``, ``client_secret``, ``password``/``passwd``/``pwd``,
``api_key``/``apiKey``, ``app_key``, ``auth_token``, ``oauth_token_secret``, ``private_key``,
``secret_access_key``, ``session_token``, ``signing_secret``, ``webhook_secret``, a bare ``secret``
or ``token`` (outside ``credentials`` a bare ``token`` must be at least 16 characters), a bare
``key`` inside ``credentials``, keys such as ``routing_key`` or ``deploy_key``, and header names that
carry keys (``X-Api-Key``, ``X-Auth-Token``, ``PRIVATE-TOKEN``).  Names that only describe a
credential are fine: ``token_type``, ``secret_name``, ``api_key_id``, ``password_last_changed``,
``*_hash``, ``*_last4``, ``*_expires_at``, ``page_token``, ``csrf_token``, ``idempotency_key``,
``publishable_key``, ``public_key``.

The value decides, not the name alone.  Reported: ``"password": "hunter2"`` (a word glued to a
digit), ``"password": "Winter-Sun-2026"``, ``"api_key": "0f8fad5b-d9cb-469f-…"`` (a UUID or hex
key), ``"passcode": "abc123"``, ``"pin": 4821`` (a number of four digits or more under a PIN or
password), a PEM key, any known token format (the message names it).  Not reported: a name
(``"api_key": "X-Api-Key"``, ``"password": "pass"``, ``"client_secret": "clientSecret"``,
``"Api_Key__c"``, ``"customfield_10042"``), a label (``"token": "bearer"``,
``"password": "REQUIRED"``), a list of names (``"password, api_key"``), a URL without a password, an e-mail
address, ``""``, ``null``, ``true``, a small number, a template or reference (``${API_KEY}``,
``{{ token }}``, ``${{ secrets.X }}``, ``vault://…``, ``****``), Ansible Vault or SOPS
ciphertext, a GitHub token whose checksum fails (a placeholder, as in GitHub's docs), and
public-by-design values (Stripe ``pk_`` keys, OAuth client ids, public keys).

An object or array under a credential name is never the location: each member in it is judged by
its own name, and the members that hold the value (array items, ``value``, ``current``, …) are
reported where they are (``/credentials/keys/0/secret``, ``/credentials/client_secret/value``).
A name/value pair (``{"name": "X-Api-Key", "value": …}``) is judged at its ``value``.  In a JSON
Web Key only the private members (``d``, ``p``, ``q``, …) count; the public members of a
provider's token response (Salesforce's ``signature``, ``id``, ``issued_at``) are never reported.

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

For example, clean:
```json
{
  "credentials": {
    "type": "oauth2",
    "expires_at": "2026-05-04T08:00:00Z"
  }
}
```
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
