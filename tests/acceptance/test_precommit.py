"""The hooks in .pre-commit-hooks.yaml, as pre-commit runs them.

The selection tests need only the hook file.  The ``try-repo`` tests install this repository into
an isolated ``PRE_COMMIT_HOME`` and run the hooks on a scratch git repository; ``try-repo`` uses
the repository's HEAD plus its uncommitted changes.  pre-commit is part of the ``test`` extra: a
run without it fails these tests rather than skipping them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
HOOKS = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
BY_ID = {hook["id"]: hook for hook in HOOKS}


def _pre_commit() -> list[str] | None:
    exe = shutil.which("pre-commit")
    if exe:
        return [exe]
    try:
        import pre_commit  # noqa: F401 - only whether it is installed
    except ImportError:
        return None
    return [sys.executable, "-m", "pre_commit"]


PRE_COMMIT = _pre_commit()


def selected(hook_id: str, name: str) -> bool:
    hook = BY_ID[hook_id]
    if not re.search(hook.get("files", ""), name):
        return False
    return not (hook.get("exclude") and re.search(hook["exclude"], name))


def test_hook_file_shape():
    assert set(BY_ID) == {"terapi-lint", "terapi-lint-compile"}
    assert BY_ID["terapi-lint"]["entry"] == "terapi-lint check --force-exclude"
    assert BY_ID["terapi-lint-compile"]["entry"] == "terapi-lint check-compiled"
    assert all(hook["language"] == "python" for hook in HOOKS)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("conn.json", True),
        ("deep/dir/conn.yaml", True),
        ("conn.yml", True),
        ("dump.ndjson", True),
        ("dump.jsonl", True),
        ("conn.json.bak", False),
        ("notes.txt", False),
        # Passed on: terapi-lint tells a structure or a schema from records by its content.
        ("schemas/connection.structure.json", True),
        ("schemas/connection.schema.json", True),
        (".pre-commit-config.yaml", False),
        ("sub/.pre-commit-hooks.yaml", False),
    ],
)
def test_record_hook_selection(name, expected):
    assert selected("terapi-lint", name) is expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("schemas/connection.structure.json", True),
        ("schemas/connection.schema.json", True),
        ("a.json", False),
    ],
)
def test_compile_hook_selection(name, expected):
    assert selected("terapi-lint-compile", name) is expected


GOOD = {
    "id": "user-123",
    "provider_config_key": "github-prod",
    "provider": "github",
    "created_at": "2026-01-15T10:00:00Z",
    "metadata": {"tenant_id": "acme-corp"},
}


@pytest.fixture
def scratch(tmp_path):
    """A git repository with records, and an environment isolating pre-commit's cache."""
    repo = tmp_path / "scratch"
    repo.mkdir()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "NO_COLOR": "1",
    }
    env.pop("GITHUB_ACTIONS", None)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    (repo / "good.json").write_text(json.dumps(GOOD, indent=2) + "\n", encoding="utf-8")
    bad = {k: v for k, v in GOOD.items() if k != "provider"}
    bad["created_at"] = "tomorrow"
    (repo / "bad.yaml").write_text(yaml.safe_dump(bad), encoding="utf-8")
    second = {**GOOD, "id": "user-2"}
    (repo / "dump.ndjson").write_text(
        json.dumps(GOOD) + "\n" + json.dumps(second) + "\n", encoding="utf-8"
    )
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    return repo, env


def try_repo(
    repo: Path, env: dict[str, str], hook: str, *files: str
) -> subprocess.CompletedProcess[str]:
    assert PRE_COMMIT is not None, "pre-commit is not installed: pip install '.[test]'"
    return subprocess.run(
        [*PRE_COMMIT, "try-repo", str(REPO_ROOT), hook, "--verbose", "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_record_hook(scratch):
    repo, env = scratch
    ok = try_repo(repo, env, "terapi-lint", "good.json", "dump.ndjson")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Passed" in ok.stdout
    bad = try_repo(repo, env, "terapi-lint", "good.json", "bad.yaml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "bad.yaml:" in bad.stdout
    assert "missing-required" in bad.stdout and "invalid-date-time" in bad.stdout
    assert "good.json:" not in bad.stdout


def test_compile_hook(scratch):
    repo, env = scratch
    sys.path.insert(0, str(REPO_ROOT / "src"))
    try:
        from terapi_lint import compile_structure
        from terapi_lint.structure import render_schema
    finally:
        sys.path.pop(0)
    structure = json.loads(
        (REPO_ROOT / "schemas" / "connection.structure.json").read_text(encoding="utf-8")
    )
    (repo / "conn.structure.json").write_text(
        json.dumps(structure, indent=2) + "\n", encoding="utf-8"
    )
    (repo / "conn.schema.json").write_text(render_schema(compile_structure(structure)), encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    fresh = try_repo(repo, env, "terapi-lint-compile", "conn.structure.json")
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr

    structure["fields"].append(
        {"name": "extra", "type": "string", "required": True, "description": "new"}
    )
    (repo / "conn.structure.json").write_text(
        json.dumps(structure, indent=2) + "\n", encoding="utf-8"
    )
    stale = try_repo(repo, env, "terapi-lint-compile", "conn.structure.json")
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "conn.schema.json" in stale.stdout

    (repo / "conn.schema.json").unlink()
    missing = try_repo(repo, env, "terapi-lint-compile", "conn.structure.json")
    assert missing.returncode == 1, missing.stdout + missing.stderr
