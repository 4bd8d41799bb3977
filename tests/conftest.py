"""Shared test helpers: paths to the repo, its fixtures and the sibling ``shared/`` data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"

#: Lines the official-suite test leaves for the end of the run (see pytest_terminal_summary).
CONFORMANCE_SUMMARY = pytest.StashKey[list]()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Print the official JSON-Schema-Test-Suite summary, passed / not passed per file."""
    lines = config.stash.get(CONFORMANCE_SUMMARY, None)
    if lines:
        terminalreporter.write_sep("=", "JSON-Schema-Test-Suite (tests/unit/test_conformance.py)")
        for line in lines:
            terminalreporter.write_line(line)


def shared_path(*parts: str, module: bool = False, optional: bool = False) -> Path | None:
    """A file or folder under ``../shared`` (the data that sits beside the repository).

    When it is missing the test is skipped with a reason that names it, except on CI (``CI=true``)
    where it fails, so the tests behind the shared data never silently vanish.  ``module=True``
    skips or fails a whole test module from its top level.  ``optional=True`` returns None instead,
    for data that only adds cases at collection time (some other test must then require it).
    """
    path = SHARED.joinpath(*parts)
    if path.exists():
        return path
    if optional:
        return None
    reason = f"../shared/{'/'.join(parts)} is not present (the shared data sits beside the repository)"
    if os.environ.get("CI", "").strip().lower() == "true":  # on CI the shared data must be there
        pytest.fail(f"{reason}; on CI (CI=true) it is required", pytrace=False)
    pytest.skip(reason, allow_module_level=module)


@pytest.fixture
def run_cli():
    """Run the real command line in-process; returns click's Result (exit_code, stdout, stderr)."""
    from terapi_lint.cli import cli

    def run(*args: str, input: bytes | str | None = None, env: dict[str, str] | None = None):
        runner = CliRunner()
        return runner.invoke(cli, list(args), input=input, env=env, catch_exceptions=False)

    return run
