#!/usr/bin/env python3
"""Findings of one terapi-lint version on a set of inputs, saved, and compared with another's.

A change that must not move findings (a faster loader, a streamed report) is proved by linting the
same inputs before and after it and comparing every finding field by field:

    python benchmarks/snapshot.py take --terapi-git . --out before.json      # HEAD of a checkout
    python benchmarks/snapshot.py take --out after.json                      # the installed package
    python benchmarks/snapshot.py compare before.json after.json --drop record_id,record_key

``take`` lints, with ``-f json``, every fixture and example and the benchmark dumps found in
``benchmarks/data/`` under run.py's names (``--dumps`` adds more), each with ``--jobs 1`` and
``--jobs 2``; the dumps named in ``--stdin`` are also piped in on stdin.  ``compare`` prints the first differences
and exits 1 when there are any; ``--drop`` leaves fields out (fields a change adds on purpose).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402


def inputs(extra: list[str]) -> dict[str, list[str]]:
    """Named groups of files, each linted by one call."""
    groups = {
        "fixtures": sorted(str(p) for p in (REPO / "tests" / "fixtures").rglob("*") if p.is_file()),
        "examples": sorted(str(p) for p in (REPO / "examples").iterdir() if p.is_file()),
    }
    standard = re.compile(r"[a-z]+-\d+-s\d+-d[0-9.]+(?:e-\d+)?\.(?:json|ndjson|yaml|d)")  # as run.py names them
    dumps = sorted(p for p in run.DATA.iterdir() if standard.fullmatch(p.name))
    for path in [*dumps, *map(Path, extra)]:
        groups[path.name] = [str(path)]
    return groups


def take(args: argparse.Namespace) -> int:
    try:
        tool, check = run.terapi_check(args.terapi_git, args.terapi_src)
    except run.HarnessError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    saved: dict[str, object] = {"tool": tool.version}
    for name, files in inputs(args.dumps).items():
        for jobs in ("1", "2"):
            saved[f"{name} --jobs {jobs}"] = _lint([*check, "-f", "json", "--jobs", jobs, *files], tool.env)
        if name in args.stdin:
            with open(files[0], "rb") as handle:
                saved[f"{name} on stdin"] = _lint([*check, "-f", "json", "-"], tool.env, handle)
        print(f"  {name}", file=sys.stderr, flush=True)
    Path(args.out).write_text(json.dumps(saved, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def _lint(cmd: list[str], env: dict[str, str], stdin=subprocess.DEVNULL) -> dict[str, object]:
    done = subprocess.run(cmd, env=env, stdin=stdin, capture_output=True, cwd="/")
    try:
        report = json.loads(done.stdout)
    except ValueError:
        return {"exit": done.returncode, "stderr": done.stderr.decode("utf-8", "replace")[-500:]}
    return {"exit": done.returncode, "findings": report["findings"], "summary": report["summary"]}


def compare(args: argparse.Namespace) -> int:
    before = json.loads(Path(args.before).read_text(encoding="utf-8"))
    after = json.loads(Path(args.after).read_text(encoding="utf-8"))
    drop = set(filter(None, args.drop.split(",")))
    differences = 0
    for key in sorted(set(before) | set(after) - {"tool"}):
        if key == "tool":
            continue
        a, b = before.get(key), after.get(key)
        if a is None or b is None:
            print(f"{key}: only in {'after' if a is None else 'before'}")
            continue
        strip = lambda run: [{k: v for k, v in f.items() if k not in drop} for f in run.get("findings", [])]  # noqa: E731
        if a.get("exit") != b.get("exit") or strip(a) != strip(b) or a.get("summary") != b.get("summary"):
            differences += 1
            print(f"{key}: exit {a.get('exit')} -> {b.get('exit')}, {len(strip(a))} -> {len(strip(b))} findings")
            for x, y in zip(strip(a), strip(b)):
                if x != y:
                    print(f"  first difference:\n    {x}\n    {y}")
                    break
    print(f"{differences} of {len(set(before) | set(after)) - 1} runs differ "
          f"({before.get('tool')} -> {after.get('tool')})")
    return 1 if differences else 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    t = sub.add_parser("take", help="lint every input and save the findings")
    t.add_argument("--out", required=True)
    t.add_argument("--terapi-src")
    t.add_argument("--terapi-git", metavar="REPO")
    t.add_argument("--dumps", nargs="*", default=[], help="more files to lint, each on its own")
    t.add_argument("--stdin", default="", help="comma-separated names of dumps to pipe in on stdin too")
    c = sub.add_parser("compare", help="compare two saved snapshots")
    c.add_argument("before")
    c.add_argument("after")
    c.add_argument("--drop", default="", help="comma-separated finding fields to leave out")
    args = p.parse_args(argv)
    if args.command == "take":
        args.stdin = set(filter(None, args.stdin.split(",")))
        return take(args)
    return compare(args)


if __name__ == "__main__":
    sys.exit(main())
