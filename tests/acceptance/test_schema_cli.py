"""A user's own schema from the command line: split across files, schema folders by ``$id``,
config ``schema-dirs``, and ``--no-format-assertion``.

Each test builds a project in ``tmp_path`` (with a ``.git`` folder, so config discovery stays in
it) and runs ``terapi-lint check`` in-process, as a user would.  The basic multi-file layouts
(siblings, sub-folders, an unresolvable reference, ``true``) are also run as a subprocess in
tests/acceptance/test_never_silent.py (item 13).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

RECORD = {"id": "user-123", "provider_config_key": "github-prod", "provider": "github",
          "contact": "ops@example.com", "metadata": {"tenant_id": "acme"}}
PROVIDER_ID = "https://schemas.example.com/connection/provider.json"


def _write(path: Path, value: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(value if isinstance(value, str) else json.dumps(value), encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project: a main schema naming its parts by relative path and by absolute ``$id``.

    - ``schemas/main.schema.json`` refers to a sibling file, a file in a sub-folder, and to
      ``PROVIDER_ID``, which lives in ``library/`` (a schema folder, found only by its ``$id``);
    - the library's provider schema refers to its own sibling by a path relative to its ``$id``.
    """
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    _write(tmp_path / "schemas" / "main.schema.json", {
        "type": "object", "required": ["id", "provider"],
        "properties": {"id": {"$ref": "common.json#/$defs/id"}, "provider_config_key": {"type": "string"},
                       "provider": {"$ref": PROVIDER_ID},
                       "contact": {"type": "string", "format": "email"},
                       "metadata": {"$ref": "parts/metadata.json"}}})
    _write(tmp_path / "schemas" / "common.json", {"$defs": {"id": {"type": "string", "minLength": 3}}})
    _write(tmp_path / "schemas" / "parts" / "metadata.json",
           {"type": "object", "properties": {"tenant_id": {"$ref": "../common.json#/$defs/id"}}})
    _write(tmp_path / "library" / "provider.json", {"$id": PROVIDER_ID, "$ref": "names.json"})
    _write(tmp_path / "library" / "names.json", {"enum": ["github", "slack"]})
    _write(tmp_path / "data" / "good.json", RECORD)
    _write(tmp_path / "data" / "bad.json", {**RECORD, "id": "u", "provider": "gitlab",
                                            "metadata": {"tenant_id": 5}, "contact": "nobody"})
    return tmp_path


def _findings(result) -> list[tuple[str, str, str]]:
    report = json.loads(result.stdout)
    return sorted((f["file"].rsplit("/", 1)[-1], f["rule"], f["pointer"]) for f in report["findings"])


EXPECTED_BAD = [("bad.json", "invalid-enum", "/provider"), ("bad.json", "schema-violation", "/contact"),
                ("bad.json", "schema-violation", "/id"), ("bad.json", "wrong-type", "/metadata/tenant_id")]


def test_an_id_reference_needs_its_folder_and_names_the_uri(project, run_cli):
    result = run_cli("check", "--schema", "schemas/main.schema.json", "data")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "schemas/main.schema.json: /properties/provider/$ref" in line
    assert PROVIDER_ID in line and "never fetches" in line and "--schema-dir" in line


def test_schema_dir_serves_references_by_id_with_siblings_and_sub_folders(project, run_cli):
    result = run_cli("check", "-f", "json", "--schema", "schemas/main.schema.json", "--schema-dir", "library", "data")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stderr == ""
    assert _findings(result) == EXPECTED_BAD
    messages = {f["pointer"]: f["message"] for f in json.loads(result.stdout)["findings"]}
    assert messages["/contact"] == "contact is not a valid email"
    assert messages["/id"] == "id is shorter than 3 characters"


def test_schema_dir_is_repeatable_and_must_be_a_folder(project, run_cli):
    _write(project / "more" / "unused.json", {"$id": "https://schemas.example.com/unused.json", "type": "string"})
    result = run_cli("check", "--schema", "schemas/main.schema.json",
                     "--schema-dir", "more", "--schema-dir", "library", "data/good.json")
    assert result.exit_code == 0, result.stdout + result.stderr
    result = run_cli("check", "--schema", "schemas/main.schema.json", "--schema-dir", "data/good.json", "data")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "terapi-lint: data/good.json: the schema folder is a file: give the folder that holds it\n"
    result = run_cli("check", "--schema", "schemas/main.schema.json", "--schema-dir", "nowhere", "data")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "terapi-lint: nowhere: the schema folder does not exist\n"


def test_config_schema_dirs_are_relative_to_the_config_file(project, run_cli, monkeypatch):
    _write(project / ".terapi-lint.toml", 'schema = "schemas/main.schema.json"\nschema-dirs = ["library"]\n')
    monkeypatch.chdir(project / "data")  # the config is found above, its paths read from its folder
    result = run_cli("check", "-f", "json", ".")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert _findings(result) == EXPECTED_BAD

    _write(project / ".terapi-lint.toml", 'schema = "schemas/main.schema.json"\nschema-dirs = "nowhere"\n')
    result = run_cli("check", ".")
    assert result.exit_code == 2
    assert f"{project / 'nowhere'}: the schema folder does not exist" in result.stderr

    _write(project / ".terapi-lint.toml", "schema-dirs = [1]\n")
    result = run_cli("check", ".")
    assert result.exit_code == 2 and "'schema-dirs' must be a list of folders" in result.stderr


def test_no_format_assertion_makes_formats_annotations(project, run_cli):
    args = ("-f", "json", "--schema", "schemas/main.schema.json", "--schema-dir", "library", "data")
    result = run_cli("check", "--no-format-assertion", *args)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert _findings(result) == [f for f in EXPECTED_BAD if f[2] != "/contact"]

    _write(project / "pyproject.toml", '[tool.terapi-lint]\nformat-assertion = false\n')
    assert _findings(run_cli("check", *args)) == [f for f in EXPECTED_BAD if f[2] != "/contact"]
    _write(project / "pyproject.toml", '[tool.terapi-lint]\nformat-assertion = "no"\n')
    result = run_cli("check", *args)
    assert result.exit_code == 2 and "'format-assertion' must be true or false" in result.stderr


def test_a_remote_reference_is_never_fetched(project, run_cli):
    _write(project / "remote.schema.json", {"properties": {"provider": {"$ref": "https://example.org/p.json#/x"}}})
    result = run_cli("check", "--schema", "remote.schema.json", "--schema-dir", "library", "data")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "'https://example.org/p.json#/x'" in result.stderr and "never fetches" in result.stderr


def test_a_true_schema_lints_and_the_rules_still_run(project, run_cli):
    _write(project / "true.schema.json", "true")
    _write(project / "data" / "odd.json", {**RECORD, "metadata": "{}"})
    result = run_cli("check", "-f", "json", "--schema", "true.schema.json", "data")
    assert result.exit_code == 1, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["records"] == 3
    assert _findings(result) == [("odd.json", "metadata-not-object", "/metadata")]
