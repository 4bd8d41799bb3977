"""Issue 10: the gate never says "clean" by mistake.  One end-to-end test per item, each running the
installed ``terapi-lint`` in a subprocess on real files, as a user or a CI step would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RECORD = {"id": "user-123", "provider_config_key": "github-prod", "provider": "github",
          "created_at": "2026-01-15T10:00:00Z", "metadata": {"tenant_id": "acme"}}
BROKEN = {"id": 7, "provider": "github", "created_at": "yesterday", "metadata": [1]}


def _terapi_lint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a user runs it."""
    exe = shutil.which("terapi-lint", path=os.path.dirname(sys.executable)) or shutil.which("terapi-lint")
    assert exe, "terapi-lint is not installed in this environment"
    return subprocess.run([exe, *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NO_COLOR": "1"})


def _write(path: Path, value: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(value if isinstance(value, str) else json.dumps(value), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------------
# Item 3: --schema must be a schema (checked before any record, whatever the data).


def test_item3_schema_must_be_a_schema(tmp_path: Path) -> None:
    _write(tmp_path / "good.json", RECORD)
    _write(tmp_path / "bad.json", BROKEN)
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
        schema = _write(tmp_path / name, document)
        outcomes = set()
        for data in ("good.json", "bad.json"):  # the verdict does not depend on the data
            result = _terapi_lint("check", "--schema", str(schema), data, cwd=tmp_path)
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
    result = _terapi_lint("check", "--schema", str(_write(tmp_path / "d4.json", draft4)), "good.json", cwd=tmp_path)
    assert result.returncode == 2 and "(Draft 4) at /: 'exclusiveMinimum' needs 'minimum'" in result.stderr
    draft4.update(minimum=1, exclusiveMinimum=3)  # a number is Draft 6's form
    result = _terapi_lint("check", "--schema", str(_write(tmp_path / "d4.json", draft4)), "good.json", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "(Draft 4) at /exclusiveMinimum: must be boolean, not an integer (3)" in result.stderr


# ------------------------------------------------------------------------------------------------
# Item 13 (the schema's part): schema mistakes are one-line usage errors, never "internal error".


def test_item13_schema_mistakes_are_usage_errors_not_internal_errors(tmp_path: Path) -> None:
    _write(tmp_path / "good.json", RECORD)

    missing = _write(tmp_path / "missing.schema.json", {"type": "object", "properties": {
        "provider": {"$ref": "defs/common.json#/$defs/provider"}}})
    result = _terapi_lint("check", "--schema", str(missing), "good.json", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr
    assert f"{missing}: /properties/provider/$ref: cannot resolve the reference " \
           "'defs/common.json#/$defs/provider'" in result.stderr
    assert "there is no file" in result.stderr and "defs/common.json" in result.stderr

    remote = _write(tmp_path / "remote.schema.json", {"$ref": "https://schemas.example.com/connection.json"})
    result = _terapi_lint("check", "--schema", str(remote), "good.json", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "https://schemas.example.com/connection.json" in result.stderr
    assert "never fetches" in result.stderr and "--schema-dir" in result.stderr
    assert "internal error" not in result.stderr

    pointer = _write(tmp_path / "pointer.schema.json", {"properties": {"id": {"$ref": "#/$defs/nope"}}})
    result = _terapi_lint("check", "--schema", str(pointer), "good.json", cwd=tmp_path)
    assert result.returncode == 2 and "/properties/id/$ref" in result.stderr and "#/$defs/nope" in result.stderr

    accept_all = _write(tmp_path / "true.schema.json", "true")
    result = _terapi_lint("check", "--schema", str(accept_all), "good.json", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, ""), result.stdout + result.stderr
    assert "1 record checked" in result.stdout

    reject_all = _write(tmp_path / "false.schema.json", "false")
    result = _terapi_lint("check", "--schema", str(reject_all), "good.json", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "schema-violation (root): the record is not allowed here" in result.stdout


def test_item13_multi_file_schemas_resolve_from_disk(tmp_path: Path) -> None:
    """The layout of issue 11's first bullet: a sibling file by relative URI, and a sub-folder."""
    _write(tmp_path / "schemas" / "main.schema.json", {
        "type": "object", "required": ["provider"], "additionalProperties": True,
        "properties": {"provider": {"$ref": "defs/common.json#/$defs/provider"},
                       "metadata": {"$ref": "defs/deeper/metadata.json"}}})
    _write(tmp_path / "schemas" / "defs" / "common.json", {"$defs": {"provider": {"enum": ["github", "slack"]}}})
    _write(tmp_path / "schemas" / "defs" / "deeper" / "metadata.json",
           {"type": "object", "properties": {"tenant_id": {"$ref": "../common.json#/$defs/tenant"}}})
    _write(tmp_path / "schemas" / "defs" / "common.json", {"$defs": {"provider": {"enum": ["github", "slack"]},
                                                                      "tenant": {"type": "string"}}})
    _write(tmp_path / "good.json", RECORD)
    _write(tmp_path / "bad.json", {**RECORD, "provider": "gitlab", "metadata": {"tenant_id": 5}})
    result = _terapi_lint("check", "--schema", "schemas/main.schema.json", "good.json", "bad.json", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert "bad.json:1:" in result.stdout and "invalid-enum /provider" in result.stdout
    assert "wrong-type /metadata/tenant_id" in result.stdout
    assert "good.json" not in result.stdout
