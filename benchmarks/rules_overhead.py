"""How much the custom rules add to schema validation alone (the target: at most 2x).

    python benchmarks/rules_overhead.py [DUMP]   (default: a 100,000-record array from generate.py)

Runs ``terapi-lint check --jobs 1`` twice on the same dump, as whole processes: once with only the
parsing and schema rules (``--select TL0,TL1``), once with the full default rule set, and prints
CPU seconds (user + system, steadier than wall time on a shared machine), wall seconds and the
ratio.  Each is the best of ``--repeats`` runs, the two commands taking turns.  No test asserts
these numbers.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_once(command: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{' '.join(command)} failed")
    return usage.ru_utime + usage.ru_stime, wall


def measure(commands: list[list[str]], repeats: int) -> list[tuple[float, float]]:
    """Best CPU and wall seconds of each command; the commands take turns, so a busy spell on a
    shared machine falls on both rather than on one."""
    best = [(float("inf"), float("inf")) for _ in commands]
    for _ in range(repeats):
        for index, command in enumerate(commands):
            cpu, wall = run_once(command)
            best[index] = (min(best[index][0], cpu), min(best[index][1], wall))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", nargs="?", help="dump to lint (default: generate 100,000 records)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    dump = args.dump
    if dump is None:
        dump = str(HERE / "data" / "array-100000-s6-d0.0001.json")
        if not os.path.exists(dump):
            os.makedirs(HERE / "data", exist_ok=True)
            subprocess.run([sys.executable, str(HERE / "generate.py"), "--records", "100000",
                            "--shape", "array", "--out", dump], check=True)
    base = [sys.executable, "-m", "terapi_lint", "check", "--jobs", "1", "--format", "json", dump]
    (schema_cpu, schema_wall), (full_cpu, full_wall) = measure([base + ["--select", "TL0,TL1"], base], args.repeats)
    print(f"schema validation alone (--select TL0,TL1): {schema_cpu:6.2f} CPU s  {schema_wall:6.2f} wall s")
    print(f"full default rule set:                      {full_cpu:6.2f} CPU s  {full_wall:6.2f} wall s")
    print(f"the rules add {full_cpu / schema_cpu:.2f}x (CPU), {full_wall / schema_wall:.2f}x (wall); target: at most 2x")


if __name__ == "__main__":
    main()
