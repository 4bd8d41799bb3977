"""The README's Quick start shape and its generated rule reference stay true."""

from __future__ import annotations

import re
import sys

from tests.conftest import ROOT


def test_quick_start_has_exactly_two_code_blocks_install_run_then_test():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Quick start\s*$(.*?)(?=^## )", text, re.M | re.S).group(1)
    blocks = re.findall(r"```\w*\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    assert "pip install ." in blocks[0] and "terapi-lint check" in blocks[0] and "examples/" in blocks[0]
    assert '".[test]"' in blocks[1] and "pytest" in blocks[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'python -m pip install --quiet ".[test]"' in ci and "python -m pytest" in ci


def test_rule_reference_is_generated_from_the_docstrings():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from update_rule_reference import render
    finally:
        sys.path.pop(0)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert render(text) == text, "run: python scripts/update_rule_reference.py"
