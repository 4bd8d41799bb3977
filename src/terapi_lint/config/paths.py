"""Matching a file against a glob written in a config file (per-file-ignores, allowlist paths).

Globs in a config file are relative to the folder of that file, so a run started in a sub-folder
means the same files as one started at the top.
"""

from __future__ import annotations

import fnmatch
import os


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
