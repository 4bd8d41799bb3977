"""Regenerate the rule reference in README.md from the rule docstrings.

    python scripts/update_rule_reference.py

The reference sits between the ``rules:start`` and ``rules:end`` markers; a test fails when it is
out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from terapi_lint import rules  # noqa: E402
from terapi_lint.ruledoc import rule_reference_markdown  # noqa: E402

START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def render(readme: str) -> str:
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{rule_reference_markdown(rules.ALL_RULES)}\n{END}{tail}"


if __name__ == "__main__":
    path = ROOT / "README.md"
    path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
