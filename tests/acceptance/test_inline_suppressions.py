"""YAML inline suppressions: `disable=` (that line), `disable-next-line=`, `disable-file`, and
`unused-suppression` for a comment that hides nothing or names no rule."""

from __future__ import annotations

import json

import pytest

RECORD = """\
# terapi-lint: disable-next-line=invalid-date-time
created_at: 2026-02-30T10:00:00Z
id: user-1
provider_config_key: github-prod
provider: no  # terapi-lint: disable=wrong-type
credentials:
  type: OAuth2  # terapi-lint: disable=TL103
  password: "Winter2026!681"  # terapi-lint: disable=secret-value
  expires_at: 2026-05-04T08:00:00Z  # terapi-lint: disable=invalid-date-time,no-such-rule
"""


def _report(run_cli, path, *args):
    result = run_cli("check", "-f", "json", *args, str(path))
    return result, json.loads(result.stdout)


def test_comments_hide_their_lines_findings_and_are_counted(run_cli, tmp_path):
    path = tmp_path / "conn.yaml"
    path.write_text(RECORD)
    result, report = _report(run_cli, path)
    found = [(f["line"], f["rule"]) for f in report["findings"]]
    assert found == [(8, "secret-key"), (8, "unused-suppression"), (9, "unused-suppression")]
    assert report["summary"]["suppressed"] == {"inline": 3}
    hidden = {(s["line"], f["rule"]) for s in report["suppressed"] for f in s["findings"]}
    assert hidden == {(1, "invalid-date-time"), (5, "wrong-type"), (7, "invalid-enum")}
    messages = [f["message"] for f in report["findings"][1:]]
    assert messages == ["this terapi-lint comment suppresses nothing; delete it",
                        "'no-such-rule' in this comment names no rule; `terapi-lint rules` lists them"]
    text = run_cli("check", str(path)).stdout
    assert "(3 suppressed by inline comments)" in text
    assert "Winter2026" not in text + json.dumps(report)


def test_disable_file_hides_everything_and_sarif_says_so(run_cli, tmp_path):
    path = tmp_path / "conn.yaml"
    path.write_text("id: u\nprovider_config_key: k\nprovider: p\ncredentials: {type: API_KEY}\n"
                    "# terapi-lint: disable-file\n")
    result, report = _report(run_cli, path)
    assert result.exit_code == 0 and report["findings"] == []
    assert report["summary"]["suppressed"] == {"inline": 1}
    sarif = json.loads(run_cli("check", "-f", "sarif", str(path)).stdout)
    (only,) = sarif["runs"][0]["results"]
    assert only["suppressions"][0]["properties"]["source"] == "inline"


def test_disable_file_with_rules_hides_only_those(run_cli, tmp_path):
    path = tmp_path / "conn.yaml"
    path.write_text("# terapi-lint: disable-file=invalid-enum\nid: 1\nprovider_config_key: k\nprovider: p\n"
                    "credentials: {type: API_KEY}\n")
    result, report = _report(run_cli, path)
    assert [f["rule"] for f in report["findings"]] == ["wrong-type"]


def test_an_unused_comment_is_reported_where_it_is_written(run_cli, tmp_path):
    path = tmp_path / "conn.yaml"
    path.write_text("id: u\nprovider_config_key: k\nprovider: p  # terapi-lint: disable=secret-key\n")
    result, report = _report(run_cli, path)
    assert [(f["rule"], f["line"], f["column"]) for f in report["findings"]] == [("unused-suppression", 3, 14)]
    assert result.exit_code == 0  # a warning


@pytest.mark.parametrize("text", [
    '{"id": "u", "provider_config_key": "k", "provider": "p # terapi-lint: disable-file", "x": 1}\n',
])
def test_json_has_no_comments(run_cli, tmp_path, text):
    path = tmp_path / "conn.json"
    path.write_text(text)
    result, report = _report(run_cli, path, "--strict")
    assert [f["rule"] for f in report["findings"]] == ["unknown-field"]
