#!/usr/bin/env python3
"""Side-by-side benchmark: terapi-lint vs check-jsonschema, ajv-cli and sourcemeta's jsonschema
(and libyaml for YAML).

Every tool runs as a whole subprocess on the same records on the same machine, ``--repeats`` times;
the table shows the median wall time and the peak RSS of that run.  See docs/performance.md.

    python benchmarks/run.py                     # the three rows of issue 15 (array, ndjson, files), 3 repeats
    python benchmarks/run.py --scenarios array,files --repeats 5 --markdown
    python benchmarks/run.py --ndjson-records 200000   # a smaller NDJSON row, its 1M time extrapolated
    python benchmarks/run.py --cjs-1m            # also check-jsonschema on the NDJSON row's records (1M: ~150 s, ~3 GB)

ajv-cli (with ajv-formats) and sourcemeta's ``jsonschema`` come from the npm registry; they are
looked up on PATH, in ``--npm-bin`` and in ``benchmarks/node_modules/.bin``, and a row says
"not measured" with the install command when they are absent.  Each tool validates every record:
check-jsonschema and ajv (``--all-errors``) get a dump as one JSON array and the array schema,
sourcemeta gets the same records as ``.jsonl`` (``validate -F -c``: formats asserted, every
failing record reported).

Peak memory: the child is reaped with ``os.wait4``, whose ``ru_maxrss`` is the exact peak RSS of
that one process.  A tool that forks workers (terapi-lint ``--jobs N``) is also sampled: a thread
sums the RSS of the child's whole process tree from /proc every 20 ms, and the reported peak is
the larger of the two.  The sampled sum can miss a spike shorter than 20 ms and counts shared
(copy-on-write) pages once per process, so for multi-process runs it is an upper-ish estimate.

Exit status: 0 when every requested measurement ran (whether or not targets are met: this is a
measuring tool, not a test), 2 when a tool is missing or a tool run failed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"

sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (stdlib-only sibling script)

ALL_SCENARIOS = ["array", "wrapper", "ndjson", "files", "yaml"]
DEFAULT_SCENARIOS = ["array", "ndjson", "files"]
OTHERS = ["check-jsonschema", "ajv", "sourcemeta"]  # the validators a user would pick instead
NPM_TOOLS = {"ajv": "ajv", "sourcemeta": "jsonschema"}
NPM_HINT = ("mkdir -p /tmp/npmtools && cd /tmp/npmtools && npm install ajv-cli ajv-formats @sourcemeta/jsonschema, "
            "then --npm-bin /tmp/npmtools/node_modules/.bin")


class HarnessError(Exception):
    """A tool is missing or failed: reported on stderr, exit status 2."""


# ----------------------------------------------------------------------------- measuring

@dataclass
class Run:
    wall: float
    maxrss_kb: int  # exact ru_maxrss of the direct child
    tree_kb: int    # sampled peak of the summed RSS of the child's process tree
    returncode: int
    cpu: float = 0.0  # user + system CPU seconds of the child (and the workers it waited for)
    timed_out: bool = False

    @property
    def peak_mb(self) -> float:
        return max(self.maxrss_kb, self.tree_kb) / 1024


def _tree_rss_kb(root: int) -> int:
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
    return total


def measure(cmd: list[str], env: dict[str, str], stdout_path: Path, sample: bool = True,
            timeout: float | None = None) -> tuple[Run, str]:
    with open(stdout_path, "wb") as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        # Own process group, so a run past --timeout is ended with its workers, and nothing else.
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env,
                                start_new_session=True)
        peak = [0]
        done = threading.Event()
        killed = [False]

        def sampler() -> None:
            while not done.wait(0.02):
                if sample:
                    peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
                if timeout and time.perf_counter() - t0 > timeout and not killed[0]:
                    killed[0] = True
                    try:
                        os.killpg(proc.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass

        th = threading.Thread(target=sampler, daemon=True) if (sample or timeout) else None
        if th:
            th.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        done.set()
        if th:
            th.join()
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen quiet
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Run(wall, usage.ru_maxrss, peak[0], proc.returncode, usage.ru_utime + usage.ru_stime, killed[0]), stderr


# ----------------------------------------------------------------------------- tools

@dataclass
class Tool:
    name: str
    argv: list[str] | None          # None: not available
    env: dict[str, str]
    version: str = ""
    why_missing: str = ""
    ok_codes: tuple[int, ...] = (0, 1)  # 1 = "findings/validation errors", which the dumps have


def find_terapi(src: str | None, extra: list[str]) -> Tool:
    # Bytecode is written and reused, as on a user's machine (pip compiles on install): with
    # PYTHONDONTWRITEBYTECODE set, every run would compile the whole package again (~50 ms).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    where = "installed"
    if src:
        srcp = Path(src).resolve()
        if not (srcp / "terapi_lint").is_dir():
            return Tool("terapi-lint", None, env, why_missing=f"--terapi-src {srcp} has no terapi_lint package")
        env["PYTHONPATH"] = os.pathsep.join([str(srcp), *filter(None, [env.get("PYTHONPATH")])])
        # Bytecode goes to the snapshot's own __pycache__ (warm after the smoke run).  A
        # PYTHONPYCACHEPREFIX would also move the bytecode of the standard library and every
        # installed package for this tool only, and make its start-up slower than the other's.
        where = f"PYTHONPATH={srcp}"
    argv = [sys.executable, "-m", "terapi_lint"]
    probe = subprocess.run([*argv, "check", "--help"], env=env, capture_output=True, text=True)
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["?"])[-1]
        return Tool("terapi-lint", None, env, why_missing=f"`python -m terapi_lint check --help` failed ({where}): {last}")
    info = subprocess.run(
        [sys.executable, "-c", "import terapi_lint as t; print(t.__version__, t.__file__)"],
        env=env, capture_output=True, text=True,
    ).stdout.strip()
    if src:
        info += _git_state(Path(src).resolve().parent)
    cmd = [*argv, "check", "--format", "json", *extra]
    # A real run on one tiny record: the CLI may parse --help yet not lint yet (and this warms the
    # bytecode cache, so the first measured run is not the one that compiles the package).
    DATA.mkdir(parents=True, exist_ok=True)
    tiny = DATA / "probe.json"
    generate.main(["--records", "1", "--shape", "array", "--defect-rate", "0", "--out", str(tiny)])
    smoke = subprocess.run([*cmd, str(tiny)], env=env, capture_output=True, text=True)
    if smoke.returncode not in (0, 1):
        last = (smoke.stderr.strip().splitlines() or ["?"])[-1]
        return Tool("terapi-lint", None, env, version=info,
                    why_missing=f"`terapi-lint check --format json` on one record exited {smoke.returncode} ({where}): {last}")
    return Tool("terapi-lint", cmd, env, version=f"{info} ({where})")


def terapi_check(terapi_git: str | None, terapi_src: str | None) -> tuple[Tool, list[str]]:
    """terapi-lint from ``--terapi-git`` (its committed HEAD) or ``--terapi-src``, and the argv of
    its ``check`` command; raises HarnessError when it cannot run."""
    tool = find_terapi(snapshot(terapi_git) if terapi_git else terapi_src, [])
    if tool.argv is None:
        raise HarnessError(f"terapi-lint is missing: {tool.why_missing}")
    return tool, tool.argv[: tool.argv.index("check") + 1]


def _git_state(root: Path) -> str:
    git = ["git", "-C", str(root)]
    top = subprocess.run([*git, "rev-parse", "--show-toplevel"], capture_output=True, text=True).stdout.strip()
    if not top or Path(top).resolve() != root.resolve():
        marker = root / "SNAPSHOT"
        return f" [{marker.read_text().strip()}]" if marker.is_file() else ""
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run([*git, "status", "--porcelain", "--untracked-files=no", "--", "src"],
                           capture_output=True, text=True).stdout.strip()
    return f" [git {head.stdout.strip()}{', src/ has uncommitted changes' if dirty else ''}]"


def snapshot(repo: str) -> str:
    """``git archive HEAD`` of a terapi-lint checkout into data/: the committed code, never a
    working tree someone is editing.  Returns the snapshot's src folder."""
    git = ["git", "-C", repo]
    sha = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    if sha.returncode != 0:
        raise HarnessError(f"--terapi-git {repo}: not a git checkout ({sha.stderr.strip()})")
    head = sha.stdout.strip()
    dest = DATA / f"terapi-lint-{head}"
    if not (dest / "src" / "terapi_lint").is_dir():
        dest.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run([*git, "archive", "HEAD", "src", "schemas"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
        subject = subprocess.run([*git, "log", "-1", "--format=%h %cI %s"], capture_output=True, text=True).stdout.strip()
        (dest / "SNAPSHOT").write_text(f"git archive of {Path(repo).resolve()} at {subject}\n", encoding="utf-8")
    return str(dest / "src")


def find_cjs() -> Tool:
    exe = shutil.which("check-jsonschema")
    if not exe:
        return Tool("check-jsonschema", None, dict(os.environ),
                    why_missing="check-jsonschema not on PATH (pip install check-jsonschema)")
    ver = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    return Tool("check-jsonschema", [exe], dict(os.environ), version=f"{ver} ({exe})")


def find_npm(name: str, npm_bin: str | None) -> Tool:
    """ajv-cli (with ajv-formats) or sourcemeta's jsonschema, from PATH, ``npm_bin`` or
    benchmarks/node_modules/.bin."""
    exe_name = NPM_TOOLS[name]
    dirs = [d for d in (npm_bin, str(HERE / "node_modules" / ".bin")) if d]
    exe = next((str(Path(d) / exe_name) for d in dirs if (Path(d) / exe_name).is_file()), None) or shutil.which(exe_name)
    if not exe:
        return Tool(name, None, dict(os.environ), why_missing=f"{exe_name} not found; install: {NPM_HINT}")
    if name == "ajv":
        formats = Path(exe).resolve().parents[2] / "ajv-formats"
        if not formats.is_dir():
            formats = Path(exe).parent.parent / "ajv-formats"
        if not formats.is_dir():
            return Tool(name, None, dict(os.environ), why_missing=f"ajv-formats not next to {exe}; install: {NPM_HINT}")
        listed = subprocess.run(["npm", "ls", "ajv-cli", "ajv-formats", "--depth=0"], cwd=formats.parent.parent,
                                capture_output=True, text=True).stdout
        ver = re.findall(r"ajv-(?:cli|formats)@\S+", listed)
        argv = [exe, "validate", "--spec=draft2020", "--all-errors", "--strict=false", "--errors=line",
                "-c", str(formats)]
        return Tool(name, argv, dict(os.environ), version=f"{', '.join(ver)} ({exe})")
    ver = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    # exit 2: a record failed validation (the dumps have defects)
    return Tool(name, [exe, "validate", "-F", "-c"], dict(os.environ), version=f"{ver} ({exe})", ok_codes=(0, 2))


def find_libyaml() -> Tool:
    code = "import yaml; assert yaml.__with_libyaml__; print(yaml.__version__)"
    probe = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if probe.returncode != 0:
        return Tool("libyaml", None, dict(os.environ), why_missing="PyYAML with libyaml (yaml.CSafeLoader) not importable")
    load = "import sys, yaml\nwith open(sys.argv[1], 'rb') as f: yaml.load(f, Loader=yaml.CSafeLoader)"
    return Tool("libyaml", [sys.executable, "-c", load], dict(os.environ),
                version=f"PyYAML {probe.stdout.strip()} CSafeLoader", ok_codes=(0,))


# ----------------------------------------------------------------------------- data

def dataset(shape: str, n: int, seed: int, rate: float) -> Path:
    ext = {"array": "json", "wrapper": "json", "ndjson": "ndjson", "yaml": "yaml", "files": "d"}[shape]
    path = DATA / f"{shape}-{n}-s{seed}-d{rate:g}.{ext}"
    if path.exists():
        print(f"  reuse    {path.relative_to(REPO)}", file=sys.stderr)
        return path
    print(f"  generate {path.relative_to(REPO)} ...", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    out = str(path) + (".partial" if shape == "files" else "")
    generate.main(["--records", str(n), "--shape", shape, "--seed", str(seed), "--defect-rate", str(rate), "--out", out])
    if shape == "files":
        os.replace(out, path)
    print(f"           {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return path


def schemas(schema_src: Path) -> dict[str, Path]:
    """Copy the connection schema into data/ and write the array/wrapper schemas that $ref it,
    so check-jsonschema validates every record of a dump against the same schema."""
    DATA.mkdir(parents=True, exist_ok=True)
    conn = DATA / "connection.schema.json"
    text = schema_src.read_text(encoding="utf-8")
    dialect = json.loads(text).get("$schema", "https://json-schema.org/draft/2020-12/schema")
    conn.write_text(text, encoding="utf-8")
    ref = {"$ref": conn.name}
    array = {"$schema": dialect, "type": "array", "items": ref}
    wrapper = {"$schema": dialect, "type": "object", "required": ["connections"],
               "properties": {"connections": {"type": "array", "items": ref}}}
    # ajv resolves a $ref by the referenced schema's $id (given with -r), not by file name
    by_id = {"$ref": json.loads(text).get("$id", conn.name)}
    ajv_array = {"$schema": dialect, "type": "array", "items": by_id}
    ajv_wrapper = {**wrapper, "properties": {"connections": {"type": "array", "items": by_id}}}
    out = {"connection": conn}
    for name, doc in (("array", array), ("wrapper", wrapper), ("ajv-array", ajv_array), ("ajv-wrapper", ajv_wrapper)):
        p = DATA / f"{name}.schema.json"
        p.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        out[name] = p
    return out


# ----------------------------------------------------------------------------- scenarios

@dataclass
class Row:
    scenario: str
    tool: str
    records: int
    runs: list[Run] = field(default_factory=list)
    note: str = ""              # "n/a", "not yet measured", ...
    target: str = ""
    met: str = ""
    vs_fastest: str = ""

    @property
    def median(self) -> Run | None:
        if not self.runs:
            return None
        walls = sorted(self.runs, key=lambda r: r.wall)
        return walls[len(walls) // 2]


@dataclass
class Scenario:
    key: str
    label: str
    records: int
    inputs: list[str]            # terapi-lint's files (or one folder expanded to its files)
    others: dict[str, list[str] | str]  # each other tool's arguments, or why it is not run here
    baseline: str                # tool the target is relative to ("" for an absolute target)
    target: str


def _jsonl(n: int, seed: int, rate: float) -> str:
    """The n records as JSON Lines with a ``.jsonl`` name (sourcemeta reads records one a line only
    from such a file, and looks through a symlink to its target's name): a hard link to the NDJSON
    dataset, or a copy."""
    src = dataset("ndjson", n, seed, rate)
    link = DATA / f"records-{n}-s{seed}-d{rate:g}.jsonl"
    if not link.exists():
        try:
            os.link(src, link)
        except OSError:
            shutil.copyfile(src, link)
    return str(link)


def _others(args: argparse.Namespace, sch: dict[str, Path], array: str | None, jsonl: str | None,
            schema: str = "array") -> dict[str, list[str] | str]:
    """What check-jsonschema, ajv and sourcemeta run on: the records as one JSON array (``array``)
    or as JSON Lines (``jsonl``), or why not."""
    conn = str(sch["connection"])
    return {
        "check-jsonschema": ["--schemafile", str(sch[schema]), array] if array else "n/a (cannot read NDJSON)",
        "ajv": ["-s", str(sch[f"ajv-{schema}"]), "-r", conn, "-d", array] if array else "n/a (cannot read NDJSON)",
        "sourcemeta": [conn, jsonl] if jsonl else "n/a",
    }


def run_scenarios(args: argparse.Namespace, tools: dict[str, Tool], sch: dict[str, Path]) -> list[Row]:
    rate, seed = args.defect_rate, args.seed
    scen: list[Scenario] = []
    for key in args.scenarios:
        if key == "array":
            p = str(dataset("array", args.array_records, seed, rate))
            scen.append(Scenario("array", f"JSON array {args.array_records:,}", args.array_records, [p],
                                 _others(args, sch, p, _jsonl(args.array_records, seed, rate)), "", "≤0.6 s"))
        elif key == "wrapper":
            p = str(dataset("wrapper", args.array_records, seed, rate))
            scen.append(Scenario("wrapper", f'{{"connections": [...]}} {args.array_records:,}', args.array_records,
                                 [p], _others(args, sch, p, _jsonl(args.array_records, seed, rate), "wrapper"), "",
                                 "≤0.6 s"))
        elif key == "ndjson":
            n = args.ndjson_records
            p = str(dataset("ndjson", n, seed, rate))
            # The validators that need an array get the same records as one (large: 1M is 427 MB).
            array = str(dataset("array", n, seed, rate)) if "ajv" in args.tools or args.cjs_1m else None
            others = _others(args, sch, array, _jsonl(n, seed, rate))
            if not args.cjs_1m:
                others["check-jsonschema"] = "n/a (cannot read NDJSON; --cjs-1m: the records as an array)"
            scaled = "" if n == 1_000_000 else f" (1M target scaled to {n:,})"
            scen.append(Scenario("ndjson", f"NDJSON {n:,}{scaled}", n, [p], others, "",
                                 "≤6 s per 1M (≥170,000 rec/s), ≤150 MB"))
        elif key == "files":
            d = dataset("files", args.files, seed, rate)
            files = sorted(str(f) for f in d.iterdir())
            conn = str(sch["connection"])
            scen.append(Scenario("files", f"{args.files:,} small files, one call", args.files, files, {
                "check-jsonschema": ["--schemafile", conn, *files],
                "ajv": ["-s", conn, "-d", str(d / "*.json")],
                "sourcemeta": [conn, str(d)],
            }, "", "≤0.12 s"))
        elif key == "yaml":
            p = str(dataset("yaml", args.yaml_records, seed, rate))
            others = {"check-jsonschema": ["--schemafile", str(sch["array"]), p] if args.cjs_yaml
                      else "n/a (skipped; --cjs-yaml)", "ajv": "n/a (reads JSON only)", "sourcemeta": "n/a",
                      "libyaml": [p]}
            scen.append(Scenario("yaml", f"YAML {args.yaml_records:,}", args.yaml_records, [p], others, "libyaml",
                                 "≤1.5x libyaml parse time"))

    rows: list[Row] = []
    failures: list[str] = []
    for s in scen:
        print(f"\n== {s.key}: {s.label}   (load average {os.getloadavg()[0]:.2f})", file=sys.stderr)
        order = ["terapi-lint", *OTHERS] + (["libyaml"] if s.key == "yaml" else [])
        for tname in order:
            if tname not in args.tools:
                continue
            tool = tools[tname]
            row = Row(s.label, tname, s.records)
            what = s.others.get(tname) if tname != "terapi-lint" else s.inputs
            if isinstance(what, str) or what is None:
                if s.key in ("array", "ndjson", "files") or tname == "check-jsonschema":
                    row.note = what or "n/a"
                    rows.append(row)
                continue
            rows.append(row)
            if tool.argv is None:
                row.note = "not yet measured" if tname == "terapi-lint" else f"not measured ({tool.why_missing})"
                row.target = s.target if tname == "terapi-lint" else ""
                continue
            cmd = [*tool.argv, *what]
            out = DATA / f"out-{s.key}-{tname}.txt"
            for i in range(args.repeats):
                r, stderr = measure(cmd, tool.env, out, sample=not args.no_sample, timeout=args.timeout)
                if r.timed_out:
                    print(f"  {tname:17} run {i + 1}/{args.repeats}: stopped after --timeout {args.timeout:g} s",
                          file=sys.stderr, flush=True)
                    failures.append(f"{tname} on {s.key}: no result within --timeout {args.timeout:g} s")
                    row.note = f"> {args.timeout:g} s (stopped by --timeout)"
                    row.runs.clear()
                    break
                print(f"  {tname:17} run {i + 1}/{args.repeats}: {r.wall:8.2f} s  cpu {r.cpu:8.2f} s  {r.peak_mb:8.1f} MB  exit {r.returncode}",
                      file=sys.stderr, flush=True)
                if r.returncode not in tool.ok_codes:
                    tail = "\n    ".join(stderr.strip().splitlines()[-8:])
                    failures.append(f"{tname} on {s.key} exited {r.returncode}:\n    {tail}")
                    row.note = f"failed (exit {r.returncode})"
                    row.runs.clear()
                    break
                row.runs.append(r)
            if tname == "terapi-lint" and row.runs:
                row.note = _report_summary(out)
    _evaluate(rows, scen)
    if failures:
        print("\n".join(["", "FAILED RUNS:", *failures]), file=sys.stderr)
    args._failures = failures
    return rows


def _report_summary(path: Path) -> str:
    """Check that terapi-lint really wrote a JSON report, and say how many findings it holds."""
    try:
        doc = json.loads(path.read_bytes() or b"null")
    except ValueError:
        return "report is not JSON"
    findings = doc if isinstance(doc, list) else (doc or {}).get("findings") if isinstance(doc, dict) else None
    return f"{len(findings)} findings" if isinstance(findings, list) else ""


def _evaluate(rows: list[Row], scen: list[Scenario]) -> None:
    by = {(r.scenario, r.tool): r for r in rows}
    for s in scen:
        others = [o for o in rows if o.scenario == s.label and o.tool in OTHERS and o.median]
        fastest = min(others, key=lambda o: o.median.wall, default=None)
        base = by.get((s.label, s.baseline)) if s.baseline else None
        for r in rows:
            if r.scenario != s.label:
                continue
            m = r.median
            if m and fastest is not None and r is not fastest:
                ratio = fastest.median.wall / m.wall
                r.vs_fastest = f"{ratio:.2f}x faster than {fastest.tool}" if ratio >= 1 \
                    else f"{1 / ratio:.2f}x slower than {fastest.tool}"
            elif m and r is fastest:
                r.vs_fastest = "fastest other"
            if r.tool != "terapi-lint":
                continue
            r.target = s.target
            if not m:
                r.met = "–"
                continue
            if s.key in ("array", "wrapper"):
                r.met = "yes" if m.wall <= 0.6 else "no"
            elif s.key == "files":
                r.met = "yes" if m.wall <= 0.12 else "no"
            elif s.key == "yaml":
                if base and base.median:
                    ratio = m.wall / base.median.wall
                    r.met = f"{'yes' if ratio <= 1.5 else 'no'} ({ratio:.2f}x libyaml)"
                else:
                    r.met = "? (no libyaml run)"
            elif s.key == "ndjson":
                rps = r.records / m.wall
                misses = ([f"peak {m.peak_mb:.0f} MB"] if m.peak_mb > 150 else []) + \
                    ([f"{rps:,.0f} rec/s"] if rps < 170_000 else [])
                per_1m = f"{1_000_000 / rps:.1f} s per 1M"
                r.met = (f"yes ({per_1m})" if not misses else f"no ({', '.join(misses)}; {per_1m})")


# ----------------------------------------------------------------------------- output

HEAD = ["scenario", "tool", "wall s", "records/s", "peak MB", "CPU s", "vs the fastest other", "target", "met?", "each run s"]


def _each(walls: list[float]) -> str:
    return " / ".join(f"{w:.2f}" for w in walls)


def cells(r: Row) -> list[str]:
    m = r.median
    if not m:
        return [r.scenario, r.tool, r.note or "–", "", "", "", "", r.target, r.met, ""]
    tool = r.tool + (f" [{r.note}]" if r.note else "")
    return [r.scenario, tool, f"{m.wall:.2f}", f"{r.records / m.wall:,.0f}", f"{m.peak_mb:.0f}", f"{m.cpu:.2f}", r.vs_fastest, r.target,
            r.met, _each([x.wall for x in r.runs])]


def print_table(rows: list[Row], markdown: bool) -> None:
    print_cells([cells(r) for r in rows], markdown)


def print_cells(data: list[list[str]], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(HEAD) + " |")
        print("|" + "|".join("---:" if h in ("wall s", "records/s", "peak MB", "CPU s") else "---" for h in HEAD) + "|")
        for c in data:
            print("| " + " | ".join(x.replace("|", "\\|") for x in c) + " |")
        return
    w = [max(len(h), *(len(c[i]) for c in data)) if data else len(h) for i, h in enumerate(HEAD)]
    print("  ".join(h.ljust(w[i]) for i, h in enumerate(HEAD)))
    print("  ".join("-" * x for x in w))
    for c in data:
        print("  ".join(x.ljust(w[i]) for i, x in enumerate(c)))


def machine_info(tools: dict[str, Tool]) -> list[str]:
    def ver(mod: str) -> str:
        code = f"import importlib.metadata as m; print(m.version({mod!r}))"
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        return r.stdout.strip() or "not installed"
    try:
        import yaml  # noqa: PLC0415
        libyaml = f"PyYAML {yaml.__version__}, libyaml {'yes' if yaml.__with_libyaml__ else 'NO'}"
    except ImportError:
        libyaml = "PyYAML not installed"
    lines = [
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB RAM",
        f"python: {sys.version.split()[0]} ({sys.executable})",
        f"load average at start (1/5/15 min): {' / '.join(f'{x:.2f}' for x in os.getloadavg())}"
        " - other work on the machine shows up in wall times",
        f"{libyaml}; jsonschema-rs {ver('jsonschema_rs')}; orjson {ver('orjson')}; jsonschema {ver('jsonschema')}",
    ]
    for t in tools.values():
        lines.append(f"{t.name}: {t.version if t.argv else 'MISSING - ' + t.why_missing}")
    return lines


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="terapi-lint vs check-jsonschema, ajv-cli and sourcemeta jsonschema")
    p.add_argument("--scenarios", default=",".join(DEFAULT_SCENARIOS),
                   help=f"comma-separated subset of {','.join(ALL_SCENARIOS)} (default: {','.join(DEFAULT_SCENARIOS)})")
    p.add_argument("--tools", default=",".join(["terapi-lint", *OTHERS, "libyaml"]),
                   help=f"comma-separated subset of {','.join(['terapi-lint', *OTHERS, 'libyaml'])}")
    p.add_argument("--npm-bin", help="folder holding the ajv and jsonschema commands (e.g. /tmp/npmtools/node_modules/.bin)")
    p.add_argument("--repeats", type=int, default=3, help="runs per tool and scenario; the median is shown (default 3)")
    p.add_argument("--array-records", type=int, default=100_000)
    p.add_argument("--ndjson-records", type=int, default=1_000_000,
                   help="records in the NDJSON row (default 1,000,000); fewer: its 1M time is extrapolated")
    p.add_argument("--files", type=int, default=1_000)
    p.add_argument("--yaml-records", type=int, default=10_000,
                   help="records in the YAML dump (default 10,000: libyaml alone needs ~60 s and ~1.8 GB for 100,000)")
    p.add_argument("--seed", type=int, default=6)
    p.add_argument("--defect-rate", type=float, default=0.01, help="share of defective records (default 0.01)")
    p.add_argument("--cjs-1m", action="store_true",
                   help="also run check-jsonschema on the NDJSON row's records as one JSON array (1M: ~150 s, ~3 GB each)")
    p.add_argument("--cjs-yaml", action="store_true", help="also run check-jsonschema on the YAML dump")
    p.add_argument("--schema", help="connection JSON Schema for check-jsonschema (default: schemas/connection.schema.json "
                                    "next to the terapi-lint source, else the corpus' hand-written schema)")
    p.add_argument("--terapi-src", help="put this src folder on PYTHONPATH for terapi-lint (default: the installed "
                                        "package if importable, else this checkout's src/)")
    p.add_argument("--terapi-git", metavar="REPO",
                   help="measure the committed HEAD of this terapi-lint checkout (git archive into benchmarks/data/)")
    p.add_argument("--terapi-args", default="", help="extra arguments for `terapi-lint check`, e.g. '--jobs 2'")
    p.add_argument("--skip-missing", action="store_true",
                   help="report a missing tool as 'not yet measured' instead of failing")
    p.add_argument("--timeout", type=float, default=1800,
                   help="stop a run (and its workers) after this many seconds and report it (default 1800)")
    p.add_argument("--no-sample", action="store_true", help="peak memory from wait4 only (no /proc tree sampling)")
    p.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    p.add_argument("--json-out", help="also write raw runs (every repeat) and the table to this JSON file")
    p.add_argument("--render", metavar="JSON", help="print the table of a --json-out file again (no measuring)")
    args = p.parse_args(argv)
    if args.render:
        saved = json.loads(Path(args.render).read_text(encoding="utf-8"))
        if not all("cells" in r for r in saved.get("rows", [])):
            print(f"error: {args.render} has no table (written by an older run.py?)", file=sys.stderr)
            return 2
        print("\n".join(saved["machine"]), file=sys.stderr)
        rows = [r["cells"] + [_each([x["wall_s"] for x in r["runs"]])][: len(HEAD) - len(r["cells"])]
                for r in saved["rows"]]
        print_cells(rows, args.markdown)
        return 0
    args.scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    args.tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    bad = [s for s in args.scenarios if s not in ALL_SCENARIOS] + \
          [t for t in args.tools if t not in ("terapi-lint", *OTHERS, "libyaml")]
    if bad:
        p.error(f"unknown scenario/tool: {', '.join(bad)}")
    if args.repeats < 1:
        p.error("--repeats must be >= 1")

    # terapi-lint: explicit src, else installed, else this checkout's src.
    src = args.terapi_src
    if args.terapi_git:
        try:
            src = snapshot(args.terapi_git)
        except (HarnessError, subprocess.CalledProcessError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    if src is None:
        importable = subprocess.run([sys.executable, "-c", "import terapi_lint.cli"], capture_output=True).returncode == 0
        if not importable and (REPO / "src" / "terapi_lint" / "cli.py").exists():
            src = str(REPO / "src")
    tools = {
        "terapi-lint": find_terapi(src, args.terapi_args.split()) if "terapi-lint" in args.tools else None,
        "check-jsonschema": find_cjs() if "check-jsonschema" in args.tools else None,
        "libyaml": find_libyaml() if "libyaml" in args.tools and "yaml" in args.scenarios else None,
        **{name: find_npm(name, args.npm_bin) for name in NPM_TOOLS if name in args.tools},
    }
    tools = {k: v for k, v in tools.items() if v is not None}
    args.tools = [t for t in args.tools if t in tools]
    missing = [t for t in tools.values() if t.argv is None and t.name not in NPM_TOOLS]  # npm tools: a note
    info = machine_info(tools)
    print("\n".join(info), file=sys.stderr)
    if missing and not args.skip_missing:
        for t in missing:
            print(f"error: {t.name} is missing: {t.why_missing}", file=sys.stderr)
        print("(use --tools to leave it out, or --skip-missing to report it as not measured)", file=sys.stderr)
        return 2

    # Schema for check-jsonschema: --schema, else the compiled one next to terapi-lint's source or here.
    candidates = [Path(args.schema)] if args.schema else []
    if src:
        candidates.append(Path(src).resolve().parent / "schemas" / "connection.schema.json")
    candidates.append(REPO / "schemas" / "connection.schema.json")
    schema_src = next((c for c in candidates if c.is_file()), None)
    if schema_src is None:
        print(f"error: no connection schema found (tried {', '.join(map(str, candidates))}); pass --schema",
              file=sys.stderr)
        return 2
    print(f"schema for check-jsonschema: {schema_src}", file=sys.stderr)
    sch = schemas(schema_src)

    rows = run_scenarios(args, tools, sch)
    print()
    print_table(rows, args.markdown)
    if args.json_out:
        info.append(f"load average at end (1/5/15 min): {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
        raw = {"machine": info, "schema": str(schema_src), "repeats": args.repeats, "argv": sys.argv[1:], "rows": [
            {"scenario": r.scenario, "tool": r.tool, "records": r.records, "note": r.note, "cells": cells(r),
             "runs": [{"wall_s": x.wall, "cpu_s": x.cpu, "maxrss_kb": x.maxrss_kb, "tree_peak_kb": x.tree_kb, "exit": x.returncode}
                      for x in r.runs]} for r in rows]}
        Path(args.json_out).write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
    return 2 if args._failures else 0


if __name__ == "__main__":
    sys.exit(main())
