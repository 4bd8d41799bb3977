"""Issue 10: a gate never says "clean" by mistake and never loses a byte.

One end-to-end test per item of the issue, each running the installed ``terapi-lint`` in a
subprocess on real files (a real git repository, a real FIFO, socket and device link, a real
permission denial, the real pre-commit, a real SIGINT) and asserting exit code, stderr and report.
"""

from __future__ import annotations

import json
import os
import pty
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

import pytest

from tests.conftest import FIXTURES, ROOT

_SCRIPT = Path(sys.executable).with_name("terapi-lint")
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "terapi_lint"]
ENV = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE")} | {"NO_COLOR": "1"}

VALID = json.loads((FIXTURES / "valid" / "connection.json").read_text(encoding="utf-8"))
ENUM = json.loads((FIXTURES / "invalid" / "invalid-enum.json").read_text(encoding="utf-8"))
#: A GitHub token the format scan recognises (from the secret-value fixture); never printed.
TOKEN = re.search(r"ghp_\w+", (FIXTURES / "invalid" / "secret-value-github.json").read_text()).group()
INCLUDE = "include: *.json *.yaml *.yml *.ndjson *.jsonl"
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


def _realistic_repository(root: Path) -> list[str]:
    """A project as a user has it; returns the fixture files, the only connection records in it."""
    git_init(root)
    structure = json.loads((ROOT / "schemas" / "connection.structure.json").read_text(encoding="utf-8"))
    write(root / "schemas" / "connection.structure.json", structure)
    shutil.copy(ROOT / "schemas" / "connection.schema.json", root / "schemas" / "connection.schema.json")
    write(root / "pyproject.toml", '[project]\nname = "app"\n\n[tool.terapi-lint]\n'
          'schema = "schemas/connection.structure.json"\n')
    write(root / "src" / "app" / "__init__.py", "")
    write(root / ".venv" / "pyvenv.cfg", "home = /usr/bin\n")
    write(root / ".venv" / "lib" / "python3.11" / "site-packages" / "jsonschema" / "schemas" / "draft7.json",
          {"$schema": "http://json-schema.org/draft-07/schema#"})
    write(root / "env" / "pyvenv.cfg", "home = /usr/bin\n")  # a virtual environment by any name
    write(root / "env" / "lib" / "python3.11" / "site-packages" / "pkg" / "data.yaml", "a: 1\n")
    write(root / "node_modules" / "left-pad" / "package.json", {"name": "left-pad"})
    write(root / ".github" / "workflows" / "ci.yml", "on: push\njobs: {}\n")
    write(root / ".pre-commit-config.yaml", "repos: []\n")
    write(root / ".gitignore", "build/\ngenerated/\n*.local.json\n")
    write(root / "build" / "lib" / "fixtures" / "copy.json", ENUM)
    write(root / "generated" / "dump.ndjson", json.dumps(ENUM) + "\n")
    write(root / "fixtures" / "mine.local.json", ENUM)
    write(root / "fixtures" / "scratch" / ".gitignore", "*.yaml\n")
    write(root / "fixtures" / "scratch" / "try.yaml", "id: x\n")
    write(root / ".git" / "info" / "exclude", "fixtures/private.json\n")
    write(root / "fixtures" / "private.json", ENUM)
    records = ["fixtures/invalid/invalid-enum.json", "fixtures/valid/a.json", "fixtures/valid/b.yaml",
               "fixtures/valid/dump.ndjson"]
    write(root / records[0], ENUM)
    write(root / records[1], VALID)
    write(root / records[2], json.dumps(VALID))
    write(root / records[3], json.dumps(VALID) + "\n")
    return records


def test_item05_folder_walking_finds_connection_files_not_everything(tmp_path):
    records = _realistic_repository(tmp_path)
    result = cli("check", "--format", "json", ".", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert sorted(report["summary"]["files"] for _ in [0]) == [len(records)]
    assert sorted({f["file"] for f in report["findings"]}) == ["fixtures/invalid/invalid-enum.json"]
    assert result.returncode == 1 and result.stderr == ""
    files = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "fixtures"], cwd=tmp_path,
                           check=True, capture_output=True, text=True).stdout.split()
    assert sorted(records) == sorted(f for f in files if not f.endswith(".gitignore"))  # git agrees

    named = cli("check", "--format", "json", "build/lib/fixtures/copy.json", ".github/workflows/ci.yml",
                cwd=tmp_path)  # files named explicitly are always linted
    assert {f["file"] for f in json.loads(named.stdout)["findings"]} == {
        "build/lib/fixtures/copy.json", ".github/workflows/ci.yml"}


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
    assert result.stdout.splitlines()[-1].endswith("in 1 file (1 record); 2 paths could not be checked.")


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
    write(tmp_path / "data" / "report.json", "old report")  # a report from the last run, in the folder linted
    write(tmp_path / "data" / "conn.json", VALID)
    again = cli("check", "-f", "json", "-o", "data/report.json", "data", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert json.loads((tmp_path / "data" / "report.json").read_text())["summary"]["files"] == 1


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

        named = cli("check", "fixtures/pipe.json", "fixtures/zero.json", "fixtures/sock.json", "fixtures/ok.json",
                    cwd=tmp_path, timeout=60, preexec_fn=_limit_memory)
    assert named.returncode == 2
    assert named.stderr.splitlines() == [
        "terapi-lint: fixtures/pipe.json: not a regular file: named pipe",
        "terapi-lint: fixtures/zero.json: not a regular file: symbolic link to a character device",
        "terapi-lint: fixtures/sock.json: not a regular file: socket",
    ]
    assert "fixtures/ok.json:6:5: error invalid-enum" in named.stdout
