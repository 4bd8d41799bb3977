import io
import json

from terapi_lint.findings import Finding
from terapi_lint.reporters import Report
from terapi_lint.reporters.json_ import render


def run(report):
    out = io.StringIO()
    render(report, out)
    return out.getvalue()


def test_envelope_shape_and_stability():
    findings = [
        Finding(
            "a.json", 2, 3, "/credentials/token", "secret-key", "error", "secret", None, "TL201"
        ),
        Finding("b.ndjson", 5, 1, "", "parse-error", "warning", "bad", 4, "TL001", "conn-4", "github-prod"),
        Finding("b.ndjson", 6, 1, "/x", "date-time", "info", "héllo", 5, "TL301"),
    ]
    report = Report(
        findings, ["a.json", "b.ndjson"], 7, errors=["gone.json: no such file"], root="/r"
    )
    text = run(report)
    assert text == run(report)
    assert text.endswith("}\n") and '\n  "findings": [' in text
    assert "héllo" in text  # not \u-escaped
    doc = json.loads(text)
    assert list(doc) == ["version", "complete", "findings", "summary", "suppressed"]
    assert doc["version"] == 1 and doc["complete"] is True
    assert doc["findings"][0] == {
        "file": "a.json",
        "line": 2,
        "column": 3,
        "pointer": "/credentials/token",
        "rule": "secret-key",
        "severity": "error",
        "message": "secret",
        "record": None,
        "code": "TL201",
        "record_id": None,
        "record_key": None,
        "url": "https://github.com/terapi/terapi-lint/blob/main/docs/rules/secret-key.md",
    }
    assert doc["findings"][1]["record"] == 4
    assert (doc["findings"][1]["record_id"], doc["findings"][1]["record_key"]) == ("conn-4", "github-prod")
    assert doc["summary"] == {
        "files": 2,
        "records": 7,
        "errors": 1,
        "warnings": 1,
        "info": 1,
        "unreadable": ["gone.json: no such file"],
        "unparsed": [],
        "suppressed": {},
        "by_rule": {name: {"code": code, "severity": severity, "count": 1, "suppressed": 0}
                    for name, code, severity in [("date-time", "TL301", "info"), ("parse-error", "TL001", "warning"),
                                                 ("secret-key", "TL201", "error")]},
    }
    assert doc["suppressed"] == []


def test_suppressed_findings_are_counted_and_listed_by_entry():
    from terapi_lint.config.allowlist import AllowEntry
    from terapi_lint.suppression import Suppressor

    hidden = Finding("big.ndjson", 13, 5, "/credentials/access_token", "secret-key", "error", "raw token", 12,
                     "TL201")
    entry = AllowEntry("big.ndjson", "/credentials/access_token", "secret-key", "demo token", record=12,
                       at=("/tool/terapi-lint/allowlist/0", 7, 1)).suppressor(0)
    glob = Suppressor("per-file-ignores", "fixtures/*", "per-file-ignores: fixtures/* = ['TL1']")
    moved = Finding("fixtures/a.json", 2, 3, "/provider", "missing-required", "error", "missing", None, "TL101")
    doc = json.loads(run(Report([], ["big.ndjson", "fixtures/a.json"], 200, root="/r",
                                suppressed={entry: (hidden,), glob: (moved, moved)})))
    assert doc["summary"]["suppressed"] == {"allowlist": 1, "per-file-ignores": 2}
    assert doc["suppressed"] == [
        {"source": "allowlist", "entry": "allowlist[0]", "path": "big.ndjson", "pointer": "/credentials/access_token",
         "rule": "secret-key", "selector": "record = 12", "line": 7, "reason": "demo token",
         "findings": [hidden.to_dict()]},
        {"source": "per-file-ignores", "entry": "fixtures/*", "reason": "per-file-ignores: fixtures/* = ['TL1']",
         "findings": [moved.to_dict(), moved.to_dict()]},
    ]


def test_clean():
    doc = json.loads(run(Report([], ["a.json"], 1, root="/r")))
    assert doc["findings"] == []
    assert doc["summary"]["errors"] == 0 and doc["summary"]["unreadable"] == []
