"""Shared test helpers: paths to the repo, its fixtures and the sibling ``shared/`` data."""

from __future__ import annotations

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


def shared_path(*parts: str) -> Path:
    """A file under ``../shared``; the test is skipped when that folder is not present."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (the shared data sits beside the repository)")
    return path


@pytest.fixture
def run_cli():
    """Run the real command line in-process; returns click's Result (exit_code, stdout, stderr)."""
    from terapi_lint.cli import cli

    def run(*args: str, input: bytes | str | None = None, env: dict[str, str] | None = None):
        runner = CliRunner()
        return runner.invoke(cli, list(args), input=input, env=env, catch_exceptions=False)

    return run
