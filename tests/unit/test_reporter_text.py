import io
import json
import re
import types

import pytest

from terapi_lint.findings import Finding
from terapi_lint.reporters import REPORTERS, Report, get_reporter
from terapi_lint.reporters.text import format_pointer, render

LINE = re.compile(r'^(.+?):(\d+):(\d+): (\w+) (\S+) (\(root\)|/\S*|"(?:[^"\\]|\\.)*"): (.*)$')
#: The documented pattern, with the record's identity in a dump.
DUMP_LINE = re.compile(r'^(.+?):(\d+):(\d+): (\w+) (\S+) (\S+|"(?:[^"\\]|\\.)*")(?: \[(.*?)\])?: (.*)$')


def run(report, **kw):
    out = io.StringIO()
    render(report, out, **kw)
    return out.getvalue()


def f(
    file="a.json", line=1, col=1, pointer="", rule="secret-key", severity="error", message="m", **kw
):
    return Finding(file, line, col, pointer, rule, severity, message, **kw)


def test_registry_lists_every_format():
    assert set(REPORTERS) == {"text", "json", "jsonl", "sarif", "github", "junit"}
    assert get_reporter("TEXT") is render
    with pytest.raises(KeyError, match="known: github, json, jsonl, junit, sarif, text"):
        get_reporter("xml")


def test_clean_run_summary():
    assert run(Report(files=["a.json", "b.json"], records=1, root="/r")) == (
        "All clean: 2 files, 1 record checked.\n"
    )


def test_findings_then_summary_in_given_order():
    findings = [
        f("b.json", 2, 3, "/credentials/token", message="secret"),
        f("a.json", 1, 1, "", "parse-error", "warning", "bad"),
        f("a.json", 4, 7, "/x", "date-time", "info", "odd"),
    ]
    text = run(Report(findings, ["a.json", "b.json"], 3, root="/r"))
    assert text.splitlines() == [
        "b.json:2:3: error secret-key /credentials/token: secret",
        "a.json:1:1: warning parse-error (root): bad",
        "a.json:4:7: info date-time /x: odd",
        "",
        "count  code  rule         severity",
        "    1        date-time    info",
        "    1        parse-error  warning",
        "    1        secret-key   error",
        "1 error, 1 warning, 1 info in 2 files (3 records); top rules: date-time 1, parse-error 1, secret-key 1.",
    ]


def test_every_line_parses_even_with_odd_pointers_and_messages():
    findings = [
        f(pointer="/a b/c", message="two\nlines"),
        f(pointer="/a:b", message="x: y"),
        f(pointer='/q"uote', message="tab\there"),
        f(file="dir with space/x.json", pointer="/~1/~0"),
        f(pointer="/", message="empty key"),
    ]
    lines = run(Report(findings, ["a.json"], 1, root="/r")).splitlines()
    assert len(lines) == len(findings) + 4  # a blank line, the table's head and line, the summary
    parsed = [LINE.match(line) for line in lines[:len(findings)]]
    assert all(parsed), lines
    assert parsed[0].group(6) == '"/a b/c"'
    assert parsed[0].group(7) == "two\\nlines"
    assert parsed[1].group(6) == "/a:b" and parsed[1].group(7) == "x: y"
    assert parsed[3].group(1) == "dir with space/x.json"
    assert parsed[4].group(6) == "/"


def test_record_identity_after_the_pointer_in_a_dump():
    findings = [
        f(pointer="/3/provider", record_id="conn-3", record_key="github-prod"),
        f(pointer="/4", record_id=None, record_key="slack-prod", message="a: b"),
        f(pointer="/5/id", record_id="id with] space", record_key=None),
        f(pointer="/6", record_id="", record_key="k"),
        f(pointer="/7"),
    ]
    lines = run(Report(findings, ["a.json"], 8, root="/r")).splitlines()
    assert lines[:5] == [
        "a.json:1:1: error secret-key /3/provider [id=conn-3 key=github-prod]: m",
        "a.json:1:1: error secret-key /4 [key=slack-prod]: a: b",
        'a.json:1:1: error secret-key /5/id [id="id with] space"]: m',
        'a.json:1:1: error secret-key /6 [id="" key=k]: m',
        "a.json:1:1: error secret-key /7: m",
    ]
    parsed = [DUMP_LINE.match(line) for line in lines[:5]]
    assert [(p.group(6), p.group(7), p.group(8)) for p in parsed] == [
        ("/3/provider", "id=conn-3 key=github-prod", "m"), ("/4", "key=slack-prod", "a: b"),
        ("/5/id", 'id="id with] space"', "m"), ("/6", 'id="" key=k', "m"), ("/7", None, "m")]


def test_pointer_slot():
    assert format_pointer("") == "(root)"
    assert format_pointer("/a/0") == "/a/0"
    assert format_pointer("/a b") == '"/a b"'
    assert format_pointer("/a\u2028b\x85") == '"/a\\u2028b\\u0085"'
    assert json.loads(format_pointer("/x\ny\u2028")) == "/x\ny\u2028"


def test_color_only_when_asked():
    report = Report([f(pointer="/p")], ["a.json"], 1, root="/r")
    assert "\x1b[" not in run(report)
    colored = run(report, color=True)
    assert "\x1b[1;31merror\x1b[0m" in colored
    assert "\x1b[2m/p\x1b[0m" in colored
    assert re.sub(r"\x1b\[[0-9;]*m", "", colored) == run(report)


def test_unreadable_paths_only_counted_in_summary():
    report = Report([], ["a.json"], 2, errors=["missing.json: no such file"], root="/r")
    text = run(report)
    assert "missing.json" not in text
    assert text == "No findings in 1 file (2 records); 1 path could not be checked.\n"
    text = run(Report([f()], ["a.json"], 1, errors=["x", "y"], root="/r"))
    assert text.endswith(
        "1 error, 0 warnings, 0 info in 1 file (1 record); top rules: secret-key 1; 2 paths could not be checked.\n"
    )


def test_rules_are_not_needed():
    # The text reporter never looks at the registry.
    report = Report([f()], ["a.json"], 1, rules=[types.SimpleNamespace()], root="/r")
    assert run(report).startswith("a.json:1:1: error secret-key (root): m\n")


def test_one_line_escapes_controls():
    from terapi_lint.reporters.base import one_line

    assert one_line("a\nb\rc\td\x1b[31m\x85\u2028") == "a\\nb\\rc\\td\\x1b[31m\\x85\\u2028"


def test_report_root():
    from terapi_lint.reporters.base import report_root

    assert report_root({}, "/repo/sub") == "/repo/sub"
    assert report_root({"GITHUB_WORKSPACE": "/repo"}, "/repo/sub") == "/repo"
    assert report_root({"GITHUB_WORKSPACE": "/repo"}, "/elsewhere") == "/elsewhere"


def test_relative_path():
    from terapi_lint.reporters.base import relative_path

    assert relative_path("a/./b/../c.json", "/r", "/r") == ("a/c.json", True)
    assert relative_path("/r/x.json", "/r", "/r") == ("x.json", True)
    assert relative_path("../x.json", "/r/s", "/r/s") == ("/r/x.json", False)
    assert relative_path("/other/x.json", "/r", "/r") == ("/other/x.json", False)
    # run from a sub-folder of the workspace: a relative file is the cwd's, not the root's
    assert relative_path("a.json", "/r", "/r/sub") == ("sub/a.json", True)
    assert relative_path("../b/a.json", "/r", "/r/sub") == ("b/a.json", True)


def test_summary_never_reads_clean_when_something_was_not_checked():
    assert run(Report([], ["a.json"], 0, unparsed=["a.json"])).splitlines()[-1] == (
        "No findings in 1 file (0 records); 1 file not parsed (parse-error is ignored).")
    assert run(Report([f()], ["a.json"], 3, complete=False)).splitlines()[-1] == (
        "interrupted: results are incomplete; so far: 1 error, 0 warnings, 0 info in 1 file (3 records); "
        "top rules: secret-key 1.")
    assert run(Report([], ["a.json"], 3, complete=False)).splitlines()[-1] == (
        "interrupted: results are incomplete; so far: no findings in 1 file (3 records).")


def test_a_whole_report():
    """One line per finding, the statistics table, then a summary that counts what was hidden, what
    could not be checked and what was not parsed."""
    from tests.unit.sample_report import sample_report

    assert run(sample_report()) == (
        'data/a.json:3:5: error secret-key /credentials/token [id=conn-2 key=github]: a literal secret\n'
        'data/a.json:9:1: warning invalid-enum /items/0: not allowed\n'
        'data/b.yaml:1:1: info parse-error (root): \n'
        '\n'
        'count  code   rule                 severity  suppressed\n'
        '    1  TL102  invalid-enum         warning\n'
        '    1  TL001  parse-error          info\n'
        '    1  TL201  secret-key           error\n'
        '    0  TL104  metadata-not-object  error     3\n'
        '1 error, 1 warning, 1 info (1 suppressed by the allowlist, 2 by per-file-ignores) in 4 files (7 records); top rules: invalid-enum 1, parse-error 1, secret-key 1; 1 path could not be checked; 1 file not parsed (parse-error is ignored).\n'
    )


def test_a_quoted_pointer_keeps_its_letters(tmp_path):
    """A pointer with a space is quoted like JSON, but "ü" stays "ü", not an escape."""
    out = run(Report([f(pointer="/größe cm")], ["a.json"], 1, root="/repo"))
    assert out.splitlines()[0] == 'a.json:1:1: error secret-key "/größe cm": m'


def test_report_root_reads_the_real_environment(tmp_path, monkeypatch):
    from terapi_lint.reporters.base import report_root

    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    assert report_root() == str(tmp_path)
    monkeypatch.delenv("GITHUB_WORKSPACE")
    assert report_root() == str(sub)


def test_the_summary_counts_each_severity():
    findings = [f(line=1), f(line=2), f(line=3, severity="warning"), f(line=4, severity="info"),
                f(line=5, severity="info")]
    assert run(Report(findings, ["a.json"], 1)).splitlines()[-1] == \
        "2 errors, 1 warning, 2 info in 1 file (1 record); top rules: secret-key 5."
