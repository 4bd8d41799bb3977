#!/usr/bin/env python3
"""Dumps at human scale (issue #12): dirty dumps, big reports, piped and compressed input, every shape.

Each scenario runs terapi-lint as whole processes on generated dumps and compares it with itself
on a reference input, side by side in one run (the commands of a scenario take turns, so a busy
spell on this shared machine falls on all of them):

``errors``    1,000,000-record NDJSON with ~40% of records holding one error (``expires_at: null``)
              against the same records clean; the report written with ``-o`` in each ``--formats``.
              Target: within 1.5x of the clean dump's time, peak under 200 MB in every format.
``warnings``  200,000 records with two members the structure does not define (about 400,000
              ``unknown-field`` warnings): SARIF and JUnit to a file, text to a pipe.  Targets: SARIF
              peak under 200 MB; the first text line within 1 s of the start.
``zcat``      1,000,000-record NDJSON: ``zcat dump.ndjson.gz | terapi-lint check -`` against the
              uncompressed file (and the ``.gz`` file named directly).  Target: within 1.2x of the
              file's time and memory.
``pretty``    100,000-record array pretty-printed (``indent=2``) and ``{"connections": [...]}`` on
              one line, with ``--jobs 2``, against the one-record-per-line array.  Target: within
              1.2x of its time.

    python benchmarks/dumps.py                               # every scenario, 3 repeats
    python benchmarks/dumps.py --scenarios zcat,pretty --repeats 5 --markdown
    python benchmarks/dumps.py --scenarios errors --formats json,sarif
    python benchmarks/dumps.py --terapi-git ../main          # the committed HEAD of another checkout
    python benchmarks/dumps.py --baseline-git ../main        # before (../main's HEAD) and after, side by side

Datasets go to ``benchmarks/data/`` (git-ignored) and are reused.  Wall time, CPU and peak memory
(the larger of ``ru_maxrss`` and the sampled sum over the process tree, pipelines included) are
measured as ``run.py`` does; see docs/performance.md.  "first out" is the time from the start to
the first byte on stdout.  No test asserts any of it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402
import run  # noqa: E402

SCENARIOS = ["errors", "warnings", "zcat", "pretty"]
FORMATS = ["json", "sarif", "text", "github", "junit", "jsonl"]


def dataset(shape: str, records: int, *, errors: float = 0.0, extras: int = 0, gz: bool = False,
            seed: int = 6, defects: float = 0.0001) -> Path:
    ext = {"ndjson": "ndjson", "yaml": "yaml"}.get(shape, "json") + (".gz" if gz else "")
    name = f"{shape}-{records}-s{seed}-d{defects:g}" + (f"-e{errors:g}" if errors else "") \
        + (f"-x{extras}" if extras else "") + f".{ext}"
    path = run.DATA / name
    if not path.exists():
        print(f"  generate {path.name} ...", file=sys.stderr, flush=True)
        run.DATA.mkdir(parents=True, exist_ok=True)
        generate.main(["--records", str(records), "--shape", shape, "--seed", str(seed),
                       "--defect-rate", str(defects), "--error-rate", str(errors),
                       "--extra-members", str(extras), "--out", str(path)])
    return path


def measure(cmd: list[str], env: dict[str, str], out: Path, timeout: float) -> tuple[run.Run, float | None, str]:
    """``run.measure`` with stdout through a pipe, to time the first byte of output."""
    first: list[float] = []
    with open(out, "wb") as sink, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL, env=env,
                                start_new_session=True)

        def copy() -> None:
            while block := proc.stdout.read1(1 << 16):
                if not first:
                    first.append(time.perf_counter() - t0)
                sink.write(block)

        copier = threading.Thread(target=copy, daemon=True)
        copier.start()
        peak, done = [0], threading.Event()

        def sample() -> None:
            while not done.wait(0.02):
                peak[0] = max(peak[0], run._tree_rss_kb(proc.pid))
                if time.perf_counter() - t0 > timeout:
                    os.killpg(proc.pid, 9)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        done.set()
        copier.join()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    result = run.Run(wall, usage.ru_maxrss, peak[0], proc.returncode, usage.ru_utime + usage.ru_stime,
                     wall > timeout)
    return result, (first[0] if first else None), stderr


@dataclass
class Case:
    scenario: str
    label: str
    records: int
    cmd: list[str]
    reference: str = ""  # label of the case this one is compared with
    target: str = ""
    runs: list[run.Run] = field(default_factory=list)
    firsts: list[float] = field(default_factory=list)
    note: str = ""
    findings: str = ""
    env: dict[str, str] = field(default_factory=dict)  # the terapi-lint it runs (before or after)

    @property
    def median(self) -> run.Run | None:
        return sorted(self.runs, key=lambda r: r.wall)[len(self.runs) // 2] if self.runs else None


def cases(args: argparse.Namespace, check: list[str]) -> list[Case]:
    out = run.DATA
    found: list[Case] = []
    n1m, n200k, n100k = args.ndjson_records, args.warning_records, args.array_records
    if "errors" in args.scenarios:
        clean = dataset("ndjson", n1m)
        dirty = dataset("ndjson", n1m, errors=0.4)
        found.append(Case("errors", "clean, -f json -o", n1m, [*check, "-f", "json", "-o", str(out / "r-clean.json"), str(clean)]))
        for fmt in args.formats:
            found.append(Case("errors", f"40% errors, -f {fmt} -o", n1m,
                              [*check, "-f", fmt, "-o", str(out / f"r-errors.{fmt}"), str(dirty)],
                              "clean, -f json -o", "≤1.5x clean time, peak <200 MB"))
    if "warnings" in args.scenarios:
        noisy = dataset("ndjson", n200k, extras=2)
        for fmt in ("sarif", "junit"):
            found.append(Case("warnings", f"-f {fmt} -o", n200k, [*check, "-f", fmt, "-o", str(out / f"r-warn.{fmt}"), str(noisy)],
                              target="peak <200 MB" if fmt == "sarif" else ""))
        found.append(Case("warnings", "-f text | (pipe)", n200k, [*check, "-f", "text", str(noisy)],
                          target="first line ≤1 s"))
    if "zcat" in args.scenarios:
        plain = dataset("ndjson", n1m)
        packed = dataset("ndjson", n1m, gz=True)
        found.append(Case("zcat", "file", n1m, [*check, "-f", "json", str(plain)]))
        pipeline = " ".join(map(_quote, check)) + " -f json -"
        found.append(Case("zcat", "zcat .gz | check -", n1m, ["sh", "-c", f"zcat {_quote(str(packed))} | {pipeline}"],
                          "file", "≤1.2x file time and memory"))
        found.append(Case("zcat", ".gz file named", n1m, [*check, "-f", "json", str(packed)], "file"))
    if "pretty" in args.scenarios:
        compact = dataset("array", n100k)
        jobs = ["--jobs", "2"]
        found.append(Case("pretty", "one record per line, --jobs 2", n100k, [*check, *jobs, "-f", "json", str(compact)]))
        for shape, label in (("pretty", "indent=2, --jobs 2"), ("oneline", "one-line wrapper, --jobs 2")):
            found.append(Case("pretty", label, n100k, [*check, *jobs, "-f", "json", str(dataset(shape, n100k))],
                              "one record per line, --jobs 2", "≤1.2x one-record-per-line time"))
    return found


#: What marks each finding in a report of each format (counted, never parsed: see findings_in).
_MARKS = {"json": (b'\n      "rule": ',), "sarif": (b'\n          "ruleId": ',), "junit": (b"<failure ",),
          "github": (b"\n::",), "text": (b": error ", b": warning ", b": info "), "jsonl": (b"\n",)}


def findings_in(report: Path, cmd: list[str]) -> str:
    """How many findings a report holds (to see that every variant found the same).

    Counted by a byte pattern, block by block: loading a report of 400,000 findings would grow this
    process to gigabytes, and a child's ``ru_maxrss`` starts at its parent's peak (it survives
    ``vfork`` and ``exec``), so every later measurement would be wrong.
    """
    import re

    line = " ".join(cmd)  # a pipeline is one shell string
    output, fmt = re.search(r" -o (\S+)", line), re.search(r" -f (\w+)", line)
    target = Path(output.group(1)) if output else report
    fmt = fmt.group(1) if fmt else "text"
    marks, count, tail = _MARKS[fmt], 0, b""
    longest = max(len(mark) for mark in marks)
    try:
        with open(target, "rb") as handle:
            while block := handle.read(1 << 20):
                count += sum((tail + block).count(mark) for mark in marks)
                tail = block[len(block) - longest + 1:]  # a mark cut in two by the block boundary
                count -= sum(tail.count(mark) for mark in marks)  # counted again with the next block
        count += sum(tail.count(mark) for mark in marks)  # ... but there is none
    except OSError:
        return "?"
    if fmt == "github":
        with open(target, "rb") as handle:
            count += handle.read(2) == b"::"  # the first annotation has no newline before it
    return str(count)


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def verdict(case: Case, by_label: dict[tuple[str, str], Case]) -> str:
    m = case.median
    if not m:
        return case.note
    parts = []
    ref = by_label.get((case.scenario, case.reference))
    if ref and ref.median:
        parts.append(f"{m.wall / ref.median.wall:.2f}x time, {m.peak_mb / ref.median.peak_mb:.2f}x memory")
    if "peak <200" in case.target:
        parts.append("peak " + ("ok" if m.peak_mb < 200 else "over"))
    if case.target.startswith("first") and case.firsts:
        first = sorted(case.firsts)[len(case.firsts) // 2]
        parts.append("first line " + ("ok" if first <= 1.0 else "late"))
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scenarios", default=",".join(SCENARIOS), help=f"subset of {','.join(SCENARIOS)}")
    p.add_argument("--formats", default=",".join(FORMATS), help="report formats of the errors scenario")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--ndjson-records", type=int, default=1_000_000)
    p.add_argument("--warning-records", type=int, default=200_000)
    p.add_argument("--array-records", type=int, default=100_000)
    p.add_argument("--terapi-src", help="put this src folder on PYTHONPATH (default: the installed package)")
    p.add_argument("--terapi-git", metavar="REPO", help="measure the committed HEAD of this checkout")
    p.add_argument("--baseline-git", metavar="REPO",
                   help="also measure the committed HEAD of this checkout, as 'before', taking turns with 'after'")
    p.add_argument("--timeout", type=float, default=900)
    p.add_argument("--markdown", action="store_true")
    args = p.parse_args(argv)
    args.scenarios = [s for s in args.scenarios.split(",") if s]
    args.formats = [f for f in args.formats.split(",") if f]
    bad = [s for s in args.scenarios if s not in SCENARIOS] + [f for f in args.formats if f not in FORMATS]
    if bad:
        p.error(f"unknown scenario or format: {', '.join(bad)}")
    if "zcat" in args.scenarios and not shutil.which("zcat"):
        p.error("the zcat scenario needs zcat on PATH")
    try:
        tool, check = run.terapi_check(args.terapi_git, args.terapi_src)
    except run.HarnessError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    tools = {"terapi-lint": tool}
    todo = cases(args, check)
    for case in todo:
        case.env = tool.env
    if args.baseline_git:
        try:
            before, before_check = run.terapi_check(args.baseline_git, None)
        except run.HarnessError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        tools["before"] = before
        paired = []
        for old, new in zip(cases(args, before_check), todo):
            old.label, new.label = f"before: {old.label}", f"after: {new.label}"
            old.reference = f"before: {old.reference}" if old.reference else ""
            new.reference = f"after: {new.reference}" if new.reference else ""
            old.cmd = [part.replace("/r-", "/before-r-") for part in old.cmd]
            old.env = before.env
            if "jsonl" in old.label:  # a format the baseline may not have
                old.note = "(new format)"
            paired += [old, new]
        todo = paired
    print("\n".join(run.machine_info(tools)), file=sys.stderr)
    failures = []
    for i in range(args.repeats):
        for case in todo:  # the cases take turns
            if case.note:
                continue
            result, first, stderr = measure(case.cmd, case.env, run.DATA / f"out-{case.scenario}.txt", args.timeout)
            print(f"  {case.scenario:8} {case.label:42} run {i + 1}: {result.wall:7.2f} s  cpu {result.cpu:7.2f} s"
                  f"  {result.peak_mb:7.1f} MB  first {first if first is None else round(first, 2)} s"
                  f"  exit {result.returncode}  load {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)
            if result.returncode not in (0, 1):
                case.note = f"failed (exit {result.returncode})"
                failures.append(f"{case.scenario} {case.label}: {stderr.strip().splitlines()[-1:]}")
                continue
            case.runs.append(result)
            case.findings = findings_in(run.DATA / f"out-{case.scenario}.txt", case.cmd)
            if first is not None:
                case.firsts.append(first)
    by_label = {(c.scenario, c.label): c for c in todo}
    head = ["scenario", "input", "findings", "wall s", "records/s", "peak MB", "CPU s", "first out s", "vs reference", "target", "each run s"]
    rows = []
    for c in todo:
        m = c.median
        first = f"{sorted(c.firsts)[len(c.firsts) // 2]:.2f}" if c.firsts else ""
        rows.append([c.scenario, c.label, c.findings, *(["", "", "", ""] if not m else
                     [f"{m.wall:.2f}", f"{c.records / m.wall:,.0f}", f"{m.peak_mb:.0f}", f"{m.cpu:.2f}"]),
                     first, verdict(c, by_label), c.target, " / ".join(f"{r.wall:.2f}" for r in c.runs)])
    if args.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "|".join("---:" if h in ("wall s", "records/s", "peak MB", "CPU s", "first out s") else "---" for h in head) + "|")
        for r in rows:
            print("| " + " | ".join(r) + " |")
    else:
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
        for r in [head, *rows]:
            print("  ".join(x.ljust(widths[i]) for i, x in enumerate(r)))
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
    return 2 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
