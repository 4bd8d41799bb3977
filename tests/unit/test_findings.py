"""Findings' small shared pieces: path labels and JSON Pointers."""

from __future__ import annotations

from terapi_lint.findings import dotted


def test_dotted() -> None:
    assert dotted(("metadata", "accounts", 0, "password")) == "metadata.accounts[0].password"
    assert dotted(()) == "" and dotted((0,)) == "[0]"
