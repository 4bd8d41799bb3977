"""Expand the paths given on the command line into the files to lint.

Folders are walked recursively in sorted order (so every run lists files the same way), keeping
files that match an include glob and no exclude glob.  Symbolic links to folders are not followed,
which makes link loops harmless.  A path that does not exist or cannot be read becomes an error
message naming it; the other paths are still linted.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase

DEFAULT_INCLUDE: tuple[str, ...] = ("*.json", "*.yaml", "*.yml", "*.ndjson", "*.jsonl")
STDIN = "-"

@dataclass(frozen=True, slots=True)
class Unreadable:
    """A path that could not be linted, with a one-line reason naming it."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

def _posix(path: str) -> str:
    return path.replace(os.sep, "/")

def matches_any(path: str, globs: Iterable[str]) -> bool:
    """Whether ``path`` (or its file name) matches one of ``globs``.

    A glob with a ``/`` is matched against the whole path, one without against each path
    component, so ``node_modules`` or ``*.min.json`` exclude at any depth.
    """
    parts = [p for p in _posix(path).split("/") if p not in ("", ".")]
    posix = "/".join(parts)
    for glob in globs:
        glob = glob.rstrip("/").removeprefix("./")
        if "/" in glob:
            if fnmatchcase(posix, glob) or fnmatchcase(posix, "*/" + glob):
                return True
        elif any(fnmatchcase(part, glob) for part in parts):
            return True
    return False

def _excluder(exclude: tuple[str, ...], root: str | None):
    """A test for excluded paths: as given, or relative to ``root`` when inside it."""
    if not exclude:
        return lambda path: False
    if root is None:
        return lambda path: matches_any(path, exclude)

    def excluded(path: str) -> bool:
        relative = os.path.relpath(os.path.abspath(path), root)
        inside = not relative.startswith(os.pardir)
        return matches_any(relative if inside else path, exclude)

    return excluded


def _describe(error: OSError) -> str:

    reasons = {
        "ENOENT": "no such file or folder",
        "EACCES": "permission denied",
        "ELOOP": "too many levels of symbolic links",
        "ENOTDIR": "a path component is not a folder",
    }
    name = errno.errorcode.get(error.errno or 0, "")
    return reasons.get(name, (error.strerror or "cannot be read").lower())

def expand(
    paths: Iterable[str],
    include: Iterable[str] = DEFAULT_INCLUDE,
    exclude: Iterable[str] = (),
    exclude_root: str | None = None,
) -> Iterator[str | Unreadable]:
    """Yield each file to lint (``-`` for stdin) or an :class:`Unreadable` for a bad path.

    Files named explicitly are linted whatever their extension, unless excluded; files found in
    folders must match an include glob.  With ``exclude_root`` (the folder of the config file the
    excludes came from), paths inside it are matched relative to it.
    """
    include = tuple(include)
    excluded = _excluder(tuple(exclude), exclude_root)
    seen: set[str] = set()
    for path in paths:
        if path == STDIN:
            yield STDIN
            continue
        try:
            is_dir = os.path.isdir(path)
            os.stat(path)
        except OSError as error:
            yield Unreadable(path, _describe(error))
            continue
        except ValueError:
            yield Unreadable(path, "not a valid path")
            continue
        if not is_dir:
            if not excluded(path) and path not in seen:
                seen.add(path)
                yield path
            continue
        errors: list[OSError] = []
        for folder, dirnames, filenames in os.walk(path, onerror=errors.append):
            dirnames[:] = sorted(d for d in dirnames if not excluded(os.path.join(folder, d)))
            for filename in sorted(filenames):
                full = os.path.join(folder, filename)
                if matches_any(filename, include) and not excluded(full) and full not in seen:
                    seen.add(full)
                    yield full
        for error in errors:
            yield Unreadable(error.filename or path, _describe(error))
