"""Every fixture file gives exactly the findings it is named for, at the exact place.

Invalid fixtures are named after the rule they break; valid ones give no finding at all.
"""

from __future__ import annotations

import pytest

from terapi_lint.config import Settings
from terapi_lint.linter import lint_paths
from tests.conftest import FIXTURES

# file -> [(rule, pointer, line, column, record)]
EXPECTED = {
    "missing-required.json": [("missing-required", "/provider_config_key", 1, 1, None)],
    "wrong-type.json": [("wrong-type", "/id", 2, 3, None)],
    "wrong-type-yaml-boolean.yaml": [("wrong-type", "/provider", 3, 1, 0)],
    "invalid-enum.json": [("invalid-enum", "/credentials/type", 5, 19, None)],
    "invalid-enum-dump.json": [("invalid-enum", "/1/credentials/type", 4, 20, None)],
    "invalid-date-time.yaml": [
        ("invalid-date-time", "/created_at", 4, 1, 0),
        ("invalid-date-time", "/credentials/expires_at", 7, 3, 0),
    ],
    "invalid-date-time-multi.yaml": [("invalid-date-time", "/updated_at", 8, 1, 1)],
    "metadata-not-object.json": [("metadata-not-object", "/metadata", 5, 3, None)],
    "unknown-field.json": [("unknown-field", "/provider_confg_key", 5, 3, None)],
    "duplicate-key.json": [("duplicate-key", "/provider", 5, 3, None)],
    "duplicate-key.yaml": [("duplicate-key", "/credentials/type", 6, 3, 0)],
    "parse-error-trailing-comma.json": [("parse-error", "", 5, 1, None)],
    "parse-error-nan.json": [("parse-error", "", 1, 100, None)],
    "parse-error-line.ndjson": [
        ("parse-error", "", 2, 58, 1),
        ("invalid-enum", "/credentials/type", 3, 84, 2),
    ],
    "timestamps-out-of-order.json": [("timestamps-out-of-order", "/updated_at", 6, 3, None)],
    "duplicate-connection.ndjson": [("duplicate-connection", "", 3, 1, 2)],
    "missing-required-wrapper.json": [("missing-required", "/connections/1/provider_config_key", 4, 5, None)],
    # A saved API response read from the top: the envelope's findings, and where the records are.
    "nested-records-api-response.json": [
        ("missing-required", "/id", 1, 1, None),
        ("missing-required", "/provider", 1, 1, None),
        ("missing-required", "/provider_config_key", 1, 1, None),
        ("unknown-field", "/request", 2, 3, None),
        ("unknown-field", "/response", 6, 3, None),
        ("nested-records", "/response/body/connections", 9, 7, None),
    ],
    # Fixable by --fix (tests/fixtures/fixed/ holds each one fixed).
    "invalid-date-time-loose.json": [
        ("invalid-date-time", "/created_at", 5, 3, None),
        ("invalid-date-time", "/updated_at", 6, 3, None),
        ("invalid-date-time", "/credentials/expires_at", 7, 37, None),
    ],
    "invalid-enum-case.ndjson": [
        ("invalid-enum", "/credentials/type", 1, 94, 0),
        ("invalid-enum", "/credentials/type", 3, 87, 2),
        ("invalid-enum", "/credentials/type", 4, 94, 3),
    ],
    "invalid-enum-crlf.json": [("invalid-enum", "/credentials/type", 6, 3, None)],
    "invalid-enum-dump-case.json": [
        ("invalid-enum", "/0/credentials/type", 3, 20, None),
        ("invalid-enum", "/2/credentials/type", 9, 21, None),
    ],
    "metadata-not-object.yaml": [("metadata-not-object", "/metadata", 5, 1, 0)],
    "metadata-not-object.ndjson": [
        ("metadata-not-object", "/metadata", 1, 72, 0),
        ("metadata-not-object", "/metadata", 2, 78, 1),
    ],
    "wrong-type-yaml-number.yaml": [
        ("wrong-type", "/id", 2, 1, 0),
        ("wrong-type", "/provider_config_key", 3, 1, 0),
        ("wrong-type", "/provider", 4, 1, 0),
        ("invalid-enum", "/credentials/type", 6, 3, 0),
        ("invalid-date-time", "/credentials/expires_at", 7, 3, 0),
    ],
}


def findings_for(path):
    result = lint_paths([str(path)], Settings())
    assert result.unreadable == []
    return [(f.rule, f.pointer, f.line, f.column, f.record) for f in result.findings]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_fixture_gives_exactly_its_findings(name):
    assert findings_for(FIXTURES / "invalid" / name) == EXPECTED[name]


def test_the_pointer_nested_records_names_lints_the_records_clean():
    path = FIXTURES / "invalid" / "nested-records-api-response.json"
    result = lint_paths([str(path)], Settings(records=("response", "body", "connections")))
    assert (result.records, result.findings) == (1, [])


def test_every_invalid_fixture_is_named_after_a_rule_it_breaks():
    from terapi_lint import rules

    names = sorted(rules.BY_NAME, key=len, reverse=True)
    for path in sorted((FIXTURES / "invalid").iterdir()):
        rule = next((n for n in names if path.name.startswith(n)), None)
        assert rule is not None, f"{path.name} is not named after a rule"
        assert rule in {f[0] for f in findings_for(path)}, path.name


@pytest.mark.parametrize("path", sorted((FIXTURES / "valid").iterdir()), ids=lambda p: p.name)
def test_valid_fixture_is_clean(path):
    findings = findings_for(path)
    if path.name.startswith("secret-"):
        # Clean-but-tricky secret fixtures carry status members the seed structure does not define
        # (token_type, scopes, key_id...) on purpose: those may only be unknown-field warnings.
        findings = [f for f in findings if f[0] != "unknown-field"]
    assert findings == []
