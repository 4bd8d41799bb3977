"""Inline suppressions in YAML comments, as yamllint and ruff users write them.

- ``key: value  # terapi-lint: disable=secret-key`` hides that rule's findings on that line;
- ``# terapi-lint: disable-next-line=secret-key,TL103`` hides them on the next line;
- ``# terapi-lint: disable-file`` hides every finding of the file (``disable-file=RULES``: those).

Rules are named by name or code, comma-separated.  A finding's line is where the loader places it:
the key of a member, the first character of an item.  JSON has no comments: there the allowlist
is the place.  Hidden findings are counted as suppressed by inline comments
(:mod:`terapi_lint.suppression`); a directive that hides nothing, or names no rule, is reported
as ``unused-suppression`` where it is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from terapi_lint.findings import Finding, Problem
from terapi_lint.suppression import Suppressor

_DIRECTIVE = re.compile(
    r"(?:^|[ \t])#[ \t]*terapi-lint:[ \t]*(disable-next-line|disable-file|disable)(?:[ \t]*=[ \t]*([\w,\- \t]*\w))?")


@dataclass(frozen=True)
class Directive:
    """One comment: where it is (1-based), what it says, and the lines it covers (None: all)."""

    line: int
    column: int
    text: str
    rules: tuple[str, ...] | None
    lines: frozenset[int] | None

    def covers(self, finding: Finding) -> bool:
        return (self.lines is None or finding.line in self.lines) and (
            self.rules is None or finding.rule in self.rules or finding.code in self.rules)

    def suppressor(self, file: str) -> Suppressor:
        return Suppressor("inline", f"{file}:{self.line}", self.text, (("path", file), ("line", self.line)))


def directives(data: bytes) -> list[Directive]:
    """Every directive in the comments of a YAML text."""
    text = data.decode("utf-8", errors="replace")
    if "terapi-lint:" not in text:
        return []
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _DIRECTIVE.search(line)
        if match is None:
            continue
        kind, names = match.groups()
        rules = tuple(n.strip() for n in names.split(",") if n.strip()) if names else None
        if kind == "disable-file":
            lines = None
        else:
            lines = frozenset({number + 1 if kind == "disable-next-line" else number})
        start = line.index("#", match.start())
        found.append(Directive(number, start + 1, line[start:].strip(), rules, lines))
    return found


def apply(found: Iterable[Directive], findings: list[Finding], file: str, known: Iterable[str]
          ) -> tuple[list[Finding], list[tuple[Suppressor, Finding]], list[Problem]]:
    """(findings kept, (suppressor, finding) hidden, ``unused-suppression`` problems)."""
    found = list(found)
    known = set(known)
    used: set[Directive] = set()
    kept, hidden = [], []
    for finding in findings:
        directive = next((d for d in found if d.covers(finding)), None)
        if directive is None:
            kept.append(finding)
        else:
            used.add(directive)
            hidden.append((directive.suppressor(file), finding))
    problems = []
    for directive in found:
        unknown = [r for r in directive.rules or () if r not in known and r.upper() not in known]
        if unknown:
            message = f"'{unknown[0]}' in this comment names no rule; `terapi-lint rules` lists them"
        elif directive not in used:
            message = "this terapi-lint comment suppresses nothing; delete it"
        else:
            continue
        problems.append(Problem("unused-suppression", message, (), directive.line, directive.column))
    return kept, hidden, problems
