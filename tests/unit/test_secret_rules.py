"""The secret-key (TL201) and secret-value (TL202) rules: shape, fixtures, coordination, no echo."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import terapi_lint.secrets.analysis as secrets_module
from terapi_lint.findings import Problem
from terapi_lint.loaders.base import Record
from terapi_lint.rules import secret_key, secret_value
from terapi_lint.rules.base import RuleContext
from terapi_lint.secrets import analyze, hits_for

from tests.unit.secret_fakes import FIXTURES, Spec, all_specs, filename, render, valid_specs

RULES = (secret_key, secret_value)
SPECS = all_specs()


def load(path: Path) -> list[Record]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        value = json.loads(text)
        return [Record(value=v, index=i) for i, v in enumerate(value)] if isinstance(value, list) else [Record(value=value)]
    if path.suffix in (".yaml", ".yml"):
        return [Record(value=doc, index=i, kind="yaml") for i, doc in enumerate(yaml.safe_load_all(text))]
    if path.suffix == ".ndjson":
        lines = [line for line in text.splitlines() if line.strip()]
        return [Record(value=json.loads(line), index=i, kind="ndjson") for i, line in enumerate(lines)]
    raise AssertionError(f"unexpected fixture {path}")


def run(record: Record, ctx: RuleContext | None = None) -> list[Problem]:
    ctx = ctx if ctx is not None else RuleContext(schema={})
    return [p for rule in RULES for p in rule.check(record, ctx)]


# --- rule module shape ----------------------------------------------------------------------------


@pytest.mark.parametrize(("rule", "code", "name"), [(secret_key, "TL201", "secret-key"), (secret_value, "TL202", "secret-value")])
def test_rule_module_shape(rule: Any, code: str, name: str) -> None:
    assert (rule.CODE, rule.NAME, rule.SEVERITY) == (code, name, "error")
    doc = rule.__doc__
    summary, blank = doc.splitlines()[:2]
    assert summary.strip() and not blank.strip()
    positions = [doc.index(h) for h in ("## What it checks", "## Why it matters", "## Example", "## Fix")]
    assert positions == sorted(positions)
    assert callable(rule.check)


def test_docs_hold_no_format_valid_secret() -> None:
    # Docs get printed: their examples must not trip a detector themselves.
    for rule in RULES:
        assert analyze({"doc": rule.__doc__}) == []


# --- fixtures -------------------------------------------------------------------------------------


def test_generated_fixtures_are_up_to_date() -> None:
    for folder, specs in (("invalid", SPECS), ("valid", valid_specs())):
        for spec in specs:
            path = FIXTURES / folder / filename(spec)
            assert path.read_text(encoding="utf-8") == render(spec), f"regenerate: {path.name}"


def test_every_invalid_secret_fixture_is_specified() -> None:
    on_disk = {p.name for p in (FIXTURES / "invalid").glob("secret-*")}
    assert on_disk == {filename(s) for s in SPECS}


@pytest.mark.parametrize("spec", SPECS, ids=[filename(s) for s in SPECS])
def test_invalid_fixture_findings(spec: Spec) -> None:
    records = load(FIXTURES / "invalid" / filename(spec))
    got = sorted(((i, p.rule, p.path) for i, rec in enumerate(records) for p in run(rec)), key=str)
    assert got == sorted(spec.expected, key=str)
    rule = "secret-key" if filename(spec).startswith("secret-key") else "secret-value"
    assert rule in {r for _, r, _ in got}


VALID = sorted(p for p in (FIXTURES / "valid").iterdir() if p.suffix in (".json", ".yaml", ".yml", ".ndjson"))


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_valid_fixtures_give_no_finding(path: Path) -> None:
    for rec in load(path):
        assert run(rec) == []


# --- no echo --------------------------------------------------------------------------------------


def pieces(secret: str) -> set[str]:
    # The random part of a secret: PEM armour lines are public text.
    body = re.sub(r"-----[A-Z ]+-----", "", secret)
    return {body[i:i + 8] for i in range(len(body) - 7) if body[i:i + 8].strip()}


@pytest.mark.parametrize("spec", SPECS, ids=[filename(s) for s in SPECS])
def test_no_message_or_path_echoes_a_secret(spec: Spec) -> None:
    records = load(FIXTURES / "invalid" / filename(spec))
    out = " | ".join(p.message + " " + "/".join(map(str, p.path)) for rec in records for p in run(rec))
    assert out
    for secret in spec.secrets:
        leaked = [piece for piece in pieces(secret) if piece in out]
        assert not leaked, f"{spec.name}: output echoes part of a secret"


# --- coordination and behaviour -------------------------------------------------------------------


@pytest.mark.parametrize("spec", SPECS, ids=[filename(s) for s in SPECS])
def test_one_path_one_finding(spec: Spec) -> None:
    for rec in load(FIXTURES / "invalid" / filename(spec)):
        problems = run(rec)
        paths = [p.path for p in problems]
        assert len(paths) == len(set(paths))
        # Nor is anything reported below a path already reported.
        for a in paths:
            assert not any(b != a and b[: len(a)] == a for b in paths)


def test_format_under_secret_key_is_one_combined_finding() -> None:
    tok = next(s for s in SPECS if s.name == "secret-key-access-token-github").secrets[0]
    rec = Record(value={"credentials": {"type": "oauth2", "access_token": tok}})
    [problem] = run(rec)
    assert problem.rule == "secret-key" and problem.path == ("credentials", "access_token")
    assert problem.message == "GitHub OAuth token under credentials.access_token"


def test_secret_in_key_name_is_reported_at_the_parent() -> None:
    spec = next(s for s in SPECS if s.name == "secret-value-key-name")
    [problem] = run(Record(value=spec.records[0]))
    assert problem.path == ("metadata",)
    assert problem.message == "GitHub personal access token in a key name under metadata"


def test_messages() -> None:
    rec = Record(value={
        "credentials": {"type": "basic", "password": "hunter2"},
        "metadata": {"oauth": {"refresh_token": "8c1f2e"}, "accounts": [{"pwd": "x1"}]},
        "password": "top-level-pw!7",
    })
    msgs = sorted(p.message for p in run(rec))
    assert msgs == sorted([
        "password under credentials",
        "refresh_token under metadata.oauth",
        "pwd under metadata.accounts[0]",
        "password under the top level of the record",
    ])


@pytest.mark.parametrize(
    ("value", "flagged"),
    [("hunter2", True), ("0f8fad5b-d9cb-469f-a165-70867728950e", True), ("", False), (None, False),
     (True, False), (1234, True), ("${PW}", False), ({"value": "x9"}, True), ({"expires_at": "2026"}, False),
     (["a1", "b2"], True), ([], False)],
)
def test_secret_key_values(value: Any, flagged: bool) -> None:
    rec = Record(value={"credentials": {"password": value}})
    assert bool(list(secret_key.check(rec, None))) is flagged


def test_numbers_only_count_for_password_like_kinds() -> None:
    assert list(secret_key.check(Record(value={"credentials": {"api_key": 42}}), None)) == []


def test_uuid_and_hex_never_cleared_under_a_strong_key() -> None:
    rec = Record(value={"metadata": {"heroku_api_key": "0f8fad5b-d9cb-469f-a165-70867728950e",
                                     "linear_client_secret": "9f86d081884c7d659a2feaa0c55ad015"}})
    assert len(list(secret_key.check(rec, None))) == 2


def test_yaml_alias_reported_once() -> None:
    doc = yaml.safe_load("shared: &s {password: hunter2x}\ncredentials: *s\nmetadata: {copy: *s}\n")
    assert len(list(secret_key.check(Record(value=doc, kind="yaml"), None))) == 1


def test_analysis_shared_between_rules_via_ctx() -> None:
    ctx = RuleContext(schema={})
    rec = Record(value={"credentials": {"password": "hunter2"}})
    first = hits_for(rec, ctx)
    assert hits_for(rec, ctx) is first
    assert hits_for(Record(value=rec.value), ctx) is not first  # another record: recomputed


def test_deep_nesting_does_not_recurse() -> None:
    value: Any = {"password": "hunter2"}
    for _ in range(5000):
        value = {"a": [value]}
    assert len(list(secret_key.check(Record(value=value), None))) == 1


def test_aws_secret_next_to_key_id_in_sibling() -> None:
    spec = next(s for s in SPECS if s.name == "secret-value-aws-pair")
    key_id, secret = spec.secrets
    pair = {"provider": "custom", "metadata": {"storage": {"id": key_id, "credential": secret}}}
    assert [p.path for p in secret_value.check(Record(value=pair), None)] == [
        ("metadata", "storage", "id"), ("metadata", "storage", "credential")]
    alone = {"provider": "custom", "metadata": {"storage": {"credential": secret}}}
    assert list(secret_value.check(Record(value=alone), None)) == []  # no AWS context: a 40-char blob
    under_aws = {"provider": "custom", "metadata": {"aws": {"credential": secret}}}
    assert len(list(secret_value.check(Record(value=under_aws), None))) == 1


def test_non_string_yaml_keys_keep_their_identity() -> None:
    doc = yaml.safe_load("credentials:\n  1:\n    password: hunter2x\n")
    [problem] = secret_key.check(Record(value=doc), None)
    assert problem.path == ("credentials", 1, "password")


def test_a_field_description_under_a_secret_name_is_not_a_secret() -> None:
    schema_like = {
        "properties": {"client_secret": {"type": "string", "description": "The client secret.",
                                         "example": "your-client-secret-here"}},
        "entities": {"ApiKey": {"description": "API key", "fields": {"api_key": {"type": "string"}}}},
    }
    assert list(secret_key.check(Record(value=schema_like), None)) == []
    held = {"credentials": {"client_secret": {"value": "Zq8kPw77xAbc", "description": "prod"}}}
    assert [p.path for p in secret_key.check(Record(value=held), None)] == [("credentials", "client_secret", "value")]


RAW_CONTEXTUAL = {"secret-value-high-entropy-credential", "secret-value-aws-pair"}


@pytest.mark.parametrize(
    "spec", [s for s in SPECS if s.name.startswith("secret-value") and s.name not in RAW_CONTEXTUAL],
    ids=lambda s: filename(s),
)
def test_raw_text_fallback_finds_value_fixtures(spec: Spec) -> None:
    # As if the file did not parse: format detectors over the raw text, with line and column.
    text = (FIXTURES / "invalid" / filename(spec)).read_text(encoding="utf-8")
    found = list(secret_value.scan_text(text))
    assert found
    lines = text.splitlines()
    for line, column, kind in found:
        assert 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1
        assert not any(piece in kind for secret in spec.secrets for piece in pieces(secret))


def test_no_cache_keeps_a_secret() -> None:
    from terapi_lint.secrets.analysis import _KEY_INFO, clear_caches
    from terapi_lint.secrets.keys import classify_key, tokenize

    spec = next(s for s in SPECS if s.name == "secret-value-key-name")
    clear_caches()
    tokenize.cache_clear()
    analyze({"metadata": {spec.secrets[0]: True}})
    assert all(set(table) <= {"metadata"} for table in _KEY_INFO)
    assert tokenize.cache_info().currsize == 1 and classify_key.cache_info().currsize == 1
    # Across every fixture, the member-name memo never holds a piece of a secret.
    for s in SPECS:
        for rec in load(FIXTURES / "invalid" / filename(s)):
            run(rec)
    remembered = " | ".join(k for table in _KEY_INFO for k in table)
    for s in SPECS:
        for secret in s.secrets:
            assert not [piece for piece in pieces(secret) if piece in remembered], s.name


def test_yaml_alias_through_the_yaml_loader_reported_once() -> None:
    from terapi_lint.loaders import load

    [record] = [r for r in load(b"shared: &s {password: hunter2x}\ncredentials: *s\n", name="c.yaml") if isinstance(r, Record)]
    assert len(list(secret_key.check(record, None))) == 1


# -- the walk's shortcuts change no finding -------------------------------------------------------



class _NoName:
    """Stands in for the walk's set of plain member names: none is plain, every name is judged."""

    def __contains__(self, name: object) -> bool:
        return False

    def add(self, name: object) -> None:
        pass

    def clear(self) -> None:
        pass


_PIECES = [secret for spec in SPECS for secret in spec.secrets] + [
    "2026-05-03T08:00:00Z", "https://api.example.com/v1?page=2", "postgres://app:Zq8kPw77x@db/x",
    "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "offline_access", "Bearer ",
]
_TEXT = st.lists(st.sampled_from(_PIECES) | st.text(max_size=12), min_size=1, max_size=2).map(" ".join)
_NAMES = st.sampled_from(["id", "note", "metadata", "credentials", "aws", "notion_workspace", "token",
                          "refresh_token", "client_secret", "api_key_id", "password", "token_type",
                          "secret_name", "settings", "items", "value", "aws_secret_access_key"])
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_NAMES, inner, max_size=4),
    max_leaves=12,
)


@given(st.sampled_from(["aws", "amazon-s3", "notion", "github", None]), st.dictionaries(_NAMES, _VALUES, max_size=6))
@settings(max_examples=500, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_walks_shortcuts_change_no_finding(provider: str | None, record: dict) -> None:
    """The one-search gate on strings and the skip of plain member names are shortcuts only: with
    every string scanned and every name judged, the walk finds exactly the same."""
    if provider:
        record["provider"] = provider
    expected = analyze(record, shared_nodes=False)
    with mock.patch.object(secrets_module, "may_hold_secret", lambda text: True), \
            mock.patch.object(secrets_module, "_PLAIN", (_NoName(), _NoName())):
        assert analyze(record, shared_nodes=False) == expected
