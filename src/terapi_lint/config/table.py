"""Check a ``[tool.terapi-lint]`` table against the settings table, key by key.

Keys are kebab-case (snake_case is accepted too); an unknown key is an error that suggests the
closest known one.  Each value is read by its setting's kind, so the messages name the key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from terapi_lint.config.kinds import ConfigError, Place
from terapi_lint.config.selection import closest, known_selectors
from terapi_lint.config.settings import SETTINGS, Setting


def read_table(
    table: Any,
    *,
    where: str = "config:",
    root: Path | None = None,
    rules: Any = None,
    locate: Any = None,
    settings: tuple[Setting, ...] = SETTINGS,
) -> dict[str, Any]:
    """The settings a table sets, by name (``fail_on``), checked and converted.

    ``where`` starts every message (``pyproject.toml: [tool.terapi-lint]``); ``root`` is the config
    file's folder; with ``rules`` (the registry), rule names and codes are checked against it;
    ``locate(path)`` gives the place of a value in the file (see :class:`~.kinds.Place`).
    """
    try:
        return _read(table, root, known_selectors(rules), locate, settings)
    except ConfigError as error:
        raise ConfigError(f"{where} {error}") from None


def _read(table: Any, root: Path | None, known: Any, locate: Any, settings: tuple[Setting, ...]) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise ConfigError("must be a table")
    by_key = {s.key: s for s in settings if s.key}
    values: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        setting = by_key.get(key)
        if setting is None:
            raise ConfigError(f"unknown key '{raw_key}'{closest(key, by_key)}")
        if setting.name in values:
            raise ConfigError(f"key '{key}' is given twice (as kebab-case and snake_case)")
        place = Place(key, root=root, known=known, path=(raw_key,), locate=locate)
        values[setting.name] = setting.kind.read(value, place)
    return values
