"""``check --show-settings``: the resolved settings, each with where it came from.

The first line names the config file and how it was chosen; then one line per setting of the
table, TOML-like (``key = value``), ending with ``# config file``, ``# flag`` or ``# default``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from terapi_lint.config.kinds import Kind, MapOf, OneOf, Pointer
from terapi_lint.config.settings import SETTINGS, Settings
from terapi_lint.findings import pointer_from_path

_ORIGINS = {"config": "config file", "flag": "flag"}


def _value(kind: Kind, value: Any) -> str:
    """One value as a config file would write it."""
    if value is None:
        return "(not set)"
    if isinstance(kind, OneOf):
        return _value(kind.kind_of(pointer_from_path(value) if isinstance(value, tuple) else value) or Kind(), value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(kind, Pointer):
        return json.dumps(pointer_from_path(value), ensure_ascii=False)
    if isinstance(value, Mapping):
        inner = kind.value if isinstance(kind, MapOf) else Kind()
        items = ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {_value(inner, v)}" for k, v in value.items())
        return f"{{ {items} }}" if items else "{}"
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
    return f"{len(value)} entries" if isinstance(value, tuple) else str(value)


def _config_line(settings: Settings) -> str:
    if settings.config_file is None:
        where = settings.config_found_from
        return f"config file: none (none found above {where})" if where else "config file: none"
    shown = os.path.relpath(settings.config_file) if os.path.isabs(settings.config_file) else settings.config_file
    how = f"the nearest above {settings.config_found_from}" if settings.config_found_from else "given with --config"
    return f"config file: {shown} ({how})"


def show_settings(settings: Settings) -> str:
    """The text ``--show-settings`` prints."""
    lines = [_config_line(settings)]
    for setting in SETTINGS:
        if setting.name in ("config_file", "show_files", "show_settings"):
            continue
        label = setting.key or setting.label
        origin = _ORIGINS.get(settings.origins.get(setting.name, ""), "default")
        lines.append(f"{label} = {_value(setting.kind, getattr(settings, setting.name))}  # {origin}")
    return "\n".join(lines) + "\n"
