"""``terapi-lint check`` as a plain function: arguments in, exit code out.

Kept apart from click so the whole run (configuration layering, linting, reporting, exit code) can
be called and tested without a command line.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any, TextIO

from terapi_lint.findings import severity_rank

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C


@dataclass(frozen=True)
class CheckArgs:
    """The options of ``check`` after the command line and the config file are merged."""

    paths: tuple[str, ...]
    schema: str | None = None
    records: tuple[str, ...] | None = None
    output_format: str = "text"
    output: str | None = None
    fail_on: str = "error"
    exit_zero: bool = False
    quiet: bool = False
    strict: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    include: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    kind: str | None = None
    jobs: int | None = None
    color: bool | None = None
    config: Any = None


def use_color(flag: bool | None, stream: TextIO, env: dict[str, str] | os._Environ = os.environ) -> bool:
    """Colour only on a terminal, never with ``NO_COLOR`` set, unless forced by the flag."""
    if flag is not None:
        return flag
    if env.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def run_check(args: CheckArgs, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    from terapi_lint import rules
    from terapi_lint.config import Config
    from terapi_lint.discover import DEFAULT_INCLUDE
    from terapi_lint.engine import SchemaLoadError
    from terapi_lint.linter import Engine, LintOptions, collect, lint_files
    from terapi_lint.output import OutputError
    from terapi_lint.reporters import Report, get_reporter
    from terapi_lint.reporters.base import INTERRUPTED, report_root
    from terapi_lint.reporters.github import annotations_wanted, render_annotations

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    config: Config = args.config or Config()
    options = LintOptions(
        schema_path=args.schema,
        records_pointer=args.records,
        strict=args.strict,
        selection=config.selection(args.select, args.ignore),
        severity=dict(config.severity or {}),
        allowlist=config.make_allowlist(),
        include=args.include or DEFAULT_INCLUDE,
        exclude=args.exclude,
        exclude_root=str(config.root) if config.root is not None and args.exclude == tuple(config.exclude or ()) else None,
        kind=args.kind,
        jobs=args.jobs or os.cpu_count() or 1,
    )
    try:
        engine = Engine(options)
    except SchemaLoadError as error:
        print(f"terapi-lint: {error}", file=stderr)
        return EXIT_ERROR
    for warning in engine.source.warnings:
        print(warning, file=stderr)

    entries = collect(args.paths, options, config_file=config.source, output=args.output)
    try:
        report_file = _report_file(args.output, entries) if args.output else None
    except OutputError as error:
        print(f"terapi-lint: {error}", file=stderr)
        return EXIT_ERROR

    from terapi_lint import progress

    meter = (lambda total: progress.Progress(stderr, total)) if progress.wanted(stderr) else None
    try:
        result = lint_files(entries, options, engine=engine, config_file=config.source, progress=meter)
    except BaseException as error:
        if report_file is not None:
            report_file.discard()
        if not isinstance(error, SchemaLoadError):
            raise
        print(f"terapi-lint: {error}", file=stderr)  # found only when the first record needed jsonschema
        return EXIT_ERROR
    for unreadable in result.unreadable:
        print(f"terapi-lint: {unreadable}", file=stderr)
    if not result.complete:
        print(f"terapi-lint: {INTERRUPTED}", file=stderr)

    report = Report(
        findings=result.findings, files=result.files, records=result.records,
        errors=[str(u) for u in result.unreadable], rules=rules.ALL_RULES, root=report_root(),
        unparsed=result.unparsed, complete=result.complete,
    )
    reporter = get_reporter(args.output_format)
    nothing_to_say = not (result.findings or result.unreadable or result.unparsed) and result.complete
    if report_file is not None:
        try:
            reporter(report, report_file.handle, color=False)
            report_file.commit()
        except OutputError as error:
            print(f"terapi-lint: {error}", file=stderr)
            return EXIT_ERROR
        except BaseException:
            report_file.discard()
            raise
    elif not (args.quiet and nothing_to_say):
        reporter(report, stdout, color=use_color(args.color, stdout) if args.output_format == "text" else False)
        if args.output_format == "text" and annotations_wanted():
            render_annotations(report, stdout)

    if not result.complete:
        return EXIT_INTERRUPTED
    if result.unreadable:
        return EXIT_ERROR
    threshold = severity_rank(args.fail_on)
    failing = any(severity_rank(f.severity) >= threshold for f in result.findings)
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


def _report_file(output: str, entries: list[Any]) -> Any:
    """The ``-o`` file, refused before anything is linted when it is one of the files to lint
    (the same file through any symbolic or hard link) or cannot be written."""
    from terapi_lint.discover import STDIN, identity
    from terapi_lint.output import OutputError, ReportFile

    target = identity(output)
    clash = target and next((e for e in entries if isinstance(e, str) and e != STDIN and identity(e) == target), None)
    if clash:
        same = "" if clash == output else f"the same file as {clash}, "
        raise OutputError(f"refusing to write the report to {output}: it is {same}one of the files to lint; "
                          "choose another --output")
    return ReportFile(output)
