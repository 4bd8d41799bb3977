"""Regenerate the references in README.md: the rules (from their docstrings) and the settings of
``check`` (from the settings table); and the page of each rule, ``docs/rules/<name>.md``.

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
from terapi_lint.ruledoc import rule_page_markdown, rule_reference_markdown  # noqa: E402


def _between(text: str, name: str, body: str) -> str:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}\n{end}{tail}"


def render(readme: str) -> str:
    readme = _between(readme, "settings", settings_reference_markdown())
    return _between(readme, "rules", rule_reference_markdown(rules.ALL_RULES))


def rule_pages() -> dict[str, str]:
    """``docs/rules/<name>.md`` of every rule: file name -> content."""
    return {f"{rule.NAME}.md": rule_page_markdown(rule) for rule in rules.ALL_RULES}


if __name__ == "__main__":
    path = ROOT / "README.md"
    path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
    pages = ROOT / "docs" / "rules"
    pages.mkdir(parents=True, exist_ok=True)
    wanted = rule_pages()
    for stale in pages.glob("*.md"):
        if stale.name not in wanted:
            stale.unlink()
    for name, text in wanted.items():
        (pages / name).write_text(text, encoding="utf-8")
