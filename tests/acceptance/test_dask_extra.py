"""Without the dask extra, ``--dask`` says how to install it (exit 2); a local run needs nothing of it."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT

SHIPPED = str(ROOT / "examples" / "dump.ndjson")


@pytest.mark.parametrize("module", ["dask", "distributed", "fsspec"])
def test_dask_without_the_extra_says_how_to_install_it(run_cli, monkeypatch, module):
    monkeypatch.setitem(sys.modules, module, None)  # what `import` finds when it is not installed
    result = run_cli("check", "--dask", "local:2", SHIPPED)
    assert result.exit_code == 2
    assert result.stderr == f'terapi-lint: --dask needs the dask extra ({module} is not installed): ' \
                            'pip install "terapi-lint[dask]"\n'
    assert result.stdout == ""


def test_a_local_run_does_not_import_the_extra(run_cli, monkeypatch):
    for module in ("dask", "distributed", "fsspec", "s3fs"):
        monkeypatch.setitem(sys.modules, module, None)
    assert run_cli("check", "--exit-zero", SHIPPED).exit_code == 0
