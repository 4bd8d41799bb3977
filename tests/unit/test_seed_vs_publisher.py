"""The compiled seed agrees with the publisher's hand-written draft-07 schema."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator, FormatChecker

from terapi_lint.compiler import compile_structure
from tests.conftest import ROOT, shared_path

SEED = ROOT / "schemas" / "connection.structure.json"
PUBLISHER = shared_path("corpus", "terapi", "terapi-connection-schema.json", module=True)

_RFC3339 = re.compile(
    r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?"
    r"([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$"
)


def _format_checker() -> FormatChecker:
    """FORMAT_CHECKER when it checks date-time (rfc3339-validator installed), else a strict regex."""
    checker = FormatChecker()
    if checker.conforms("not a date", "date-time"):
        checker.checks("date-time")(lambda value: not isinstance(value, str) or bool(_RFC3339.match(value)))
    return checker


CHECKER = _format_checker()


@pytest.fixture(scope="module")
def ours() -> dict:
    return compile_structure(json.loads(SEED.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def theirs() -> dict:
    return json.loads(PUBLISHER.read_text(encoding="utf-8"))


def _walk(schema: dict, path: str = "") -> dict[str, dict]:
    """Every property schema by dotted path."""
    out = {}
    for name, prop in schema.get("properties", {}).items():
        out[path + name] = prop
        out.update(_walk(prop, f"{path}{name}."))
    return out


def test_same_properties_required_types_formats_and_enums(ours: dict, theirs: dict) -> None:
    assert ours["required"] == theirs["required"]
    mine, published = _walk(ours), _walk(theirs)
    assert list(mine) == list(published)
    for name, prop in published.items():
        for keyword in ("type", "format", "enum", "required"):
            assert mine[name].get(keyword) == prop.get(keyword), f"{name}: {keyword}"


def test_checker_rejects_bad_date_time() -> None:
    assert not CHECKER.conforms("2026-13-01T00:00:00Z", "date-time")
    assert CHECKER.conforms("2026-01-15T10:00:00Z", "date-time")


GOOD = {"id": "user-123", "provider_config_key": "github-prod", "provider": "github"}

RECORDS: list[tuple[str, Any, bool]] = [
    ("minimal", GOOD, True),
    ("publisher example", None, True),
    ("with timestamps", {**GOOD, "created_at": "2026-01-15T10:00:00Z", "updated_at": "2026-05-03T08:00:00+02:00"}, True),
    ("metadata is free-form", {**GOOD, "metadata": {"tenant": "acme", "n": 3, "nested": {"a": [1]}}}, True),
    ("credentials status", {**GOOD, "credentials": {"type": "api_key", "expires_at": "2026-05-04T08:00:00Z"}}, True),
    ("extra top-level key", {**GOOD, "connection_id": "abc"}, True),
    ("missing id", {k: v for k, v in GOOD.items() if k != "id"}, False),
    ("missing provider", {k: v for k, v in GOOD.items() if k != "provider"}, False),
    ("id not a string", {**GOOD, "id": 123}, False),
    ("bad created_at", {**GOOD, "created_at": "yesterday"}, False),
    ("date only", {**GOOD, "updated_at": "2026-01-15"}, False),
    ("metadata not an object", {**GOOD, "metadata": "tenant=acme"}, False),
    ("unknown credential type", {**GOOD, "credentials": {"type": "password"}}, False),
    ("bad expires_at", {**GOOD, "credentials": {"type": "oauth2", "expires_at": "tomorrow"}}, False),
    ("credentials not an object", {**GOOD, "credentials": ["oauth2"]}, False),
    ("not an object", ["id"], False),
]


@pytest.mark.parametrize(("label", "record", "expected"), RECORDS, ids=[r[0] for r in RECORDS])
def test_same_verdict(ours: dict, theirs: dict, label: str, record: Any, expected: bool) -> None:
    if record is None:
        record = theirs["examples"][0]
    our_verdict = Draft202012Validator(ours, format_checker=CHECKER).is_valid(record)
    their_verdict = Draft7Validator(theirs, format_checker=CHECKER).is_valid(record)
    assert (our_verdict, their_verdict) == (expected, expected), label
