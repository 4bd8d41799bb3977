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
from terapi_lint.run import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED


class _Group(click.Group):
    """Usage errors exit 2 (click's default); anything unexpected is one line, never a traceback.

    Commands are imported only when called, so each one pays only for what it uses.
    """

    LAZY = {
        "check": ("terapi_lint.cli_check", "check_command"),
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
