"""Placeholders and secret-store references are not secrets; real values, however weak, are."""

from __future__ import annotations

import pytest

from terapi_lint.secrets.placeholders import is_example_word, is_placeholder, is_reference

PLACEHOLDERS = [
    "", "   ", "null", "None", "REDACTED", "[REDACTED]", "<redacted>", "****", "********", "xxxx",
    "XXXXXXXXXXXXXXXX", "•••", "••••••••", "${VAR}", "${DB_PASSWORD:-}", "{{ var }}", "{{secrets.token}}",
    "<token>", "<a real token>", "%VAR%", "$GITHUB_TOKEN", "vault://secret/data/x#y",
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf", "arn:aws:kms:us-east-1:1:key/abc",
    "op://Engineering/Stripe/credential", "projects/acme/secrets/db/versions/latest", "env:DB_PASSWORD",
    "sk_live_****************4242", "ghp_************************************", "sk_live_…4242", "1//0e…redacted",
    "ghp_...a1b2", "Zq8k... (truncated)",
]
REAL = [
    "hunter2", "changeme", "password", "Tr0ub4dor&3", "correct horse battery staple", "$ecretPa55",
    "0f8fad5b-d9cb-469f-a165-70867728950e", "9f86d081884c7d659a2feaa0c55ad015", "1234", "a",
]


@pytest.mark.parametrize("value", PLACEHOLDERS)
def test_placeholders(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize("value", REAL)
def test_real_values_are_not_placeholders(value: str) -> None:
    assert not is_placeholder(value)


def test_references() -> None:
    assert is_reference("vault://kv/x") and is_reference("op://a/b/c") and not is_reference("https://x.y")


@pytest.mark.parametrize("value", ["your-secret-key-here", "password", "changeme", "your_api_key", "..."])
def test_example_words_only_for_weak_evidence(value: str) -> None:
    assert is_example_word(value)
    assert not is_example_word("S3cr3t-Pa55w0rd-7781")
