"""Plain text: one line per finding, the statistics table, then a one-line summary.

Format (parseable with ``^(.+?):(\\d+):(\\d+): (\\w+) (\\S+) (\\S+|"(?:[^"\\\\]|\\\\.)*")(?: \\[(.*?)\\])?: (.*)$``)::

    path:line:col: severity rule pointer: message
    path:line:col: severity rule pointer [id=ID key=KEY]: message

The pointer slot is never empty: the whole record shows as ``(root)`` (a JSON Pointer always starts
with ``/``, so this cannot be confused with one), and a pointer containing whitespace or control
characters is shown as a JSON string literal so the line stays splittable.  In an input of several
records (a dump), the record's ``id`` and ``provider_config_key`` follow in brackets, each left out
when the record has none, and quoted like a pointer when they hold spaces, quotes or brackets.
Control characters in paths and messages are escaped (``\\n``) so every finding is exactly one
line.

After the findings, a table counts each rule's findings (reported and suppressed, the most
frequent first; :mod:`~terapi_lint.reporters.statistics`), and the summary names the top rules.
With a ``--max-findings`` cap (on a terminal by default) the findings past it are counted in
``... and 399,950 more (see --statistics or -f json)``, the table and the summary.

Unreadable paths are not printed here: the CLI reports them on stderr.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import TextIO

from terapi_lint.findings import Finding
from terapi_lint.reporters.base import Report, Writer, one_line, summary_line
from terapi_lint.ruledoc import rule_url

_COLORS = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_DIM = "\x1b[2m"
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"

_NEEDS_QUOTES = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029\"]")
_NEEDS_QUOTES_IN_BRACKETS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029\"\[\]]")
_JSON_UNESCAPED = re.compile(r"[\x7f-\x9f\u2028\u2029]")  # json.dumps leaves these raw


def _quoted(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)
    return _JSON_UNESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


@lru_cache(maxsize=4096)  # a dump's findings repeat the same few pointers
def format_pointer(pointer: str) -> str:
    """The pointer slot: ``(root)`` for the empty pointer, JSON-quoted if it has spaces."""
    if pointer == "":
        return "(root)"
    return _quoted(pointer) if _NEEDS_QUOTES.search(pointer) else pointer


def _identity_value(value: str) -> str:
    return _quoted(value) if not value or _NEEDS_QUOTES_IN_BRACKETS.search(value) else value


_cached_identity_value = lru_cache(maxsize=4096)(_identity_value)  # a record key repeats; an id does not


def format_identity(finding: Finding) -> str:
    """`` [id=ID key=KEY]`` for a record of a dump, or nothing."""
    record_id, record_key = finding.record_id, finding.record_key
    if record_key is None:
        return "" if record_id is None else f" [id={_identity_value(record_id)}]"
    key = _cached_identity_value(record_key)
    return f" [key={key}]" if record_id is None else f" [id={_identity_value(record_id)} key={key}]"


def format_finding(finding: Finding, *, color: bool = False, link: bool = False) -> str:
    """One finding as one line of text; with ``link``, the rule name is an OSC 8 hyperlink to its page."""
    location = f"{_one_line(finding.file)}:{finding.line}:{finding.column}:"
    severity = finding.severity
    pointer = format_pointer(finding.pointer)
    if finding.record_id is not None or finding.record_key is not None:
        pointer += format_identity(finding)
    message = _one_line(finding.message)
    rule = f"\x1b]8;;{rule_url(finding.rule)}\x1b\\{finding.rule}\x1b]8;;\x1b\\" if link else finding.rule
    if color:
        location = f"{_BOLD}{location}{_RESET}"
        severity = f"{_COLORS.get(severity, '')}{severity}{_RESET}"
        pointer = f"{_DIM}{pointer}{_RESET}"
    return f"{location} {severity} {rule} {pointer}: {message}"


_one_line = lru_cache(maxsize=4096)(one_line)  # file names and messages repeat across a dump's findings


def plain_line(finding: Finding) -> str:
    """``format_finding(finding) + "\\n"`` (no colour, no link), with less work a finding."""
    f = finding
    pointer = format_pointer(f.pointer)
    if f.record_id is not None or f.record_key is not None:
        pointer += format_identity(f)
    return f"{_one_line(f.file)}:{f.line}:{f.column}: {f.severity} {f.rule} {pointer}: {_one_line(f.message)}\n"


class TextWriter(Writer):
    """Each finding's line as it comes (up to ``limit``), then the statistics table and the summary;
    with ``statistics``, only the table and the summary."""

    def __init__(self, out: TextIO, head: Report, *, color: bool = False, limit: int | None = None,
                 statistics: bool = False) -> None:
        super().__init__(out, head, color=color, limit=limit)
        self.statistics = statistics
        self.link = bool(getattr(out, "isatty", None) and out.isatty())  # hyperlinks only on a terminal

    def write(self, finding: Finding) -> None:
        if self.statistics:
            return
        if self.color or self.link:
            self.out.write(format_finding(finding, color=self.color, link=self.link) + "\n")
        else:
            self.out.write(plain_line(finding))

    def close(self, report: Report) -> None:
        self.tally.add_suppressed(report.suppressed)
        if self.omitted and not self.statistics:
            self.out.write(more_line(self.omitted) + "\n")
        table = self.tally.table()
        if table and self.written and not self.statistics:
            table.insert(0, "")  # a blank line between the findings and the table
        self.out.write("".join(f"{line}\n" for line in table))
        summary = summary_line(report, self.tally)
        self.out.write((f"{_BOLD}{summary}{_RESET}" if self.color else summary) + "\n")


def more_line(omitted: int) -> str:
    """What a capped report says of the findings it left out."""
    return f"... and {omitted:,} more (see --statistics or -f json)"


render = TextWriter.render
