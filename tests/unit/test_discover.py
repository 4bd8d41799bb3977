"""Expanding command-line paths: folders, globs, bad paths and link loops."""

from __future__ import annotations

import os

from terapi_lint.discover import Unreadable, expand, matches_any


def test_folders_are_walked_in_sorted_order_with_include_and_exclude(tmp_path):
    for name in ["b.json", "a.yaml", "c.txt", "sub/d.ndjson", "sub/e.jsonl", "node_modules/x.json"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}")
    found = list(expand([str(tmp_path)], exclude=["node_modules"]))
    assert [os.path.relpath(p, tmp_path) for p in found] == ["a.yaml", "b.json", os.path.join("sub", "d.ndjson"), os.path.join("sub", "e.jsonl")]


def test_missing_path_is_reported_and_others_go_on(tmp_path):
    (tmp_path / "ok.json").write_text("{}")
    found = list(expand([str(tmp_path / "nope.json"), str(tmp_path / "ok.json")]))
    assert isinstance(found[0], Unreadable) and found[0].reason == "no such file or folder"
    assert found[1] == str(tmp_path / "ok.json")


def test_symlink_loop_inside_a_folder_ends(tmp_path):
    (tmp_path / "a.json").write_text("{}")
    os.symlink(tmp_path, tmp_path / "loop")
    assert list(expand([str(tmp_path)])) == [str(tmp_path / "a.json")]


def test_explicit_file_is_linted_whatever_its_extension(tmp_path):
    path = tmp_path / "connections.txt"
    path.write_text("{}")
    assert list(expand([str(path)])) == [str(path)]


def test_glob_matching():
    assert matches_any("data/legacy/x.json", ["data/legacy/*"])
    assert matches_any("./data/legacy/x.json", ["legacy"])
    assert matches_any("deep/data/legacy/x.json", ["data/legacy/*"])
    assert not matches_any("data/new/x.json", ["legacy", "*.yaml"])
