"""Expand the paths given on the command line into the files to lint, saying why others are not.

Folders are walked recursively in sorted order (so every run lists files the same way).  A file
found in a folder is linted when it matches an include glob and nothing below leaves it out:

- hidden files and folders (``.github/``, ``.pre-commit-config.yaml``) and the usual tool folders
  (:data:`TOOL_FOLDERS`, and any folder holding a ``pyvenv.cfg``): they hold other tools' JSON and
  YAML, not connection records;
- a ``*.structure.json`` or ``*.schema.json`` (:data:`SCHEMA_SUFFIXES`) whose content is a
  structure or a JSON Schema (:func:`schema_document`): the name alone never hides a file, so a
  fixture that happens to be called ``x.schema.json`` is still linted;
- an ``exclude`` glob;
- inside a git repository, ``.gitignore`` files (nested ones too) and ``.git/info/exclude``, read
  as git reads them (:mod:`terapi_lint.gitignore`);
- ``skip``: files that are not records of this run, by identity (the config file, the schema,
  the report being written), so a symbolic or hard link to them is left out too;
- anything that is not a regular file (named pipes, sockets, devices, also behind a symbolic
  link): reading one would block or never end.  Symbolic links to folders are not followed, so
  link loops are harmless.

Each file or folder left out comes out as a :class:`Skipped` with its reason (what ``--show-files``
prints).  A path named on the command line is always linted when it is a regular file, whatever its
name; with ``force_exclude`` (for pre-commit, which names every staged file) the rules above that
do not need a walk apply to it too.  A named path that is missing, unreadable or not a regular file,
and a named folder that holds no file to lint, come out as :class:`Unreadable`; the other paths are
still linted.
"""

from __future__ import annotations

import errno
import os
import stat
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase

from terapi_lint.gitignore import Ignores, ignores_above, posix_path
from terapi_lint.loaders.streams import COMPRESSIONS

#: What a folder walk lints: JSON, YAML and NDJSON files, and compressed dumps (``dump.ndjson.gz``,
#: ``dump.json.zst``...), which are read as streams.
DEFAULT_INCLUDE: tuple[str, ...] = ("*.json", "*.yaml", "*.yml", "*.ndjson", "*.jsonl", *(
    f"*.{kind}{extension}" for extension in COMPRESSIONS for kind in ("ndjson", "jsonl", "json")))
_DEFAULT_SHOWN = f"*.json *.yaml *.yml *.ndjson *.jsonl, compressed {' '.join(COMPRESSIONS)}"
STDIN = "-"

#: Folders of other tools, skipped by name when walking (hidden folders are skipped anyway).
TOOL_FOLDERS = frozenset({
    ".git", ".hg", ".svn", ".venv", "venv", ".direnv", "node_modules", "__pycache__", "__pypackages__",
    ".tox", ".nox", ".eggs", "build", "dist", "_build", "site-packages", ".mypy_cache",
    ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints",
})

#: The names structures and compiled schemas have (``x.structure.json``, ``x.schema.json``).
SCHEMA_SUFFIXES = (".structure.json", ".schema.json")

#: A schema larger than this is not looked into: it is linted, and its findings say what it is.
_SCHEMA_PEEK_BYTES = 16 << 20

#: A file's identity: (device, inode), the same through every symbolic and hard link.
Identity = tuple[int, int]


@dataclass(frozen=True, slots=True)
class _PathNote:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class Unreadable(_PathNote):
    """A path that could not be linted, with a one-line reason naming it."""

    __slots__ = ()


class Skipped(_PathNote):
    """A file or folder left out of the run, and why."""

    __slots__ = ()


def identity(path: str) -> Identity | None:
    """The identity of the file at ``path`` (links followed), or None when it cannot be seen."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def matching_glob(path: str, globs: Iterable[str]) -> str | None:
    """The first of ``globs`` that ``path`` (or one of its components) matches, or None.

    A glob with a ``/`` is matched against the whole path, one without against each path
    component, so ``node_modules`` or ``*.min.json`` exclude at any depth.
    """
    parts = [p for p in posix_path(path).split("/") if p not in ("", ".")]
    posix = "/".join(parts)
    for glob in globs:
        pattern = glob.rstrip("/").removeprefix("./")
        if "/" in pattern:
            if fnmatchcase(posix, pattern) or fnmatchcase(posix, "*/" + pattern):
                return glob
        elif any(fnmatchcase(part, pattern) for part in parts):
            return glob
    return None


def _relative_to(path: str, root: str) -> str:
    """``path`` relative to ``root`` when inside it, else as given."""
    relative = os.path.relpath(os.path.abspath(path), root)
    return path if relative.startswith(os.pardir) else relative


def _describe(error: OSError) -> str:
    reasons = {
        "ENOENT": "no such file or folder",
        "EACCES": "permission denied",
        "ELOOP": "too many levels of symbolic links",
        "ENOTDIR": "a path component is not a folder",
    }
    name = errno.errorcode.get(error.errno or 0, "")
    return reasons.get(name, (error.strerror or "cannot be read").lower())


_SPECIAL = ((stat.S_ISFIFO, "named pipe"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
            (stat.S_ISBLK, "block device"))


def _not_regular(mode: int, link: bool) -> str | None:
    """Why a file of this mode is not read (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    what = next((name for test, name in _SPECIAL if test(mode)), "special file")
    return f"not a regular file: {'symbolic link to a ' if link else ''}{what}"


@dataclass(frozen=True)
class _Rules:
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    exclude_root: str | None
    skip: Mapping[Identity, str]
    gitignore: bool

    def excluded(self, path: str) -> str | None:
        if not self.exclude:
            return None
        glob = matching_glob(_relative_to(path, self.exclude_root) if self.exclude_root else path, self.exclude)
        return f"excluded by '{glob}'" if glob is not None else None

    def by_name(self, name: str, is_dir: bool) -> str | None:
        if is_dir and name in TOOL_FOLDERS:
            return "tool folder"
        if name.startswith(".") and name not in (".", ".."):
            return f"hidden {'folder' if is_dir else 'file'}"
        return None

    def named_file(self, path: str, st: os.stat_result) -> str | None:
        """Why a file named on the command line is left out under ``force_exclude``."""
        base = self.exclude_root or os.getcwd()
        relative = os.path.relpath(os.path.abspath(path), base)
        outside = relative.startswith(os.pardir)
        parts = [os.path.basename(path)] if outside else [p for p in posix_path(relative).split("/") if p != "."]
        for index, part in enumerate(parts):
            reason = self.by_name(part, index < len(parts) - 1)
            if reason:
                return reason
            if index < len(parts) - 1 and os.path.isfile(os.path.join(base, *parts[: index + 1], "pyvenv.cfg")):
                return "virtual environment"
        return (self.excluded(path) or self.skip.get((st.st_dev, st.st_ino))
                or (schema_document(path) if stat.S_ISREG(st.st_mode) else None))


def _walk(root: str, rules: _Rules, errors: list[Unreadable]) -> Iterator[str | Skipped]:
    """Files to lint under the folder ``root`` and what was skipped, in sorted order."""
    absolute = os.path.abspath(root)
    label_root = os.getcwd()
    root = os.curdir if absolute == label_root and not os.path.isabs(root) else root  # "./" and "." alike
    stack = [(root, absolute, ignores_above(absolute, label_root) if rules.gitignore else Ignores())]
    while stack:
        folder, folder_abs, ignores = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as error:
            errors.append(Unreadable(folder, _describe(error)))
            continue
        names = {entry.name for entry in entries}
        if folder_abs != absolute and "pyvenv.cfg" in names:
            yield Skipped(folder, "virtual environment")
            continue
        if rules.gitignore:
            ignores = ignores.entering(folder_abs, names, label_root)
        folders = []
        for entry in entries:
            path = entry.name if folder == os.curdir else os.path.join(folder, entry.name)
            try:
                verdict = _classify(entry, path, os.path.join(folder_abs, entry.name), ignores, rules)
            except OSError as error:
                broken = entry.is_symlink() and error.errno == errno.ENOENT
                errors.append(Unreadable(path, "broken symbolic link" if broken else _describe(error)))
                continue
            if verdict == _FOLDER:
                folders.append((path, os.path.join(folder_abs, entry.name), ignores))
            elif verdict == _LINT:
                yield path
            else:
                yield Skipped(path, verdict)
        stack.extend(reversed(folders))


_FOLDER, _LINT = "folder", "lint"


def _classify(entry: os.DirEntry[str], path: str, absolute: str, ignores: Ignores, rules: _Rules) -> str:
    """``_FOLDER`` to walk into, ``_LINT`` to lint, or why the entry is skipped."""
    is_dir = entry.is_dir(follow_symlinks=False)
    reason = rules.by_name(entry.name, is_dir)
    if reason is None and not is_dir and entry.is_symlink() and entry.is_dir():
        reason = "symbolic link to a folder (not followed)"
    if reason is None and not is_dir and not any(fnmatchcase(entry.name, g) for g in rules.include):
        reason = "not matched by include"
    reason = reason or rules.excluded(path) or ignores.why(absolute, is_dir)
    if reason:
        return reason
    if is_dir:
        return _FOLDER
    st = entry.stat()
    return (_not_regular(st.st_mode, entry.is_symlink()) or rules.skip.get((st.st_dev, st.st_ino))
            or schema_document(path) or _LINT)


def schema_document(path: str) -> str | None:
    """Why a file named like a structure or a schema is one, not records (None: lint it).

    Only ``*.structure.json`` and ``*.schema.json`` files are looked into: one whose top level has
    ``fields`` (a structure) or ``$schema`` (a JSON Schema) is left out.  Anything else, a file
    that does not parse included, is linted, so a findings report says what it is.
    """
    if not path.endswith(SCHEMA_SUFFIXES):
        return None
    import orjson

    try:
        with open(path, "rb") as handle:
            document = orjson.loads(handle.read(_SCHEMA_PEEK_BYTES + 1))
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(document, dict):
        return None
    if isinstance(document.get("fields"), list):
        return "a structure (top-level fields), not records"
    if "$schema" in document:
        return "a JSON Schema (top-level $schema), not records"
    return None


def _nothing_to_lint(path: str, include: tuple[str, ...], skipped: Counter[str]) -> Unreadable:
    shown = _DEFAULT_SHOWN if include == DEFAULT_INCLUDE else " ".join(include)
    detail = f"include: {shown}"
    if skipped:
        top = ", ".join(f"{count} {reason}" for reason, count in skipped.most_common(3))
        detail += f"; skipped: {top}{', ...' if len(skipped) > 3 else ''}"
    return Unreadable(path, f"no files to lint ({detail})")


def expand(
    paths: Iterable[str],
    include: Iterable[str] = DEFAULT_INCLUDE,
    exclude: Iterable[str] = (),
    exclude_root: str | None = None,
    *,
    force_exclude: bool = False,
    skip: Mapping[Identity, str] | None = None,
    gitignore: bool = True,
) -> Iterator[str | Unreadable | Skipped]:
    """Yield each file to lint (``-`` for stdin), each path left out, and each bad path, in order.

    ``exclude_root`` is the folder of the config file the excludes came from: paths inside it are
    matched relative to it.  ``skip`` maps file identities (see :func:`identity`) to why they are
    not records.  See the module docstring for the rules.
    """
    rules = _Rules(tuple(include), tuple(exclude), exclude_root, skip or {}, gitignore)
    seen: set[str] = set()
    for path in paths:
        if path == STDIN:
            yield STDIN
            continue
        try:
            st = os.stat(path)
        except OSError as error:
            yield Unreadable(path, _describe(error))
            continue
        except ValueError:
            yield Unreadable(path, "not a valid path")
            continue
        if not stat.S_ISDIR(st.st_mode):
            reason = rules.named_file(path, st) if force_exclude else None
            special = _not_regular(st.st_mode, os.path.islink(path))
            if reason:
                yield Skipped(path, reason)
            elif special:
                yield Unreadable(path, special)
            elif path not in seen:
                seen.add(path)
                yield path
            continue
        errors: list[Unreadable] = []
        found = 0
        skipped: Counter[str] = Counter()
        for entry in _walk(path, rules, errors):
            if isinstance(entry, Skipped):
                skipped[entry.reason] += 1
                yield entry
                continue
            found += 1
            if entry not in seen:
                seen.add(entry)
                yield entry
        yield from errors
        if not found and not errors:
            yield _nothing_to_lint(path, rules.include, skipped)
