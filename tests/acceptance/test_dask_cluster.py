"""``check --dask`` and :mod:`terapi_lint.dask` on a real cluster: a ``distributed.LocalCluster`` of
two worker processes (one for the whole module), local files and an S3 bucket served by moto on
127.0.0.1, every report compared byte for byte with a local ``--jobs 1`` run.

Needs the dask extra and moto (``pip install ".[test,dask]"``): skipped without them, except on
CI (``CI=true``), where they are required.
"""

from __future__ import annotations

import gzip
import importlib
import json
import os
import signal
import socket
import sys
import threading
import time

import pytest

from terapi_lint import parallel
from terapi_lint.config import Settings
from terapi_lint.linter import lint_paths
from tests.unit.test_parallel import _records


def _need(module: str):
    try:
        return importlib.import_module(module)
    except ImportError:
        reason = f"{module} is not installed: pip install '.[test,dask]'"
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"{reason}; on CI (CI=true) it is required", pytrace=False)
        pytest.skip(reason, allow_module_level=True)


distributed = _need("distributed")
dask_bag = _need("dask.bag")
s3fs = _need("s3fs")
moto_server = _need("moto.server")

from terapi_lint.dask import cluster as dask_cluster  # noqa: E402
from terapi_lint.dask import lint_bag, lint_urls  # noqa: E402

SECRET_KEY = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY"  # the S3 server accepts any
BUCKET = "exports"


@pytest.fixture(scope="module")
def s3_env():
    """A moto S3 server on 127.0.0.1 and the environment that points s3fs (and the workers,
    started after it) at it."""
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    with pytest.MonkeyPatch.context() as mp:
        for key, value in {"AWS_ENDPOINT_URL": f"http://{host}:{port}", "AWS_ACCESS_KEY_ID": "testing",
                           "AWS_SECRET_ACCESS_KEY": SECRET_KEY, "AWS_DEFAULT_REGION": "us-east-1",
                           "AWS_EC2_METADATA_DISABLED": "true"}.items():
            mp.setenv(key, value)
        s3fs.S3FileSystem.clear_instance_cache()
        yield s3fs.S3FileSystem()
    s3fs.S3FileSystem.clear_instance_cache()
    server.stop()


@pytest.fixture(scope="module")
def client(s3_env):
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as local, distributed.Client(local) as client:
        yield client


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """A large NDJSON dump (duplicates across ranges), its gzip copy, a JSON dump, a YAML file."""
    root = tmp_path_factory.mktemp("dumps")
    lines = b"".join(json.dumps(r).encode() + b"\n" for r in _records(3000))
    (root / "big.ndjson").write_bytes(lines)
    (root / "big.ndjson.gz").write_bytes(gzip.compress(lines[: len(lines) // 3]))
    (root / "dump.json").write_text(json.dumps(list(_records(600, seed=3)), indent=2))
    (root / "one.yaml").write_text("id: conn-1\nprovider: github\ncreated_at: 2026-02-30T10:00:00Z\n")
    return root


@pytest.fixture(scope="module")
def bucket(s3_env, data):
    """The bucket ``exports`` with two shards of the local dump."""
    s3_env.mkdir(BUCKET)
    s3_env.put(str(data / "big.ndjson"), f"{BUCKET}/2026-12-01/part-0.ndjson")
    s3_env.put(str(data / "big.ndjson.gz"), f"{BUCKET}/2026-12-01/part-1.ndjson.gz")
    return s3_env


@pytest.fixture
def small_ranges(monkeypatch):
    """Ranges of 16 KB, one unit a task: many tasks from a small dump."""
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 16 << 10)
    monkeypatch.setattr(parallel, "BATCH_UNITS", 1)


def _paths(data):
    return [str(data / name) for name in ("big.ndjson", "big.ndjson.gz", "dump.json", "one.yaml")]


@pytest.mark.parametrize("form", ["json", "text", "sarif", "junit"])
def test_local_files_give_the_report_of_jobs_1(run_cli, client, data, small_ranges, form):
    local = run_cli("check", "--jobs", "1", "-f", form, *_paths(data))
    cluster = run_cli("check", "--dask", client.scheduler.address, "-f", form, *_paths(data))
    assert local.exit_code == cluster.exit_code == 1
    assert cluster.stdout == local.stdout
    assert "duplicate-connection" in local.stdout and "big.ndjson.gz" in local.stdout


def test_an_s3_bucket_gives_the_report_of_jobs_1_named_by_urls(run_cli, client, data, bucket, small_ranges):
    urls = [f"s3://{BUCKET}/2026-12-01/part-0.ndjson", f"s3://{BUCKET}/2026-12-01/part-1.ndjson.gz"]
    for form in ("json", "text"):
        local = run_cli("check", "--jobs", "1", "-f", form, str(data / "big.ndjson"), str(data / "big.ndjson.gz"))
        cluster = run_cli("check", "--dask", client.scheduler.address, "-f", form,
                          f"s3://{BUCKET}/2026-12-01/part-*")
        expected = local.stdout.replace(str(data / "big.ndjson.gz"), urls[1]).replace(str(data / "big.ndjson"),
                                                                                       urls[0])
        assert local.exit_code == cluster.exit_code == 1
        assert cluster.stdout == expected
        assert SECRET_KEY not in cluster.stdout + cluster.stderr


def test_a_killed_worker_loses_and_duplicates_nothing(client, data, small_ranges):
    paths = [str(data / "big.ndjson"), str(data / "dump.json")]
    expected = lint_paths(paths, Settings(jobs=1))
    pids = client.run(os.getpid)
    outcome: dict = {}
    run = threading.Thread(target=lambda: outcome.update(result=lint_urls(paths, Settings(), client)))
    run.start()
    killed = None
    deadline = time.monotonic() + 60
    while killed is None and run.is_alive() and time.monotonic() < deadline:
        busy = [worker for worker, tasks in client.processing().items() if tasks]
        if busy:
            killed = busy[0]
            os.kill(pids[killed], signal.SIGKILL)
        time.sleep(0.005)
    run.join(120)
    assert killed is not None, "the run ended before a worker could be killed"
    result = outcome["result"]
    assert [f.to_dict() for f in result.findings] == [f.to_dict() for f in expected.findings]
    assert (result.files, result.records, result.unreadable) == (expected.files, expected.records, [])
    client.wait_for_workers(2, timeout=60)
    assert pids[killed] not in client.run(os.getpid).values()  # it really died (its nanny started another)


def test_a_bag_of_lines_gives_the_findings_of_its_file(client, data):
    path = str(data / "big.ndjson")
    bag = dask_bag.read_text(path, blocksize=64_000)
    assert bag.npartitions > 2
    findings = lint_bag(bag, Settings(), name=path).compute()
    assert findings == lint_paths([path], Settings(jobs=1)).findings


def test_a_bag_of_records_is_linted_as_their_lines(client):
    records = list(_records(300))
    findings = lint_bag(dask_bag.from_sequence(records, npartitions=3), Settings()).compute()
    expected = [json.dumps(r, separators=(",", ":")) for r in records]
    assert findings and all(f.file == "<bag>" for f in findings)
    assert findings == lint_bag(dask_bag.from_sequence(expected, npartitions=1), Settings()).compute()


# -- what cannot be done ends in a message and exit 2 ------------------------------------------

def _clean_failure(result, *needles: str) -> None:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert SECRET_KEY not in result.stdout + result.stderr
    for needle in needles:
        assert needle in result.stderr


def test_an_unreachable_scheduler(run_cli, data, monkeypatch):
    monkeypatch.setattr(dask_cluster, "CONNECT_SECONDS", 2)
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    result = run_cli("check", "--dask", f"tcp://admin:{SECRET_KEY}@127.0.0.1:{port}", str(data / "one.yaml"))
    _clean_failure(result, f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}")


def test_a_missing_bucket(run_cli, client, s3_env):
    result = run_cli("check", "--dask", client.scheduler.address, "s3://no-such-bucket/part-*.ndjson.gz",
                     "s3://no-such-bucket/part-0.ndjson")
    _clean_failure(result, "s3://no-such-bucket/part-*.ndjson.gz: no such file, folder or bucket",
                   "s3://no-such-bucket/part-0.ndjson: no such file, folder or bucket")
    assert "2 paths could not be checked" in result.stdout


def test_missing_credentials(run_cli, client, bucket, monkeypatch, tmp_path):
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(key)
    # empty files, not os.devnull: botocore 1.43 refuses to parse a config file that is not a regular file
    (tmp_path / "empty").write_text("")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "empty"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "empty"))
    _clean_failure(_lint_with_fresh_credentials(run_cli, client),
                   "no credentials for s3://: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")


def test_an_unparsable_aws_config_file_is_named(run_cli, client, bucket, monkeypatch):
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)  # not a regular file: botocore cannot parse it
    _clean_failure(_lint_with_fresh_credentials(run_cli, client),
                   "the s3:// client's config file cannot be parsed (AWS_CONFIG_FILE, ~/.aws/config)")


def _lint_with_fresh_credentials(run_cli, client):
    """Lint the bucket with s3fs's cached clients dropped, so the environment's credentials are read again."""
    s3fs.S3FileSystem.clear_instance_cache()
    try:
        return run_cli("check", "--dask", client.scheduler.address, f"s3://{BUCKET}/2026-12-01/part-*")
    finally:
        s3fs.S3FileSystem.clear_instance_cache()


def test_a_shard_that_is_not_ndjson(run_cli, client, bucket):
    secret = "ghp_" + "Zq3" * 12
    document = json.dumps([{"id": "conn-1", "credentials": {"access_token": secret}}], indent=2)
    bucket.pipe(f"{BUCKET}/broken/part-7.ndjson.gz", gzip.compress(document.encode()))
    bucket.pipe(f"{BUCKET}/broken/part-8.ndjson.gz", b"not gzip at all")
    result = run_cli("check", "--dask", client.scheduler.address, f"s3://{BUCKET}/broken/part-*")
    _clean_failure(result, f"s3://{BUCKET}/broken/part-7.ndjson.gz: not NDJSON: no line of it is a record",
                   f"s3://{BUCKET}/broken/part-8.ndjson.gz: not NDJSON")
    assert "parse-error" in result.stdout and secret[4:10] not in result.stdout + result.stderr


def test_an_unknown_protocol_and_a_file_system_not_installed(run_cli, client, monkeypatch):
    monkeypatch.setitem(sys.modules, "gcsfs", None)
    result = run_cli("check", "--dask", client.scheduler.address, "gs://exports/part-*.ndjson.gz", "nope://x/y.ndjson")
    _clean_failure(result, "gs://exports/part-*.ndjson.gz: reading gs:// needs the gcsfs package: pip install gcsfs",
                   "nope://x/y.ndjson: nope:// is not a protocol fsspec knows")


def test_stdin_is_linted_by_the_client_in_order(run_cli, client, data):
    lines = (data / "big.ndjson").read_bytes()[:50_000]
    lines = lines[: lines.rfind(b"\n") + 1]
    args = ("check", "-f", "json", str(data / "one.yaml"), "-", str(data / "dump.json"))
    local = run_cli(*args[:1], "--jobs", "1", *args[1:], input=lines)
    cluster = run_cli(*args[:1], "--dask", client.scheduler.address, *args[1:], input=lines)
    assert local.exit_code == cluster.exit_code == 1
    assert cluster.stdout == local.stdout and '"<stdin>"' in local.stdout


def test_a_worker_that_cannot_read_its_file_says_why(tmp_path):
    """What a worker gives back when a file is gone by the time it reads it (whole or a range)."""
    from terapi_lint.dask.tasks import Job, lint_units
    from terapi_lint.schema.loading import load_schema
    from terapi_lint.splitting import Unit

    url = f"file://{tmp_path}/gone.ndjson"
    job = Job.of(Settings(), load_schema(None))
    done = lint_units(job, [Unit(url, url), Unit(url, url, 0, 100, 100, "ndjson")])
    assert [str(d.unreadable) for d in done] == [f"{url}: cannot read: no such file, folder or bucket"] * 2
