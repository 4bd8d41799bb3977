"""`terapi-lint compile`, driven through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from terapi_lint.cli_compile import compile_command
from terapi_lint.structure import render_schema

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "schemas" / "connection.structure.json"
COMPILED = ROOT / "schemas" / "connection.schema.json"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli() -> click.Group:
    """A throwaway group standing in for the real `terapi-lint` entry point."""
    group = click.Group("terapi-lint")
    group.add_command(compile_command, "compile")
    return group


def write(tmp_path: Path, name: str, doc: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_compile_to_stdout(runner: CliRunner, cli: click.Group) -> None:
    result = runner.invoke(cli, ["compile", str(SEED)])
    assert result.exit_code == 0, result.output
    assert result.stdout == COMPILED.read_text(encoding="utf-8")
    assert result.stderr == ""


def test_compile_to_file(runner: CliRunner, cli: click.Group, tmp_path: Path) -> None:
    out = tmp_path / "out.schema.json"
    result = runner.invoke(cli, ["compile", str(SEED), "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_bytes() == COMPILED.read_bytes()


def test_check_up_to_date(runner: CliRunner, cli: click.Group) -> None:
    result = runner.invoke(cli, ["compile", str(SEED), "--check", str(COMPILED)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "connection.schema.json: up to date\n"


def test_check_stale_shows_short_diff(runner: CliRunner, cli: click.Group, tmp_path: Path) -> None:
    stale = tmp_path / "connection.schema.json"
    stale.write_text(COMPILED.read_text(encoding="utf-8").replace('"title": "Terapi', '"title": "Old'), encoding="utf-8")
    result = runner.invoke(cli, ["compile", str(SEED), "--check", str(stale)])
    assert result.exit_code == 1
    assert result.stderr.startswith("connection.schema.json: stale; regenerate with: terapi-lint compile ")
    assert '-  "title": "Old Integration Connection",' in result.stdout
    assert '+  "title": "Terapi Integration Connection",' in result.stdout
    assert len(result.stdout.splitlines()) <= 41


def test_refusal_is_one_line_exit_2(runner: CliRunner, cli: click.Group, tmp_path: Path) -> None:
    fields = [{"name": n, "type": "string"} for n in "abc"] + [{"name": "d", "type": "signal"}]
    path = write(tmp_path, "structure.json", {"name": "x", "fields": fields})
    result = runner.invoke(cli, ["compile", str(path)])
    assert result.exit_code == 2
    assert result.stderr == "structure.json: /fields/3/type: unknown type word 'signal'\n"
    assert result.stdout == ""
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("[1]", "bad.json: structure file must be a JSON object"),
        ("{oops", "bad.json: invalid JSON at line 1:2: Expecting property name enclosed in double quotes"),
        ('{"name": "x", "fields": {"a": "string"}}',
         "bad.json: /fields: `fields` must be a list of {name, type}; got an object keyed by field name"),
    ],
)
def test_document_refusals(runner: CliRunner, cli: click.Group, tmp_path: Path, content: str, line: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(cli, ["compile", str(path)])
    assert (result.exit_code, result.stderr) == (2, line + "\n")


def test_missing_file_is_a_usage_error_without_traceback(runner: CliRunner, cli: click.Group, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["compile", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.strip() == "nope.json: cannot read file: No such file or directory"


def test_warnings_go_to_stderr_and_compilation_continues(runner: CliRunner, cli: click.Group, tmp_path: Path) -> None:
    path = write(tmp_path, "msg.json", {"name": "Msg", "fields": [{"name": "reply", "type": "Message"}]})
    result = runner.invoke(cli, ["compile", str(path)])
    assert result.exit_code == 0
    assert result.stderr == (
        "msg.json: /fields/0/type: warning: unresolved reference 'Message': not defined in `nested`, "
        '`definitions` or inline fields; compiled as {"type": "object"}\n'
    )
    assert json.loads(result.stdout)["properties"]["reply"] == {"type": "object"}


def test_strict_turns_warnings_into_refusals(runner: CliRunner, cli: click.Group, tmp_path: Path) -> None:
    path = write(tmp_path, "msg.json", {"name": "Msg", "fields": [{"name": "reply", "type": "Message"}]})
    result = runner.invoke(cli, ["compile", str(path), "--strict"])
    assert result.exit_code == 2
    assert result.stderr.startswith("msg.json: /fields/0/type: unresolved reference 'Message'")
    assert "warning" not in result.stderr and result.stdout == ""


def test_closed(runner: CliRunner, cli: click.Group) -> None:
    result = runner.invoke(cli, ["compile", str(SEED), "--closed"])
    schema = json.loads(result.stdout)
    assert result.exit_code == 0
    assert schema["additionalProperties"] is False
    assert schema["properties"]["credentials"]["additionalProperties"] is False
    assert "additionalProperties" not in schema["properties"]["metadata"]


def test_output_is_byte_identical_across_runs(runner: CliRunner, cli: click.Group) -> None:
    first = runner.invoke(cli, ["compile", str(SEED)]).stdout
    assert runner.invoke(cli, ["compile", str(SEED)]).stdout == first == render_schema(json.loads(first))


def test_command_works_standalone(runner: CliRunner) -> None:
    result = runner.invoke(compile_command, [str(SEED)])
    assert result.exit_code == 0 and result.stdout.startswith("{\n")


def test_check_compiled_takes_either_file_of_the_pair(runner: CliRunner, tmp_path: Path) -> None:
    from terapi_lint.cli_compile import check_compiled_command

    structure = tmp_path / "conn.structure.json"
    structure.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "conn.schema.json").write_text(COMPILED.read_text(encoding="utf-8"), encoding="utf-8")
    both = runner.invoke(check_compiled_command, [str(tmp_path / "conn.schema.json"), str(structure)])
    assert both.exit_code == 0 and both.stderr == ""
    (tmp_path / "conn.schema.json").write_text("{}\n", encoding="utf-8")
    stale = runner.invoke(check_compiled_command, [str(tmp_path / "conn.schema.json")])
    assert stale.exit_code == 1 and stale.stderr.count("stale; regenerate with") == 1
    alone = write(tmp_path, "hand.schema.json", {"type": "object"})
    hand = runner.invoke(check_compiled_command, [str(alone)])
    assert hand.exit_code == 0 and hand.stderr == f"{alone}: no structure beside it; nothing to check\n"
