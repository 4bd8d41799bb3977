"""The official JSON-Schema-Test-Suite (draft 2020-12), run the way ``terapi-lint check --schema`` runs.

Each group's schema is written to a file and goes through :func:`load_schema` and a
:class:`Pipeline`, exactly as ``--schema`` does, with the suite's ``remotes/`` registered as a
schema folder at ``http://localhost:1234/`` (as the suite's README asks, never from the network:
sockets are disabled for the whole run).  A test is passed when the pipeline reports schema
findings exactly for the invalid instances, on the default path (jsonschema-rs, then jsonschema)
and on the fallback alone; and the fast check and the fallback must give the same verdict on
every case.  Formats are asserted (the default) except in the required ``format.json``, which the
specification makes annotation-only, and which must then pass with ``format_assertion=False``.

The per-file summary is printed at the end of the test run; docs/conformance.md has the counts.
"""

from __future__ import annotations

import json
import socket
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from terapi_lint.config import Settings
from terapi_lint.linter import Pipeline
from terapi_lint.schema.fallback import build_validator
from terapi_lint.schema.loading import SchemaLoadError, load_schema
from terapi_lint.schema.problems import fast_problems
from terapi_lint.schema.references import SchemaDir
from tests.conftest import CONFORMANCE_SUMMARY, shared_path
REMOTES = "http://localhost:1234/"

#: Cases not passed, with why.  None may be a false accept (an invalid instance judged valid).
KNOWN: dict[tuple[str, str, str], str] = {
    ("vocabulary.json", "schema that uses custom metaschema with with no validation vocabulary",
     "no validation: invalid number, but it still validates"):
        "a false reject: jsonschema does not read a custom meta-schema's $vocabulary, so the validation "
        "keywords still apply; jsonschema-rs would, so such a schema gets no fast check and the two agree",
}


def _suite_root() -> Path:
    """The suite's folder (and its remotes): skipped when ../shared is absent, a failure on CI."""
    shared_path("conformance", "jsts", "remotes")
    return shared_path("conformance", "jsts", "draft2020-12")


def _files() -> list[str]:
    root = shared_path("conformance", "jsts", "draft2020-12", optional=True)  # required by _suite_root
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.json")) if root else []


class _NoNetwork(socket.socket):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise OSError("the conformance run must not touch the network")


def _findings(pipeline: Pipeline, data: Any) -> list[tuple[str, tuple, str]]:
    return sorted((p.rule, p.path, p.message) for p in pipeline.schema_problems(data))


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """Every case of the suite, judged on every path, with sockets disabled throughout."""
    root = _suite_root()
    folder = tmp_path_factory.mktemp("jsts")
    remotes = SchemaDir(str(root.parent / "remotes"), REMOTES)
    out: dict[str, list[dict[str, Any]]] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket, "socket", _NoNetwork)
        for name in _files():
            cases = out[name] = []
            for index, group in enumerate(json.loads((root / name).read_text(encoding="utf-8"))):
                path = folder / f"{name.replace('/', '__')}-{index}.schema.json"
                path.write_text(json.dumps(group["schema"]), encoding="utf-8")
                assertion = name != "format.json"
                options = Settings(schema=str(path), schema_dirs=(remotes,), format_assertion=assertion)
                try:
                    default = Pipeline(options)
                    fallback_only = Pipeline(Settings(schema=str(path), schema_dirs=(remotes,),
                                                         format_assertion=assertion, fast=False))
                    refused = None
                except SchemaLoadError as error:
                    refused = str(error)
                for test in group["tests"]:
                    case = {"group": group["description"], "test": test["description"], "valid": test["valid"],
                            "refused": refused}
                    if refused is None:
                        data = test["data"]
                        case["findings"] = _findings(default, data), _findings(fallback_only, data)
                        case["default"], case["fallback"] = (not found for found in case["findings"])
                        case["jsonschema"] = fallback_only.validator.is_valid(data)
                        case["fast"] = default.fast_check(data) if default.fast_check else None
                        case["fast_errors"] = bool(case["fast"] is False and fast_problems(default.fast_check.errors(data)))
                    cases.append(case)
    return out


def _passed(case: dict[str, Any]) -> bool:
    return case["refused"] is None and case["default"] is case["valid"] and case["fallback"] is case["valid"] \
        and (case["fast"] is None or case["fast"] is case["jsonschema"])


def _key(name: str, case: dict[str, Any]) -> tuple[str, str, str]:
    return (name, case["group"], case["test"])


@pytest.fixture(scope="module", autouse=True)
def summary(request: pytest.FixtureRequest, results: dict[str, list[dict[str, Any]]]) -> None:
    lines, totals = [], Counter()
    for name, cases in results.items():
        passed = sum(_passed(c) for c in cases)
        fast = sum(c.get("fast") is not None for c in cases)
        invalid = sum(c["refused"] is None and not c["valid"] for c in cases)
        totals.update(cases=len(cases), passed=passed, fast=fast, invalid=invalid,
                      fast_errors=sum(c.get("fast_errors", False) for c in cases))
        lines.append(f"{name:<45} {passed:>4} passed  {len(cases) - passed:>3} not passed  ({fast} on the fast path)")
    lines.append(f"{'total':<45} {totals['passed']:>4} passed  {totals['cases'] - totals['passed']:>3} not passed  "
                 f"({totals['fast']} of {totals['cases']} on the fast path)")
    lines.append(f"findings of the {totals['invalid']} invalid cases from jsonschema-rs's errors: {totals['fast_errors']}, "
                 "the others from jsonschema; identical either way")
    request.config.stash[CONFORMANCE_SUMMARY] = lines


@pytest.mark.parametrize("name", _files() or ["absent"])
def test_suite_file(name: str, results: dict[str, list[dict[str, Any]]]) -> None:
    wrong = []
    for case in results[name]:
        if _passed(case) or _key(name, case) in KNOWN:
            continue
        wrong.append(f"{case['group']} / {case['test']}: expected valid={case['valid']}, "
                     + (f"schema refused: {case['refused']}" if case["refused"] else
                        f"got default={case['default']} fallback={case['fallback']} "
                        f"(fast={case['fast']} jsonschema={case['jsonschema']})"))
    assert not wrong, f"{name}: {len(wrong)} cases not passed:\n" + "\n".join(wrong)


def test_known_exceptions_are_real_and_never_false_accepts(results: dict[str, list[dict[str, Any]]]) -> None:
    by_key = {_key(name, case): case for name, cases in results.items() for case in cases}
    for key, reason in KNOWN.items():
        case = by_key[key]
        assert not _passed(case), f"{key} passes now: take it off the list"
        assert case["valid"] or case["refused"] or not (case["default"] or case["fallback"]), \
            f"{key} would be a false accept ({reason})"


def test_fast_findings_are_the_fallbacks_on_every_invalid_case(results: dict[str, list[dict[str, Any]]]) -> None:
    """Cheap findings: where the default path takes its findings from jsonschema-rs's errors they
    are the fallback's, rule, place and message, on every case the suite says is invalid."""
    invalid = [(name, c) for name, cases in results.items() for c in cases if c["refused"] is None and not c["valid"]]
    different = [f"{name}: {c['group']} / {c['test']}: {c['findings'][0]} != {c['findings'][1]}"
                 for name, c in invalid if c["findings"][0] != c["findings"][1]]
    assert not different, "\n".join(different)
    assert sum(c["fast_errors"] for _, c in invalid) > 500


def test_annotation_only_format_cases_pass_with_assertion_off(results: dict[str, list[dict[str, Any]]]) -> None:
    cases = results["format.json"]
    assert len(cases) > 100 and all(_passed(c) for c in cases)


def test_optional_format_cases_run_with_assertion_on(results: dict[str, list[dict[str, Any]]]) -> None:
    cases = [c for name, cs in results.items() if name.startswith("optional/format/") for c in cs]
    assert len(cases) >= 764
    assert sum(not c["valid"] for c in cases) > 300


def test_the_run_had_no_network(results: dict[str, list[dict[str, Any]]]) -> None:
    """The remote reference cases resolve from remotes/ only: the run above had sockets disabled."""
    remote = results["refRemote.json"]
    assert remote and all(_passed(c) for c in remote)
    assert any(c["refused"] is None and c["fast"] is not None for c in remote)


def test_no_suite_schema_is_refused(results: dict[str, list[dict[str, Any]]]) -> None:
    refused = sorted({c["refused"] for cases in results.values() for c in cases if c["refused"]})
    assert refused == []


def test_build_validator_accepts_a_bare_schema() -> None:
    assert build_validator({"type": "integer"}).is_valid(1)
    assert not build_validator(False).is_valid(1)
    with pytest.raises(SchemaLoadError):
        load_schema("/nonexistent/schema.json")
