"""The strict RFC 3339 date-time check and the format checker it is registered on."""

from __future__ import annotations

import json

import pytest

from terapi_lint.schema.formats import build_format_checker, date_time_problem, is_date, is_date_time, is_uuid
from tests.conftest import shared_path


def _conformance_cases():
    path = shared_path("conformance", "jsts", "draft2020-12", "optional", "format", "date-time.json")
    return [case for group in json.loads(path.read_text()) for case in group["tests"]]


def test_all_official_conformance_cases_pass():
    cases = _conformance_cases()
    assert len(cases) >= 30
    wrong = [c["description"] for c in cases if is_date_time(c["data"]) != c["valid"]]
    assert wrong == []


def test_format_checker_checks_date_time_without_optional_packages():
    checker = build_format_checker()
    assert "date-time" in checker.checkers
    assert checker.conforms("2026-01-15T10:00:00Z", "date-time")
    assert not checker.conforms("2026-01-15T10:00:00", "date-time")
    assert not checker.conforms("tomorrow", "date-time")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2026-01-15T10:00:00", "the UTC offset is missing; add 'Z' or an offset like +02:00"),
        ("2026-02-29T10:00:00Z", "day 29 does not exist in 2026-02"),
        ("2026-01-15T24:00:00Z", "hour 24 is out of range (00-23)"),
        ("2026-13-01T00:00:00Z", "month 13 does not exist"),
        ("2026-01-15 10:00:00Z", "date and time must be separated by 'T', not a space"),
        ("2026-01-15", "it is a date without a time; RFC 3339 date-time needs both, e.g. 2026-01-15T10:00:00Z"),
        ("2026-01-15T10:00:00+0200", "the UTC offset needs a colon (+hh:mm)"),
        ("2026-01-15T10:00:00+24:00", "the UTC offset is out of range (at most 23:59)"),
        ("2026-06-30T12:59:60Z", "a leap second (:60) is only valid at 23:59:60 UTC"),
        ("tomorrow", "it is not an RFC 3339 date-time (expected e.g. 2026-01-15T10:00:00Z)"),
        ("1700000000", "it is a number, not an RFC 3339 date-time; write e.g. 2026-01-15T10:00:00Z"),
        ("", "it is empty"),
    ],
)
def test_reasons_say_what_is_wrong(value, reason):
    assert date_time_problem(value) == reason


@pytest.mark.parametrize("value", ["2024-02-29T00:00:00z", "1998-12-31T15:59:60.123-08:00", "2026-01-15t10:00:00.5+05:30"])
def test_valid_edge_cases(value):
    assert date_time_problem(value) is None


def test_date_and_uuid():
    assert is_date("2024-02-29") and not is_date("2026-02-29") and not is_date("2026-1-1")
    assert is_uuid("123e4567-e89b-12d3-a456-426614174000") and not is_uuid("123e4567e89b12d3a456426614174000")


@pytest.mark.parametrize(
    ("fmt", "good", "bad"),
    [
        ("time", ["08:30:06Z", "08:30:06.5+01:00", "23:59:60Z"], ["08:30:06", "24:00:00Z", "12:00:60Z"]),
        ("email", ["a@example.com"], ["a@", "@b", "a b@c.d"]),
        ("hostname", ["example.com", "a-b.example", "xn--bcher-kva.example"], ["-a.com", "a..b", "a_b.com", "", "example.", "xn--X"]),
        ("uri", ["https://example.com/x", "urn:isbn:123"], ["relative/path", "http://a b", "//host"]),
        ("uri-reference", ["#f", "../x"], ["a b"]),
        ("ipv4", ["192.168.0.1"], ["256.0.0.1", "01.2.3.4"]),
        ("ipv6", ["::1"], ["1::2::3"]),
        ("duration", ["P1D", "PT1H30M", "P2W"], ["P", "PT", "1D"]),
        ("json-pointer", ["", "/a/~0b"], ["a", "/~2"]),
        ("regex", ["^a+$"], ["("]),
    ],
)
def test_every_checked_format_without_optional_packages(fmt, good, bad):
    checker = build_format_checker()
    assert all(checker.conforms(v, fmt) for v in good)
    assert not any(checker.conforms(v, fmt) for v in bad)


def test_every_2020_12_format_is_checked_and_others_are_annotations():
    from terapi_lint.schema.formats import CHECKS

    vocabulary = {"date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname",
                  "ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uuid", "uri-template",
                  "json-pointer", "relative-json-pointer", "regex"}
    assert set(CHECKS) == vocabulary
    checker = build_format_checker()
    assert not checker.conforms("anything at all", "iri")
    assert checker.conforms("x", "int64") and checker.conforms("x", "no-such-format")
