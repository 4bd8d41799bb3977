#!/usr/bin/env python3
"""Scale-out benchmark: ``--dask local:1`` and ``local:2`` against ``--jobs 1`` and ``--jobs 2``.

Each mode runs ``terapi-lint check -q -f json -o <tmp>`` as a whole subprocess on the same NDJSON
dump (``generate.py --shape ndjson``), ``--repeats`` times; the table gives the median wall time
and records/s, and whether every run's report is the same bytes.  Then the per-task overhead of
the cluster: the round trip of a task that lints nothing (an empty batch), measured on a
``LocalCluster`` of one worker after a warm-up, and the time to start ``local:N``.  See
docs/scale-out.md.

    python benchmarks/dask_scale.py                        # 1,000,000 records, 1 repeat
    python benchmarks/dask_scale.py --records 200000 --repeats 3 --modes jobs1,dask1

Needs the dask extra (``pip install ".[dask]"``).  Exit status 0 when every run worked, 2 if one
failed or the reports differ: a measuring tool, it asserts no timing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (stdlib-only sibling script)

MODES = {
    "jobs1": ["--jobs", "1"],
    "jobs2": ["--jobs", "2"],
    "dask1": ["--dask", "local:1"],
    "dask2": ["--dask", "local:2"],
}


def _run(args: list[str], dump: Path, out: Path) -> tuple[float, str]:
    cli = [sys.executable, "-m", "terapi_lint", "check", "-q", "-f", "json", "-o", str(out), *args, str(dump)]
    start = time.perf_counter()
    done = subprocess.run(cli, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"dask_scale: {' '.join(args)} failed (exit {done.returncode}): {done.stderr[-500:]}")
    return wall, hashlib.sha256(out.read_bytes()).hexdigest()


def task_overhead(tasks: int) -> tuple[float, float]:
    """(seconds to start a LocalCluster of 1 worker, milliseconds per task that lints nothing)."""
    import distributed

    from terapi_lint.config import Settings
    from terapi_lint.dask.tasks import Job, lint_units
    from terapi_lint.schema.loading import load_schema

    start = time.perf_counter()
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        started = time.perf_counter() - start
        job = Job.of(Settings(), load_schema(None))
        client.submit(lint_units, job, [], pure=False).result()  # the worker builds its Pipeline
        start = time.perf_counter()
        futures = [client.submit(lint_units, job, [], pure=False) for _ in range(tasks)]
        client.gather(futures)
        per_task = (time.perf_counter() - start) / tasks * 1000
    return started, per_task


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--records", type=int, default=1_000_000)
    p.add_argument("--repeats", type=int, default=1)
    p.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, of {', '.join(MODES)}")
    p.add_argument("--tasks", type=int, default=500, help="empty tasks timed for the per-task overhead")
    args = p.parse_args(argv)
    modes = [m for m in args.modes.split(",") if m]
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        p.error(f"unknown modes: {', '.join(unknown)}")
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "dump.ndjson"
        generate.main(["--records", str(args.records), "--shape", "ndjson", "--out", str(dump)])
        size = dump.stat().st_size
        print(f"{args.records:,} records, {size / 1e6:.0f} MB NDJSON, {os.cpu_count()} cores, "
              f"{args.repeats} repeat(s)\n")
        print("| mode | wall s (median) | records/s | runs |")
        print("| --- | --- | --- | --- |")
        digests = set()
        for mode in modes:
            walls = []
            for _ in range(args.repeats):
                wall, digest = _run(MODES[mode], dump, Path(tmp) / f"{mode}.json")
                walls.append(wall)
                digests.add(digest)
            median = statistics.median(walls)
            print(f"| `{' '.join(MODES[mode])}` | {median:.2f} | {args.records / median:,.0f} | "
                  f"{' / '.join(f'{w:.2f}' for w in walls)} |", flush=True)
    print(f"\nreports: {'identical' if len(digests) == 1 else 'DIFFERENT'} across modes")
    started, per_task = task_overhead(args.tasks)
    print(f"LocalCluster(1 worker) start: {started:.2f} s; a task that lints nothing: {per_task:.2f} ms "
          f"(round trip, {args.tasks} tasks)")
    return 0 if len(digests) == 1 else 2


if __name__ == "__main__":
    sys.exit(main())
