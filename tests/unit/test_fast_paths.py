"""The fast paths give byte-identical findings to the plain ones (issue 15).

An NDJSON line that is an object from its first byte goes straight to the fast parser and gets its
positions only when a finding asks (``loaders/ndjson.py``).  The plain path is the general one
every other line takes (``JSONBytes.load``, its cursor and position map); with ``records = ""``
(the whole line is the record) every line takes it, through the real code, so a run with that
setting is the reference.  Compared: findings as the JSON report writes them (every field), on
generated records with planted defects of every rule (secrets of every class included), on every
NDJSON fixture and example, and the records the loader yields, value and positions.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest

from terapi_lint.config import Settings
from terapi_lint.linter import lint_paths
from terapi_lint.loaders.base import Record
from terapi_lint.loaders.json_ import JSONBytes
from terapi_lint.loaders.ndjson import load_ndjson
from tests.unit.secret_fakes import all_specs, valid_specs

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402  (stdlib-only benchmark data generator)

sys.path.pop(0)


def _report(paths: list[Path], **settings: Any) -> list[dict[str, Any]]:
    result = lint_paths([str(p) for p in paths], Settings(jobs=1, **settings))
    assert result.complete and not result.unreadable
    return [f.to_dict() for f in result.findings]


def _same_both_ways(paths: list[Path]) -> list[dict[str, Any]]:
    fast = _report(paths)
    plain = _report(paths, records="")
    assert json.dumps(fast, ensure_ascii=False) == json.dumps(plain, ensure_ascii=False)
    return fast


def _defective_lines(n: int = 400) -> list[str]:
    """Generated records, most with a planted defect (every kind the generator plants: missing
    required member, bad enum, bad date-time, metadata as a string, GitHub/Slack/AWS secrets, a
    duplicate key), null expiry dates (wrong-type) and members the structure does not define."""
    gen = generate.records(n, seed=15, defect_rate=0.9, error_rate=0.2, extras=1)
    return [generate._json_record(rec, dup) for rec, dup in gen]


def _other_rules() -> list[str]:
    """Lines for the rules the generator does not plant, and object lines the fast path passes over
    (a line that is not an object is read as records by a pointer, so it has no reference here)."""
    rec = {"id": "conn-x", "provider_config_key": "github-prod", "provider": "github",
           "created_at": "2025-06-01T10:00:00Z", "updated_at": "2025-01-01T10:00:00Z",  # out of order
           "metadata": {"note": "plain"}, "credentials": {"type": "oauth2"}}
    line = json.dumps(rec)
    return [
        line, line,                      # duplicate-connection
        "  " + line,                     # leading blanks: the general path
        "",                              # a blank line
        '{"id": "conn-y", "provider": }',  # parse-error, its text scanned for secrets
        json.dumps({**rec, "id": 12, "credentials": "oauth2"}),  # wrong types
        json.dumps(rec, ensure_ascii=True).replace("github", "\\u0067ithub"),  # escapes
        json.dumps({**rec, "id": "conn-z", "n": 123456789012345678901234}),  # a long integer
    ]


def _secret_lines() -> list[str]:
    """Every record of the secret fixtures' generator: a credential of every class, and records
    that only look like one."""
    return [json.dumps(r, ensure_ascii=False) for spec in all_specs() + valid_specs() for r in spec.records]


@pytest.mark.parametrize("lines", [_defective_lines, _other_rules, _secret_lines], ids=lambda f: f.__name__)
def test_generated_ndjson_same_findings_fast_and_plain(tmp_path: Path, lines: Any) -> None:
    for ending in ("\n", "\r\n"):
        path = tmp_path / f"records{len(ending)}.ndjson"
        path.write_bytes(("\ufeff" + ending.join(lines()) + ending).encode("utf-8"))
        findings = _same_both_ways([path])
        assert findings  # the comparison is about something


def test_generated_ndjson_holds_every_planted_rule(tmp_path: Path) -> None:
    path = tmp_path / "dump.ndjson"
    path.write_text("\n".join(_defective_lines() + _other_rules() + _secret_lines()) + "\n", encoding="utf-8")
    rules = {f["rule"] for f in _same_both_ways([path])}
    assert rules >= {"missing-required", "invalid-enum", "invalid-date-time", "metadata-not-object", "secret-key",
                     "secret-value", "duplicate-key", "wrong-type", "unknown-field", "timestamps-out-of-order",
                     "duplicate-connection", "parse-error"}


def test_every_ndjson_fixture_and_example() -> None:
    paths = sorted((ROOT / "tests" / "fixtures").rglob("*.ndjson")) + sorted((ROOT / "examples").rglob("*.ndjson"))
    assert len(paths) > 10
    for path in paths:
        _same_both_ways([path])


def test_loader_records_match_the_plain_parse() -> None:
    """Each record of the fast line path: the value, place and every position the plain parse of
    that line gives."""
    lines = _defective_lines(200) + _secret_lines()
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    records = [item for item in load_ndjson(data) if isinstance(item, Record)]
    assert len(records) == len(lines)
    for number, (record, line) in enumerate(zip(records, lines)):
        raw = (line + "\n").encode("utf-8")
        plain = JSONBytes(raw, 0, line=number + 1).load(0, len(raw) - 1)
        assert (record.value, record.line, record.column, record.index) == (plain.value, number + 1, 1, number)
        expected, got = plain.positions(), record.positions()
        for path in _paths(plain.value):
            assert got.get(path) == expected.get(path), (number, path)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            out += _paths(child, path + (i,))
    return out


def test_plain_path_is_taken_with_a_records_pointer() -> None:
    """The reference really is another path: with a pointer, no record comes from the fast line."""
    line = json.dumps({"id": "a", "provider": "x", "provider_config_key": "x-prod"})
    fast = next(load_ndjson((line + "\n").encode()))
    plain = next(load_ndjson((line + "\n").encode(), records_pointer=()))
    assert type(fast.positions).__name__ == "function" and fast.positions.__qualname__.startswith("_positions")
    assert not plain.positions.__qualname__.startswith("_positions")


def test_random_lines_same_findings(tmp_path: Path) -> None:
    """Lines cut from real records at random places, and records joined without their line end."""
    rng = random.Random(15)
    lines = _defective_lines(100)
    mangled = [line[: rng.randrange(len(line))] if rng.random() < 0.3 else line for line in lines]
    path = tmp_path / "cut.ndjson"
    path.write_text("\n".join(mangled) + "\n", encoding="utf-8")
    _same_both_ways([path])


def test_fast_loads_depth_proof_at_the_length_limit() -> None:
    """A text no longer than MAX_DEPTH skips the bracket count: it cannot nest deeper than that.
    One byte longer, the count (and the depth walk) still sends a too-deep value to the exact parser."""
    from terapi_lint.loaders.json_ import MISS, fast_loads
    from terapi_lint.loaders.positions import MAX_DEPTH

    half = MAX_DEPTH // 2
    at_limit = b"[" * half + b"]" * half
    assert len(at_limit) == MAX_DEPTH and fast_loads(at_limit) is not MISS
    too_deep = b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1)
    assert fast_loads(too_deep) is MISS
    deep_enough = b"[" * MAX_DEPTH + b"]" * MAX_DEPTH
    assert fast_loads(deep_enough) is not MISS


@pytest.mark.parametrize("layout", ["one per line", "pretty"])
def test_array_records_match_the_exact_parse(layout: str) -> None:
    """Each record of an array read by the guessed-end fast path: the value, place and every
    position the exact parser gives for the whole document."""
    from terapi_lint.loaders import load
    from terapi_lint.loaders.positions import parse

    values = [json.loads(line) for line in _defective_lines(150) + _secret_lines()]
    if layout == "pretty":
        text = json.dumps(values, indent=2, ensure_ascii=False)
    else:
        text = "[\n" + ",\n".join(json.dumps(v, ensure_ascii=False) for v in values) + "\n]\n"
    exact = parse(text, line=1, column=1, whole=True)
    records = [item for item in load(text.encode("utf-8"), name="dump.json") if isinstance(item, Record)]
    assert len(records) == len(values)
    for i, record in enumerate(records):
        assert record.base == (i,) and record.value == exact.value[i]
        assert (record.line, record.column) == exact.positions[(i,)]
        got = record.positions()
        for path in _paths(record.value):
            assert got.get(path) == exact.positions.get((i,) + path), (i, path)
