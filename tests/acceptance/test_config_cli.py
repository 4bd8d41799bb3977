"""Configuration through the real command line, in throw-away projects.

Every test builds a project in ``tmp_path`` (with a ``.git`` folder, so discovery never walks out
of it), changes into it (or a sub-folder) and runs ``terapi-lint check`` in-process.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

VALID = {"id": "user-1", "provider_config_key": "github-prod", "provider": "github"}
UNKNOWN = {**VALID, "tenant": "acme"}  # one unknown-field warning
ENUM = {**VALID, "credentials": {"type": "OAuth2"}}  # one invalid-enum error
SECRET_TEXT = textwrap.dedent("""\
    {
      "id": "user-1",
      "provider_config_key": "github-prod",
      "provider": "github",
      "credentials": {
        "type": "basic",
        "password": "c0rrect-Horse-battery-staple!"
      },
      "metadata": {"password": "an0ther-Real-password!"}
    }
    """)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder (a repository root) that is the current folder."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def write(path: Path, content) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not isinstance(content, str):
        content = json.dumps(content, indent=2) + "\n"
    path.write_text(content, encoding="utf-8")
    return path


def pyproject(root: Path, body: str) -> Path:
    return write(root / "pyproject.toml", textwrap.dedent(body))


def findings(result) -> list[tuple]:
    document = json.loads(result.stdout)
    return [(f["file"], f["rule"], f["pointer"], f["line"], f["severity"]) for f in document["findings"]]


# --------------------------------------------------------------------------------------------------
# Discovery and precedence


def test_pyproject_discovered_from_a_sub_folder(project, run_cli, monkeypatch):
    pyproject(project, """\
        [tool.terapi-lint]
        fail-on = "warning"
        """)
    write(project / "src" / "deep" / "c.json", UNKNOWN)
    monkeypatch.chdir(project / "src" / "deep")
    result = run_cli("check", "c.json")
    assert result.exit_code == 1, result.output
    assert "warning unknown-field /tenant" in result.stdout


def test_without_config_a_warning_exits_0(project, run_cli):
    write(project / "c.json", UNKNOWN)
    assert run_cli("check", "c.json").exit_code == 0


def test_pyproject_without_the_table_is_ignored(project, run_cli):
    pyproject(project, """\
        [tool.black]
        line-length = 100
        """)
    write(project / "c.json", UNKNOWN)
    assert run_cli("check", "c.json").exit_code == 0


def test_command_line_flag_beats_pyproject(project, run_cli):
    pyproject(project, """\
        [tool.terapi-lint]
        fail-on = "warning"
        """)
    write(project / "c.json", UNKNOWN)
    assert run_cli("check", "c.json").exit_code == 1
    assert run_cli("check", "--fail-on", "error", "c.json").exit_code == 0


def test_config_file_beats_pyproject_and_flag_beats_config_file(project, run_cli):
    pyproject(project, """\
        [tool.terapi-lint]
        fail-on = "error"
        """)
    write(project / "ci" / "strict.toml", 'fail-on = "warning"\n')
    write(project / "c.json", UNKNOWN)
    assert run_cli("check", "c.json").exit_code == 0
    assert run_cli("check", "--config", "ci/strict.toml", "c.json").exit_code == 1
    assert run_cli("check", "--config", "ci/strict.toml", "--fail-on", "error", "c.json").exit_code == 0


def test_config_file_may_be_pyproject_style(project, run_cli):
    write(project / "other.toml", '[tool.terapi-lint]\nfail-on = "warning"\n')
    write(project / "c.json", UNKNOWN)
    assert run_cli("check", "--config", "other.toml", "c.json").exit_code == 1


def test_dotfile_beats_pyproject_in_the_same_folder(project, run_cli):
    pyproject(project, '[tool.terapi-lint]\nfail-on = "error"\n')
    write(project / ".terapi-lint.toml", 'fail-on = "warning"\n')
    write(project / "c.json", UNKNOWN)
    assert run_cli("check", "c.json").exit_code == 1


def test_select_in_config_and_select_flag(project, run_cli):
    pyproject(project, """\
        [tool.terapi-lint]
        select = ["TL2"]
        """)
    write(project / "c.json", ENUM)
    result = run_cli("check", "c.json")
    assert result.exit_code == 0 and "invalid-enum" not in result.stdout
    result = run_cli("check", "--select", "TL1", "c.json")
    assert result.exit_code == 1 and "invalid-enum /credentials/type" in result.stdout


def test_ignore_in_config_and_ignore_flag(project, run_cli):
    pyproject(project, """\
        [tool.terapi-lint]
        ignore = ["invalid-enum"]
        """)
    write(project / "c.json", ENUM)
    assert run_cli("check", "c.json").exit_code == 0
    result = run_cli("check", "--ignore", "unknown-field", "c.json")
    assert result.exit_code == 1 and "invalid-enum" in result.stdout


def test_strict_true_makes_unknown_fields_errors(project, run_cli):
    pyproject(project, "[tool.terapi-lint]\nstrict = true\n")
    write(project / "c.json", UNKNOWN)
    result = run_cli("check", "c.json")
    assert result.exit_code == 1
    assert "error unknown-field /tenant" in result.stdout


def test_format_json_in_config_and_format_flag(project, run_cli):
    pyproject(project, '[tool.terapi-lint]\nformat = "json"\n')
    write(project / "c.json", ENUM)
    result = run_cli("check", "c.json")
    assert findings(result) == [("c.json", "invalid-enum", "/credentials/type", 6, "error")]
    result = run_cli("check", "--format", "text", "c.json")
    assert result.stdout.startswith("c.json:6:5: error invalid-enum /credentials/type")


def test_exclude_in_config(project, run_cli):
    pyproject(project, '[tool.terapi-lint]\nexclude = ["legacy/*"]\nformat = "json"\n')
    write(project / "legacy" / "old.json", ENUM)
    write(project / "data" / "new.json", ENUM)
    result = run_cli("check", "data", "legacy")
    assert {f[0] for f in findings(result)} == {"data/new.json"}
    assert result.exit_code == 2  # the exclude left nothing to lint under legacy
    assert "legacy: no files to lint (include: " in result.stderr
    assert run_cli("check", "legacy/old.json").exit_code == 1  # a file named is linted, excluded or not
    everything = run_cli("check", "--exclude", "data/*", "--exclude", "legacy/*", "data", "legacy")
    assert everything.exit_code == 2


def test_exclude_in_config_is_relative_to_the_config_file(project, run_cli, monkeypatch):
    """`exclude = ["legacy/*"]` names the project's legacy folder wherever the run starts."""
    pyproject(project, '[tool.terapi-lint]\nexclude = ["legacy/*"]\n')
    write(project / "legacy" / "old.json", ENUM)
    monkeypatch.chdir(project / "legacy")
    result = run_cli("check", ".")
    assert "invalid-enum" not in result.stdout, result.stdout
    assert result.exit_code == 2 and "no files to lint" in result.stderr  # nothing is left to lint


def test_records_pointer_in_config(project, run_cli):
    pyproject(project, '[tool.terapi-lint]\nrecords = "/response/body/connections"\nformat = "json"\n')
    write(project / "export.json", {"response": {"body": {"connections": [VALID, {**ENUM, "id": "user-2"}]}}})
    result = run_cli("check", "export.json")
    assert [f[:3] for f in findings(result)] == [
        ("export.json", "invalid-enum", "/response/body/connections/1/credentials/type")]


def test_schema_path_is_relative_to_the_config_folder(project, run_cli, monkeypatch):
    pyproject(project, '[tool.terapi-lint]\nschema = "schemas/thing.structure.json"\nformat = "json"\n')
    write(project / "schemas" / "thing.structure.json", {
        "name": "Thing",
        "fields": [{"name": "id", "type": "string", "required": True},
                   {"name": "count", "type": "integer"}],
    })
    write(project / "data" / "thing.json", {"id": "t1", "count": "three"})
    monkeypatch.chdir(project / "data")
    result = run_cli("check", "thing.json")
    assert result.exit_code == 1, result.output
    assert [f[1:3] for f in findings(result)] == [("wrong-type", "/count")]


def test_schema_flag_beats_schema_in_config(project, run_cli):
    pyproject(project, '[tool.terapi-lint]\nschema = "missing.json"\n')
    write(project / "c.json", VALID)
    assert run_cli("check", "c.json").exit_code == 2
    write(project / "s.json", {"type": "object"})
    assert run_cli("check", "--schema", "s.json", "c.json").exit_code == 0


def test_jobs_in_config(project, run_cli):
    pyproject(project, "[tool.terapi-lint]\njobs = 2\n")
    write(project / "c.json", ENUM)
    assert run_cli("check", "c.json").exit_code == 1


# --------------------------------------------------------------------------------------------------
# Errors in the configuration


def usage_error(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr + result.stdout
    [line] = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    return line


def test_unknown_key_names_it_and_suggests_the_close_one(project, run_cli):
    pyproject(project, '[tool.terapi-lint]\nfail_onn = "warning"\n')
    write(project / "c.json", VALID)
    line = usage_error(run_cli("check", "c.json"))
    assert "pyproject.toml" in line
    assert "unknown key 'fail_onn'" in line
    assert "did you mean 'fail-on'?" in line


def test_unknown_key_in_a_config_file(project, run_cli):
    write(project / "lint.toml", 'selectt = ["TL1"]\n')
    write(project / "c.json", VALID)
    line = usage_error(run_cli("check", "--config", "lint.toml", "c.json"))
    assert "lint.toml" in line and "'selectt'" in line and "'select'" in line


@pytest.mark.parametrize("body,key", [
    ('fail-on = "fatal"', "fail-on"),
    ("jobs = 0", "jobs"),
    ("jobs = true", "jobs"),
    ('strict = "yes"', "strict"),
    ('format = "xml"', "format"),
    ('records = "response/body"', "records"),
    ('select = ["no-such-rule"]', "select"),
    ('severity = { unknown-field = "fatal" }', "severity.unknown-field"),
    ("per-file-ignores = { \"x/*\" = [1] }", "per-file-ignores"),
])
def test_bad_value_exits_2_naming_the_key(project, run_cli, body, key):
    pyproject(project, f"[tool.terapi-lint]\n{body}\n")
    write(project / "c.json", VALID)
    line = usage_error(run_cli("check", "c.json"))
    assert f"'{key}" in line


def test_invalid_toml_is_one_line_without_traceback(project, run_cli):
    write(project / "pyproject.toml", '[tool.terapi-lint\nfail-on = "warning"\n')
    write(project / "c.json", VALID)
    line = usage_error(run_cli("check", "c.json"))
    assert "pyproject.toml: invalid TOML" in line
    assert "line 1" in line


def test_missing_config_file(project, run_cli):
    write(project / "c.json", VALID)
    line = usage_error(run_cli("check", "--config", "nope.toml", "c.json"))
    assert "nope.toml" in line and "not found" in line


# --------------------------------------------------------------------------------------------------
# per-file-ignores and severity


def test_per_file_ignores(project, run_cli):
    pyproject(project, """\
        [tool.terapi-lint]
        format = "json"
        per-file-ignores = { "fixtures/invalid/*" = ["TL1"], "*.yaml" = ["invalid-enum"] }
        """)
    write(project / "fixtures" / "invalid" / "enum.json", ENUM)
    write(project / "fixtures" / "valid" / "enum.json", ENUM)
    write(project / "fixtures" / "invalid" / "secret.json", SECRET_TEXT)
    write(project / "enum.yaml", "id: a\nprovider_config_key: b\nprovider: c\ncredentials:\n  type: OAuth2\n")
    result = run_cli("check", "fixtures", "enum.yaml")
    got = {(f[0], f[1]) for f in findings(result)}
    assert ("fixtures/valid/enum.json", "invalid-enum") in got
    assert ("fixtures/invalid/enum.json", "invalid-enum") not in got
    assert ("fixtures/invalid/secret.json", "secret-key") in got  # TL2, not ignored
    assert not any(file == "enum.yaml" for file, _ in got)


def test_per_file_ignores_are_relative_to_the_config_folder(project, run_cli, monkeypatch):
    pyproject(project, '[tool.terapi-lint]\nper-file-ignores = { "fixtures/invalid/*" = ["invalid-enum"] }\n')
    write(project / "fixtures" / "invalid" / "enum.json", ENUM)
    monkeypatch.chdir(project / "fixtures")
    assert run_cli("check", "invalid/enum.json").exit_code == 0


def test_severity_override_to_error(project, run_cli):
    pyproject(project, '[tool.terapi-lint]\nseverity = { "unknown-field" = "error" }\n')
    write(project / "c.json", UNKNOWN)
    result = run_cli("check", "c.json")
    assert result.exit_code == 1
    assert "c.json:5:3: error unknown-field /tenant" in result.stdout


def test_severity_off_silences_a_rule(project, run_cli):
    pyproject(project, '[tool.terapi-lint]\nseverity = { "invalid-enum" = "off", TL106 = "info" }\nformat = "json"\n')
    write(project / "c.json", {**ENUM, "tenant": "acme"})
    result = run_cli("check", "--fail-on", "warning", "c.json")
    assert result.exit_code == 0
    assert findings(result) == [("c.json", "unknown-field", "/tenant", 8, "info")]


# --------------------------------------------------------------------------------------------------
# Allowlist

ALLOW_PASSWORD = """\
[[tool.terapi-lint.allowlist]]
path = "fixtures/demo.json"
pointer = "/credentials/password"
rule = "secret-key"
reason = "revoked demo password used in the onboarding guide"
"""

STALE = """\
[[tool.terapi-lint.allowlist]]
path = "fixtures/deleted.json"
pointer = "/credentials/password"
rule = "secret-key"
reason = "the file was deleted long ago"
"""


def test_allowlist_entry_suppresses_exactly_that_finding(project, run_cli):
    pyproject(project, "[tool.terapi-lint]\nformat = \"json\"\n\n" + ALLOW_PASSWORD)
    write(project / "fixtures" / "demo.json", SECRET_TEXT)
    write(project / "fixtures" / "other.json", SECRET_TEXT)
    result = run_cli("check", "fixtures")
    assert result.exit_code == 1
    got = [f[:3] for f in findings(result)]
    assert ("fixtures/demo.json", "secret-key", "/credentials/password") not in got
    # the same member in another file, and another secret in the same file, are still reported
    assert ("fixtures/demo.json", "secret-key", "/metadata/password") in got
    assert ("fixtures/other.json", "secret-key", "/credentials/password") in got
    assert ("fixtures/other.json", "secret-key", "/metadata/password") in got
    assert not any(f[1] == "unused-allowlist-entry" for f in findings(result))


def test_allowlist_matches_from_a_sub_folder(project, run_cli, monkeypatch):
    pyproject(project, "[tool.terapi-lint]\n\n" + ALLOW_PASSWORD)
    write(project / "fixtures" / "demo.json", SECRET_TEXT.replace('"metadata": {"password": "an0ther-Real-password!"}', '"metadata": {}'))
    monkeypatch.chdir(project / "fixtures")
    result = run_cli("check", "demo.json")
    assert result.exit_code == 0, result.stdout
    assert "error secret-key" not in result.stdout and "unused-allowlist-entry" not in result.stdout
    assert result.stdout.splitlines()[-1] == "No findings (1 suppressed by the allowlist) in 1 file (1 record)."


def test_allowlist_rule_by_code(project, run_cli):
    pyproject(project, "[tool.terapi-lint]\n\n" + ALLOW_PASSWORD.replace('"secret-key"', '"TL201"')
              .replace("/credentials/password", "/*/password"))
    write(project / "fixtures" / "demo.json", SECRET_TEXT)
    assert run_cli("check", "fixtures/demo.json").exit_code == 0


def test_allowlist_pointer_glob_in_a_dump(project, run_cli):
    pyproject(project, textwrap.dedent("""\
        [tool.terapi-lint]
        format = "json"

        [[tool.terapi-lint.allowlist]]
        path = "dumps/*.json"
        pointer = "/*/credentials/password"
        rule = "secret-key"
        reason = "synthetic passwords in the load-test dump"
        records = "all"
        """))
    records = [{**VALID, "id": f"user-{i}", "credentials": {"type": "basic", "password": f"Pw{i}-real!secret"}}
               for i in range(3)]
    records.append({**VALID, "id": "user-9", "metadata": {"password": "n0t-under-Credentials!"}})
    write(project / "dumps" / "load.json", records)
    result = run_cli("check", "dumps/load.json")
    assert [f[1:3] for f in findings(result)] == [("secret-key", "/3/metadata/password")]


def test_unused_allowlist_entry_is_reported_in_the_config_file(project, run_cli):
    text = "[tool.terapi-lint]\nformat = \"json\"\n\n" + ALLOW_PASSWORD + "\n" + STALE
    pyproject(project, text)
    stale_line = text.splitlines().index("[[tool.terapi-lint.allowlist]]", 4) + 1
    assert stale_line == 10
    write(project / "fixtures" / "demo.json", SECRET_TEXT)
    result = run_cli("check", "fixtures")
    unused = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "unused-allowlist-entry"]
    assert [(f["file"], f["line"], f["column"], f["severity"], f["pointer"]) for f in unused] == [
        ("pyproject.toml", stale_line, 1, "warning", "/tool/terapi-lint/allowlist/1")]
    assert "fixtures/deleted.json" in unused[0]["message"]


def test_unused_allowlist_entry_from_a_sub_folder_names_the_config_file(project, run_cli, monkeypatch):
    pyproject(project, "[tool.terapi-lint]\n\n" + STALE)
    write(project / "sub" / "c.json", VALID)
    monkeypatch.chdir(project / "sub")
    result = run_cli("check", "c.json")
    assert result.exit_code == 0
    assert "../pyproject.toml:3:1: warning unused-allowlist-entry /tool/terapi-lint/allowlist/0" in result.stdout
    assert run_cli("check", "--fail-on", "warning", "c.json").exit_code == 1


def test_unused_allowlist_entry_line_with_a_commented_header(project, run_cli):
    """A comment after an entry's header must not shift the line of the entries that follow."""
    text = ("[tool.terapi-lint]\nformat = \"json\"\n\n"
            + ALLOW_PASSWORD.replace("allowlist]]\n", "allowlist]]  # onboarding demo\n", 1) + "\n" + STALE)
    pyproject(project, text)
    write(project / "fixtures" / "demo.json", SECRET_TEXT)
    result = run_cli("check", "fixtures")
    [unused] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "unused-allowlist-entry"]
    assert (unused["file"], unused["line"], unused["pointer"]) == ("pyproject.toml", 10, "/tool/terapi-lint/allowlist/1")


def test_unused_allowlist_entry_in_a_dotfile(project, run_cli):
    """The whole dotfile is the table: the pointer is where the entry really is."""
    write(project / ".terapi-lint.toml", "# settings\n\n" + STALE.replace("tool.terapi-lint.", ""))
    write(project / "c.json", VALID)
    result = run_cli("check", "c.json")
    assert ".terapi-lint.toml:3:1: warning unused-allowlist-entry /allowlist/0:" in result.stdout


def test_unused_allowlist_entry_in_an_inline_array(project, run_cli):
    pyproject(project, """\
        [tool.terapi-lint]
        allowlist = [
            { path = "fixtures/deleted.json", pointer = "", rule = "secret-key", reason = "a [[x]] in a string" },
          {path = "x.json", pointer = "", rule = "secret-key", reason = "gone too"},
        ]
        """)
    write(project / "c.json", VALID)
    result = run_cli("check", "c.json")
    assert "pyproject.toml:3:5: warning unused-allowlist-entry /tool/terapi-lint/allowlist/0:" in result.stdout
    assert "pyproject.toml:4:3: warning unused-allowlist-entry /tool/terapi-lint/allowlist/1:" in result.stdout


def test_unused_allowlist_entry_under_a_snake_case_table(project, run_cli):
    """Headers inside multi-line strings are text, not entries; the table's own name is kept."""
    pyproject(project, '''\
        [tool.terapi_lint]
        select = ["TL2", "TL4"]  # [[tool.terapi_lint.allowlist]]

        [tool.other]
        note = """
        [[tool.terapi_lint.allowlist]]
        """

        [[tool.terapi_lint.allowlist]]
        path = "fixtures/deleted.json"
        pointer = ""
        rule = "secret-key"
        reason = "stale"
        ''')
    write(project / "c.json", VALID)
    result = run_cli("check", "c.json")
    assert "pyproject.toml:9:1: warning unused-allowlist-entry /tool/terapi_lint/allowlist/0:" in result.stdout


def test_allowlist_with_jobs_2_on_a_big_input(project, run_cli):
    """Over 4 MiB the work is forked; the allowlist and its unused entries behave the same."""
    pyproject(project, "[tool.terapi-lint]\nformat = \"json\"\n\n"
              + ALLOW_PASSWORD.replace("fixtures/demo.json", "big/part3.ndjson") + "\n" + STALE)
    padding = "x" * 80
    for part in range(5):
        lines = []
        for i in range(4200):
            record = {**VALID, "id": f"user-{part}-{i}", "created_at": "2026-01-15T10:00:00Z",
                      "metadata": {"tenant_id": "acme", "note": padding},
                      "credentials": {"type": "oauth2", "expires_at": "2026-05-04T08:00:00Z"}}
            if i == 100 and part in (1, 3):
                record["credentials"]["password"] = "c0rrect-Horse-battery-staple!"
            lines.append(json.dumps(record))
        write(project / "big" / f"part{part}.ndjson", "\n".join(lines) + "\n")
    assert sum(p.stat().st_size for p in (project / "big").iterdir()) > 4 << 20
    parallel = run_cli("check", "--jobs", "2", "big")
    single = run_cli("check", "--jobs", "1", "big")
    assert parallel.exit_code == single.exit_code == 1
    assert json.loads(parallel.stdout)["findings"] == json.loads(single.stdout)["findings"]
    got = findings(parallel)
    assert got == [
        ("big/part1.ndjson", "secret-key", "/credentials/password", 101, "error"),
        ("pyproject.toml", "unused-allowlist-entry", "/tool/terapi-lint/allowlist/1", 10, "warning"),
    ]
    assert json.loads(parallel.stdout)["summary"]["records"] == 21000


def test_allowlist_entry_for_a_file_not_in_this_run_is_not_stale(project, run_cli):
    """pre-commit passes only the changed files: entries for the other files still apply."""
    pyproject(project, "[tool.terapi-lint]\nfail-on = \"warning\"\n\n" + ALLOW_PASSWORD)
    write(project / "fixtures" / "demo.json", SECRET_TEXT.replace('"metadata": {"password": "an0ther-Real-password!"}', '"metadata": {}'))
    write(project / "fixtures" / "changed.json", VALID)
    assert run_cli("check", "fixtures").exit_code == 0
    result = run_cli("check", "fixtures/changed.json")
    assert "unused-allowlist-entry" not in result.stdout
    assert result.exit_code == 0
