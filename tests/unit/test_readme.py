"""The README's Quick start stays true (also without ../shared), and its generated references."""

from __future__ import annotations

import re
import sys

import pytest

from tests.conftest import ROOT


def test_quick_start_has_exactly_two_code_blocks_install_run_then_test():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Quick start\s*$(.*?)(?=^## )", text, re.M | re.S).group(1)
    blocks = re.findall(r"```\w*\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    assert "pip install ." in blocks[0] and "terapi-lint check" in blocks[0] and "examples/" in blocks[0]
    assert '".[test,dask]"' in blocks[1] and "pytest" in blocks[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'python -m pip install --quiet ".[test,dask]"' in ci and "python -m pytest" in ci


def test_rule_and_settings_references_are_generated():
    """The rule reference comes from the rule docstrings, the settings one from the settings table."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from update_reference import render
    finally:
        sys.path.pop(0)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert render(text) == text, "run: python scripts/update_reference.py"


def test_settings_reference_names_every_flag_and_key():
    from terapi_lint.config import SETTINGS

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    reference = text.split("<!-- settings:start -->")[1].split("<!-- settings:end -->")[0]
    for setting in SETTINGS:
        for flag in setting.flags:
            assert f"`{flag.split('/')[0]}" in reference, flag
        if setting.key:
            assert f"`{setting.key}`" in reference, setting.key


def test_readme_configuration_example_is_a_valid_config(tmp_path):
    """The example a user copies must load: every key known, every rule name real."""
    from terapi_lint import rules
    from terapi_lint.config import load_config

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1]
    example = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    (tmp_path / "pyproject.toml").write_text(example, encoding="utf-8")
    config = load_config(tmp_path / "pyproject.toml", rules=rules.ALL_RULES)
    assert {"select", "severity", "allowlist", "per_file_ignores"} <= set(config.values)


def test_config_package_docstring_example_is_a_valid_config(tmp_path):
    import textwrap

    from terapi_lint import config, rules

    example = textwrap.dedent(config.__doc__.split("::\n", 1)[1].split("\nModules,", 1)[0])
    (tmp_path / "pyproject.toml").write_text(example, encoding="utf-8")
    values = config.load_config(tmp_path / "pyproject.toml", rules=rules.ALL_RULES).values
    assert {"select", "ignore", "severity", "allowlist"} <= set(values)


def test_missing_shared_data_skips_with_its_name_but_fails_on_ci(monkeypatch):
    from tests.conftest import shared_path

    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"\.\./shared/no/such\.json is not present"):
        shared_path("no", "such.json")
    assert shared_path("no", "such.json", optional=True) is None
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="on CI"):
        shared_path("no", "such.json")
