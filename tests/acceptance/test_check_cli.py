"""`terapi-lint check` end to end: exit codes, streams, options and report formats."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES, ROOT, shared_path

VALID = str(FIXTURES / "valid" / "connection.json")
ENUM = str(FIXTURES / "invalid" / "invalid-enum.json")
UNKNOWN = str(FIXTURES / "invalid" / "unknown-field.json")


def test_clean_file_exits_0_with_a_summary(run_cli):
    result = run_cli("check", VALID)
    assert result.exit_code == 0
    assert result.stdout.strip().splitlines()[-1].startswith("All clean")


def test_findings_exit_1_with_path_line_col_severity_rule_pointer(run_cli):
    result = run_cli("check", ENUM)
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first == (
        f"{ENUM}:5:19: error invalid-enum /credentials/type: "
        "credentials.type 'OAuth2' is not allowed; did you mean 'oauth2'?"
    )


def test_missing_path_is_named_others_still_linted_exit_2(run_cli, tmp_path):
    missing = str(tmp_path / "nope.json")
    result = run_cli("check", missing, ENUM)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"terapi-lint: {missing}: no such file or folder"
    assert "invalid-enum" in result.stdout
    assert "Traceback" not in result.stderr + result.stdout


def test_folder_is_linted_recursively(run_cli):
    result = run_cli("check", "--format", "json", str(FIXTURES / "valid"))
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert {f["severity"] for f in document["findings"]} <= {"warning"}
    assert document["summary"]["files"] == len(list((FIXTURES / "valid").iterdir()))


def test_stdin(run_cli):
    text = (FIXTURES / "invalid" / "wrong-type.json").read_text()
    result = run_cli("check", "--format", "json", "-", input=text)
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["file"], finding["rule"], finding["pointer"], finding["line"], finding["column"]) == (
        "<stdin>", "wrong-type", "/id", 2, 3)


def test_fail_on_and_exit_zero(run_cli):
    assert run_cli("check", UNKNOWN).exit_code == 0  # a warning only
    assert run_cli("check", "--fail-on", "warning", UNKNOWN).exit_code == 1
    assert run_cli("check", "--strict", UNKNOWN).exit_code == 1
    assert run_cli("check", "--exit-zero", ENUM).exit_code == 0


def test_quiet_prints_nothing_when_clean(run_cli):
    result = run_cli("check", "--quiet", VALID)
    assert result.exit_code == 0 and result.stdout == ""


def test_select_and_ignore(run_cli):
    assert run_cli("check", "--ignore", "invalid-enum", ENUM).exit_code == 0
    assert run_cli("check", "--select", "TL2", ENUM).exit_code == 0
    assert run_cli("check", "--select", "TL1", ENUM).exit_code == 1


def test_unknown_rule_in_select_is_a_usage_error(run_cli):
    result = run_cli("check", "--select", "no-such-rule", VALID)
    assert result.exit_code == 2
    assert "'--select': no rule matches 'no-such-rule'" in result.stderr


def test_usage_error_exits_2(run_cli):
    assert run_cli("check").exit_code == 2
    assert run_cli("check", "--fail-on", "fatal", VALID).exit_code == 2
    assert run_cli("check", "--records", "no-slash", VALID).exit_code == 2


def test_no_colour_unless_a_terminal_or_forced(run_cli):
    plain = run_cli("check", ENUM).stdout
    assert "\x1b[" not in plain
    assert "\x1b[" in run_cli("check", "--color", ENUM).stdout
    assert "\x1b[" not in run_cli("check", "--no-color", ENUM).stdout


def test_use_color_respects_terminals_and_no_color():
    from terapi_lint.run import use_color

    class Tty:
        def isatty(self):
            return True

    assert use_color(None, Tty(), {}) is True
    assert use_color(None, Tty(), {"NO_COLOR": "1"}) is False
    assert use_color(True, Tty(), {"NO_COLOR": "1"}) is True  # an explicit flag wins
    assert use_color(None, object(), {}) is False


def test_records_pointer_on_the_publishers_example(run_cli):
    example = str(shared_path("corpus", "terapi", "terapi-list-connections-example.json"))
    result = run_cli("check", "--records", "/response/body/connections", "--format", "json", example)
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["summary"]["records"] == 1


def test_records_pointer_that_is_absent(run_cli):
    result = run_cli("check", "--records", "/nothing/here", "--format", "json", VALID)
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["rule"] == "records-not-found"
    assert finding["message"].startswith("no records at /nothing/here: the top level is an object of ")


def test_schema_option_accepts_a_structure_and_a_compiled_schema(run_cli):
    structure = str(ROOT / "schemas" / "connection.structure.json")
    schema = str(ROOT / "schemas" / "connection.schema.json")
    for option in (structure, schema):
        assert run_cli("check", "--schema", option, VALID).exit_code == 0
        assert run_cli("check", "--schema", option, ENUM).exit_code == 1


def test_bad_schema_file_is_a_clear_error(run_cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": 12}')
    result = run_cli("check", "--schema", str(bad), VALID)
    assert result.exit_code == 2
    assert "not a valid JSON Schema" in result.stderr
    assert "Traceback" not in result.stderr


def test_date_time_conformance_cases_through_the_cli(run_cli, tmp_path):
    cases = json.loads(shared_path("conformance", "jsts", "draft2020-12", "optional", "format", "date-time.json").read_text())[0]["tests"]
    assert len(cases) >= 30
    lines = []
    for case in cases:
        record = {"id": "u", "provider_config_key": "k", "provider": "p", "created_at": case["data"]}
        lines.append(json.dumps(record))
    dump = tmp_path / "cases.ndjson"
    dump.write_text("\n".join(lines) + "\n")
    result = run_cli("check", "--format", "json", "--select", "invalid-date-time,wrong-type", str(dump))
    flagged = {f["record"] for f in json.loads(result.stdout)["findings"]}
    for index, case in enumerate(cases):
        if isinstance(case["data"], str):
            assert (index in flagged) == (not case["valid"]), case["description"]
        else:
            assert index in flagged  # not a string: wrong-type, the date-time check itself passes it


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_every_format_runs_on_every_fixture(run_cli, fmt):
    result = run_cli("check", "--format", fmt, str(FIXTURES))
    assert result.exit_code == 1
    assert result.stdout


def test_rules_and_rule_commands(run_cli):
    listing = run_cli("rules")
    assert listing.exit_code == 0
    assert "TL103  invalid-enum" in listing.stdout
    doc = run_cli("rule", "invalid-enum")
    assert doc.exit_code == 0 and "\nFix\n---\n" in doc.stdout
    assert run_cli("rule", "TL103").stdout == doc.stdout
    assert run_cli("rule", "nope").exit_code == 2


def test_sarif_of_a_real_run_over_every_fixture_validates_against_the_official_schema(run_cli):
    from jsonschema import Draft4Validator

    official = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    result = run_cli("check", "--format", "sarif", str(FIXTURES))
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    errors = sorted(Draft4Validator(official).iter_errors(log), key=lambda e: list(e.absolute_path))
    assert errors == []
    results = log["runs"][0]["results"]
    assert len(results) > 100
    assert {r["ruleId"] for r in results} >= {"secret-key", "secret-value", "invalid-enum", "parse-error"}
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_unknown_rule_is_one_line_with_a_close_name(run_cli):
    result = run_cli("rule", "TL2O1")
    assert result.exit_code == 2
    assert result.stderr == "terapi-lint: no such rule: 'TL2O1'; did you mean 'TL201'?\n"


def test_exit_zero_does_not_hide_an_unreadable_path(run_cli, tmp_path):
    """--exit-zero is about findings; a path that could not be linted still exits 2."""
    missing = str(tmp_path / "nope.json")
    result = run_cli("check", "--exit-zero", missing, ENUM)
    assert result.exit_code == 2
    assert f"terapi-lint: {missing}: no such file or folder" in result.stderr
    assert "invalid-enum" in result.stdout


@pytest.mark.parametrize("error, code, stderr", [
    (RuntimeError("a message that could quote input: ghp_not-a-real-token"), 2,
     "terapi-lint: internal error (RuntimeError); please report it\n"),
    (KeyboardInterrupt(), 130, "terapi-lint: interrupted\n"),
])
def test_the_last_line_of_defence_is_one_line_and_an_exit_code(error, code, stderr):
    """Every command: no traceback and no exception text; an internal error exits 2, Ctrl-C 130."""
    import click
    from click.testing import CliRunner

    from terapi_lint.cli import _Group

    @click.group(cls=_Group)
    def group() -> None:
        pass

    @group.command()
    def broken() -> None:
        raise error

    result = CliRunner().invoke(group, ["broken"])
    assert result.exit_code == code
    assert result.stderr == stderr
    assert result.stdout == ""


def test_show_files_lists_each_decision_and_exits_2_only_for_a_bad_path(run_cli, tmp_path):
    (tmp_path / "a.json").write_text((FIXTURES / "valid" / "connection.json").read_text())
    (tmp_path / "notes.txt").write_text("hi\n")
    listed = run_cli("check", "--show-files", str(tmp_path), "-")
    assert listed.exit_code == 0
    assert listed.stdout == (f"lint {tmp_path / 'a.json'}\nskip {tmp_path / 'notes.txt'}: not matched by include\n"
                             "lint - (stdin)\n2 to lint, 1 skipped, 0 could not be checked.\n")
    missing = str(tmp_path / "nope.json")
    bad = run_cli("check", "--show-files", missing)
    assert bad.exit_code == 2
    assert bad.stdout == f"error {missing}: no such file or folder\n0 to lint, 0 skipped, 1 could not be checked.\n"


def test_show_settings_prints_them_and_lints_nothing(run_cli):
    result = run_cli("check", "--show-settings", ENUM)
    assert result.exit_code == 0
    assert "format = " in result.stdout and "error invalid-enum" not in result.stdout


def test_the_report_file_holds_the_report_and_stdout_stays_empty(run_cli, tmp_path):
    target = tmp_path / "report.json"
    result = run_cli("check", "-f", "json", "-o", str(target), ENUM)
    assert result.exit_code == 1 and result.stdout == "" and result.stderr == ""
    report = json.loads(target.read_text())
    assert [f["rule"] for f in report["findings"]] == ["invalid-enum"]
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_the_report_file_is_never_one_of_the_inputs(run_cli, tmp_path):
    data = tmp_path / "conn.json"
    data.write_text((FIXTURES / "invalid" / "invalid-enum.json").read_text())
    before = data.read_bytes()
    result = run_cli("check", "-o", str(data), str(data))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (f"terapi-lint: refusing to write the report to {data}: it is one of the files to lint; "
                             "choose another --output\n")
    link = tmp_path / "link.json"
    link.symlink_to(data)
    through_link = run_cli("check", "-o", str(link), str(data))
    assert through_link.exit_code == 2
    assert f"it is the same file as {data}, one of the files to lint" in through_link.stderr
    assert data.read_bytes() == before
    assert run_cli("check", "-o", str(tmp_path / "out.txt"), "-", input=before).exit_code == 1  # stdin is no file


def test_a_report_file_that_cannot_be_written_is_an_error_before_linting(run_cli, tmp_path):
    target = tmp_path / "missing" / "report.txt"
    result = run_cli("check", "-o", str(target), ENUM)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (f"terapi-lint: cannot write the report to {target}: folder {target.parent} does not "
                             "exist; create it or choose another --output\n")


def test_quiet_still_reports_findings_and_what_could_not_be_checked(run_cli, tmp_path):
    assert "invalid-enum" in run_cli("check", "--quiet", ENUM).stdout
    missing = str(tmp_path / "nope.json")
    result = run_cli("check", "--quiet", missing, VALID)
    assert result.exit_code == 2 and "1 path could not be checked" in result.stdout


@pytest.mark.parametrize("severity, fail_on, code", [
    ("warning", "error", 0), ("warning", "warning", 1), ("info", "warning", 0), ("info", "info", 1),
    ("error", "error", 1),
])
def test_fail_on_is_a_threshold(run_cli, tmp_path, severity, fail_on, code):
    config = tmp_path / "lint.toml"
    config.write_text(f'[tool.terapi-lint]\nseverity = {{ "invalid-enum" = "{severity}" }}\n')
    result = run_cli("check", "--config", str(config), "--fail-on", fail_on, ENUM)
    assert result.exit_code == code and f"{severity} invalid-enum" in result.stdout


def test_a_schema_that_cannot_be_read_exits_2_before_linting(run_cli, tmp_path):
    missing = str(tmp_path / "gone.schema.json")
    result = run_cli("check", "--schema", missing, ENUM)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("terapi-lint: ") and result.stderr.count("\n") == 1


def test_the_console_script_names_itself_terapi_lint(capsys):
    from terapi_lint.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith("terapi-lint, version ")


def test_help_lists_every_command(run_cli):
    lines = run_cli("--help").stdout.split("Commands:\n")[1].splitlines()
    assert [line.split()[0] for line in lines if line.startswith("  ") and not line.startswith("   ")] == [
        "check", "check-compiled", "compile", "rule", "rules"]


def test_the_summary_counts_files_and_records(run_cli):
    result = run_cli("check", VALID, ENUM)
    assert result.stdout.splitlines()[-1] == "1 error, 0 warnings, 0 info in 2 files (2 records); top rules: invalid-enum 1."


def test_under_github_actions_the_text_report_is_followed_by_annotations(run_cli):
    env = {"GITHUB_ACTIONS": "true"}
    lines = run_cli("check", ENUM, env=env).stdout.splitlines()
    at = lines.index("1 error, 0 warnings, 0 info in 1 file (1 record); top rules: invalid-enum 1.")
    assert lines[at + 1:] == lines[-1:]  # the summary, then the annotation
    lines = lines[at - 1:]
    assert lines[2].startswith("::error file=") and lines[2].endswith("title=terapi-lint invalid-enum"
                                                                      "::/credentials/type: credentials.type "
                                                                      "'OAuth2' is not allowed; did you mean 'oauth2'?")
    assert not any(line.startswith("::") for line in run_cli("check", "-f", "json", ENUM, env=env).stdout.splitlines())


def test_colour_when_asked_never_in_a_report_file_or_another_format(run_cli, tmp_path):
    assert "\x1b[1;31merror\x1b[0m" in run_cli("check", "--color", ENUM).stdout
    target = tmp_path / "report.txt"
    run_cli("check", "--color", "-o", str(target), ENUM)
    assert "\x1b[" not in target.read_text() and "error invalid-enum" in target.read_text()
    assert "\x1b[" not in run_cli("check", "--color", "-f", "github", ENUM).stdout


def test_quiet_still_says_what_was_not_parsed_or_hidden(run_cli, tmp_path):
    nan = str(FIXTURES / "invalid" / "parse-error-nan.json")
    result = run_cli("check", "--quiet", "--ignore", "parse-error", nan)
    assert result.exit_code == 0
    assert result.stdout == "No findings in 1 file (0 records); 1 file not parsed (parse-error is ignored).\n"
    config = tmp_path / "lint.toml"
    config.write_text(f'[tool.terapi-lint.per-file-ignores]\n"{ENUM}" = ["invalid-enum"]\n')
    hidden = run_cli("check", "--quiet", "--config", str(config), ENUM)
    assert hidden.exit_code == 0
    assert hidden.stdout.splitlines()[-1] == "No findings (1 suppressed by per-file-ignores) in 1 file (1 record)."
    assert "invalid-enum  error     1" in hidden.stdout  # the statistics table shows what was hidden


def test_the_json_report_names_each_path_that_could_not_be_checked(run_cli, tmp_path):
    missing = str(tmp_path / "nope.json")
    summary = json.loads(run_cli("check", "-f", "json", missing, VALID).stdout)["summary"]
    assert summary["unreadable"] == [f"{missing}: no such file or folder"]


def test_sarif_from_the_command_line_describes_every_rule(run_cli):
    from terapi_lint import rules

    [run] = json.loads(run_cli("check", "-f", "sarif", ENUM).stdout)["runs"]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [r.NAME for r in rules.ALL_RULES]
    assert run["results"][0]["ruleId"] == "invalid-enum" and "ruleIndex" in run["results"][0]


def test_sarif_paths_are_relative_to_the_workspace_from_a_sub_folder(run_cli, tmp_path, monkeypatch):
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a.json").write_text((FIXTURES / "invalid" / "invalid-enum.json").read_text())
    monkeypatch.chdir(sub)
    [run] = json.loads(run_cli("check", "-f", "sarif", "a.json", env={"GITHUB_WORKSPACE": str(tmp_path)}).stdout)["runs"]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": f"file://{tmp_path}/"}}
    [result] = run["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "sub/a.json"


def test_github_annotations_name_the_file_from_the_workspace_when_run_from_a_sub_folder(run_cli, tmp_path, monkeypatch):
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a.json").write_text((FIXTURES / "invalid" / "invalid-enum.json").read_text())
    monkeypatch.chdir(sub)
    out = run_cli("check", "-f", "github", "a.json", env={"GITHUB_WORKSPACE": str(tmp_path)}).stdout
    assert out.startswith("::error file=sub/a.json,line=")


def test_usage_names_the_program_terapi_lint(capsys):
    from terapi_lint.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    assert capsys.readouterr().out.startswith("Usage: terapi-lint [OPTIONS] COMMAND [ARGS]...")


@pytest.mark.parametrize("trouble", ["none", "unreadable", "unparsed"])
def test_sarif_written_to_a_file_is_the_log_on_stdout(run_cli, tmp_path, monkeypatch, trouble):
    """-o writes SARIF's results straight after the head of a run that succeeds and rewrites the
    head when the run did not (a missing path, a file not parsed): the same bytes either way."""
    monkeypatch.chdir(ROOT)
    args = ["check", "-f", "sarif", str(FIXTURES)]
    if trouble == "unreadable":
        args.append("no/such/file.json")
    if trouble == "unparsed":
        args += ["--ignore", "parse-error"]
    on_stdout = run_cli(*args)
    report = tmp_path / "report.sarif"
    to_file = run_cli(*args, "-o", str(report))
    assert to_file.exit_code == on_stdout.exit_code
    assert report.read_text(encoding="utf-8") == on_stdout.stdout
    invocation = json.loads(on_stdout.stdout)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is (trouble != "unreadable")
    assert ("toolExecutionNotifications" in invocation) is (trouble != "none")
    assert len(json.loads(on_stdout.stdout)["runs"][0]["results"]) > 50
