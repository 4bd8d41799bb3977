"""The settings reference in the README, rendered from the settings table.

``python scripts/update_reference.py`` writes it between the ``settings:start`` and
``settings:end`` markers; a test fails when it is out of date.
"""

from __future__ import annotations

from terapi_lint.config.kinds import Flag, ListOf
from terapi_lint.config.settings import SETTINGS, Setting


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _flags(setting: Setting) -> str:
    metavar = setting.kind.metavar
    shown = []
    for flag in setting.flags:
        shown.extend(flag.split("/"))
    out = ", ".join(f"`{f} {metavar}`" if metavar and f.startswith("--") else f"`{f}`" for f in shown)
    return out + (" (repeatable)" if isinstance(setting.kind, ListOf) else "")


def settings_reference_markdown(settings: tuple[Setting, ...] = SETTINGS) -> str:
    """A Markdown table: flags, config key, values, default and meaning of every setting.

    A flag that takes no value shows none; in a config file the same setting is true or false.
    """
    lines = [
        "| Flag | Config key | Value | Default | What it does |",
        "| --- | --- | --- | --- | --- |",
    ]
    for s in settings:
        default = s.kind.show(s.default)
        value = "" if isinstance(s.kind, Flag) and not s.key else s.kind.doc
        lines.append(
            f"| {_flags(s) or '(config only)'} | {f'`{s.key}`' if s.key else '(flag only)'} "
            f"| {_cell(value)} | {_cell(f'`{default}`') if default else ''} | {_cell(s.help)} |"
        )
    return "\n".join(lines)
