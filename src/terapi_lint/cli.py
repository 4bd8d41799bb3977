"""The ``terapi-lint`` command line: a thin shell over the library.

Each command parses its options, builds the library objects, runs them and maps the outcome to an
exit code: 0 clean, 1 findings at or above the fail level, 2 usage error, unreadable path, bad
configuration or internal error.  Nothing here decides what a finding is.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from terapi_lint import __version__
from terapi_lint.findings import SEVERITIES, path_from_pointer
from terapi_lint.run import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED


class _Group(click.Group):
    """Usage errors exit 2 (click's default); anything unexpected is one line, never a traceback.

    The structure commands are imported only when called, so ``check`` starts fast.
    """

    LAZY = {
        "compile": ("terapi_lint.cli_compile", "compile_command"),
        "check-compiled": ("terapi_lint.cli_compile", "check_compiled_command"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.LAZY:
            import importlib

            module, attr = self.LAZY[name]
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except BrokenPipeError:
            # The reader went away (`terapi-lint check ... | head`): stop quietly.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(EXIT_FINDINGS)
        except KeyboardInterrupt:
            click.echo("terapi-lint: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except Exception as error:  # noqa: BLE001 - the last line of defence
            # The exception text could quote input, so only its type is shown.
            click.echo(f"terapi-lint: internal error ({type(error).__name__}); please report it", err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="terapi-lint")
def cli() -> None:
    """Validate and lint Terapi integration connection records."""


def _load_config(ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    """Eager ``--config``: read the file (or discover one) and make its values the defaults."""
    from terapi_lint import rules
    from terapi_lint.config import ConfigError, config_to_default_map, load_config

    try:
        config = load_config(value, rules=rules.ALL_RULES)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    ctx.default_map = {**(ctx.default_map or {}), **config_to_default_map(config)}
    ctx.meta["terapi_lint.config"] = config
    return config


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


@cli.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False, allow_dash=True))
@click.option("--config", "config", is_eager=True, callback=_load_config, expose_value=False,
              type=click.Path(dir_okay=False), help="Read settings from this file instead of the discovered pyproject.toml.")
@click.option("--schema", "schema", type=click.Path(dir_okay=False),
              help="A compiled JSON Schema or a field-list structure (compiled on the fly). Default: the built-in connection schema.")
@click.option("--records", "records", metavar="POINTER", help="JSON Pointer to the records in each file, e.g. /response/body/connections.")
@click.option("-f", "--format", "format", default="text", show_default=True,
              type=click.Choice(["text", "json", "sarif", "github", "junit"], case_sensitive=False), help="Report format.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, writable=True), help="Write the report to this file instead of stdout.")
@click.option("--fail-on", "fail_on", default="error", show_default=True, type=click.Choice(SEVERITIES),
              help="Lowest severity that makes the exit code 1.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (unreadable paths still exit 2).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing when there is nothing to report.")
@click.option("--strict", is_flag=True, help="Report members the structure does not define as errors.")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (names or code prefixes, comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (names or code prefixes, comma-separated).")
@click.option("--include", multiple=True, metavar="GLOB", help="File globs to lint inside folders (default: *.json *.yaml *.yml *.ndjson *.jsonl).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching this glob.")
@click.option("--input-format", "kind", type=click.Choice(["json", "yaml", "ndjson"]), help="Parse every input as this format (default: by extension).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: the number of cores).")
@click.option("--color/--no-color", "color", default=None, help="Colour the text report (default: on a terminal, unless NO_COLOR is set).")
@click.pass_context
def check_command(ctx: click.Context, paths: tuple[str, ...], schema: str | None, records: str | None,
                  format: str, output: str | None, fail_on: str, exit_zero: bool, quiet: bool,
                  strict: bool | None, select: tuple[str, ...], ignore: tuple[str, ...],
                  include: tuple[str, ...], exclude: tuple[str, ...], kind: str | None,
                  jobs: int | None, color: bool | None) -> None:
    """Lint connection files, folders and exported dumps (JSON, YAML, NDJSON; '-' for stdin)."""
    from terapi_lint import rules
    from terapi_lint.config import ConfigError, check_selectors
    from terapi_lint.run import CheckArgs, run_check

    try:
        check_selectors(_split(select), "--select", rules.ALL_RULES)
        check_selectors(_split(ignore), "--ignore", rules.ALL_RULES)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    try:
        pointer = path_from_pointer(records) if records is not None else None
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--records") from None
    args = CheckArgs(
        paths=paths, schema=schema, records=pointer, output_format=format.lower(), output=output,
        fail_on=fail_on, exit_zero=exit_zero, quiet=quiet, strict=bool(strict), select=_split(select) or None,
        ignore=_split(ignore) or None, include=_split(include) or None, exclude=_split(exclude), kind=kind,
        jobs=jobs, color=color, config=ctx.meta.get("terapi_lint.config"),
    )
    ctx.exit(run_check(args))


@cli.command("rules")
def rules_command() -> None:
    """List every rule: code, name, default severity and summary."""
    from terapi_lint import rules
    from terapi_lint.ruledoc import rule_doc

    for rule in rules.ALL_RULES:
        click.echo(f"{rule.CODE}  {rule.NAME:<24} {rule.SEVERITY:<8} {rule_doc(rule).summary}")


@cli.command("rule")
@click.argument("name")
@click.option("--markdown", is_flag=True, help="Print the Markdown source instead of plain text.")
@click.pass_context
def rule_command(ctx: click.Context, name: str, markdown: bool) -> None:
    """Print the documentation of one rule (by name or code)."""
    from terapi_lint import rules
    from terapi_lint.ruledoc import render_rule

    try:
        rule = rules.get(name)
    except KeyError as error:
        click.echo(f"terapi-lint: {error.args[0]}", err=True)
        ctx.exit(EXIT_ERROR)
    click.echo(render_rule(rule, markdown=markdown))


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="terapi-lint")


if __name__ == "__main__":  # pragma: no cover
    main()
