"""GitHub Actions workflow-command annotations, followed by the plain text report.

Each finding becomes one line::

    ::error file=path,line=3,col=5,endLine=3,endColumn=6,title=terapi-lint rule-name::/pointer: message

(``warning`` → ``::warning``, ``info`` → ``::notice``), escaped exactly as actions/toolkit's
``command.ts`` does.  Actions shows at most 10 annotations of each kind per step and drops the
rest silently, so the full plain text report follows the annotations: nothing is lost.  The
annotations are written as the findings come; unreadable paths' annotations follow them.

Paths are made relative to the report root (the workspace when run from the checkout root).
Unreadable paths and an interrupted run become file-less ``::error`` annotations.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, TextIO

from terapi_lint.findings import Finding
from terapi_lint.reporters.base import INTERRUPTED, Report, Spool, relative_path
from terapi_lint.reporters.text import TextWriter

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def annotations_wanted(env: Mapping[str, str] | None = None) -> bool:
    """True when running under GitHub Actions (``GITHUB_ACTIONS=true``)."""
    env = os.environ if env is None else env
    return env.get("GITHUB_ACTIONS", "").strip().lower() == "true"


def escape_data(value: str) -> str:
    """Escape a command's message (toolkit ``escapeData``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (toolkit ``escapeProperty``)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: Mapping[str, object], message: str) -> str:
    """``::name k=v,k=v::message``; properties with an empty value are left out, as the toolkit does."""
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None and str(value) != ""
    )
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(finding: Finding, root: str, cwd: str | None = None) -> str:
    """The finding's ``::error``/``::warning``/``::notice`` command: what :func:`command` writes,
    with the parts that repeat across a dump's findings (file, rule, message) escaped once."""
    line = max(finding.line, 1)
    col = max(finding.column, 1)
    return (f"{_head(finding.severity, finding.file, root, cwd)}{line},col={col},endLine={line},"
            f"endColumn={col + 1},{_title(finding.rule)}{_message(finding.pointer, finding.message)}")


@lru_cache(maxsize=1024)
def _head(severity: str, file: str, root: str, cwd: str | None) -> str:
    """``::error file=PATH,line=`` (escaped)."""
    path, _inside = relative_path(file, root, cwd)
    file = f"file={escape_property(path)}," if path else ""
    return f"::{COMMANDS.get(severity, 'warning')} {file}line="


@lru_cache(maxsize=1024)
def _title(rule: str) -> str:
    return f"title={escape_property('terapi-lint ' + rule)}::"


@lru_cache(maxsize=4096)
def _message(pointer: str, message: str) -> str:
    return escape_data(f"{pointer}: {message}" if pointer else message)


def errors_as_annotations(report: Report) -> str:
    """The file-less ``::error`` lines: unreadable paths, and an interrupted run."""
    return "".join(command("error", {"title": "terapi-lint"}, error) + "\n"
                   for error in [*report.errors, *([] if report.complete else [INTERRUPTED])])


class GithubWriter(TextWriter):
    """Each finding's annotation as it comes; the unreadable paths' after them, then the text
    report (its lines kept on disk until then)."""

    def __init__(self, out: TextIO, head: Report, *, color: bool = False, limit: int | None = None,
                 statistics: bool = False) -> None:
        self.spool = Spool()
        super().__init__(self.spool, head, color=False, limit=limit, statistics=statistics)  # type: ignore[arg-type]
        self.target = out

    def write(self, finding: Finding) -> None:
        self.target.write(annotation(finding, self.head.root, self.head.cwd) + "\n")
        super().write(finding)

    def close(self, report: Report) -> None:
        super().close(report)
        self.target.write(errors_as_annotations(report))
        self.spool.copy_to(self.target)


class AnnotatedTextWriter(TextWriter):
    """The text report, then the annotations (``-f text`` under GitHub Actions), kept on disk until then."""

    def __init__(self, out: TextIO, head: Report, **options: Any) -> None:
        super().__init__(out, head, **options)
        self.annotations = Spool()

    def write(self, finding: Finding) -> None:
        super().write(finding)
        self.annotations.write(annotation(finding, self.head.root, self.head.cwd) + "\n")

    def close(self, report: Report) -> None:
        super().close(report)
        self.out.write(errors_as_annotations(report))
        self.annotations.copy_to(self.out)


render = GithubWriter.render
