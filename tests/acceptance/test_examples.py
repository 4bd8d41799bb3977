"""`terapi-lint check examples/` as a new user runs it after the Quick start.

Every finding is pinned (file, rule, pointer, line, column), and every location is checked against
the example file itself: the reported line and column really hold the member the pointer names
(or, for a missing member or a whole record, the object that should hold it).
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"

#: (file, rule, pointer, line, column, record, severity) for every finding, in report order.
EXPECTED = [
    ("examples/broken-connection.json", "invalid-date-time", "/created_at", 5, 3, None, "error"),
    ("examples/broken-connection.json", "metadata-not-object", "/metadata", 6, 3, None, "error"),
    ("examples/broken-connection.json", "invalid-enum", "/credentials/type", 8, 5, None, "error"),
    ("examples/broken-connection.json", "secret-key", "/credentials/refresh_token", 10, 5, None, "error"),
    ("examples/broken-connection.yaml", "wrong-type", "/provider", 3, 1, 0, "error"),
    ("examples/broken-connection.yaml", "invalid-date-time", "/created_at", 4, 1, 0, "error"),
    ("examples/dump-wrapper.json", "duplicate-connection", "/connections/1", 10, 5, None, "error"),
    ("examples/dump.json", "missing-required", "/2/provider", 4, 3, None, "error"),
    ("examples/dump.ndjson", "timestamps-out-of-order", "/updated_at", 2, 76, 1, "warning"),
    ("examples/dump.ndjson", "invalid-enum", "/credentials/type", 4, 92, 3, "error"),
    ("examples/dump.yaml", "invalid-enum", "/credentials/type", 12, 3, 1, "error"),
]
CLEAN = ["examples/connection.json", "examples/connection.yaml"]
#: (file, line) -> the record's (id, provider_config_key), for findings in a record of a dump.
IDENTITY = {
    ("examples/dump.json", 4): ("user-3", "github-prod"),
    ("examples/dump.ndjson", 2): ("user-2", "slack-prod"),
    ("examples/dump.ndjson", 4): ("user-3", "slack-prod"),
    ("examples/dump.yaml", 12): ("user-2", "linear-prod"),
}


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


def _report(run_cli, *args):
    result = run_cli("check", "--format", "json", *args)
    return result, json.loads(result.stdout)


def test_the_examples_folder_is_what_this_test_knows():
    names = sorted(p.name for p in EXAMPLES.iterdir())
    assert sorted({f[0].split("/")[1] for f in EXPECTED} | {c.split("/")[1] for c in CLEAN}) == names


def test_exact_findings_for_every_example(run_cli, in_repo):
    result, report = _report(run_cli, "examples/")
    assert result.exit_code == 1
    got = [(f["file"], f["rule"], f["pointer"], f["line"], f["column"], f["record"], f["severity"])
           for f in report["findings"]]
    assert got == EXPECTED
    assert {(f["file"], f["line"]): (f["record_id"], f["record_key"]) for f in report["findings"]
            if f["record_id"] is not None or f["record_key"] is not None} == IDENTITY
    by_rule = report["summary"].pop("by_rule")
    assert report["summary"] == {"files": 8, "records": 14, "errors": 10, "warnings": 1, "info": 0,
                                 "unreadable": [], "unparsed": [], "suppressed": {}}
    counted = {}
    for f in EXPECTED:
        counted[f[1]] = counted.get(f[1], 0) + 1
    assert {rule: entry["count"] for rule, entry in by_rule.items()} == counted
    assert list(by_rule) == sorted(counted, key=lambda rule: (-counted[rule], rule))  # the most frequent first


def _member_at(text: str, line: int, column: int) -> str:
    return text.splitlines()[line - 1][column - 1:]


@pytest.mark.parametrize("finding", EXPECTED, ids=lambda f: f"{f[0].split('/')[1]}:{f[3]}:{f[1]}")
def test_each_location_holds_the_member_the_pointer_names(finding):
    file, rule, pointer, line, column, _record, _severity = finding
    text = (ROOT / file).read_text(encoding="utf-8")
    at = _member_at(text, line, column)
    last = pointer.rsplit("/", 1)[-1]
    if rule in ("missing-required",) or last.isdigit():
        # an absent member, or a whole record: located at the object that should hold it
        assert at.startswith("{"), (file, line, column, at)
        if rule == "missing-required":
            record_text = at[: at.index("}") + 1]
            assert f'"{last}"' not in record_text
    elif file.endswith((".yaml", ".yml")):
        assert re.match(rf"{re.escape(last)}\s*:", at), (file, line, column, at)
    else:
        assert at.startswith(f'"{last}"'), (file, line, column, at)
        assert re.match(rf'"{re.escape(last)}"\s*:', at)


def test_reported_lines_contain_the_member_named(run_cli, in_repo):
    """The example from the brief: line 8 of broken-connection.json holds "type"."""
    lines = (EXAMPLES / "broken-connection.json").read_text().splitlines()
    assert '"type"' in lines[8 - 1]
    _, report = _report(run_cli, "examples/broken-connection.json")
    for finding in report["findings"]:
        last = finding["pointer"].rsplit("/", 1)[-1]
        assert f'"{last}"' in lines[finding["line"] - 1]


def test_ndjson_record_numbers_are_line_numbers(run_cli, in_repo):
    _, report = _report(run_cli, "examples/dump.ndjson")
    for finding in report["findings"]:
        assert finding["record"] == finding["line"] - 1


def test_clean_examples_are_clean(run_cli, in_repo):
    result = run_cli("check", *CLEAN)
    assert result.exit_code == 0
    assert result.stdout.strip().splitlines()[-1].startswith("All clean")


def test_exit_zero(run_cli, in_repo):
    result = run_cli("check", "--exit-zero", "examples/")
    assert result.exit_code == 0
    assert len([line for line in result.stdout.splitlines() if ": error " in line]) == 10
    assert len([line for line in result.stdout.splitlines() if ": warning " in line]) == 1


def test_text_report_lines(run_cli, in_repo):
    result = run_cli("check", "examples/")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    identity = {place: f" [id={ident} key={key}]" for place, (ident, key) in IDENTITY.items()}
    expected = [f"{f}:{line}:{col}: {sev} {rule} {ptr}{identity.get((f, line), '')}: "
                for f, rule, ptr, line, col, _r, sev in EXPECTED]
    rules = {f[1] for f in EXPECTED}
    assert len(lines) == len(EXPECTED) + 1 + 1 + len(rules) + 1  # a blank line, the table with its head, the summary
    for line, prefix in zip(lines, expected):
        assert line.startswith(prefix), (line, prefix)
    assert lines[len(EXPECTED)] == "" and lines[len(EXPECTED) + 1].split() == ["count", "code", "rule", "severity"]
    assert lines[-1] == ("10 errors, 1 warning, 0 info in 8 files (14 records); "
                         "top rules: invalid-enum 3, invalid-date-time 2, duplicate-connection 1.")


def test_readme_sample_output_is_what_the_tool_prints(run_cli, in_repo):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = [line for line in readme.splitlines() if line.startswith("examples/") and ": error " in line]
    assert len(sample) >= 5
    printed = run_cli("check", "examples/").stdout.splitlines()
    for line in sample:
        assert line in printed


def test_no_secret_is_echoed(run_cli, in_repo):
    secret = "a-real-refresh-token-would-be-here-7f3a9c"
    assert secret in (EXAMPLES / "broken-connection.json").read_text()
    for fmt in ("text", "json", "sarif", "github", "junit"):
        result = run_cli("check", "--format", fmt, "examples/")
        assert secret not in result.stdout + result.stderr
        assert secret[:12] not in result.stdout + result.stderr
