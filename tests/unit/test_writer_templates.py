"""The writers' fast paths (templates, memos, the byte-copying spool) write exactly what the plain
renderings write, for findings with every awkward value a report can meet.

Each format's output is compared byte for byte with the builders the writers replaced
(:mod:`tests.unit.test_streamed_reports`) or with the plain function the fast path stands for
(``dumps`` of the finding's object, ``format_finding``, ``command``, ElementTree).
"""

from __future__ import annotations

import dataclasses
import io
import xml.etree.ElementTree as ET
from collections import OrderedDict

import pytest

from terapi_lint import rules
from terapi_lint.findings import Finding
from terapi_lint.reporters import Report, base, get_writer
from terapi_lint.reporters.base import Spool, dumps, dumps_line, relative_path
from terapi_lint.reporters.github import COMMANDS, annotation, command
from terapi_lint.reporters.jsontext import finding_json
from terapi_lint.reporters.junit import _failure, _failure_text, xml_safe
from terapi_lint.reporters.sarif import _result, _Results, rule_descriptor
from terapi_lint.reporters.text import format_finding, plain_line
from terapi_lint.ruledoc import rule_url

from .test_streamed_reports import OLD

ROOT = "/work/repo"
AWKWARD = "50% {x} %s \"q\" back\\slash\nnew\tline\x01 \u2028 é😀 &<>'"


def _findings() -> list[Finding]:
    dump = "dumps/conn ections,1:2%.ndjson"
    base_finding = Finding(dump, 3, 485, "/credentials/expires_at", "wrong-type", "error",
                           "credentials.expires_at must be string, not null", 2, "TL102", "conn-00000002", "twilio-test")
    return [
        base_finding,
        base_finding,  # a repeat: SARIF's fingerprint gets an ordinal
        dataclasses.replace(base_finding, line=4, column=7, record=3),
        Finding(dump, 5, 1, "", "parse-error", "error", AWKWARD, 4, "TL001", "", 'k "[x]"'),
        Finding(dump, 6, 2, "/a~0b/c~1d/ sp\"%s/0", "unknown-field", "warning", AWKWARD, 5, "TL106", 'id "x" [1]', None),
        Finding(dump, 7, 3, "/metadata/\x00nul", "unknown-field", "warning", "holds a \x00 NUL", 6, "TL106", None, "k\x00"),
        Finding("plain.json", 0, 0, "/x", "custom-rule", "info", "", None, ""),  # no ruleIndex, clamped region
        Finding("plain.json", 2, 9, "/items/12", "invalid-enum", "error", "bad value", None, "TL103", None, None),
        Finding("/elsewhere/out side.yaml", 1, 1, "/0", "secret-key", "error", "é", 0, "TL201", "x", "y"),
        Finding("nul\x00file.json", 1, 2, "/p", "wrong-type", "error", "m", None, "TL102"),  # no template: fallback
        Finding("surrogate-\udcff.json", 1, 2, "/p", "wrong-type", "error", "m", 1, "TL102", "id", "key"),
    ]


def _report(findings: list[Finding]) -> Report:
    files = list(dict.fromkeys(f.file for f in findings))
    return Report(findings=findings, files=files, records=7, rules=rules.ALL_RULES, root=ROOT, cwd=ROOT)


def _render(name: str, report: Report) -> str:
    out = io.StringIO()
    get_writer(name).render(report, out)
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(OLD))
def test_each_format_writes_what_the_builders_wrote(name):
    findings = _findings()
    if name == "sarif":  # a URI cannot hold a lone surrogate: SARIF's artifact_location refuses it (as before)
        findings = findings[:-1]
    report = _report(findings)
    assert _render(name, report) == OLD[name](report)


@pytest.mark.parametrize("depth", [None, 0, 2, 4])
def test_a_findings_json_is_its_objects_rendering(depth):
    for f in _findings():
        value = {**f.to_dict(), "url": rule_url(f.rule)}
        expected = dumps_line(value) if depth is None else dumps(value, depth)
        assert finding_json(f, depth) == expected, f


def test_json_lines_hold_each_finding_and_its_url():
    findings = [f for f in _findings() if "\udcff" not in f.file]  # a lone surrogate is no UTF-8 line
    lines = _render("jsonl", _report(findings)).split("\n")[:-1]
    assert lines == [dumps_line({**f.to_dict(), "url": rule_url(f.rule)}) for f in findings]


def test_a_sarif_results_text_is_its_results_rendering():
    index = {d["id"]: i for i, d in enumerate(rule_descriptor(r) for r in rules.ALL_RULES)}
    fast_seen: OrderedDict[str, int] = OrderedDict()
    results = _Results(ROOT, ROOT, index, fast_seen)
    plain_seen: dict[str, int] = {}
    for f in _findings()[:-1]:  # not the lone surrogate (see above)
        text = results.text(f)
        expected = dumps(_result(f, ROOT, ROOT, index, plain_seen), 4)
        if "\x00" in f.file:
            assert text is None  # and the writer renders the object
            _result(f, ROOT, ROOT, index, fast_seen)
        else:
            assert text == expected, f
    assert dict(fast_seen) == plain_seen
    assert '"ruleIndex"' not in (results.text(_findings()[6]) or "")


def test_a_text_line_is_format_findings():
    for f in _findings():
        assert plain_line(f) == format_finding(f) + "\n"


def test_an_annotation_is_what_command_writes():
    for f in _findings():
        path, _ = relative_path(f.file, ROOT, ROOT)
        line, col = max(f.line, 1), max(f.column, 1)
        message = f"{f.pointer}: {f.message}" if f.pointer else f.message
        expected = command(COMMANDS[f.severity], {"file": path, "line": line, "col": col, "endLine": line,
                                                  "endColumn": col + 1, "title": f"terapi-lint {f.rule}"}, message)
        assert annotation(f, ROOT, ROOT) == expected


def test_a_junit_failure_is_what_elementtree_writes():
    for f in _findings():
        failure = ET.Element("failure", {"type": xml_safe(f.rule), "message": xml_safe(f"{f.severity}: {f.message}")})
        failure.text = xml_safe(_failure_text(f))
        assert _failure(f) == ET.tostring(failure, encoding="unicode")


# The spool.

TEXT = "".join(f"{i} € é 😀 line\n" for i in range(400))  # multi-byte characters across every block


def _spooled(*pieces: str) -> Spool:
    spool = Spool()
    for piece in pieces:
        spool.write(piece)
    return spool


@pytest.fixture
def small_spool(monkeypatch):
    monkeypatch.setattr(base, "SPOOL_MEMORY", 64)


def test_a_spool_copies_into_a_utf8_file_what_writing_the_text_would(small_spool, tmp_path):
    path = tmp_path / "out.txt"
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("head ")
        _spooled(*TEXT.splitlines(keepends=True)).copy_to(out)
        out.write(" tail")
    assert path.read_bytes() == ("head " + TEXT + " tail").encode()


def test_a_spool_writes_text_to_a_stream_of_another_encoding(small_spool, tmp_path):
    path = tmp_path / "out.txt"
    with open(path, "w", encoding="utf-16", newline="\n") as out:
        _spooled(*TEXT.splitlines(keepends=True)).copy_to(out)
    assert path.read_text(encoding="utf-16") == TEXT
    out = io.StringIO()
    _spooled(*TEXT.splitlines(keepends=True)).copy_to(out)
    assert out.getvalue() == TEXT


def test_a_spool_holding_a_lone_surrogate_writes_it_as_text(small_spool, tmp_path):
    text = TEXT + "name-\udcff.json\n" + TEXT
    out = io.StringIO()
    _spooled(*text.splitlines(keepends=True)).copy_to(out)
    assert out.getvalue() == text
    path = tmp_path / "out.txt"
    with open(path, "w", encoding="utf-8") as strict, pytest.raises(UnicodeEncodeError):
        _spooled(*text.splitlines(keepends=True)).copy_to(strict)  # what writing the text would do


def test_a_spool_copied_into_a_spool_keeps_the_order(small_spool):
    first = _spooled("a", TEXT, "b")
    second = _spooled("c\udcff", TEXT, "d")
    whole = _spooled("start ")
    first.copy_to(whole)
    second.copy_to(whole)
    whole.write(" end")
    out = io.StringIO()
    whole.copy_to(out)
    assert out.getvalue() == "start a" + TEXT + "bc\udcff" + TEXT + "d end"
