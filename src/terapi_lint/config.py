"""Configuration: ``[tool.terapi-lint]`` in ``pyproject.toml``, or a ``.terapi-lint.toml``.

Discovery (:func:`find_config`): starting at the cwd and walking up, the first directory holding a
``.terapi-lint.toml`` (whole file is the table) or a ``pyproject.toml`` that *has* a
``[tool.terapi-lint]`` table wins; ``.terapi-lint.toml`` beats ``pyproject.toml`` in the same
directory.  A ``pyproject.toml`` without the table does not stop the walk (monorepos), but a
directory containing ``.git`` does (after it is checked): a repository never picks up settings from
outside itself.  ``--config FILE`` skips discovery; FILE is either a pyproject-style file (it has a
``[tool]`` table, which must contain ``terapi-lint``) or a file whose top level is the table.

Keys are kebab-case (snake_case is accepted too)::

    [tool.terapi-lint]
    select = ["TL2", "enum-value"]     # rule names or code prefixes
    ignore = ["TL203"]
    severity = { date-time = "warning", metadata-object = "off" }
    fail-on = "warning"                # error | warning | info
    strict = true
    schema = "schemas/connection.schema.json"   # relative to this file's folder
    records = "/connections"           # JSON Pointer to the records in a dump
    include = ["data/**/*.json"]
    exclude = ["data/legacy/*"]
    jobs = 4
    format = "text"
    per-file-ignores = { "fixtures/*.json" = ["secret-key"] }

    [[tool.terapi-lint.allowlist]]
    path = "data/dump.json"
    pointer = "/*/metadata/legacy_key"   # exact, or an fnmatch glob
    rule = "secret-key"
    reason = "rotated in 2025, kept for the migration audit"

Every field of :class:`Config` is ``None`` when not set, so the CLI can layer defaults < config <
flags: :func:`config_to_default_map` gives click's ``default_map`` for the ``check`` command.
Unknown keys and bad values raise :class:`ConfigError` naming the file and the key.
"""

from __future__ import annotations

import difflib
import fnmatch
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

from terapi_lint.findings import SEVERITIES

TABLE = "terapi-lint"
PYPROJECT = "pyproject.toml"
DOTFILE = ".terapi-lint.toml"
FAIL_ON = SEVERITIES
SEVERITY_VALUES = (*SEVERITIES, "off")
FORMATS = ("text", "json", "sarif", "github", "junit")

_CODE_PREFIX = re.compile(r"^TL\d{0,3}$")
_RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message is ready to show (no traceback)."""


# --------------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class AllowEntry:
    """One allowlist entry: findings of ``rule`` at ``pointer`` in files matching ``path``."""

    path: str
    pointer: str
    rule: str
    reason: str

    def matches(
        self, file: str, pointer: str, rule: str, code: str = "", root: str | None = None
    ) -> bool:
        if rule != self.rule and (not code or code != self.rule):
            return False
        if pointer != self.pointer and not fnmatch.fnmatchcase(pointer, self.pointer):
            return False
        return match_path(self.path, file, root)


class Allowlist:
    """The allowlist of a run; remembers which entries matched, so stale ones can be reported."""

    def __init__(
        self, entries: Iterable[AllowEntry] = (), root: str | os.PathLike[str] | None = None
    ):
        self.entries: tuple[AllowEntry, ...] = tuple(entries)
        self.root = None if root is None else os.fspath(root)
        self._used: set[int] = set()

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, file: str, pointer: str, rule: str, code: str = "") -> AllowEntry | None:
        """The first entry that allows this finding (and mark it used), or None."""
        for i, entry in enumerate(self.entries):
            if entry.matches(file, pointer, rule, code, self.root):
                self._used.add(i)
                return entry
        return None

    def matches(self, file: str, pointer: str, rule: str, code: str = "") -> bool:
        return self.match(file, pointer, rule, code) is not None

    @property
    def used_indexes(self) -> frozenset[int]:
        """Indexes of entries used so far (to merge results from worker processes)."""
        return frozenset(self._used)

    def mark_used(self, indexes: Iterable[int]) -> None:
        self._used.update(indexes)

    def unused(self) -> list[AllowEntry]:
        """Entries that allowed nothing: stale, candidates for removal."""
        return [e for i, e in enumerate(self.entries) if i not in self._used]


@dataclass(frozen=True)
class Config:
    """Settings from a config file; ``None`` means "not set" (the CLI applies its default)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    severity: Mapping[str, str] | None = None
    fail_on: str | None = None
    strict: bool | None = None
    schema: Path | None = None
    records: str | None = None
    include: tuple[str, ...] | None = None
    exclude: tuple[str, ...] | None = None
    per_file_ignores: Mapping[str, tuple[str, ...]] | None = None
    allowlist: tuple[AllowEntry, ...] | None = None
    jobs: int | None = None
    format: str | None = None
    #: The file the settings came from, and its folder (relative globs are matched against it).
    source: Path | None = field(default=None, compare=False)
    root: Path | None = field(default=None, compare=False)

    def selection(
        self, select: Sequence[str] | None = None, ignore: Sequence[str] | None = None
    ) -> Selection:
        """The :class:`Selection` from this config (``select``/``ignore`` override it when given)."""
        return Selection(
            self.select if select is None else select,
            self.ignore if ignore is None else ignore,
            self.per_file_ignores,
            root=self.root,
        )

    def make_allowlist(self) -> Allowlist:
        return Allowlist(self.allowlist or (), root=self.root)


# --------------------------------------------------------------------------------------------------
# Paths


def _rel_posix(file: str, root: str | os.PathLike[str] | None) -> str:
    path = file.replace(os.sep, "/") if os.sep != "/" else file
    if root is None:
        return path[2:] if path.startswith("./") else path
    absolute = os.path.normpath(os.path.join(os.getcwd(), file))
    rel = (
        os.path.relpath(absolute, os.fspath(root))
        if _is_within(absolute, os.fspath(root))
        else absolute
    )
    return rel.replace(os.sep, "/")


def _is_within(path: str, root: str) -> bool:
    try:
        return os.path.commonpath(
            [os.path.abspath(path), os.path.abspath(root)]
        ) == os.path.abspath(root)
    except ValueError:  # different drives
        return False


def match_path(pattern: str, file: str, root: str | os.PathLike[str] | None = None) -> bool:
    """Does ``file`` match the glob ``pattern``?

    ``file`` is made POSIX-style and relative to ``root`` (the config file's folder) when given,
    else used as is (minus a leading ``./``).  ``*`` also crosses ``/`` (fnmatch), ``**/`` may
    match nothing; a pattern without ``/`` is also tried against the file's base name (as flake8's
    per-file-ignores do).
    """
    rel = _rel_posix(file, root)
    pattern = pattern[2:] if pattern.startswith("./") else pattern
    if fnmatch.fnmatchcase(rel, pattern):
        return True
    if "**/" in pattern and fnmatch.fnmatchcase(rel, pattern.replace("**/", "")):
        return True
    if "/" not in pattern and fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], pattern):
        return True
    return False


# --------------------------------------------------------------------------------------------------
# Selection


def _selector_match(selector: str, name: str, code: str) -> int:
    """How specifically ``selector`` matches the rule: -1 for no match, else a length.

    An exact name is the most specific (beats any code prefix); a code prefix counts its length.
    """
    if selector == name:
        return 1000
    if code and _CODE_PREFIX.match(selector) and code.startswith(selector):
        return len(selector)
    return -1


class Selection:
    """Which rules run, flake8 ``DecisionEngine`` style.

    ``select`` and ``ignore`` hold rule names and code prefixes (``TL2`` covers TL201, TL202...).
    ``select=None`` selects every rule; otherwise only rules some selector matches.  When both a
    select and an ignore entry match, the more specific one wins (an exact name beats any code
    prefix, a longer prefix beats a shorter one; a tie goes to ignore).  ``per_file_ignores`` (glob
    → selectors) always wins for matching files.  Decisions are cached.
    """

    def __init__(
        self,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        per_file_ignores: Mapping[str, Sequence[str]] | None = None,
        *,
        root: str | os.PathLike[str] | None = None,
    ):
        self.select = None if select is None else tuple(select)
        self.ignore = tuple(ignore or ())
        self.per_file_ignores = {k: tuple(v) for k, v in (per_file_ignores or {}).items()}
        self.root = root
        self._decide = lru_cache(maxsize=None)(self._decide_uncached)
        self._file_ignores = lru_cache(maxsize=4096)(self._file_ignores_uncached)

    def _decide_uncached(self, name: str, code: str) -> bool:
        if self.select is None:
            selected = 0
        else:
            selected = max((_selector_match(s, name, code) for s in self.select), default=-1)
            if selected < 0:
                return False
        ignored = max((_selector_match(s, name, code) for s in self.ignore), default=-1)
        return not (ignored >= 0 and ignored >= selected)

    def _file_ignores_uncached(self, file: str) -> tuple[str, ...]:
        out: list[str] = []
        for pattern, selectors in self.per_file_ignores.items():
            if match_path(pattern, file, self.root):
                out.extend(selectors)
        return tuple(out)

    def enabled(self, rule_name: str, rule_code: str = "", file: str | None = None) -> bool:
        """Is the rule on (for ``file``, when given)?"""
        if not self._decide(rule_name, rule_code):
            return False
        if file is not None and self.per_file_ignores:
            return not any(
                _selector_match(s, rule_name, rule_code) >= 0 for s in self._file_ignores(file)
            )
        return True


def severity_override(
    severity: Mapping[str, str] | None, rule_name: str, rule_code: str = ""
) -> str | None:
    """The configured severity for a rule (``error``/``warning``/``info``/``off``), or None.

    Keys are rule names or code prefixes; the most specific key wins, as in :class:`Selection`.
    """
    best, best_len = None, -1
    for key, value in (severity or {}).items():
        n = _selector_match(key, rule_name, rule_code)
        if n > best_len:
            best, best_len = value, n
    return best


# --------------------------------------------------------------------------------------------------
# Loading


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
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


def _table_of(data: dict[str, Any]) -> Any:
    tool = data.get("tool")
    if isinstance(tool, dict):
        if TABLE in tool:
            return tool[TABLE]
        if "terapi_lint" in tool:
            return tool["terapi_lint"]
    return None


def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The config file that applies in ``start`` (default: the cwd), or None.  See module doc."""
    here = Path(start if start is not None else os.getcwd()).resolve()
    for folder in (here, *here.parents):
        dotfile = folder / DOTFILE
        if dotfile.is_file():
            return dotfile
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _mentions_us(pyproject):
            if _table_of(_read_toml(pyproject)) is not None:
                return pyproject
        if (folder / ".git").exists():
            return None
    return None


def load_config(
    path: str | os.PathLike[str] | None = None,
    *,
    cwd: str | os.PathLike[str] | None = None,
    rules: Iterable[Any] | None = None,
) -> Config:
    """Load the config: the explicit ``path`` (``--config``), else the discovered one.

    Returns an empty :class:`Config` when there is none.  With ``rules`` (the registry), rule names
    and code prefixes in select/ignore/severity/per-file-ignores/allowlist are checked against it.
    """
    if path is None:
        found = find_config(cwd)
        if found is None:
            return Config()
        source = found
    else:
        source = Path(path)
        if not source.is_absolute() and cwd is not None:
            source = Path(cwd) / source
        if not source.is_file():
            raise ConfigError(f"{_display(source)}: config file not found")
    data = _read_toml(source)
    if source.name == PYPROJECT or isinstance(data.get("tool"), dict):
        table = _table_of(data)
        if table is None:
            raise ConfigError(f"{_display(source)}: no [tool.{TABLE}] table")
        where = f"{_display(source)}: [tool.{TABLE}]"
    else:
        table = data
        where = f"{_display(source)}:"
    return parse_table(table, source=source.resolve(), where=where, rules=rules)


_KEYS = (
    "select",
    "ignore",
    "severity",
    "fail-on",
    "strict",
    "schema",
    "records",
    "include",
    "exclude",
    "per-file-ignores",
    "allowlist",
    "jobs",
    "format",
)


def parse_table(
    table: Any,
    *,
    source: Path | None = None,
    where: str = "config:",
    rules: Iterable[Any] | None = None,
) -> Config:
    """Validate one ``[tool.terapi-lint]`` table into a :class:`Config`."""

    def fail(msg: str) -> ConfigError:
        return ConfigError(f"{where} {msg}")

    if not isinstance(table, dict):
        raise fail("must be a table")
    root = source.parent if source is not None else None
    known = _known_selectors(rules)

    values: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        if key not in _KEYS:
            hint = difflib.get_close_matches(key, _KEYS, n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            raise fail(f"unknown key '{raw_key}'{suggestion}")
        if key in values:
            raise fail(f"key '{key}' is given twice (as kebab-case and snake_case)")
        values[key] = value

    def str_list(key: str) -> tuple[str, ...]:
        value = values[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(f"'{key}' must be a list of non-empty strings")
        return tuple(value)

    def selectors(key: str, items: Iterable[str]) -> tuple[str, ...]:
        out = tuple(items)
        for s in out:
            _check_selector(s, key, known, fail)
        return out

    kw: dict[str, Any] = {}
    if "select" in values:
        kw["select"] = selectors("select", str_list("select"))
    if "ignore" in values:
        kw["ignore"] = selectors("ignore", str_list("ignore"))
    if "severity" in values:
        sev = values["severity"]
        if not isinstance(sev, dict):
            raise fail(
                '\'severity\' must be a table of rule = "error" | "warning" | "info" | "off"'
            )
        for rule, level in sev.items():
            _check_selector(rule, "severity", known, fail)
            if level not in SEVERITY_VALUES:
                raise fail(f"'severity.{rule}' must be one of {', '.join(SEVERITY_VALUES)}")
        kw["severity"] = dict(sev)
    if "fail-on" in values:
        if values["fail-on"] not in FAIL_ON:
            raise fail(f"'fail-on' must be one of {', '.join(FAIL_ON)}")
        kw["fail_on"] = values["fail-on"]
    if "strict" in values:
        if not isinstance(values["strict"], bool):
            raise fail("'strict' must be true or false")
        kw["strict"] = values["strict"]
    if "schema" in values:
        if not isinstance(values["schema"], str) or not values["schema"]:
            raise fail("'schema' must be a path (string)")
        schema = Path(values["schema"]).expanduser()
        kw["schema"] = schema if schema.is_absolute() or root is None else root / schema
    if "records" in values:
        records = values["records"]
        if not isinstance(records, str) or (records and not records.startswith("/")):
            raise fail("'records' must be a JSON Pointer (\"\" or starting with '/')")
        kw["records"] = records
    if "include" in values:
        kw["include"] = str_list("include")
    if "exclude" in values:
        kw["exclude"] = str_list("exclude")
    if "per-file-ignores" in values:
        pfi = values["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise fail("'per-file-ignores' must be a table of glob = [rules]")
        out: dict[str, tuple[str, ...]] = {}
        for glob, rules_ in pfi.items():
            if isinstance(rules_, str):
                rules_ = [rules_]
            if not isinstance(rules_, list) or not all(isinstance(r, str) and r for r in rules_):
                raise fail(f"'per-file-ignores.\"{glob}\"' must be a list of rule names or codes")
            out[glob] = selectors("per-file-ignores", rules_)
        kw["per_file_ignores"] = out
    if "allowlist" in values:
        kw["allowlist"] = _allowlist(values["allowlist"], known, fail)
    if "jobs" in values:
        jobs = values["jobs"]
        if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
            raise fail("'jobs' must be an integer >= 1")
        kw["jobs"] = jobs
    if "format" in values:
        if values["format"] not in FORMATS:
            raise fail(f"'format' must be one of {', '.join(FORMATS)}")
        kw["format"] = values["format"]
    return Config(**kw, source=source, root=root)


def _allowlist(value: Any, known: set[str] | None, fail: Any) -> tuple[AllowEntry, ...]:
    if not isinstance(value, list):
        raise fail("'allowlist' must be an array of tables ([[tool.terapi-lint.allowlist]])")
    entries = []
    for i, item in enumerate(value):
        at = f"'allowlist[{i}]'"
        if not isinstance(item, dict):
            raise fail(f"{at} must be a table with path, pointer, rule and reason")
        extra = set(item) - {"path", "pointer", "rule", "reason"}
        if extra:
            raise fail(f"{at} has unknown key '{sorted(extra)[0]}'")
        for key in ("path", "pointer", "rule", "reason"):
            if key not in item:
                raise fail(f"{at} is missing '{key}'")
            if not isinstance(item[key], str):
                raise fail(f"{at} '{key}' must be a string")
        if not item["reason"].strip():
            raise fail(f"{at} needs a non-empty 'reason'")
        if not item["path"]:
            raise fail(f"{at} 'path' must not be empty")
        pointer = item["pointer"]
        if pointer and not pointer.startswith(("/", "*")):
            raise fail(
                f"{at} 'pointer' must be a JSON Pointer (\"\" or starting with '/') or a glob"
            )
        _check_selector(item["rule"], f"allowlist[{i}].rule", known, fail, codes_exact=True)
        entries.append(AllowEntry(item["path"], pointer, item["rule"], item["reason"].strip()))
    return tuple(entries)


def _known_selectors(rules: Iterable[Any] | None) -> set[str] | None:
    if rules is None:
        return None
    known: set[str] = set()
    for rule in rules:
        known.add(str(getattr(rule, "NAME", "")))
        known.add(str(getattr(rule, "CODE", "")))
    known.discard("")
    return known


def _check_selector(
    selector: Any, key: str, known: set[str] | None, fail: Any, *, codes_exact: bool = False
) -> None:
    if not isinstance(selector, str):
        raise fail(f"'{key}' entries must be strings")
    is_code = bool(_CODE_PREFIX.match(selector))
    if not is_code and _CODE_PREFIX.match(selector.upper()):
        raise fail(
            f"'{key}': '{selector}': codes are upper case (did you mean '{selector.upper()}'?)"
        )
    if not is_code and not _RULE_NAME.match(selector):
        raise fail(f"'{key}': '{selector}' is neither a rule name nor a code prefix like TL2")
    if known is None:
        return
    if is_code and not codes_exact:
        ok = any(k.startswith(selector) for k in known if _CODE_PREFIX.match(k))
    else:
        ok = selector in known
    if not ok:
        hint = difflib.get_close_matches(selector, sorted(known), n=1)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        raise fail(f"'{key}': no rule matches '{selector}'{suggestion}")


def check_selectors(selectors: Iterable[str], option: str, rules: Iterable[Any]) -> None:
    """Raise :class:`ConfigError` when a command-line selector names no rule."""
    known = _known_selectors(rules)
    for selector in selectors:
        _check_selector(selector, option, known, ConfigError)


# --------------------------------------------------------------------------------------------------
# Click


#: Config field → ``check`` command parameter name (the click name of the flag).
DEFAULT_MAP_KEYS: dict[str, str] = {
    "select": "select",
    "ignore": "ignore",
    "fail_on": "fail_on",
    "strict": "strict",
    "schema": "schema",
    "records": "records",
    "include": "include",
    "exclude": "exclude",
    "jobs": "jobs",
    "format": "format",
}


def config_to_default_map(cfg: Config) -> dict[str, Any]:
    """Click ``default_map`` entries for the ``check`` command: only the fields that are set.

    Lists become lists (for ``multiple=True`` options), paths become strings.  ``severity``,
    ``per-file-ignores`` and ``allowlist`` have no flag: the CLI reads them from the Config.
    Use as ``ctx.default_map = {"check": config_to_default_map(cfg)}`` on the group.
    """
    out: dict[str, Any] = {}
    for attr, param in DEFAULT_MAP_KEYS.items():
        value = getattr(cfg, attr)
        if value is None:
            continue
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, Path):
            value = str(value)
        out[param] = value
    return out
