"""Schema errors become one finding each, under the most specific rule, without quoting values."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terapi_lint.config import Settings
from terapi_lint.linter import Pipeline, lint_record
from terapi_lint.loaders.base import Record
from terapi_lint.rules import timestamps_out_of_order

VALID = {
    "id": "user-123",
    "provider_config_key": "github-prod",
    "provider": "github",
    "created_at": "2026-01-15T10:00:00Z",
    "updated_at": "2026-05-03T08:00:00Z",
    "metadata": {"user_id": "user-123", "tenant_id": "acme-corp"},
    "credentials": {"type": "oauth2", "expires_at": "2026-05-04T08:00:00Z"},
}


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Settings())


def lint(pipeline, record):
    return [(f.rule, f.pointer, f.message) for f in lint_record(record, pipeline=pipeline)]


def with_(**changes):
    record = copy.deepcopy(VALID)
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        target = record
        for part in parents:
            target = target[part]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value
    return record


def test_valid_record_is_clean(pipeline):
    assert lint(pipeline, VALID) == []


def test_missing_required_names_the_absent_member(pipeline):
    assert lint(pipeline, with_(provider=KeyError, id=KeyError)) == [
        ("missing-required", "/id", "required member 'id' is missing"),
        ("missing-required", "/provider", "required member 'provider' is missing"),
    ]


def test_wrong_type(pipeline):
    assert lint(pipeline, with_(provider=42)) == [("wrong-type", "/provider", "provider must be string, not integer")]


def test_enum_suggests_case_fix_and_typo_fix(pipeline):
    assert lint(pipeline, with_(credentials__type="OAuth2")) == [
        ("invalid-enum", "/credentials/type", "credentials.type 'OAuth2' is not allowed; did you mean 'oauth2'?")
    ]
    assert lint(pipeline, with_(credentials__type="oauht2"))[0][2].endswith("did you mean 'oauth2'?")


def test_enum_without_a_near_match_does_not_quote_the_value(pipeline):
    [(rule, pointer, message)] = lint(pipeline, with_(credentials__type="s3cr3t-value"))
    assert rule == "invalid-enum" and "s3cr3t" not in message
    assert message == "credentials.type must be one of: 'oauth2', 'oauth1', 'api_key', 'basic', 'custom'"


def test_enum_error_is_kept_when_a_sibling_also_fails(pipeline):
    # Spectral drops the enum error in this case; we report both.
    findings = lint(pipeline, with_(credentials__type="oauth3", credentials__expires_at="soon"))
    assert [f[:2] for f in findings] == [
        ("invalid-date-time", "/credentials/expires_at"),
        ("invalid-enum", "/credentials/type"),
    ]


def test_date_time_reason(pipeline):
    assert lint(pipeline, with_(created_at="2026-01-15T10:00:00")) == [
        ("invalid-date-time", "/created_at",
         "created_at is not a valid date-time: the UTC offset is missing; add 'Z' or an offset like +02:00")
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('{"tenant_id": "acme"}', "metadata is a string holding a JSON object: it was serialised twice; store the object itself"),
        ("acme", "metadata is a string, not an object of key-value pairs"),
        ([1, 2], "metadata is an array, not an object of key-value pairs"),
        (None, "metadata is null, not an object; use {} when there is no metadata"),
        (3, "metadata is an integer, not an object of key-value pairs"),
    ],
)
def test_metadata_not_object_is_one_finding(pipeline, value, message):
    assert lint(pipeline, with_(metadata=value)) == [("metadata-not-object", "/metadata", message)]


def test_unknown_field_is_a_warning_and_an_error_when_strict(pipeline):
    findings = lint_record(with_(tenant="acme", credentials__scope="repo"), pipeline=pipeline)
    assert [(f.rule, f.pointer, f.severity) for f in findings] == [
        ("unknown-field", "/credentials/scope", "warning"),
        ("unknown-field", "/tenant", "warning"),
    ]
    strict = Pipeline(Settings(strict=True))
    assert {f.severity for f in lint_record(with_(tenant="acme"), pipeline=strict)} == {"error"}


def test_metadata_members_are_free_form(pipeline):
    assert lint(pipeline, with_(metadata={"anything": {"goes": [1, 2]}})) == []


def test_record_that_is_not_an_object(pipeline):
    assert lint(pipeline, ["not", "a", "record"]) == [("wrong-type", "", "the record must be object, not array")]


def test_timestamps_out_of_order(pipeline):
    findings = lint_record(with_(created_at="2026-05-03T08:00:00Z", updated_at="2026-05-03T09:00:00+02:00"), pipeline=pipeline)
    assert [(f.rule, f.pointer, f.severity) for f in findings] == [("timestamps-out-of-order", "/updated_at", "warning")]
    assert lint(pipeline, with_(created_at="2026-05-03T08:00:00Z", updated_at="2026-05-03T10:00:00+02:00")) == []


@pytest.mark.parametrize(
    ("created", "updated", "out_of_order"),
    [
        ("2026-05-03T08:00:00Z", "2026-05-03T08:00:00.5Z", False),
        ("2026-05-03T08:00:00.5Z", "2026-05-03T08:00:00Z", True),
        ("2026-05-03T08:00:00+00:00", "2026-05-03T07:59:59.999z", True),
        ("2026-05-03T08:00:00Z", "2026-05-03T09:30:00+02:00", True),
        ("2026-05-03T08:00:00Z", "2026-05-03T09:30:00+01:00", False),
        ("1998-12-31T23:59:60Z", "1999-01-01T00:00:00Z", False),
        ("2026-05-03T08:00:00Z", "not a date", False),
        ("2026-05-03T08:00:00+05:30", "2026-05-03T08:00:01+05:30", False),
        ("2026-05-03T08:00:01+05:30", "2026-05-03T08:00:00+05:30", True),
        ("2026-05-03T08:00:00-01:00", "2026-05-03T08:30:00+01:00", True),
        ("2026-05-03T08:00:00+05:30", "2026-05-03T09:00:00+06:30", False),
        ("1998-12-31T23:59:59.5Z", "1998-12-31T23:59:60Z", True),
        ("1998-12-31T23:59:60Z", "1998-12-31T23:59:59.5Z", False),
        ("1998-12-31T23:59:60Z", "1998-12-31T23:59:58Z", True),
        ("2026-05-03T08:00:00Z", "2026-13-03T08:00:00Z", False),
    ],
)
def test_timestamp_order_across_shapes(pipeline, created, updated, out_of_order):
    findings = lint_record(with_(created_at=created, updated_at=updated), pipeline=pipeline)
    assert ("timestamps-out-of-order" in {f.rule for f in findings}) == out_of_order


def test_timestamp_order_ignores_the_case_of_t(pipeline):
    record = with_(created_at="2026-05-03t08:00:00.5Z", updated_at="2026-05-03T08:00:00.25Z")
    assert "timestamps-out-of-order" in {f.rule for f in lint_record(record, pipeline=pipeline)}



_OFFSETS = st.sampled_from(["Z", "z", "+00:00", "-00:00", "+05:30", "-08:00", "+14:00"])
_MOMENTS = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2040, 1, 1))


def _written(moment: datetime, offset: str, separator: str, digits: int) -> str:
    """``moment`` (UTC) as the RFC 3339 text a writer in ``offset`` would give."""
    shift = timedelta() if offset in "Zz" else (1 if offset[0] == "+" else -1) * timedelta(
        hours=int(offset[1:3]), minutes=int(offset[4:6]))
    local = moment + shift
    fraction = f".{local.microsecond:06d}"[: digits + 1] if digits else ""
    return local.strftime(f"%Y-%m-%d{separator}%H:%M:%S") + fraction + offset


@given(_MOMENTS, _MOMENTS, _OFFSETS, _OFFSETS, st.sampled_from("Tt"), st.sampled_from("Tt"),
       st.integers(0, 6), st.integers(0, 6), st.booleans())
@settings(max_examples=500, derandomize=True, deadline=None)
def test_timestamp_order_agrees_with_real_instants(created, updated, created_offset, updated_offset,
                                                    created_t, updated_t, created_digits, updated_digits, close):
    if close:  # within a second or two, where fractions and offsets decide
        updated = created + timedelta(microseconds=updated.microsecond - 500_000)
    created_text = _written(created, created_offset, created_t, created_digits)
    updated_text = _written(updated, updated_offset, updated_t, updated_digits)
    # The instants as written (fractions cut to the digits kept).
    expected = datetime.fromisoformat(updated_text.upper().replace("Z", "+00:00")) < datetime.fromisoformat(
        created_text.upper().replace("Z", "+00:00"))
    record = Record({"created_at": created_text, "updated_at": updated_text})
    assert bool(timestamps_out_of_order.check(record, None)) == expected, (created_text, updated_text)
