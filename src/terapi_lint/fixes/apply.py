"""``--fix`` / ``--diff`` over a run's files: fix each, say what was done and what was not.

The summary goes to stderr, so a JSON or SARIF report on stdout stays whole; with ``--diff`` the
diff is the output.  Nothing is said about a value, only where each fix is and for which rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from terapi_lint.fixes import FIXERS
from terapi_lint.fixes.engine import FileFix, Fixer


def fixing_rules(settings: Any) -> frozenset[str] | None:
    """The rules ``--fix-only`` lets fix (None: every fixable one the selection reports)."""
    if settings.fix_only is None:
        return None
    from terapi_lint import rules

    return frozenset(name for name in FIXERS
                     if any(name == s or rules.BY_NAME[name].CODE.startswith(s.upper()) for s in settings.fix_only))


def apply_fixes(entries: Iterable[Any], settings: Any, pipeline: Any, stdout: TextIO, stderr: TextIO) -> bool:
    """Fix every file among ``entries`` (``--diff``: print the diff instead); True when a fix
    was (or, with ``--diff``, would be) applied."""
    from terapi_lint.discover import STDIN
    from terapi_lint.linter import display_name

    fixer = Fixer(pipeline, fixing_rules(settings))
    done: list[FileFix] = []
    for entry in entries:
        if not isinstance(entry, str):
            continue
        if entry == STDIN:
            print("terapi-lint: stdin is not fixed: name the files to fix", file=stderr)
            continue
        result = fixer.fix_file(entry, display_name(entry), write=not settings.diff, show_diff=settings.diff)
        if settings.diff:
            stdout.writelines(result.diff)
        done.append(result)
    for line in summary(done, settings.diff):
        print(line, file=stderr)
    return any(r.changed for r in done)


def summary(done: list[FileFix], dry_run: bool) -> list[str]:
    """``fixed 3 findings in 2 files``, then each fix refused and each file not looked at."""
    fixes = sum(len(r.applied) for r in done)
    files = sum(1 for r in done if r.changed)
    verb = "would fix" if dry_run else "fixed"
    lines = [f"terapi-lint: {verb} {fixes} finding{'s' * (fixes != 1)} in {files} file{'s' * (files != 1)}"]
    for result in done:
        if result.skipped:
            lines.append(f"terapi-lint: {result.name}: not fixed: {result.skipped}")
        for fix, why in result.refused:
            lines.append(f"terapi-lint: {result.name}:{fix.line}: {fix.rule} {fix.pointer or '/'} not fixed: {why}")
    return lines
