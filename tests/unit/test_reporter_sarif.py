import io
import json
import types

from terapi_lint.findings import Finding
from terapi_lint.reporters import Report
from terapi_lint.reporters.sarif import artifact_location, camel_case, render

RULE = types.ModuleType("secret_key")
RULE.__doc__ = """Credentials must not hold a literal secret.

## What it checks
Keys such as `token` with a value.

## Why it matters
Secrets leak.

## Example
```json
{"token": "abc"}
```

## Fix
Use a reference.
"""
RULE.CODE, RULE.NAME, RULE.SEVERITY = "TL201", "secret-key", "error"
INFO = types.ModuleType("date_time")
INFO.__doc__ = "Timestamps are RFC 3339."
INFO.CODE, INFO.NAME, INFO.SEVERITY = "TL301", "date-time", "info"


def sarif_of(report):
    out = io.StringIO()
    render(report, out)
    return json.loads(out.getvalue())


def finding(
    file="data/a.json", line=3, col=5, pointer="/credentials/token", rule="secret-key", **kw
):
    kw.setdefault("severity", "error")
    kw.setdefault("message", "Looks like a secret.")
    return Finding(
        file,
        line,
        col,
        pointer,
        rule,
        kw["severity"],
        kw["message"],
        kw.get("record"),
        kw.get("code", "TL201"),
        kw.get("record_id"),
        kw.get("record_key"),
    )


def run_of(findings, **kw):
    kw.setdefault("root", "/repo")
    kw.setdefault("rules", [RULE, INFO])
    return sarif_of(Report(findings, ["data/a.json"], 1, **kw))["runs"][0]


def test_driver_and_rules():
    run = run_of([])
    driver = run["tool"]["driver"]
    assert driver["name"] == "terapi-lint"
    assert driver["version"] == driver["semanticVersion"]
    assert driver["informationUri"].startswith("https://")
    secret, info = driver["rules"]
    assert secret["id"] == "secret-key" and secret["name"] == "SecretKey"
    assert secret["properties"] == {"code": "TL201", "tags": ["terapi-lint", "TL201"]}
    assert secret["shortDescription"]["text"] == "Credentials must not hold a literal secret."
    assert "Keys such as token with a value." in secret["fullDescription"]["text"]
    assert "## Why it matters" in secret["help"]["markdown"]
    assert "```json" not in secret["help"]["text"] and '{"token": "abc"}' in secret["help"]["text"]
    assert secret["defaultConfiguration"] == {"level": "error"}
    assert info["defaultConfiguration"] == {"level": "note"}
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///repo/"}}
    assert run["invocations"] == [
        {"executionSuccessful": True, "workingDirectory": {"uri": "file:///repo/"}}
    ]


def test_result():
    (result,) = run_of([finding(record=2)])["results"]
    assert result["ruleId"] == "secret-key" and result["ruleIndex"] == 0
    assert result["level"] == "error"
    assert result["message"] == {"text": "Looks like a secret. (at /credentials/token)"}
    (loc,) = result["locations"]
    assert loc["physicalLocation"] == {
        "artifactLocation": {"uri": "data/a.json", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 6},
    }
    assert loc["logicalLocations"] == [
        {"kind": "property", "name": "token", "fullyQualifiedName": "/credentials/token"}
    ]
    assert result["properties"]["record"] == 2
    assert result["properties"]["jsonPointer"] == "/credentials/token"
    assert "recordId" not in result["properties"] and "recordKey" not in result["properties"]


def test_record_identity_in_properties():
    (result,) = run_of([finding(record=2, record_id="conn-2", record_key="github-prod")])["results"]
    assert (result["properties"]["recordId"], result["properties"]["recordKey"]) == ("conn-2", "github-prod")


def test_levels_and_unknown_rules():
    results = run_of(
        [
            finding(rule="date-time", severity="info"),
            finding(rule="secret-key", severity="warning"),  # severity overridden by config
            finding(rule="internal"),
        ]
    )["results"]
    assert [r["level"] for r in results] == ["note", "warning", "error"]
    assert [r.get("ruleIndex") for r in results] == [1, 0, None]


def test_root_pointer_and_unknown_position():
    (result,) = run_of([finding(pointer="", line=0, col=0, message="")])["results"]
    assert result["message"]["text"] == "secret-key"
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1,
        "startColumn": 1,
        "endLine": 1,
        "endColumn": 2,
    }
    assert result["locations"][0]["logicalLocations"] == [{"kind": "object"}]


def test_uris():
    assert artifact_location("a b/c%.json", "/repo") == {
        "uri": "a%20b/c%25.json",
        "uriBaseId": "%SRCROOT%",
    }
    assert artifact_location("/repo/ü/x.json", "/repo") == {
        "uri": "%C3%BC/x.json",
        "uriBaseId": "%SRCROOT%",
    }
    assert artifact_location("./x/../y.json", "/repo") == {
        "uri": "y.json",
        "uriBaseId": "%SRCROOT%",
    }
    assert artifact_location("q#?.json", "/repo")["uri"] == "q%23%3F.json"
    assert artifact_location("/other/a b.json", "/repo") == {"uri": "file:///other/a%20b.json"}
    assert artifact_location("../sib/x.json", "/repo/sub") == {"uri": "file:///repo/sib/x.json"}


def test_fingerprints_stable_distinct_and_value_free():
    a = finding(line=3)
    moved = finding(line=30, col=1)
    other_pointer = finding(pointer="/credentials/password")
    other_record = finding(record=1)
    fps = [
        r["partialFingerprints"]["terapiLint/v1"]
        for r in run_of([a, moved, other_pointer, other_record])["results"]
    ]
    # Same rule, file and pointer twice: the repeat gets an ordinal, so the two stay distinct.
    assert fps[0] != fps[1]
    assert fps[0] == run_of([a])["results"][0]["partialFingerprints"]["terapiLint/v1"]
    assert fps[1] == run_of([a, a])["results"][1]["partialFingerprints"]["terapiLint/v1"]
    # Line moves do not change it.
    assert (
        run_of([moved])["results"][0]["partialFingerprints"]
        == run_of([a])["results"][0]["partialFingerprints"]
    )
    assert len(set(fps)) == 4
    assert all(len(fp) == 32 for fp in fps)


def test_errors_make_execution_unsuccessful():
    run = run_of([], errors=["gone.json: no such file"])
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {"level": "error", "message": {"text": "gone.json: no such file"}}
    ]


def test_camel_case():
    assert camel_case("secret-key") == "SecretKey"
    assert camel_case("date_time") == "DateTime"


def test_an_interrupted_run_and_unparsed_files_are_told_in_the_invocation():
    sarif = sarif_of(Report([], ["a.json"], 1, unparsed=["a.json"], complete=False))
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {"level": "error", "message": {"text": "interrupted: results are incomplete"}},
        {"level": "warning", "message": {"text": "a.json: not parsed (parse-error is ignored)"}},
    ]


def test_suppressed_findings_are_results_with_their_suppression():
    """SARIF has a place for hidden findings: each is a result with an accepted external suppression
    naming its source and entry, and the run counts them per source."""
    from tests.unit.sample_report import sample_report

    run = sarif_of(sample_report())["runs"][0]
    assert run["properties"]["suppressed"] == {"allowlist": 1, "per-file-ignores": 2}
    shown, hidden = run["results"][:3], run["results"][3:]
    assert all("suppressions" not in result for result in shown)
    assert [result["suppressions"] for result in hidden] == [
        [{"kind": "external", "status": "accepted", "justification": "allowlisted: test data",
          "properties": {"source": "allowlist", "entry": "allowlist[0]"}}],
        *[[{"kind": "external", "status": "accepted", "justification": "per-file-ignores: fixtures/* = ['TL104']",
            "properties": {"source": "per-file-ignores", "entry": "fixtures/*"}}]] * 2,
    ]
    for result in hidden:
        assert result["ruleId"] == "metadata-not-object" and result["level"] == "error"
        assert result["message"] == {"text": "must be an object (at /metadata)"}
        assert result["properties"] == {"jsonPointer": "/metadata", "severity": "error", "code": "TL104"}
        assert result["locations"][0]["physicalLocation"] == {
            "artifactLocation": {"uri": "data/c.json", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 4, "startColumn": 2, "endLine": 4, "endColumn": 3},
        }
    assert run["results"][1]["locations"][0]["logicalLocations"] == [
        {"kind": "element", "name": "0", "fullyQualifiedName": "/items/0"}]
    # The same finding hidden three times: three results, three fingerprints.
    assert len({result["partialFingerprints"]["terapiLint/v1"] for result in hidden}) == 3


def test_fingerprints_do_not_change_between_versions():
    """Code scanning matches alerts across runs by fingerprint: a new formula would reopen every alert.
    It is the first 32 hex digits of SHA-256 over rule|file|record|pointer (|n for the n-th repeat)."""
    [first, repeat] = run_of([finding(record=2), finding(record=2)])["results"]
    assert first["partialFingerprints"] == {"terapiLint/v1": "af579e9f07ebae3c1bf85f4812f63dbe"}
    [no_record, no_record_repeat] = run_of([finding(), finding()])["results"]
    assert no_record_repeat["partialFingerprints"] == {"terapiLint/v1": "9c960051c065f68266f86e2f5b917951"}
    assert repeat["partialFingerprints"] != first["partialFingerprints"]
    # A different finding after them is not a repeat: no ordinal.
    [_, other] = run_of([finding(record=2), finding()])["results"]
    assert other["partialFingerprints"] == {"terapiLint/v1": "6b3a54cef8873347a965fb6818553878"}
    # A member name with a lone surrogate (valid JSON: "\\ud800") is hashed, not a crash.
    [lone] = run_of([finding(pointer="/x\ud800")])["results"]
    assert lone["partialFingerprints"] == {"terapiLint/v1": "d37a43274559c385d1a1c1c59923f329"}


def test_the_log_is_indented_utf8_json():
    out = io.StringIO()
    render(Report([finding(message="zu groß")], ["data/a.json"], 1, root="/repo", rules=[RULE]), out)
    text = out.getvalue()
    assert text.startswith('{\n  "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/')
    assert '\n  "version": "2.1.0",\n' in text and "zu groß" in text


def test_a_rule_without_a_known_severity_defaults_to_warning_and_its_tags_follow_the_code():
    rule = types.ModuleType("odd")
    rule.__doc__ = "Odd things."
    rule.CODE, rule.NAME, rule.SEVERITY, rule.TAGS = "TL999", "odd", "fatal", ("security", "TL999", 7)
    (descriptor,) = run_of([], rules=[rule])["tool"]["driver"]["rules"]
    assert descriptor["defaultConfiguration"] == {"level": "warning"}
    assert descriptor["properties"] == {"code": "TL999", "tags": ["terapi-lint", "TL999", "security", "7"]}
    rule.TAGS = tuple(f"t{n}" for n in range(30))
    (descriptor,) = run_of([], rules=[rule])["tool"]["driver"]["rules"]
    assert descriptor["properties"]["tags"] == ["terapi-lint", "TL999", *(f"t{n}" for n in range(18))]  # 20 at most
    (result,) = run_of([finding(rule="odd", severity="fatal")], rules=[rule])["results"]
    assert result["level"] == "warning"


def test_windows_paths_become_file_uris_and_paths_under_the_root_relative():
    files = [r"C:\work\repo\data\a.json", r"D:\x y\b.json", r"\\server\share\c.json", r"c:\work\repo\d.json"]
    run = sarif_of(Report([finding(file=f) for f in files], files, 3, root=r"C:\work\repo"))["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///C:/work/repo/"}}
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]] == [
        {"uri": "data/a.json", "uriBaseId": "%SRCROOT%"},
        {"uri": "file:///D:/x%20y/b.json"},
        {"uri": "file:////server/share/c.json"},
        {"uri": "d.json", "uriBaseId": "%SRCROOT%"},  # drive letters in either case
    ]


def test_the_file_system_root_as_the_root():
    run = run_of([finding(file="/a b.json")], root="/")
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///"}}
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "a%20b.json", "uriBaseId": "%SRCROOT%"}
