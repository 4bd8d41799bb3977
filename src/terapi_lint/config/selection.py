"""Which rules run, and at which severity: ``select``, ``ignore``, ``per-file-ignores``, ``severity``.

Selectors are rule names (``secret-key``) or code prefixes (``TL2`` covers TL201, TL202...).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from terapi_lint.config.paths import match_path

CODE_PREFIX = re.compile(r"^TL\d{0,3}$")
RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def closest(word: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest known word, or nothing."""
    hint = difflib.get_close_matches(word, list(known), n=1)
    return f" (did you mean '{hint[0]}'?)" if hint else ""


def known_selectors(rules: Iterable[Any] | None) -> frozenset[str] | None:
    """Every rule name and code of a registry (None without one: only shapes are checked)."""
    if rules is None:
        return None
    return frozenset(str(getattr(rule, attr, "")) for rule in rules for attr in ("NAME", "CODE")) - {""}


def _selector_match(selector: str, name: str, code: str) -> int:
    """How specifically ``selector`` matches the rule: -1 for no match, else a length.

    An exact name is the most specific (beats any code prefix); a code prefix counts its length.
    """
    if selector == name:
        return 1000
    if code and CODE_PREFIX.match(selector) and code.startswith(selector):
        return len(selector)
    return -1


class Selection:
    """Which rules run, flake8 ``DecisionEngine`` style.

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

    def ignored_by(self, rule_name: str, rule_code: str, file: str) -> str | None:
        """The per-file-ignores glob that turns the rule off in ``file``, or None."""
        for pattern, selectors in self.per_file_ignores.items():
            if any(_selector_match(s, rule_name, rule_code) >= 0 for s in selectors) \
                    and match_path(pattern, file, self.root):
                return pattern
        return None

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
