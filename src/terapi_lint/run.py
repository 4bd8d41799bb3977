"""``terapi-lint check`` as a plain function: arguments in, exit code out.

Kept apart from click so the whole run (linting, reporting, exit code) can be called and tested
without a command line; the settings come layered already (:func:`terapi_lint.config.layered`).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

from terapi_lint.findings import severity_rank

if TYPE_CHECKING:
    from terapi_lint.config.settings import Settings

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def use_color(flag: bool | None, stream: TextIO, env: dict[str, str] | os._Environ = os.environ) -> bool:
    """Colour only on a terminal, never with ``NO_COLOR`` set, unless forced by the flag."""
    if flag is not None:
        return flag
    if env.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def run_check(paths: tuple[str, ...], settings: Settings, *, stdout: TextIO | None = None,
              stderr: TextIO | None = None) -> int:
    """Lint ``paths`` with ``settings``, write the report, and return the exit code."""
    from terapi_lint import rules
    from terapi_lint.linter import Pipeline, lint_paths
    from terapi_lint.reporters import Report, get_reporter
    from terapi_lint.reporters.base import report_root
    from terapi_lint.reporters.github import annotations_wanted, render_annotations
    from terapi_lint.schema.loading import SchemaLoadError

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        pipeline = Pipeline(settings)
    except SchemaLoadError as error:
        print(f"terapi-lint: {error}", file=stderr)
        return EXIT_ERROR
    for warning in pipeline.source.warnings:
        print(warning, file=stderr)

    from terapi_lint import progress

    meter = (lambda total: progress.Progress(stderr, total)) if progress.wanted(stderr) else None
    result = lint_paths(paths, settings, pipeline=pipeline, progress=meter)
    for unreadable in result.unreadable:
        print(f"terapi-lint: {unreadable}", file=stderr)

    report = Report(
        findings=result.findings, files=result.files, records=result.records,
        errors=[str(u) for u in result.unreadable], rules=rules.ALL_RULES, root=report_root(),
    )
    quiet_and_clean = settings.quiet and not result.findings and not result.unreadable
    if not quiet_and_clean:
        _write_report(settings, report, stdout, get_reporter(settings.format), annotations_wanted(),
                      render_annotations)

    if result.unreadable:
        return EXIT_ERROR
    threshold = severity_rank(settings.fail_on)
    failing = any(severity_rank(f.severity) >= threshold for f in result.findings)
    return EXIT_FINDINGS if failing and not settings.exit_zero else EXIT_CLEAN


def _write_report(settings: Settings, report: Any, stdout: TextIO, reporter: Any, under_actions: bool,
                  render_annotations: Any) -> None:
    if settings.output:
        with open(settings.output, "w", encoding="utf-8", newline="\n") as handle:
            reporter(report, handle, color=False)
        return
    reporter(report, stdout, color=use_color(settings.color, stdout) if settings.format == "text" else False)
    if settings.format == "text" and under_actions:
        render_annotations(report, stdout)
