import io
import xml.etree.ElementTree as ET

import pytest

from terapi_lint.findings import Finding
from terapi_lint.reporters import Report
from terapi_lint.reporters.junit import render, xml_safe


def run(report):
    out = io.StringIO()
    render(report, out)
    return out.getvalue()


def test_one_testcase_per_file_one_failure_per_finding():
    findings = [
        Finding(
            "a.json", 2, 3, "/credentials/token", "secret-key", "error", "secret <&>", None, "TL201"
        ),
        Finding("a.json", 4, 1, "", "date-time", "info", 'say "hi"', 3),
        Finding("c.json", 1, 1, "/x", "enum-value", "warning", "bad\x00value\x1b!"),
    ]
    text = run(Report(findings, ["a.json", "b.json", "c.json"], 9, root="/r"))
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.get("name") == "terapi-lint"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "2", "0")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["a.json", "b.json", "c.json"]
    assert all(c.get("classname") == "terapi-lint" for c in cases)
    failures = cases[0].findall("failure")
    assert [x.get("type") for x in failures] == ["secret-key", "date-time"]
    assert failures[0].get("message") == "error: secret <&>"
    assert failures[0].text == "error secret-key TL201 at a.json:2:3 /credentials/token: secret <&>"
    assert failures[1].text == 'info date-time at a.json:4:1 (root) (record 3): say "hi"'
    assert cases[1].findall("failure") == []
    assert cases[2].find("failure").get("message") == "warning: badvalue!"


def test_unreadable_paths_are_errors():
    root = ET.fromstring(
        run(Report([], ["a.json"], 1, errors=["gone.json: no such file"], root="/r"))
    )
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "0", "1")
    assert suite.findall("testcase")[-1].find("error").get("message") == "gone.json: no such file"


def test_findings_in_files_not_listed_still_reported():
    root = ET.fromstring(run(Report([Finding("-", 1, 1, "", "r", "error", "m")], [], 1, root="/r")))
    assert [c.get("name") for c in root.iter("testcase")] == ["-"]


def test_xml_safe():
    assert xml_safe("a\x00b\x08c\td\ne\uffff\ud800f😀") == "abc\td\nef😀"


def test_an_interrupted_run_is_an_error():
    root = ET.fromstring(run(Report([], ["a.json"], 1, complete=False)))
    assert root.get("errors") == "1"
    [error] = root.iter("error")
    assert error.get("type") == "interrupted" and error.text == "interrupted: results are incomplete"


def test_a_whole_report():
    """Every part a CI server reads: counts, suppressed counts as properties, a testcase per file
    (clean ones too), a failure per finding and the unreadable path as an error."""
    from tests.unit.sample_report import sample_report

    assert run(sample_report()) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="terapi-lint" tests="5" failures="2" errors="1" skipped="0">\n'
        '  <testsuite name="terapi-lint" tests="5" failures="2" errors="1" skipped="0">\n'
        '    <properties>\n'
        '      <property name="suppressed by allowlist" value="1" />\n'
        '      <property name="suppressed by per-file-ignores" value="2" />\n'
        '    </properties>\n'
        '    <testcase classname="terapi-lint" name="data/a.json">\n'
        '      <properties>\n'
        '        <property name="secret-key" value="1" />\n'
        '        <property name="invalid-enum" value="1" />\n'
        '      </properties>\n'
        '      <failure type="secret-key" message="error: a literal secret">error secret-key TL201 at data/a.json:3:5 /credentials/token (record 2): a literal secret</failure>\n'
        '      <failure type="invalid-enum" message="warning: not allowed">warning invalid-enum TL102 at data/a.json:9:1 /items/0: not allowed</failure>\n'
        '    </testcase>\n'
        '    <testcase classname="terapi-lint" name="data/b.yaml">\n'
        '      <properties>\n'
        '        <property name="parse-error" value="1" />\n'
        '      </properties>\n'
        '      <failure type="parse-error" message="info: ">info parse-error TL001 at data/b.yaml:1:1 (root): </failure>\n'
        '    </testcase>\n'
        '    <testcase classname="terapi-lint" name="data/c.json" />\n'
        '    <testcase classname="terapi-lint" name="data/d.json" />\n'
        '    <testcase classname="terapi-lint" name="terapi-lint">\n'
        '      <error type="unreadable" message="gone.json: no such file">gone.json: no such file</error>\n'
        '    </testcase>\n'
        '  </testsuite>\n'
        '</testsuites>\n'
    )


@pytest.mark.parametrize("message", ['a<b>&"c"\n\td\r', "x\x01y\ud800z", "plain", ""])
def test_a_failure_is_written_as_elementtree_writes_it(message):
    from terapi_lint.reporters import junit

    finding = Finding("d/a&b<.json", 3, 4, "/x/<y>", "rule&<", "error", message, record=2, code="TL1")
    element = ET.Element("failure", {"type": junit.xml_safe(finding.rule),
                                     "message": junit.xml_safe(f"{finding.severity}: {finding.message}")})
    element.text = junit.xml_safe(junit._failure_text(finding))
    assert junit._failure(finding) == ET.tostring(element, encoding="unicode")
