"""Property: records with planted fixable defects, written as JSON or YAML in varied layouts, come
out of the fixer reading as the expected data and linting clean for the fixed rules."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from terapi_lint import loaders
from terapi_lint.config import Settings
from terapi_lint.fixes.engine import Fixer
from terapi_lint.linter import Pipeline
from terapi_lint.schema.formats import date_time_problem

PIPELINE = Pipeline(Settings())
FIXER = Fixer(PIPELINE)
FIXED_RULES = {"invalid-enum", "invalid-date-time", "metadata-not-object", "wrong-type"}
TYPES = ("oauth2", "oauth1", "api_key", "basic", "custom")
YAML_NOT_STRINGS = ("no", "yes", "on", "off", "true", "False", "1.10", "0123", "12")


@st.composite
def enum_variant(draw):
    """An allowed credential type spelled with another case and separator; (written, meant)."""
    meant = draw(st.sampled_from(TYPES))
    sep = draw(st.sampled_from(("_", "-", " ")))
    written = "".join(c.upper() if draw(st.booleans()) else c for c in meant.replace("_", sep))
    return written, meant


@st.composite
def loose_date_time(draw):
    """A valid instant written loosely; (written, strict)."""
    day = f"2026-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}"
    clock = f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}:{draw(st.integers(0, 59)):02d}"
    sep = draw(st.sampled_from(("T", "t", " ")))
    offset, strict_offset = draw(st.sampled_from(
        (("Z", "Z"), ("z", "Z"), ("+0000", "+00:00"), ("-0530", "-05:30"), ("+01:00", "+01:00"))))
    written = f"{day}{sep}{clock}{offset}"
    if date_time_problem(written) is None:  # lower-case t and z are RFC 3339 too: nothing to fix
        return written, written
    return written, f"{day}T{clock}{strict_offset}"


metadata = st.dictionaries(st.sampled_from(("tenant_id", "region", "plan", "team")),
                           st.text("abcdefghij", min_size=1, max_size=8), min_size=1)


def _record(enum, date, meta):
    return {"id": "user-1", "provider_config_key": "github-prod", "provider": "github",
            "created_at": date, "metadata": meta, "credentials": {"type": enum}}


def _check(text, kind, expected):
    piece = FIXER.fix_text(text, kind, f"record.{kind}")
    records = [r for r in loaders.load(piece.text.encode(), name=f"r.{kind}", kind=kind)]
    assert [r.value for r in records] == [expected]
    left = PIPELINE.record_problems(records[0], FIXER._context("r"))
    assert not {p.rule for p in left} & FIXED_RULES


@settings(max_examples=60, deadline=None)
@given(enum_variant(), loose_date_time(), metadata, st.sampled_from((None, 2, 4, "\t")))
def test_json_records_come_out_as_expected(enum, date, meta, indent):
    text = json.dumps(_record(enum[0], date[0], json.dumps(meta)), indent=indent) + "\n"
    _check(text, "json", _record(enum[1], date[1], meta))


@settings(max_examples=60, deadline=None)
@given(enum_variant(), loose_date_time(), metadata, st.sampled_from(YAML_NOT_STRINGS))
def test_yaml_records_come_out_as_expected(enum, date, meta, provider):
    text = (f"# planted defects\nid: user-1\nprovider_config_key: github-prod\nprovider: {provider}  # a comment\n"
            f"created_at: {date[0]}\nmetadata: '{json.dumps(meta)}'\ncredentials:\n  type: {enum[0]}\n")
    expected = {**_record(enum[1], date[1], meta), "provider": provider}
    _check(text, "yaml", expected)
