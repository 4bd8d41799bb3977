"""Expanding command-line paths: folders, globs, .gitignore, special files, and why files are skipped."""

from __future__ import annotations

import os
import socket
import subprocess

from terapi_lint.discover import Skipped, Unreadable, expand, identity, matching_glob


def _files(entries):
    return [e for e in entries if isinstance(e, str)]


def _skipped(entries, root):
    return {os.path.relpath(e.path, root): e.reason for e in entries if isinstance(e, Skipped)}


def _tree(root, *names, text="{}"):
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_folders_are_walked_in_sorted_order_with_include_and_exclude(tmp_path):
    _tree(tmp_path, "b.json", "a.yaml", "c.txt", "sub/d.ndjson", "sub/e.jsonl", "legacy/x.json")
    entries = list(expand([str(tmp_path)], exclude=["legacy"]))
    assert [os.path.relpath(p, tmp_path) for p in _files(entries)] == [
        "a.yaml", "b.json", os.path.join("sub", "d.ndjson"), os.path.join("sub", "e.jsonl")]
    assert _skipped(entries, tmp_path) == {"c.txt": "not matched by include", "legacy": "excluded by 'legacy'"}


def test_folder_walks_take_compressed_dumps_of_records(tmp_path):
    _tree(tmp_path, "a.ndjson.gz", "b.jsonl.bz2", "c.json.xz", "d.ndjson.zst", "e.JSON.GZ", "notes.txt.gz", "f.yaml.gz",
          "g.tar.gz")
    entries = list(expand([str(tmp_path)]))
    assert [os.path.relpath(p, tmp_path) for p in _files(entries)] == [
        "a.ndjson.gz", "b.jsonl.bz2", "c.json.xz", "d.ndjson.zst"]
    assert set(_skipped(entries, tmp_path)) == {"e.JSON.GZ", "notes.txt.gz", "f.yaml.gz", "g.tar.gz"}


def test_missing_path_is_reported_and_others_go_on(tmp_path):
    (tmp_path / "ok.json").write_text("{}")
    found = list(expand([str(tmp_path / "nope.json"), str(tmp_path / "ok.json")]))
    assert isinstance(found[0], Unreadable) and found[0].reason == "no such file or folder"
    assert found[1] == str(tmp_path / "ok.json")


def test_symlink_loop_inside_a_folder_ends(tmp_path):
    (tmp_path / "a.json").write_text("{}")
    os.symlink(tmp_path, tmp_path / "loop")
    entries = list(expand([str(tmp_path)]))
    assert _files(entries) == [str(tmp_path / "a.json")]
    assert _skipped(entries, tmp_path) == {"loop": "symbolic link to a folder (not followed)"}


def test_explicit_file_is_linted_whatever_its_extension_or_folder(tmp_path):
    _tree(tmp_path, "connections.txt", "node_modules/.x/a.json")
    named = [str(tmp_path / "connections.txt"), str(tmp_path / "node_modules" / ".x" / "a.json")]
    assert list(expand(named, exclude=["*.txt"])) == named


def test_force_exclude_applies_excludes_and_default_skips_to_named_files(tmp_path, monkeypatch):
    _tree(tmp_path, "a.txt", "node_modules/a.json", ".github/ci.yml", "ok.json")
    monkeypatch.chdir(tmp_path)
    entries = list(expand(["a.txt", "node_modules/a.json", ".github/ci.yml", "ok.json"], exclude=["*.txt"],
                          force_exclude=True))
    assert _files(entries) == ["ok.json"]
    assert _skipped(entries, ".") == {"a.txt": "excluded by '*.txt'", os.path.join("node_modules", "a.json"):
                                      "tool folder", os.path.join(".github", "ci.yml"): "hidden folder"}


def test_hidden_and_tool_folders_and_virtual_environments_are_skipped(tmp_path):
    _tree(tmp_path, "ok.json", ".pre-commit-config.yaml", ".github/workflows/ci.yml", "node_modules/p/package.json",
          "build/x.json", "env/pyvenv.cfg", "env/lib/data.json", "sub/dist/y.json")
    entries = list(expand([str(tmp_path)]))
    assert _files(entries) == [str(tmp_path / "ok.json")]
    assert _skipped(entries, tmp_path) == {
        ".pre-commit-config.yaml": "hidden file", ".github": "hidden folder", "node_modules": "tool folder",
        "build": "tool folder", "env": "virtual environment", os.path.join("sub", "dist"): "tool folder"}


def _git(root):
    subprocess.run(["git", "init", "-q", str(root)], check=True)


def test_gitignore_nested_gitignore_and_info_exclude(tmp_path):
    _git(tmp_path)
    _tree(tmp_path, "keep.json", "out/a.json", "data/tmp.json", "data/keep.json", "data/raw/x.json", "local.json",
          "data/again.log.json")
    (tmp_path / ".gitignore").write_text("out/\n*.log.json\n")
    (tmp_path / "data" / ".gitignore").write_text("tmp.json\nraw/\n!again.log.json\n")
    (tmp_path / ".git" / "info" / "exclude").write_text("local.json\n")
    entries = list(expand([str(tmp_path)]))
    linted = [os.path.relpath(p, tmp_path).replace(os.sep, "/") for p in _files(entries)]
    assert linted == ["keep.json", "data/again.log.json", "data/keep.json"]
    git = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"], cwd=tmp_path, check=True,
                         capture_output=True, text=True)
    assert sorted(linted) == sorted(name for name in git.stdout.split() if not name.endswith(".gitignore"))
    skipped = _skipped(entries, tmp_path)
    assert skipped["out"].startswith("ignored by ") and skipped["out"].endswith(".gitignore")
    assert skipped[os.path.join("data", "tmp.json")].endswith(os.path.join("data", ".gitignore").replace(os.sep, "/"))
    assert skipped[os.path.join("data", "raw")].endswith("data/.gitignore")
    assert skipped["local.json"] == "ignored by .git/info/exclude"


def test_gitignore_applies_below_a_named_subfolder_and_not_outside_a_repository(tmp_path):
    _tree(tmp_path, "repo/sub/a.json", "repo/sub/b.json", "plain/a.json", "plain/b.json")
    _git(tmp_path / "repo")
    (tmp_path / "repo" / ".gitignore").write_text("b.json\n")
    (tmp_path / "plain" / ".gitignore").write_text("b.json\n")
    assert _files(expand([str(tmp_path / "repo" / "sub")])) == [str(tmp_path / "repo" / "sub" / "a.json")]
    assert len(_files(expand([str(tmp_path / "plain")]))) == 2


def test_a_named_folder_is_walked_even_when_gitignored(tmp_path):
    _git(tmp_path)
    _tree(tmp_path, "build/gen/a.json")
    (tmp_path / ".gitignore").write_text("build/\n")
    assert _files(expand([str(tmp_path / "build" / "gen")])) == [str(tmp_path / "build" / "gen" / "a.json")]


def test_special_files_are_skipped_when_walking_and_errors_when_named(tmp_path):
    _tree(tmp_path, "ok.json")
    os.mkfifo(tmp_path / "pipe.json")
    os.symlink("/dev/zero", tmp_path / "zero.json")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "sock.json"))
        entries = list(expand([str(tmp_path)]))
        assert _files(entries) == [str(tmp_path / "ok.json")]
        assert _skipped(entries, tmp_path) == {
            "pipe.json": "not a regular file: named pipe", "sock.json": "not a regular file: socket",
            "zero.json": "not a regular file: symbolic link to a character device"}
        named = list(expand([str(tmp_path / "pipe.json"), str(tmp_path / "ok.json")]))
        assert named == [Unreadable(str(tmp_path / "pipe.json"), "not a regular file: named pipe"),
                         str(tmp_path / "ok.json")]


def test_files_that_are_not_records_are_skipped_by_identity(tmp_path):
    _tree(tmp_path, "schema.json", "a.json")
    os.link(tmp_path / "schema.json", tmp_path / "hard.json")
    entries = list(expand([str(tmp_path)], skip={identity(str(tmp_path / "schema.json")): "the schema"}))
    assert _files(entries) == [str(tmp_path / "a.json")]
    assert _skipped(entries, tmp_path) == {"schema.json": "the schema", "hard.json": "the schema"}


def test_a_folder_with_nothing_to_lint_is_an_error_naming_it(tmp_path):
    _tree(tmp_path, "a/x.txt", "b/x.json")
    (tmp_path / "empty").mkdir()
    empty, a, b = (str(tmp_path / n) for n in ("empty", "a", "b"))
    assert list(expand([empty])) == [
        Unreadable(empty, "no files to lint (include: *.json *.yaml *.yml *.ndjson *.jsonl, compressed .gz .bz2 .xz "
                          ".zst)")]
    assert list(expand([a]))[-1] == Unreadable(
        a, "no files to lint (include: *.json *.yaml *.yml *.ndjson *.jsonl, compressed .gz .bz2 .xz .zst; "
           "skipped: 1 not matched by include)")
    assert list(expand([a], include=["*.json"]))[-1].reason == \
        "no files to lint (include: *.json; skipped: 1 not matched by include)"
    assert list(expand([b], exclude=["*.json"]))[-1].reason.endswith("skipped: 1 excluded by '*.json')")


def test_glob_matching():
    assert matching_glob("data/legacy/x.json", ["data/legacy/*"]) == "data/legacy/*"
    assert matching_glob("./data/legacy/x.json", ["*.yaml", "legacy"]) == "legacy"
    assert matching_glob("deep/data/legacy/x.json", ["data/legacy/*"])
    assert matching_glob("data/new/x.json", ["legacy", "*.yaml"]) is None
