"""Plain text: one line per finding, then a one-line summary.

Format (parseable with ``^(.+?):(\\d+):(\\d+): (\\w+) (\\S+) (\\S+|"(?:[^"\\\\]|\\\\.)*"): (.*)$``)::

    path:line:col: severity rule pointer: message

The pointer slot is never empty: the whole record shows as ``(root)`` (a JSON Pointer always starts
with ``/``, so this cannot be confused with one), and a pointer containing whitespace or control
characters is shown as a JSON string literal so the line stays splittable.  Control characters in
paths and messages are escaped (``\\n``) so every finding is exactly one line.

Unreadable paths are not printed here: the CLI reports them on stderr.
"""

from __future__ import annotations

import json
import re
from typing import TextIO

from terapi_lint.findings import Finding
from terapi_lint.reporters.base import Report, one_line, summary_line

_COLORS = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_DIM = "\x1b[2m"
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"

_NEEDS_QUOTES = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029\"]")
_JSON_UNESCAPED = re.compile(r"[\x7f-\x9f\u2028\u2029]")  # json.dumps leaves these raw


def format_pointer(pointer: str) -> str:
    """The pointer slot: ``(root)`` for the empty pointer, JSON-quoted if it has spaces."""
    if pointer == "":
        return "(root)"
    if _NEEDS_QUOTES.search(pointer):
        quoted = json.dumps(pointer, ensure_ascii=False)
        return _JSON_UNESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)
    return pointer


def format_finding(finding: Finding, *, color: bool = False) -> str:
    """One finding as one line of text."""
    location = f"{one_line(finding.file)}:{finding.line}:{finding.column}:"
    severity = finding.severity
    pointer = format_pointer(finding.pointer)
    message = one_line(finding.message)
    if color:
        location = f"{_BOLD}{location}{_RESET}"
        severity = f"{_COLORS.get(severity, '')}{severity}{_RESET}"
        pointer = f"{_DIM}{pointer}{_RESET}"
    return f"{location} {severity} {finding.rule} {pointer}: {message}"


def render(report: Report, out: TextIO, *, color: bool = False) -> None:
    for finding in report.findings:
        out.write(format_finding(finding, color=color) + "\n")
    summary = summary_line(report)
    if color:
        summary = f"{_BOLD}{summary}{_RESET}"
    out.write(summary + "\n")
