"""GitHub Actions workflow-command annotations, followed by the plain text report.

Each finding becomes one line::

    ::error file=path,line=3,col=5,endLine=3,endColumn=6,title=terapi-lint rule-name::/pointer: message

(``warning`` → ``::warning``, ``info`` → ``::notice``), escaped exactly as actions/toolkit's
``command.ts`` does.  Actions shows at most 10 annotations of each kind per step and drops the
rest silently, so the full plain text report follows the annotations: nothing is lost.

Paths are made relative to the report root (the workspace when run from the checkout root).
Unreadable paths and an interrupted run become file-less ``::error`` annotations.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO

from terapi_lint.findings import Finding
from terapi_lint.reporters import text
from terapi_lint.reporters.base import INTERRUPTED, Report, relative_path

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


def annotation(finding: Finding, root: str) -> str:
    path, _inside = relative_path(finding.file, root)
    line = max(finding.line, 1)
    col = max(finding.column, 1)
    message = finding.message
    if finding.pointer:
        message = f"{finding.pointer}: {message}"
    return command(
        COMMANDS.get(finding.severity, "warning"),
        {
            "file": path,
            "line": line,
            "col": col,
            "endLine": line,
            "endColumn": col + 1,
            "title": f"terapi-lint {finding.rule}",
        },
        message,
    )


def render_annotations(report: Report, out: TextIO) -> None:
    """Only the annotation lines (for the CLI's text output under Actions)."""
    for error in [*report.errors, *([] if report.complete else [INTERRUPTED])]:
        out.write(command("error", {"title": "terapi-lint"}, error) + "\n")
    for finding in report.findings:
        out.write(annotation(finding, report.root) + "\n")


def render(report: Report, out: TextIO, *, color: bool = False) -> None:
    render_annotations(report, out)
    text.render(report, out, color=False)
