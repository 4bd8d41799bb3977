"""The settings table: one declaration gives a flag, a config key, its checks, a default and docs.

A throw-away table shaped like the settings the open issues add (repeatable paths relative to the
config file, an inverted flag, an int range, a per-glob map) shows each costs one entry.
"""

from __future__ import annotations

import dataclasses

import click
import pytest
from click.testing import CliRunner

from terapi_lint.cli_check import click_option
from terapi_lint.config import SETTINGS, ConfigError, Settings
from terapi_lint.config.kinds import Choice, File, Flag, IntRange, ListOf, MapOf, Pointer, Text
from terapi_lint.config.reference import settings_reference_markdown
from terapi_lint.config.settings import setting, table_of
from terapi_lint.config.table import read_table


@dataclasses.dataclass(frozen=True)
class Future:
    schema_dirs: tuple[str, ...] = setting(
        ListOf(File(metavar="DIR"), split=False, noun="folders"), (), "--schema-dir", config=True,
        help="Register every schema in DIR.")
    format_assertion: bool = setting(
        Flag(), True, "--no-format-assertion", config=True, help="Formats are annotations only.")
    max_findings: int | None = setting(IntRange(min=1), None, "--max-findings", help="Stop after N.")
    records: dict[str, tuple[str, ...]] | None = setting(
        MapOf(Text(), Pointer(), shape="glob = pointer"), None, config=True, help="Records per glob.")
    dask: str | None = setting(Choice(("threads", "processes")), None, "--dask", help="Scheduler.")


FUTURE = table_of(Future)


def run(table, args):
    """Parse ``args`` with the click options derived from ``table``; returns the given flags."""
    seen = {}

    @click.command()
    @click.pass_context
    def command(ctx, **flags):
        seen.update({k: v for k, v in flags.items()
                     if ctx.get_parameter_source(k) is click.core.ParameterSource.COMMANDLINE})

    command.params.extend(click_option(s) for s in table if s.flags)
    result = CliRunner().invoke(command, args, catch_exceptions=False)
    return result, seen


def test_one_entry_gives_flag_key_check_and_default(tmp_path):
    result, seen = run(FUTURE, ["--schema-dir", "a,b", "--schema-dir", "c", "--no-format-assertion",
                                "--max-findings", "3", "--dask", "threads"])
    assert result.exit_code == 0, result.output
    assert seen == {"schema_dirs": ("a,b", "c"), "format_assertion": False, "max_findings": 3, "dask": "threads"}
    assert [s.key for s in FUTURE] == ["schema-dirs", "format-assertion", None, "records", None]

    values = read_table({"schema-dirs": ["defs", "/abs"], "format-assertion": False,
                         "records": {"dumps/*.json": "/data"}}, root=tmp_path, settings=FUTURE)
    assert values == {"schema_dirs": (str(tmp_path / "defs"), "/abs"), "format_assertion": False,
                      "records": {"dumps/*.json": ("data",)}}
    assert Future() == Future(schema_dirs=(), format_assertion=True)

    with pytest.raises(ConfigError, match=r"""'records\."dumps/\*\.json"' must be a JSON Pointer"""):
        read_table({"records": {"dumps/*.json": "data"}}, settings=FUTURE)
    with pytest.raises(ConfigError, match=r"unknown key 'max-findings'"):
        read_table({"max-findings": 3}, settings=FUTURE)  # a flag-only setting has no key

    reference = settings_reference_markdown(FUTURE)
    assert "| `--schema-dir DIR` (repeatable) | `schema-dirs` | list of folders |" in reference
    assert "| `--no-format-assertion` | `format-assertion` | `true` or `false` |" in reference


def test_bad_flag_values_are_refused_by_click():
    result, _ = run(FUTURE, ["--max-findings", "0"])
    assert result.exit_code == 2 and "--max-findings" in result.output
    result, _ = run(FUTURE, ["--dask", "mpi"])
    assert result.exit_code == 2 and "'mpi' is not one of 'threads', 'processes'" in result.output


def test_every_setting_has_help_and_a_flag_or_a_key():
    for s in SETTINGS:
        assert s.help.endswith(".") and (s.flags or s.key), s.name
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    flags = [f for s in SETTINGS for decl in s.flags for f in decl.split("/")]
    assert len(flags) == len(set(flags))


def test_choices_come_from_the_registries():
    from terapi_lint.findings import SEVERITIES
    from terapi_lint.loaders import KINDS
    from terapi_lint.reporters import REPORTERS

    by_name = {s.name: s for s in SETTINGS}
    assert tuple(by_name["format"].kind.choices) == tuple(REPORTERS)
    assert tuple(by_name["fail_on"].kind.choices) == SEVERITIES
    assert set(by_name["input_format"].kind.choices) == set(KINDS.values())


def test_settings_are_frozen_and_derive_the_selection(tmp_path):
    settings = Settings(select=("TL2",), ignore=("secret-value",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.strict = True  # type: ignore[misc]
    assert settings.selection.enabled("secret-key", "TL201")
    assert not settings.selection.enabled("secret-value", "TL202")
    assert not settings.selection.enabled("invalid-enum", "TL103")
    assert Settings(config_file=str(tmp_path / "pyproject.toml")).root == str(tmp_path)


def test_command_line_flags_reach_the_settings(tmp_path, monkeypatch, run_cli):
    """-f is case-insensitive, lists repeat and split at commas, pairs switch both ways."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "c.json").write_text('{"id": "a", "provider_config_key": "b", "provider": "c", "x": 1}')
    result = run_cli("check", "-f", "JSON", "--select", "TL1,TL2", "--select", "TL4", "--no-color", "c.json")
    assert result.exit_code == 0 and '"rule": "unknown-field"' in result.stdout
    result = run_cli("check", "--ignore", " unknown-field , TL2", "c.json")
    assert result.exit_code == 0 and "unknown-field" not in result.stdout
    result = run_cli("check", "--records", "no-slash", "c.json")
    assert result.exit_code == 2
    assert "'--records' must be a JSON Pointer" in result.stderr
