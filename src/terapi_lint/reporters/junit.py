"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure, ...).

One ``<testcase classname="terapi-lint" name="FILE">`` per checked file (a clean file is a passing
test); one ``<failure type="RULE" message="...">`` per finding in it, whatever its severity, with
severity, line:col and pointer in the text.  ``failures`` counts failing testcases (files with at
least one finding), as JUnit consumers expect; ``errors`` counts unreadable paths (and an
interrupted run), each reported as an ``<error>`` in one extra ``terapi-lint`` testcase.  Findings
hidden by the allowlist or per-file-ignores are counted in the suite's ``<properties>``
(``suppressed by allowlist`` = n).  Characters XML 1.0 cannot hold are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from terapi_lint.findings import Finding
from terapi_lint.reporters.base import INTERRUPTED, Report
from terapi_lint.suppression import counts as suppressed_counts

_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

SUITE = "terapi-lint"


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot represent (control characters, lone surrogates)."""
    return _INVALID_XML.sub("", text)


def _failure_text(f: Finding) -> str:
    where = f"{f.file}:{f.line}:{f.column}"
    pointer = f.pointer if f.pointer else "(root)"
    record = "" if f.record is None else f" (record {f.record})"
    code = f" {f.code}" if f.code else ""
    return f"{f.severity} {f.rule}{code} at {where} {pointer}{record}: {f.message}"


def to_element(report: Report) -> ET.Element:
    files = list(dict.fromkeys(report.files))
    by_file: dict[str, list[Finding]] = {name: [] for name in files}
    for finding in report.findings:
        if finding.file not in by_file:
            by_file[finding.file] = []
        by_file[finding.file].append(finding)

    failing = sum(1 for found in by_file.values() if found)
    errors = [("unreadable", text) for text in report.errors]
    if not report.complete:
        errors.append(("interrupted", INTERRUPTED))
    tests = len(by_file) + (1 if errors else 0)
    attrs = {
        "name": SUITE,
        "tests": str(tests),
        "failures": str(failing),
        "errors": str(len(errors)),
        "skipped": "0",
    }
    suites = ET.Element("testsuites", attrs)
    suite = ET.SubElement(suites, "testsuite", attrs)
    hidden = suppressed_counts(report.suppressed)
    if hidden:  # findings hidden by the allowlist or per-file-ignores are counted, never dropped
        properties = ET.SubElement(suite, "properties")
        for source, count in hidden.items():
            ET.SubElement(properties, "property", {"name": f"suppressed by {source}", "value": str(count)})
    for name, found in by_file.items():
        case = ET.SubElement(suite, "testcase", {"classname": SUITE, "name": xml_safe(name)})
        for f in found:
            failure = ET.SubElement(
                case,
                "failure",
                {"type": xml_safe(f.rule), "message": xml_safe(f"{f.severity}: {f.message}")},
            )
            failure.text = xml_safe(_failure_text(f))
    if errors:
        case = ET.SubElement(suite, "testcase", {"classname": SUITE, "name": "terapi-lint"})
        for kind, error in errors:
            el = ET.SubElement(case, "error", {"type": kind, "message": xml_safe(error)})
            el.text = xml_safe(error)
    return suites


def render(report: Report, out: TextIO, *, color: bool = False) -> None:
    root = to_element(report)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
