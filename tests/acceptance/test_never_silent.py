"""Issue 10: a gate never says "clean" by mistake and never loses a byte.

One end-to-end test per item of the issue, each running the installed ``terapi-lint`` in a
subprocess on real files (a real git repository, a real FIFO, socket and device link, a real
permission denial, the real pre-commit, a real SIGINT) and asserting exit code, stderr and report.
"""

from __future__ import annotations

import json
import os
import re
import resource
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import FIXTURES, ROOT

_SCRIPT = Path(sys.executable).with_name("terapi-lint")
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "terapi_lint"]
ENV = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE")} | {"NO_COLOR": "1"}

VALID = json.loads((FIXTURES / "valid" / "connection.json").read_text(encoding="utf-8"))
ENUM = json.loads((FIXTURES / "invalid" / "invalid-enum.json").read_text(encoding="utf-8"))
#: A GitHub token the format scan recognises (from the secret-value fixture); never printed.
TOKEN = re.search(r"ghp_\w+", (FIXTURES / "invalid" / "secret-value-github.json").read_text()).group()
INCLUDE = "include: *.json *.yaml *.yml *.ndjson *.jsonl, compressed .gz .bz2 .xz .zst"
#: A record of the built-in schema, and one that breaks it in several ways.
RECORD = {"id": "user-123", "provider_config_key": "github-prod", "provider": "github",
          "created_at": "2026-01-15T10:00:00Z", "metadata": {"tenant_id": "acme"}}
BROKEN = {"id": 7, "provider": "github", "created_at": "yesterday", "metadata": [1]}


def cli(*args: str, cwd: Path, prefix: tuple[str, ...] = (), timeout: float = 120,
        **kwargs) -> subprocess.CompletedProcess[str]:
    """Run the installed command line as a user would."""
    result = subprocess.run([*prefix, *CLI, *args], cwd=cwd, env=kwargs.pop("env", ENV), capture_output=True,
                            text=True, timeout=timeout, **kwargs)
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    return result


def write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path


def git_init(path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(path)], check=True)


def test_item01_parse_error_never_hidden_by_select(tmp_path):
    git_init(tmp_path)
    broken = json.dumps({**VALID, "metadata": {"note": f"new key {TOKEN}"}}, indent=2)
    write(tmp_path / "broken.json", broken[:-2] + ",\n}\n")  # a trailing comma

    selected = cli("check", "--select", "TL2", "broken.json", cwd=tmp_path)
    assert selected.returncode == 1, selected.stdout + selected.stderr
    lines = selected.stdout.splitlines()
    assert any(line.startswith("broken.json:") and " error parse-error " in line for line in lines)
    assert any(" secret-value " in line and "in text that could not be parsed" in line for line in lines)
    assert "All clean" not in selected.stdout and TOKEN[4:12] not in selected.stdout

    prefix = cli("check", "--ignore", "TL0", "broken.json", cwd=tmp_path)  # a code prefix does not name it
    assert prefix.returncode == 1 and " parse-error " in prefix.stdout

    ignored = cli("check", "--select", "TL1", "--ignore", "parse-error", "broken.json", cwd=tmp_path)
    assert ignored.returncode == 0, ignored.stdout + ignored.stderr
    assert " parse-error " not in ignored.stdout and "All clean" not in ignored.stdout
    assert ignored.stdout.splitlines()[-1] == (
        "No findings in 1 file (0 records); 1 file not parsed (parse-error is ignored).")

    write(tmp_path / "pyproject.toml", '[tool.terapi-lint]\nper-file-ignores = { "broken.json" = ["parse-error"] }\n')
    per_file = cli("check", "--format", "json", "--select", "TL1", "broken.json", cwd=tmp_path)
    report = json.loads(per_file.stdout)
    assert per_file.returncode == 0 and report["findings"] == []
    assert report["summary"]["unparsed"] == ["broken.json"]


def test_item02_path_that_yields_nothing_is_an_error(tmp_path):
    (tmp_path / "emptydir").mkdir()
    write(tmp_path / "fixtures" / "a.json", ENUM)

    empty = cli("check", "emptydir", cwd=tmp_path)
    assert empty.returncode == 2
    assert empty.stderr == f"terapi-lint: emptydir: no files to lint ({INCLUDE})\n"
    assert "All clean" not in empty.stdout

    typo = cli("check", "fixturez", cwd=tmp_path)
    assert typo.returncode == 2 and typo.stderr == "terapi-lint: fixturez: no such file or folder\n"

    excluded = cli("check", "--exclude", "*.json", "fixtures", cwd=tmp_path)
    assert excluded.returncode == 2
    assert excluded.stderr == f"terapi-lint: fixtures: no files to lint ({INCLUDE}; skipped: 1 excluded by '*.json')\n"
    assert "All clean" not in excluded.stdout

    both = cli("check", "emptydir", "fixtures", cwd=tmp_path)  # the other paths are still linted
    assert both.returncode == 2 and "invalid-enum" in both.stdout


def test_item03_schema_must_be_a_schema(tmp_path: Path) -> None:
    """The schema is checked before any record, so the verdict never depends on the data."""
    write(tmp_path / "good.json", RECORD)
    write(tmp_path / "bad.json", BROKEN)
    token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    cases = {
        "record.schema.json": (RECORD, ["looks like a connection record"]),
        "response.schema.json": ({"response": {"body": {"connections": [RECORD]}}},
                                 ["looks like an API response", "did you mean --records"]),
        "foo.schema.json": ({"foo": 1}, ["none of its members is a keyword of JSON Schema Draft 2020-12"]),
        "typo.schema.json": ({"type": "object", "properties": {"id": {"type": "strin"}}},
                             ["not a valid JSON Schema (Draft 2020-12)", "/properties/id/type", '"strin"',
                              "did you mean 'string'"]),
        "regex.schema.json": ({"type": "object", "properties": {"id": {"type": "string", "pattern": "(?P<n>x)"}}},
                              ["/properties/id/pattern", '"(?P<n>x)"', "is not an ECMA-262 regular expression"]),
        "secret.schema.json": ({"type": "object", "properties": {"provider": {"enum": token}}},
                               ["/properties/provider/enum"]),
    }
    for name, (document, expected) in cases.items():
        schema = write(tmp_path / name, document)
        outcomes = set()
        for data in ("good.json", "bad.json"):  # the verdict does not depend on the data
            result = cli("check", "--schema", str(schema), data, cwd=tmp_path)
            assert result.returncode == 2, (name, data, result.stdout, result.stderr)
            assert result.stdout == "", (name, result.stdout)
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith(f"terapi-lint: {schema}: "), (name, result.stderr)
            assert "internal error" not in result.stderr and "Traceback" not in result.stderr
            for text in expected:
                assert text in result.stderr, (name, text, result.stderr)
            assert token not in result.stderr and token[4:20] not in result.stderr
            outcomes.add(result.stderr)
        assert len(outcomes) == 1, name

    # A schema of another draft is checked against its own meta-schema.
    draft4 = {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object", "exclusiveMinimum": True}
    result = cli("check", "--schema", str(write(tmp_path / "d4.json", draft4)), "good.json", cwd=tmp_path)
    assert result.returncode == 2 and "(Draft 4) at /: 'exclusiveMinimum' needs 'minimum'" in result.stderr
    draft4.update(minimum=1, exclusiveMinimum=3)  # a number is Draft 6's form
    result = cli("check", "--schema", str(write(tmp_path / "d4.json", draft4)), "good.json", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "(Draft 4) at /exclusiveMinimum: must be boolean, not an integer (3)" in result.stderr


def _dump_with_tokens(path: Path, records: int, every: int) -> list[int]:
    """An NDJSON dump where one record in ``every`` leaks a GitHub token; returns their numbers."""
    leaking = []
    with open(path, "w", encoding="utf-8") as handle:
        for number in range(records):
            record = {**VALID, "id": f"user-{number}"}
            if number % every == 12:
                record["credentials"] = {"type": "oauth2", "access_token": TOKEN}
                leaking.append(number)
            handle.write(json.dumps(record, separators=(",", ":")) + "\n")
    return leaking


ALLOW_TOKEN = """
[[tool.terapi-lint.allowlist]]
path = "big.ndjson"
pointer = "/credentials/access_token"
rule = "secret-key"
reason = "the demo account's revoked token"
"""


def test_item04_allowlist_entries_are_precise_and_suppression_is_visible(tmp_path):
    git_init(tmp_path)
    leaking = _dump_with_tokens(tmp_path / "big.ndjson", 40_000, 800)  # about 12 MB: linted in chunks with -j 2
    assert len(leaking) == 50
    write(tmp_path / "fixtures" / "invalid" / "a.json", ENUM)
    write(tmp_path / "fixtures" / "invalid" / "b.json", ENUM)
    head = '[tool.terapi-lint]\nper-file-ignores = { "fixtures/invalid/*" = ["invalid-enum"] }\n'
    files = ("big.ndjson", "fixtures")
    totals = "in 3 files (40002 records)."

    # One entry meant for one record hides all 50 tokens: it is reported, and the summary counts them.
    config = write(tmp_path / "pyproject.toml", head + ALLOW_TOKEN)
    entry_line = config.read_text().splitlines().index("[[tool.terapi-lint.allowlist]]") + 1
    broad = cli("check", "-j", "2", *files, cwd=tmp_path)
    assert broad.returncode == 0 and broad.stderr == "", broad.stdout + broad.stderr
    assert broad.stdout.splitlines() == [
        f"pyproject.toml:{entry_line}:1: warning allowlist-too-broad /tool/terapi-lint/allowlist/0: allowlist "
        "entry for secret-key at big.ndjson /credentials/access_token hid 50 findings in 50 records; name its "
        'record (record, line or id), or say records = "all"',
        "",
        "count  code   rule                 severity  suppressed",
        "    1  TL402  allowlist-too-broad  warning",
        "    0  TL201  secret-key           error     50",
        "    0  TL103  invalid-enum         error     2",
        f"0 errors, 1 warning, 0 info (50 suppressed by the allowlist, 2 by per-file-ignores) {totals[:-1]}; "
        "top rules: allowlist-too-broad 1.",
    ]
    assert TOKEN[4:12] not in broad.stdout

    # A selector hides its one record, whichever process linted it; the other 49 are reported.
    first = leaking[3]
    for selector, jobs in ((f"record = {first}", "2"), (f"line = {first + 1}", "1"), (f'id = "user-{first}"', "2")):
        write(tmp_path / "pyproject.toml", head + ALLOW_TOKEN + selector + "\n")
        precise = cli("check", "-j", jobs, *files, cwd=tmp_path)
        assert precise.returncode == 1, (selector, precise.stdout[-500:])
        lines = precise.stdout.splitlines()
        assert lines[-1] == (f"49 errors, 0 warnings, 0 info (1 suppressed by the allowlist, 2 by per-file-ignores) "
                             f"{totals[:-1]}; top rules: secret-key 49.")
        assert f"big.ndjson:{first + 1}:" not in precise.stdout and f"big.ndjson:{leaking[4] + 1}:" in precise.stdout

    # The JSON report lists what each entry hid; SARIF emits them as suppressed results.
    report = json.loads(cli("check", "-f", "json", *files, cwd=tmp_path).stdout)
    assert report["summary"]["suppressed"] == {"allowlist": 1, "per-file-ignores": 2}
    allow, ignores = report["suppressed"]
    assert {k: v for k, v in allow.items() if k != "findings"} == {
        "source": "allowlist", "entry": "allowlist[0]", "path": "big.ndjson", "pointer": "/credentials/access_token",
        "rule": "secret-key", "selector": f'id = "user-{first}"', "line": entry_line,
        "reason": "the demo account's revoked token"}
    assert [(f["file"], f["line"], f["record"], f["rule"]) for f in allow["findings"]] == [
        ("big.ndjson", first + 1, first, "secret-key")]
    assert (ignores["source"], ignores["entry"], len(ignores["findings"])) == ("per-file-ignores", "fixtures/invalid/*", 2)

    cli("check", "-f", "sarif", "-o", "report.sarif", *files, cwd=tmp_path)
    sarif = json.loads((tmp_path / "report.sarif").read_text())
    results = sarif["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert len(results) == 52 and len(suppressed) == 3
    assert suppressed[0]["suppressions"] == [{"kind": "external", "status": "accepted",
                                              "justification": "the demo account's revoked token",
                                              "properties": {"source": "allowlist", "entry": "allowlist[0]"}}]
    assert suppressed[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == first + 1
    assert sarif["runs"][0]["properties"]["suppressed"] == {"allowlist": 1, "per-file-ignores": 2}
    import jsonschema

    jsonschema.Draft7Validator(json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())) \
        .validate(sarif)

    junit = cli("check", "-f", "junit", *files, cwd=tmp_path).stdout
    assert '<property name="suppressed by allowlist" value="1" />' in junit

    # An entry meant for every record says so; nothing is reported about it, everything is counted.
    write(tmp_path / "pyproject.toml", head + ALLOW_TOKEN + 'records = "all"\n')
    everything = cli("check", *files, cwd=tmp_path)
    assert everything.returncode == 0 and "allowlist-too-broad" not in everything.stdout
    assert everything.stdout.splitlines() == [
        "count  code   rule          severity  suppressed",
        "    0  TL201  secret-key    error     50",
        "    0  TL103  invalid-enum  error     2",
        f"No findings (50 suppressed by the allowlist, 2 by per-file-ignores) {totals}"]


def _realistic_repository(root: Path) -> list[str]:
    """A project as a user has it; returns the fixture files, the only connection records in it."""
    git_init(root)
    structure = json.loads((ROOT / "schemas" / "connection.structure.json").read_text(encoding="utf-8"))
    write(root / "schemas" / "connection.structure.json", structure)
    shutil.copy(ROOT / "schemas" / "connection.schema.json", root / "schemas" / "connection.schema.json")
    write(root / "pyproject.toml", '[project]\nname = "app"\n\n[tool.terapi-lint]\n'
          'schema = "schemas/connection.structure.json"\nexclude = ["fixtures/legacy/*"]\n')
    write(root / "src" / "app" / "__init__.py", "")
    write(root / "docs" / "api.schema.json", {"$schema": "https://json-schema.org/draft/2020-12/schema",
                                              "type": "object"})
    write(root / ".venv" / "pyvenv.cfg", "home = /usr/bin\n")
    site = root / ".venv" / "lib" / "python3.11" / "site-packages"
    write(site / "jsonschema" / "schemas" / "draft7.json", {"$schema": "http://json-schema.org/draft-07/schema#"})
    write(site / "jsonschema_specifications" / "schemas" / "vocabularies.json", {"id": 1, "provider": "x"})
    write(site / "pre_commit" / "resources" / "hook-tmpl.yaml", "a: 1\n")
    write(root / "env" / "pyvenv.cfg", "home = /usr/bin\n")  # a virtual environment by any name
    write(root / "env" / "lib" / "python3.11" / "site-packages" / "pkg" / "data.yaml", "a: 1\n")
    write(root / "node_modules" / "left-pad" / "package.json", {"name": "left-pad"})
    write(root / "node_modules" / "@types" / "node" / "package.json", {"name": "@types/node"})
    write(root / ".github" / "workflows" / "ci.yml", "on: push\njobs: {}\n")
    write(root / ".github" / "workflows" / "release.yaml", "on: release\njobs: {}\n")
    write(root / ".pre-commit-config.yaml", "repos: []\n")
    write(root / ".gitignore", "build/\ngenerated/\n*.local.json\n")
    write(root / "build" / "lib" / "fixtures" / "copy.json", ENUM)
    write(root / "generated" / "dump.ndjson", json.dumps(ENUM) + "\n")
    write(root / "fixtures" / "mine.local.json", ENUM)
    write(root / "fixtures" / "scratch" / ".gitignore", "*.yaml\n")
    write(root / "fixtures" / "scratch" / "try.yaml", "id: x\n")
    write(root / ".git" / "info" / "exclude", "fixtures/private.json\n")
    write(root / "fixtures" / "private.json", ENUM)
    write(root / "fixtures" / "legacy" / "old.json", ENUM)
    records = ["fixtures/invalid/invalid-enum.json", "fixtures/valid/a.json", "fixtures/valid/b.yaml",
               "fixtures/valid/c.schema.json", "fixtures/valid/dump.ndjson"]
    write(root / records[0], ENUM)
    write(root / records[1], VALID)
    write(root / records[2], json.dumps(VALID))
    write(root / records[3], VALID)  # a record, though named like a schema: linted
    write(root / records[4], json.dumps(VALID) + "\n")
    return records


def test_item05_folder_walking_finds_connection_files_not_everything(tmp_path):
    records = _realistic_repository(tmp_path)
    result = cli("check", "--format", "json", ".", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert result.returncode == 1 and result.stderr == ""
    assert report["summary"]["files"] == len(records) and report["summary"]["records"] == len(records)
    assert {f["file"] for f in report["findings"]} == {"fixtures/invalid/invalid-enum.json"}

    shown = cli("check", "--show-files", ".", cwd=tmp_path)
    assert shown.returncode == 0 and shown.stderr == ""
    lines = shown.stdout.splitlines()
    assert [line.removeprefix("lint ") for line in lines if line.startswith("lint ")] == sorted(records)
    for skipped in (".venv: tool folder", "env: virtual environment", "node_modules: tool folder",
                    ".github: hidden folder", ".pre-commit-config.yaml: hidden file", "build: tool folder",
                    "generated: ignored by .gitignore", "fixtures/mine.local.json: ignored by .gitignore",
                    "fixtures/private.json: ignored by .git/info/exclude",
                    "fixtures/scratch/try.yaml: ignored by fixtures/scratch/.gitignore",
                    "fixtures/legacy/old.json: excluded by 'fixtures/legacy/*'",
                    "schemas/connection.structure.json: the schema",
                    "schemas/connection.schema.json: a JSON Schema (top-level $schema), not records",
                    "docs/api.schema.json: a JSON Schema (top-level $schema), not records",
                    "pyproject.toml: not matched by include"):
        assert f"skip {skipped}" in lines, skipped
    assert lines[-1] == f"{len(records)} to lint, {len(lines) - 1 - len(records)} skipped, 0 could not be checked."
    files = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "fixtures"], cwd=tmp_path,
                           check=True, capture_output=True, text=True).stdout.split()
    assert sorted(records) == sorted(f for f in files if not f.endswith(".gitignore") and "legacy" not in f)

    named = cli("check", "--format", "json", "build/lib/fixtures/copy.json", ".github/workflows/ci.yml",
                "fixtures/legacy/old.json", cwd=tmp_path)  # files named explicitly are always linted...
    assert {f["file"] for f in json.loads(named.stdout)["findings"]} == {
        "build/lib/fixtures/copy.json", ".github/workflows/ci.yml", "fixtures/legacy/old.json"}
    forced = cli("check", "--force-exclude", "--show-files", "build/lib/fixtures/copy.json",  # ...unless forced
                 ".github/workflows/ci.yml", "fixtures/legacy/old.json", "env/lib/python3.11/site-packages/pkg/data.yaml",
                 "schemas/connection.schema.json", "fixtures/valid/c.schema.json", cwd=tmp_path)
    assert forced.stdout.splitlines() == [
        "skip build/lib/fixtures/copy.json: tool folder", "skip .github/workflows/ci.yml: hidden folder",
        "skip fixtures/legacy/old.json: excluded by 'fixtures/legacy/*'",
        "skip env/lib/python3.11/site-packages/pkg/data.yaml: virtual environment",
        "skip schemas/connection.schema.json: a JSON Schema (top-level $schema), not records",
        "lint fixtures/valid/c.schema.json", "1 to lint, 5 skipped, 0 could not be checked."]

    settings = cli("check", "--show-settings", ".", cwd=tmp_path)
    assert settings.stdout.splitlines()[:2] == [
        "config file: pyproject.toml (the nearest above .)",
        f'schema = "{(tmp_path / "schemas" / "connection.structure.json").resolve()}"  # config file']
    assert 'exclude = ["fixtures/legacy/*"]  # config file' in settings.stdout
    assert 'fail-on = "error"  # default' in settings.stdout

    # pre-commit names every tracked file: the hook's --force-exclude leaves out the same files.
    from tests.acceptance.test_precommit import PRE_COMMIT

    assert PRE_COMMIT is not None, "pre-commit is not installed: pip install '.[test]'"
    env = ENV | {"PRE_COMMIT_HOME": str(tmp_path.parent / "pre-commit-home")}
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    hook = subprocess.run([*PRE_COMMIT, "try-repo", str(ROOT), "terapi-lint", "--all-files", "--verbose"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900)
    assert hook.returncode == 1, hook.stdout + hook.stderr
    assert "fixtures/invalid/invalid-enum.json:6:5: error invalid-enum" in hook.stdout
    # pre-commit may split the files over several runs, each with its summary.
    linted = [int(n) for pair in re.findall(r"(?:info|No findings) in (\d+) files?|All clean: (\d+) files?", hook.stdout)
              for n in pair if n]
    assert sum(linted) == len(records), hook.stdout
    assert "legacy" not in hook.stdout and "node_modules" not in hook.stdout


def _as_unprivileged(tmp_path: Path) -> tuple[str, ...]:
    """A prefix that runs a command without the power to read a mode-000 file.

    A normal user needs nothing.  Root (here, and often in CI) reads everything through its
    capabilities: the command then runs as root without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH,
    so the kernel applies the file modes to it as to any user.
    """
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    assert setpriv, "running as root needs setpriv (util-linux) to drop the file-reading capabilities"
    prefix = (setpriv, "--bounding-set=-dac_override,-dac_read_search")
    probe = tmp_path / "probe"
    probe.write_text("x")
    probe.chmod(0)
    denied = subprocess.run([*prefix, "cat", str(probe)], capture_output=True)
    assert denied.returncode != 0, "setpriv could not drop the capabilities"
    return prefix


def test_item06_unreadable_files_never_abort_the_run(tmp_path):
    write(tmp_path / "a.json", VALID).chmod(0)
    write(tmp_path / "b.json", ENUM)
    write(tmp_path / "locked" / "c.json", VALID)
    (tmp_path / "locked").chmod(0)
    try:
        result = cli("check", "a.json", "b.json", "locked", cwd=tmp_path, prefix=_as_unprivileged(tmp_path))
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert result.returncode == 2
    assert sorted(result.stderr.splitlines()) == ["terapi-lint: a.json: cannot read: permission denied",
                                                  "terapi-lint: locked: permission denied"]
    assert "b.json:6:5: error invalid-enum /credentials/type" in result.stdout
    assert result.stdout.splitlines()[-1].endswith("in 1 file (1 record); top rules: invalid-enum 1; 2 paths could "
                                                   "not be checked.")


def test_item07_records_where_it_belongs(tmp_path):
    git_init(tmp_path)
    write(tmp_path / "fixtures" / "a.json", VALID)
    write(tmp_path / "fixtures" / "b.ndjson", json.dumps(VALID) + "\n" + json.dumps(ENUM) + "\n")
    write(tmp_path / "exports" / "list.json",  # a saved API response
          {"request": {"method": "GET"}, "response": {"status": 200, "body": {
              "connections": [VALID, {**VALID, "id": "user-2"}]}}})

    # One pointer for every file: the bare records are not found there, and each says so by its own rule.
    write(tmp_path / "pyproject.toml", '[tool.terapi-lint]\nrecords = "/response/body/connections"\n')
    one = cli("check", "--select", "TL1", ".", cwd=tmp_path)  # --select does not hide it
    assert one.returncode == 1 and one.stderr == ""
    assert one.stdout.splitlines()[:3] == [
        "fixtures/a.json:1:1: error records-not-found (root): no records at /response/body/connections: the top "
        "level is an object of 7 members, none named 'response'; it looks like one connection record",
        "fixtures/b.ndjson:1:1: error records-not-found (root): no records at /response/body/connections: the top "
        "level is an object of 7 members, none named 'response'; it looks like one connection record",
        "fixtures/b.ndjson:2:1: error records-not-found (root): no records at /response/body/connections: the top "
        "level is an object of 4 members, none named 'response'; it looks like one connection record",
    ]
    assert " parse-error " not in one.stdout

    # A pointer per glob: the API responses are read at it, every other file as it is.
    write(tmp_path / "pyproject.toml",
          '[tool.terapi-lint]\nrecords = { "exports/*.json" = "/response/body/connections" }\n')
    per_glob = cli("check", "--format", "json", ".", cwd=tmp_path)
    report = json.loads(per_glob.stdout)
    assert per_glob.returncode == 1 and per_glob.stderr == ""
    assert report["summary"]["records"] == 5  # 2 in the response, 1 + 2 bare ones
    assert [(f["file"], f["rule"], f["pointer"]) for f in report["findings"]] == [
        ("fixtures/b.ndjson", "invalid-enum", "/credentials/type")]
    shown = cli("check", "--show-settings", ".", cwd=tmp_path)
    assert 'records = { "exports/*.json" = "/response/body/connections" }  # config file' in shown.stdout

    write(tmp_path / "pyproject.toml", '[tool.terapi-lint]\nrecords = { "exports/*.json" = "response" }\n')
    bad = cli("check", ".", cwd=tmp_path)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.splitlines()[-1] == ("Error: pyproject.toml: [tool.terapi-lint] 'records.\"exports/*.json\"' "
                                           "must be a JSON Pointer (\"\" or starting with '/')")


def test_item08_compile_hook_runs_when_the_compiled_schema_is_staged(tmp_path):
    from tests.acceptance.test_precommit import PRE_COMMIT

    assert PRE_COMMIT is not None, "pre-commit is not installed: pip install '.[test]'"
    repo = tmp_path / "repo"
    git_init(repo)
    env = ENV | {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_AUTHOR_NAME": "t",
                 "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    shutil.copy(ROOT / "schemas" / "connection.structure.json", repo / "conn.structure.json")
    shutil.copy(ROOT / "schemas" / "connection.schema.json", repo / "conn.schema.json")
    schema = json.loads((repo / "conn.schema.json").read_text(encoding="utf-8"))
    schema["required"] = [name for name in schema["required"] if name != "provider"]  # a hand edit
    write(repo / "conn.schema.json", schema)
    subprocess.run(["git", "add", "conn.schema.json"], cwd=repo, check=True, env=env)  # only the schema

    hook = subprocess.run([*PRE_COMMIT, "try-repo", str(ROOT), "terapi-lint-compile", "--verbose"], cwd=repo,
                          env=env, capture_output=True, text=True, timeout=900)
    assert hook.returncode == 1, hook.stdout + hook.stderr
    assert "Failed" in hook.stdout
    assert "conn.schema.json: stale; regenerate with: terapi-lint compile conn.structure.json -o conn.schema.json" \
        in hook.stdout


def test_item09_config_belongs_to_the_files(tmp_path):
    project, other = tmp_path / "proj", tmp_path / "elsewhere"
    git_init(project)
    write(project / "pyproject.toml", '[tool.terapi-lint]\nseverity = { invalid-enum = "warning" }\n')
    write(project / "fixtures" / "a.json", ENUM)
    write(other / "b.json", ENUM)

    # Run from another folder, the project's config applies to the project's file.
    far = cli("check", str(project / "fixtures" / "a.json"), cwd=other)
    assert far.returncode == 0 and far.stderr == "", far.stdout
    assert " warning invalid-enum /credentials/type" in far.stdout
    shown = cli("check", "--show-settings", str(project / "fixtures"), cwd=other)
    assert shown.stdout.splitlines()[0] == (
        f"config file: {os.path.relpath(project / 'pyproject.toml', other)} (the nearest above {project / 'fixtures'})")
    assert "severity = { \"invalid-enum\" = \"warning\" }  # config file" in shown.stdout
    assert cli("check", "b.json", cwd=other).returncode == 1  # no config there: the default severity

    # Paths under two configurations are refused, never linted with the wrong one.
    mixed = cli("check", str(project / "fixtures" / "a.json"), "b.json", cwd=other)
    assert mixed.returncode == 2 and mixed.stdout == ""
    assert mixed.stderr.splitlines()[-1] == (
        f"Error: b.json belongs to no config file, but this run uses {os.path.relpath(project / 'pyproject.toml', other)} "
        f"(found for {project / 'fixtures' / 'a.json'}); lint the paths of each configuration in a separate run, "
        "or name one with --config")
    write(project / "fixtures" / "team" / ".terapi-lint.toml", 'fail-on = "warning"\n')
    write(project / "fixtures" / "team" / "c.json", ENUM)
    nested = cli("check", ".", cwd=project)  # a folder walked into another configuration
    assert nested.returncode == 2 and nested.stdout == ""
    assert nested.stderr == ("terapi-lint: fixtures/team/c.json belongs to fixtures/team/.terapi-lint.toml, but this "
                             "run uses pyproject.toml; lint the paths of each configuration in a separate run, or "
                             "name one with --config\n")
    chosen = cli("check", "--config", "pyproject.toml", ".", cwd=project)  # one configuration for every path
    assert chosen.returncode == 0 and chosen.stdout.endswith(
        "0 errors, 2 warnings, 0 info in 2 files (2 records); top rules: invalid-enum 2.\n")


def test_item10_output_never_overwrites_an_input(tmp_path):
    victim = write(tmp_path / "victim.json", VALID)
    before = victim.read_bytes()
    os.link(victim, tmp_path / "hard.json")
    os.symlink("victim.json", tmp_path / "soft.json")
    for output, same in (("victim.json", ""), ("hard.json", "the same file as victim.json, "),
                         ("soft.json", "the same file as victim.json, ")):
        result = cli("check", "-o", output, "victim.json", cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr == (f"terapi-lint: refusing to write the report to {output}: it is {same}one of "
                                 "the files to lint; choose another --output\n")
        assert result.stdout == ""
        assert victim.read_bytes() == before
    for fmt in ("json", "sarif", "junit", "jsonl", "github", "text"):  # a report from the last run, in the folder linted
        write(tmp_path / fmt / "conn.json", VALID)
        first = cli("check", "-f", fmt, "-o", f"{fmt}/report.json", fmt, cwd=tmp_path)
        again = cli("check", "-f", fmt, "-o", f"{fmt}/report.json", fmt, cwd=tmp_path)
        assert (first.returncode, again.returncode) == (0, 0), again.stderr
    assert json.loads((tmp_path / "json" / "report.json").read_text())["summary"]["files"] == 1
    write(tmp_path / "data" / "conn.json", VALID)
    fixture = write(tmp_path / "data" / "fixture.json", ENUM)  # records, in the folder linted: never overwritten
    kept = fixture.read_bytes()
    refused = cli("check", "-f", "sarif", "-o", "data/fixture.json", "data", cwd=tmp_path)
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr == ("terapi-lint: refusing to write the report to data/fixture.json: a folder to lint "
                              "holds it and it is not a terapi-lint report, so it would be lost; choose another "
                              "--output\n")
    assert fixture.read_bytes() == kept


def test_item11_report_is_written_whole_or_not_at_all(tmp_path):
    write(tmp_path / "ok.json", VALID)
    missing = cli("check", "-o", "nodir/out.sarif", "ok.json", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr == ("terapi-lint: cannot write the report to nodir/out.sarif: folder nodir does not "
                              "exist; create it or choose another --output\n")

    report = write(tmp_path / "out" / "report.json", "an older report")
    inode = report.stat().st_ino
    quiet = cli("check", "-q", "-f", "json", "-o", "out/report.json", "ok.json", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    document = json.loads(report.read_text())
    assert document["complete"] is True and document["summary"]["files"] == 1
    assert report.stat().st_ino != inode  # renamed into place, not written over
    assert os.listdir(tmp_path / "out") == ["report.json"]  # no temporary file left behind


def _big_dump(tmp_path: Path) -> Path:
    """About 100 MB of NDJSON, an invalid-enum finding every 1,000 records."""
    good = json.dumps({**VALID, "id": "user-%d"}, separators=(",", ":")) + "\n"
    bad = json.dumps({**ENUM, "id": "user-%d"}, separators=(",", ":")) + "\n"
    path = tmp_path / "big.ndjson"
    with open(path, "w", encoding="utf-8") as handle:
        for block in range(350):
            handle.write("".join((good if n % 1000 else bad) % (block * 1000 + n) for n in range(1, 1001)))
    return path


def _interrupt(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    """Run ``check`` with stderr on a terminal, wait until its progress line shows records linted,
    then press Ctrl-C (SIGINT to its process group, as a terminal does)."""
    master, slave = os.openpty()
    env = {k: v for k, v in ENV.items()
           if k not in ("CI", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TF_BUILD")} | {"TERM": "xterm"}
    process = subprocess.Popen([*CLI, "check", *args], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                               stderr=slave, text=True, start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        deadline = time.monotonic() + 300
        while max((int(n.replace(b",", b"")) for n in re.findall(rb"([\d,]+) records", seen)), default=0) < 10_000:
            assert time.monotonic() < deadline and process.poll() is None, seen.decode(errors="replace")
            if select.select([master], [], [], 1)[0]:
                seen += os.read(master, 4096)
        os.killpg(process.pid, signal.SIGINT)
        stdout = process.communicate(timeout=120)[0]
        while select.select([master], [], [], 0.5)[0]:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    return process.returncode, stdout, seen.decode(errors="replace")


def test_item12_ctrl_c_keeps_what_was_found(tmp_path):
    write(tmp_path / "a.json", ENUM)
    _big_dump(tmp_path)
    code, stdout, stderr = _interrupt(tmp_path, "a.json", "big.ndjson")
    assert code == 130
    assert "terapi-lint: interrupted: results are incomplete" in stderr
    lines = stdout.splitlines()
    assert "a.json:6:5: error invalid-enum /credentials/type" in stdout
    assert any(line.startswith("big.ndjson:") and " invalid-enum " in line for line in lines)
    assert lines[-1].startswith("interrupted: results are incomplete; so far: ")

    code, stdout, _ = _interrupt(tmp_path, "-f", "json", "-o", "report.json", "a.json", "big.ndjson")
    document = json.loads((tmp_path / "report.json").read_text())
    assert code == 130 and stdout == ""
    assert document["complete"] is False
    assert {f["file"] for f in document["findings"]} == {"a.json", "big.ndjson"}

    code, _, _ = _interrupt(tmp_path, "-f", "sarif", "-o", "report.sarif", "a.json", "big.ndjson")
    sarif = json.loads((tmp_path / "report.sarif").read_text())
    invocation = sarif["runs"][0]["invocations"][0]
    assert code == 130 and invocation["executionSuccessful"] is False
    assert {"level": "error", "message": {"text": "interrupted: results are incomplete"}} in \
        invocation["toolExecutionNotifications"]
    assert sarif["runs"][0]["results"]
    import jsonschema

    jsonschema.Draft7Validator(json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())) \
        .validate(sarif)


def test_item13_user_mistakes_get_a_one_line_message_not_an_internal_error(tmp_path):
    write(tmp_path / "ok.json", VALID)
    structure = json.loads((ROOT / "schemas" / "connection.structure.json").read_text(encoding="utf-8"))
    structure["fields"][0]["type"] = "strin"
    write(tmp_path / "typo.structure.json", structure)

    output = cli("check", "-o", "nodir/out.sarif", "ok.json", cwd=tmp_path)
    typo = cli("check", "--schema", "typo.structure.json", "ok.json", cwd=tmp_path)
    nope = cli("rule", "nope", cwd=tmp_path)
    close = cli("rule", "secret-kye", cwd=tmp_path)
    for result in (output, typo, nope, close):
        assert result.returncode == 2 and result.stdout == ""
        assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "nodir/out.sarif" in output.stderr and "create it or choose another --output" in output.stderr
    assert typo.stderr == ("terapi-lint: typo.structure.json: /fields/0/type: unknown type word 'strin'; "
                           "did you mean 'string'?\n")
    assert nope.stderr == "terapi-lint: no such rule: 'nope'; `terapi-lint rules` lists them\n"
    assert close.stderr == "terapi-lint: no such rule: 'secret-kye'; did you mean 'secret-key'?\n"


def test_item13_schema_mistakes_are_usage_errors_not_internal_errors(tmp_path: Path) -> None:
    write(tmp_path / "good.json", RECORD)

    missing = write(tmp_path / "missing.schema.json", {"type": "object", "properties": {
        "provider": {"$ref": "defs/common.json#/$defs/provider"}}})
    result = cli("check", "--schema", str(missing), "good.json", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr
    assert f"{missing}: /properties/provider/$ref: cannot resolve the reference " \
           "'defs/common.json#/$defs/provider'" in result.stderr
    assert "there is no file" in result.stderr and "defs/common.json" in result.stderr

    remote = write(tmp_path / "remote.schema.json", {"$ref": "https://schemas.example.com/connection.json"})
    result = cli("check", "--schema", str(remote), "good.json", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "https://schemas.example.com/connection.json" in result.stderr
    assert "never fetches" in result.stderr and "--schema-dir" in result.stderr
    assert "internal error" not in result.stderr

    pointer = write(tmp_path / "pointer.schema.json", {"properties": {"id": {"$ref": "#/$defs/nope"}}})
    result = cli("check", "--schema", str(pointer), "good.json", cwd=tmp_path)
    assert result.returncode == 2 and "/properties/id/$ref" in result.stderr and "#/$defs/nope" in result.stderr

    accept_all = write(tmp_path / "true.schema.json", "true")
    result = cli("check", "--schema", str(accept_all), "good.json", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, ""), result.stdout + result.stderr
    assert "1 record checked" in result.stdout

    reject_all = write(tmp_path / "false.schema.json", "false")
    result = cli("check", "--schema", str(reject_all), "good.json", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "schema-violation (root): the record is not allowed here" in result.stdout


def test_item13_multi_file_schemas_resolve_from_disk(tmp_path: Path) -> None:
    """The layout of issue 11's first bullet: a sibling file by relative URI, and a sub-folder."""
    write(tmp_path / "schemas" / "main.schema.json", {
        "type": "object", "required": ["provider"], "additionalProperties": True,
        "properties": {"provider": {"$ref": "defs/common.json#/$defs/provider"},
                       "metadata": {"$ref": "defs/deeper/metadata.json"}}})
    write(tmp_path / "schemas" / "defs" / "common.json", {"$defs": {"provider": {"enum": ["github", "slack"]}}})
    write(tmp_path / "schemas" / "defs" / "deeper" / "metadata.json",
           {"type": "object", "properties": {"tenant_id": {"$ref": "../common.json#/$defs/tenant"}}})
    write(tmp_path / "schemas" / "defs" / "common.json", {"$defs": {"provider": {"enum": ["github", "slack"]},
                                                                      "tenant": {"type": "string"}}})
    write(tmp_path / "good.json", RECORD)
    write(tmp_path / "bad.json", {**RECORD, "provider": "gitlab", "metadata": {"tenant_id": 5}})
    result = cli("check", "--schema", "schemas/main.schema.json", "good.json", "bad.json", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert "bad.json:4:3: error invalid-enum /provider" in result.stdout
    assert "bad.json:7:5: error wrong-type /metadata/tenant_id" in result.stdout
    assert "good.json" not in result.stdout


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def test_item14_only_regular_files_are_read(tmp_path):
    folder = tmp_path / "fixtures"
    write(folder / "ok.json", ENUM)
    os.mkfifo(folder / "pipe.json")
    os.symlink("/dev/zero", folder / "zero.json")
    os.symlink("/dev/urandom", folder / "random.ndjson")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "sock.json"))
        walked = cli("check", "--format", "json", "fixtures", cwd=tmp_path, timeout=60, preexec_fn=_limit_memory)
        assert walked.returncode == 1 and walked.stderr == ""
        report = json.loads(walked.stdout)
        assert report["summary"]["files"] == 1 and {f["file"] for f in report["findings"]} == {"fixtures/ok.json"}
        shown = cli("check", "--show-files", "fixtures", cwd=tmp_path, timeout=60, preexec_fn=_limit_memory)
        assert shown.returncode == 0 and shown.stdout.splitlines() == [
            "lint fixtures/ok.json",
            "skip fixtures/pipe.json: not a regular file: named pipe",
            "skip fixtures/random.ndjson: not a regular file: symbolic link to a character device",
            "skip fixtures/sock.json: not a regular file: socket",
            "skip fixtures/zero.json: not a regular file: symbolic link to a character device",
            "1 to lint, 4 skipped, 0 could not be checked.",
        ]

        named = cli("check", "fixtures/pipe.json", "fixtures/zero.json", "fixtures/sock.json", "fixtures/ok.json",
                    cwd=tmp_path, timeout=60, preexec_fn=_limit_memory)
    assert named.returncode == 2
    assert named.stderr.splitlines() == [
        "terapi-lint: fixtures/pipe.json: not a regular file: named pipe",
        "terapi-lint: fixtures/zero.json: not a regular file: symbolic link to a character device",
        "terapi-lint: fixtures/sock.json: not a regular file: socket",
    ]
    assert "fixtures/ok.json:6:5: error invalid-enum" in named.stdout


# The README's promises, kept true: each exit code it lists, and each cause of exit 2, is a case run here.


def _readme_exit_codes() -> list[tuple[int, str]]:
    """(code, text) of each entry of the README's exit-code list; an entry with sub-entries gives those."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Exit codes", 1)[1].lstrip().split("\n\n", 1)[0]
    entries: list[tuple[int, str]] = []
    code = None
    for line in section.strip().splitlines():
        top = re.match(r"- \*\*(\d+)\*\*: (.*)", line)
        if top:
            code = int(top.group(1))
            entries.append((code, top.group(2)))
        elif line.startswith("  - "):
            if entries and entries[-1][0] == code and entries[-1][1].endswith(":"):
                entries.pop()  # the entry is its sub-entries
            entries.append((code, line[4:]))
    return entries


def _case_clean(tmp_path: Path) -> None:
    write(tmp_path / "ok.json", VALID)
    write(tmp_path / "enum.json", ENUM)
    clean = cli("check", "ok.json", cwd=tmp_path)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "All clean: 1 file, 1 record checked.\n", "")
    zero = cli("check", "--exit-zero", "enum.json", cwd=tmp_path)
    assert zero.returncode == 0 and " invalid-enum " in zero.stdout


def _case_findings(tmp_path: Path) -> None:
    write(tmp_path / "enum.json", ENUM)
    assert cli("check", "enum.json", cwd=tmp_path).returncode == 1
    timestamps = {**VALID, "updated_at": "2020-01-01T00:00:00Z"}  # a warning only
    write(tmp_path / "warning.json", timestamps)
    assert cli("check", "warning.json", cwd=tmp_path).returncode == 0
    assert cli("check", "--fail-on", "warning", "warning.json", cwd=tmp_path).returncode == 1


def _one_line(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert all(word in line for word in words), (words, result.stderr)


def _case_usage(tmp_path: Path) -> None:
    write(tmp_path / "ok.json", VALID)
    _one_line(cli("check", "--nope", "ok.json", cwd=tmp_path), "--nope")
    _one_line(cli("check", "--select", "secret-kye", "ok.json", cwd=tmp_path), "secret-kye", "secret-key")
    write(tmp_path / ".terapi-lint.toml", "fail_on = 'warning'\nfial-on = 'info'\n")
    _one_line(cli("check", "ok.json", cwd=tmp_path), ".terapi-lint.toml", "fial-on", "did you mean 'fail-on'")


def _case_path(tmp_path: Path) -> None:
    write(tmp_path / "enum.json", ENUM)
    (tmp_path / "empty").mkdir()
    os.mkfifo(tmp_path / "pipe.json")
    result = cli("check", "missing.json", "empty", "pipe.json", "enum.json", cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["terapi-lint: missing.json: no such file or folder",
                                          f"terapi-lint: empty: no files to lint ({INCLUDE})",
                                          "terapi-lint: pipe.json: not a regular file: named pipe"]
    assert "enum.json:6:5: error invalid-enum" in result.stdout
    assert result.stdout.splitlines()[-1].endswith("in 1 file (1 record); top rules: invalid-enum 1; 3 paths could "
                                                   "not be checked.")


def _case_schema(tmp_path: Path) -> None:
    write(tmp_path / "ok.json", VALID)
    write(tmp_path / "record.json", VALID)
    _one_line(cli("check", "--schema", "record.json", "ok.json", cwd=tmp_path), "record.json",
              "looks like a connection record")


def _case_output(tmp_path: Path) -> None:
    write(tmp_path / "ok.json", VALID)
    _one_line(cli("check", "-o", "nodir/report.json", "ok.json", cwd=tmp_path), "nodir/report.json")
    _one_line(cli("check", "-o", "ok.json", "ok.json", cwd=tmp_path), "ok.json", "one of the files to lint")
    assert json.loads((tmp_path / "ok.json").read_text()) == VALID


def _case_configurations(tmp_path: Path) -> None:
    write(tmp_path / "a" / ".terapi-lint.toml", "strict = true\n")
    write(tmp_path / "a" / "ok.json", VALID)
    write(tmp_path / "b" / ".terapi-lint.toml", "strict = false\n")
    write(tmp_path / "b" / "ok.json", VALID)
    _one_line(cli("check", "a/ok.json", "b/ok.json", cwd=tmp_path), "b/ok.json", "b/.terapi-lint.toml",
              "a/.terapi-lint.toml")


def _case_internal_error(tmp_path: Path) -> None:
    import click
    from click.testing import CliRunner

    from terapi_lint.cli import _Group

    @click.group(cls=_Group)
    def group() -> None:
        pass

    @group.command()
    def broken() -> None:
        raise RuntimeError(f"a message that could quote input: {TOKEN}")

    result = CliRunner().invoke(group, ["broken"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "terapi-lint: internal error (RuntimeError); please report it\n"


def _case_interrupted(tmp_path: Path) -> None:
    write(tmp_path / "a.json", ENUM)
    _big_dump(tmp_path)
    code, stdout, stderr = _interrupt(tmp_path, "a.json", "big.ndjson")
    assert code == 130 and "a.json:6:5: error invalid-enum" in stdout
    assert stdout.splitlines()[-1].startswith("interrupted: results are incomplete; so far: ")


_EXIT_CASES = [
    (0, "every path was checked", _case_clean),
    (1, "findings at or above", _case_findings),
    (2, "usage or configuration error", _case_usage),
    (2, "a path that could not be checked", _case_path),
    (2, "`--schema`", _case_schema),
    (2, "`--output`", _case_output),
    (2, "different configurations", _case_configurations),
    (2, "internal error", _case_internal_error),
    (130, "interrupted", _case_interrupted),
]


def test_readme_exit_codes_each_hold(tmp_path):
    """Every entry of the README's exit-code list has a case here, and every case holds."""
    entries = _readme_exit_codes()
    assert {code for code, _ in entries} == {0, 1, 2, 130}
    matched = []
    for code, text in entries:
        cases = [case for want, words, case in _EXIT_CASES if want == code and words in text]
        assert len(cases) == 1, f"README exit code {code} ({text!r}) has no case in this test"
        matched.append(cases[0])
    assert len(matched) == len(_EXIT_CASES)
    for number, case in enumerate(matched):
        folder = tmp_path / str(number)
        folder.mkdir()
        git_init(folder)
        case(folder)


def test_readme_names_every_folder_the_walk_leaves_out():
    from terapi_lint.discover import TOOL_FOLDERS

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("- tool folders: "))
    assert set(re.findall(r"`([^`]+)`", line.split(", and any folder")[0])) == TOOL_FOLDERS

