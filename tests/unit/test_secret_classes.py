"""Issue 14's classes, each in JSON, YAML and NDJSON, both directions: every credential at the
member that holds it, with its exact pointer and line:column through the real linter, and the
look-alikes of each class left alone.  Unit tests of each class's judgement follow.

The fixtures come from ``secret_class_fakes.py``.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest

from terapi_lint.linter import lint_paths
from terapi_lint.secrets import analyze
from terapi_lint.secrets.detectors import find_secrets, header_kinds
from terapi_lint.secrets.keys import classify_key, is_quiet_name
from terapi_lint.secrets.responses import TOKEN_RESPONSES
from terapi_lint.secrets.values import can_be_credential
from tests.unit.secret_fakes import FIXTURES, Fakes, filename, valid_specs

# file -> [(rule, pointer, line, column, record)] of its secret findings (other rules: unknown-field only)
EXPECTED = {
    "secret-value-header-basic.json": [
        ("secret-value", "/metadata/default_headers/Authorization", 12, 7, None),
        ("secret-value", "/metadata/billing/http_headers/authorization", 16, 9, None),
        ("secret-value", "/metadata/helpdesk/default_headers/Authorization", 22, 9, None),
        ("secret-value", "/metadata/registry/auths/ghcr.io/auth", 28, 11, None),
    ],
    "secret-value-header-basic.yaml": [
        ("secret-value", "/metadata/default_headers/Authorization", 23, 5, 1),
        ("secret-value", "/metadata/billing/http_headers/authorization", 26, 7, 1),
        ("secret-value", "/metadata/helpdesk/default_headers/Authorization", 30, 7, 1),
        ("secret-value", "/metadata/registry/auths/ghcr.io/auth", 34, 9, 1),
    ],
    "secret-value-header-basic.ndjson": [
        ("secret-value", "/metadata/default_headers/Authorization", 2, 266, 1),
        ("secret-value", "/metadata/billing/http_headers/authorization", 2, 379, 1),
        ("secret-value", "/metadata/helpdesk/default_headers/Authorization", 2, 621, 1),
        ("secret-value", "/metadata/registry/auths/ghcr.io/auth", 2, 717, 1),
    ],
    "secret-value-header-schemes.json": [
        ("secret-value", "/metadata/client/headers/Authorization", 12, 9, None),
        ("secret-value", "/metadata/debug/request_headers/0", 17, 9, None),
        ("secret-value", "/metadata/s3/last_request/headers/authorization", 25, 11, None),
        ("secret-value", "/metadata/okta/headers/1/value", 37, 11, None),
        ("secret-value", "/metadata/linear/headers/Authorization", 43, 9, None),
        ("secret-value", "/metadata/proxy/headers/Proxy-Authorization", 48, 9, None),
    ],
    "secret-value-header-schemes.yaml": [
        ("secret-value", "/metadata/client/headers/Authorization", 23, 7, 1),
        ("secret-value", "/metadata/debug/request_headers/0", 26, 7, 1),
        ("secret-value", "/metadata/s3/last_request/headers/authorization", 32, 9, 1),
        ("secret-value", "/metadata/okta/headers/1/value", 38, 7, 1),
        ("secret-value", "/metadata/linear/headers/Authorization", 41, 7, 1),
        ("secret-value", "/metadata/proxy/headers/Proxy-Authorization", 44, 7, 1),
    ],
    "secret-value-header-schemes.ndjson": [
        ("secret-value", "/metadata/client/headers/Authorization", 2, 243, 1),
        ("secret-value", "/metadata/debug/request_headers/0", 2, 342, 1),
        ("secret-value", "/metadata/s3/last_request/headers/authorization", 2, 664, 1),
        ("secret-value", "/metadata/okta/headers/1/value", 2, 974, 1),
        ("secret-value", "/metadata/linear/headers/Authorization", 2, 1060, 1),
        ("secret-value", "/metadata/proxy/headers/Proxy-Authorization", 2, 1153, 1),
    ],
    "secret-value-header-cookies.json": [
        ("secret-value", "/metadata/scraper/default_headers/Cookie", 12, 9, None),
        ("secret-value", "/metadata/login/response_headers/set-cookie", 17, 9, None),
        ("secret-value", "/metadata/har/cookies/1/value", 28, 11, None),
        ("secret-value", "/metadata/repro", 32, 5, None),
    ],
    "secret-value-header-cookies.yaml": [
        ("secret-value", "/metadata/scraper/default_headers/Cookie", 23, 7, 1),
        ("secret-value", "/metadata/login/response_headers/set-cookie", 26, 7, 1),
        ("secret-value", "/metadata/har/cookies/1/value", 32, 7, 1),
        ("secret-value", "/metadata/repro", 33, 3, 1),
    ],
    "secret-value-header-cookies.ndjson": [
        ("secret-value", "/metadata/scraper/default_headers/Cookie", 2, 252, 1),
        ("secret-value", "/metadata/login/response_headers/set-cookie", 2, 385, 1),
        ("secret-value", "/metadata/har/cookies/1/value", 2, 577, 1),
        ("secret-value", "/metadata/repro", 2, 653, 1),
    ],
    "secret-key-header-api-keys.json": [
        ("secret-key", "/metadata/default_headers/X-Api-Key", 11, 7, None),
        ("secret-key", "/metadata/request/header/1/value", 22, 11, None),
        ("secret-key", "/metadata/env/1/value", 33, 9, None),
        ("secret-key", "/metadata/azure/headers/x-functions-key", 38, 9, None),
    ],
    "secret-key-header-api-keys.yaml": [
        ("secret-key", "/metadata/default_headers/X-Api-Key", 22, 5, 1),
        ("secret-key", "/metadata/request/header/1/value", 29, 7, 1),
        ("secret-key", "/metadata/env/1/value", 34, 5, 1),
        ("secret-key", "/metadata/azure/headers/x-functions-key", 37, 7, 1),
    ],
    "secret-key-header-api-keys.ndjson": [
        ("secret-key", "/metadata/default_headers/X-Api-Key", 2, 240, 1),
        ("secret-key", "/metadata/request/header/1/value", 2, 439, 1),
        ("secret-key", "/metadata/env/1/value", 2, 586, 1),
        ("secret-key", "/metadata/azure/headers/x-functions-key", 2, 655, 1),
    ],
    "secret-key-arrays-and-objects.json": [
        ("secret-key", "/metadata/api_keys/0/value", 13, 9, None),
        ("secret-key", "/credentials/keys/0/secret", 27, 9, None),
        ("secret-key", "/credentials/keys/1/secret", 32, 9, None),
        ("secret-key", "/credentials/client_secret/current", 36, 7, None),
        ("secret-key", "/credentials/client_secret/previous", 37, 7, None),
    ],
    "secret-key-arrays-and-objects.yaml": [
        ("secret-key", "/metadata/api_keys/0/value", 23, 5, 1),
        ("secret-key", "/credentials/keys/0/secret", 32, 5, 1),
        ("secret-key", "/credentials/keys/1/secret", 35, 5, 1),
        ("secret-key", "/credentials/client_secret/current", 37, 5, 1),
        ("secret-key", "/credentials/client_secret/previous", 38, 5, 1),
    ],
    "secret-key-arrays-and-objects.ndjson": [
        ("secret-key", "/metadata/api_keys/0/value", 2, 252, 1),
        ("secret-key", "/credentials/keys/0/secret", 2, 462, 1),
        ("secret-key", "/credentials/keys/1/secret", 2, 572, 1),
        ("secret-key", "/credentials/client_secret/current", 2, 646, 1),
        ("secret-key", "/credentials/client_secret/previous", 2, 709, 1),
    ],
    "secret-key-real-values-beside-names.json": [
        ("secret-key", "/metadata/sftp/password", 19, 7, None),
        ("secret-key", "/metadata/vendor/api_key", 22, 7, None),
        ("secret-key", "/metadata/kiosk/pin", 27, 7, None),
        ("secret-key", "/metadata/kiosk/passcode", 28, 7, None),
    ],
    "secret-key-real-values-beside-names.yaml": [
        ("secret-key", "/metadata/sftp/password", 29, 5, 1),
        ("secret-key", "/metadata/vendor/api_key", 31, 5, 1),
        ("secret-key", "/metadata/kiosk/pin", 35, 5, 1),
        ("secret-key", "/metadata/kiosk/passcode", 36, 5, 1),
    ],
    "secret-key-real-values-beside-names.ndjson": [
        ("secret-key", "/metadata/sftp/password", 2, 389, 1),
        ("secret-key", "/metadata/vendor/api_key", 2, 426, 1),
        ("secret-key", "/metadata/kiosk/pin", 2, 535, 1),
        ("secret-key", "/metadata/kiosk/passcode", 2, 548, 1),
    ],
    "secret-key-token-responses.json": [
        ("secret-key", "/0/credentials/raw/access_token", 16, 9, None),
        ("secret-key", "/0/credentials/raw/refresh_token", 17, 9, None),
        ("secret-key", "/1/credentials/raw/access_token", 41, 9, None),
        ("secret-key", "/1/credentials/raw/refresh_token", 43, 9, None),
        ("secret-key", "/2/credentials/raw/access_token", 68, 9, None),
        ("secret-key", "/2/credentials/raw/refresh_token", 69, 9, None),
        ("secret-key", "/3/credentials/raw/access_token", 92, 9, None),
        ("secret-key", "/4/credentials/raw/token", 116, 9, None),
        ("secret-key", "/5/credentials/raw/token", 140, 9, None),
        ("secret-key", "/6/credentials/raw/access_token", 169, 9, None),
        ("secret-key", "/6/credentials/raw/refresh_token", 171, 9, None),
        ("secret-key", "/7/credentials/raw/access_token", 193, 9, None),
        ("secret-key", "/7/credentials/raw/refresh_token", 196, 9, None),
        ("secret-key", "/8/credentials/raw/access_token", 215, 9, None),
        ("secret-key", "/8/credentials/raw/refresh_token", 217, 9, None),
        ("secret-key", "/9/credentials/raw/access_token", 238, 9, None),
    ],
    "secret-key-token-responses.yaml": [
        ("secret-key", "/credentials/raw/access_token", 13, 5, 0),
        ("secret-key", "/credentials/raw/refresh_token", 14, 5, 0),
        ("secret-key", "/credentials/raw/access_token", 34, 5, 1),
        ("secret-key", "/credentials/raw/refresh_token", 36, 5, 1),
        ("secret-key", "/credentials/raw/access_token", 57, 5, 2),
        ("secret-key", "/credentials/raw/refresh_token", 58, 5, 2),
        ("secret-key", "/credentials/raw/access_token", 77, 5, 3),
        ("secret-key", "/credentials/raw/token", 96, 5, 4),
        ("secret-key", "/credentials/raw/token", 115, 5, 5),
        ("secret-key", "/credentials/raw/access_token", 139, 5, 6),
        ("secret-key", "/credentials/raw/refresh_token", 141, 5, 6),
        ("secret-key", "/credentials/raw/access_token", 159, 5, 7),
        ("secret-key", "/credentials/raw/refresh_token", 162, 5, 7),
        ("secret-key", "/credentials/raw/access_token", 177, 5, 8),
        ("secret-key", "/credentials/raw/refresh_token", 179, 5, 8),
        ("secret-key", "/credentials/raw/access_token", 196, 5, 9),
    ],
    "secret-key-token-responses.ndjson": [
        ("secret-key", "/credentials/raw/access_token", 1, 309, 0),
        ("secret-key", "/credentials/raw/refresh_token", 1, 441, 0),
        ("secret-key", "/credentials/raw/access_token", 2, 301, 1),
        ("secret-key", "/credentials/raw/refresh_token", 2, 500, 1),
        ("secret-key", "/credentials/raw/access_token", 3, 412, 2),
        ("secret-key", "/credentials/raw/refresh_token", 3, 666, 2),
        ("secret-key", "/credentials/raw/access_token", 4, 387, 3),
        ("secret-key", "/credentials/raw/token", 5, 301, 4),
        ("secret-key", "/credentials/raw/token", 6, 303, 5),
        ("secret-key", "/credentials/raw/access_token", 7, 301, 6),
        ("secret-key", "/credentials/raw/refresh_token", 7, 446, 6),
        ("secret-key", "/credentials/raw/access_token", 8, 297, 7),
        ("secret-key", "/credentials/raw/refresh_token", 8, 552, 7),
        ("secret-key", "/credentials/raw/access_token", 9, 297, 8),
        ("secret-key", "/credentials/raw/refresh_token", 9, 583, 8),
        ("secret-key", "/credentials/raw/access_token", 10, 303, 9),
    ],
}


def secret_findings(path: Any) -> tuple[list[tuple[Any, ...]], set[str]]:
    result = lint_paths([str(path)])
    assert result.unreadable == []
    found = [(f.rule, f.pointer, f.line, f.column, f.record) for f in result.findings if f.rule.startswith("secret-")]
    return found, {f.rule for f in result.findings if not f.rule.startswith("secret-")}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_credential_at_its_member_with_line_and_column(name: str) -> None:
    found, others = secret_findings(FIXTURES / "invalid" / name)
    assert found == EXPECTED[name]
    assert others <= {"unknown-field"}


def test_every_class_is_covered_in_every_format() -> None:
    stems = {name.rsplit(".", 1)[0] for name in EXPECTED}
    assert {f"{stem}.{ext}" for stem in stems for ext in ("json", "yaml", "ndjson")} == set(EXPECTED)


VALID = sorted(filename(spec) for spec in valid_specs())


@pytest.mark.parametrize("name", VALID)
def test_look_alikes_of_each_class_are_left_alone(name: str) -> None:
    found, others = secret_findings(FIXTURES / "valid" / name)
    assert found == []
    assert others <= {"unknown-field"}


def test_valid_look_alikes_cover_every_format() -> None:
    stems = {name.rsplit(".", 1)[0] for name in VALID}
    assert len(stems) == 5 and len(VALID) == 15


# --- class 1: credentials in HTTP header values ----------------------------------------------------

F = Fakes(seed=1401)


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    ("value", "kinds"),
    [
        ("Basic " + b64("svc:" + F.s(12) + "!"), ["Basic authorization credentials"]),
        ("basic " + b64("admin:admin"), ["Basic authorization credentials"]),  # weak, but a password
        ("BASIC " + b64("me@acme.example:" + F.s(16)), ["Basic authorization credentials"]),
        ("Basic " + b64("sk_live_" + F.s(40) + ":"), ["Basic authorization credentials"]),  # a key as the user
        ("Basic " + b64(F.s(20) + ":X"), ["Basic authorization credentials"]),  # Freshdesk: key, then X
        ("Basic " + base64.b64encode(("svc:p" + "\xe4" + "sswort1").encode("latin-1")).decode(), ["Basic authorization credentials"]),
        ("Bearer " + F.s(32), ["Bearer token"]),
        ("Token " + F.s(40, "0123456789abcdef"), ["Token authorization credentials"]),
        ('Token token="' + F.s(24) + '", email="ops@acme.example"', ["Token authorization credentials"]),
        ('Digest username="u", realm="r", nonce="' + F.s(16) + '", response="' + F.s(32, "0123456789abcdef") + '"',
         ["Digest authorization response"]),
        ("AWS4-HMAC-SHA256 Credential=ASIA" + F.s(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") + "/20260503/us-east-1/s3/aws4_request, "
         "SignedHeaders=host, Signature=" + F.s(64, "0123456789abcdef"), ["AWS Signature Version 4 authorization"]),
        ('OAuth oauth_consumer_key="ck", oauth_signature="' + F.s(28) + '%3D"', ["OAuth 1.0 authorization signature"]),
        ("SSWS 00" + F.url64(40), ["Okta API token"]),
        ("Bot " + F.s(24) + "." + F.s(6) + "." + F.s(27), ["credentials in an Authorization header"]),
        ("lin_api_" + F.s(40), ["Linear API key"]),  # no scheme: the key itself
    ],
)
def test_authorization_values_found(value: str, kinds: list[str]) -> None:
    assert header_kinds("authorization", value) == kinds
    assert [k for _, _, k in find_secrets(f"Authorization: {value}")] == kinds  # as a header line


@pytest.mark.parametrize(
    "value",
    [
        "Bearer", "Basic", "oauth2", "Bearer {{access_token}}", "Bearer ${TOKEN}", "Bearer <token>", "Bearer YOUR_ACCESS_TOKEN",
        "Basic dXNlcm5hbWU6cGFzc3dvcmQ=",  # username:password, the documentation example
        "Basic " + b64("just-a-username"),  # no colon
        "Basic " + b64("svc:"),  # a short user and no password
        'Digest realm="api", qop="auth", nonce="' + "4f2a9c" * 5 + '"',  # a challenge: no response
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request",  # no signature
        "Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEFoQMCAQ6iBwMFACAAAACjggS0",
        "token ghp_16C7e42F292c6912E7710c838347Ae178B4a",  # GitHub's docs: the checksum fails
    ],
)
def test_authorization_look_alikes(value: str) -> None:
    assert header_kinds("authorization", value) == []


def test_cookies() -> None:
    session = F.s(32, "abcdefghijklmnopqrstuvwxyz0123456789")
    assert header_kinds("cookie", f"_ga=GA1.2.123.456; sessionid={session}; theme=dark") == ["session cookie"]
    assert header_kinds("cookie", f"JSESSIONID={session.upper()}; Path=/; Secure; HttpOnly") == ["session cookie"]
    assert header_kinds("cookie", f"__Secure-next-auth.session-token={F.url64(40)}") == ["session cookie"]
    jwt = next(s for s in _samples_with_jwt())
    assert header_kinds("cookie", f"prefs={jwt}") == ["JSON Web Token"]  # any cookie, by its format
    assert header_kinds("cookie", f"csrftoken={F.s(32)}; _ga=GA1.2.123.456; locale=en-US") == []
    assert header_kinds("cookie", "sessionid=deleted; expires=Thu, 01 Jan 1970 00:00:00 GMT") == []


def _samples_with_jwt() -> list[str]:
    from tests.unit.secret_fakes import Fakes as Fk

    return [Fk(seed=3).jwt()]


@pytest.mark.parametrize("name", ["headers", "default_headers", "hdrs", "extra_http", "x"])
def test_a_header_map_is_judged_whatever_its_name(name: str) -> None:
    record = {"metadata": {name: {"Authorization": "Basic " + b64("svc:" + F.s(12) + "9")}}}
    assert [(h.rule, h.path) for h in analyze(record)] == [("secret-value", ("metadata", name, "Authorization"))]


def test_header_lists_and_pairs() -> None:
    token = F.s(40, "0123456789abcdef")
    record = {"metadata": {"request": {
        "lines": ["Accept: */*", f"Authorization: Token {token}"],
        "har": [{"name": "Authorization", "value": f"Token {token}"}],
        "postman": [{"key": "X-Api-Key", "value": token, "type": "text"}],
        "k8s_env": [{"name": "VENDOR_API_KEY", "value": token}],
        "aws_tags": [{"Key": "Name", "Value": "prod-sync"}],
    }}}
    assert sorted((h.rule, h.path) for h in analyze(record)) == [
        ("secret-key", ("metadata", "request", "k8s_env", 0, "value")),
        ("secret-key", ("metadata", "request", "postman", 0, "value")),
        ("secret-value", ("metadata", "request", "har", 0, "value")),
        ("secret-value", ("metadata", "request", "lines", 1)),
    ]


def test_base64_user_and_password_under_an_auth_member() -> None:
    auth = b64("deploy:" + F.s(20))
    record = {"metadata": {"auths": {"registry.acme.example": {"auth": auth}}, "npm": {"_auth": auth}}}
    assert sorted((h.path, h.message) for h in analyze(record)) == [
        (("metadata", "auths", "registry.acme.example", "auth"),
         "base64-encoded user and password in metadata.auths.registry.acme.example.auth"),
        (("metadata", "npm", "_auth"), "base64-encoded user and password in metadata.npm._auth")]
    for value in ("oauth2", "basic", b64("user:password"), b64("just a sentence"), "c3ZjOg=="):
        assert analyze({"metadata": {"auth": value}}) == [], value


def test_curl_credentials() -> None:
    password = F.s(14) + "!"
    assert [k for _, _, k in find_secrets(f"curl --user svc:{password} https://x")] == ["password in a command line"]
    assert [k for _, _, k in find_secrets(f"curl -u 'svc:{password}' https://x")] == ["password in a command line"]
    assert find_secrets("curl -u user:pass https://api.example.com") == []
    assert find_secrets("curl -u $USER:$PASSWORD https://api.example.com") == []


# --- class 2: the member that holds the credential, never a container ------------------------------


def test_pointers_go_to_the_member_holding_the_credential() -> None:
    a, b, c = F.s(40), F.s(40), F.s(24)
    record = {
        "credentials": {"keys": [{"id": "k1", "secret": a}, {"id": "k2", "secret": b}]},
        "metadata": {"passwords": ["${OLD}", c], "client_secret": {"value": a, "expires_at": "2026-01-01T00:00:00Z"},
                     "api_keys": {"prod": b, "staging": "${STAGING_KEY}", "owner": "ops"}},
    }
    assert sorted(h.path for h in analyze(record)) == sorted([
        ("credentials", "keys", 0, "secret"), ("credentials", "keys", 1, "secret"),
        ("metadata", "passwords", 1), ("metadata", "client_secret", "value"), ("metadata", "api_keys", "prod"),
    ])
    messages = {h.path: h.message for h in analyze(record)}
    assert messages[("credentials", "keys", 0, "secret")] == "secret under credentials.keys[0]"
    assert messages[("metadata", "passwords", 1)] == "passwords[1] under metadata"
    assert messages[("metadata", "client_secret", "value")] == "client_secret.value under metadata"


def test_a_container_of_descriptions_holds_no_credential() -> None:
    record = {"credentials": {"keys": [{"id": "k1", "created_at": "2026-01-01T00:00:00Z", "status": "active",
                                        "fingerprint": "SHA256:" + F.b64(43), "last4": "4f2a"}]},
              "metadata": {"api_key": {"name": "ingest", "type": "string", "description": "The ingest key."}}}
    assert analyze(record) == []


def test_private_members_of_a_json_web_key() -> None:
    public = {"kty": "RSA", "kid": "k1", "n": F.url64(342), "e": "AQAB"}
    private = dict(public, d=F.url64(342), p=F.url64(171), q=F.url64(171))
    record = {"credentials": {"jwks": {"keys": [public, private]}}}
    assert sorted(h.path for h in analyze(record)) == [
        ("credentials", "jwks", "keys", 1, "d"), ("credentials", "jwks", "keys", 1, "p"), ("credentials", "jwks", "keys", 1, "q")]


def test_a_credential_as_a_member_name_is_the_one_container_pointer() -> None:
    token = F.github("ghp")
    [hit] = analyze({"metadata": {"scopes": {token: True}}})
    assert hit.path == ("metadata", "scopes") and token not in hit.message


# --- class 3: a credential name whose value cannot be a credential ---------------------------------

NOT_CREDENTIALS = [
    "X-Api-Key", "x-api-key", "X-API-KEY", "Authorization", "pass", "pwd", "user_password", "passwordField", "clientSecret",
    "Api_Key__c", "customfield_10042", "hs_api_key", "$.auth.token", "credentials.api_key", "/oauth/token", "HEADER",
    "bearer", "REQUIRED", "none", "not_applicable", "PKCS8", "HS256", "oauth2", "DB_PASSWORD", "Access token",
    "password, api_key, token", "read:user repo:status", "https://dashboard.stripe.com/apikeys", "ops@acme.example",
    "", "   ", "${API_KEY}", "{{ secrets.token }}", "${{ secrets.TOKEN }}", "%(password)s", "{password}", "<token>",
    "****", "REDACTED", "vault://kv/x", "$ANSIBLE_VAULT;1.1;AES256", "ENC[AES256_GCM,data:abc=,type:str]",
]
CREDENTIALS = [
    "hunter2", "Zq8kPw77xA", "Winter-Sun-2026", "sunny-Meadow-42", "Tr0ub4dor&3", "0f8fad5b-d9cb-469f-a165-70867728950e",
    "9f86d081884c7d659a2feaa0c55ad015", "x1", "p4ssw0rd!Acme", "postgres://app:Zq8kPw77@db/x", "QWERTYUIOPASDFGH",
]


@pytest.mark.parametrize("value", NOT_CREDENTIALS)
def test_names_labels_and_placeholders_are_not_credentials(value: str) -> None:
    assert not can_be_credential(value, "password")
    assert analyze({"metadata": {"settings": {"password": value, "api_key": value}}}) == []


@pytest.mark.parametrize("value", CREDENTIALS)
def test_real_values_under_credential_names_are(value: str) -> None:
    assert can_be_credential(value, "password")
    assert [h.rule for h in analyze({"metadata": {"settings": {"password": value}}})] == ["secret-key"]


@pytest.mark.parametrize(
    ("value", "kind", "credential"),
    [(None, "password", False), (True, "API key", False), (False, "password", False), (0, "PIN", False),
     (12, "password", False), (4821, "PIN", True), (12345678, "password", True), (123456, "API key", False),
     (3.5, "password", False), ("1234", "password", True), ("12345", "API key", False)],
)
def test_non_strings(value: Any, kind: str, credential: bool) -> None:
    assert can_be_credential(value, kind) is credential


def test_a_bare_token_outside_credentials_must_look_like_one() -> None:
    assert analyze({"metadata": {"bot": {"token": F.s(12)}}}) == []
    assert [h.path for h in analyze({"metadata": {"bot": {"token": F.s(40)}}})] == [("metadata", "bot", "token")]
    assert [h.path for h in analyze({"credentials": {"token": F.s(12)}})] == [("credentials", "token")]


# --- class 4: public members of provider token responses -------------------------------------------


@pytest.mark.parametrize("provider", sorted(TOKEN_RESPONSES))
def test_token_response_tables(provider: str) -> None:
    response = TOKEN_RESPONSES[provider]
    for name in response.credentials - {"url"}:  # Slack's webhook URL is found by its format
        assert classify_key(name, True) is not None, name
    for name in response.public - response.credentials:
        assert classify_key(name, True) is None or name == "signed_access_token", name
        assert is_quiet_name(name) or not isinstance(name, str), name


def test_a_token_response_outside_credentials_is_judged_by_its_names() -> None:
    token = F.s(48)
    assert [h.path for h in analyze({"metadata": {"hubspot": {"token": token, "hub_id": 1, "token_type": "access"}}})] == [
        ("metadata", "hubspot", "token")]
    assert analyze({"metadata": {"oauth": {"token_type": "bearer", "expires_in": 3600, "scope": "read"}}}) == []


def test_salesforce_signature_and_microsoft_client_info_are_public() -> None:
    signature = base64.b64encode(F.s(32).encode()).decode()
    client_info = base64.urlsafe_b64encode(b'{"uid":"0f8fad5b-d9cb-469f-a165-70867728950e","utid":"3e7a"}').decode()
    record = {"credentials": {"raw": {"signature": signature, "client_info": client_info, "issued_at": "1777795200000",
                                      "id": "https://login.salesforce.com/id/00D5g000004Xy2QEAS/0055g00000AbCdEAAV",
                                      "sfdc_community_id": "0DB5g000000abcd", "token_type": "Bearer"}}}
    assert analyze(record) == []


# --- class 5: checksummed formats stay strict ------------------------------------------------------


def test_a_github_token_with_a_failed_checksum_is_a_placeholder_everywhere() -> None:
    good = F.github("gho")
    bad = good[:-1] + ("A" if good[-1] != "A" else "B")
    for record in ({"credentials": {"access_token": bad}}, {"metadata": {"github_token": bad}},
                   {"metadata": {"headers": {"Authorization": f"token {bad}"}}}, {"metadata": {"note": f"use {bad}"}},
                   {"metadata": {"lines": [f"Authorization: Bearer {bad}"]}}):
        assert analyze(record) == [], record
    assert [h.message for h in analyze({"credentials": {"access_token": good}})] == [
        "GitHub OAuth token under credentials.access_token"]
