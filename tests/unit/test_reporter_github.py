import io

from terapi_lint.findings import Finding
from terapi_lint.reporters import Report
from terapi_lint.reporters.github import (
    annotations_wanted,
    escape_data,
    escape_property,
    render,
)


def run(report, fn=render):
    out = io.StringIO()
    fn(report, out)
    return out.getvalue()


def render_annotations(report, out):
    """Only the annotation lines of the report."""
    out.write("".join(line + "\n" for line in run(report).splitlines() if line.startswith("::")))


def test_escaping_matches_actions_toolkit():
    assert escape_data("100% a:b,c\r\nd") == "100%25 a:b,c%0D%0Ad"
    assert escape_property("100% a:b,c\r\nd") == "100%25 a%3Ab%2Cc%0D%0Ad"
    # '%' is escaped first, so an existing escape is not taken for one.
    assert escape_data("%0A") == "%250A"


def test_one_annotation_per_finding_then_the_text_report():
    findings = [
        Finding(
            "/repo/data/a,b:c%.json",
            2,
            3,
            "/credentials/token",
            "secret-key",
            "error",
            "looks\nsecret",
        ),
        Finding("data/x.json", 1, 1, "", "parse-error", "warning", "100% bad, really: yes"),
        Finding("./data/y.json", 0, 0, "/a", "date-time", "info", "odd"),
    ]
    report = Report(findings, ["data/a,b:c%.json", "data/x.json", "data/y.json"], 3, root="/repo")
    lines = run(report).splitlines()
    assert lines[0] == (
        "::error file=data/a%2Cb%3Ac%25.json,line=2,col=3,endLine=2,endColumn=4,"
        "title=terapi-lint secret-key::/credentials/token: looks%0Asecret"
    )
    assert lines[1] == (
        "::warning file=data/x.json,line=1,col=1,endLine=1,endColumn=2,"
        "title=terapi-lint parse-error::100%25 bad, really: yes"
    )
    assert lines[2] == (
        "::notice file=data/y.json,line=1,col=1,endLine=1,endColumn=2,title=terapi-lint date-time::/a: odd"
    )
    # Then the full plain text report: nothing lost to the 10-annotation cap.
    assert lines[3].startswith(
        "/repo/data/a,b:c%.json:2:3: error secret-key /credentials/token: looks\\nsecret"
    )
    assert lines[-1] == ("1 error, 1 warning, 1 info in 3 files (3 records); "
                         "top rules: date-time 1, parse-error 1, secret-key 1.")
    assert lines[7] == "count  code  rule         severity"
    assert len(lines) == 12  # 3 annotations, 3 findings, a blank line, the table (4 lines), the summary


def test_unreadable_paths_become_fileless_errors():
    report = Report([], ["a.json"], 1, errors=["b.json: no such file\nor directory"], root="/r")
    assert (
        run(report, render_annotations)
        == "::error title=terapi-lint::b.json: no such file%0Aor directory\n"
    )


def test_file_outside_the_workspace_stays_absolute():
    report = Report(
        [Finding("/elsewhere/a.json", 1, 2, "", "r", "error", "m")],
        ["/elsewhere/a.json"],
        1,
        root="/repo",
    )
    assert run(report, render_annotations).startswith(
        "::error file=/elsewhere/a.json,line=1,col=2,"
    )


def test_many_findings_all_annotated():
    findings = [Finding("a.json", i, 1, f"/k{i}", "r", "error", "m") for i in range(1, 31)]
    out = run(Report(findings, ["a.json"], 1, root="/r"), render_annotations)
    assert out.count("::error ") == 30


def test_a_command_leaves_out_empty_properties():
    from terapi_lint.reporters.github import command

    assert command("warning", {"file": None, "line": "", "title": "t"}, "m") == "::warning title=t::m"
    assert command("notice", {}, "m") == "::notice::m"


def test_annotations_wanted():
    assert annotations_wanted({"GITHUB_ACTIONS": "true"})
    assert annotations_wanted({"GITHUB_ACTIONS": "True"})
    assert not annotations_wanted({"GITHUB_ACTIONS": "false"})
    assert not annotations_wanted({})
    assert not annotations_wanted({"CI": "true"})


def test_annotations_wanted_reads_the_real_environment(monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert annotations_wanted()
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert not annotations_wanted()


def test_an_interrupted_run_is_a_fileless_error():
    out = run(Report([], ["a.json"], 1, complete=False))
    assert out.splitlines()[0] == "::error title=terapi-lint::interrupted: results are incomplete"


def test_a_whole_report():
    """One annotation per finding, each command named for its severity, then the unreadable path."""
    from tests.unit.sample_report import sample_report

    assert run(sample_report()) == (
        '::error file=data/a.json,line=3,col=5,endLine=3,endColumn=6,title=terapi-lint secret-key::/credentials/token: a literal secret\n'
        '::warning file=data/a.json,line=9,col=1,endLine=9,endColumn=2,title=terapi-lint invalid-enum::/items/0: not allowed\n'
        '::notice file=data/b.yaml,line=1,col=1,endLine=1,endColumn=2,title=terapi-lint parse-error::\n'
        '::error title=terapi-lint::gone.json: no such file\n'
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
