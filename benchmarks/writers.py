"""CPU a finding of every report writer (issue 12): run by hand, never by pytest.

Lints the first 100,000 lines of the 40%-error dump once (``--jobs 1``, through the library API)
to collect its ~40k real findings (``record_id``/``record_key`` set, as in a dump), repeats them
to 400k (line, record and record id shifted so every finding stays distinct), then, for each
format, feeds them through its :class:`~terapi_lint.reporters.base.Writer` (``finding`` each,
``file_done``, ``close``) into a real file under a scratch folder, and prints the process
CPU time (``time.process_time``, median of the repeats) a finding, in microseconds::

    python benchmarks/writers.py                       # every format, 3 repeats
    python benchmarks/writers.py --formats sarif,json --repeats 5
    python benchmarks/writers.py --keep /tmp/before    # keep each format's output (to cmp later)

The lint happens in the scratch folder holding the dump's head under the dump's own relative
name, so the findings' file names (and SARIF's relative URIs) are those of a real run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from terapi_lint import rules
from terapi_lint.config.settings import Settings
from terapi_lint.findings import Finding
from terapi_lint.linter import lint_paths
from terapi_lint.reporters import REPORTERS, Report, get_writer

DUMP = Path(__file__).parent / "data" / "ndjson-1000000-s6-d0.0001-e0.4.ndjson"
NAME = "benchmarks/data/ndjson-1000000-s6-d0.0001-e0.4.ndjson"  # as a run from the checkout names it


def head_findings(dump: Path, lines: int, folder: Path) -> list[Finding]:
    """The findings of the first ``lines`` lines of ``dump``, linted as ``NAME`` from ``folder``."""
    target = folder / NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    with dump.open("rb") as src, target.open("wb") as dst:
        for _, line in zip(range(lines), src):
            dst.write(line)
    os.chdir(folder)
    return list(lint_paths([NAME], Settings(jobs=1)).findings)


def _shifted_id(record_id: str | None, shift: int) -> str | None:
    if not shift or record_id is None:
        return record_id
    prefix, _, number = record_id.rpartition("-")
    return f"{prefix}-{int(number) + shift:0{len(number)}d}" if number.isdigit() else f"{record_id}-{shift}"


def repeated(findings: list[Finding], lines: int, total: int) -> list[Finding]:
    """``findings`` again and again (each time ``lines`` further down) up to ``total``."""
    out: list[Finding] = []
    shift = 0
    while len(out) < total:
        for f in findings:
            out.append(Finding(f.file, f.line + shift, f.column, f.pointer, f.rule, f.severity, f.message,
                               None if f.record is None else f.record + shift, f.code,
                               _shifted_id(f.record_id, shift), f.record_key))
            if len(out) == total:
                break
        shift += lines
    return out


def write_report(fmt: str, findings: list[Finding], path: Path, root: str) -> float:
    """CPU seconds to write ``findings`` as ``fmt`` into ``path`` (opened as ``-o`` opens it)."""
    writer_class = get_writer(fmt)
    records = (max((f.record or 0) for f in findings) + 1) if findings else 0
    start = time.process_time()
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        writer = writer_class(out, Report(rules=rules.ALL_RULES, root=root, cwd=root))
        for finding in findings:
            writer.finding(finding)
        writer.file_done(NAME)
        writer.close(Report(files=[NAME], records=records, rules=rules.ALL_RULES, root=root, cwd=root))
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dump", type=Path, default=DUMP)
    parser.add_argument("--lines", type=int, default=100_000, help="lines of the dump linted (default 100000)")
    parser.add_argument("--findings", type=int, default=400_000, help="findings fed to each writer")
    parser.add_argument("--formats", default=",".join(REPORTERS), help="comma-separated (default: all)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "terapi-writers",
                        help="scratch folder (emptied, then removed; default /tmp/terapi-writers)")
    parser.add_argument("--keep", type=Path, help="copy each format's output here (out.FORMAT)")
    args = parser.parse_args(argv)
    dump = args.dump.resolve()
    keep = args.keep.resolve() if args.keep else None
    if not dump.is_file():
        print(f"writers.py: {dump} not found (generate it with benchmarks/generate.py)", file=sys.stderr)
        return 2
    folder = args.folder.resolve()  # a fixed place: SARIF names the root, so outputs compare byte for byte
    shutil.rmtree(folder, ignore_errors=True)
    try:
        temp = str(folder)
        found = head_findings(dump, args.lines, folder)
        findings = repeated(found, args.lines, args.findings)
        print(f"{len(found)} findings in {args.lines} lines, repeated to {len(findings)}; "
              f"{args.repeats} repeats, CPU (process_time) median")
        print(f"{'format':<8} {'us/finding':>10} {'min':>6} {'s':>7} {'MB':>7}")
        for fmt in args.formats.split(","):
            path = folder / f"out.{fmt}"
            times = [write_report(fmt, findings, path, temp) for _ in range(args.repeats)]
            median = statistics.median(times)
            size = path.stat().st_size
            print(f"{fmt:<8} {median / len(findings) * 1e6:>10.2f} {min(times) / len(findings) * 1e6:>6.2f} "
                  f"{median:>7.2f} {size / 1e6:>7.1f}", flush=True)
            if keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, keep / path.name)
            path.unlink()
    finally:
        os.chdir("/")
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
