"""A value has the shape of a credential, whatever its key.

## What it checks

Every string in the record (and every member name), including credentials inside longer text such
as notes, descriptions, URLs and headers, against known credential formats: GitHub tokens (checked
against their CRC32 checksum), GitLab, Slack tokens and webhook URLs, Stripe secret, restricted and
webhook-signing keys, Shopify, HubSpot, Heroku, Salesforce access and refresh tokens, Google API
keys, OAuth access and refresh tokens and client secrets, AWS access key ids and secret keys,
Twilio API keys, SendGrid, Atlassian, Notion, Linear, Okta, Microsoft Entra client secrets and
refresh tokens and Teams webhook URLs, OpenAI, Anthropic, npm, Hugging Face, Square, PyPI and Mailchimp keys, JSON Web Tokens
(the header must decode to JSON with ``alg``), PEM private keys (also base64-encoded), base64 JSON
blobs holding credentials (service-account files), passwords in URLs and in connection strings
(a ``Password`` or Azure ``AccountKey`` member), credential-named URL query
parameters (``?access_token=…``, ``&sig=…``) and ``Authorization: Basic``/``Bearer`` credentials.
Under ``credentials`` only, a long opaque high-entropy string under a name that is not a status field
is reported too; entropy is never used alone anywhere else.

A member *name* that is itself a credential (``{"<a token>": true}``) is reported at the object that
holds it, so that neither the message nor the location repeats the name.

Public-by-design values are not reported: Stripe ``pk_`` keys, Twilio ``AC`` account SIDs, OAuth
client ids, Salesforce org ids, Sentry DSNs, public keys and certificates, placeholders, and the
AWS documentation example keys.  A member already reported by ``secret-key`` is not reported again.

## Why it matters

Records are copied into logs, exports, tickets and test fixtures.  A live token pasted into a
metadata note is as exposed as one in a credential field, and the key name gives no warning.

## Example

```json
{
  "metadata": {
    "note": "rotated on Monday, new key is <a real Stripe secret key>"
  }
}
```

## Fix

Remove the value from the record, keep it in the credential store, and revoke and rotate it: it
has been exposed.  Refer to it by name or by a secret-store reference instead.
"""

from __future__ import annotations

from typing import Any, Sequence

from terapi_lint.findings import Problem
from terapi_lint.secrets import VALUE, hits_for, scan_text

CODE = "TL202"
NAME = "secret-value"
SEVERITY = "error"

assert NAME == VALUE

__all__ = ["CODE", "NAME", "SEVERITY", "check", "scan_text"]


def check(record: Any, ctx: Any = None) -> Sequence[Problem]:
    """One problem per string (or object, for secret-shaped member names) holding a credential."""
    hits = hits_for(record, ctx)
    return [Problem(NAME, hit.message, hit.path) for hit in hits if hit.rule == NAME] if hits else ()
