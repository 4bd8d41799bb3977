"""Findings' small shared pieces: path labels, JSON Pointers and the no-echo cut of paths."""

from __future__ import annotations

import pytest

from terapi_lint.findings import (
    Finding,
    dotted,
    escape_token,
    path_from_pointer,
    pointer_from_path,
    severity_rank,
    unescape_token,
)
from terapi_lint.linter import lint_record
from terapi_lint.withheld import record_identity, safe_path
from tests.unit.secret_fakes import Fakes


def test_dotted() -> None:
    assert dotted(("metadata", "accounts", 0, "password")) == "metadata.accounts[0].password"
    assert dotted(()) == "" and dotted((0,)) == "[0]"


@pytest.mark.parametrize("path, pointer", [
    ((), ""),
    (("",), "/"),
    (("a/b",), "/a~1b"),
    (("m~n",), "/m~0n"),
    (("~1",), "/~01"),          # a literal "~1": "~" first, or it would come back as "/"
    (("/~",), "/~1~0"),
    (("~/",), "/~0~1"),
    (("a", 0, "c d"), "/a/0/c d"),
])
def test_pointer_escaping_follows_rfc_6901(path, pointer) -> None:
    """RFC 6901 section 3: escape ``~`` before ``/``; section 4: unescape ``~1`` before ``~0``."""
    assert pointer_from_path(path) == pointer
    assert path_from_pointer(pointer) == tuple(str(p) for p in path)


def test_tokens_round_trip() -> None:
    for token in ["~", "/", "~0", "~1", "~01", "/~1/", "a~b/c"]:
        assert unescape_token(escape_token(token)) == token
    with pytest.raises(ValueError, match="JSON Pointer must be empty or start with '/': 'no-slash'"):
        path_from_pointer("no-slash")


def test_severities_rank_info_below_warning_below_error() -> None:
    assert [severity_rank(s) for s in ("info", "warning", "error")] == [0, 1, 2]
    with pytest.raises(ValueError):
        severity_rank("fatal")


def test_a_finding_as_a_dict_has_every_field_and_its_value() -> None:
    finding = Finding("a.json", 3, 7, "/credentials/token", "secret-key", "error", "a secret", record=2,
                      code="TL007", record_id="conn-1", record_key="github")
    assert finding.to_dict() == {
        "file": "a.json", "line": 3, "column": 7, "pointer": "/credentials/token", "rule": "secret-key",
        "severity": "error", "message": "a secret", "record": 2, "code": "TL007", "record_id": "conn-1",
        "record_key": "github",
    }


def test_a_finding_under_an_escaped_member_name_has_the_escaped_pointer() -> None:
    record = {"id": "u1", "provider_config_key": "k", "provider": "p", "a/b~c": 1}
    [finding] = lint_record(record)
    assert (finding.rule, finding.pointer) == ("unknown-field", "/a~1b~0c")


def test_safe_path_cuts_before_a_member_name_that_is_a_credential() -> None:
    token = Fakes(seed=7).github()
    assert safe_path(("metadata", token, "note")) == ("metadata",)
    assert safe_path((token,)) == ()
    assert safe_path(("metadata", "tokens", 0, token)) == ("metadata", "tokens", 0)


def test_safe_path_keeps_ordinary_paths_whole() -> None:
    ordinary = ("credentials", "refresh_token", 0, "access_token_expires_at", "ghp_short")
    assert safe_path(ordinary) == ordinary
    assert safe_path(()) == ()


def test_record_identity_is_the_id_and_key_when_they_are_plain_strings() -> None:
    assert record_identity({"id": "conn-1", "provider_config_key": "github-prod"}) == ("conn-1", "github-prod")
    assert record_identity({"id": "conn-1"}) == ("conn-1", None)
    assert record_identity({"provider_config_key": "github-prod"}) == (None, "github-prod")


def test_record_identity_withholds_what_is_not_a_string_or_looks_like_a_credential() -> None:
    token = Fakes(seed=7).github()
    assert record_identity({"id": token, "provider_config_key": "github"}) == (None, "github")
    assert record_identity({"id": "conn-1", "provider_config_key": token}) == ("conn-1", None)
    assert record_identity({"id": 7, "provider_config_key": ["k"]}) == (None, None)
    assert record_identity(["conn-1"]) == (None, None)
    assert record_identity(None) == (None, None)


def test_a_finding_pickles_to_itself_and_its_shared_strings_once() -> None:
    import pickle

    message = "credentials.expires_at must be string, not null"
    findings = [Finding("dump.ndjson", n + 1, 17, "/credentials/expires_at", "wrong-type", "error", message,
                        n, "TL102", f"conn-{n:08}", None if n % 2 else "hubspot-eu") for n in range(200)]
    findings.append(Finding("a.json", 1, 1, "", "parse-error", "error", "expected a value"))
    blob = pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL)
    back = pickle.loads(blob)
    assert back == findings and [f.to_dict() for f in back] == [f.to_dict() for f in findings]
    assert blob.count(message.encode()) == 1 and blob.count(b"dump.ndjson") == 1


def test_a_relocated_finding_is_the_finding_at_its_new_place() -> None:
    import dataclasses

    finding = Finding("dump.ndjson", 3, 17, "/0/credentials/expires_at", "wrong-type", "error", "m", 2, "TL102",
                      "conn-1", "hubspot-eu")
    expected = dataclasses.replace(finding, line=40, column=5, pointer="/9/credentials/expires_at", record=39)
    finding.relocate(40, 5, "/9/credentials/expires_at", 39)
    assert finding == expected and hash(finding) == hash(expected)
    finding.relocate(3, 17, finding.pointer, None)
    assert finding.record is None


def test_a_file_result_sends_its_findings_as_rows_and_gets_them_back() -> None:
    import pickle

    from terapi_lint.findings import finding_rows
    from terapi_lint.pipeline import FileResult

    findings = [Finding("dump.ndjson", n + 1, 17, "/credentials/expires_at", "wrong-type", "error", "m", n, "TL102",
                        f"conn-{n}", "hubspot-eu") for n in range(3)]
    result = FileResult("dump.ndjson", findings, 3, parse_errors=1)
    assert finding_rows(findings)[1] == ("dump.ndjson", 2, 17, "/credentials/expires_at", "wrong-type", "error",
                                         "m", 1, "TL102", "conn-1", "hubspot-eu")
    back = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == result and all(type(f) is Finding for f in back.findings)
    assert result.findings is findings  # pickling leaves the sender's result as it was


def test_what_looks_secret_is_judged_the_same_once_its_memo_has_filled() -> None:
    from terapi_lint import withheld

    token = Fakes(seed=11).github()
    assert withheld.looks_secret(token)
    for n in range(withheld.VERDICTS_SIZE + 10):  # each may hold a secret (an anchor), none does
        assert not withheld.looks_secret(f"sk-{n:012}")
    assert 0 < len(withheld._VERDICTS) <= withheld.VERDICTS_SIZE
    assert withheld.looks_secret(token) and not withheld.looks_secret("conn-00000042")


def test_a_finding_is_made_by_position_or_name_and_stays_as_made() -> None:
    import dataclasses

    by_position = Finding("f.json", 2, 3, "/a", "wrong-type", "error", "m", 4, "TL102", "conn-1", "key")
    by_name = Finding(file="f.json", line=2, column=3, pointer="/a", rule="wrong-type", severity="error", message="m",
                      record=4, code="TL102", record_id="conn-1", record_key="key")
    assert by_position == by_name and hash(by_position) == hash(by_name)
    assert [getattr(by_name, f.name) for f in dataclasses.fields(Finding)] == \
        ["f.json", 2, 3, "/a", "wrong-type", "error", "m", 4, "TL102", "conn-1", "key"]
    assert Finding("f.json", 1, 1, "", "parse-error", "error", "m").to_dict() == {
        "file": "f.json", "line": 1, "column": 1, "pointer": "", "rule": "parse-error", "severity": "error",
        "message": "m", "record": None, "code": "", "record_id": None, "record_key": None}
    with pytest.raises(dataclasses.FrozenInstanceError):
        by_name.line = 5  # type: ignore[misc]
