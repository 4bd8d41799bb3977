"""Key tokenizing and head-noun classification (docs/secrets.md: what a member name says)."""

from __future__ import annotations

import pytest

from terapi_lint.secrets.keys import classify_key, is_credentials_section, is_status_key, tokenize


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


SECRET_KEYS = [
    "access_token", "refresh_token", "id_token", "client_secret", "clientSecret", "password", "passwd",
    "pwd", "api_key", "apiKey", "apikey", "API_KEY", "X-API-Key", "app_key", "auth_token",
    "oauth_token_secret", "private_key", "private_key_pem", "secret_access_key", "AWS_SECRET_ACCESS_KEY",
    "session_token", "signing_secret", "webhook_secret", "github_token", "bot_token", "db_password",
    "db_pass", "passphrase", "client_secrets", "hapikey", "encryptedPassword", "secret_value", "pin", "secret",
    "token", "routing_key", "x-functions-key", "deploy_key", "session_key",
]
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


@pytest.mark.parametrize("key", SECRET_KEYS)
def test_secret_keys(key: str) -> None:
    assert classify_key(key) is not None


@pytest.mark.parametrize("key", NOT_SECRET_KEYS)
def test_not_secret_keys(key: str) -> None:
    assert classify_key(key) is None


@pytest.mark.parametrize("key", ["token", "key", "secret", "pass", "Token", "KEY"])
def test_bare_nouns_are_secret_inside_credentials(key: str) -> None:
    assert classify_key(key, True) is not None


@pytest.mark.parametrize("key", ["token_type", "key_id", "provider_config_key", "page_token", "expires_at"])
def test_status_names_stay_clean_inside_credentials(key: str) -> None:
    assert classify_key(key, True) is None


def test_sections_and_status() -> None:
    assert is_credentials_section("credentials") and is_credentials_section("creds")
    assert is_credentials_section("oauth_credentials") and not is_credentials_section("metadata")
    assert is_status_key("expires_at") and is_status_key("api_key_id") and not is_status_key("value")


def test_classification_is_cached() -> None:
    classify_key.cache_clear()
    classify_key("refresh_token")
    classify_key("refresh_token")
    assert classify_key.cache_info().hits >= 1
