"""What every reporter receives, and the small helpers they share.

A reporter is a function ``render(report, out, *, color=False) -> None`` that writes one complete
report to ``out``.  The linter has already filtered, deduplicated and sorted the findings; a
reporter only formats them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import Any, Protocol, TextIO

from terapi_lint import __version__
from terapi_lint.findings import SEVERITIES, Finding
from terapi_lint.suppression import Suppressor, summary


class Reporter(Protocol):
    def __call__(self, report: Report, out: TextIO, *, color: bool = False) -> None: ...


@dataclass(frozen=True)
class Report:
    """One run's results, as the reporters see them.

    ``findings`` are already sorted; ``files`` is every file checked, in order (JUnit needs a
    testcase per file, even a clean one); ``errors`` are the unreadable paths and internal errors,
    already sanitized; ``rules`` is the rule registry (modules with CODE, NAME, SEVERITY and a
    docstring); ``root`` is the directory paths are made relative to (the cwd); ``suppressed``
    holds what per-file-ignores and the allowlist hid, per entry (see :mod:`terapi_lint.suppression`).
    """

    findings: Sequence[Finding] = ()
    files: Sequence[str] = ()
    records: int = 0
    errors: Sequence[str] = ()
    rules: Sequence[Any] = ()
    tool_version: str = __version__
    root: str = field(default_factory=os.getcwd)
    unparsed: Sequence[str] = ()
    complete: bool = True
    suppressed: Mapping[Suppressor, Sequence[Finding]] = field(default_factory=dict)


#: How every format marks a run stopped part way (Ctrl-C).
INTERRUPTED = "interrupted: results are incomplete"


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    """Number of findings per severity, every severity present (``{"error": 0, ...}``)."""
    result = {severity: 0 for severity in reversed(SEVERITIES)}
    for finding in findings:
        result[finding.severity] = result.get(finding.severity, 0) + 1
    return result


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(report: Report) -> str:
    """``2 errors, 1 warning, 0 info in 3 files (40 records).`` or ``All clean: ...``.

    Paths that could not be checked, files not parsed, findings suppressed and an interrupted run
    are always said (``3 errors, 0 warnings, 0 info (50 suppressed by the allowlist) in ...``): a
    run that checked less than it was asked, or hid what it found, never reads as clean.
    """
    files = _plural(len(report.files), "file")
    records = _plural(report.records, "record")
    tail = ""
    if report.errors:
        tail += f"; {_plural(len(report.errors), 'path')} could not be checked"
    if report.unparsed:
        tail += f"; {_plural(len(report.unparsed), 'file')} not parsed (parse-error is ignored)"
    hidden = summary(report.suppressed)
    if not report.findings and not tail and not hidden and report.complete:
        return f"All clean: {files}, {records} checked."
    c = counts(report.findings)
    found = (f"{_plural(c['error'], 'error')}, {_plural(c['warning'], 'warning')}, {c['info']} info"
             if report.findings else "No findings")
    if hidden:
        found += f" ({hidden})"
    line = f"{found} in {files} ({records}){tail}."
    return line if report.complete else f"{INTERRUPTED}; so far: {line[0].lower()}{line[1:]}"


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """Escape control characters (newlines included) so that ``text`` stays on one line."""

    def repl(m: re.Match[str]) -> str:
        ch = m.group()
        if ch in _NAMED:
            return _NAMED[ch]
        return f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}"

    return _CONTROL.sub(repl, text)


def _pure(path: str) -> PurePath:
    if re.match(r"^[A-Za-z]:[\\/]", path) or path.startswith("\\\\"):
        return PureWindowsPath(path)
    return PurePosixPath(path.replace(os.sep, "/") if os.sep != "/" else path)


def relative_path(file: str, root: str) -> tuple[str, bool]:
    """``file`` as a POSIX path relative to ``root``, and whether it lies inside ``root``.

    A relative ``file`` is taken relative to ``root`` (the cwd).  ``./`` and ``a/../`` segments are
    normalised.  A file outside ``root`` comes back absolute (still POSIX-style).
    """
    path = _pure(file)
    base = _pure(root)
    if not path.is_absolute():
        path = base / path
    # Normalise "." and ".." lexically (do not touch the filesystem: the file may be gone).
    parts: list[str] = []
    anchor = path.anchor
    for part in path.parts[1:] if anchor else path.parts:
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    norm = type(path)(anchor, *parts) if anchor else type(path)(*parts)
    try:
        rel = norm.relative_to(base)
    except ValueError:
        return norm.as_posix(), False
    return rel.as_posix(), True


def report_root(env: Mapping[str, str] | None = None, cwd: str | None = None) -> str:
    """The directory SARIF and GitHub paths should be relative to.

    Under GitHub Actions that is ``GITHUB_WORKSPACE`` (the checkout: code scanning and annotations
    want repository-relative paths even when the tool runs in a subdirectory), provided the cwd is
    inside it; otherwise the cwd.
    """
    env = os.environ if env is None else env
    cwd = os.getcwd() if cwd is None else cwd
    workspace = env.get("GITHUB_WORKSPACE", "")
    if workspace:
        _rel, inside = relative_path(cwd, workspace)
        if inside:
            return workspace
    return cwd
