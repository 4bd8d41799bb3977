""".gitignore files as git reads them, for the folder walk (pathspec's ``GitIgnoreSpec``).

Inside a git repository the ignore files that apply in a folder are ``.git/info/exclude`` and every
``.gitignore`` from the repository root down to the folder, the deepest one with a say deciding.
Outside a repository, as for git, ``.gitignore`` files mean nothing.
"""

from __future__ import annotations

import os
from typing import Any


def posix_path(path: str) -> str:
    return path.replace(os.sep, "/")


class Ignores:
    """The ignore files that apply in one folder, outermost first: (folder, spec, label).

    ``in_repo`` says whether the folder is inside a git repository: outside one, as for git,
    ``.gitignore`` files mean nothing.
    """

    __slots__ = ("layers", "in_repo")

    def __init__(self, layers: tuple[tuple[str, Any, str], ...] = (), in_repo: bool = False) -> None:
        self.layers = layers
        self.in_repo = in_repo

    @staticmethod
    def _spec(path: str) -> Any:
        from pathspec import GitIgnoreSpec

        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                lines = handle.read().splitlines()
        except OSError:
            return None  # an ignore file that cannot be read ignores nothing: more is linted, not less
        return GitIgnoreSpec.from_lines(lines)

    def entering(self, folder: str, names: set[str], label_root: str) -> Ignores:
        """The rules inside ``folder`` (absolute), whose entries are ``names``.

        A folder holding ``.git`` starts a repository: the rules from outside it stop, and its
        ``.git/info/exclude`` applies first.
        """
        layers, in_repo = self.layers, self.in_repo
        if ".git" in names:
            layers, in_repo = (), True
            exclude = info_exclude(os.path.join(folder, ".git"))
            spec = self._spec(exclude) if exclude else None
            if spec is not None:
                layers = ((folder, spec, ".git/info/exclude"),)
        if in_repo and ".gitignore" in names:
            spec = self._spec(os.path.join(folder, ".gitignore"))
            if spec is not None:
                label = posix_path(os.path.relpath(os.path.join(folder, ".gitignore"), label_root))
                layers = (*layers, (folder, spec, label))
        if layers is self.layers and in_repo == self.in_repo:
            return self
        return Ignores(layers, in_repo)

    def why(self, path: str, is_dir: bool) -> str | None:
        """``ignored by X`` when the deepest ignore file with a say ignores ``path`` (absolute)."""
        for folder, spec, label in reversed(self.layers):
            relative = posix_path(path[len(folder) + 1 :]) + ("/" if is_dir else "")
            decided = spec.check_file(relative).include
            if decided is not None:
                return f"ignored by {label}" if decided else None
        return None


def info_exclude(dot_git: str) -> str | None:
    """``info/exclude`` of a repository's ``.git`` (a folder, or a worktree's ``gitdir:`` file)."""
    if os.path.isfile(dot_git):
        try:
            with open(dot_git, encoding="utf-8") as handle:
                line = handle.readline().strip()
        except (OSError, UnicodeDecodeError):
            return None
        if not line.startswith("gitdir:"):
            return None
        git_dir = os.path.join(os.path.dirname(dot_git), line.removeprefix("gitdir:").strip())
        try:
            with open(os.path.join(git_dir, "commondir"), encoding="utf-8") as handle:
                git_dir = os.path.join(git_dir, handle.read().strip())
        except (OSError, UnicodeDecodeError):
            pass  # not a worktree: its own folder holds info/
        dot_git = git_dir
    path = os.path.join(dot_git, "info", "exclude")
    return path if os.path.isfile(path) else None


def ignores_above(folder: str, label_root: str) -> Ignores:
    """The ignore rules of the repository holding ``folder`` (absolute), from its root down to the
    folder's parent.  When they ignore ``folder`` itself they are dropped: it was named, so it is
    walked."""
    chain = [folder]
    while not os.path.exists(os.path.join(chain[-1], ".git")):
        parent = os.path.dirname(chain[-1])
        if parent == chain[-1]:
            return Ignores()
        chain.append(parent)
    ignores = Ignores(in_repo=True)
    for above in reversed(chain[1:]):
        names = {n for n in (".git", ".gitignore") if os.path.exists(os.path.join(above, n))}
        ignores = ignores.entering(above, names, label_root)
    if ignores.why(folder, True):
        return Ignores(in_repo=True)
    return ignores
