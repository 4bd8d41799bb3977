"""Regenerate the references in README.md: the rules (from their docstrings) and the settings of
``check`` (from the settings table).

    python scripts/update_reference.py

Each sits between its ``<!-- NAME:start -->`` and ``<!-- NAME:end -->`` markers; a test fails when
either is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from terapi_lint import rules  # noqa: E402
from terapi_lint.config.reference import settings_reference_markdown  # noqa: E402
from terapi_lint.ruledoc import rule_reference_markdown  # noqa: E402


def _between(text: str, name: str, body: str) -> str:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}\n{end}{tail}"


def render(readme: str) -> str:
    readme = _between(readme, "settings", settings_reference_markdown())
    return _between(readme, "rules", rule_reference_markdown(rules.ALL_RULES))


if __name__ == "__main__":
    path = ROOT / "README.md"
    path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
