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
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C


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
    from terapi_lint.baseline import BaselineError
    from terapi_lint.config import ConfigError
    from terapi_lint.dask import ClusterError, require
    from terapi_lint.linter import Pipeline, collect, lint_files
    from terapi_lint.output import OutputError
    from terapi_lint.reporters import Report
    from terapi_lint.reporters.base import INTERRUPTED, summary_line
    from terapi_lint.schema.loading import SchemaLoadError

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if settings.show_settings:
        from terapi_lint.config.show import show_settings

        stdout.write(show_settings(settings))
        return EXIT_CLEAN
    if settings.prune_baseline and not settings.baseline:
        print("terapi-lint: --prune-baseline needs the baseline to prune: give --baseline FILE", file=stderr)
        return EXIT_ERROR
    lint, collecting = lint_files, collect
    if settings.dask is not None:  # on a cluster: the same run, its units linted by the workers
        try:
            require()
        except ClusterError as error:
            print(f"terapi-lint: {error}", file=stderr)
            return EXIT_ERROR
        from terapi_lint.dask.cluster import collect_inputs, lint_entries

        lint, collecting = lint_entries, collect_inputs
    entries = collecting(paths, settings)
    try:
        _refuse_other_configs(settings, entries)
    except ConfigError as error:
        print(f"terapi-lint: {error}", file=stderr)
        return EXIT_ERROR
    if settings.show_files:
        return _show_files(entries, stdout)
    try:
        pipeline = Pipeline(settings)
    except (SchemaLoadError, BaselineError) as error:
        print(f"terapi-lint: {error}", file=stderr)
        return EXIT_ERROR
    for warning in pipeline.source.warnings:
        print(warning, file=stderr)

    if settings.fix or settings.diff or settings.origins.get("fix_only") == "flag":
        from terapi_lint.fixes.apply import apply_fixes

        changed = apply_fixes(entries, settings, pipeline, stdout, stderr)
        if settings.diff:
            return EXIT_FINDINGS if changed else EXIT_CLEAN

    try:
        report_file = _report_file(settings.output, entries) if settings.output else None
    except OutputError as error:
        print(f"terapi-lint: {error}", file=stderr)
        return EXIT_ERROR

    from terapi_lint import progress

    meters: list[progress.Progress] = []

    def meter(total: int | None) -> progress.Progress:
        meters.append(progress.Progress(stderr, total))
        return meters[-1]

    out = report_file.handle if report_file is not None else stdout
    writer = _writer(settings, out, to_stdout=report_file is None)

    def on_file(name: str | None, findings: list[Any]) -> None:
        if findings and report_file is None:
            for line in meters:
                line.clear()  # the findings' lines start where the progress line was
        for finding in findings:
            writer.finding(finding)
        if name is not None:
            writer.file_done(name)
        out.flush()

    try:
        result = lint(entries, settings, pipeline=pipeline, progress=meter if progress.wanted(stderr) else None,
                      stdin_name=settings.stdin_filename, on_file=on_file)
    except ClusterError as error:
        if report_file is not None:
            report_file.discard()
        print(f"terapi-lint: {error}", file=stderr)
        return EXIT_ERROR
    except BaseException:
        if report_file is not None:
            report_file.discard()
        raise
    if pipeline.baseline is not None and (settings.write_baseline or settings.prune_baseline) and result.complete:
        print(f"terapi-lint: {_write_baseline(pipeline.baseline, result)}", file=stderr)
    for unreadable in result.unreadable:
        print(f"terapi-lint: {unreadable}", file=stderr)
    if not result.complete:
        print(f"terapi-lint: {INTERRUPTED}", file=stderr)

    report = Report(
        files=result.files, records=result.records, errors=[str(u) for u in result.unreadable],
        rules=rules.ALL_RULES, root=writer.head.root, cwd=writer.head.cwd, unparsed=result.unparsed, complete=result.complete,
        suppressed=result.suppressed.by_entry(),
    )
    counted = writer.tally.severities
    nothing_to_say = not (writer.tally.total or result.unreadable or result.unparsed or report.suppressed) \
        and result.complete
    if report_file is not None:
        try:
            writer.close(report)
            report_file.commit()
        except OutputError as error:
            print(f"terapi-lint: {error}", file=stderr)
            return EXIT_ERROR
        except BaseException:
            report_file.discard()
            raise
    elif not (settings.quiet and nothing_to_say):
        writer.close(report)
    if settings.format == "jsonl":  # stdout holds only findings: the summary goes with the messages
        print(f"terapi-lint: {summary_line(report, writer.tally)}", file=stderr)

    if not result.complete:
        return EXIT_INTERRUPTED
    if result.unreadable:
        return EXIT_ERROR
    threshold = severity_rank(settings.fail_on)
    failing = any(n and severity_rank(severity) >= threshold for severity, n in counted.items())
    return EXIT_FINDINGS if failing and not settings.exit_zero else EXIT_CLEAN


#: Findings a text or github report shows on a terminal unless ``--max-findings`` says otherwise.
TERMINAL_CAP = 50


def _writer(settings: Settings, out: TextIO, *, to_stdout: bool) -> Any:
    """The report's writer: its format, colour on a terminal, annotations after the text under
    GitHub Actions, and the cap (``--max-findings``, or :data:`TERMINAL_CAP` for text on a terminal)."""
    from terapi_lint import rules
    from terapi_lint.reporters import Report, get_writer
    from terapi_lint.reporters.base import report_root
    from terapi_lint.reporters.github import AnnotatedTextWriter, annotations_wanted
    from terapi_lint.reporters.text import TextWriter

    writer = get_writer(settings.format)
    if writer is TextWriter and to_stdout and annotations_wanted():
        writer = AnnotatedTextWriter
    text = issubclass(writer, TextWriter)
    limit = settings.max_findings
    if limit is None and text:
        isatty = getattr(out, "isatty", None)
        limit = TERMINAL_CAP if isatty and isatty() else None
    options: dict[str, Any] = {"statistics": settings.statistics} if text else {}
    if writer is get_writer("sarif") and not to_stdout:  # -o: a file of the run's own, rewritable
        options["rewritable"] = True
    color = use_color(settings.color, out) if writer is not get_writer("github") and text and to_stdout else False
    return writer(out, Report(rules=rules.ALL_RULES, root=report_root(), cwd=os.getcwd()), color=color, limit=limit or None,
                  **options)


def _write_baseline(baseline: Any, result: Any) -> str:
    """``--write-baseline``: record what the run found; ``--prune-baseline``: drop what matched
    nothing.  Returns what was done, to say."""
    used = baseline.used(result.suppressed)
    if baseline.record:
        baseline.write(used)
        total = sum(used.values())
        return f"recorded {total} finding{'s' * (total != 1)} in the baseline {baseline.path}"
    stale = {entry.key: hid for entry, hid in baseline.stale(result.files, result.suppressed)}
    baseline.write({key: stale.get(key, entry.count) for key, entry in baseline.entries.items() if stale.get(key, 1)})
    return f"pruned {len(stale)} stale entr{'ies' if len(stale) != 1 else 'y'} from the baseline {baseline.path}"


def _report_file(output: str, entries: list[Any]) -> Any:
    """The ``-o`` file, refused before anything is linted when it is one of the files to lint
    (the same file through any symbolic or hard link) or cannot be written."""
    from terapi_lint.discover import STDIN, Skipped, identity
    from terapi_lint.output import OutputError, ReportFile, is_earlier_report

    target = identity(output)
    clash = target and next((e for e in entries if isinstance(e, str) and e != STDIN and identity(e) == target), None)
    if clash:
        same = "" if clash == output else f"the same file as {clash}, "
        raise OutputError(f"refusing to write the report to {output}: it is {same}one of the files to lint; "
                          "choose another --output")
    # A folder to lint leaves the report file out (an earlier report is not records); anything
    # else there (a fixture, a dump) is never overwritten.
    inside = target and next((e for e in entries if isinstance(e, Skipped) and identity(e.path) == target), None)
    if inside and not is_earlier_report(output):
        raise OutputError(f"refusing to write the report to {output}: a folder to lint holds it and it is not a "
                          "terapi-lint report, so it would be lost; choose another --output")
    return ReportFile(output)


def _refuse_other_configs(settings: Settings, entries: list[Any]) -> None:
    """A config file found from the paths applies only to files that belong to it: a file found
    in a folder under another config (or under none) is refused, never linted with the wrong one."""
    if settings.config_found_from is None:
        return
    from pathlib import Path

    from terapi_lint.config.files import Finder
    from terapi_lint.discover import STDIN

    config = Path(settings.config_file) if settings.config_file else None
    Finder().refuse_others((e for e in entries if isinstance(e, str) and e != STDIN), config)


def _show_files(entries: list[Any], stdout: TextIO) -> int:
    """``--show-files``: each file to lint, each path left out and why; exit 2 if a path is bad."""
    from terapi_lint.discover import STDIN, Skipped, Unreadable

    counts = {"lint": 0, "skip": 0, "error": 0}
    for entry in entries:
        if isinstance(entry, (Skipped, Unreadable)):
            verb, text = "skip" if isinstance(entry, Skipped) else "error", str(entry)
        else:
            verb, text = "lint", "- (stdin)" if entry == STDIN else entry
        counts[verb] += 1
        stdout.write(f"{verb} {text}\n")
    stdout.write(f"{counts['lint']} to lint, {counts['skip']} skipped, {counts['error']} could not be checked.\n")
    return EXIT_ERROR if counts["error"] else EXIT_CLEAN
