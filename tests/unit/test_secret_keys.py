"""Key tokenizing and head-noun classification (docs/secrets.md: what a member name says)."""

from __future__ import annotations

import pytest

from terapi_lint.secrets.keys import (
    classify_key,
    is_credentials_section,
    is_quiet_name,
    is_status_key,
    is_weak_name,
    tokenize,
)


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("api_key", ("api", "key")),
        ("apiKey", ("api", "key")),
        ("APIKey", ("api", "key")),
        ("X-API-Key", ("x", "api", "key")),
        ("API_KEY", ("api", "key")),
        ("oauth.token.secret", ("oauth", "token", "secret")),
        ("clientSecret", ("client", "secret")),
        ("apiKeyLast4", ("api", "key", "last4")),
        ("refresh token", ("refresh", "token")),
        ("", ()),
    ],
)
def test_tokenize(key: str, words: tuple[str, ...]) -> None:
    assert tokenize(key) == words


# name -> the kind of credential it says it holds
SECRET_KEYS = {
    "access_token": "access token", "refresh_token": "refresh token", "id_token": "ID token",
    "client_secret": "client secret", "clientSecret": "client secret", "client_secrets": "client secrets",
    "password": "password", "passwd": "password", "pwd": "password", "db_password": "password", "db_pass": "password",
    "encryptedPassword": "password", "passphrase": "passphrase", "pin": "PIN",
    "api_key": "API key", "apiKey": "API key", "apikey": "API key", "API_KEY": "API key", "X-API-Key": "API key",
    "hapikey": "HubSpot API key", "app_key": "app key", "auth_token": "auth token", "session_token": "session token",
    "bot_token": "bot token", "github_token": "token", "token": "token", "oauth_token_secret": "OAuth token secret",
    "private_key": "private key", "private_key_pem": "private key", "secret_access_key": "secret access key",
    "AWS_SECRET_ACCESS_KEY": "secret access key", "signing_secret": "signing secret", "webhook_secret": "webhook secret",
    "secret_value": "secret", "secret": "secret", "routing_key": "routing key", "x-functions-key": "functions key",
    "deploy_key": "deploy key", "session_key": "session key",
}
NOT_SECRET_KEYS = [
    "api_key_id", "password_last_changed", "token_type", "secret_name", "page_token", "next_page_token",
    "continuation_token", "cursor", "idempotency_key", "publishable_key", "public_key", "csrf_token",
    "key_id", "password_hash", "api_key_last4", "refresh_token_expires_at", "access_token_expires_in",
    "client_secret_fingerprint", "webhook_secret_hash", "token_url", "secret_arn", "private_key_id",
    "provider_config_key", "sort_key", "partition_key", "primary_key", "site_key", "max_tokens",
    "password_required", "secret_rotation_days", "key_prefix", "api_key_masked", "has_password",
    "is_secret", "ssl_pin", "key", "pass", "tokenizer", "passport", "keyboard", "monkey",
    "secretary", "description", "expires_at", "type", "device_token", "push_token", "sync_token",
]


@pytest.mark.parametrize(("key", "kind"), sorted(SECRET_KEYS.items()))
def test_secret_keys(key: str, kind: str) -> None:
    assert classify_key(key) == kind


@pytest.mark.parametrize("key", NOT_SECRET_KEYS)
def test_not_secret_keys(key: str) -> None:
    assert classify_key(key) is None


@pytest.mark.parametrize(
    ("key", "kind"),
    [("token", "token"), ("key", "key"), ("secret", "secret"), ("pass", "password"), ("Token", "token"), ("KEY", "key")],
)
def test_bare_nouns_are_secret_inside_credentials(key: str, kind: str) -> None:
    assert classify_key(key, True) == kind


@pytest.mark.parametrize("key", ["token_type", "key_id", "provider_config_key", "page_token", "expires_at"])
def test_status_names_stay_clean_inside_credentials(key: str) -> None:
    assert classify_key(key, True) is None


def test_sections_and_status() -> None:
    assert is_credentials_section("credentials") and is_credentials_section("creds")
    assert is_credentials_section("oauth_credentials") and not is_credentials_section("metadata")
    assert is_status_key("expires_at") and is_status_key("api_key_id") and not is_status_key("value")
    assert is_status_key("signature") and is_status_key("newSignature")


@pytest.mark.parametrize("key", ["expires_at", "username", "signature", "client_info", "public_key", "x5c", "description",
                                 "instance_url", "issued_at", "code_challenge", "cert_thumbprint"])
def test_quiet_names(key: str) -> None:
    assert is_quiet_name(key)


@pytest.mark.parametrize("key", ["sig", "value", "raw", "session", "data", "access_token"])
def test_names_that_are_not_quiet(key: str) -> None:
    assert not is_quiet_name(key)


def test_only_a_bare_token_outside_credentials_is_weak() -> None:
    assert is_weak_name("token", False) and is_weak_name("Tokens", False)
    assert not is_weak_name("token", True) and not is_weak_name("access_token", False)


def test_classification_is_cached() -> None:
    classify_key.cache_clear()
    classify_key("refresh_token")
    classify_key("refresh_token")
    assert classify_key.cache_info().hits >= 1
