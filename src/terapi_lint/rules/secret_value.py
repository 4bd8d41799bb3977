"""A value has the shape of a credential, whatever its key.

## What it checks

Every string in the record (and every member name), including credentials inside longer text such
as notes, descriptions, URLs, headers and commands, against known credential formats: GitHub tokens
(checked against their CRC32 checksum), GitLab, Slack tokens and webhook URLs, Stripe secret,
restricted and webhook-signing keys, Shopify, HubSpot, Heroku, Salesforce access and refresh
tokens, Google API keys, OAuth access and refresh tokens and client secrets, AWS access key ids,
secret keys and Signature Version 4 headers, Twilio API keys, SendGrid, Atlassian, Notion, Linear,
Okta, Microsoft Entra client secrets and refresh tokens and Teams webhook URLs, OpenAI,
Anthropic, npm, Hugging Face, Square, PyPI, Mailchimp, Mailgun, Telegram, DigitalOcean, Sentry,
New Relic and Docker Hub keys, JSON Web Tokens (the header must decode to JSON with ``alg``), PEM
private keys (also base64-encoded), base64 JSON blobs holding credentials (service-account files),
passwords in URLs, connection strings and ``curl -u``, and credential-named URL query parameters.

HTTP headers that carry credentials are read wherever they appear (a member of any map, such as
``default_headers``, a ``{"name": …, "value": …}`` pair, or a header line in text):
``Authorization`` and ``Proxy-Authorization`` with ``Basic`` (decoded: a ``user:password``, or a
key with an empty password), ``Bearer``, ``Token``, ``Digest`` with a ``response``,
``AWS4-HMAC-SHA256`` with a ``Signature``, OAuth 1.0 with a signature, or a bare key; and session
cookies in ``Cookie`` and ``Set-Cookie`` values or cookie objects (HAR).  Under ``credentials``
only, a long opaque high-entropy string under a name that is not a
status, identity or public member is reported too; entropy is never used alone anywhere else.

A member *name* that is itself a credential (``{"<a token>": true}``) is reported at the object
that holds it, so that neither the message nor the location repeats the name.

Not reported: public-by-design values (Stripe ``pk_`` keys, Twilio ``AC`` account SIDs, OAuth
client ids, Salesforce org ids, Sentry DSNs, public keys and certificates, also as base64 DER,
a Firebase web config's ``apiKey``), the public members of providers' token responses (Salesforce's
``signature``, Microsoft's ``client_info``), base64 of plain text, placeholders, published
documentation examples (the AWS ``EXAMPLE`` keys, jwt.io's sample token), GitHub tokens whose
checksum fails, header challenges (``WWW-Authenticate``), CSRF and analytics cookies.  A member
already reported by ``secret-key`` is not reported again.

## Why it matters

Records are copied into logs, exports, tickets and test fixtures.  A live token pasted into a
metadata note is as exposed as one in a credential field, and the key name gives no warning.

## Example

```json
{
  "metadata": {
    "note": "rotated on Monday, new key is <a real Stripe secret key>",
    "default_headers": {"Authorization": "Basic <base64 of user:password>"}
  }
}
```

## Fix

Remove the value from the record, keep it in the credential store, and revoke and rotate it: it
has been exposed.  Refer to it by name or by a secret-store reference instead.

For example, clean:
```json
{
  "metadata": {
    "note": "rotated on Monday; the key is in the vault as stripe/live",
    "default_headers": {"Authorization": "${GITHUB_BASIC_AUTH}"}
  }
}
```
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
