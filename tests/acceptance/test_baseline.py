"""`--write-baseline` / `--baseline` / `--prune-baseline`: only new findings are reported.

Entries are keyed by file, record id, pointer, rule and a keyed hash of the value, so a moved
record or a reformatted file still matches while a changed secret does not; the file holds no
value and no unsalted hash of one.
"""

from __future__ import annotations

import hashlib
import json

from tests.conftest import FIXTURES

PASSWORD = "Winter2026!681"


def _setup(tmp_path):
    (tmp_path / "dump.ndjson").write_bytes((FIXTURES / "invalid" / "invalid-enum-case.ndjson").read_bytes())
    (tmp_path / "secret.json").write_bytes((FIXTURES / "invalid" / "secret-key-password.json").read_bytes())
    baseline = tmp_path / "baseline.json"
    return baseline


def _check(run_cli, tmp_path, *args):
    result = run_cli("check", "-f", "json", *args, str(tmp_path))
    return result, json.loads(result.stdout)


def test_written_baseline_hides_todays_findings_and_counts_them(run_cli, tmp_path):
    baseline = _setup(tmp_path)
    result = run_cli("check", "--write-baseline", str(baseline), str(tmp_path))
    assert result.exit_code == 0
    assert "recorded 4 findings in the baseline" in result.stderr
    assert result.stdout.splitlines()[-1].startswith("No findings (4 suppressed by the baseline) in 2 files")
    result, report = _check(run_cli, tmp_path, "--baseline", str(baseline))
    assert result.exit_code == 0
    assert report["findings"] == []
    assert report["summary"]["suppressed"] == {"baseline": 4}
    sarif = json.loads(run_cli("check", "-f", "sarif", "--baseline", str(baseline), str(tmp_path)).stdout)
    suppressed = [r for r in sarif["runs"][0]["results"] if r.get("suppressions")]
    assert len(suppressed) == 4
    assert {r["suppressions"][0]["properties"]["source"] for r in suppressed} == {"baseline"}


def test_a_new_finding_is_reported(run_cli, tmp_path):
    baseline = _setup(tmp_path)
    run_cli("check", "--write-baseline", str(baseline), str(tmp_path))
    with open(tmp_path / "dump.ndjson", "a") as handle:
        handle.write('{"id": "user-9", "provider_config_key": "k", "provider": "p", "credentials": {"type": "OAuth1"}}\n')
    result, report = _check(run_cli, tmp_path, "--baseline", str(baseline))
    assert result.exit_code == 1
    assert [(f["file"].split("/")[-1], f["line"], f["record_id"]) for f in report["findings"]] == [
        ("dump.ndjson", 5, "user-9")]


def test_a_moved_record_and_a_reformatted_file_still_match(run_cli, tmp_path):
    baseline = _setup(tmp_path)
    run_cli("check", "--write-baseline", str(baseline), str(tmp_path))
    lines = (tmp_path / "dump.ndjson").read_text().splitlines(keepends=True)
    (tmp_path / "dump.ndjson").write_text("".join(reversed(lines)))
    record = json.loads((tmp_path / "secret.json").read_text())
    (tmp_path / "secret.json").write_text(json.dumps(record, indent=4, sort_keys=True))
    result, report = _check(run_cli, tmp_path, "--baseline", str(baseline))
    assert report["findings"] == [] and result.exit_code == 0
    assert report["summary"]["suppressed"] == {"baseline": 4}


def test_a_changed_secret_is_reported_and_its_entry_is_stale(run_cli, tmp_path):
    baseline = _setup(tmp_path)
    run_cli("check", "--write-baseline", str(baseline), str(tmp_path))
    secret = tmp_path / "secret.json"
    secret.write_text(secret.read_text().replace(PASSWORD, "Summer2027!552"))
    result, report = _check(run_cli, tmp_path, "--baseline", str(baseline))
    assert result.exit_code == 1
    found = [(f["rule"], f["file"].split("/")[-1]) for f in report["findings"]]
    assert found == [("secret-key", "secret.json"), ("unused-baseline-entry", "baseline.json")]
    stale = report["findings"][1]
    line = baseline.read_text().splitlines()[stale["line"] - 1]
    assert '"pointer": "/credentials/password"' in line


def test_prune_removes_stale_entries_and_keeps_the_rest(run_cli, tmp_path):
    baseline = _setup(tmp_path)
    run_cli("check", "--write-baseline", str(baseline), str(tmp_path))
    (tmp_path / "secret.json").write_bytes((FIXTURES / "valid" / "connection.json").read_bytes())
    result = run_cli("check", "--baseline", str(baseline), "--prune-baseline", str(tmp_path))
    assert "pruned 1 stale entry from the baseline" in result.stderr
    entries = json.loads(baseline.read_text())["entries"]
    assert len(entries) == 3 and all(e["file"] == "dump.ndjson" for e in entries)
    result, report = _check(run_cli, tmp_path, "--baseline", str(baseline))
    assert report["findings"] == [] and result.exit_code == 0


def test_the_file_is_deterministic_sorted_and_holds_no_value_nor_plain_hash(run_cli, tmp_path):
    baseline = _setup(tmp_path)
    run_cli("check", "--write-baseline", str(baseline), str(tmp_path))
    first = baseline.read_bytes()
    run_cli("check", "--write-baseline", str(baseline), str(tmp_path))
    assert baseline.read_bytes() == first  # the same findings give the same bytes (the key is kept)
    data = json.loads(first)
    keys = [(e["file"], e.get("id", ""), e["pointer"], e["rule"]) for e in data["entries"]]
    assert keys == sorted(keys)
    assert len(first.splitlines()) == len(data["entries"]) + 6  # one entry a line
    for value in (PASSWORD, "API_KEY", "Basic", "oauth3"):
        assert value.encode() not in first
        for digest in (hashlib.sha256, hashlib.sha1, hashlib.md5):
            for text in (value, json.dumps(value)):
                assert digest(text.encode()).hexdigest().encode() not in first
    other = tmp_path / "other.json"
    run_cli("check", "--write-baseline", str(other), str(tmp_path))
    assert json.loads(other.read_text())["key"] != data["key"]  # a random key per baseline


def test_a_bad_baseline_is_a_clear_usage_error(run_cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    result = run_cli("check", "--baseline", str(bad), str(FIXTURES / "valid" / "connection.json"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"terapi-lint: {bad} is not a terapi-lint baseline; write it again with --write-baseline"


def test_the_config_names_the_baseline_relative_to_itself(run_cli, tmp_path):
    baseline = _setup(tmp_path)
    run_cli("check", "--write-baseline", str(baseline), str(tmp_path))
    (tmp_path / "pyproject.toml").write_text('[tool.terapi-lint]\nbaseline = "baseline.json"\n')
    result, report = _check(run_cli, tmp_path)
    assert report["findings"] == [] and report["summary"]["suppressed"] == {"baseline": 4}


def test_prune_without_a_baseline_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("check", "--prune-baseline", str(FIXTURES / "valid" / "connection.json"))
    assert result.exit_code == 2
    assert result.stderr == "terapi-lint: --prune-baseline needs the baseline to prune: give --baseline FILE\n"
