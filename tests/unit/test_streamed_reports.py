"""The streamed writers write exactly what the one-document builders they replaced wrote.

The builders below are the reporters as they were before the writers (one dict or one element tree
built whole, then dumped), plus the statistics the writers add; every format is compared byte for
byte on the fixtures, both through ``render`` and through a whole run of ``check`` that feeds the
writer file by file.  The SARIF written by the run is also checked against the official schema.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from terapi_lint.ruledoc import rule_url
from terapi_lint import rules
from terapi_lint.config.settings import Settings
from terapi_lint.findings import Finding
from terapi_lint.linter import lint_paths
from terapi_lint.reporters import Report, get_reporter
from terapi_lint.reporters import base
from terapi_lint.reporters import sarif as sarif_module
from terapi_lint.reporters.base import INTERRUPTED
from terapi_lint.reporters.junit import SUITE, _failure_text, xml_safe
from terapi_lint.reporters.statistics import Tally
from terapi_lint.run import run_check
from terapi_lint.suppression import counts as counts_by_source

from ..conftest import FIXTURES

SARIF_SCHEMA = Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json"


def _by_rule(report: Report) -> dict[str, Any]:
    return {r.rule: r.to_dict() for r in Tally.of(report.findings, report.suppressed).by_rule()}


def old_json(report: Report) -> str:
    c = Counter(f.severity for f in report.findings)
    document = {
        "version": 1,
        "complete": report.complete,
        "findings": [{**f.to_dict(), "url": rule_url(f.rule)} for f in report.findings],
        "summary": {
            "files": len(report.files), "records": report.records,
            "errors": c["error"], "warnings": c["warning"], "info": c["info"],
            "unreadable": list(report.errors), "unparsed": list(report.unparsed),
            "suppressed": counts_by_source(report.suppressed),
            "by_rule": _by_rule(report),  # new
        },
        "suppressed": [
            {"source": s.source, "entry": s.name, **dict(s.facts), "reason": s.reason,
             "findings": [f.to_dict() for f in hidden]}
            for s, hidden in report.suppressed.items()
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def old_sarif(report: Report) -> str:
    s = sarif_module
    descriptors = [s.rule_descriptor(r) for r in report.rules]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    seen: dict[str, int] = {}
    results = [s._result(finding, report.root, report.cwd, index, seen) for finding in report.findings]
    for suppressor, hidden in report.suppressed.items():
        suppression = {"kind": "external", "status": "accepted", "justification": suppressor.reason,
                       "properties": {"source": suppressor.source, "entry": suppressor.name}}
        for finding in hidden:
            results.append({**s._result(finding, report.root, report.cwd, index, seen), "suppressions": [suppression]})
    root_uri = s._dir_uri(s._abs_root(report.root))
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors and report.complete,
                                  "workingDirectory": {"uri": root_uri}}
    notes = [("error", text) for text in report.errors]
    if not report.complete:
        notes.append(("error", INTERRUPTED))
    notes += [("warning", f"{name}: not parsed (parse-error is ignored)") for name in report.unparsed]
    if notes:
        invocation["toolExecutionNotifications"] = [{"level": lv, "message": {"text": t}} for lv, t in notes]
    driver = {"name": "terapi-lint", "version": report.tool_version, "semanticVersion": report.tool_version,
              "informationUri": s.INFORMATION_URI, "rules": descriptors}
    log = {"$schema": s.SARIF_SCHEMA, "version": s.SARIF_VERSION, "runs": [{
        "tool": {"driver": driver}, "invocations": [invocation], "originalUriBaseIds": {s.SRCROOT: {"uri": root_uri}},
        "columnKind": "unicodeCodePoints", "results": results,
        "properties": {"suppressed": counts_by_source(report.suppressed), "byRule": _by_rule(report)}}]}  # byRule: new
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def old_junit(report: Report) -> str:
    by_file: dict[str, list[Finding]] = {name: [] for name in dict.fromkeys(report.files)}
    for finding in report.findings:
        by_file.setdefault(finding.file, []).append(finding)
    errors = [("unreadable", text) for text in report.errors]
    if not report.complete:
        errors.append(("interrupted", INTERRUPTED))
    attrs = {"name": SUITE, "tests": str(len(by_file) + (1 if errors else 0)),
             "failures": str(sum(1 for found in by_file.values() if found)), "errors": str(len(errors)), "skipped": "0"}
    suites = ET.Element("testsuites", attrs)
    suite = ET.SubElement(suites, "testsuite", attrs)
    hidden = counts_by_source(report.suppressed)
    if hidden:
        properties = ET.SubElement(suite, "properties")
        for source, count in hidden.items():
            ET.SubElement(properties, "property", {"name": f"suppressed by {source}", "value": str(count)})
    for name, found in by_file.items():
        case = ET.SubElement(suite, "testcase", {"classname": SUITE, "name": xml_safe(name)})
        if found:  # new: each rule's count
            counted = ET.SubElement(case, "properties")
            for rule, n in Counter(f.rule for f in found).most_common():
                ET.SubElement(counted, "property", {"name": rule, "value": str(n)})
        for f in found:
            failure = ET.SubElement(case, "failure", {"type": xml_safe(f.rule),
                                                      "message": xml_safe(f"{f.severity}: {f.message}")})
            failure.text = xml_safe(_failure_text(f))
    if errors:
        case = ET.SubElement(suite, "testcase", {"classname": SUITE, "name": "terapi-lint"})
        for kind, error in errors:
            el = ET.SubElement(case, "error", {"type": kind, "message": xml_safe(error)})
            el.text = xml_safe(error)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


OLD = {"json": old_json, "sarif": old_sarif, "junit": old_junit}

#: An allowlist that hides one finding of the fixtures, so suppressed findings are written too.
CONFIG = """[tool.terapi-lint]
per-file-ignores = {"*/invalid/invalid-enum.json" = ["invalid-enum"]}

[[tool.terapi-lint.allowlist]]
path = "fixtures/invalid/secret-key-api-key.json"
pointer = "/metadata/apiKey"
rule = "secret-key"
reason = "a test credential"
"""


def _settings(tmp_path: Path, **values: Any) -> Settings:
    from terapi_lint.config import layered, load_config

    return layered(load_config("pyproject.toml", rules=rules.ALL_RULES, paths=()), values)


def _render(name: str, report: Report) -> str:
    out = io.StringIO()
    get_reporter(name)(report, out)
    return out.getvalue()


@pytest.fixture
def fixtures_report(tmp_path, monkeypatch):
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    (tmp_path / "pyproject.toml").write_text(CONFIG)
    monkeypatch.chdir(tmp_path)
    settings = _settings(tmp_path, jobs=1)
    result = lint_paths(["fixtures", "missing.json"], settings)
    return settings, Report(findings=result.findings, files=result.files, records=result.records,
                            errors=[str(u) for u in result.unreadable], rules=rules.ALL_RULES, root=os.getcwd(),
                            unparsed=result.unparsed, complete=result.complete,
                            suppressed=result.suppressed.by_entry())


@pytest.mark.parametrize("name", sorted(OLD))
def test_render_writes_what_the_builders_wrote(name, fixtures_report):
    _settings, report = fixtures_report
    assert report.findings and report.suppressed and report.errors  # every part of the reports is written
    assert _render(name, report) == OLD[name](report)
    empty = Report(files=["a.json"], records=1, rules=rules.ALL_RULES, root="/r", complete=False)
    assert _render(name, empty) == OLD[name](empty)


@pytest.mark.parametrize("name", sorted(OLD))
def test_a_run_feeding_the_writer_writes_what_the_builders_wrote(name, fixtures_report, tmp_path, monkeypatch):
    monkeypatch.setattr(base, "SPOOL_MEMORY", 64)  # the findings wait in temporary files
    settings, report = fixtures_report
    target = tmp_path / "out" / f"report.{name}"
    target.parent.mkdir()
    code = run_check(("fixtures", "missing.json"), dataclasses.replace(settings, format=name, output=str(target)),
                     stdout=io.StringIO(), stderr=io.StringIO())
    assert code == 2  # missing.json
    written = target.read_text(encoding="utf-8")
    assert written == OLD[name](report)
    if name == "sarif":
        schema = json.loads(SARIF_SCHEMA.read_text())
        jsonschema.Draft4Validator(schema).validate(json.loads(written))
