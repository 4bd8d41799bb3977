"""Finding and reading the config file: ``[tool.terapi-lint]`` in ``pyproject.toml``, or a
``.terapi-lint.toml`` whose whole content is the table.

Discovery (:func:`find_config`): starting at a folder and walking up, the first directory holding a
``.terapi-lint.toml`` or a ``pyproject.toml`` that *has* a ``[tool.terapi-lint]`` table wins;
``.terapi-lint.toml`` beats ``pyproject.toml`` in the same directory.  A ``pyproject.toml`` without
the table does not stop the walk (monorepos), but a directory containing ``.git`` does (after it
is checked): a repository never picks up settings from outside itself.  ``--config FILE`` skips
discovery; FILE is either a pyproject-style file (it has a ``[tool]`` table, which must contain
``terapi-lint``) or a file whose top level is the table.

The configuration belongs to the files: ``check`` starts discovery at each path it is given
(:func:`config_for_paths`), and a run whose paths (or the files found in its folders,
:meth:`Finder.refuse_others`) belong to different configurations is refused rather than linted
with the wrong one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

from terapi_lint.config.kinds import ConfigError
from terapi_lint.config.table import read_table
from terapi_lint.config.toml_positions import array_positions
from terapi_lint.findings import pointer_from_path

TABLE = "terapi-lint"
PYPROJECT = "pyproject.toml"
DOTFILE = ".terapi-lint.toml"


@dataclass(frozen=True)
class Config:
    """What a config file sets: setting name → value (only the keys it has), and the file."""

    values: Mapping[str, Any] = field(default_factory=dict)
    source: Path | None = None
    #: The path discovery started from (None: the file was named with ``--config``, or none was looked for).
    found_from: str | None = field(default=None, compare=False)

    @property
    def root(self) -> Path | None:
        """The file's folder: relative paths and globs in it are relative to this."""
        return None if self.source is None else self.source.parent


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    try:
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8")
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{_display(path)}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{_display(path)}: invalid TOML: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{_display(path)}: cannot read: {exc.strerror or exc}") from None


def _mentions_us(path: Path) -> bool:
    """A cheap look before parsing: a pyproject.toml without our name cannot hold our table."""
    try:
        data = path.read_bytes()
    except OSError:
        return True  # let the parse report it
    return b"terapi-lint" in data or b"terapi_lint" in data


def _table_key(data: dict[str, Any]) -> str | None:
    """The name our table has under ``[tool]`` (kebab- or snake-case), if it is there."""
    tool = data.get("tool")
    if isinstance(tool, dict):
        for name in (TABLE, "terapi_lint"):
            if name in tool:
                return name
    return None


def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The config file that applies in ``start`` (default: the cwd), or None.  See module doc."""
    return Finder().nearest(Path(start if start is not None else os.getcwd()).resolve())


class Finder:
    """Config discovery for one run, remembering each folder's answer (a walk asks per folder)."""

    def __init__(self) -> None:
        self._known: dict[Path, Path | None] = {}
        self._folders: dict[str, Path | None] = {}

    def nearest(self, folder: Path) -> Path | None:
        """The config file that applies in ``folder`` (absolute, resolved), or None."""
        if folder in self._known:
            return self._known[folder]
        found: Path | None = None
        dotfile, pyproject = folder / DOTFILE, folder / PYPROJECT
        # os.path answers False where it may not look (a folder the user cannot read): no config there.
        if os.path.isfile(dotfile):
            found = dotfile
        elif os.path.isfile(pyproject) and _mentions_us(pyproject) and _table_key(_read_toml(pyproject)[0]) is not None:
            found = pyproject
        elif not os.path.exists(folder / ".git") and folder.parent != folder:
            found = self.nearest(folder.parent)
        self._known[folder] = found
        return found

    def of(self, path: str) -> Path | None:
        """The config file of a path to lint: the nearest above it (a folder starts at itself;
        ``-``, stdin, at the cwd)."""
        absolute = os.path.abspath(os.getcwd() if path == "-" else path)
        folder = absolute if os.path.isdir(absolute) else os.path.dirname(absolute)
        if folder not in self._folders:
            start = Path(folder)
            while not os.path.isdir(start) and start.parent != start:  # a missing path: its nearest folder
                start = start.parent
            self._folders[folder] = self.nearest(start.resolve())
        return self._folders[folder]

    def refuse_others(self, files: Iterable[str], config: Path | None) -> None:
        """Raise :class:`ConfigError` when one of ``files`` belongs to another config than ``config``."""
        for file in files:
            own = self.of(file)
            if own != config:
                raise ConfigError(_mixed(file, own, config))


def _describe_config(config: Path | None) -> str:
    return _display(config) if config is not None else "no config file"


def _mixed(path: str, own: Path | None, other: Path | None, other_path: str | None = None) -> str:
    used = f"{_describe_config(other)} (found for {other_path})" if other_path else _describe_config(other)
    return (f"{path} belongs to {_describe_config(own)}, but this run uses {used}; lint the paths "
            "of each configuration in a separate run, or name one with --config")


def config_for_paths(paths: Iterable[str], finder: Finder | None = None) -> tuple[Path | None, str]:
    """The config file the paths to lint belong to, and the path it was found from.

    Discovery starts at each path (the nearest config above it wins, as for :func:`find_config`);
    paths that belong to different configurations raise :class:`ConfigError` naming two of them.
    """
    finder = finder or Finder()
    chosen: tuple[Path | None, str] | None = None
    for path in paths:
        own = finder.of(path)
        if chosen is None:
            chosen = (own, path)
        elif own != chosen[0]:
            raise ConfigError(_mixed(path, own, chosen[0], chosen[1]))
    return chosen or (finder.of("-"), "-")


def load_config(
    path: str | os.PathLike[str] | None = None,
    *,
    cwd: str | os.PathLike[str] | None = None,
    rules: Iterable[Any] | None = None,
    paths: Iterable[str] | None = None,
) -> Config:
    """Load the config: the explicit ``path`` (``--config``), else the one the ``paths`` to lint
    belong to (:func:`config_for_paths`), else the one discovered from ``cwd``.

    Returns an empty :class:`Config` when there is none.  With ``rules`` (the registry), rule names
    and code prefixes in select/ignore/severity/per-file-ignores/allowlist are checked against it.
    Unknown keys and bad values raise :class:`ConfigError` naming the file and the key.
    """
    if path is None:
        if paths is not None:
            found, found_from = config_for_paths(paths)
        else:
            found, found_from = find_config(cwd), os.fspath(cwd or ".")
        if found is None:
            return Config(found_from=found_from)
        source = found
    else:
        source = Path(path)
        if not source.is_absolute() and cwd is not None:
            source = Path(cwd) / source
        if not source.is_file():
            raise ConfigError(f"{_display(source)}: config file not found")
    data, text = _read_toml(source)
    if source.name == PYPROJECT or isinstance(data.get("tool"), dict):
        name = _table_key(data)
        if name is None:
            raise ConfigError(f"{_display(source)}: no [tool.{TABLE}] table")
        table, prefix, where = data["tool"][name], ("tool", name), f"{_display(source)}: [tool.{TABLE}]"
    else:
        table, prefix, where = data, (), f"{_display(source)}:"
    positions = lru_cache(maxsize=1)(lambda: array_positions(text))

    def locate(path: tuple[str | int, ...]) -> tuple[str, int, int]:
        line, column = positions().get((*prefix, *path), (1, 1))
        return pointer_from_path((*prefix, *path)), line, column

    source = source.resolve()
    values = read_table(table, where=where, root=source.parent, rules=rules, locate=locate)
    return Config(values, source, None if path is not None else found_from)
