"""Reports of dumps with many findings: statistics, caps, JSON Lines, stdin's name, compressed dumps in folders."""

from __future__ import annotations

import gzip
import io
import json
import lzma
import re

from terapi_lint.config import Settings
from terapi_lint.run import TERMINAL_CAP, run_check

#: Each record has one warning (an unknown member), every third an error too (a bad enum value).
RECORDS = [{"id": f"conn-{i}", "provider_config_key": "github-prod", "provider": "github",
            "created_at": "2026-01-15T10:00:00Z", "environment_id": "env-1",
            **({"credentials": {"type": "OAuth9"}} if i % 3 == 0 else {})} for i in range(120)]
DUMP = "".join(json.dumps(r) + "\n" for r in RECORDS).encode()
WARNINGS, ERRORS = 120, 40


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _check(paths, stdout=None, stdin=None, **values):
    stdout = stdout if stdout is not None else io.StringIO()
    stderr = io.StringIO()
    code = run_check(tuple(paths), Settings(jobs=1, **values), stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def _finding_lines(text, name="dump.ndjson"):
    return [line for line in text.splitlines() if line.startswith(f"{name}:")]


def test_text_ends_with_the_statistics_and_the_top_rules(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dump.ndjson").write_bytes(DUMP)
    code, out, _ = _check(["dump.ndjson"])
    assert code == 1
    lines = out.splitlines()
    assert len(_finding_lines(out)) == WARNINGS + ERRORS
    assert lines[-4:] == [
        "count  code   rule           severity",
        f"  {WARNINGS}  TL106  unknown-field  warning",
        f"   {ERRORS}  TL103  invalid-enum   error",
        f"{ERRORS} errors, {WARNINGS} warnings, 0 info in 1 file (120 records); "
        f"top rules: unknown-field {WARNINGS}, invalid-enum {ERRORS}.",
    ]
    code, only, _ = _check(["dump.ndjson"], statistics=True)
    assert code == 1 and only.splitlines() == lines[-4:]


def test_a_cap_says_how_many_were_left_out_and_counts_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dump.ndjson").write_bytes(DUMP)
    whole = _finding_lines(_check(["dump.ndjson"])[1])
    code, out, _ = _check(["dump.ndjson"], max_findings=7)
    assert code == 1  # the errors past the cap still fail the run
    assert _finding_lines(out) == whole[:7]
    assert f"... and {WARNINGS + ERRORS - 7:,} more (see --statistics or -f json)" in out.splitlines()
    assert out.splitlines()[-1].startswith(f"{ERRORS} errors, {WARNINGS} warnings")
    code, out, _ = _check(["dump.ndjson"], stdout=Terminal(), color=False)  # a terminal: the default cap
    assert len(_finding_lines(out)) == TERMINAL_CAP and f"... and {WARNINGS + ERRORS - TERMINAL_CAP:,} more" in out
    code, out, _ = _check(["dump.ndjson"], stdout=Terminal(), color=False, max_findings=0)  # 0: no cap
    assert len(_finding_lines(out)) == WARNINGS + ERRORS and "more (see" not in out
    github = _check(["dump.ndjson"], stdout=Terminal(), format="github")[1]
    assert github.count("::warning ") + github.count("::error ") == TERMINAL_CAP
    assert len(_finding_lines(github)) == TERMINAL_CAP


def test_machine_formats_are_capped_only_when_asked_and_say_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dump.ndjson").write_bytes(DUMP)
    report = json.loads(_check(["dump.ndjson"], stdout=Terminal(), format="json")[1])
    assert len(report["findings"]) == WARNINGS + ERRORS and "omitted" not in report["summary"]
    assert report["summary"]["by_rule"] == {
        "unknown-field": {"code": "TL106", "severity": "warning", "count": WARNINGS, "suppressed": 0},
        "invalid-enum": {"code": "TL103", "severity": "error", "count": ERRORS, "suppressed": 0}}
    capped = json.loads(_check(["dump.ndjson"], format="json", max_findings=5)[1])
    assert len(capped["findings"]) == 5 and capped["summary"]["omitted"] == WARNINGS + ERRORS - 5
    assert capped["summary"]["by_rule"] == report["summary"]["by_rule"]
    sarif = json.loads(_check(["dump.ndjson"], format="sarif", max_findings=5)[1])
    assert len(sarif["runs"][0]["results"]) == 5 and sarif["runs"][0]["properties"]["omitted"] == WARNINGS + ERRORS - 5
    assert sarif["runs"][0]["properties"]["byRule"]["invalid-enum"]["count"] == ERRORS
    junit = _check(["dump.ndjson"], format="junit")[1]
    assert f'<property name="unknown-field" value="{WARNINGS}" />' in junit
    assert f'<property name="invalid-enum" value="{ERRORS}" />' in junit


def test_json_lines_one_finding_a_line_and_the_summary_on_stderr(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dump.ndjson").write_bytes(DUMP)
    code, out, err = _check(["dump.ndjson"], format="jsonl")
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines == json.loads(_check(["dump.ndjson"], format="json")[1])["findings"]
    assert lines[0]["record_id"] == "conn-0" and lines[0]["record_key"] == "github-prod"
    assert err == (f"terapi-lint: {ERRORS} errors, {WARNINGS} warnings, 0 info in 1 file (120 records); "
                   f"top rules: unknown-field {WARNINGS}, invalid-enum {ERRORS}.\n")


def test_stdin_filename_names_stdin_and_tells_its_compression(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.terapi-lint]\nper-file-ignores = { "exports/*.ndjson.gz" = ["unknown-field"] }\n')
    result = run_cli("check", "-", "--stdin-filename", "exports/dump.ndjson.gz", input=gzip.compress(DUMP))
    assert result.exit_code == 1
    assert re.match(r"exports/dump\.ndjson\.gz:1:\d+: error invalid-enum ", result.stdout)
    assert "unknown-field" not in _finding_lines(result.stdout, "exports/dump.ndjson.gz")[0]
    assert f"({WARNINGS} suppressed by per-file-ignores)" in result.stdout.splitlines()[-1]
    plain = run_cli("check", "-", input=DUMP)
    assert _finding_lines(plain.stdout, "<stdin>")


def test_folder_walks_lint_compressed_dumps(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "a.ndjson.gz").write_bytes(gzip.compress(DUMP))
    (tmp_path / "exports" / "b.json.xz").write_bytes(lzma.compress(json.dumps(RECORDS[:3]).encode()))
    (tmp_path / "exports" / "notes.txt.gz").write_bytes(gzip.compress(b"not records"))
    result = run_cli("check", "--format", "json", "exports")
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 2 and report["summary"]["records"] == 123
    assert {f["file"] for f in report["findings"]} == {"exports/a.ndjson.gz", "exports/b.json.xz"}
