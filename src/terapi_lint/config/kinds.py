"""The kinds of value a setting takes, each read the same way from a config file and a flag.

A kind checks a value from a TOML table (:meth:`Kind.read`) or from the command line
(:meth:`Kind.from_flag`, which also splits comma-separated lists), says how click should parse the
flag (:meth:`Kind.click`), and describes itself for the reference (:attr:`Kind.doc`).  A bad value
raises :class:`ConfigError` naming the key or the flag, never repeating a secret.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from terapi_lint.findings import path_from_pointer

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


class ConfigError(Exception):
    """A setting that cannot be used; the message is ready to show (no traceback)."""


@dataclass(frozen=True)
class Place:
    """Where a value comes from: a key of a config file, or a flag.

    ``label`` names it in messages (``fail-on``, ``severity.date-time``, ``allowlist[0]``,
    ``--jobs``); ``root`` is the config file's folder, which relative paths are joined to;
    ``known`` holds the rule names and codes when selectors are checked against the registry;
    ``path`` is the value's place in the file, for :attr:`locate`.
    """

    label: str
    root: Path | None = None
    known: frozenset[str] | None = None
    path: tuple[str | int, ...] = ()
    #: ``locate(path) -> (pointer, line, column)`` of a value in the config file, when known.
    locate: Callable[[tuple[str | int, ...]], tuple[str, int, int]] | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        return f"'{self.label}'"

    def at(self, key: str | int) -> Place:
        """The place of one member or item of this value."""
        if isinstance(key, int):
            label = f"{self.label}[{key}]"
        else:
            label = f"{self.label}.{key if _BARE_KEY.match(key) else repr_toml(key)}"
        return replace(self, label=label, path=(*self.path, key))

    def fail(self, message: str) -> ConfigError:
        return ConfigError(f"{self.name} {message}")


def repr_toml(key: str) -> str:
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Kind:
    """One kind of value.  Subclasses override what differs."""

    #: How the reference describes the values, e.g. "`true` or `false`".
    doc: str = ""
    #: A flag's placeholder in ``--help`` (``FILE``, ``N``...), when the flag takes a value.
    metavar: str | None = None

    def read(self, value: Any, place: Place) -> Any:
        """The setting's value from a TOML value; raises :class:`ConfigError`."""
        raise NotImplementedError

    def from_flag(self, value: Any, place: Place) -> Any:
        """The setting's value from what click parsed (already of the right type by default)."""
        return value

    def click(self, default: Any) -> dict[str, Any]:
        """Keyword arguments for ``click.Option``."""
        return {"metavar": self.metavar} if self.metavar else {}

    def show(self, value: Any) -> str | None:
        """A default as ``--help`` and the reference show it (None: not shown)."""
        return None


@dataclass(frozen=True)
class Flag(Kind):
    """On or off.  A flag switches the default (``--strict`` on, ``--no-format-assertion`` off);
    declared as ``--color/--no-color`` it is a pair, whose default may be None (decide later)."""

    doc: str = "`true` or `false`"

    def read(self, value: Any, place: Place) -> bool:
        if not isinstance(value, bool):
            raise place.fail("must be true or false")
        return value

    def click(self, default: Any) -> dict[str, Any]:
        return {"is_flag": True, "flag_value": not default, "default": default}


@dataclass(frozen=True)
class Choice(Kind):
    """One of a list of names, usually a registry's keys (formats, severities)."""

    choices: Sequence[str] = ()
    #: Whether ``-f JSON`` is refused on the command line (config files are always exact).
    case_sensitive: bool = True

    @property
    def doc(self) -> str:  # type: ignore[override]
        return " | ".join(f"`{c}`" for c in self.choices)

    def read(self, value: Any, place: Place) -> str:
        if value not in self.choices:
            raise place.fail(f"must be one of {', '.join(self.choices)}")
        return value

    def click(self, default: Any) -> dict[str, Any]:
        import click

        return {"type": click.Choice(list(self.choices), case_sensitive=self.case_sensitive)}

    def show(self, value: Any) -> str | None:
        return value


@dataclass(frozen=True)
class IntRange(Kind):
    """An integer, at least ``min``."""

    min: int = 0
    metavar: str | None = "N"

    @property
    def doc(self) -> str:  # type: ignore[override]
        return f"integer >= {self.min}"

    def read(self, value: Any, place: Place) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < self.min:
            raise place.fail(f"must be an integer >= {self.min}")
        return value

    def click(self, default: Any) -> dict[str, Any]:
        import click

        return {**super().click(default), "type": click.IntRange(min=self.min)}


@dataclass(frozen=True)
class File(Kind):
    """A path to a file (or with ``folder``, to a folder); in a config file, relative to the config
    file's folder."""

    metavar: str | None = "FILE"
    writable: bool = False
    folder: bool = False
    doc: str = "path"

    def read(self, value: Any, place: Place) -> str:
        if not isinstance(value, str) or not value:
            raise place.fail("must be a path (string)")
        path = Path(value).expanduser()
        return str(path if path.is_absolute() or place.root is None else place.root / path)

    def click(self, default: Any) -> dict[str, Any]:
        import click

        kind = click.Path(dir_okay=self.folder, file_okay=not self.folder, writable=self.writable)
        return {**super().click(default), "type": kind}


@dataclass(frozen=True)
class Pointer(Kind):
    """An RFC 6901 JSON Pointer, kept as the tuple of its reference tokens."""

    metavar: str | None = "POINTER"
    doc: str = "JSON Pointer (`\"\"` or starting with `/`)"

    def read(self, value: Any, place: Place) -> tuple[str, ...]:
        if not isinstance(value, str) or (value and not value.startswith("/")):
            raise place.fail("must be a JSON Pointer (\"\" or starting with '/')")
        return path_from_pointer(value)

    def from_flag(self, value: Any, place: Place) -> Any:
        return None if value is None else self.read(value, place)


@dataclass(frozen=True)
class Text(Kind):
    """A non-empty string (a glob, a name)."""

    metavar: str | None = "TEXT"
    doc: str = "string"

    def read(self, value: Any, place: Place) -> str:
        if not isinstance(value, str) or not value:
            raise place.fail("must be a non-empty string")
        return value


@dataclass(frozen=True)
class Selector(Kind):
    """A rule name or a code prefix (``secret-key``, ``TL2``), checked against the registry.

    ``exact`` codes name one rule (an allowlist entry), never a group.
    """

    metavar: str | None = "RULES"
    exact: bool = False
    doc: str = "rule name or code prefix"

    def read(self, value: Any, place: Place) -> str:
        from terapi_lint.config.selection import CODE_PREFIX, RULE_NAME, closest

        if not isinstance(value, str):
            raise place.fail("entries must be strings")
        is_code = bool(CODE_PREFIX.match(value))
        if not is_code and CODE_PREFIX.match(value.upper()):
            raise ConfigError(f"{place.name}: '{value}': codes are upper case (did you mean '{value.upper()}'?)")
        if not is_code and not RULE_NAME.match(value):
            raise ConfigError(f"{place.name}: '{value}' is neither a rule name nor a code prefix like TL2")
        known = place.known
        if known is None:
            return value
        if is_code and not self.exact:
            ok = any(k.startswith(value) for k in known if CODE_PREFIX.match(k))
        else:
            ok = value in known
        if not ok:
            raise ConfigError(f"{place.name}: no rule matches '{value}'{closest(value, sorted(known))}")
        return value


@dataclass(frozen=True)
class ListOf(Kind):
    """A list of items of one kind.  As a flag it repeats, and ``split`` also cuts each use at
    commas (``--select TL1,TL2``).  A config file may give one item as a plain string."""

    item: Kind = field(default_factory=Text)
    split: bool = True
    #: What the list holds, for messages and the reference ("rule names or codes").
    noun: str = "non-empty strings"

    @property
    def doc(self) -> str:  # type: ignore[override]
        return f"list of {self.noun}"

    @property
    def metavar(self) -> str | None:  # type: ignore[override]
        return self.item.metavar

    def read(self, value: Any, place: Place) -> tuple[Any, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise place.fail(f"must be a list of {self.noun}")
        return tuple(self.item.read(v, place) for v in value)

    def from_flag(self, value: Iterable[str], place: Place) -> tuple[Any, ...] | None:
        items = [p.strip() for v in value for p in v.split(",")] if self.split else list(value)
        items = [i for i in items if i]
        return tuple(self.item.read(i, place) for i in items) if items else None

    def click(self, default: Any) -> dict[str, Any]:
        return {**super().click(default), "multiple": True}

    def show(self, value: Any) -> str | None:
        return " ".join(value) if value else None


@dataclass(frozen=True)
class MapOf(Kind):
    """A table from keys of one kind (rules, globs) to values of another."""

    key: Kind = field(default_factory=Text)
    value: Kind = field(default_factory=Text)
    #: How the reference and messages show one member, e.g. ``glob = [rules]``.
    shape: str = "key = value"

    @property
    def doc(self) -> str:  # type: ignore[override]
        return f"table of {self.shape}"

    def read(self, value: Any, place: Place) -> dict[Any, Any]:
        if not isinstance(value, dict):
            raise place.fail(f"must be a table of {self.shape}")
        return {self.key.read(k, place): self.value.read(v, place.at(k)) for k, v in value.items()}


@dataclass(frozen=True)
class OneOf(Kind):
    """One of several kinds, told apart by the TOML type of the value (a string or a table...).

    ``options`` pairs a Python type with the kind that reads values of that type; a flag takes
    the first option's kind (``--records POINTER``, where a config file may also give a table).
    """

    options: tuple[tuple[type, Kind], ...] = ()

    @property
    def doc(self) -> str:  # type: ignore[override]
        return ", or ".join(kind.doc for _, kind in self.options)

    @property
    def metavar(self) -> str | None:  # type: ignore[override]
        return self.options[0][1].metavar

    def kind_of(self, value: Any) -> Kind | None:
        """The option that reads ``value``, or None."""
        return next((kind for typ, kind in self.options if isinstance(value, typ)), None)

    def read(self, value: Any, place: Place) -> Any:
        kind = self.kind_of(value)
        if kind is None:
            raise place.fail("must be " + ", or ".join(kind.doc for _, kind in self.options))
        return kind.read(value, place)

    def from_flag(self, value: Any, place: Place) -> Any:
        return self.options[0][1].from_flag(value, place)

    def click(self, default: Any) -> dict[str, Any]:
        return self.options[0][1].click(default)
