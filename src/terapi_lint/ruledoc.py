"""Rule docstrings turned into the pieces every consumer needs.

A rule's docstring has a one-line summary, then ``## What it checks``, ``## Why it matters``,
``## Example`` and ``## Fix`` (see :mod:`terapi_lint.rules.base`).  This module parses that shape
once and serves:

- SARIF ``rules[]``: :attr:`RuleDoc.short_description`, :attr:`RuleDoc.full_description`
  (plain text, at most 1024 characters, as GitHub code scanning requires), :attr:`RuleDoc.help_text`
  and :attr:`RuleDoc.help_markdown`;
- ``terapi-lint rule NAME``: :func:`render_rule`;
- the README rule reference: :func:`rule_reference_markdown`, and one page per rule
  (``docs/rules/<name>.md``): :func:`rule_page_markdown`, published at :func:`rule_url`.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: The sections every rule docstring should have, in order.
SECTIONS: tuple[str, ...] = ("What it checks", "Why it matters", "Example", "Fix")

#: GitHub code scanning caps shortDescription/fullDescription at 1024 characters.
MAX_DESCRIPTION = 1024

_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")


@dataclass(frozen=True)
class RuleDoc:
    """The documentation of one rule, parsed."""

    code: str
    name: str
    severity: str
    summary: str
    #: Section title -> markdown body (stripped), in docstring order.
    sections: dict[str, str] = field(default_factory=dict)
    #: Text before the first ``##`` heading, after the summary line.
    preamble: str = ""

    @property
    def short_description(self) -> str:
        return _truncate(self.summary or self.name, MAX_DESCRIPTION)

    @property
    def full_description(self) -> str:
        """Plain text: the summary plus "What it checks", at most 1024 characters."""
        parts = [self.summary]
        if self.preamble:
            parts.append(markdown_to_text(self.preamble))
        checks = self.sections.get("What it checks")
        if checks:
            parts.append(markdown_to_text(checks))
        return _truncate("\n\n".join(p for p in parts if p) or self.name, MAX_DESCRIPTION)

    @property
    def help_markdown(self) -> str:
        """The whole docstring body as markdown, with the summary as a first paragraph."""
        out = [f"**{self.name}** ({self.code}, default severity: {self.severity}): {self.summary}"]
        if self.preamble:
            out.append(self.preamble)
        for title, body in self.sections.items():
            out.append(f"## {title}\n\n{body}" if body else f"## {title}")
        return "\n\n".join(out).strip() + "\n"

    @property
    def help_text(self) -> str:
        """The same as :attr:`help_markdown`, as plain text (headings underlined, no fences)."""
        out = [f"{self.name} ({self.code}, default severity: {self.severity})", "", self.summary]
        if self.preamble:
            out += ["", markdown_to_text(self.preamble)]
        for title, body in self.sections.items():
            out += ["", title, "-" * len(title)]
            if body:
                out.append(markdown_to_text(body))
        return "\n".join(out).strip() + "\n"

    @property
    def missing_sections(self) -> tuple[str, ...]:
        """Required sections the docstring lacks (a test over the registry should assert none)."""
        return tuple(s for s in SECTIONS if s not in self.sections)


def _truncate(text: str, limit: int) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def parse_docstring(doc: str | None) -> tuple[str, str, dict[str, str]]:
    """Split a docstring into (summary, preamble, sections).

    The summary is the first paragraph joined into one line; ``sections`` maps each ``## Title`` to
    its dedented body.  Headings inside fenced code blocks are left alone.
    """
    text = inspect.cleandoc(doc or "")
    lines = text.splitlines()
    # Summary: first paragraph.
    summary_lines: list[str] = []
    i = 0
    while i < len(lines) and lines[i].strip():
        if _HEADING.match(lines[i]):
            break
        summary_lines.append(lines[i].strip())
        i += 1
    summary = " ".join(summary_lines)
    preamble: list[str] = []
    sections: dict[str, list[str]] = {}
    current: list[str] = preamble
    fence = False
    for line in lines[i:]:
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = not fence
        m = None if fence else _HEADING.match(line)
        if m:
            current = sections.setdefault(m.group(1), [])
            continue
        current.append(line)
    return (
        summary,
        "\n".join(preamble).strip(),
        {title: "\n".join(body).strip() for title, body in sections.items()},
    )


def rule_doc(rule: Any) -> RuleDoc:
    """Parse ``rule`` (a module or object with CODE, NAME, SEVERITY and ``__doc__``)."""
    summary, preamble, sections = parse_docstring(getattr(rule, "__doc__", None))
    return RuleDoc(
        code=str(getattr(rule, "CODE", "")),
        name=str(getattr(rule, "NAME", "")),
        severity=str(getattr(rule, "SEVERITY", "warning")),
        summary=summary,
        sections=sections,
        preamble=preamble,
    )


_FENCE = re.compile(r"^\s*(```|~~~)")
# A code span as CommonMark reads it: a run of N backticks up to the next run of exactly N.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_EMPH = re.compile(r"(\*\*|__)(.+?)\1")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def markdown_to_text(md: str) -> str:
    """A light markdown → plain text: fenced code indented by four spaces, links as ``text (url)``,
    backticks and bold markers dropped.  Good enough for rule docs, not a general converter."""
    out: list[str] = []
    in_fence = False
    for line in md.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append("    " + line if line.strip() else "")
            continue
        m = _HEADING.match(line)
        if m:
            line = m.group(1) + ":"
        out.append(_inline_to_text(line))
    # Drop blank lines at both ends, but keep the indentation of a leading code block.
    return "\n".join(out).strip("\n").rstrip()


def _inline_to_text(line: str) -> str:
    """One line of prose as text: code spans kept verbatim (their backticks dropped), links and
    emphasis markers undone only outside them."""
    out, pos = [], 0
    for match in _CODE_SPAN.finditer(line):
        out.append(_EMPH.sub(r"\2", _LINK.sub(r"\1 (\2)", line[pos:match.start()])))
        code = match.group(2)
        if len(code) > 2 and code[0] == code[-1] == " " and code.strip():
            code = code[1:-1]
        out.append(code)
        pos = match.end()
    out.append(_EMPH.sub(r"\2", _LINK.sub(r"\1 (\2)", line[pos:])))
    return "".join(out)


#: Where each rule's page is published (its source: ``docs/rules/<name>.md``).
RULE_DOCS = "https://github.com/terapi/terapi-lint/blob/main/docs/rules/"


def rule_url(name: str) -> str:
    """The stable URL of a rule's page: what SARIF ``helpUri``, the JSON report's ``url``, the
    text report's links and ``terapi-lint rule NAME`` give."""
    return f"{RULE_DOCS}{name}.md"


def render_rule(rule: Any, *, markdown: bool = False) -> str:
    """What ``terapi-lint rule NAME`` prints: the whole doc, as text (default) or markdown, then
    the URL of its page."""
    doc = rule_doc(rule)
    body = doc.help_markdown if markdown else doc.help_text
    return f"{body}\n{rule_url(doc.name)}\n"


def rule_page_markdown(rule: Any) -> str:
    """The page ``docs/rules/<name>.md``: the rule's whole doc, its bad example and, in Fix, a clean one."""
    doc = rule_doc(rule)
    out = [f"# `{doc.name}` ({doc.code})", "",
           f"Default severity: **{doc.severity}**. {doc.summary}", "",
           "<!-- Generated from the rule's docstring by scripts/update_reference.py; edit the docstring. -->"]
    if doc.preamble:
        out += ["", doc.preamble]
    for title, body in doc.sections.items():
        out += ["", f"## {title}"] + (["", body] if body else [])
    out += ["", "See all rules: [README](../../README.md#rules)."]
    return "\n".join(out) + "\n"


def rule_reference_markdown(rules: Iterable[Any], *, heading_level: int = 3) -> str:
    """The README's rule reference: a table of every rule, then one section per rule.

    Headings are ``### `name` (CODE)`` so that each rule gets a stable anchor.
    """
    docs = [rule_doc(r) for r in rules]
    hashes = "#" * heading_level
    out = ["| Code | Name | Default severity | Summary |", "| --- | --- | --- | --- |"]
    for d in docs:
        summary = d.summary.replace("|", "\\|")
        out.append(f"| {d.code} | [`{d.name}`](#{_anchor(d)}) | {d.severity} | {summary} |")
    for d in docs:
        out += [
            "",
            f"{hashes} `{d.name}` ({d.code})",
            "",
            f"Default severity: **{d.severity}**. {d.summary}",
        ]
        if d.preamble:
            out += ["", d.preamble]
        for title, body in d.sections.items():
            out += ["", f"{hashes}# {title}"]
            if body:
                out += ["", body]
    return "\n".join(out).strip() + "\n"


def _anchor(doc: RuleDoc) -> str:
    # GitHub's slugger: lowercase, drop punctuation except '-' and ' ', spaces to '-'.
    title = f"{doc.name} ({doc.code})".lower()
    return re.sub(r"[^\w\- ]", "", title).replace(" ", "-")
