"""Every setting of ``terapi-lint check``, declared once.

Each field of :class:`Settings` is one setting: its type, default, the kind of value it takes
(:mod:`terapi_lint.config.kinds`), its flags, whether a config file may set it, and its help.
From this one table come the click options of ``check`` (:mod:`terapi_lint.cli_check`), the
config-file keys and their checks (:mod:`terapi_lint.config.table`), the defaults, the layering
defaults < config file < flags (:func:`layered`), and the reference in the README
(:mod:`terapi_lint.config.reference`).  Adding a setting is one field here plus its behaviour::

    max_findings: int | None = setting(IntRange(min=1), None, "--max-findings", config=True,
                                       help="Stop after N findings.")

A setting with flags and ``config=True`` is both; flags only, command-line only; ``config=True``
without flags, config-file only.  The config key is the field name in kebab-case.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import TYPE_CHECKING, Any

from terapi_lint.config.allowlist import AllowEntry, Entries
from terapi_lint.config.kinds import Choice, File, Flag, IntRange, Kind, ListOf, MapOf, OneOf, Pointer, Selector, Text
from terapi_lint.config.selection import Selection
from terapi_lint.discover import DEFAULT_INCLUDE
from terapi_lint.findings import SEVERITIES
from terapi_lint.loaders import KINDS
from terapi_lint.reporters import REPORTERS

if TYPE_CHECKING:
    from terapi_lint.config.files import Config

_META = "terapi-lint setting"
SEVERITY_VALUES = (*SEVERITIES, "off")


@dataclass(frozen=True)
class Setting:
    """One row of the table, as the derived parts read it."""

    name: str
    kind: Kind
    default: Any
    flags: tuple[str, ...]
    help: str
    #: The config-file key (kebab-case), or None for a command-line-only setting.
    key: str | None

    @property
    def label(self) -> str:
        """How messages name the flag: its long form (``--fail-on``)."""
        return next((f.split("/")[0] for f in self.flags if f.startswith("--")), self.flags[0])


def setting(kind: Kind, default: Any, *flags: str, help: str, config: bool = False) -> Any:
    """Declare one setting (a dataclass field of :class:`Settings`)."""
    return field(default=default, metadata={_META: (kind, flags, help, config)})


def table_of(cls: type) -> tuple[Setting, ...]:
    """The settings a dataclass declares with :func:`setting`, in declaration order."""
    out = []
    for f in fields(cls):
        if _META in f.metadata:
            kind, flags, help, config = f.metadata[_META]
            key = f.name.replace("_", "-") if config else None
            out.append(Setting(f.name, kind, f.default, flags, help, key))
    return tuple(out)


_RULES = ListOf(Selector(), noun="rule names or codes")
_GLOBS = ListOf(Text(metavar="GLOB"), noun="globs")


@dataclass(frozen=True)
class Settings:
    """What a run of ``check`` does: the one object the command line, the runner and the library read.

    Build it directly (``Settings(select=("TL2",), strict=True)``), or from a config file and
    flags with :func:`layered`.  Paths and globs from a config file are relative to its folder.
    """

    config_file: str | None = setting(
        File(), None, "--config",
        help="Read settings from this file instead of the discovered pyproject.toml.")
    schema: str | None = setting(
        File(), None, "--schema", config=True,
        help="A compiled JSON Schema or a field-list structure (compiled on the fly). "
             "Default: the built-in connection schema.")
    schema_dirs: tuple[str, ...] = setting(
        ListOf(File(metavar="DIR", folder=True), split=False, noun="folders"), (), "--schema-dir", config=True,
        help="A folder of schemas that references may name by their $id (never fetched).")
    format_assertion: bool = setting(
        Flag(), True, "--no-format-assertion", config=True,
        help="Treat `format` as an annotation only, the JSON Schema default (by default every "
             "format is checked).")
    records: tuple[str, ...] | Mapping[str, tuple[str, ...]] | None = setting(
        OneOf(((str, Pointer()), (dict, MapOf(Text(metavar="GLOB"), Pointer(), shape="glob = pointer")))), None,
        "--records", config=True,
        help="JSON Pointer to the records in each file, e.g. /response/body/connections; in a config "
             "file also a table of glob = pointer, for the files each glob matches (others: as they are).")
    format: str = setting(
        Choice(tuple(REPORTERS), case_sensitive=False), "text", "-f", "--format", config=True,
        help="Report format.")
    output: str | None = setting(
        File(writable=True), None, "-o", "--output",
        help="Write the report to this file instead of stdout.")
    max_findings: int | None = setting(
        IntRange(min=0), None, "--max-findings", config=True,
        help="Write at most N findings; the rest are counted in the statistics and the exit code, and "
             "the report says how many were left out (0: no cap; default: 50 in text and github output "
             "on a terminal, no cap otherwise).")
    statistics: bool = setting(
        Flag(), False, "--statistics",
        help="Print only the number of findings per rule, and the summary (text and github output).")
    fail_on: str = setting(
        Choice(SEVERITIES), "error", "--fail-on", config=True,
        help="Lowest severity that makes the exit code 1.")
    exit_zero: bool = setting(
        Flag(), False, "--exit-zero",
        help="Exit 0 even when there are findings (unreadable paths still exit 2).")
    quiet: bool = setting(
        Flag(), False, "-q", "--quiet",
        help="Print nothing when there is nothing to report.")
    strict: bool = setting(
        Flag(), False, "--strict", config=True,
        help="Report members the structure does not define as errors.")
    select: tuple[str, ...] | None = setting(
        _RULES, None, "--select", config=True,
        help="Only these rules (names or code prefixes, comma-separated).")
    ignore: tuple[str, ...] | None = setting(
        _RULES, None, "--ignore", config=True,
        help="Skip these rules (names or code prefixes, comma-separated).")
    severity: Mapping[str, str] | None = setting(
        MapOf(Selector(), Choice(SEVERITY_VALUES), shape=f"rule = {' | '.join(SEVERITY_VALUES)}"), None,
        config=True,
        help="Severity per rule name or code prefix; `off` silences a rule.")
    per_file_ignores: Mapping[str, tuple[str, ...]] | None = setting(
        MapOf(Text(), _RULES, shape="glob = [rules]"), None, config=True,
        help="Rules to skip in the files a glob matches.")
    allowlist: tuple[AllowEntry, ...] = setting(
        Entries(), (), config=True,
        help="Findings to accept, each with a reason; an entry that matches nothing is reported.")
    fix: bool = setting(
        Flag(), False, "--fix", config=True,
        help="Apply the safe fixes in place (only the bytes of the fixed values change), then report "
             "what is left.")
    diff: bool = setting(
        Flag(), False, "--diff",
        help="Print the safe fixes as a unified diff instead of writing them, then stop (exit 1 when "
             "there is a fix).")
    fix_only: tuple[str, ...] | None = setting(
        _RULES, None, "--fix-only", config=True,
        help="Only these rules fix (names or code prefixes, comma-separated); on the command line "
             "it implies --fix.")
    baseline: str | None = setting(
        File(), None, "--baseline", config=True,
        help="Report only the findings this baseline file does not record; count the others as "
             "suppressed.")
    write_baseline: str | None = setting(
        File(writable=True), None, "--write-baseline",
        help="Record every finding of this run in this baseline file (written sorted, values only as "
             "keyed hashes).")
    prune_baseline: bool = setting(
        Flag(), False, "--prune-baseline",
        help="Remove the entries that match nothing from the --baseline file.")
    include: tuple[str, ...] = setting(
        _GLOBS, DEFAULT_INCLUDE, "--include", config=True,
        help="File globs to lint inside folders.")
    exclude: tuple[str, ...] = setting(
        _GLOBS, (), "--exclude", config=True,
        help="Skip files and folders matching this glob.")
    force_exclude: bool = setting(
        Flag(), False, "--force-exclude", config=True,
        help="Apply excludes (and the skipped folders) to files named on the command line too, "
             "as pre-commit names every staged file.")
    stdin_filename: str | None = setting(
        Text(metavar="NAME"), None, "--stdin-filename",
        help="The name of what `-` reads, for reports, per-file-ignores, the allowlist, and its format "
             "and compression (`exports/dump.ndjson.gz`).")
    input_format: str | None = setting(
        Choice(tuple(dict.fromkeys(KINDS.values()))), None, "--input-format",
        help="Parse every input as this format (default: by extension).")
    jobs: int | None = setting(
        IntRange(min=1), None, "-j", "--jobs", config=True,
        help="Worker processes (default: the number of cores).")
    dask: str | None = setting(
        Text(metavar="SCHEDULER"), None, "--dask", config=True,
        help="Lint on a Dask cluster: a scheduler's address, or local:N for N local worker processes; "
             "inputs may then be fsspec URLs and globs (s3://, gs://, file://). Needs terapi-lint[dask].")
    color: bool | None = setting(
        Flag(), None, "--color/--no-color",
        help="Colour the text report (default: on a terminal, unless NO_COLOR is set).")
    show_files: bool = setting(
        Flag(), False, "--show-files",
        help="Print the files that would be linted and why each other one is skipped, then stop.")
    show_settings: bool = setting(
        Flag(), False, "--show-settings",
        help="Print the resolved settings and the config file they come from, then stop.")

    #: Library only: the fast validator first (False: jsonschema for every record).
    fast: bool = True
    #: The folder relative ``exclude`` globs are matched from (the config file's, when they came
    #: from it; set by :func:`layered`).
    exclude_root: str | None = None
    #: The path the config file was discovered from (None: named with ``--config``, or built in
    #: code).  A run with a discovered config refuses files that belong to another one.
    config_found_from: str | None = field(default=None, compare=False)
    #: Where each setting not left at its default came from: name -> "config" or "flag".
    origins: Mapping[str, str] = field(default_factory=dict, compare=False)

    @property
    def root(self) -> str | None:
        """The config file's folder: per-file-ignores and allowlist paths are relative to it."""
        return os.path.dirname(self.config_file) if self.config_file else None

    @cached_property
    def selection(self) -> Selection:
        return Selection(self.select, self.ignore, self.per_file_ignores, root=self.root)


SETTINGS: tuple[Setting, ...] = table_of(Settings)


def layered(config: Config, flags: Mapping[str, Any]) -> Settings:
    """Defaults < the config file < the flags given on the command line."""
    values: dict[str, Any] = {**config.values, **flags}
    origins = {**dict.fromkeys(config.values, "config"), **dict.fromkeys(flags, "flag")}
    if config.source is not None:
        values["config_file"] = str(config.source)
        if "exclude" in config.values and "exclude" not in flags:
            values["exclude_root"] = str(config.root)
    return Settings(**values, config_found_from=config.found_from, origins=origins)
