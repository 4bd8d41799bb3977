"""A unified diff of a fix, built piece by piece (a whole file, or one record of a dump) so a
dump of millions of lines is never held whole, and with every line that holds a secret hidden."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher

from terapi_lint.secrets import scan_text

HIDDEN = "<a line that holds a secret: not shown>"


class Pieces:
    """The diff of a file fixed piece by piece, in whole lines: pieces are gathered up to the end
    of a line (an item of an array shares its lines with the bytes around it), and only the
    current line of unchanged text is kept."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._old = self._new = ""
        self._secrets: set[str] = set()
        self._changed = False
        self._old_line = self._new_line = 1

    def add(self, old: bytes, new: bytes, secrets: Iterable[str] = ()) -> None:
        self._old += old.decode("utf-8", errors="replace")
        self._new += new.decode("utf-8", errors="replace")
        self._secrets.update(secrets)
        self._changed = self._changed or old != new
        if self._old.endswith("\n"):
            self.flush()
        elif not self._changed:  # keep only the line under way
            cut = self._old.rfind("\n") + 1
            self._old_line += self._old.count("\n", 0, cut)
            self._new_line += self._old.count("\n", 0, cut)
            self._old, self._new = self._old[cut:], self._new[cut:]

    def flush(self) -> None:
        if self._changed:
            self.lines += hunks(self._old, self._new, self._old_line, self._new_line, self._secrets)
        self._old_line += self._old.count("\n")
        self._new_line += self._new.count("\n")
        self._old = self._new = ""
        self._secrets, self._changed = set(), False


def header(name: str) -> list[str]:
    return [f"--- {name}\n", f"+++ {name}\n"]


def hunks(old: str, new: str, old_line: int, new_line: int, secrets: Iterable[str] = (),
          context: int = 3) -> Iterator[str]:
    """The hunks turning ``old`` into ``new``, whose first lines are ``old_line``/``new_line`` of
    their files; a line holding one of ``secrets`` (or anything shaped like a credential) is hidden."""
    a, b = old.splitlines(), new.splitlines()
    hidden = tuple(s for s in secrets if len(s) >= 4)
    for group in SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        yield f"@@ -{_range(old_line + i1, i2 - i1)} +{_range(new_line + j1, j2 - j1)} @@\n"
        for tag, s1, s2, t1, t2 in group:
            if tag == "equal":
                yield from (" " + _shown(line, hidden) + "\n" for line in a[s1:s2])
                continue
            yield from ("-" + _shown(line, hidden) + "\n" for line in a[s1:s2])
            yield from ("+" + _shown(line, hidden) + "\n" for line in b[t1:t2])


def _range(start: int, length: int) -> str:
    if length == 1:
        return str(start)
    return f"{start - 1 if length == 0 else start},{length}"


def _shown(line: str, secrets: tuple[str, ...]) -> str:
    """The line, or :data:`HIDDEN` when it holds a secret or a piece of one (a line of a
    multi-line value)."""
    bare = line.strip().strip("\"',|>")
    if any(secret in line for secret in secrets) or (len(bare) >= 8 and any(bare in s for s in secrets)) \
            or any(True for _ in scan_text(line)):
        return HIDDEN
    return line.rstrip("\r")
