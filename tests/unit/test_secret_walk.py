"""The shared record walker (terapi_lint.walk)."""

from __future__ import annotations

from typing import Any

import yaml

from terapi_lint.walk import dotted, iter_members, iter_strings


def test_iter_strings_paths_and_keys() -> None:
    rec = {"id": "u1", "metadata": {"tags": ["a", {"k": "v"}], "n": 3}, "credentials": {"type": "oauth2"}}
    got = sorted(iter_strings(rec), key=str)
    assert got == sorted(
        [(("id",), "id", "u1"), (("metadata", "tags", 0), None, "a"), (("metadata", "tags", 1, "k"), "k", "v"),
         (("credentials", "type"), "type", "oauth2")],
        key=str,
    )


def test_iter_members_includes_containers_and_scalars() -> None:
    paths = {p for p, _, _ in iter_members({"a": {"b": [1, None]}})}
    assert paths == {("a",), ("a", "b"), ("a", "b", 0), ("a", "b", 1)}


def test_aliases_walked_once_and_no_recursion_limit() -> None:
    doc = yaml.safe_load("x: &a {s: str1}\ny: *a\n")
    assert len([v for _, _, v in iter_strings(doc)]) == 1
    deep: Any = "leaf"
    for _ in range(10_000):
        deep = [deep]
    assert [v for _, _, v in iter_strings(deep)] == ["leaf"]


def test_dotted() -> None:
    assert dotted(("metadata", "accounts", 0, "password")) == "metadata.accounts[0].password"
    assert dotted(()) == "" and dotted((0,)) == "[0]"
