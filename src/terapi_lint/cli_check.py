"""``terapi-lint check``: its options come from the settings table, its work from :mod:`.run`.

Only the flags given on the command line are read from click; the config file fills in the rest
and the table's defaults the remainder (:func:`terapi_lint.config.layered`).
"""

from __future__ import annotations

from typing import Any

import click
from click.core import ParameterSource

from terapi_lint.config.settings import SETTINGS, Setting


def click_option(setting: Setting) -> click.Option:
    """The click option of one setting: its flags, help, default and the kind's parsing."""
    shown = setting.kind.show(setting.default) is not None
    return click.Option([*setting.flags, setting.name], help=setting.help, show_default=shown,
                        **{"default": setting.default, **setting.kind.click(setting.default)})


@click.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False, allow_dash=True))
@click.pass_context
def check_command(ctx: click.Context, paths: tuple[str, ...], **flags: Any) -> None:
    """Lint connection files, folders and exported dumps (JSON, YAML, NDJSON; '-' for stdin)."""
    from terapi_lint import rules
    from terapi_lint.config import ConfigError, layered, load_config
    from terapi_lint.config.kinds import Place
    from terapi_lint.config.selection import known_selectors
    from terapi_lint.run import run_check

    known = known_selectors(rules.ALL_RULES)
    given: dict[str, Any] = {}
    try:
        for setting in SETTINGS:
            if setting.flags and ctx.get_parameter_source(setting.name) is ParameterSource.COMMANDLINE:
                value = setting.kind.from_flag(flags[setting.name], Place(setting.label, known=known))
                if value is not None:
                    given[setting.name] = value
        config = load_config(given.get("config_file"), rules=rules.ALL_RULES, paths=paths)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    ctx.exit(run_check(paths, layered(config, given)))


check_command.params.extend(click_option(setting) for setting in SETTINGS if setting.flags)
