"""Checks of the benchmark scripts themselves: shapes parse, output is deterministic, defects land.

Part of the suite (``testpaths`` in pyproject.toml); the benchmarks themselves run by hand.  No
timing is asserted anywhere: how fast a tool is belongs in docs/performance.md, not in a pass/fail
test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402
import run  # noqa: E402


def _gen(tmp_path: Path, shape: str, n: int = 400, rate: float = 0.05, seed: int = 1) -> Path:
    out = tmp_path / f"{shape}-{seed}"
    assert generate.main(["--records", str(n), "--shape", shape, "--defect-rate", str(rate),
                          "--seed", str(seed), "--out", str(out)]) == 0
    return out


def _pairs_with_dups(text: str) -> tuple[object, int]:
    dups = 0

    def hook(pairs: list[tuple[str, object]]) -> dict:
        nonlocal dups
        keys = [k for k, _ in pairs]
        dups += len(keys) != len(set(keys))
        return dict(pairs)

    return json.loads(text, object_pairs_hook=hook), dups


def test_all_shapes_hold_the_same_records(tmp_path: Path) -> None:
    array, dups = _pairs_with_dups(_gen(tmp_path, "array").read_text(encoding="utf-8"))
    wrapper = json.loads(_gen(tmp_path, "wrapper").read_text(encoding="utf-8"))
    pretty = _gen(tmp_path, "pretty").read_text(encoding="utf-8")
    oneline = _gen(tmp_path, "oneline").read_text(encoding="utf-8")
    lines = _gen(tmp_path, "ndjson").read_text(encoding="utf-8").splitlines()
    folder = _gen(tmp_path, "files")
    files = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.iterdir())]
    assert isinstance(array, list) and len(array) == 400
    assert wrapper == {"connections": array}
    assert json.loads(pretty) == array and pretty.count("\n") > 400 * 10
    assert json.loads(oneline) == {"connections": array} and oneline.count("\n") == 1
    assert [json.loads(line) for line in lines] == array
    assert files == array
    assert dups > 0
    yaml = pytest.importorskip("yaml")
    assert yaml.safe_load(_gen(tmp_path, "yaml").read_text(encoding="utf-8")) == array


def test_dirty_dumps_hold_the_same_records_with_errors_and_extra_members(tmp_path: Path) -> None:
    clean = _gen(tmp_path / "clean", "ndjson", n=1000).read_text(encoding="utf-8").splitlines()
    out = tmp_path / "dirty.ndjson.gz"
    assert generate.main(["--records", "1000", "--shape", "ndjson", "--defect-rate", "0.05", "--seed", "1",
                          "--error-rate", "0.4", "--extra-members", "2", "--out", str(out)]) == 0
    import gzip

    dirty = gzip.decompress(out.read_bytes()).decode("utf-8").splitlines()
    nulls = 0
    for before, after in zip(map(json.loads, clean), map(json.loads, dirty), strict=True):
        assert {"environment_id", "connection_config"} <= after.keys()
        nulls += after.get("credentials", {}).get("expires_at", "") is None
        after.pop("environment_id"), after.pop("connection_config")
        if isinstance(after.get("credentials"), dict) and after["credentials"].get("expires_at", "") is None:
            after["credentials"].pop("expires_at")
            before.get("credentials", {}).pop("expires_at", None)
        assert after == before
    assert 300 < nulls < 500
    again = tmp_path / "again.ndjson.gz"
    generate.main(["--records", "1000", "--shape", "ndjson", "--defect-rate", "0.05", "--seed", "1",
                   "--error-rate", "0.4", "--extra-members", "2", "--out", str(again)])
    assert again.read_bytes() == out.read_bytes()  # compressed too, byte for byte


def test_deterministic_per_seed(tmp_path: Path) -> None:
    a = _gen(tmp_path / "a", "ndjson", seed=7).read_bytes()
    b = _gen(tmp_path / "b", "ndjson", seed=7).read_bytes()
    c = _gen(tmp_path / "c", "ndjson", seed=8).read_bytes()
    assert a == b != c


def test_every_defect_kind_is_planted(tmp_path: Path) -> None:
    records = json.loads(_gen(tmp_path, "array", n=2000, rate=0.02).read_text(encoding="utf-8"))
    enums = {"oauth2", "oauth1", "api_key", "basic", "custom"}
    assert any(not {"id", "provider_config_key", "provider"} <= r.keys() for r in records)
    assert any(r["credentials"]["type"] not in enums for r in records)
    assert any(isinstance(r["metadata"], str) for r in records)
    rfc3339 = re.compile(r"\d{4}-(0[1-9]|1[0-2])-\d\dT([01]\d|2[0-3]):\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
    assert any(not rfc3339.fullmatch(r[k]) for r in records for k in ("created_at", "updated_at"))
    meta = [r["metadata"] for r in records if isinstance(r["metadata"], dict)]
    assert any(str(m.get("github_token", "")).startswith("ghp_") for m in meta)
    assert any("xoxb-" in str(m.get("notes", "")) for m in meta)
    assert any(str(m.get("aws_access_key_id", "")).startswith("AKIA") for m in meta)


def test_no_defects_at_rate_zero(tmp_path: Path) -> None:
    records = json.loads(_gen(tmp_path, "array", n=500, rate=0).read_text(encoding="utf-8"))
    assert all(r["credentials"]["type"] in {"oauth2", "oauth1", "api_key", "basic", "custom"} for r in records)
    assert all(isinstance(r["metadata"], dict) and "github_token" not in r["metadata"] for r in records)


def test_github_token_checksum_is_well_formed() -> None:
    import random
    import zlib

    token = generate.fake_github_token(random.Random(0))
    assert token.startswith("ghp_") and len(token) == 40
    body, check = token[4:34], token[34:]
    assert check == generate._b62(zlib.crc32(body.encode()), 6)


def test_measure_reports_exit_code_and_memory(tmp_path: Path) -> None:
    code = "import sys; b = bytearray(64 * 1024 * 1024); sys.exit(1)"
    result, _ = run.measure([sys.executable, "-c", code], dict(run.os.environ), tmp_path / "out.txt")
    assert result.returncode == 1
    assert result.peak_mb > 64  # the child touched 64 MB; wait4's ru_maxrss must see it


def test_missing_tool_is_a_clear_nonzero_exit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = run.main(["--tools", "terapi-lint", "--terapi-src", str(tmp_path), "--scenarios", "array"])
    assert status == 2
    assert "terapi-lint is missing" in capsys.readouterr().err


def test_timeout_ends_the_run_and_its_workers(tmp_path: Path) -> None:
    code = "import os, time; os.fork(); time.sleep(60)"
    result, _ = run.measure([sys.executable, "-c", code], dict(run.os.environ), tmp_path / "out.txt", timeout=0.5)
    assert result.timed_out and result.returncode != 0


def test_missing_npm_tool_is_a_note_with_the_install_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH, nothing in --npm-bin
    for name in run.NPM_TOOLS:
        tool = run.find_npm(name, str(tmp_path))
        assert tool.argv is None
        assert "npm install ajv-cli ajv-formats @sourcemeta/jsonschema" in tool.why_missing


def test_npm_tools_validate_every_record_when_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ajv and sourcemeta, where installed (on PATH, in benchmarks/node_modules/.bin or in
    $TERAPI_NPM_BIN), run on the same records and report the defective ones."""
    tools = {name: run.find_npm(name, os.environ.get("TERAPI_NPM_BIN")) for name in run.NPM_TOOLS}
    if any(t.argv is None for t in tools.values()):
        pytest.skip("ajv-cli / sourcemeta jsonschema not installed (docs/performance.md says how)")
    monkeypatch.setattr(run, "DATA", tmp_path)  # the schemas go here, not into benchmarks/data
    sch = run.schemas(run.REPO / "schemas" / "connection.schema.json")
    records = tmp_path / "records.ndjson"
    generate.main(["--records", "50", "--shape", "ndjson", "--defect-rate", "0.2", "--out", str(records)])
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_bytes(records.read_bytes())
    array = tmp_path / "records.json"
    generate.main(["--records", "50", "--shape", "array", "--defect-rate", "0.2", "--out", str(array)])
    others = run._others(argparse.Namespace(), sch, str(array), str(jsonl))
    for name, tool in tools.items():
        result, _ = run.measure([*tool.argv, *others[name]], tool.env, tmp_path / f"{name}.txt")
        assert result.returncode in tool.ok_codes and result.returncode != 0  # defects found
