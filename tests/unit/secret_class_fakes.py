"""Fixtures for the classes of issue 14, each in JSON, YAML and NDJSON, both directions.

Found (``tests/fixtures/invalid/``, named after the rule): credentials in HTTP header values,
credentials in arrays and objects under a credential name (reported at the member that holds
them), real values under credential names next to names that only look like them, and the
credential members of documented token responses.

Not flagged (``tests/fixtures/valid/secret-*``): header maps without credentials, field mappings
and labels, the public members of token responses, arrays of public keys and key ids, GitHub
tokens whose checksum fails.

Generated with the rest by ``PYTHONPATH=src:. python tests/unit/secret_fakes.py``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import string
from typing import Any

from tests.unit.secret_fakes import ALNUM, HEX, Fakes, Spec, base_record

UPPER32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def in_three_formats(name: str, record: dict[str, Any], rule: str, paths: list[tuple[Any, ...]], secrets: list[str],
                     provider: str) -> list[Spec]:
    """The record alone as JSON; after a clean record as YAML (two documents) and NDJSON (two lines)."""
    clean = base_record(provider, 0)
    expected = [(0, rule, p) for p in paths]
    later = [(1, rule, p) for p in paths]
    return [Spec(f"{name}.json", [record], expected, secrets),
            Spec(f"{name}.yaml", [clean, record], later, secrets),
            Spec(f"{name}.ndjson", [clean, record], later, secrets)]


def dump_in_three_formats(name: str, records: list[dict[str, Any]], expected: list[tuple[int, str, tuple[Any, ...]]],
                          secrets: list[str]) -> list[Spec]:
    """Several records: a JSON array (a dump), YAML documents, NDJSON lines."""
    return [Spec(f"{name}.{ext}", records, expected, secrets) for ext in ("json", "yaml", "ndjson")]


def header_specs(f: Fakes) -> list[Spec]:
    out: list[Spec] = []
    # Basic: user:password, a key as the user with an empty password (Stripe), a key with "X" (Freshdesk).
    password = f.password()
    stripe = "sk_live_" + f.s(99)
    key = f.s(20)
    decoded = [f"svc-jira@acme.example:{password}", f"{stripe}:", f"{key}:X", f"deploy:{f.s(20)}"]
    basic = [b64(text) for text in decoded]
    rec = base_record("jira", metadata={
        "default_headers": {"Accept": "application/json", "Authorization": f"Basic {basic[0]}"},
        "billing": {"http_headers": {"authorization": f"Basic {basic[1]}"}},
        "helpdesk": {"default_headers": {"Content-Type": "application/json", "Authorization": f"Basic {basic[2]}"}},
        "registry": {"auths": {"ghcr.io": {"auth": basic[3]}}},  # Docker's config.json
    })
    out += in_three_formats("secret-value-header-basic", rec, "secret-value", [
        ("metadata", "default_headers", "Authorization"), ("metadata", "billing", "http_headers", "authorization"),
        ("metadata", "helpdesk", "default_headers", "Authorization"),
        ("metadata", "registry", "auths", "ghcr.io", "auth")], basic + decoded, "jira")

    token, digest, signature = f.s(40, HEX), f.s(32, HEX), f.s(64, HEX)
    okta, linear, bearer = "00" + f.url64(40), "lin_api_" + f.s(40), f.s(32)
    aws_id = "ASIA" + f.s(16, UPPER32)
    rec = base_record("custom", metadata={
        "client": {"headers": {"Authorization": f"Token {token}"}},
        "debug": {"request_headers": [
            f'Authorization: Digest username="svc", realm="api@vendor.example", nonce="{f.s(32, HEX)}", uri="/v1/export", '
            f'qop=auth, nc=00000001, cnonce="{f.s(16, HEX)}", response="{digest}"', "Accept: */*"]},
        "s3": {"last_request": {"headers": {"x-amz-date": "20260503T080000Z", "authorization":
            f"AWS4-HMAC-SHA256 Credential={aws_id}/20260503/us-east-1/s3/aws4_request, "
            f"SignedHeaders=host;x-amz-date, Signature={signature}"}}},
        "okta": {"headers": [{"name": "Accept", "value": "application/json"}, {"name": "Authorization", "value": f"SSWS {okta}"}]},
        "linear": {"headers": {"Authorization": linear}},
        "proxy": {"headers": {"Proxy-Authorization": f"Bearer {bearer}"}},
    })
    out += in_three_formats("secret-value-header-schemes", rec, "secret-value", [
        ("metadata", "client", "headers", "Authorization"), ("metadata", "debug", "request_headers", 0),
        ("metadata", "s3", "last_request", "headers", "authorization"), ("metadata", "okta", "headers", 1, "value"),
        ("metadata", "linear", "headers", "Authorization"), ("metadata", "proxy", "headers", "Proxy-Authorization")],
        [token, digest, signature, aws_id, okta, linear, bearer], "custom")

    session, jsession, laravel, sid = f.s(32, string.ascii_lowercase + string.digits), f.s(32, HEX.upper()), f.b64(60), f.url64(32)
    rec = base_record("custom", metadata={
        "scraper": {"default_headers": {"Cookie": f"_ga=GA1.2.{f.s(9, string.digits)}.1767225600; sessionid={session}; theme=dark"}},
        "login": {"response_headers": {"set-cookie": f"JSESSIONID={jsession}; Path=/; Secure; HttpOnly"}},
        "har": {"cookies": [{"name": "_gid", "value": "GA1.2.1234567.1767225600"}, {"name": "laravel_session", "value": laravel}]},
        "repro": f"curl -H 'Cookie: connect.sid={sid}' https://portal.vendor.example/api/reports",
    })
    out += in_three_formats("secret-value-header-cookies", rec, "secret-value", [
        ("metadata", "scraper", "default_headers", "Cookie"), ("metadata", "login", "response_headers", "set-cookie"),
        ("metadata", "har", "cookies", 1, "value"), ("metadata", "repro")], [session, jsession, laravel, sid], "custom")

    api_key, shopify, routing, functions = f.s(40, HEX), "shpat_" + f.s(32, HEX), f.s(32, HEX), f.b64(54) + "=="
    rec = base_record("custom", metadata={
        "default_headers": {"X-Api-Key": api_key, "Content-Type": "application/json"},
        "request": {"header": [{"key": "Accept", "value": "application/json"}, {"key": "X-Shopify-Access-Token", "value": shopify}]},
        "env": [{"name": "PAGERDUTY_SERVICE", "value": "P1AB2CD"}, {"name": "PAGERDUTY_ROUTING_KEY", "value": routing}],
        "azure": {"headers": {"x-functions-key": functions}},
    })
    out += in_three_formats("secret-key-header-api-keys", rec, "secret-key", [
        ("metadata", "default_headers", "X-Api-Key"), ("metadata", "request", "header", 1, "value"),
        ("metadata", "env", 1, "value"), ("metadata", "azure", "headers", "x-functions-key")],
        [api_key, shopify, routing, functions], "custom")
    return out


def container_specs(f: Fakes) -> list[Spec]:
    one, two, ingest, current, previous = f.s(40), f.s(40), f.s(32, HEX), f.s(48), f.s(48)
    rec = base_record("custom", credentials={
        "keys": [{"id": "key_01", "created_at": "2026-01-02T00:00:00Z", "secret": one},
                 {"id": "key_02", "created_at": "2026-04-02T00:00:00Z", "secret": two}],
        "client_secret": {"current": current, "previous": previous, "rotated_at": "2026-04-02T00:00:00Z"},
    }, metadata={"api_keys": [{"name": "ingest", "value": ingest, "scopes": ["logs:write"]}]})
    return in_three_formats("secret-key-arrays-and-objects", rec, "secret-key", [
        ("credentials", "keys", 0, "secret"), ("credentials", "keys", 1, "secret"),
        ("credentials", "client_secret", "current"), ("credentials", "client_secret", "previous"),
        ("metadata", "api_keys", 0, "value")], [one, two, current, previous, ingest], "custom")


def value_judgement_specs(f: Fakes) -> list[Spec]:
    password, api_key, short = "Sunny" + f.s(4, string.digits), f.uuid(), f.s(3, string.ascii_letters) + f.s(3, string.digits)
    rec = base_record("custom", metadata={
        "field_mapping": {"api_key": "X-Api-Key", "password": "pass", "username": "user", "token": "access_token"},
        "sftp": {"host": "sftp.acme.example", "username": "exports", "password": password},
        "vendor": {"api_key": api_key, "api_key_header": "X-Api-Key"},
        "kiosk": {"label": "PIN", "pin": 4821, "passcode": short},
    })
    return in_three_formats("secret-key-real-values-beside-names", rec, "secret-key", [
        ("metadata", "sftp", "password"), ("metadata", "vendor", "api_key"), ("metadata", "kiosk", "pin"),
        ("metadata", "kiosk", "passcode")], [password, api_key, short], "custom")


def _jwt(f: Fakes, header: dict[str, Any], payload: dict[str, Any]) -> str:
    enc = lambda d: base64.urlsafe_b64encode(json.dumps(d, separators=(",", ":")).encode()).decode().rstrip("=")  # noqa: E731
    return f"{enc(header)}.{enc(payload)}.{f.url64(86)}"


def token_responses(f: Fakes, real: bool) -> tuple[list[dict[str, Any]], list[tuple[int, str, tuple[Any, ...]]], list[str]]:
    """One record per provider, its documented token response under ``credentials.raw``: with real
    credential members (found) or with redacted ones (only the public members remain)."""
    secrets: list[str] = []
    expected: list[tuple[int, str, tuple[Any, ...]]] = []

    def cred(value: str) -> str:
        if not real:
            return "<redacted>"
        secrets.append(value)
        return value

    sf_id = "00D5g000004Xy2QEAS"
    responses: list[tuple[str, dict[str, Any], list[str]]] = [
        ("salesforce", {"access_token": cred("00D5g000004Xy2Q!AQ" + f.s(94, ALNUM + "._")),
                        "refresh_token": cred("5Aep861" + f.s(83, ALNUM + ".")),
                        "signature": base64.b64encode(hashlib.sha256(f.s(20).encode()).digest()).decode(),
                        "scope": "refresh_token api id", "instance_url": "https://acme.my.salesforce.com",
                        "id": f"https://login.salesforce.com/id/{sf_id}/0055g00000AbCdEAAV", "token_type": "Bearer",
                        "issued_at": "1777795200000"}, ["access_token", "refresh_token"]),
        ("google", {"access_token": cred("ya29.a0Af" + f.url64(150)), "expires_in": 3599,
                    "refresh_token": cred("1//0g" + f.url64(98)), "scope": "https://www.googleapis.com/auth/drive.readonly",
                    "token_type": "Bearer", "refresh_token_expires_in": 604799}, ["access_token", "refresh_token"]),
        ("microsoft", {"token_type": "Bearer", "scope": "User.Read offline_access", "expires_in": 4382, "ext_expires_in": 4382,
                       "access_token": cred(_jwt(f, {"typ": "JWT", "alg": "RS256", "kid": f.url64(27)}, {"aud": "00000003-0000-0000-c000-000000000000"})),
                       "refresh_token": cred("0.A" + f.url64(70) + ".Ag" + f.url64(300) + ".A" + f.url64(220)),
                       "client_info": base64.urlsafe_b64encode(json.dumps({"uid": f.uuid(), "utid": f.uuid()}).encode()).decode().rstrip("=")},
         ["access_token", "refresh_token"]),
        ("slack", {"ok": True, "app_id": "A0KRD7HC3", "token_type": "bot", "scope": "commands,chat:write",
                   "access_token": cred(f"xoxb-{f.s(12, string.digits)}-{f.s(13, string.digits)}-{f.s(24)}"),
                   "bot_user_id": "U0KRQLJ9H", "team": {"id": "T9TK3CUKW", "name": "Acme"}, "is_enterprise_install": False},
         ["access_token"]),
        ("github", {"token": cred(f.github("ghs")), "expires_at": "2026-05-04T09:00:00Z",
                    "permissions": {"contents": "read", "issues": "write"}, "repository_selection": "selected"}, ["token"]),
        ("hubspot", {"token": cred("CN" + f.s(10) + "EgICAQEYs-gDII" + f.url64(120)), "user": "ops@acme.example",
                     "hub_domain": "acme.hubspot.com", "scopes": ["oauth", "crm.objects.contacts.read"], "hub_id": 62515,
                     "app_id": 456789, "expires_in": 1800, "user_id": 123456, "token_type": "access"}, ["token"]),
        ("stripe", {"access_token": cred("sk_live_51" + f.s(97)), "livemode": True, "refresh_token": cred("rt_" + f.s(48)),
                    "token_type": "bearer", "stripe_publishable_key": "pk_live_51" + f.s(97),
                    "stripe_user_id": "acct_1" + f.s(15), "scope": "read_write"}, ["access_token", "refresh_token"]),
        ("jira", {"access_token": cred(_jwt(f, {"kid": "auth.atlassian.io", "alg": "RS256"}, {"iss": "https://auth.atlassian.com"})),
                  "expires_in": 3600, "token_type": "Bearer", "refresh_token": cred("eyJ" + f.url64(300)),
                  "scope": "read:jira-work offline_access"}, ["access_token", "refresh_token"]),
        ("zoom", {"access_token": cred(_jwt(f, {"sv": "000001", "alg": "HS512", "v": "2.0", "kid": f.uuid()}, {"aud": "https://oauth.zoom.us"})),
                  "token_type": "bearer", "refresh_token": cred(_jwt(f, {"sv": "000001", "alg": "HS512", "v": "2.0"}, {"tkn": "refresh"})),
                  "expires_in": 3599, "scope": "meeting:read:admin", "api_url": "https://api.zoom.us"}, ["access_token", "refresh_token"]),
        ("shopify", {"access_token": cred("shpat_" + f.s(32, HEX)), "scope": "write_orders,read_customers", "expires_in": 86399,
                     "associated_user_scope": "write_orders",
                     "associated_user": {"id": 902541635, "first_name": "Jane", "email": "jane@acme.example", "account_owner": True}},
         ["access_token"]),
    ]
    records = []
    for i, (provider, raw, credentials) in enumerate(responses):
        records.append(base_record(provider, 10 + i, credentials={"raw": raw}))
        if real:
            expected += [(i, "secret-key", ("credentials", "raw", name)) for name in credentials]
    return records, expected, secrets


def class_specs(f: Fakes) -> list[Spec]:
    records, expected, secrets = token_responses(f, True)
    return (header_specs(f) + container_specs(f) + value_judgement_specs(f)
            + dump_in_three_formats("secret-key-token-responses", records, expected, secrets))


# --- not flagged ----------------------------------------------------------------------------------


def valid_class_specs() -> list[Spec]:
    f = Fakes(seed=14)
    out: list[Spec] = []
    rec = base_record("custom", metadata={
        "default_headers": {"Accept": "application/json", "User-Agent": "acme-sync/2.4", "X-Request-Id": f.uuid(),
                            "Authorization": "Bearer {{access_token}}", "X-Api-Key": "${VENDOR_API_KEY}",
                            "Idempotency-Key": f.uuid(), "Sec-WebSocket-Key": f.b64(22) + "==",
                            "Cookie": f"locale=en-US; _ga=GA1.2.{f.s(9, string.digits)}.1767225600; csrftoken={f.s(32)}"},
        "challenge": {"WWW-Authenticate": f'Digest realm="api@vendor.example", qop="auth", nonce="{f.s(32, HEX)}"'},
        "docs": {"basic_example": "Authorization: Basic dXNlcm5hbWU6cGFzc3dvcmQ=", "auth_header": "Authorization",
                 "auth_scheme": "Bearer", "curl": "curl -u user:pass -H 'Authorization: Bearer $TOKEN' https://api.vendor.example"},
        "response_headers": {"Set-Cookie": f"__cf_bm={f.url64(43)}; path=/; HttpOnly; Secure", "Cache-Control": "no-store"},
    })
    out += in_three_formats("secret-header-look-alikes", rec, "", [], [], "custom")
    rec = base_record("custom", metadata={
        "field_mapping": {"api_key": "X-Api-Key", "password": "pass", "username": "user", "client_secret": "clientSecret",
                          "refresh_token": "refreshToken", "private_key": "Private_Key__c", "token": "access_token",
                          "secret": "client_secret", "apiKey": "api-key", "pwd": "user_password"},
        "auth_settings": {"type": "api_key", "api_key": "HEADER", "token": "bearer", "password": "REQUIRED", "secret": "none",
                 "client_secret": "not_applicable", "pin": 0, "passphrase": None, "auth_token": "", "apiKey": True},
        "redact": {"fields": ["password", "api_key", "token"], "headers": "Authorization, Cookie, X-Api-Key",
                   "secrets": ["DB_PASSWORD", "STRIPE_SECRET_KEY"]},
        "links": {"api_key": "https://dashboard.stripe.com/apikeys", "password": "https://acme.example/reset-password"},
        "templates": {"token": "${{ secrets.VENDOR_TOKEN }}", "password": "%(db_password)s", "api_key": "{api_key}"},
        "masked": {"api_key": "sk_live_…4242", "refresh_token": "1//0e…redacted", "client_secret": "GOCSPX-****"},
        "auth": "oauth2",
    })
    out += in_three_formats("secret-field-mapping-and-labels", rec, "", [], [], "custom")
    records, _, _ = token_responses(f, False)
    out += dump_in_three_formats("secret-token-responses-public-members", records, [], [])
    rec = base_record("okta", credentials={
        "jwks": {"keys": [{"kty": "RSA", "use": "sig", "kid": f.url64(43), "alg": "RS256", "n": f.url64(342), "e": "AQAB",
                           "x5c": ["MIIDDTCCAfWgAwIBAgIJ" + f.b64(600)], "x5t": f.url64(27)}]},
        "keys": [{"id": "key_01", "fingerprint": ":".join(f.s(2, HEX) for _ in range(16)), "public_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + f.b64(43)},
                 {"id": "key_02", "created_at": "2026-04-02T00:00:00Z", "status": "revoked"}],
    }, metadata={"api_keys": [{"name": "ingest", "prefix": "dd_", "last4": "4f2a", "value": "********"}]})
    out += in_three_formats("secret-arrays-of-public-keys-and-ids", rec, "", [], [], "okta")
    bad = f.github("ghp")
    bad = bad[:-1] + ("A" if bad[-1] != "A" else "B")
    rec = base_record("github", credentials={"access_token": bad}, metadata={
        "github_token": "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "headers": {"Authorization": f"token {bad}"},
        "note": f"rotate {bad} next week"})
    out += in_three_formats("secret-github-token-failed-checksum", rec, "", [], [], "github")
    return out
