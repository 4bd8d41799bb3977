"""Findings' small shared pieces: path labels, JSON Pointers and the no-echo cut of paths."""

from __future__ import annotations

import pytest

from terapi_lint.findings import dotted, escape_token, path_from_pointer, pointer_from_path, unescape_token
from terapi_lint.linter import lint_record
from terapi_lint.withheld import safe_path
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
    with pytest.raises(ValueError):
        path_from_pointer("no-slash")


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
