"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure, ...).

One ``<testcase classname="terapi-lint" name="FILE">`` per checked file (a clean file is a passing
test); one ``<failure type="RULE" message="...">`` per finding in it, whatever its severity, with
severity, line:col and pointer in the text.  ``failures`` counts failing testcases (files with at
least one finding), as JUnit consumers expect; ``errors`` counts unreadable paths (and an
interrupted run), each reported as an ``<error>`` in one extra ``terapi-lint`` testcase.  Findings
hidden by the allowlist or per-file-ignores are counted in the suite's ``<properties>``
(``suppressed by allowlist`` = n), and so are findings left out by ``--max-findings``.  A failing
testcase's ``<properties>`` count its findings per rule (``unknown-field`` = n).  Testcases are
written as files finish (kept on disk), the suite around them at the end.  Characters XML 1.0
cannot hold are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from functools import lru_cache
from typing import Any, TextIO
from xml.sax.saxutils import escape  # what ElementTree does to text: &, < and >

from terapi_lint.findings import Finding
from terapi_lint.reporters.base import INTERRUPTED, Report, Spool, Writer
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


def _failure(f: Finding) -> str:
    """``<failure type=RULE message="SEVERITY: MESSAGE">TEXT</failure>`` as ElementTree writes it
    (the escaped :func:`_failure_text`).  The parts a dump's findings repeat (the opening tag, the
    text up to the line, the pointer, the message) are escaped once: dropping what XML cannot hold
    and escaping ``&<>`` go character by character, so the parts may be escaped apart."""
    record = "" if f.record is None else f" (record {f.record})"
    return (f"{_failure_head(f.rule, f.severity, f.message, f.code, f.file)}{f.line}:{f.column} "
            f"{_escaped(f.pointer if f.pointer else '(root)')}{record}{_escaped(': ' + f.message)}</failure>")


@lru_cache(maxsize=4096)
def _failure_head(rule: str, severity: str, message: str, code: str, file: str) -> str:
    """The opening tag and the text up to the line number."""
    code = f" {code}" if code else ""
    return _failure_tag(rule, severity, message) + _escaped(f"{severity} {rule}{code} at {file}:")


@lru_cache(maxsize=4096)
def _escaped(text: str) -> str:
    return escape(xml_safe(text))


@lru_cache(maxsize=4096)
def _failure_tag(rule: str, severity: str, message: str) -> str:
    failure = ET.Element("failure", {"type": xml_safe(rule), "message": xml_safe(f"{severity}: {message}")})
    failure.text = "."
    return ET.tostring(failure, encoding="unicode").removesuffix(".</failure>")


class _Case:
    """A testcase being written: its failures on disk, its count per rule."""

    def __init__(self) -> None:
        self.failures = Spool()
        self.rules: Counter[str] = Counter()

    def text(self, name: str) -> str:
        """The testcase as ``ET.indent`` lays it out two levels deep (its failures not yet in)."""
        case = ET.Element("testcase", {"classname": SUITE, "name": xml_safe(name)})
        if self.rules:
            properties = ET.SubElement(case, "properties")
            for rule, count in self.rules.most_common():
                ET.SubElement(properties, "property", {"name": xml_safe(rule), "value": str(count)})
        ET.indent(case, level=2)
        return ET.tostring(case, encoding="unicode")


class JunitWriter(Writer):
    """A testcase's failures to disk as they come, the testcase when its file is done; the suite
    around the testcases, with its counts, at the end."""

    def __init__(self, out: TextIO, head: Report, **options: Any) -> None:
        super().__init__(out, head, **options)
        self.spool = Spool()
        self.pending: dict[str, _Case] = {}
        self.done: set[str] = set()
        self.failing = 0

    def write(self, finding: Finding) -> None:
        case = self.pending.get(finding.file) or self.pending.setdefault(finding.file, _Case())
        case.rules[finding.rule] += 1
        case.failures.write(_CHILD + _failure(finding))

    def file_done(self, name: str) -> None:
        if name in self.done:  # a name given twice: one testcase, as files are listed once
            return
        self.done.add(name)
        case = self.pending.pop(name, None) or _Case()
        self.failing += bool(case.rules)
        self.spool.write("" if self.spool.empty else "\n    ")
        if case.failures.empty:
            self.spool.write(case.text(name))
            return
        head, end, tail = case.text(name).rpartition(_END)
        self.spool.write(head)
        case.failures.copy_to(self.spool)
        self.spool.write(end + tail)

    def close(self, report: Report) -> None:
        for name in report.files:
            self.file_done(name)  # render() says no file is done before the end
        for name in list(self.pending):
            self.file_done(name)  # findings in files not checked (the config file's allowlist)
        errors = [("unreadable", text) for text in report.errors]
        if not report.complete:
            errors.append(("interrupted", INTERRUPTED))
        attrs = {"name": SUITE, "tests": str(len(self.done) + (1 if errors else 0)), "failures": str(self.failing),
                 "errors": str(len(errors)), "skipped": "0"}
        suites = ET.Element("testsuites", attrs)
        suite = ET.SubElement(suites, "testsuite", attrs)
        # findings hidden by the allowlist or per-file-ignores, or left out by a cap: counted, never dropped
        counted = [(f"suppressed by {source}", n) for source, n in suppressed_counts(report.suppressed).items()]
        counted += [("omitted by --max-findings", self.omitted)] if self.omitted else []
        if counted:
            properties = ET.SubElement(suite, "properties")
            for name, count in counted:
                ET.SubElement(properties, "property", {"name": name, "value": str(count)})
        if not self.spool.empty:
            ET.SubElement(suite, _CASES)
        if errors:
            case = ET.SubElement(suite, "testcase", {"classname": SUITE, "name": "terapi-lint"})
            for kind, error in errors:
                el = ET.SubElement(case, "error", {"type": kind, "message": xml_safe(error)})
                el.text = xml_safe(error)
        ET.indent(suites)
        head, _, tail = ET.tostring(suites, encoding="unicode").partition(f"<{_CASES} />")
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + head)
        self.spool.copy_to(self.out)
        self.out.write(tail + "\n")


#: Where the testcases go in the suite (written with this element, then filled from the spool).
_CASES = "terapi-lint-testcases"
#: What comes before a failure in a testcase, and the end of a testcase, as ``ET.indent`` writes them.
_CHILD, _END = "\n      ", "\n    </testcase>"

render = JunitWriter.render
